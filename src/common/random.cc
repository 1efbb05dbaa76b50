#include "common/random.h"

#include <sys/random.h>

#include <cerrno>
#include <random>

namespace floe {

void FillRandom(void* out, size_t size) {
  auto* bytes = static_cast<unsigned char*>(out);
  size_t done = 0;
  while (done < size) {
    const ssize_t got = ::getrandom(bytes + done, size - done, 0);
    if (got > 0) {
      done += static_cast<size_t>(got);
    } else if (got < 0 && errno != EINTR) {
      break;  // no getrandom (very old kernels): fall back below
    }
  }
  if (done < size) {
    std::random_device device;  // reads the kernel's source per call as well
    for (; done < size; ++done) bytes[done] = static_cast<unsigned char>(device());
  }
}

}  // namespace floe
