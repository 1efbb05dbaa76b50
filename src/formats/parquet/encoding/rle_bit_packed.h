// The RLE / bit-packing hybrid encoding: definition and repetition levels,
// dictionary indices (RLE_DICTIONARY) and RLE booleans.
//
//   runs := (rle-run | bit-packed-run)*
//   rle-run:        varint(count << 1),       value in ceil(bit_width/8) bytes LE
//   bit-packed-run: varint(groups << 1 | 1),  groups * 8 values bit packed
//
// The decoder yields values until its data ends; a final bit-packed run cut
// short yields only the values fully present (as other readers do).
// Thread-safety: one thread per decoder/encoder.
#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"

namespace floe::parquet {

class RleBitPackedDecoder {
 public:
  // `bit_width` must be in 0..32 (checked by Make).
  static Result<RleBitPackedDecoder> Make(const uint8_t* data, int64_t size, int bit_width);

  // Decodes up to `n` values into `out`; returns how many, fewer than `n`
  // only when the data ends.
  template <typename T>
  Result<int64_t> GetBatch(T* out, int64_t n);

  // Skips up to `n` values; returns how many were skipped.
  Result<int64_t> Skip(int64_t n);

 private:
  RleBitPackedDecoder(const uint8_t* data, int64_t size, int bit_width)
      : data_(data), size_(size), bit_width_(bit_width) {}
  // Loads the next run header; false at the end of the data.
  Result<bool> NextRun();

  const uint8_t* data_;
  int64_t size_;
  int bit_width_;
  int64_t pos_ = 0;
  // The current run.
  bool rle_ = false;
  int64_t run_remaining_ = 0;
  uint32_t rle_value_ = 0;
  const uint8_t* packed_ = nullptr;  // start of the bit-packed run
  int64_t packed_bytes_ = 0;
  int64_t packed_index_ = 0;  // next value within the bit-packed run
};

// Collects values, then writes them as the hybrid encoding: runs of 8 or more
// equal values as RLE runs, the rest bit packed.
class RleBitPackedEncoder {
 public:
  explicit RleBitPackedEncoder(int bit_width) : bit_width_(bit_width) {}

  void Put(uint32_t value) { values_.push_back(value); }
  void PutRepeated(uint32_t value, int64_t count) { values_.insert(values_.end(), count, value); }
  int64_t size() const { return static_cast<int64_t>(values_.size()); }

  // Appends the encoded runs to `out` and clears the encoder.
  void FinishInto(std::vector<uint8_t>& out);

 private:
  void EmitLiterals(std::vector<uint8_t>& out, int64_t begin, int64_t end, bool last);

  int bit_width_;
  std::vector<uint32_t> values_;
};

}  // namespace floe::parquet
