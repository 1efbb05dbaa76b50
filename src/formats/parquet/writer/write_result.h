// ParquetWriteResult: what a closed ParquetWriter reports about its file -
// everything Iceberg records for a data file (record count, size, split
// offsets, and per leaf column value/null/NaN counts, bounds and sizes).
//
// Bounds are in the Parquet statistics form (PLAIN encoding without the
// BYTE_ARRAY length prefix: little-endian ints and floats, big-endian
// two's-complement bytes for FIXED_LEN_BYTE_ARRAY decimals, raw bytes for
// strings and binary), merged over the file's row groups, with whether they
// are the exact minimum/maximum or a truncated bound. Iceberg converts them to
// its own single-value serialization.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vector/logical_type.h"

namespace floe::parquet {

struct ParquetColumnMetrics {
  // The leaf's Iceberg field id, when the schema gave one.
  std::optional<int32_t> field_id;
  // Names from below the root to the leaf, as in the Parquet schema
  // ("tags", "list", "element"), and joined with '.'.
  std::vector<std::string> path;
  std::string dotted_path;
  // The type of the leaf's values.
  LogicalType type = LogicalType::Int32();

  // Values including nulls: the number of definition levels, which for a
  // leaf under a list or map counts elements (and empty/null collections).
  int64_t value_count = 0;
  // Levels below the maximum definition level.
  int64_t null_count = 0;
  // FLOAT and DOUBLE only.
  std::optional<int64_t> nan_count;

  // Absent when the file holds no non-null, non-NaN value for the column (or
  // statistics are off).
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;
  bool lower_bound_exact = false;
  bool upper_bound_exact = false;

  // Sums over the column's chunks, page headers included.
  int64_t compressed_size = 0;
  int64_t uncompressed_size = 0;
};

struct ParquetWriteResult {
  std::string location;
  int64_t record_count = 0;
  int64_t file_size = 0;
  // Where each row group starts (its first page), ascending.
  std::vector<int64_t> split_offsets;
  // One per leaf column, in schema (depth-first) order.
  std::vector<ParquetColumnMetrics> columns;

  // The leaf with this field id or dotted path, or null.
  const ParquetColumnMetrics* FindByFieldId(int32_t field_id) const {
    for (const ParquetColumnMetrics& c : columns) {
      if (c.field_id == field_id) return &c;
    }
    return nullptr;
  }
  const ParquetColumnMetrics* FindByPath(std::string_view dotted_path) const {
    for (const ParquetColumnMetrics& c : columns) {
      if (c.dotted_path == dotted_path) return &c;
    }
    return nullptr;
  }
};

}  // namespace floe::parquet
