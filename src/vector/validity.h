// ValidityMask: which rows of a vector hold a value (bit set) or NULL.
//
// The bitmap is allocated only when the first NULL is written; until then
// every row is valid and the mask is a null pointer, so NOT NULL columns pay
// neither memory nor per-row work (AllValid() lets loops skip the checks).
// Bits are LSB-first in 64-bit words (common/bit_util.h), as in Arrow.
//
// Thread-safety: not thread-safe for writes; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <memory>

#include "common/bit_util.h"
#include "common/macros.h"

namespace floe {

class ValidityMask {
 public:
  explicit ValidityMask(int64_t capacity = 0) : capacity_(capacity) {}
  ValidityMask(ValidityMask&&) noexcept = default;
  ValidityMask& operator=(ValidityMask&&) noexcept = default;
  FLOE_DISALLOW_COPY_AND_ASSIGN(ValidityMask);

  int64_t capacity() const { return capacity_; }
  bool AllValid() const { return words_ == nullptr; }

  bool RowIsValid(int64_t row) const {
    FLOE_DCHECK(row >= 0 && row < capacity_);
    return words_ == nullptr || bit_util::GetBit(words_.get(), row);
  }
  void SetInvalid(int64_t row) {
    FLOE_DCHECK(row >= 0 && row < capacity_);
    if (words_ == nullptr) AllocateAllValid();
    bit_util::ClearBit(words_.get(), row);
  }
  void SetValid(int64_t row) {
    FLOE_DCHECK(row >= 0 && row < capacity_);
    if (words_ != nullptr) bit_util::SetBit(words_.get(), row);
  }
  void Set(int64_t row, bool valid) { valid ? SetValid(row) : SetInvalid(row); }

  // Rows [0, count) all NULL.
  void SetAllInvalid(int64_t count);
  // Back to "every row valid", dropping the bitmap.
  void Reset() { words_.reset(); }
  // Keeps the bits of rows below both the old and the new capacity.
  void Resize(int64_t capacity);
  int64_t CountValid(int64_t count) const;

  // The raw words, for decoders that produce bitmaps directly. The mutable
  // form allocates the bitmap (all valid) if there is none yet.
  const uint64_t* data() const { return words_.get(); }
  uint64_t* MutableData() {
    if (words_ == nullptr) AllocateAllValid();
    return words_.get();
  }

 private:
  void AllocateAllValid();

  int64_t capacity_;
  std::unique_ptr<uint64_t[]> words_;
};

}  // namespace floe
