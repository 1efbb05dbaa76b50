#include "formats/parquet/statistics_value.h"

#include <cstring>
#include <limits>

#include "vector/value_compare.h"

namespace floe::parquet {
namespace {

template <typename T>
std::optional<T> Load(std::string_view bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T v;
  std::memcpy(&v, bytes.data(), sizeof(T));
  return v;
}

// A bound outside the column type's range (an INT(8) column whose INT32
// statistics say 300) cannot be a bound of its values: unusable.
template <typename N>
bool Fits(int64_t v) {
  return v >= std::numeric_limits<N>::min() && v <= std::numeric_limits<N>::max();
}

std::optional<Value> IntValue(const LogicalType& t, int64_t v) {
  switch (t.id()) {
    case TypeId::kInt8:
      if (!Fits<int8_t>(v)) return std::nullopt;
      return Value::Int8(static_cast<int8_t>(v));
    case TypeId::kInt16:
      if (!Fits<int16_t>(v)) return std::nullopt;
      return Value::Int16(static_cast<int16_t>(v));
    case TypeId::kInt32:
      return Value::Int32(static_cast<int32_t>(v));
    case TypeId::kInt64:
      return Value::Int64(v);
    case TypeId::kDate:
      return Value::Date(static_cast<int32_t>(v));
    case TypeId::kTime:
      return Value::Time(v);
    case TypeId::kTimestamp:
      return Value::Timestamp(v);
    case TypeId::kTimestampTz:
      return Value::TimestampTz(v);
    case TypeId::kTimestampNs:
      return Value::TimestampNs(v);
    case TypeId::kTimestampTzNs:
      return Value::TimestampTzNs(v);
    case TypeId::kDecimal: {
      auto d = Value::Decimal(v, t.precision(), t.scale());
      return d.has_value() ? std::optional<Value>(*d) : std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<MappedNode> MapLeafColumn(const ParquetSchema& schema, int32_t column) {
  if (column < 0 || column >= schema.num_columns()) {
    return Status::InvalidArgument("no leaf column {}", column);
  }
  const int32_t node_index = schema.column(column).node_index;
  FLOE_ASSIGN_OR_RETURN(MappedNode node, MapParquetNodeTree(schema, node_index));
  while (!node.is_leaf() && node.children.size() == 1) node = node.children[0];
  if (!node.is_leaf()) return Status::Internal("node {} is not a leaf", node_index);
  return node;
}

bool HasTypeDefinedOrder(const ParquetFileMetadata& metadata, int32_t column) {
  const auto& orders = metadata.thrift().column_orders;
  return metadata.thrift().__isset.column_orders && column >= 0 &&
         static_cast<size_t>(column) < orders.size() && orders[column].__isset.TYPE_ORDER;
}

bool WriterBoundsUntrusted(const ParquetFileMetadata& metadata) {
  return metadata.created_by().rfind("Parquet.Net", 0) == 0;
}

bool BoundsMayBeTruncated(const MappedNode& leaf) {
  return leaf.conversion == ValueConversion::kBinary;
}

std::optional<Value> DecodeStatisticsValue(const MappedNode& leaf, std::string_view bytes) {
  const LogicalType& t = leaf.type;
  switch (leaf.conversion) {
    case ValueConversion::kBoolean:
      if (bytes.size() != 1) return std::nullopt;
      return Value::Boolean(bytes[0] != 0);
    case ValueConversion::kInt32:
    case ValueConversion::kInt32ToInt8:
    case ValueConversion::kInt32ToInt16:
    case ValueConversion::kInt32ToDecimal: {
      auto v = Load<int32_t>(bytes);
      if (!v) return std::nullopt;
      // A value outside the narrow type's range would wrap: not a bound.
      if (t.id() == TypeId::kInt8 && (*v < -128 || *v > 127)) return std::nullopt;
      if (t.id() == TypeId::kInt16 && (*v < -32768 || *v > 32767)) return std::nullopt;
      return IntValue(t, *v);
    }
    case ValueConversion::kTimeMillisToMicros: {
      auto v = Load<int32_t>(bytes);
      if (!v) return std::nullopt;
      return IntValue(t, int64_t{*v} * 1000);
    }
    case ValueConversion::kInt64:
    case ValueConversion::kInt64ToDecimal: {
      auto v = Load<int64_t>(bytes);
      if (!v) return std::nullopt;
      return IntValue(t, *v);
    }
    case ValueConversion::kTimeNanosToMicros: {
      // Truncation keeps the order (not strictly: 1500ns and 1999ns both
      // become 1us), so the micro bounds still bound the micro values.
      auto v = Load<int64_t>(bytes);
      if (!v) return std::nullopt;
      return IntValue(t, *v / 1000);
    }
    case ValueConversion::kTimestampMillisToMicros: {
      auto v = Load<int64_t>(bytes);
      int64_t micros;
      if (!v || __builtin_mul_overflow(*v, int64_t{1000}, &micros)) return std::nullopt;
      return IntValue(t, micros);
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
      if (static_cast<int64_t>(bytes.size()) != t.fixed_length()) return std::nullopt;
      auto v = t.id() == TypeId::kUuid ? Value::Uuid(bytes) : Value::Fixed(bytes);
      return v.has_value() ? std::optional<Value>(*v) : std::nullopt;
    }
    default:
      return std::nullopt;  // unsigned, INT96, FLOAT16: no usable order here
  }
}

bool NormalizeBounds(Value& min, Value& max) {
  if (IsNaN(min) || IsNaN(max)) return false;
  if (min.type().id() == TypeId::kFloat && min.GetFloat() == 0.0f) min = Value::Float(-0.0f);
  if (min.type().id() == TypeId::kDouble && min.GetDouble() == 0.0) min = Value::Double(-0.0);
  if (max.type().id() == TypeId::kFloat && max.GetFloat() == 0.0f) max = Value::Float(0.0f);
  if (max.type().id() == TypeId::kDouble && max.GetDouble() == 0.0) max = Value::Double(0.0);
  return true;
}

}  // namespace floe::parquet
