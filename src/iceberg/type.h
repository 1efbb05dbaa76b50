// Iceberg data types (spec: "Schemas and Data Types"): the primitives of v1-v3,
// the semi-structured variant, and nested struct/list/map whose children are
// NestedFields carrying a field id, a name, required/optional, a doc string and
// the v3 initial-default / write-default values.
//
// Floe's engine type is LogicalType (vector/logical_type.h); an Iceberg Type
// says more: required/optional, docs, defaults, and the v3 types the engine
// has no vectors for (unknown, variant, geometry, geography). Those four are
// modelled so that any table's metadata can be read, written back unchanged
// and validated; converting them to a LogicalType is NotSupported (no reading
// or writing of their data yet). ToLogicalType/FromLogicalType convert the rest.
//
// Default values are Values of the field's LogicalType. A NULL default is the
// same as no default (the spec: "If either default is not set for an optional
// field, then the default value is null"), so it is stored as std::nullopt.
// A struct's default is NULL or a struct with no field values (all fields
// NULL): the fields' own defaults fill it in.
//
// Field ids are not checked here: they must be unique across a whole schema,
// which Schema::Make checks (partition types are checked by PartitionSpec).
//
// Thread-safety: Type is a small immutable value (nested children are shared
// immutable vectors); copy and share freely across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "vector/logical_type.h"
#include "vector/value.h"

namespace floe::iceberg {

enum class TypeKind : uint8_t {
  kUnknown,  // v3
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kTimestampNs,    // v3
  kTimestampTzNs,  // v3
  kString,
  kUuid,
  kFixed,
  kBinary,
  kVariant,    // v3, semi-structured: neither primitive nor nested
  kGeometry,   // v3
  kGeography,  // v3
  kStruct,
  kList,
  kMap,
};

struct NestedField;

class Type {
 public:
  static constexpr int32_t kMaxDecimalPrecision = 38;
  static constexpr std::string_view kDefaultCrs = "OGC:CRS84";
  static constexpr std::string_view kDefaultAlgorithm = "spherical";

  static Type Unknown() { return Type(TypeKind::kUnknown); }
  static Type Boolean() { return Type(TypeKind::kBoolean); }
  static Type Int() { return Type(TypeKind::kInt); }
  static Type Long() { return Type(TypeKind::kLong); }
  static Type Float() { return Type(TypeKind::kFloat); }
  static Type Double() { return Type(TypeKind::kDouble); }
  static Type Date() { return Type(TypeKind::kDate); }
  static Type Time() { return Type(TypeKind::kTime); }
  static Type Timestamp() { return Type(TypeKind::kTimestamp); }
  static Type TimestampTz() { return Type(TypeKind::kTimestampTz); }
  static Type TimestampNs() { return Type(TypeKind::kTimestampNs); }
  static Type TimestampTzNs() { return Type(TypeKind::kTimestampTzNs); }
  static Type String() { return Type(TypeKind::kString); }
  static Type Uuid() { return Type(TypeKind::kUuid); }
  static Type Binary() { return Type(TypeKind::kBinary); }
  static Type Variant() { return Type(TypeKind::kVariant); }

  // 1 <= precision <= 38, 0 <= scale <= precision.
  static Result<Type> Decimal(int32_t precision, int32_t scale);
  // length >= 1.
  static Result<Type> Fixed(int64_t length);
  // An empty CRS (or algorithm) means the default, OGC:CRS84 (spherical); it
  // is kept as given so that the type string round-trips.
  static Result<Type> Geometry(std::string crs = {});
  // algorithm: empty, spherical, vincenty, thomas, andoyer or karney.
  static Result<Type> Geography(std::string crs = {}, std::string algorithm = {});

  // Field names must be non-empty and unique within the struct; each field is
  // checked as described for NestedField.
  static Result<Type> Struct(std::vector<NestedField> fields);
  static Result<Type> List(int32_t element_id, Type element, bool element_required);
  // Map keys are always required.
  static Result<Type> Map(int32_t key_id, Type key, int32_t value_id, Type value,
                          bool value_required);

  TypeKind kind() const { return kind_; }
  // Everything but struct, list, map and variant (as in the spec and Java).
  bool is_primitive() const;
  bool is_nested() const {
    return kind_ == TypeKind::kStruct || kind_ == TypeKind::kList || kind_ == TypeKind::kMap;
  }
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // fixed[L]: L; uuid: 16; otherwise 0.
  int32_t fixed_length() const { return length_; }
  // Geometry/geography parameters as given (empty: the default).
  const std::string& crs() const;
  const std::string& algorithm() const;

  // Struct: its fields. List: {element}. Map: {key, value}. Otherwise empty.
  const std::vector<NestedField>& fields() const;
  // List and map children; calling them on another type is a bug.
  const NestedField& element() const;
  const NestedField& key() const;
  const NestedField& value() const;
  // A direct child by id or (case-sensitive) name; nullptr when absent.
  const NestedField* FieldById(int32_t id) const;
  const NestedField* FieldByName(std::string_view name) const;

  // The first format version that allows this type itself (not its
  // children): 3 for unknown, timestamp_ns, timestamptz_ns, variant,
  // geometry and geography; 1 otherwise.
  int min_format_version() const;

  // Primitives and variant: the canonical JSON type string ("int",
  // "decimal(9,2)", "fixed[16]", "geography(OGC:CRS84, karney)").
  // Nested: "struct<1: a: required int, 2: b: optional list<3: optional string>>".
  std::string ToString() const;

  friend bool operator==(const Type& a, const Type& b);

 private:
  explicit Type(TypeKind kind) : kind_(kind), length_(kind == TypeKind::kUuid ? 16 : 0) {}

  TypeKind kind_;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
  int32_t length_ = 0;
  // Struct fields, {element} or {key, value}.
  std::shared_ptr<const std::vector<NestedField>> children_;
  // Geometry/geography parameters, {crs, algorithm}; null when both empty.
  std::shared_ptr<const std::pair<std::string, std::string>> geo_;
};

// A struct field, list element or map key/value.
//
// Checked by Type::Struct/List/Map: an unknown-typed field must be optional;
// fields of unknown, variant, geometry or geography type have no defaults;
// a default's type is ToLogicalType(type) and a struct's default has only
// NULL field values.
struct NestedField {
  int32_t id;
  std::string name;
  Type type;
  bool required = false;
  std::optional<std::string> doc;
  std::optional<Value> initial_default;
  std::optional<Value> write_default;

  static NestedField Required(int32_t id, std::string name, Type type,
                              std::optional<std::string> doc = std::nullopt) {
    return NestedField{id, std::move(name), std::move(type), true, std::move(doc), {}, {}};
  }
  static NestedField Optional(int32_t id, std::string name, Type type,
                              std::optional<std::string> doc = std::nullopt) {
    return NestedField{id, std::move(name), std::move(type), false, std::move(doc), {}, {}};
  }

  // "1: id: required int".
  std::string ToString() const;

  friend bool operator==(const NestedField& a, const NestedField& b) = default;
};

// Parses a primitive (or variant) type string: the canonical forms of
// Type::ToString, case-insensitive, with optional whitespace around
// parameters and separators ("decimal( 9 , 2 )", " fixed[16] "). Unknown
// names are InvalidArgument: "unknown type 'timestamp_z'".
Result<Type> ParsePrimitiveType(std::string_view text);

// Whether a column of type `from` may be changed to `to` in a table of the
// given format version (spec: "Schema Evolution"): int -> long,
// float -> double, decimal(P, S) -> decimal(P', S) with P' > P; in v3 also
// date -> timestamp / timestamp_ns and unknown -> any type. A type always
// "promotes" to itself. Nested types never promote (their children evolve
// field by field).
bool CanPromote(const Type& from, const Type& to, int format_version);

// Floe's LogicalType of an Iceberg type: nested children keep their names and
// field ids; required/optional, docs and defaults are not part of a
// LogicalType. unknown, variant, geometry and geography are NotSupported, as
// is fixed[L] beyond LogicalType::kMaxFixedLength.
Result<LogicalType> ToLogicalType(const Type& type);

// The Iceberg type of a LogicalType. Children come out optional except map
// keys, which Iceberg requires; tinyint and smallint become int (Iceberg has
// no narrower integers; its Spark and ORC integrations widen them too).
// Every nested child must carry a field id (else InvalidArgument naming it)
// unless `require_field_ids` is false, when missing ids become 0 - for
// AssignFreshIds (schema.h), which replaces every id.
Result<Type> FromLogicalType(const LogicalType& type, bool require_field_ids = true);

}  // namespace floe::iceberg
