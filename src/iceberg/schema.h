// Schema: a table's columns (spec "Schemas and Data Types") - a struct type
// with a schema id and the optional identifier-field-ids - plus the indexes
// every reader and writer needs: field by id, by dotted name (case-sensitive
// or not), canonical name of an id, parent of an id, and the highest id.
//
// Make() validates what makes a schema usable:
//   - field ids are unique across the whole schema (struct fields, list
//     elements, map keys and values) and not negative;
//   - names are unique within each struct, and dotted full names are unique
//     (a top-level "a.b" next to struct "a" with field "b" is ambiguous);
//   - identifier fields exist, are required primitives other than float and
//     double, and are not inside a list, a map or an optional struct.
// ValidateForTable() adds what a table's format version demands.
//
// Names: a nested field's full name joins the names on its path with '.',
// list elements as "element" and map keys/values as "key"/"value"
// ("points.element.x"). As in Iceberg's Java implementation, the short form
// without "element"/"value" also resolves when the element or value is a
// struct ("points.x"), unless a full name is spelled the same. Case-insensitive
// lookup folds ASCII letters only; a name that then matches two fields is
// InvalidArgument.
//
// Thread-safety: immutable; copies share the indexes; share freely.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "iceberg/type.h"
#include "vector/logical_type.h"

namespace floe::iceberg {

class Schema {
 public:
  static constexpr int32_t kInitialSchemaId = 0;
  // Ids above this are reserved for metadata columns (_file, _pos, ...).
  static constexpr int32_t kMaxTableFieldId = 2147483447;

  static Result<Schema> Make(std::vector<NestedField> fields, int32_t schema_id = kInitialSchemaId,
                             std::vector<int32_t> identifier_field_ids = {});
  // `struct_type` must be a struct.
  static Result<Schema> Make(Type struct_type, int32_t schema_id = kInitialSchemaId,
                             std::vector<int32_t> identifier_field_ids = {});

  int32_t schema_id() const { return schema_id_; }
  const std::vector<int32_t>& identifier_field_ids() const { return identifier_field_ids_; }
  const Type& as_struct() const { return struct_; }
  const std::vector<NestedField>& fields() const { return struct_.fields(); }

  // Any field at any depth; nullptr when absent.
  const NestedField* FindFieldById(int32_t id) const;
  // A field by dotted name; nullptr when absent. Case-insensitive lookup that
  // matches several fields is InvalidArgument.
  Result<const NestedField*> FindFieldByName(std::string_view name,
                                             bool case_sensitive = true) const;
  // The canonical full name of an id ("points.element.x").
  std::optional<std::string> FindColumnName(int32_t id) const;
  // The id of the struct field, list or map that directly contains `id`;
  // nullopt for top-level fields and unknown ids.
  std::optional<int32_t> FindParentId(int32_t id) const;
  // The largest field id at any depth; 0 for a schema without fields.
  int32_t HighestFieldId() const;

  // What a table of `format_version` allows: v3 types (unknown, timestamp_ns,
  // timestamptz_ns, variant, geometry, geography) and non-null
  // initial-defaults need v3, and no id may be above kMaxTableFieldId.
  Status ValidateForTable(int format_version) const;

  // A struct LogicalType whose fields carry the field ids (see ToLogicalType
  // in type.h for what does not carry over).
  Result<LogicalType> ToLogicalType() const;
  // From a struct LogicalType whose nested fields all carry ids; fields come
  // out optional (LogicalType has no nullability).
  static Result<Schema> FromLogicalType(const LogicalType& struct_type,
                                        int32_t schema_id = kInitialSchemaId);

  // Same fields and identifier fields, whatever the schema ids.
  bool SameSchema(const Schema& other) const;

  // "table {\n  1: id: required long\n  ...\n}".
  std::string ToString() const;

  // Also compares schema ids.
  friend bool operator==(const Schema& a, const Schema& b);

 private:
  struct Index;
  Schema(Type struct_type, int32_t schema_id, std::vector<int32_t> identifier_field_ids,
         std::shared_ptr<const Index> index);

  Type struct_;
  int32_t schema_id_;
  std::vector<int32_t> identifier_field_ids_;
  std::shared_ptr<const Index> index_;
};

// New ids for every field, as CREATE TABLE (and a REST create-table request)
// assigns them: last_column_id + 1, + 2, ... in Iceberg's order - a struct's
// own fields first, then each field's nested fields; a list's element, a
// map's key then value, before their own children. Identifier fields follow
// their fields to the new ids. Names, types, required, docs and defaults are
// kept.
Result<Schema> AssignFreshIds(const Schema& schema, int32_t schema_id = Schema::kInitialSchemaId,
                              int32_t last_column_id = 0);
// The same for a struct type whose ids may be anything (0 placeholders).
Result<Schema> AssignFreshIds(const Type& struct_type, int32_t schema_id = Schema::kInitialSchemaId,
                              int32_t last_column_id = 0);
// The same for a struct LogicalType (ids, if any, are ignored; fields come
// out optional, map keys required).
Result<Schema> AssignFreshIds(const LogicalType& struct_type,
                              int32_t schema_id = Schema::kInitialSchemaId,
                              int32_t last_column_id = 0);

}  // namespace floe::iceberg
