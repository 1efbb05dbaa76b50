// ByteArrayRef: one BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY value as decoders hand
// it out — a view into the page (PLAIN, DELTA_LENGTH_BYTE_ARRAY) or into the
// decoder's own buffer (DELTA_BYTE_ARRAY), valid while that storage lives.
#pragma once

#include <cstdint>
#include <string_view>

namespace floe::parquet {

struct ByteArrayRef {
  const uint8_t* data = nullptr;
  uint32_t length = 0;

  std::string_view view() const { return {reinterpret_cast<const char*>(data), length}; }
};

}  // namespace floe::parquet
