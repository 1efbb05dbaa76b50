// PLAIN decoding of every physical type:
//   BOOLEAN  bit packed, LSB first        INT32/INT64/FLOAT/DOUBLE  little endian
//   INT96    12 bytes                      BYTE_ARRAY  4-byte LE length + bytes
//   FIXED_LEN_BYTE_ARRAY  type_length bytes
// Fixed-width values are copied (the machine is little endian, as the format);
// byte arrays are views into the page.
// Thread-safety: one thread per decoder.
#pragma once

#include <cstdint>
#include <cstring>

#include "common/result.h"
#include "formats/parquet/encoding/byte_array.h"

namespace floe::parquet {

class PlainDecoder {
 public:
  PlainDecoder(const uint8_t* data, int64_t size) : data_(data), size_(size) {}

  int64_t bytes_left() const { return size_ - pos_; }

  // `width`-byte values (INT32, INT64, FLOAT, DOUBLE, INT96, FIXED as bytes).
  Status GetFixed(int width, int64_t n, void* out) {
    int64_t bytes = n * width;
    if (n < 0 || bytes > size_ - pos_) {
      return Status::Corruption("PLAIN: {} values of {} bytes need {} bytes, page has {} left", n,
                                width, bytes, size_ - pos_);
    }
    if (bytes > 0) std::memcpy(out, data_ + pos_, static_cast<size_t>(bytes));
    pos_ += bytes;
    return Status::OK();
  }

  // FIXED_LEN_BYTE_ARRAY values as views.
  Status GetFixedRefs(int width, int64_t n, ByteArrayRef* out) {
    if (width < 0 || n * width > size_ - pos_) {
      return Status::Corruption("PLAIN: {} values of {} bytes need {} bytes, page has {} left", n,
                                width, n * width, size_ - pos_);
    }
    for (int64_t i = 0; i < n; ++i) {
      out[i] = ByteArrayRef{data_ + pos_, static_cast<uint32_t>(width)};
      pos_ += width;
    }
    return Status::OK();
  }

  Status GetByteArrays(int64_t n, ByteArrayRef* out) {
    for (int64_t i = 0; i < n; ++i) {
      if (size_ - pos_ < 4) return Status::Corruption("PLAIN: byte array {} length cut off", i);
      uint32_t len;
      std::memcpy(&len, data_ + pos_, 4);
      pos_ += 4;
      if (len > size_ - pos_) {
        return Status::Corruption("PLAIN: byte array {} claims {} bytes, page has {} left", i, len,
                                  size_ - pos_);
      }
      out[i] = ByteArrayRef{data_ + pos_, len};
      pos_ += len;
    }
    return Status::OK();
  }

  // BOOLEAN: bit packed, LSB first, continuing across calls.
  Status GetBooleans(int64_t n, uint8_t* out) {
    int64_t end_bit = bit_pos_ + n;
    if (n < 0 || (end_bit + 7) / 8 > size_ - pos_) {
      return Status::Corruption("PLAIN: {} booleans run past the page", n);
    }
    for (int64_t i = 0; i < n; ++i) {
      int64_t b = bit_pos_ + i;
      out[i] = (data_[pos_ + (b >> 3)] >> (b & 7)) & 1;
    }
    pos_ += end_bit >> 3;
    bit_pos_ = end_bit & 7;
    return Status::OK();
  }

 private:
  const uint8_t* data_;
  int64_t size_;
  int64_t pos_ = 0;
  int64_t bit_pos_ = 0;  // booleans: bits used of data_[pos_]
};

}  // namespace floe::parquet
