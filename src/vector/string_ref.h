// StringRef: the 16-byte slot of a string or binary value in a vector.
//
// Umbra/DuckDB layout: a 4-byte length, then either the bytes themselves
// (up to kInlineLength = 12, zero-padded) or a 4-byte prefix followed by a
// pointer to the bytes in a StringHeap. Short strings - most keys, codes and
// flags - therefore cost no heap space at all, and comparisons that differ
// in length or in the first four bytes never follow the pointer.
//
// A StringRef does not own its bytes: a non-inline one is valid only while
// the heap it points into lives (normally the vector that holds it).
//
// Thread-safety: a plain value; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/macros.h"

namespace floe {

class StringRef {
 public:
  static constexpr uint32_t kInlineLength = 12;
  static constexpr uint32_t kPrefixLength = 4;

  StringRef() = default;

  // Inline strings copy `data`; longer ones keep the pointer, which must stay
  // valid (use StringHeap::AddString to copy the bytes into a heap).
  StringRef(const char* data, uint32_t length) : length_(length) {
    if (length <= kInlineLength) {
      if (length != 0) std::memcpy(bytes_, data, length);
    } else {
      std::memcpy(bytes_, data, kPrefixLength);
      std::memcpy(bytes_ + kPrefixLength, &data, sizeof(data));
    }
  }

  uint32_t size() const { return length_; }
  bool empty() const { return length_ == 0; }
  bool IsInlined() const { return length_ <= kInlineLength; }

  const char* data() const {
    if (IsInlined()) return bytes_;
    const char* pointer;
    std::memcpy(&pointer, bytes_ + kPrefixLength, sizeof(pointer));
    return pointer;
  }
  std::string_view view() const { return std::string_view(data(), length_); }

  friend bool operator==(const StringRef& a, const StringRef& b) {
    // Length and prefix decide most comparisons without touching the heap.
    if (std::memcmp(&a, &b, sizeof(uint32_t) + kPrefixLength) != 0) return false;
    if (a.IsInlined()) return std::memcmp(a.bytes_, b.bytes_, kInlineLength) == 0;
    return std::memcmp(a.data(), b.data(), a.length_) == 0;
  }

 private:
  uint32_t length_ = 0;
  char bytes_[kInlineLength] = {};
};

static_assert(sizeof(StringRef) == 16, "StringRef must stay 16 bytes");

}  // namespace floe
