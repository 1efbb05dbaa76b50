// DELTA_LENGTH_BYTE_ARRAY (lengths as DELTA_BINARY_PACKED, then all bytes)
// and DELTA_BYTE_ARRAY (prefix lengths as DELTA_BINARY_PACKED, then suffixes
// as DELTA_LENGTH_BYTE_ARRAY; value i = prefix of value i-1 + suffix i).
//
// Both decode a whole page at construction: the lengths must all be read
// before the bytes anyway. DELTA_BYTE_ARRAY values are rebuilt into one
// buffer owned by the decoder, whose size is checked before allocating.
// Thread-safety: one thread per decoder.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "formats/parquet/encoding/byte_array.h"

namespace floe::parquet {

class DeltaLengthByteArrayDecoder {
 public:
  // `num_values` is the page's count of non-null values.
  static Result<DeltaLengthByteArrayDecoder> Make(const uint8_t* data, int64_t size,
                                                  int64_t num_values);
  // Bytes of `data` the encoding used (DELTA_BYTE_ARRAY reads on from there).
  int64_t bytes_consumed() const { return consumed_; }
  const std::vector<ByteArrayRef>& values() const { return values_; }

 private:
  std::vector<ByteArrayRef> values_;
  int64_t consumed_ = 0;
};

class DeltaByteArrayDecoder {
 public:
  static Result<DeltaByteArrayDecoder> Make(const uint8_t* data, int64_t size, int64_t num_values);
  // Views into buffer().
  const std::vector<ByteArrayRef>& values() const { return values_; }
  // Owns the rebuilt bytes; share it to keep the views valid.
  const std::shared_ptr<const Buffer>& buffer() const { return buffer_; }

  // Upper bound for the rebuilt values of one page.
  static constexpr int64_t kMaxDecodedBytes = int64_t{512} << 20;

 private:
  std::shared_ptr<const Buffer> buffer_;
  std::vector<ByteArrayRef> values_;
};

// Encoders (used by the writer's v2 pages and by tests).
void EncodeDeltaLengthByteArray(const std::vector<std::string_view>& values,
                                std::vector<uint8_t>& out);
void EncodeDeltaByteArray(const std::vector<std::string_view>& values, std::vector<uint8_t>& out);

}  // namespace floe::parquet
