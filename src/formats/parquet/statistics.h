// Column chunk statistics made safe to act on: min/max/null count of one
// leaf column in one row group, converted to the column's Floe type, with
// every part a reader cannot trust dropped.
//
// Trust rules (parquet-format, and the pitfalls readers of record handle):
//   - min_value/max_value follow the file's ColumnOrder and are used only
//     when the file declares TypeDefinedOrder for the column; without
//     column_orders their meaning is undefined;
//   - the deprecated min/max were compared as signed values by every writer,
//     so they are used only for types whose order is signed (integers,
//     floating point, dates, times, timestamps, decimals stored as ints), never
//     for strings, binary, unsigned integers or byte-array decimals;
//   - INT96 has no defined order: no bounds;
//   - a NaN bound drops both bounds; a min of +0.0 becomes -0.0 and a max of
//     -0.0 becomes +0.0, as the specification asks;
//   - writers known to store wrong statistics (Parquet.Net) get no bounds.
// Bounds of strings and binaries may be truncated: a truncated min is still a
// lower bound and a truncated max an upper bound, but not the column's actual
// min/max (min_exact / max_exact say which).
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "vector/value.h"

namespace floe::parquet {

struct ColumnChunkStatistics {
  int64_t num_values = 0;  // level entries, NULLs included
  std::optional<int64_t> null_count;
  std::optional<Value> min;  // never NULL when set
  std::optional<Value> max;
  bool min_exact = false;
  bool max_exact = false;
};

Result<ColumnChunkStatistics> ReadColumnChunkStatistics(const ParquetFileMetadata& metadata,
                                                        int32_t row_group, int32_t column);

}  // namespace floe::parquet
