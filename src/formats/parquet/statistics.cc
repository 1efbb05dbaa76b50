#include "formats/parquet/statistics.h"

#include "formats/parquet/statistics_value.h"

namespace floe::parquet {
namespace {

// The deprecated min/max were compared as signed values by every writer.
bool SignedOrder(ValueConversion c) {
  switch (c) {
    case ValueConversion::kInt32:
    case ValueConversion::kInt32ToInt8:
    case ValueConversion::kInt32ToInt16:
    case ValueConversion::kInt64:
    case ValueConversion::kTimeMillisToMicros:
    case ValueConversion::kTimeNanosToMicros:
    case ValueConversion::kTimestampMillisToMicros:
    case ValueConversion::kFloat:
    case ValueConversion::kDouble:
    case ValueConversion::kInt32ToDecimal:
    case ValueConversion::kInt64ToDecimal:
    case ValueConversion::kBoolean:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<ColumnChunkStatistics> ReadColumnChunkStatistics(const ParquetFileMetadata& metadata,
                                                        int32_t row_group, int32_t column) {
  ColumnChunkStatistics out;
  const format::ColumnMetaData& m = metadata.column_chunk(row_group, column).meta_data;
  out.num_values = m.num_values;
  if (!m.__isset.statistics) return out;
  const format::Statistics& s = m.statistics;
  if (s.__isset.null_count && s.null_count >= 0) out.null_count = s.null_count;
  if (WriterBoundsUntrusted(metadata)) return out;

  FLOE_ASSIGN_OR_RETURN(MappedNode node, MapLeafColumn(metadata.schema(), column));
  const std::string* min = nullptr;
  const std::string* max = nullptr;
  bool exactness_known = false;
  if (HasTypeDefinedOrder(metadata, column) && s.__isset.min_value && s.__isset.max_value) {
    min = &s.min_value;
    max = &s.max_value;
    exactness_known = true;
  } else if (s.__isset.min && s.__isset.max && SignedOrder(node.conversion)) {
    min = &s.min;
    max = &s.max;
  }
  if (min == nullptr) return out;
  std::optional<Value> lo = DecodeStatisticsValue(node, *min);
  std::optional<Value> hi = DecodeStatisticsValue(node, *max);
  if (!lo || !hi || !NormalizeBounds(*lo, *hi)) return out;
  // Only strings and binaries are ever truncated; unset flags on them mean
  // "unknown", so not exact.
  const bool may_truncate = BoundsMayBeTruncated(node);
  out.min_exact =
      !may_truncate || (exactness_known && s.__isset.is_min_value_exact && s.is_min_value_exact);
  out.max_exact =
      !may_truncate || (exactness_known && s.__isset.is_max_value_exact && s.is_max_value_exact);
  out.min = std::move(lo);
  out.max = std::move(hi);
  return out;
}

}  // namespace floe::parquet
