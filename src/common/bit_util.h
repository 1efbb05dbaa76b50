// Bitmap helpers over 64-bit words, least significant bit first.
//
// On a little-endian machine this is the same byte layout as Arrow's and
// Parquet's validity bitmaps, so bitmaps can be handed over without
// reshuffling. Word-sized operations keep counting and scanning cheap.
//
// Thread-safety: stateless functions; callers synchronise access to the words.
#pragma once

#include <bit>
#include <cstdint>

namespace floe::bit_util {

constexpr int64_t WordsForBits(int64_t bits) { return (bits + 63) / 64; }

inline bool GetBit(const uint64_t* words, int64_t i) { return (words[i >> 6] >> (i & 63)) & 1; }
inline void SetBit(uint64_t* words, int64_t i) { words[i >> 6] |= uint64_t{1} << (i & 63); }
inline void ClearBit(uint64_t* words, int64_t i) { words[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
inline void SetBitTo(uint64_t* words, int64_t i, bool value) {
  value ? SetBit(words, i) : ClearBit(words, i);
}

// Number of set bits among the first `num_bits` bits.
inline int64_t CountSetBits(const uint64_t* words, int64_t num_bits) {
  int64_t count = 0;
  const int64_t full_words = num_bits >> 6;
  for (int64_t w = 0; w < full_words; ++w) count += std::popcount(words[w]);
  const int64_t tail = num_bits & 63;
  if (tail != 0) count += std::popcount(words[full_words] & ((uint64_t{1} << tail) - 1));
  return count;
}

}  // namespace floe::bit_util
