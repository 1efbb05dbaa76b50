#include "iceberg/type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "iceberg/error_context.h"

namespace floe::iceberg {

namespace {

const std::vector<NestedField>& EmptyFields() {
  static const std::vector<NestedField> empty;
  return empty;
}

const std::string& EmptyString() {
  static const std::string empty;
  return empty;
}

constexpr std::array<std::string_view, 5> kAlgorithms = {"spherical", "vincenty", "thomas",
                                                         "andoyer", "karney"};

bool MayHaveDefault(TypeKind kind) {
  return kind != TypeKind::kUnknown && kind != TypeKind::kVariant && kind != TypeKind::kGeometry &&
         kind != TypeKind::kGeography;
}

// Checks one default of `field`; a NULL Value is dropped (no default).
Status CheckDefault(const NestedField& field, std::optional<Value>& value, std::string_view what) {
  if (!value.has_value()) return Status::OK();
  if (value->is_null()) {
    value.reset();
    return Status::OK();
  }
  if (!MayHaveDefault(field.type.kind())) {
    return Status::InvalidArgument("field {} '{}': a {} field cannot have a non-null {}", field.id,
                                   field.name, field.type.ToString(), what);
  }
  Result<LogicalType> expected = ToLogicalType(field.type);
  if (!expected.has_value()) {
    return IcebergContext(expected.error(), "field {} '{}': {}", field.id, field.name, what);
  }
  if (!(value->type() == *expected)) {
    return Status::InvalidArgument("field {} '{}': {} is a {} value, the field is {}", field.id,
                                   field.name, what, value->type().ToString(),
                                   field.type.ToString());
  }
  if (field.type.kind() == TypeKind::kStruct) {
    for (const Value& child : value->children()) {
      if (!child.is_null()) {
        return Status::InvalidArgument(
            "field {} '{}': {} of a struct must be null or an empty struct; the fields' own "
            "defaults fill it in",
            field.id, field.name, what);
      }
    }
  }
  return Status::OK();
}

Status CheckField(NestedField& field) {
  if (field.type.kind() == TypeKind::kUnknown && field.required) {
    return Status::InvalidArgument("field {} '{}': a field of type unknown must be optional",
                                   field.id, field.name);
  }
  FLOE_RETURN_NOT_OK(CheckDefault(field, field.initial_default, "initial-default"));
  FLOE_RETURN_NOT_OK(CheckDefault(field, field.write_default, "write-default"));
  return Status::OK();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A non-negative decimal integer of at most 9 digits (fits int32), trimmed.
std::optional<int32_t> ParseSmallInt(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 9) return std::nullopt;
  int32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// For "name(args)" / "name[args]": the args between the brackets, or nullopt
// if `rest` (what follows the name) is not exactly one bracketed group.
std::optional<std::string_view> Bracketed(std::string_view rest, char open, char close) {
  rest = Trim(rest);
  if (rest.size() < 2 || rest.front() != open || rest.back() != close) return std::nullopt;
  rest = rest.substr(1, rest.size() - 2);
  if (rest.find(open) != std::string_view::npos || rest.find(close) != std::string_view::npos) {
    return std::nullopt;
  }
  return rest;
}

}  // namespace

bool Type::is_primitive() const { return !is_nested() && kind_ != TypeKind::kVariant; }

Result<Type> Type::Decimal(int32_t precision, int32_t scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision) {
    return Status::InvalidArgument("iceberg: decimal({}, {}): precision must be between 1 and {}",
                                   precision, scale, kMaxDecimalPrecision);
  }
  if (scale < 0 || scale > precision) {
    return Status::InvalidArgument(
        "iceberg: decimal({}, {}): scale must be between 0 and the precision", precision, scale);
  }
  Type type(TypeKind::kDecimal);
  type.precision_ = static_cast<uint8_t>(precision);
  type.scale_ = static_cast<uint8_t>(scale);
  return type;
}

Result<Type> Type::Fixed(int64_t length) {
  if (length < 1 || length > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidArgument("iceberg: fixed[{}]: length must be between 1 and {}", length,
                                   std::numeric_limits<int32_t>::max());
  }
  Type type(TypeKind::kFixed);
  type.length_ = static_cast<int32_t>(length);
  return type;
}

Result<Type> Type::Geometry(std::string crs) {
  if (crs.find_first_of(",()") != std::string::npos) {
    return Status::InvalidArgument("iceberg: geometry({}): a CRS cannot contain ',', '(' or ')'",
                                   crs);
  }
  Type type(TypeKind::kGeometry);
  if (!crs.empty()) {
    type.geo_ = std::make_shared<const std::pair<std::string, std::string>>(std::move(crs), "");
  }
  return type;
}

Result<Type> Type::Geography(std::string crs, std::string algorithm) {
  if (crs.find_first_of(",()") != std::string::npos) {
    return Status::InvalidArgument("iceberg: geography({}): a CRS cannot contain ',', '(' or ')'",
                                   crs);
  }
  if (!algorithm.empty() &&
      std::find(kAlgorithms.begin(), kAlgorithms.end(), algorithm) == kAlgorithms.end()) {
    return Status::InvalidArgument(
        "iceberg: geography: unknown edge-interpolation algorithm '{}' (expected spherical, "
        "vincenty, "
        "thomas, andoyer or karney)",
        algorithm);
  }
  Type type(TypeKind::kGeography);
  if (!crs.empty() || !algorithm.empty()) {
    type.geo_ = std::make_shared<const std::pair<std::string, std::string>>(std::move(crs),
                                                                            std::move(algorithm));
  }
  return type;
}

Result<Type> Type::Struct(std::vector<NestedField> fields) {
  std::unordered_set<std::string_view> names;
  for (NestedField& field : fields) {
    if (field.name.empty()) {
      return Status::InvalidArgument("iceberg: struct: field {} has an empty name", field.id);
    }
    if (!names.insert(field.name).second) {
      return Status::InvalidArgument("iceberg: struct: duplicate field name '{}'", field.name);
    }
    FLOE_RETURN_NOT_OK(IcebergContext(CheckField(field), "struct"));
  }
  Type type(TypeKind::kStruct);
  type.children_ = std::make_shared<const std::vector<NestedField>>(std::move(fields));
  return type;
}

Result<Type> Type::List(int32_t element_id, Type element, bool element_required) {
  std::vector<NestedField> children;
  children.push_back(NestedField{element_id, "element", std::move(element), element_required,
                                 std::nullopt, std::nullopt, std::nullopt});
  FLOE_RETURN_NOT_OK(IcebergContext(CheckField(children[0]), "list"));
  Type type(TypeKind::kList);
  type.children_ = std::make_shared<const std::vector<NestedField>>(std::move(children));
  return type;
}

Result<Type> Type::Map(int32_t key_id, Type key, int32_t value_id, Type value,
                       bool value_required) {
  std::vector<NestedField> children;
  children.push_back(
      NestedField{key_id, "key", std::move(key), true, std::nullopt, std::nullopt, std::nullopt});
  children.push_back(NestedField{value_id, "value", std::move(value), value_required, std::nullopt,
                                 std::nullopt, std::nullopt});
  if (children[0].type.kind() == TypeKind::kUnknown) {
    return Status::InvalidArgument(
        "iceberg: map: key {} cannot be of type unknown (keys are required)", key_id);
  }
  FLOE_RETURN_NOT_OK(IcebergContext(CheckField(children[1]), "map"));
  Type type(TypeKind::kMap);
  type.children_ = std::make_shared<const std::vector<NestedField>>(std::move(children));
  return type;
}

const std::string& Type::crs() const { return geo_ ? geo_->first : EmptyString(); }
const std::string& Type::algorithm() const { return geo_ ? geo_->second : EmptyString(); }

const std::vector<NestedField>& Type::fields() const {
  return children_ ? *children_ : EmptyFields();
}

const NestedField& Type::element() const {
  FLOE_CHECK(kind_ == TypeKind::kList, "Type::element() on a type that is not a list");
  return (*children_)[0];
}
const NestedField& Type::key() const {
  FLOE_CHECK(kind_ == TypeKind::kMap, "Type::key() on a type that is not a map");
  return (*children_)[0];
}
const NestedField& Type::value() const {
  FLOE_CHECK(kind_ == TypeKind::kMap, "Type::value() on a type that is not a map");
  return (*children_)[1];
}

const NestedField* Type::FieldById(int32_t id) const {
  for (const NestedField& field : fields()) {
    if (field.id == id) return &field;
  }
  return nullptr;
}

const NestedField* Type::FieldByName(std::string_view name) const {
  for (const NestedField& field : fields()) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

int Type::min_format_version() const {
  switch (kind_) {
    case TypeKind::kUnknown:
    case TypeKind::kTimestampNs:
    case TypeKind::kTimestampTzNs:
    case TypeKind::kVariant:
    case TypeKind::kGeometry:
    case TypeKind::kGeography:
      return 3;
    default:
      return 1;
  }
}

std::string Type::ToString() const {
  switch (kind_) {
    case TypeKind::kUnknown:
      return "unknown";
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kInt:
      return "int";
    case TypeKind::kLong:
      return "long";
    case TypeKind::kFloat:
      return "float";
    case TypeKind::kDouble:
      return "double";
    case TypeKind::kDecimal:
      return fmt::format("decimal({},{})", precision_, scale_);
    case TypeKind::kDate:
      return "date";
    case TypeKind::kTime:
      return "time";
    case TypeKind::kTimestamp:
      return "timestamp";
    case TypeKind::kTimestampTz:
      return "timestamptz";
    case TypeKind::kTimestampNs:
      return "timestamp_ns";
    case TypeKind::kTimestampTzNs:
      return "timestamptz_ns";
    case TypeKind::kString:
      return "string";
    case TypeKind::kUuid:
      return "uuid";
    case TypeKind::kFixed:
      return fmt::format("fixed[{}]", length_);
    case TypeKind::kBinary:
      return "binary";
    case TypeKind::kVariant:
      return "variant";
    case TypeKind::kGeometry:
      return crs().empty() ? "geometry" : fmt::format("geometry({})", crs());
    case TypeKind::kGeography:
      if (algorithm().empty()) {
        return crs().empty() ? "geography" : fmt::format("geography({})", crs());
      }
      return fmt::format("geography({}, {})", crs().empty() ? kDefaultCrs : crs(), algorithm());
    case TypeKind::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < children_->size(); ++i) {
        out += (i == 0 ? "" : ", ") + (*children_)[i].ToString();
      }
      return out + ">";
    }
    case TypeKind::kList:
      return fmt::format("list<{}>", element().type.ToString());
    case TypeKind::kMap:
      return fmt::format("map<{}, {}>", key().type.ToString(), value().type.ToString());
  }
  return "?";
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_ || a.precision_ != b.precision_ || a.scale_ != b.scale_ ||
      a.length_ != b.length_ || a.crs() != b.crs() || a.algorithm() != b.algorithm()) {
    return false;
  }
  if (a.children_ == b.children_) return true;
  return a.fields() == b.fields();
}

std::string NestedField::ToString() const {
  std::string out =
      fmt::format("{}: {}: {} {}", id, name, required ? "required" : "optional", type.ToString());
  if (doc) out += fmt::format(" ({})", *doc);
  return out;
}

Result<Type> ParsePrimitiveType(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  const std::string lower = ToLower(trimmed);
  static const std::pair<std::string_view, TypeKind> kSimple[] = {
      {"unknown", TypeKind::kUnknown},
      {"boolean", TypeKind::kBoolean},
      {"int", TypeKind::kInt},
      {"long", TypeKind::kLong},
      {"float", TypeKind::kFloat},
      {"double", TypeKind::kDouble},
      {"date", TypeKind::kDate},
      {"time", TypeKind::kTime},
      {"timestamp", TypeKind::kTimestamp},
      {"timestamptz", TypeKind::kTimestampTz},
      {"timestamp_ns", TypeKind::kTimestampNs},
      {"timestamptz_ns", TypeKind::kTimestampTzNs},
      {"string", TypeKind::kString},
      {"uuid", TypeKind::kUuid},
      {"binary", TypeKind::kBinary},
      {"variant", TypeKind::kVariant},
  };
  for (const auto& [name, kind] : kSimple) {
    if (lower == name) {
      switch (kind) {
        case TypeKind::kUnknown:
          return Type::Unknown();
        case TypeKind::kBoolean:
          return Type::Boolean();
        case TypeKind::kInt:
          return Type::Int();
        case TypeKind::kLong:
          return Type::Long();
        case TypeKind::kFloat:
          return Type::Float();
        case TypeKind::kDouble:
          return Type::Double();
        case TypeKind::kDate:
          return Type::Date();
        case TypeKind::kTime:
          return Type::Time();
        case TypeKind::kTimestamp:
          return Type::Timestamp();
        case TypeKind::kTimestampTz:
          return Type::TimestampTz();
        case TypeKind::kTimestampNs:
          return Type::TimestampNs();
        case TypeKind::kTimestampTzNs:
          return Type::TimestampTzNs();
        case TypeKind::kString:
          return Type::String();
        case TypeKind::kUuid:
          return Type::Uuid();
        case TypeKind::kBinary:
          return Type::Binary();
        default:
          return Type::Variant();
      }
    }
  }
  auto starts_with = [&](std::string_view prefix) { return lower.rfind(prefix, 0) == 0; };
  if (starts_with("decimal")) {
    auto args = Bracketed(std::string_view(lower).substr(7), '(', ')');
    if (args) {
      const size_t comma = args->find(',');
      if (comma != std::string_view::npos) {
        auto p = ParseSmallInt(args->substr(0, comma));
        auto s = ParseSmallInt(args->substr(comma + 1));
        if (p && s) return Type::Decimal(*p, *s);
      }
    }
    return Status::InvalidArgument("iceberg: malformed decimal type '{}' (expected decimal(P, S))",
                                   text);
  }
  if (starts_with("fixed")) {
    auto args = Bracketed(std::string_view(lower).substr(5), '[', ']');
    if (args) {
      if (auto length = ParseSmallInt(*args)) return Type::Fixed(*length);
    }
    return Status::InvalidArgument("iceberg: malformed fixed type '{}' (expected fixed[L])", text);
  }
  // Geospatial parameters keep their case (a CRS is an identifier).
  if (starts_with("geometry")) {
    const std::string_view rest = Trim(trimmed.substr(8));
    if (rest.empty()) return Type::Geometry();
    if (auto args = Bracketed(rest, '(', ')')) return Type::Geometry(std::string(Trim(*args)));
    return Status::InvalidArgument("iceberg: malformed geometry type '{}' (expected geometry(C))",
                                   text);
  }
  if (starts_with("geography")) {
    const std::string_view rest = Trim(trimmed.substr(9));
    if (rest.empty()) return Type::Geography();
    if (auto args = Bracketed(rest, '(', ')')) {
      const size_t comma = args->rfind(',');
      if (comma == std::string_view::npos) return Type::Geography(std::string(Trim(*args)));
      return Type::Geography(std::string(Trim(args->substr(0, comma))),
                             ToLower(Trim(args->substr(comma + 1))));
    }
    return Status::InvalidArgument(
        "iceberg: malformed geography type '{}' (expected geography(C, A))", text);
  }
  return Status::InvalidArgument("iceberg: unknown type '{}'", text);
}

bool CanPromote(const Type& from, const Type& to, int format_version) {
  if (from == to) return true;
  if (from.kind() == TypeKind::kUnknown) return format_version >= 3;
  switch (from.kind()) {
    case TypeKind::kInt:
      return to.kind() == TypeKind::kLong;
    case TypeKind::kFloat:
      return to.kind() == TypeKind::kDouble;
    case TypeKind::kDecimal:
      return to.kind() == TypeKind::kDecimal && to.scale() == from.scale() &&
             to.precision() > from.precision();
    case TypeKind::kDate:
      return format_version >= 3 &&
             (to.kind() == TypeKind::kTimestamp || to.kind() == TypeKind::kTimestampNs);
    default:
      return false;
  }
}

Result<LogicalType> ToLogicalType(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return LogicalType::Boolean();
    case TypeKind::kInt:
      return LogicalType::Int32();
    case TypeKind::kLong:
      return LogicalType::Int64();
    case TypeKind::kFloat:
      return LogicalType::Float();
    case TypeKind::kDouble:
      return LogicalType::Double();
    case TypeKind::kDecimal:
      return LogicalType::Decimal(type.precision(), type.scale());
    case TypeKind::kDate:
      return LogicalType::Date();
    case TypeKind::kTime:
      return LogicalType::Time();
    case TypeKind::kTimestamp:
      return LogicalType::Timestamp();
    case TypeKind::kTimestampTz:
      return LogicalType::TimestampTz();
    case TypeKind::kTimestampNs:
      return LogicalType::TimestampNs();
    case TypeKind::kTimestampTzNs:
      return LogicalType::TimestampTzNs();
    case TypeKind::kString:
      return LogicalType::String();
    case TypeKind::kUuid:
      return LogicalType::Uuid();
    case TypeKind::kBinary:
      return LogicalType::Binary();
    case TypeKind::kFixed: {
      auto fixed = LogicalType::Fixed(type.fixed_length());
      if (!fixed.has_value()) {
        return Status::NotSupported("iceberg: {} is longer than Floe's fixed limit of {} bytes",
                                    type.ToString(), LogicalType::kMaxFixedLength);
      }
      return fixed;
    }
    case TypeKind::kUnknown:
    case TypeKind::kVariant:
    case TypeKind::kGeometry:
    case TypeKind::kGeography:
      return Status::NotSupported("iceberg: type {} has no Floe engine type yet", type.ToString());
    case TypeKind::kStruct: {
      std::vector<StructField> children;
      children.reserve(type.fields().size());
      for (const NestedField& field : type.fields()) {
        FLOE_ASSIGN_OR_RETURN(LogicalType child, ToLogicalType(field.type));
        children.push_back(StructField{field.name, std::move(child), field.id});
      }
      return LogicalType::Struct(std::move(children));
    }
    case TypeKind::kList: {
      FLOE_ASSIGN_OR_RETURN(LogicalType element, ToLogicalType(type.element().type));
      return LogicalType::List(std::move(element), type.element().id);
    }
    case TypeKind::kMap: {
      FLOE_ASSIGN_OR_RETURN(LogicalType key, ToLogicalType(type.key().type));
      FLOE_ASSIGN_OR_RETURN(LogicalType value, ToLogicalType(type.value().type));
      return LogicalType::Map(std::move(key), std::move(value), type.key().id, type.value().id);
    }
  }
  return Status::Internal("iceberg: unhandled type kind");
}

namespace {
Result<int32_t> ChildId(const StructField& child, bool require, std::string_view path) {
  if (child.field_id) return *child.field_id;
  if (require) {
    return Status::InvalidArgument("iceberg: '{}' has no field id", path);
  }
  return 0;
}

Result<Type> FromLogicalTypeImpl(const LogicalType& type, bool require_ids,
                                 const std::string& path) {
  auto child_path = [&](const std::string& name) {
    return path.empty() ? name : path + "." + name;
  };
  switch (type.id()) {
    case floe::TypeId::kBoolean:
      return Type::Boolean();
    case floe::TypeId::kInt8:
    case floe::TypeId::kInt16:
    case floe::TypeId::kInt32:
      return Type::Int();
    case floe::TypeId::kInt64:
      return Type::Long();
    case floe::TypeId::kFloat:
      return Type::Float();
    case floe::TypeId::kDouble:
      return Type::Double();
    case floe::TypeId::kDecimal:
      return Type::Decimal(type.precision(), type.scale());
    case floe::TypeId::kDate:
      return Type::Date();
    case floe::TypeId::kTime:
      return Type::Time();
    case floe::TypeId::kTimestamp:
      return Type::Timestamp();
    case floe::TypeId::kTimestampTz:
      return Type::TimestampTz();
    case floe::TypeId::kTimestampNs:
      return Type::TimestampNs();
    case floe::TypeId::kTimestampTzNs:
      return Type::TimestampTzNs();
    case floe::TypeId::kString:
      return Type::String();
    case floe::TypeId::kBinary:
      return Type::Binary();
    case floe::TypeId::kFixed:
      return Type::Fixed(type.fixed_length());
    case floe::TypeId::kUuid:
      return Type::Uuid();
    case floe::TypeId::kStruct: {
      std::vector<NestedField> fields;
      for (const StructField& child : type.children()) {
        const std::string name = child_path(child.name);
        FLOE_ASSIGN_OR_RETURN(int32_t id, ChildId(child, require_ids, name));
        FLOE_ASSIGN_OR_RETURN(Type child_type, FromLogicalTypeImpl(child.type, require_ids, name));
        fields.push_back(NestedField::Optional(id, child.name, std::move(child_type)));
      }
      return Type::Struct(std::move(fields));
    }
    case floe::TypeId::kList: {
      const StructField& element = type.children()[0];
      const std::string name = child_path("element");
      FLOE_ASSIGN_OR_RETURN(int32_t id, ChildId(element, require_ids, name));
      FLOE_ASSIGN_OR_RETURN(Type element_type,
                            FromLogicalTypeImpl(element.type, require_ids, name));
      return Type::List(id, std::move(element_type), /*element_required=*/false);
    }
    case floe::TypeId::kMap: {
      const StructField& key = type.children()[0];
      const StructField& value = type.children()[1];
      FLOE_ASSIGN_OR_RETURN(int32_t key_id, ChildId(key, require_ids, child_path("key")));
      FLOE_ASSIGN_OR_RETURN(int32_t value_id, ChildId(value, require_ids, child_path("value")));
      FLOE_ASSIGN_OR_RETURN(Type key_type,
                            FromLogicalTypeImpl(key.type, require_ids, child_path("key")));
      FLOE_ASSIGN_OR_RETURN(Type value_type,
                            FromLogicalTypeImpl(value.type, require_ids, child_path("value")));
      return Type::Map(key_id, std::move(key_type), value_id, std::move(value_type),
                       /*value_required=*/false);
    }
  }
  return Status::Internal("iceberg: unhandled logical type {}", type.ToString());
}
}  // namespace

Result<Type> FromLogicalType(const LogicalType& type, bool require_field_ids) {
  return FromLogicalTypeImpl(type, require_field_ids, "");
}

}  // namespace floe::iceberg
