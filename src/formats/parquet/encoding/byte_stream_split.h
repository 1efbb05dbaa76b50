// BYTE_STREAM_SPLIT: for N values of W bytes, byte k of value i is stored at
// k * N + i (all first bytes, then all second bytes, ...). Valid for FLOAT,
// DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>

#include "common/result.h"

namespace floe::parquet {

// Decodes all `num_values` values of `width` bytes from a page's `data`
// (exactly num_values * width bytes) into `out`.
inline Status DecodeByteStreamSplit(const uint8_t* data, int64_t size, int width,
                                    int64_t num_values, uint8_t* out) {
  if (width <= 0 || num_values < 0 || num_values * width != size) {
    return Status::Corruption("BYTE_STREAM_SPLIT: {} values of {} bytes but page data has {} bytes",
                              num_values, width, size);
  }
  for (int k = 0; k < width; ++k) {
    const uint8_t* stream = data + k * num_values;
    for (int64_t i = 0; i < num_values; ++i) out[i * width + k] = stream[i];
  }
  return Status::OK();
}

inline void EncodeByteStreamSplit(const uint8_t* values, int width, int64_t num_values,
                                  uint8_t* out) {
  for (int k = 0; k < width; ++k) {
    for (int64_t i = 0; i < num_values; ++i) out[k * num_values + i] = values[i * width + k];
  }
}

}  // namespace floe::parquet
