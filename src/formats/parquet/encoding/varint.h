// ULEB128 and zigzag varints as Parquet's encodings use them (RLE run
// headers, DELTA_BINARY_PACKED headers), read through a bounded cursor.
//
// Thread-safety: a ByteCursor is used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace floe::parquet {

// A read position within [data, data + size). Every read is bounds-checked:
// page contents come from files and may be truncated or hostile.
class ByteCursor {
 public:
  ByteCursor(const uint8_t* data, int64_t size) : data_(data), size_(size) {}

  int64_t position() const { return pos_; }
  int64_t remaining() const { return size_ - pos_; }
  const uint8_t* current() const { return data_ + pos_; }

  Result<uint64_t> ReadUleb128() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) return Status::Corruption("varint runs past the end of its data");
      uint8_t byte = data_[pos_++];
      // The 10th byte may carry only the top bit of a 64-bit value.
      if (shift == 63 && (byte & 0x7e) != 0) return Status::Corruption("varint overflows 64 bits");
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return Status::Corruption("varint longer than 10 bytes");
  }

  Result<int64_t> ReadZigZag() {
    FLOE_ASSIGN_OR_RETURN(uint64_t u, ReadUleb128());
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }

  Result<const uint8_t*> ReadBytes(int64_t n) {
    if (n < 0 || n > remaining()) {
      return Status::Corruption("needs {} bytes at offset {}, only {} left", n, pos_, remaining());
    }
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }

 private:
  const uint8_t* data_;
  int64_t size_;
  int64_t pos_ = 0;
};

inline void AppendUleb128(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

inline void AppendZigZag(std::vector<uint8_t>& out, int64_t v) {
  AppendUleb128(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

}  // namespace floe::parquet
