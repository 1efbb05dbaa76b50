#include "iceberg/schema_json.h"

#include "iceberg/error_context.h"
#include "iceberg/single_value.h"

namespace floe::iceberg {

namespace {

Result<Type> StructFromJson(const Json& json);

Result<std::optional<Value>> DefaultFromJson(const Json& object, std::string_view key,
                                             const Type& type) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<Value>();
  auto value = SingleValueFromJson(type, *member);
  if (!value.has_value()) return IcebergContext(value.error(), "{}", key);
  return std::optional<Value>(std::move(value).value());
}

Result<NestedField> FieldFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a struct field must be an object, got {}", JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "id"));
  auto fail = [&](const Status& st, std::string_view name) {
    return name.empty() ? IcebergContext(st, "field {}", id)
                        : IcebergContext(st, "field {} '{}'", id, name);
  };
  auto name = GetString(json, "name");
  if (!name.has_value()) return fail(name.error(), "");
  auto required = GetBool(json, "required");
  if (!required.has_value()) return fail(required.error(), *name);
  auto type_json = GetMember(json, "type");
  if (!type_json.has_value()) return fail(type_json.error(), *name);
  auto type = TypeFromJson(**type_json);
  if (!type.has_value()) return fail(type.error(), *name);
  auto doc = GetOptionalString(json, "doc");
  if (!doc.has_value()) return fail(doc.error(), *name);
  NestedField field{id, *name, *type, *required, *doc, std::nullopt, std::nullopt};
  auto initial = DefaultFromJson(json, "initial-default", field.type);
  if (!initial.has_value()) return fail(initial.error(), *name);
  auto write = DefaultFromJson(json, "write-default", field.type);
  if (!write.has_value()) return fail(write.error(), *name);
  field.initial_default = std::move(initial).value();
  field.write_default = std::move(write).value();
  return field;
}

Result<Type> StructFromJson(const Json& json) {
  FLOE_ASSIGN_OR_RETURN(const Json* fields_json, GetArray(json, "fields"));
  std::vector<NestedField> fields;
  fields.reserve(fields_json->size());
  for (const Json& field_json : *fields_json) {
    FLOE_ASSIGN_OR_RETURN(NestedField field, FieldFromJson(field_json));
    fields.push_back(std::move(field));
  }
  return Type::Struct(std::move(fields));
}

Result<Type> ListFromJson(const Json& json) {
  FLOE_ASSIGN_OR_RETURN(int32_t element_id, GetInt32(json, "element-id"));
  FLOE_ASSIGN_OR_RETURN(bool element_required, GetBool(json, "element-required"));
  FLOE_ASSIGN_OR_RETURN(const Json* element_json, GetMember(json, "element"));
  auto element = TypeFromJson(*element_json);
  if (!element.has_value()) return IcebergContext(element.error(), "list element {}", element_id);
  return Type::List(element_id, std::move(element).value(), element_required);
}

Result<Type> MapFromJson(const Json& json) {
  FLOE_ASSIGN_OR_RETURN(int32_t key_id, GetInt32(json, "key-id"));
  FLOE_ASSIGN_OR_RETURN(int32_t value_id, GetInt32(json, "value-id"));
  FLOE_ASSIGN_OR_RETURN(bool value_required, GetBool(json, "value-required"));
  FLOE_ASSIGN_OR_RETURN(const Json* key_json, GetMember(json, "key"));
  FLOE_ASSIGN_OR_RETURN(const Json* value_json, GetMember(json, "value"));
  auto key = TypeFromJson(*key_json);
  if (!key.has_value()) return IcebergContext(key.error(), "map key {}", key_id);
  auto value = TypeFromJson(*value_json);
  if (!value.has_value()) return IcebergContext(value.error(), "map value {}", value_id);
  return Type::Map(key_id, std::move(key).value(), value_id, std::move(value).value(),
                   value_required);
}

Result<Json> FieldToJson(const NestedField& field) {
  Json out = Json::object();
  out["id"] = field.id;
  out["name"] = field.name;
  out["required"] = field.required;
  FLOE_ASSIGN_OR_RETURN(out["type"], TypeToJson(field.type));
  if (field.doc) out["doc"] = *field.doc;
  if (field.initial_default) {
    FLOE_ASSIGN_OR_RETURN(out["initial-default"],
                          SingleValueToJson(field.type, *field.initial_default));
  }
  if (field.write_default) {
    FLOE_ASSIGN_OR_RETURN(out["write-default"],
                          SingleValueToJson(field.type, *field.write_default));
  }
  return out;
}

Result<Json> FieldsToJson(const Type& struct_type) {
  Json fields = Json::array();
  for (const NestedField& field : struct_type.fields()) {
    auto json = FieldToJson(field);
    if (!json.has_value()) {
      return IcebergContext(json.error(), "field {} '{}'", field.id, field.name);
    }
    fields.push_back(std::move(json).value());
  }
  return fields;
}

}  // namespace

Result<Type> TypeFromJson(const Json& json) {
  if (json.is_string()) return ParsePrimitiveType(json.get_ref<const std::string&>());
  if (!json.is_object()) {
    return Status::InvalidArgument("a type must be a string or an object, got {}",
                                   JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(std::string kind, GetString(json, "type"));
  if (kind == "struct") return StructFromJson(json);
  if (kind == "list") return ListFromJson(json);
  if (kind == "map") return MapFromJson(json);
  return Status::InvalidArgument("unknown nested type '{}' (expected struct, list or map)", kind);
}

Result<Json> TypeToJson(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kStruct: {
      Json out = Json::object();
      out["type"] = "struct";
      FLOE_ASSIGN_OR_RETURN(out["fields"], FieldsToJson(type));
      return out;
    }
    case TypeKind::kList: {
      Json out = Json::object();
      out["type"] = "list";
      out["element-id"] = type.element().id;
      FLOE_ASSIGN_OR_RETURN(out["element"], TypeToJson(type.element().type));
      out["element-required"] = type.element().required;
      return out;
    }
    case TypeKind::kMap: {
      Json out = Json::object();
      out["type"] = "map";
      out["key-id"] = type.key().id;
      FLOE_ASSIGN_OR_RETURN(out["key"], TypeToJson(type.key().type));
      out["value-id"] = type.value().id;
      FLOE_ASSIGN_OR_RETURN(out["value"], TypeToJson(type.value().type));
      out["value-required"] = type.value().required;
      return out;
    }
    default:
      return Json(type.ToString());
  }
}

Result<Schema> SchemaFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a schema must be an object, got {}",
                                   JsonTypeName(json));
  }
  auto schema_id = GetOptionalInt32(json, "schema-id");
  if (!schema_id.has_value()) return IcebergContext(schema_id.error(), "schema");
  const int32_t id = schema_id->value_or(Schema::kInitialSchemaId);
  auto fail = [&](const Status& st) { return IcebergContext(st, "schema {}", id); };
  auto kind = GetString(json, "type");
  if (!kind.has_value()) return fail(kind.error());
  if (*kind != "struct") {
    return fail(Status::InvalidArgument("'type' must be \"struct\", got \"{}\"", *kind));
  }
  auto identifiers = GetOptionalInt32List(json, "identifier-field-ids");
  if (!identifiers.has_value()) return fail(identifiers.error());
  auto type = StructFromJson(json);
  if (!type.has_value()) return fail(type.error());
  return Schema::Make(std::move(type).value(), id, identifiers->value_or(std::vector<int32_t>{}));
}

Result<Json> SchemaToJson(const Schema& schema) {
  Json out = Json::object();
  out["type"] = "struct";
  out["schema-id"] = schema.schema_id();
  if (!schema.identifier_field_ids().empty()) {
    out["identifier-field-ids"] = schema.identifier_field_ids();
  }
  auto fields = FieldsToJson(schema.as_struct());
  if (!fields.has_value()) {
    return IcebergContext(fields.error(), "schema {}", schema.schema_id());
  }
  out["fields"] = std::move(fields).value();
  return out;
}

Result<Schema> SchemaFromJsonString(std::string_view text) {
  FLOE_ASSIGN_OR_RETURN(Json json, ParseJson(text, "schema"));
  return SchemaFromJson(json);
}

Result<std::string> SchemaToJsonString(const Schema& schema) {
  FLOE_ASSIGN_OR_RETURN(Json json, SchemaToJson(schema));
  return DumpJson(json);
}

}  // namespace floe::iceberg
