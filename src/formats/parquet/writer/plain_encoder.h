// PlainEncoder: PLAIN encoding of a page's (or a dictionary's) values into a
// growing buffer, for every Parquet value type the writer produces:
//   bool                    bit packed, LSB first
//   int32/int64/float/double little endian (the machine's order)
//   std::string_view        BYTE_ARRAY: 4-byte little-endian length + bytes;
//                           FIXED_LEN_BYTE_ARRAY (fixed_length > 0): the bytes
//
// Thread-safety: one thread per encoder.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <vector>

namespace floe::parquet {

template <typename T>
class PlainEncoder {
 public:
  // `fixed_length`: byte width of FIXED_LEN_BYTE_ARRAY values, 0 otherwise.
  explicit PlainEncoder(int32_t fixed_length = 0) : fixed_length_(fixed_length) {}

  void Put(const T* values, int64_t count) {
    if constexpr (std::is_same_v<T, bool>) {
      const int64_t end_bit = bit_count_ + count;
      buffer_.resize(static_cast<size_t>((end_bit + 7) / 8), 0);
      for (int64_t i = 0; i < count; ++i) {
        const int64_t bit = bit_count_ + i;
        if (values[i]) buffer_[bit >> 3] |= static_cast<uint8_t>(1u << (bit & 7));
      }
      bit_count_ = end_bit;
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      for (int64_t i = 0; i < count; ++i) {
        const std::string_view v = values[i];
        const size_t at = buffer_.size();
        if (fixed_length_ > 0) {
          buffer_.resize(at + v.size());
          if (!v.empty()) std::memcpy(buffer_.data() + at, v.data(), v.size());
        } else {
          const auto length = static_cast<uint32_t>(v.size());
          buffer_.resize(at + 4 + v.size());
          std::memcpy(buffer_.data() + at, &length, 4);
          if (!v.empty()) std::memcpy(buffer_.data() + at + 4, v.data(), v.size());
        }
      }
    } else {
      const size_t at = buffer_.size();
      buffer_.resize(at + sizeof(T) * static_cast<size_t>(count));
      if (count > 0)
        std::memcpy(buffer_.data() + at, values, sizeof(T) * static_cast<size_t>(count));
    }
  }

  // Encoded bytes so far.
  int64_t size() const { return static_cast<int64_t>(buffer_.size()); }
  const std::vector<uint8_t>& buffer() const { return buffer_; }

  void Clear() {
    buffer_.clear();
    bit_count_ = 0;
  }

 private:
  int32_t fixed_length_;
  std::vector<uint8_t> buffer_;
  int64_t bit_count_ = 0;  // booleans written
};

}  // namespace floe::parquet
