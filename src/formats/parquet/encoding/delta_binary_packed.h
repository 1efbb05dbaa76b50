// DELTA_BINARY_PACKED for INT32 and INT64, and the length/prefix streams of
// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
//
//   header: varint block_size, varint miniblocks_per_block, varint total_count,
//           zigzag first_value
//   block:  zigzag min_delta, one bit-width byte per miniblock, miniblocks
//
// Arithmetic wraps in the column's width (as the spec requires), so int32
// columns decode with 32-bit deltas and never need more than 32 bits.
// Thread-safety: one thread per decoder/encoder.
#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include "common/result.h"

namespace floe::parquet {

template <typename T>  // int32_t or int64_t
class DeltaBinaryPackedDecoder {
 public:
  // Reads the header.
  static Result<DeltaBinaryPackedDecoder> Make(const uint8_t* data, int64_t size);

  int64_t total_values() const { return total_values_; }
  int64_t values_left() const { return values_left_; }

  // Decodes up to `n` values; fewer only when the stream holds fewer.
  Result<int64_t> GetBatch(T* out, int64_t n);

  // Bytes used so far; after the last value, where data that follows the
  // stream (DELTA_LENGTH_BYTE_ARRAY's bytes) begins.
  int64_t bytes_consumed() const { return pos_; }

 private:
  using U = std::make_unsigned_t<T>;
  DeltaBinaryPackedDecoder(const uint8_t* data, int64_t size) : data_(data), size_(size) {}
  Status NextBlock();
  Status NextMiniblock();

  const uint8_t* data_;
  int64_t size_;
  int64_t pos_ = 0;
  int64_t values_per_block_ = 0;
  int64_t miniblocks_per_block_ = 0;
  int64_t values_per_miniblock_ = 0;
  int64_t total_values_ = 0;
  int64_t values_left_ = 0;
  bool first_pending_ = true;
  U last_value_ = 0;
  U min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  int64_t miniblock_index_ = 0;  // next miniblock of the current block
  std::vector<U> deltas_;        // the current miniblock, unpacked
  int64_t delta_index_ = 0;
};

template <typename T>
class DeltaBinaryPackedEncoder {
 public:
  void Put(T value) { values_.push_back(value); }
  int64_t size() const { return static_cast<int64_t>(values_.size()); }
  // Appends the encoded stream (block of 128 values, 4 miniblocks) and clears.
  void FinishInto(std::vector<uint8_t>& out);

 private:
  std::vector<T> values_;
};

}  // namespace floe::parquet
