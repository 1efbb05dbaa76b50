#include "formats/avro/avro_schema.h"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

namespace floe::avro {

// Ordered, so attributes keep their order through a round trip.
using Json = nlohmann::ordered_json;

std::string_view AvroTypeName(AvroType type) {
  switch (type) {
    case AvroType::kNull:
      return "null";
    case AvroType::kBoolean:
      return "boolean";
    case AvroType::kInt:
      return "int";
    case AvroType::kLong:
      return "long";
    case AvroType::kFloat:
      return "float";
    case AvroType::kDouble:
      return "double";
    case AvroType::kBytes:
      return "bytes";
    case AvroType::kString:
      return "string";
    case AvroType::kRecord:
      return "record";
    case AvroType::kEnum:
      return "enum";
    case AvroType::kArray:
      return "array";
    case AvroType::kMap:
      return "map";
    case AvroType::kUnion:
      return "union";
    case AvroType::kFixed:
      return "fixed";
  }
  return "unknown";
}

std::string_view AvroNode::name() const {
  const size_t dot = full_name.rfind('.');
  return dot == std::string::npos ? std::string_view(full_name)
                                  : std::string_view(full_name).substr(dot + 1);
}

std::string_view AvroNode::name_space() const {
  const size_t dot = full_name.rfind('.');
  return dot == std::string::npos ? std::string_view() : std::string_view(full_name).substr(0, dot);
}

int AvroNode::FieldIndex(std::string_view field_name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field_name) return static_cast<int>(i);
  }
  return -1;
}

int AvroNode::NullBranch() const {
  for (size_t i = 0; i < branches.size(); ++i) {
    if (branches[i]->type == AvroType::kNull) return static_cast<int>(i);
  }
  return -1;
}

std::optional<std::string_view> AvroNode::Attribute(std::string_view attr) const {
  for (const AvroAttribute& a : attributes) {
    if (a.name == attr) return std::string_view(a.json);
  }
  return std::nullopt;
}

const AvroNode* AvroSchema::FindNamed(std::string_view full_name) const {
  auto it = named_.find(full_name);
  return it == named_.end() ? nullptr : it->second;
}

namespace {

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// An integer JSON value that fits int64, or nullopt.
std::optional<int64_t> AsInt64(const Json& j) {
  if (j.is_number_unsigned()) {
    const auto v = j.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  if (j.is_number_integer()) return j.get<int64_t>();
  return std::nullopt;
}

std::optional<int32_t> AsInt32(const Json& j) {
  auto v = AsInt64(j);
  if (!v.has_value() || *v < std::numeric_limits<int32_t>::min() ||
      *v > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(*v);
}

std::optional<AvroType> PrimitiveType(std::string_view name) {
  if (name == "null") return AvroType::kNull;
  if (name == "boolean") return AvroType::kBoolean;
  if (name == "int") return AvroType::kInt;
  if (name == "long") return AvroType::kLong;
  if (name == "float") return AvroType::kFloat;
  if (name == "double") return AvroType::kDouble;
  if (name == "bytes") return AvroType::kBytes;
  if (name == "string") return AvroType::kString;
  return std::nullopt;
}

bool IsPrimitive(AvroType type) {
  return type != AvroType::kRecord && type != AvroType::kEnum && type != AvroType::kArray &&
         type != AvroType::kMap && type != AvroType::kUnion && type != AvroType::kFixed;
}

// The deepest nesting of arrays and objects in JSON text, strings skipped; stops counting past
// `limit`. Checked before parsing: the JSON library writes values back recursively.
int JsonDepth(std::string_view text, int limit) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > limit) return max_depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

// JSON nesting Parse() accepts: a schema of kMaxSchemaDepth levels takes about three JSON levels
// per schema level (object, fields array, field object).
constexpr int kMaxJsonDepth = 4 * kMaxSchemaDepth;

}  // namespace

// Builds the node graph from the JSON tree. A friend of AvroSchema.
class AvroSchemaParser {
 public:
  explicit AvroSchemaParser(AvroSchema& schema) : schema_(schema) {}

  Result<const AvroNode*> Parse(const Json& j, const std::string& ns, int depth,
                                const std::string& where) {
    if (depth > kMaxSchemaDepth) {
      return Error(where, fmt::format("nests deeper than {} levels", kMaxSchemaDepth));
    }
    if (j.is_string()) return ParseName(j.get_ref<const std::string&>(), ns, where);
    if (j.is_array()) return ParseUnion(j, ns, depth, where);
    if (j.is_object()) return ParseObject(j, ns, depth, where);
    return Error(where, fmt::format("a schema must be a string, an object or an array, not {}",
                                    Truncate(Dump(j))));
  }

 private:
  static std::string Truncate(std::string s) {
    if (s.size() > 80) {
      s.resize(80);
      s += "...";
    }
    return s;
  }

  static Status Error(const std::string& where, std::string_view what) {
    if (where.empty()) return Status::InvalidArgument("avro schema: {}", what);
    return Status::InvalidArgument("avro schema: {}: {}", where, what);
  }

  AvroNode* NewNode(AvroType type) {
    schema_.nodes_.push_back(std::make_unique<AvroNode>());
    AvroNode* node = schema_.nodes_.back().get();
    node->type = type;
    return node;
  }

  // The fullname of a definition's "name" (and "namespace") inside namespace `ns`.
  static std::string FullName(const std::string& name, const std::string* explicit_ns,
                              const std::string& ns) {
    if (name.find('.') != std::string::npos) return name;
    const std::string& space = explicit_ns != nullptr ? *explicit_ns : ns;
    return space.empty() ? name : space + "." + name;
  }

  Result<const AvroNode*> ParseName(const std::string& name, const std::string& ns,
                                    const std::string& where) {
    if (auto primitive = PrimitiveType(name)) return NewNode(*primitive);
    if (name.find('.') == std::string::npos && !ns.empty()) {
      if (const AvroNode* node = schema_.FindNamed(ns + "." + name)) return node;
    }
    if (const AvroNode* node = schema_.FindNamed(name)) return node;
    return Error(where, fmt::format("unknown type name '{}'", Truncate(name)));
  }

  Result<const AvroNode*> ParseUnion(const Json& j, const std::string& ns, int depth,
                                     const std::string& where) {
    AvroNode* node = NewNode(AvroType::kUnion);
    std::set<std::string> seen;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string here = Join(where, fmt::format("union branch {}", i));
      FLOE_ASSIGN_OR_RETURN(const AvroNode* branch, Parse(j[i], ns, depth + 1, here));
      if (branch->type == AvroType::kUnion) {
        return Error(here, "a union may not directly contain another union");
      }
      const std::string key =
          branch->is_named() ? branch->full_name : std::string(AvroTypeName(branch->type));
      if (!seen.insert(key).second) {
        return Error(here, fmt::format("the union already has a branch of type '{}'", key));
      }
      node->branches.push_back(branch);
    }
    if (node->branches.size() > std::numeric_limits<uint16_t>::max()) {
      return Error(where, fmt::format("a union of {} branches is more than Floe reads (65535)",
                                      node->branches.size()));
    }
    return node;
  }

  static std::string Join(const std::string& where, std::string_view what) {
    return where.empty() ? std::string(what) : where + " > " + std::string(what);
  }

  // Reads the optional string attribute `key`; InvalidArgument if present and not a string.
  static Result<std::optional<std::string>> OptionalString(const Json& j, const char* key,
                                                           const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::optional<std::string>();
    if (!it->is_string()) {
      return Error(
          where, fmt::format("attribute '{}' must be a string, not {}", key, Truncate(Dump(*it))));
    }
    return std::optional<std::string>(it->get<std::string>());
  }

  static Result<std::vector<std::string>> StringList(const Json& j, const char* key,
                                                     const std::string& where) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) return Error(where, fmt::format("'{}' must be an array of strings", key));
    for (const Json& e : *it) {
      if (!e.is_string()) {
        return Error(where, fmt::format("'{}' must be an array of strings", key));
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }

  // Parses the attributes common to every object schema that are not structural.
  static void TakeExtraAttributes(const Json& j, const std::set<std::string_view>& structural,
                                  AvroNode* node) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (structural.count(key) != 0) continue;
      if (key == "logicalType" && it->is_string()) {
        node->logical_type = it->get<std::string>();
        continue;
      }
      if (key == "precision" || key == "scale" || key == "element-id" || key == "key-id" ||
          key == "value-id") {
        if (auto v = AsInt32(*it)) {
          if (key == "precision") node->precision = *v;
          if (key == "scale") node->scale = *v;
          if (key == "element-id") node->element_id = *v;
          if (key == "key-id") node->key_id = *v;
          if (key == "value-id") node->value_id = *v;
          continue;
        }
      }
      node->attributes.push_back({key, Dump(*it)});
    }
  }

  Result<const AvroNode*> ParseObject(const Json& j, const std::string& ns, int depth,
                                      const std::string& where) {
    auto type_it = j.find("type");
    if (type_it == j.end()) return Error(where, "a schema object needs a 'type' attribute");
    if (!type_it->is_string()) {
      return Error(where,
                   fmt::format("'type' must be a type name, not {}", Truncate(Dump(*type_it))));
    }
    const std::string& type = type_it->get_ref<const std::string&>();
    if (auto primitive = PrimitiveType(type)) {
      AvroNode* node = NewNode(*primitive);
      TakeExtraAttributes(j, {"type"}, node);
      return node;
    }
    if (type == "record" || type == "error") return ParseRecord(j, ns, depth, where);
    if (type == "enum") return ParseEnum(j, ns, where);
    if (type == "fixed") return ParseFixed(j, ns, where);
    if (type == "array") {
      auto items = j.find("items");
      if (items == j.end()) return Error(where, "an array needs an 'items' schema");
      AvroNode* node = NewNode(AvroType::kArray);
      FLOE_ASSIGN_OR_RETURN(node->items, Parse(*items, ns, depth + 1, Join(where, "items")));
      TakeExtraAttributes(j, {"type", "items"}, node);
      return node;
    }
    if (type == "map") {
      auto values = j.find("values");
      if (values == j.end()) return Error(where, "a map needs a 'values' schema");
      AvroNode* node = NewNode(AvroType::kMap);
      FLOE_ASSIGN_OR_RETURN(node->values, Parse(*values, ns, depth + 1, Join(where, "values")));
      TakeExtraAttributes(j, {"type", "values"}, node);
      return node;
    }
    // {"type": "SomeName"}: a reference to a named type.
    return ParseName(type, ns, where);
  }

  // Registers a named type's node under its fullname, before its children are parsed, so that
  // they can refer to it.
  Result<AvroNode*> DefineNamed(const Json& j, AvroType type, const std::string& ns,
                                const std::string& where) {
    auto name_it = j.find("name");
    if (name_it == j.end() || !name_it->is_string() ||
        name_it->get_ref<const std::string&>().empty()) {
      return Error(where, fmt::format("a {} needs a non-empty string 'name'", AvroTypeName(type)));
    }
    FLOE_ASSIGN_OR_RETURN(std::optional<std::string> explicit_ns,
                          OptionalString(j, "namespace", where));
    const std::string full =
        FullName(name_it->get<std::string>(), explicit_ns ? &*explicit_ns : nullptr, ns);
    // Names must survive being written out and read back: no empty parts ("a..b", "a."), and
    // no short name that reads as a primitive type.
    size_t part_start = 0;
    while (true) {
      const size_t dot = full.find('.', part_start);
      const size_t part_end = dot == std::string::npos ? full.size() : dot;
      if (part_end == part_start) {
        return Error(where, fmt::format("the name '{}' has an empty part", Truncate(full)));
      }
      if (dot == std::string::npos) break;
      part_start = dot + 1;
    }
    if (PrimitiveType(full.substr(part_start)).has_value()) {
      return Error(where, fmt::format("'{}' is a primitive type and cannot be redefined", full));
    }
    if (schema_.named_.count(full) != 0) {
      return Error(where, fmt::format("the name '{}' is defined twice", full));
    }
    AvroNode* node = NewNode(type);
    node->full_name = full;
    schema_.named_.emplace(full, node);
    FLOE_ASSIGN_OR_RETURN(node->aliases, StringList(j, "aliases", where));
    FLOE_ASSIGN_OR_RETURN(std::optional<std::string> doc, OptionalString(j, "doc", where));
    node->doc = doc.value_or("");
    return node;
  }

  Result<const AvroNode*> ParseRecord(const Json& j, const std::string& ns, int depth,
                                      const std::string& where) {
    FLOE_ASSIGN_OR_RETURN(AvroNode * node, DefineNamed(j, AvroType::kRecord, ns, where));
    const std::string here = Join(where, fmt::format("record '{}'", node->full_name));
    const std::string inner_ns(node->name_space());
    auto fields = j.find("fields");
    if (fields == j.end() || !fields->is_array()) {
      return Error(here, "a record needs a 'fields' array");
    }
    std::set<std::string> names;
    for (const Json& f : *fields) {
      if (!f.is_object()) return Error(here, "each field must be an object");
      auto name_it = f.find("name");
      if (name_it == f.end() || !name_it->is_string()) {
        return Error(here, "a field needs a string 'name'");
      }
      AvroField field;
      field.name = name_it->get<std::string>();
      const std::string field_where = Join(here, fmt::format("field '{}'", field.name));
      if (!names.insert(field.name).second) return Error(field_where, "duplicate field name");
      auto type_it = f.find("type");
      if (type_it == f.end()) return Error(field_where, "a field needs a 'type'");
      FLOE_ASSIGN_OR_RETURN(field.type, Parse(*type_it, inner_ns, depth + 1, field_where));
      for (auto it = f.begin(); it != f.end(); ++it) {
        const std::string& key = it.key();
        if (key == "name" || key == "type") continue;
        if (key == "default") {
          field.default_json = Dump(*it);
        } else if (key == "doc" && it->is_string()) {
          field.doc = it->get<std::string>();
        } else if (key == "aliases") {
          FLOE_ASSIGN_OR_RETURN(field.aliases, StringList(f, "aliases", field_where));
        } else if (key == "field-id" && AsInt32(*it).has_value()) {
          field.field_id = AsInt32(*it);
        } else {
          field.attributes.push_back({key, Dump(*it)});
        }
      }
      node->fields.push_back(std::move(field));
    }
    TakeExtraAttributes(j, {"type", "name", "namespace", "fields", "aliases", "doc"}, node);
    return node;
  }

  Result<const AvroNode*> ParseEnum(const Json& j, const std::string& ns,
                                    const std::string& where) {
    FLOE_ASSIGN_OR_RETURN(AvroNode * node, DefineNamed(j, AvroType::kEnum, ns, where));
    const std::string here = Join(where, fmt::format("enum '{}'", node->full_name));
    auto symbols = j.find("symbols");
    if (symbols == j.end() || !symbols->is_array()) {
      return Error(here, "an enum needs a 'symbols' array");
    }
    std::set<std::string> seen;
    for (const Json& s : *symbols) {
      if (!s.is_string()) return Error(here, "enum symbols must be strings");
      if (!seen.insert(s.get<std::string>()).second) {
        return Error(here, fmt::format("duplicate symbol '{}'", Truncate(s.get<std::string>())));
      }
      node->symbols.push_back(s.get<std::string>());
    }
    FLOE_ASSIGN_OR_RETURN(node->enum_default, OptionalString(j, "default", here));
    if (node->enum_default.has_value() && seen.count(*node->enum_default) == 0) {
      return Error(here, fmt::format("the default '{}' is not one of the symbols",
                                     Truncate(*node->enum_default)));
    }
    if (node->symbols.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Error(here, "too many symbols");
    }
    TakeExtraAttributes(j, {"type", "name", "namespace", "symbols", "default", "aliases", "doc"},
                        node);
    return node;
  }

  Result<const AvroNode*> ParseFixed(const Json& j, const std::string& ns,
                                     const std::string& where) {
    FLOE_ASSIGN_OR_RETURN(AvroNode * node, DefineNamed(j, AvroType::kFixed, ns, where));
    const std::string here = Join(where, fmt::format("fixed '{}'", node->full_name));
    auto size = j.find("size");
    std::optional<int64_t> n;
    if (size != j.end()) n = AsInt64(*size);
    if (!n.has_value() || *n < 0 || *n > std::numeric_limits<int32_t>::max()) {
      return Error(here, "a fixed needs an integer 'size' in [0, 2^31)");
    }
    node->fixed_size = static_cast<int32_t>(*n);
    TakeExtraAttributes(j, {"type", "name", "namespace", "size", "aliases", "doc"}, node);
    return node;
  }

  AvroSchema& schema_;
};

Result<std::shared_ptr<const AvroSchema>> AvroSchema::Parse(std::string_view json) {
  if (JsonDepth(json, kMaxJsonDepth) > kMaxJsonDepth) {
    return Status::InvalidArgument("avro schema: JSON nests deeper than {} levels", kMaxJsonDepth);
  }
  Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("avro schema: not valid JSON");
  auto schema = std::make_shared<AvroSchema>(Token{});
  AvroSchemaParser parser(*schema);
  FLOE_ASSIGN_OR_RETURN(schema->root_, parser.Parse(j, "", 0, ""));
  return std::shared_ptr<const AvroSchema>(std::move(schema));
}

namespace {

class SchemaWriter {
 public:
  Json Write(const AvroNode& node, const std::string& ns) {
    if (node.type == AvroType::kUnion) {
      Json out = Json::array();
      for (const AvroNode* b : node.branches) out.push_back(Write(*b, ns));
      return out;
    }
    if (IsPrimitive(node.type) && !HasAnnotations(node)) {
      return std::string(AvroTypeName(node.type));
    }
    if (node.is_named()) {
      if (!written_.insert(&node).second) return Reference(node, ns);
    }
    Json out = Json::object();
    out["type"] = std::string(AvroTypeName(node.type));
    std::string inner_ns = ns;
    if (node.is_named()) {
      out["name"] = std::string(node.name());
      if (node.name_space() != ns) out["namespace"] = std::string(node.name_space());
      inner_ns = std::string(node.name_space());
      if (!node.doc.empty()) out["doc"] = node.doc;
      if (!node.aliases.empty()) out["aliases"] = node.aliases;
    }
    switch (node.type) {
      case AvroType::kRecord: {
        Json fields = Json::array();
        for (const AvroField& f : node.fields) fields.push_back(WriteField(f, inner_ns));
        out["fields"] = std::move(fields);
        break;
      }
      case AvroType::kEnum:
        out["symbols"] = node.symbols;
        if (node.enum_default) out["default"] = *node.enum_default;
        break;
      case AvroType::kFixed:
        out["size"] = node.fixed_size;
        break;
      case AvroType::kArray:
        out["items"] = Write(*node.items, ns);
        break;
      case AvroType::kMap:
        out["values"] = Write(*node.values, ns);
        break;
      default:
        break;
    }
    if (!node.logical_type.empty()) out["logicalType"] = node.logical_type;
    if (node.precision) out["precision"] = *node.precision;
    if (node.scale) out["scale"] = *node.scale;
    if (node.element_id) out["element-id"] = *node.element_id;
    if (node.key_id) out["key-id"] = *node.key_id;
    if (node.value_id) out["value-id"] = *node.value_id;
    AddAttributes(node.attributes, out);
    return out;
  }

 private:
  static bool HasAnnotations(const AvroNode& node) {
    return !node.logical_type.empty() || node.precision || node.scale || node.element_id ||
           node.key_id || node.value_id || !node.attributes.empty();
  }

  static Json Reference(const AvroNode& node, const std::string& ns) {
    if (node.name_space() == ns) return std::string(node.name());
    return node.full_name;
  }

  static void AddAttributes(const std::vector<AvroAttribute>& attributes, Json& out) {
    for (const AvroAttribute& a : attributes) {
      Json value = Json::parse(a.json, nullptr, false);
      if (!value.is_discarded()) out[a.name] = std::move(value);
    }
  }

  Json WriteField(const AvroField& f, const std::string& ns) {
    Json out = Json::object();
    out["name"] = f.name;
    out["type"] = Write(*f.type, ns);
    if (!f.doc.empty()) out["doc"] = f.doc;
    if (f.default_json) {
      Json value = Json::parse(*f.default_json, nullptr, false);
      if (!value.is_discarded()) out["default"] = std::move(value);
    }
    if (!f.aliases.empty()) out["aliases"] = f.aliases;
    if (f.field_id) out["field-id"] = *f.field_id;
    AddAttributes(f.attributes, out);
    return out;
  }

  std::set<const AvroNode*> written_;
};

}  // namespace

std::string AvroSchema::ToJson() const {
  SchemaWriter writer;
  return Dump(writer.Write(*root_, ""));
}

}  // namespace floe::avro
