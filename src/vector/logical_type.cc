#include "vector/logical_type.h"

#include <unordered_set>

#include <fmt/format.h>

#include "common/int128.h"
#include "vector/string_ref.h"

namespace floe {

namespace {
const std::vector<StructField>& EmptyChildren() {
  static const std::vector<StructField> empty;
  return empty;
}
}  // namespace

Result<LogicalType> LogicalType::Decimal(int32_t precision, int32_t scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision) {
    return Status::InvalidArgument("decimal({},{}): precision must be between 1 and {}", precision,
                                   scale, kMaxDecimalPrecision);
  }
  if (scale < 0 || scale > precision) {
    return Status::InvalidArgument("decimal({},{}): scale must be between 0 and the precision",
                                   precision, scale);
  }
  LogicalType type(TypeId::kDecimal);
  type.precision_ = static_cast<uint8_t>(precision);
  type.scale_ = static_cast<uint8_t>(scale);
  return type;
}

Result<LogicalType> LogicalType::Fixed(int64_t length) {
  if (length < 1 || length > kMaxFixedLength) {
    return Status::InvalidArgument("fixed[{}]: length must be between 1 and {}", length,
                                   kMaxFixedLength);
  }
  LogicalType type(TypeId::kFixed);
  type.length_ = static_cast<int32_t>(length);
  return type;
}

Result<LogicalType> LogicalType::Struct(std::vector<StructField> fields) {
  std::unordered_set<std::string> names;
  std::unordered_set<int32_t> ids;
  for (const StructField& field : fields) {
    if (field.name.empty()) return Status::InvalidArgument("struct: a field has an empty name");
    if (!names.insert(field.name).second) {
      return Status::InvalidArgument("struct: duplicate field name '{}'", field.name);
    }
    if (field.field_id && !ids.insert(*field.field_id).second) {
      return Status::InvalidArgument("struct: field '{}' reuses field id {}", field.name,
                                     *field.field_id);
    }
  }
  LogicalType type(TypeId::kStruct);
  type.children_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return type;
}

LogicalType LogicalType::List(LogicalType element, std::optional<int32_t> element_id) {
  LogicalType type(TypeId::kList);
  type.children_ = std::make_shared<const std::vector<StructField>>(
      std::vector<StructField>{{"element", std::move(element), element_id}});
  return type;
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value, std::optional<int32_t> key_id,
                             std::optional<int32_t> value_id) {
  LogicalType type(TypeId::kMap);
  type.children_ = std::make_shared<const std::vector<StructField>>(std::vector<StructField>{
      {"key", std::move(key), key_id}, {"value", std::move(value), value_id}});
  return type;
}

const std::vector<StructField>& LogicalType::children() const {
  return children_ ? *children_ : EmptyChildren();
}

const LogicalType& LogicalType::child_type(size_t i) const {
  FLOE_DCHECK(i < children().size());
  return (*children_)[i].type;
}

LogicalType LogicalType::MapEntryType() const {
  FLOE_DCHECK(id_ == TypeId::kMap);
  // Built directly: the children are exactly the map's, already a valid shape.
  LogicalType entry(TypeId::kStruct);
  entry.children_ = children_;
  return entry;
}

PhysicalType LogicalType::physical_type() const {
  switch (id_) {
    case TypeId::kBoolean:
      return PhysicalType::kBool;
    case TypeId::kInt8:
      return PhysicalType::kInt8;
    case TypeId::kInt16:
      return PhysicalType::kInt16;
    case TypeId::kInt32:
    case TypeId::kDate:
      return PhysicalType::kInt32;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return PhysicalType::kInt64;
    case TypeId::kFloat:
      return PhysicalType::kFloat;
    case TypeId::kDouble:
      return PhysicalType::kDouble;
    case TypeId::kDecimal:
      return precision_ <= kMaxInt64DecimalPrecision ? PhysicalType::kInt64 : PhysicalType::kInt128;
    case TypeId::kString:
    case TypeId::kBinary:
      return PhysicalType::kString;
    case TypeId::kFixed:
    case TypeId::kUuid:
      return PhysicalType::kFixedBytes;
    case TypeId::kStruct:
      return PhysicalType::kStruct;
    case TypeId::kList:
    case TypeId::kMap:
      return PhysicalType::kList;
  }
  FLOE_CHECK(false, "unknown TypeId");
  return PhysicalType::kStruct;
}

int64_t LogicalType::byte_width() const {
  switch (physical_type()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return 1;
    case PhysicalType::kInt16:
      return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt128:
      return sizeof(int128_t);
    case PhysicalType::kString:
      return sizeof(StringRef);
    case PhysicalType::kFixedBytes:
      return length_;
    case PhysicalType::kStruct:
      return 0;
    case PhysicalType::kList:
      return sizeof(ListEntry);
  }
  return 0;
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInt8:
      return "tinyint";
    case TypeId::kInt16:
      return "smallint";
    case TypeId::kInt32:
      return "int";
    case TypeId::kInt64:
      return "long";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return fmt::format("decimal({},{})", precision_, scale_);
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampTz:
      return "timestamptz";
    case TypeId::kTimestampNs:
      return "timestamp_ns";
    case TypeId::kTimestampTzNs:
      return "timestamptz_ns";
    case TypeId::kString:
      return "string";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kFixed:
      return fmt::format("fixed[{}]", length_);
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < children_->size(); ++i) {
        const StructField& field = (*children_)[i];
        out += fmt::format("{}{}: {}", i == 0 ? "" : ", ", field.name, field.type.ToString());
      }
      return out + ">";
    }
    case TypeId::kList:
      return fmt::format("list<{}>", child_type(0).ToString());
    case TypeId::kMap:
      return fmt::format("map<{}, {}>", child_type(0).ToString(), child_type(1).ToString());
  }
  return "unknown";
}

bool operator==(const LogicalType& a, const LogicalType& b) {
  if (a.id_ != b.id_ || a.precision_ != b.precision_ || a.scale_ != b.scale_ ||
      a.length_ != b.length_) {
    return false;
  }
  if (a.children_ == b.children_) return true;
  return a.children() == b.children();
}

}  // namespace floe
