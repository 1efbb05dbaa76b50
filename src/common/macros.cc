#include "common/macros.h"

#include <cstdio>
#include <cstdlib>

namespace floe::internal {

void DieWith(std::string_view what, std::string_view detail, const char* file, int line) {
  std::fprintf(stderr, "floe: fatal: %.*s%s%.*s (%s:%d)\n", static_cast<int>(what.size()),
               what.data(), detail.empty() ? "" : ": ", static_cast<int>(detail.size()),
               detail.data(), file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace floe::internal
