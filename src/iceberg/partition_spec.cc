#include "iceberg/partition_spec.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "iceberg/error_context.h"
#include "iceberg/source_column_internal.h"

namespace floe::iceberg {

namespace {

std::string SourceIdsString(const std::vector<int32_t>& ids) {
  return fmt::format("{}", fmt::join(ids, ", "));
}

Result<PartitionField> FieldFromJson(const Json& json, int32_t* last_field_id) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a partition field must be an object, got {}",
                                   JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(std::string name, GetString(json, "name"));
  auto fail = [&](const Status& st) { return IcebergContext(st, "field '{}'", name); };
  auto transform_text = GetString(json, "transform");
  if (!transform_text.has_value()) return fail(transform_text.error());
  auto transform = Transform::FromString(*transform_text);
  if (!transform.has_value()) return fail(transform.error());
  auto source_ids = GetOptionalInt32List(json, "source-ids");
  if (!source_ids.has_value()) return fail(source_ids.error());
  std::vector<int32_t> sources;
  if (source_ids->has_value()) {
    sources = **source_ids;
  } else {
    auto source_id = GetInt32(json, "source-id");
    if (!source_id.has_value()) return fail(source_id.error());
    sources.push_back(*source_id);
  }
  auto field_id = GetOptionalInt32(json, "field-id");
  if (!field_id.has_value()) return fail(field_id.error());
  int32_t id = 0;
  if (field_id->has_value()) {
    id = **field_id;
    *last_field_id = std::max(*last_field_id, id);
  } else {
    id = ++*last_field_id;
  }
  return PartitionField{std::move(sources), id, std::move(name), std::move(transform).value()};
}

}  // namespace

std::string PartitionField::ToString() const {
  return fmt::format("{}: {}: {}({})", field_id, name, transform.ToString(),
                     SourceIdsString(source_ids));
}

Result<PartitionSpec> PartitionSpec::Make(int32_t spec_id, std::vector<PartitionField> fields) {
  std::unordered_set<std::string_view> names;
  std::unordered_set<int32_t> ids;
  for (const PartitionField& field : fields) {
    auto fail = [&](std::string message) {
      return Status::InvalidArgument("iceberg: partition spec {}: field {} '{}': {}", spec_id,
                                     field.field_id, field.name, message);
    };
    if (field.name.empty()) return fail("empty name");
    if (!names.insert(field.name).second) return fail("the name is used twice");
    if (!ids.insert(field.field_id).second) return fail("the field id is used twice");
    if (field.source_ids.empty()) return fail("no source column");
    if (field.source_ids.size() > 1 && field.transform.kind() != TransformKind::kUnknown) {
      return fail(fmt::format("{} takes one source column, got {}", field.transform.ToString(),
                              field.source_ids.size()));
    }
  }
  return PartitionSpec(spec_id, std::move(fields));
}

PartitionSpec PartitionSpec::Unpartitioned() { return PartitionSpec(kInitialSpecId, {}); }

bool PartitionSpec::is_partitioned() const {
  return std::any_of(fields_.begin(), fields_.end(), [](const PartitionField& field) {
    return field.transform.kind() != TransformKind::kVoid;
  });
}

int32_t PartitionSpec::LastAssignedFieldId() const {
  int32_t last = kFirstFieldId - 1;
  for (const PartitionField& field : fields_) last = std::max(last, field.field_id);
  return last;
}

Status PartitionSpec::Validate(const Schema& schema, bool allow_missing_fields) const {
  for (const PartitionField& field : fields_) {
    auto fail = [&](const Status& st) {
      return IcebergContext(st, "partition spec {}: field {} '{}'", spec_id_, field.field_id,
                            field.name);
    };
    if (field.transform.kind() == TransformKind::kVoid) continue;
    for (int32_t source_id : field.source_ids) {
      Status st =
          internal::CheckTransformSource(schema, source_id, field.transform, allow_missing_fields);
      if (!st.ok()) return fail(st);
    }
    // As Iceberg's Java builder: a partition may share a column's name only
    // if it is sourced from that column.
    auto same_name = schema.FindFieldByName(field.name);
    if (same_name.has_value() && *same_name != nullptr &&
        std::find(field.source_ids.begin(), field.source_ids.end(), (*same_name)->id) ==
            field.source_ids.end()) {
      return fail(Status::InvalidArgument("the name is column {}'s, but the source is column {}",
                                          (*same_name)->id, SourceIdsString(field.source_ids)));
    }
  }
  return Status::OK();
}

Result<Type> PartitionSpec::PartitionType(const Schema& schema) const {
  std::vector<NestedField> fields;
  fields.reserve(fields_.size());
  for (const PartitionField& field : fields_) {
    const NestedField* source = schema.FindFieldById(field.source_id());
    auto result = field.transform.ResultType(source ? source->type : Type::Unknown());
    if (!result.has_value()) {
      return IcebergContext(result.error(), "partition spec {}: field {} '{}'", spec_id_,
                            field.field_id, field.name);
    }
    fields.push_back(NestedField::Optional(field.field_id, field.name, std::move(result).value()));
  }
  return Type::Struct(std::move(fields));
}

Result<std::string> PartitionSpec::PartitionPath(const std::vector<Value>& values) const {
  if (values.size() != fields_.size()) {
    return Status::InvalidArgument("iceberg: partition spec {} has {} fields, got {} values",
                                   spec_id_, fields_.size(), values.size());
  }
  std::string path;
  for (size_t i = 0; i < fields_.size(); ++i) {
    const PartitionField& field = fields_[i];
    const Value& value = values[i];
    const floe::TypeId id = value.type().id();
    bool type_ok = true;
    switch (field.transform.kind()) {
      case TransformKind::kBucket:
      case TransformKind::kYear:
      case TransformKind::kMonth:
      case TransformKind::kHour:
        type_ok = id == floe::TypeId::kInt32;
        break;
      case TransformKind::kDay:  // readers accept int for day (spec note)
        type_ok = id == floe::TypeId::kDate || id == floe::TypeId::kInt32;
        break;
      default:
        break;
    }
    if (!type_ok) {
      return Status::InvalidArgument(
          "iceberg: partition spec {}: field '{}' ({}) cannot hold a {} value", spec_id_,
          field.name, field.transform.ToString(), value.type().ToString());
    }
    if (i > 0) path += '/';
    path += UrlEncodePathComponent(field.name);
    path += '=';
    path += UrlEncodePathComponent(field.transform.ToHumanString(value));
  }
  return path;
}

bool PartitionSpec::CompatibleWith(const PartitionSpec& other) const {
  if (fields_.size() != other.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    const PartitionField& a = fields_[i];
    const PartitionField& b = other.fields_[i];
    if (a.source_ids != b.source_ids || a.name != b.name || !(a.transform == b.transform)) {
      return false;
    }
  }
  return true;
}

std::string PartitionSpec::ToString() const {
  if (fields_.empty()) return "[]";
  std::string out = "[\n";
  for (const PartitionField& field : fields_) out += "  " + field.ToString() + "\n";
  return out + "]";
}

Result<PartitionSpec> PartitionSpecFromFieldsJson(const Json& fields, int32_t spec_id) {
  if (!fields.is_array()) {
    return Status::InvalidArgument("iceberg: partition spec {}: 'fields' must be a list, got {}",
                                   spec_id, JsonTypeName(fields));
  }
  std::vector<PartitionField> parsed;
  int32_t last_field_id = PartitionSpec::kFirstFieldId - 1;
  for (const Json& field_json : fields) {
    auto field = FieldFromJson(field_json, &last_field_id);
    if (!field.has_value()) {
      return IcebergContext(field.error(), "partition spec {}", spec_id);
    }
    parsed.push_back(std::move(field).value());
  }
  return PartitionSpec::Make(spec_id, std::move(parsed));
}

Result<PartitionSpec> PartitionSpecFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a partition spec must be an object, got {}",
                                   JsonTypeName(json));
  }
  auto spec_id = GetInt32(json, "spec-id");
  if (!spec_id.has_value()) return IcebergContext(spec_id.error(), "partition spec");
  auto fields = GetArray(json, "fields");
  if (!fields.has_value()) {
    return IcebergContext(fields.error(), "partition spec {}", *spec_id);
  }
  return PartitionSpecFromFieldsJson(**fields, *spec_id);
}

Json PartitionSpecToJson(const PartitionSpec& spec) {
  Json fields = Json::array();
  for (const PartitionField& field : spec.fields()) {
    Json out = Json::object();
    out["name"] = field.name;
    out["transform"] = field.transform.ToString();
    if (field.source_ids.size() == 1) {
      out["source-id"] = field.source_ids[0];
    } else {
      out["source-ids"] = field.source_ids;
    }
    out["field-id"] = field.field_id;
    fields.push_back(std::move(out));
  }
  Json out = Json::object();
  out["spec-id"] = spec.spec_id();
  out["fields"] = std::move(fields);
  return out;
}

namespace internal {

Status CheckTransformSource(const Schema& schema, int32_t source_id, const Transform& transform,
                            bool allow_missing) {
  const NestedField* source = schema.FindFieldById(source_id);
  if (source == nullptr) {
    if (allow_missing) return Status::OK();
    return Status::InvalidArgument("source column {} does not exist in schema {}", source_id,
                                   schema.schema_id());
  }
  const std::string name = schema.FindColumnName(source_id).value_or("?");
  if (!source->type.is_primitive()) {
    return Status::InvalidArgument("source column {} '{}' is a {}, not a primitive", source_id,
                                   name, source->type.ToString());
  }
  if (!transform.CanTransform(source->type)) {
    return Status::InvalidArgument(
        "transform {} cannot be applied to source column {} '{}' of "
        "type {}",
        transform.ToString(), source_id, name, source->type.ToString());
  }
  for (auto parent = schema.FindParentId(source_id); parent;
       parent = schema.FindParentId(*parent)) {
    const NestedField* p = schema.FindFieldById(*parent);
    if (p->type.kind() != TypeKind::kStruct) {
      return Status::InvalidArgument("source column {} '{}' is inside a {}", source_id, name,
                                     p->type.kind() == TypeKind::kList ? "list" : "map");
    }
  }
  return Status::OK();
}

}  // namespace internal

}  // namespace floe::iceberg
