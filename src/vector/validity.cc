#include "vector/validity.h"

#include <algorithm>
#include <cstring>

namespace floe {

void ValidityMask::AllocateAllValid() {
  const int64_t words = std::max<int64_t>(bit_util::WordsForBits(capacity_), 1);
  words_ = std::make_unique_for_overwrite<uint64_t[]>(words);
  std::fill_n(words_.get(), words, ~uint64_t{0});
}

void ValidityMask::SetAllInvalid(int64_t count) {
  FLOE_DCHECK(count >= 0 && count <= capacity_);
  if (words_ == nullptr) AllocateAllValid();
  const int64_t full_words = count >> 6;
  std::fill_n(words_.get(), full_words, uint64_t{0});
  for (int64_t row = full_words << 6; row < count; ++row) bit_util::ClearBit(words_.get(), row);
}

void ValidityMask::Resize(int64_t capacity) {
  if (words_ != nullptr) {
    const int64_t old_words = std::max<int64_t>(bit_util::WordsForBits(capacity_), 1);
    const int64_t new_words = std::max<int64_t>(bit_util::WordsForBits(capacity), 1);
    auto resized = std::make_unique_for_overwrite<uint64_t[]>(new_words);
    std::fill_n(resized.get(), new_words, ~uint64_t{0});
    std::memcpy(resized.get(), words_.get(), std::min(old_words, new_words) * sizeof(uint64_t));
    // Rows past the old capacity start valid, whatever the old tail bits held.
    for (int64_t row = capacity_; row < std::min(capacity, old_words * 64); ++row) {
      bit_util::SetBit(resized.get(), row);
    }
    words_ = std::move(resized);
  }
  capacity_ = capacity;
}

int64_t ValidityMask::CountValid(int64_t count) const {
  FLOE_DCHECK(count >= 0 && count <= capacity_);
  if (words_ == nullptr) return count;
  return bit_util::CountSetBits(words_.get(), count);
}

}  // namespace floe
