#include "formats/parquet/statistics.h"

#include <cmath>
#include <cstring>

#include "formats/parquet/type_mapping.h"

namespace floe::parquet {
namespace {

// The leaf's own type: a repeated leaf maps to a list of it.
Result<MappedNode> LeafNode(const ParquetSchema& schema, int32_t node_index) {
  FLOE_ASSIGN_OR_RETURN(MappedNode node, MapParquetNodeTree(schema, node_index));
  while (!node.is_leaf() && node.children.size() == 1) node = node.children[0];
  if (!node.is_leaf()) return Status::Internal("statistics: node {} is not a leaf", node_index);
  return node;
}

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

template <typename T>
std::optional<T> Load(const std::string& bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T v;
  std::memcpy(&v, bytes.data(), sizeof(T));
  return v;
}

// One statistics value in PLAIN form (no length prefix) as a Value of the
// mapped type; nullopt when the bytes do not fit the type.
std::optional<Value> Convert(const MappedNode& node, const std::string& bytes) {
  const LogicalType& t = node.type;
  auto int_value = [&](int64_t v) -> std::optional<Value> {
    switch (t.id()) {
      case TypeId::kInt8: return Value::Int8(static_cast<int8_t>(v));
      case TypeId::kInt16: return Value::Int16(static_cast<int16_t>(v));
      case TypeId::kInt32: return Value::Int32(static_cast<int32_t>(v));
      case TypeId::kInt64: return Value::Int64(v);
      case TypeId::kDate: return Value::Date(static_cast<int32_t>(v));
      case TypeId::kTime: return Value::Time(v);
      case TypeId::kTimestamp: return Value::Timestamp(v);
      case TypeId::kTimestampTz: return Value::TimestampTz(v);
      case TypeId::kTimestampNs: return Value::TimestampNs(v);
      case TypeId::kTimestampTzNs: return Value::TimestampTzNs(v);
      case TypeId::kDecimal: {
        auto d = Value::Decimal(v, t.precision(), t.scale());
        return d.has_value() ? std::optional<Value>(*d) : std::nullopt;
      }
      default: return std::nullopt;
    }
  };
  switch (node.conversion) {
    case ValueConversion::kBoolean: {
      if (bytes.size() != 1) return std::nullopt;
      return Value::Boolean(bytes[0] != 0);
    }
    case ValueConversion::kInt32:
    case ValueConversion::kInt32ToInt8:
    case ValueConversion::kInt32ToInt16:
    case ValueConversion::kInt32ToDecimal: {
      auto v = Load<int32_t>(bytes);
      if (!v) return std::nullopt;
      return int_value(*v);
    }
    case ValueConversion::kTimeMillisToMicros: {
      auto v = Load<int32_t>(bytes);
      if (!v) return std::nullopt;
      return int_value(int64_t{*v} * 1000);
    }
    case ValueConversion::kInt64:
    case ValueConversion::kInt64ToDecimal: {
      auto v = Load<int64_t>(bytes);
      if (!v) return std::nullopt;
      return int_value(*v);
    }
    case ValueConversion::kTimeNanosToMicros: {
      auto v = Load<int64_t>(bytes);
      if (!v) return std::nullopt;
      return int_value(*v / 1000);
    }
    case ValueConversion::kTimestampMillisToMicros: {
      auto v = Load<int64_t>(bytes);
      int64_t micros;
      if (!v || __builtin_mul_overflow(*v, int64_t{1000}, &micros)) return std::nullopt;
      return int_value(micros);
    }
    case ValueConversion::kFloat: {
      auto v = Load<float>(bytes);
      if (!v) return std::nullopt;
      return Value::Float(*v);
    }
    case ValueConversion::kDouble: {
      auto v = Load<double>(bytes);
      if (!v) return std::nullopt;
      return Value::Double(*v);
    }
    case ValueConversion::kBytesToDecimal: {
      if (bytes.empty() || bytes.size() > 16) return std::nullopt;
      int128_t v = static_cast<int8_t>(bytes[0]) < 0 ? -1 : 0;
      for (unsigned char b : bytes) v = static_cast<int128_t>((static_cast<uint128_t>(v) << 8) | b);
      auto d = Value::Decimal(v, t.precision(), t.scale());
      return d.has_value() ? std::optional<Value>(*d) : std::nullopt;
    }
    case ValueConversion::kBinary:
      return t.id() == TypeId::kString ? Value::String(bytes) : Value::Binary(bytes);
    case ValueConversion::kFixed: {
      auto v = t.id() == TypeId::kUuid ? Value::Uuid(bytes) : Value::Fixed(bytes);
      return v.has_value() ? std::optional<Value>(*v) : std::nullopt;
    }
    default:
      return std::nullopt;  // unsigned, INT96, FLOAT16: no usable order here
  }
}

bool IsNaN(const Value& v) {
  if (v.type().id() == TypeId::kFloat) return std::isnan(v.GetFloat());
  if (v.type().id() == TypeId::kDouble) return std::isnan(v.GetDouble());
  return false;
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
  if (metadata.created_by().rfind("Parquet.Net", 0) == 0) return out;

  const ParquetSchema& schema = metadata.schema();
  FLOE_ASSIGN_OR_RETURN(MappedNode node, LeafNode(schema, schema.column(column).node_index));
  const auto& orders = metadata.thrift().column_orders;
  bool type_defined_order = metadata.thrift().__isset.column_orders &&
                            static_cast<size_t>(column) < orders.size() &&
                            orders[column].__isset.TYPE_ORDER;
  const std::string* min = nullptr;
  const std::string* max = nullptr;
  bool exactness_known = false;
  if (type_defined_order && s.__isset.min_value && s.__isset.max_value) {
    min = &s.min_value;
    max = &s.max_value;
    exactness_known = true;
  } else if (s.__isset.min && s.__isset.max && SignedOrder(node.conversion)) {
    min = &s.min;
    max = &s.max;
  }
  if (min == nullptr) return out;
  std::optional<Value> lo = Convert(node, *min);
  std::optional<Value> hi = Convert(node, *max);
  if (!lo || !hi || IsNaN(*lo) || IsNaN(*hi)) return out;
  if (lo->type().id() == TypeId::kFloat && lo->GetFloat() == 0.0f) lo = Value::Float(-0.0f);
  if (lo->type().id() == TypeId::kDouble && lo->GetDouble() == 0.0) lo = Value::Double(-0.0);
  if (hi->type().id() == TypeId::kFloat && hi->GetFloat() == 0.0f) hi = Value::Float(0.0f);
  if (hi->type().id() == TypeId::kDouble && hi->GetDouble() == 0.0) hi = Value::Double(0.0);
  // Only strings and binaries are ever truncated; unset flags on them mean
  // "unknown", so not exact.
  bool may_truncate = node.conversion == ValueConversion::kBinary;
  out.min_exact = !may_truncate || (exactness_known && s.__isset.is_min_value_exact && s.is_min_value_exact);
  out.max_exact = !may_truncate || (exactness_known && s.__isset.is_max_value_exact && s.is_max_value_exact);
  out.min = std::move(lo);
  out.max = std::move(hi);
  return out;
}

}  // namespace floe::parquet
