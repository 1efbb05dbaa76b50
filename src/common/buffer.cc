#include "common/buffer.h"

#include <cstring>

namespace floe {

Result<std::unique_ptr<Buffer>> Buffer::Allocate(int64_t size) {
  if (size < 0 || size > kMaxSize) {
    return Status::InvalidArgument("cannot allocate a buffer of {} bytes (limit {})", size,
                                   kMaxSize);
  }
  // malloc so an exhausted heap is a Status, not an exception.
  auto* data = static_cast<uint8_t*>(std::malloc(size == 0 ? 1 : static_cast<size_t>(size)));
  if (data == nullptr) return Status::IOError("out of memory allocating {} bytes", size);
  return std::make_unique<Buffer>(PassKey{}, data, size);
}

std::shared_ptr<const Buffer> Buffer::FromString(std::string data) {
  auto buffer = Allocate(static_cast<int64_t>(data.size()));
  FLOE_CHECK(buffer.has_value(), buffer.error().ToString());
  if (!data.empty()) std::memcpy(buffer.value()->mutable_data(), data.data(), data.size());
  return std::shared_ptr<const Buffer>(std::move(buffer).value());
}

}  // namespace floe
