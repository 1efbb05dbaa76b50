// Buffer: an immutable, contiguous block of bytes shared by reference.
//
// Reads from storage hand out shared_ptr<const Buffer> so a page, a footer or
// a whole small file can be held by several readers without copying.
// Allocation is checked: the size comes from a caller that may have taken it
// from an untrusted file, so Allocate() refuses sizes beyond a hard cap
// instead of aborting on bad_alloc.
//
// Thread-safety: immutable after construction; safe to share across threads.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace floe {

class Buffer {
 public:
  // The largest single buffer Floe allocates (4 GiB). Anything bigger in a
  // file is corrupt or hostile.
  static constexpr int64_t kMaxSize = int64_t{1} << 32;

  // Uninitialised storage of `size` bytes, to be filled before it is shared.
  static Result<std::unique_ptr<Buffer>> Allocate(int64_t size);
  static std::shared_ptr<const Buffer> FromString(std::string data);

  const uint8_t* data() const { return data_.get(); }
  uint8_t* mutable_data() { return data_.get(); }
  int64_t size() const { return size_; }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_.get()), static_cast<size_t>(size_)};
  }

 private:
  struct FreeDeleter {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  struct PassKey {};

 public:
  Buffer(PassKey, uint8_t* data, int64_t size) : data_(data), size_(size) {}

 private:
  std::unique_ptr<uint8_t, FreeDeleter> data_;
  int64_t size_;
};

}  // namespace floe
