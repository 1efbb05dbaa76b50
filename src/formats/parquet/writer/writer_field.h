// WriterField: one field of the table a ParquetWriter writes - its name,
// logical type, Iceberg field id and nullability, with the same for every
// nested child (struct fields, a list's element, a map's key and value).
//
// LogicalType carries names and field ids of nested children but not their
// nullability, which Parquet needs (a required child has no definition
// level), so the writer takes this parallel tree. FromType() derives the
// children from the type when the defaults suit: every struct field, list
// element and map value nullable, map keys required, ids from the type.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vector/logical_type.h"

namespace floe::parquet {

struct WriterField {
  std::string name;
  LogicalType type = LogicalType::Int32();
  std::optional<int32_t> field_id;
  bool nullable = true;
  // Struct: one per field, in order. List: {element}. Map: {key, value}.
  // Primitive: none. Left empty for a nested type, WriterSchema::Make fills
  // it in as FromType() would.
  std::vector<WriterField> children;

  static WriterField FromType(std::string name, LogicalType type,
                              std::optional<int32_t> field_id = std::nullopt, bool nullable = true);
};

}  // namespace floe::parquet
