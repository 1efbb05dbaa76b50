#include "iceberg/schema.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "iceberg/error_context.h"

namespace floe::iceberg {

struct Schema::Index {
  std::unordered_map<int32_t, const NestedField*> by_id;
  std::unordered_map<int32_t, int32_t> parent_of;
  std::unordered_map<int32_t, std::string> name_of;
  // Full names, and short names that no full name spells.
  std::unordered_map<std::string, int32_t> by_name;
  // ASCII-lowercased names of by_name -> the distinct ids they name.
  std::unordered_map<std::string, std::vector<int32_t>> by_lower_name;
  int32_t highest_id = 0;
};

namespace {

std::string Join(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class IndexBuilder {
 public:
  // Short names go to `short_names`: they enter the index only where no full
  // name is spelled the same, which is known once every field is visited.
  explicit IndexBuilder(std::unordered_map<std::string, int32_t>* short_names)
      : short_names_(short_names) {}

  template <typename IndexT>
  Status Visit(IndexT& index, const Type& type, const std::string& full, const std::string& shrt,
               std::optional<int32_t> parent) {
    switch (type.kind()) {
      case TypeKind::kStruct:
        for (const NestedField& field : type.fields()) {
          const std::string field_full = Join(full, field.name);
          const std::string field_short = Join(shrt, field.name);
          FLOE_RETURN_NOT_OK(Add(index, field, field_full, field_short, parent));
          FLOE_RETURN_NOT_OK(Visit(index, field.type, field_full, field_short, field.id));
        }
        return Status::OK();
      case TypeKind::kList: {
        const NestedField& element = type.element();
        const std::string element_full = Join(full, "element");
        const std::string element_short = Join(shrt, "element");
        FLOE_RETURN_NOT_OK(Add(index, element, element_full, element_short, parent));
        return Visit(index, element.type, element_full,
                     element.type.kind() == TypeKind::kStruct ? shrt : element_short, element.id);
      }
      case TypeKind::kMap: {
        const NestedField& key = type.key();
        const NestedField& value = type.value();
        const std::string key_full = Join(full, "key");
        const std::string key_short = Join(shrt, "key");
        FLOE_RETURN_NOT_OK(Add(index, key, key_full, key_short, parent));
        FLOE_RETURN_NOT_OK(Visit(index, key.type, key_full, key_short, key.id));
        const std::string value_full = Join(full, "value");
        const std::string value_short = Join(shrt, "value");
        FLOE_RETURN_NOT_OK(Add(index, value, value_full, value_short, parent));
        return Visit(index, value.type, value_full,
                     value.type.kind() == TypeKind::kStruct ? shrt : value_short, value.id);
      }
      default:
        return Status::OK();
    }
  }

 private:
  template <typename IndexT>
  Status Add(IndexT& index, const NestedField& field, const std::string& full,
             const std::string& shrt, std::optional<int32_t> parent) {
    if (field.id < 0) {
      return Status::InvalidArgument("field '{}' has a negative id {}", full, field.id);
    }
    auto [it, inserted] = index.by_id.emplace(field.id, &field);
    if (!inserted) {
      return Status::InvalidArgument("field id {} is used by both '{}' and '{}'", field.id,
                                     index.name_of[field.id], full);
    }
    if (!index.by_name.emplace(full, field.id).second) {
      return Status::InvalidArgument("two fields are named '{}' (ids {} and {})", full,
                                     index.by_name[full], field.id);
    }
    index.name_of[field.id] = full;
    if (parent) index.parent_of[field.id] = *parent;
    index.highest_id = std::max(index.highest_id, field.id);
    if (shrt != full) (*short_names_)[shrt] = field.id;
    return Status::OK();
  }

  std::unordered_map<std::string, int32_t>* short_names_;
};

Status ValidateIdentifierField(int32_t id,
                               const std::unordered_map<int32_t, const NestedField*>& by_id,
                               const std::unordered_map<int32_t, int32_t>& parent_of,
                               const std::unordered_map<int32_t, std::string>& name_of) {
  auto it = by_id.find(id);
  if (it == by_id.end()) {
    return Status::InvalidArgument("identifier field {} does not exist", id);
  }
  const NestedField& field = *it->second;
  const std::string& name = name_of.at(id);
  if (!field.type.is_primitive()) {
    return Status::InvalidArgument("identifier field {} '{}' is a {}, not a primitive", id, name,
                                   field.type.ToString());
  }
  if (field.type.kind() == TypeKind::kFloat || field.type.kind() == TypeKind::kDouble) {
    return Status::InvalidArgument("identifier field {} '{}' cannot be a {}", id, name,
                                   field.type.ToString());
  }
  if (!field.required) {
    return Status::InvalidArgument("identifier field {} '{}' must be required", id, name);
  }
  for (auto parent = parent_of.find(id); parent != parent_of.end();
       parent = parent_of.find(parent->second)) {
    const NestedField& p = *by_id.at(parent->second);
    if (p.type.kind() != TypeKind::kStruct) {
      return Status::InvalidArgument("identifier field {} '{}' must not be nested in a {}", id,
                                     name, p.type.kind() == TypeKind::kList ? "list" : "map");
    }
    if (!p.required) {
      return Status::InvalidArgument(
          "identifier field {} '{}' must not be nested in optional struct '{}'", id, name,
          name_of.at(p.id));
    }
  }
  return Status::OK();
}

Status ValidateFieldForTable(const NestedField& field, int format_version,
                             const std::string& path) {
  const std::string name = Join(path, field.name);
  if (field.id > Schema::kMaxTableFieldId) {
    return Status::InvalidArgument("field {} '{}': ids above {} are reserved for metadata columns",
                                   field.id, name, Schema::kMaxTableFieldId);
  }
  if (field.type.min_format_version() > format_version) {
    return Status::InvalidArgument("field {} '{}': type {} needs format version {}, table is v{}",
                                   field.id, name, field.type.ToString(),
                                   field.type.min_format_version(), format_version);
  }
  if (field.initial_default && format_version < 3) {
    return Status::InvalidArgument(
        "field {} '{}': a non-null initial-default needs format version 3, table is v{}", field.id,
        name, format_version);
  }
  for (const NestedField& child : field.type.fields()) {
    FLOE_RETURN_NOT_OK(ValidateFieldForTable(child, format_version, name));
  }
  return Status::OK();
}

// `value` (of a type that differs from `type` at most in field ids) rebuilt
// as a Value of `type`.
Result<Value> Retype(const Value& value, const LogicalType& type) {
  if (value.is_null()) return Value::Null(type);
  switch (type.id()) {
    case floe::TypeId::kStruct: {
      std::vector<Value> children;
      for (size_t i = 0; i < value.children().size(); ++i) {
        FLOE_ASSIGN_OR_RETURN(Value child, Retype(value.children()[i], type.child_type(i)));
        children.push_back(std::move(child));
      }
      return Value::Struct(type, std::move(children));
    }
    case floe::TypeId::kList: {
      std::vector<Value> elements;
      for (const Value& element : value.children()) {
        FLOE_ASSIGN_OR_RETURN(Value e, Retype(element, type.child_type(0)));
        elements.push_back(std::move(e));
      }
      return Value::List(type, std::move(elements));
    }
    case floe::TypeId::kMap: {
      std::vector<std::pair<Value, Value>> entries;
      for (const Value& entry : value.children()) {
        FLOE_ASSIGN_OR_RETURN(Value k, Retype(entry.children()[0], type.child_type(0)));
        FLOE_ASSIGN_OR_RETURN(Value v, Retype(entry.children()[1], type.child_type(1)));
        entries.emplace_back(std::move(k), std::move(v));
      }
      return Value::Map(type, std::move(entries));
    }
    default:
      return value;
  }
}

Result<NestedField> WithNewId(const NestedField& field, int32_t id, Type type) {
  NestedField out{id,        field.name,   std::move(type), field.required,
                  field.doc, std::nullopt, std::nullopt};
  if (field.initial_default || field.write_default) {
    FLOE_ASSIGN_OR_RETURN(LogicalType logical, ToLogicalType(out.type));
    if (field.initial_default) {
      FLOE_ASSIGN_OR_RETURN(out.initial_default, Retype(*field.initial_default, logical));
    }
    if (field.write_default) {
      FLOE_ASSIGN_OR_RETURN(out.write_default, Retype(*field.write_default, logical));
    }
  }
  return out;
}

Result<Type> Reassign(const Type& type, int32_t& next_id,
                      std::unordered_map<int32_t, int32_t>& id_map) {
  auto take = [&](int32_t old_id) -> Result<int32_t> {
    if (next_id == Schema::kMaxTableFieldId) {
      return Status::InvalidArgument("iceberg: no field ids left to assign (last is {})", next_id);
    }
    id_map[old_id] = ++next_id;
    return next_id;
  };
  switch (type.kind()) {
    case TypeKind::kStruct: {
      std::vector<int32_t> ids;
      for (const NestedField& field : type.fields()) {
        FLOE_ASSIGN_OR_RETURN(int32_t id, take(field.id));
        ids.push_back(id);
      }
      std::vector<NestedField> fields;
      for (size_t i = 0; i < ids.size(); ++i) {
        const NestedField& field = type.fields()[i];
        FLOE_ASSIGN_OR_RETURN(Type child, Reassign(field.type, next_id, id_map));
        FLOE_ASSIGN_OR_RETURN(NestedField renumbered, WithNewId(field, ids[i], std::move(child)));
        fields.push_back(std::move(renumbered));
      }
      return Type::Struct(std::move(fields));
    }
    case TypeKind::kList: {
      FLOE_ASSIGN_OR_RETURN(int32_t element_id, take(type.element().id));
      FLOE_ASSIGN_OR_RETURN(Type element, Reassign(type.element().type, next_id, id_map));
      return Type::List(element_id, std::move(element), type.element().required);
    }
    case TypeKind::kMap: {
      FLOE_ASSIGN_OR_RETURN(int32_t key_id, take(type.key().id));
      FLOE_ASSIGN_OR_RETURN(int32_t value_id, take(type.value().id));
      FLOE_ASSIGN_OR_RETURN(Type key, Reassign(type.key().type, next_id, id_map));
      FLOE_ASSIGN_OR_RETURN(Type value, Reassign(type.value().type, next_id, id_map));
      return Type::Map(key_id, std::move(key), value_id, std::move(value), type.value().required);
    }
    default:
      return type;
  }
}

}  // namespace

Schema::Schema(Type struct_type, int32_t schema_id, std::vector<int32_t> identifier_field_ids,
               std::shared_ptr<const Index> index)
    : struct_(std::move(struct_type)),
      schema_id_(schema_id),
      identifier_field_ids_(std::move(identifier_field_ids)),
      index_(std::move(index)) {}

Result<Schema> Schema::Make(std::vector<NestedField> fields, int32_t schema_id,
                            std::vector<int32_t> identifier_field_ids) {
  auto type = Type::Struct(std::move(fields));
  if (!type.has_value()) return IcebergContext(type.error(), "schema {}", schema_id);
  return Make(std::move(type).value(), schema_id, std::move(identifier_field_ids));
}

Result<Schema> Schema::Make(Type struct_type, int32_t schema_id,
                            std::vector<int32_t> identifier_field_ids) {
  if (struct_type.kind() != TypeKind::kStruct) {
    return Status::InvalidArgument("iceberg: schema {}: a schema is a struct, got {}", schema_id,
                                   struct_type.ToString());
  }
  // The index points into struct_type's shared children, which every copy of
  // the Schema keeps alive.
  auto index = std::make_shared<Index>();
  std::unordered_map<std::string, int32_t> short_names;
  IndexBuilder builder(&short_names);
  Status st = builder.Visit(*index, struct_type, "", "", std::nullopt);
  if (!st.ok()) return IcebergContext(st, "schema {}", schema_id);
  for (auto& [name, id] : short_names) index->by_name.emplace(name, id);
  for (const auto& [name, id] : index->by_name) {
    std::vector<int32_t>& ids = index->by_lower_name[AsciiLower(name)];
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  std::unordered_set<int32_t> seen;
  for (int32_t id : identifier_field_ids) {
    if (!seen.insert(id).second) {
      return Status::InvalidArgument("iceberg: schema {}: identifier field {} is listed twice",
                                     schema_id, id);
    }
    st = ValidateIdentifierField(id, index->by_id, index->parent_of, index->name_of);
    if (!st.ok()) return IcebergContext(st, "schema {}", schema_id);
  }
  return Schema(std::move(struct_type), schema_id, std::move(identifier_field_ids),
                std::move(index));
}

const NestedField* Schema::FindFieldById(int32_t id) const {
  auto it = index_->by_id.find(id);
  return it == index_->by_id.end() ? nullptr : it->second;
}

Result<const NestedField*> Schema::FindFieldByName(std::string_view name,
                                                   bool case_sensitive) const {
  if (case_sensitive) {
    auto it = index_->by_name.find(std::string(name));
    return it == index_->by_name.end() ? nullptr : FindFieldById(it->second);
  }
  auto it = index_->by_lower_name.find(AsciiLower(name));
  if (it == index_->by_lower_name.end()) return nullptr;
  if (it->second.size() > 1) {
    return Status::InvalidArgument("iceberg: schema {}: '{}' matches several fields ('{}', '{}')",
                                   schema_id_, name, index_->name_of.at(it->second[0]),
                                   index_->name_of.at(it->second[1]));
  }
  return FindFieldById(it->second[0]);
}

std::optional<std::string> Schema::FindColumnName(int32_t id) const {
  auto it = index_->name_of.find(id);
  if (it == index_->name_of.end()) return std::nullopt;
  return it->second;
}

std::optional<int32_t> Schema::FindParentId(int32_t id) const {
  auto it = index_->parent_of.find(id);
  if (it == index_->parent_of.end()) return std::nullopt;
  return it->second;
}

int32_t Schema::HighestFieldId() const { return index_->highest_id; }

Status Schema::ValidateForTable(int format_version) const {
  for (const NestedField& field : fields()) {
    Status st = ValidateFieldForTable(field, format_version, "");
    if (!st.ok()) return IcebergContext(st, "schema {}", schema_id_);
  }
  return Status::OK();
}

Result<LogicalType> Schema::ToLogicalType() const { return iceberg::ToLogicalType(struct_); }

Result<Schema> Schema::FromLogicalType(const LogicalType& struct_type, int32_t schema_id) {
  if (struct_type.id() != floe::TypeId::kStruct) {
    return Status::InvalidArgument("iceberg: a schema is a struct, got {}", struct_type.ToString());
  }
  FLOE_ASSIGN_OR_RETURN(Type type, iceberg::FromLogicalType(struct_type));
  return Make(std::move(type), schema_id);
}

bool Schema::SameSchema(const Schema& other) const {
  return struct_ == other.struct_ && identifier_field_ids_ == other.identifier_field_ids_;
}

std::string Schema::ToString() const {
  std::string out = "table {\n";
  for (const NestedField& field : fields()) out += "  " + field.ToString() + "\n";
  return out + "}";
}

bool operator==(const Schema& a, const Schema& b) {
  return a.schema_id_ == b.schema_id_ && a.SameSchema(b);
}

Result<Schema> AssignFreshIds(const Type& struct_type, int32_t schema_id, int32_t last_column_id) {
  if (struct_type.kind() != TypeKind::kStruct) {
    return Status::InvalidArgument("iceberg: a schema is a struct, got {}", struct_type.ToString());
  }
  int32_t next_id = last_column_id;
  std::unordered_map<int32_t, int32_t> id_map;
  FLOE_ASSIGN_OR_RETURN(Type type, Reassign(struct_type, next_id, id_map));
  return Schema::Make(std::move(type), schema_id);
}

Result<Schema> AssignFreshIds(const Schema& schema, int32_t schema_id, int32_t last_column_id) {
  int32_t next_id = last_column_id;
  std::unordered_map<int32_t, int32_t> id_map;
  FLOE_ASSIGN_OR_RETURN(Type type, Reassign(schema.as_struct(), next_id, id_map));
  std::vector<int32_t> identifiers;
  for (int32_t id : schema.identifier_field_ids()) identifiers.push_back(id_map.at(id));
  return Schema::Make(std::move(type), schema_id, std::move(identifiers));
}

Result<Schema> AssignFreshIds(const LogicalType& struct_type, int32_t schema_id,
                              int32_t last_column_id) {
  if (struct_type.id() != floe::TypeId::kStruct) {
    return Status::InvalidArgument("iceberg: a schema is a struct, got {}", struct_type.ToString());
  }
  FLOE_ASSIGN_OR_RETURN(Type type, FromLogicalType(struct_type, /*require_field_ids=*/false));
  return AssignFreshIds(type, schema_id, last_column_id);
}

}  // namespace floe::iceberg
