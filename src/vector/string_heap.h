// StringHeap: the arena that holds the bytes of a vector's long strings.
//
// Values are appended into large blocks, so filling a batch with strings costs
// a handful of allocations instead of one per value, and freeing the batch
// frees every block at once. Blocks never move, which keeps the StringRefs
// pointing into them valid as the heap grows (and when the owning vector is
// moved). Nothing is freed individually: overwriting a value leaves its old
// bytes in place until the heap is cleared.
//
// A heap can also pin memory it does not own (a decoded Parquet page, a
// dictionary): StringRefs may then point straight into it, which saves a copy
// per value; the pinned owners live as long as the heap's contents.
//
// Thread-safety: not thread-safe; one writer, or concurrent readers of a heap
// no one is writing to.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/macros.h"
#include "vector/string_ref.h"

namespace floe {

class StringHeap {
 public:
  static constexpr int64_t kMinBlockSize = 4 * 1024;
  static constexpr int64_t kMaxBlockSize = 1024 * 1024;

  StringHeap() = default;
  StringHeap(StringHeap&&) noexcept = default;
  StringHeap& operator=(StringHeap&&) noexcept = default;
  FLOE_DISALLOW_COPY_AND_ASSIGN(StringHeap);

  // `size` bytes that stay valid until Clear() or destruction.
  char* Allocate(int64_t size);

  // A StringRef for `bytes`: inline when short (no heap use), else pointing
  // at a copy in this heap.
  StringRef AddString(std::string_view bytes);

  // Keeps `owner` alive until Clear() or destruction, so StringRefs may point
  // into memory it owns. Pinning the most recently pinned owner again is free.
  void Pin(std::shared_ptr<const void> owner);

  // Frees every block and releases every pinned owner.
  void Clear();

  // Bytes obtained from the allocator / handed out to values.
  int64_t allocated_bytes() const { return allocated_bytes_; }
  int64_t used_bytes() const { return used_bytes_; }
  int64_t block_count() const { return static_cast<int64_t>(blocks_.size()); }
  int64_t pinned_count() const { return static_cast<int64_t>(pinned_.size()); }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::shared_ptr<const void>> pinned_;
  char* cursor_ = nullptr;
  int64_t remaining_ = 0;
  int64_t next_block_size_ = kMinBlockSize;
  int64_t allocated_bytes_ = 0;
  int64_t used_bytes_ = 0;
};

}  // namespace floe
