// ColumnBatch: what a ColumnChunkReader hands to the record assembler — the
// definition and repetition levels of whole records of one leaf column, and
// its non-null values in physical form.
//
// One level entry per leaf slot: a value, a NULL at some nesting depth, or an
// empty list. Values exist only for entries whose definition level equals the
// column's maximum, in order. Values are either plain (fixed or binary) or,
// when the reader keeps dictionary encoding, indices into `dictionary`.
//
// Binary values are views into page buffers that `keep_alive` holds, so a
// batch stays valid after the reader moves on.
//
// Thread-safety: a value type; one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/buffer.h"
#include "formats/parquet/encoding/byte_array.h"
#include "formats/parquet/schema.h"

namespace floe::parquet {

// Non-null values of one column in physical form.
struct DecodedValues {
  PhysicalType physical_type = PhysicalType::kBoolean;
  // Byte width of one fixed value: 1 (BOOLEAN as 0/1), 4, 8, 12 (INT96);
  // for FIXED_LEN_BYTE_ARRAY the type length (values are in `binary`).
  int32_t width = 0;
  int64_t count = 0;
  // BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE: count * width bytes.
  std::vector<uint8_t> fixed;
  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY: one view per value.
  std::vector<ByteArrayRef> binary;
  // Buffers the views point into.
  std::vector<std::shared_ptr<const Buffer>> keep_alive;

  void Clear() {
    count = 0;
    fixed.clear();
    binary.clear();
    keep_alive.clear();
  }
};

struct ColumnBatch {
  // Empty when the column's max definition level is 0 (every entry is a value)
  // or when def_levels_omitted.
  std::vector<int16_t> def_levels;
  // Max definition level 1, no repetition, and every entry is defined: the
  // levels are not materialised (see ColumnChunkReaderOptions).
  bool def_levels_omitted = false;
  // Empty when the column's max repetition level is 0 (one entry per record).
  std::vector<int16_t> rep_levels;
  int64_t num_levels = 0;
  int64_t num_records = 0;

  // Plain values, used when `dictionary` is null.
  DecodedValues values;
  // Dictionary form: one index per value into `dictionary`'s values.
  std::shared_ptr<const DecodedValues> dictionary;
  std::vector<uint32_t> indices;

  bool is_dictionary() const { return dictionary != nullptr; }
  int64_t num_values() const {
    return is_dictionary() ? static_cast<int64_t>(indices.size()) : values.count;
  }

  void Clear() {
    def_levels.clear();
    def_levels_omitted = false;
    rep_levels.clear();
    num_levels = 0;
    num_records = 0;
    values.Clear();
    dictionary.reset();
    indices.clear();
  }
};

}  // namespace floe::parquet
