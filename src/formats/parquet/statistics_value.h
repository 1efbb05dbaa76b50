// The pieces of statistics.h's trust rules that the page index shares: which
// Floe type a leaf column's bounds are, decoding one min/max value from its
// PLAIN bytes, and the NaN and ±0.0 rules for a pair of bounds.
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/type_mapping.h"
#include "vector/value.h"

namespace floe::parquet {

// The leaf column's own type and conversion (a repeated leaf maps to a list
// of it; this is the element).
Result<MappedNode> MapLeafColumn(const ParquetSchema& schema, int32_t column);

// Whether min_value/max_value (and ColumnIndex bounds) of `column` follow
// TypeDefinedOrder; without column_orders their meaning is undefined.
bool HasTypeDefinedOrder(const ParquetFileMetadata& metadata, int32_t column);

// Writers known to store wrong bounds (Parquet.Net).
bool WriterBoundsUntrusted(const ParquetFileMetadata& metadata);

// Whether the leaf's bounds may be truncated (strings and binaries).
bool BoundsMayBeTruncated(const MappedNode& leaf);

// One statistics value in PLAIN form (no length prefix) as a Value of the
// leaf's type; nullopt when the bytes do not fit the type or the type has no
// usable order (unsigned integers, INT96, FLOAT16).
std::optional<Value> DecodeStatisticsValue(const MappedNode& leaf, std::string_view bytes);

// Applies the NaN and ±0.0 rules to a decoded pair: false if either bound is
// NaN (drop both); otherwise a zero min becomes -0.0 and a zero max +0.0.
bool NormalizeBounds(Value& min, Value& max);

}  // namespace floe::parquet
