// Bit packing as Parquet defines it: values of `bit_width` bits laid out
// least significant bit first, in groups of 8 (so a group is bit_width bytes).
// Used by the RLE/bit-packed hybrid (levels, dictionary indices, booleans)
// and DELTA_BINARY_PACKED miniblocks.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <cstring>

namespace floe::parquet {

// Unpacks `count` values of `bit_width` (0..64) bits starting at bit 0 of
// `in`, which holds at least ceil(count * bit_width / 8) bytes, into `out`.
// T is wide enough for bit_width (callers check).
template <typename T>
void UnpackBits(const uint8_t* in, int64_t in_bytes, int bit_width, int64_t count, T* out) {
  if (bit_width == 0) {
    for (int64_t i = 0; i < count; ++i) out[i] = 0;
    return;
  }
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  int64_t i = 0;
  // Fast path: an unaligned 8-byte load covers one value when shift + width
  // <= 64, and the load stays in bounds.
  if (bit_width <= 56) {
    for (; i < count; ++i) {
      const int64_t bit = i * bit_width;
      const int64_t byte = bit >> 3;
      if (byte + 8 > in_bytes) break;
      uint64_t word;
      std::memcpy(&word, in + byte, 8);
      out[i] = static_cast<T>((word >> (bit & 7)) & mask);
    }
  }
  // Tail (and widths over 56 bits): assemble byte by byte.
  for (; i < count; ++i) {
    const int64_t bit = i * bit_width;
    int64_t byte = bit >> 3;
    const int shift = static_cast<int>(bit & 7);
    uint64_t value = 0;
    int got = -shift;
    while (got < bit_width) {
      uint64_t b = byte < in_bytes ? in[byte] : 0;
      value |= got >= 0 ? b << got : b >> -got;
      got += 8;
      ++byte;
    }
    out[i] = static_cast<T>(value & mask);
  }
}

// Packs `count` values into `out` (ceil(count * bit_width / 8) bytes, zeroed
// by the caller). Values must fit in bit_width bits.
template <typename T>
void PackBits(const T* values, int64_t count, int bit_width, uint8_t* out) {
  if (bit_width == 0) return;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t v = static_cast<uint64_t>(values[i]);
    int64_t bit = i * bit_width;
    int remaining = bit_width;
    while (remaining > 0) {
      const int64_t byte = bit >> 3;
      const int shift = static_cast<int>(bit & 7);
      const int take = remaining < 8 - shift ? remaining : 8 - shift;
      out[byte] |= static_cast<uint8_t>((v & ((uint64_t{1} << take) - 1)) << shift);
      v >>= take;
      bit += take;
      remaining -= take;
    }
  }
}

// Bits needed to represent v (0 for 0).
inline int BitWidth(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

}  // namespace floe::parquet
