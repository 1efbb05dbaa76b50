#include "vector/string_heap.h"

#include <algorithm>
#include <cstring>

namespace floe {

char* StringHeap::Allocate(int64_t size) {
  FLOE_DCHECK(size >= 0);
  used_bytes_ += size;
  if (size > remaining_) {
    if (size > next_block_size_ / 2) {
      // A large value gets a block of its own, so the current block's free
      // space is not abandoned and block sizes do not balloon.
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
      allocated_bytes_ += size;
      return blocks_.back().get();
    }
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(next_block_size_));
    allocated_bytes_ += next_block_size_;
    cursor_ = blocks_.back().get();
    remaining_ = next_block_size_;
    // Grow geometrically so that big batches need few blocks.
    next_block_size_ = std::min(next_block_size_ * 2, kMaxBlockSize);
  }
  char* result = cursor_;
  cursor_ += size;
  remaining_ -= size;
  return result;
}

StringRef StringHeap::AddString(std::string_view bytes) {
  const auto length = static_cast<uint32_t>(bytes.size());
  FLOE_DCHECK(bytes.size() == length);
  if (length <= StringRef::kInlineLength) return StringRef(bytes.data(), length);
  char* copy = Allocate(length);
  std::memcpy(copy, bytes.data(), length);
  return StringRef(copy, length);
}

void StringHeap::Pin(std::shared_ptr<const void> owner) {
  if (owner == nullptr || (!pinned_.empty() && pinned_.back() == owner)) return;
  pinned_.push_back(std::move(owner));
}

void StringHeap::Clear() {
  blocks_.clear();
  pinned_.clear();
  cursor_ = nullptr;
  remaining_ = 0;
  next_block_size_ = kMinBlockSize;
  allocated_bytes_ = 0;
  used_bytes_ = 0;
}

}  // namespace floe
