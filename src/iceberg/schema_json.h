// JSON form of Iceberg types and schemas (spec Appendix C).
//
//   type     "int", "decimal(9,2)", "fixed[16]", ... (type.h's ParsePrimitiveType
//            reads them, with optional whitespace and in any case), or
//            {"type": "struct", "fields": [...]},
//            {"type": "list", "element-id": 3, "element-required": true, "element": ...},
//            {"type": "map", "key-id": 4, "key": ..., "value-id": 5,
//             "value-required": false, "value": ...}
//   field    {"id", "name", "required", "type", "doc"?, "initial-default"?,
//             "write-default"?}; defaults in the JSON single-value form
//            (single_value.h); a null default is no default
//   schema   a struct type plus "schema-id" (v1 may omit it: 0) and
//            "identifier-field-ids" (optional)
//
// Errors say where: "iceberg: schema 0: field 3 'point': field 12 'ts':
// unknown type 'timestamp_z'". Members that are not part of the spec are
// ignored. Writing puts members in the order Iceberg's Java implementation
// does and omits absent optional ones.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/schema.h"
#include "iceberg/type.h"

namespace floe::iceberg {

Result<Type> TypeFromJson(const Json& json);
Result<Json> TypeToJson(const Type& type);

Result<Schema> SchemaFromJson(const Json& json);
Result<Json> SchemaToJson(const Schema& schema);

Result<Schema> SchemaFromJsonString(std::string_view text);
Result<std::string> SchemaToJsonString(const Schema& schema);

}  // namespace floe::iceberg
