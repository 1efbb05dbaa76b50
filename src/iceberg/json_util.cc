#include "iceberg/json_util.h"

#include <limits>

namespace floe::iceberg {

Result<Json> ParseJson(std::string_view text, std::string_view what) {
  Json json = Json::parse(text.begin(), text.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Status::InvalidArgument("iceberg: {} is not valid JSON ({} bytes)", what, text.size());
  }
  return json;
}

std::string DumpJson(const Json& json, int indent) {
  return json.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::detail::error_handler_t::replace);
}

std::string_view JsonTypeName(const Json& json) {
  switch (json.type()) {
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "int";
    case Json::value_t::number_float:
      return "number";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::null:
      return "null";
    case Json::value_t::binary:
      return "binary";
    case Json::value_t::discarded:
      return "discarded";
  }
  return "unknown";
}

Result<int64_t> JsonToInt64(const Json& json, std::string_view what) {
  if (json.is_number_unsigned()) {
    const uint64_t v = json.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return Status::InvalidArgument("{} is out of range for a long: {}", what, v);
    }
    return static_cast<int64_t>(v);
  }
  if (json.is_number_integer()) return json.get<int64_t>();
  return Status::InvalidArgument("{} must be an integer, got {}", what, JsonTypeName(json));
}

Result<int32_t> JsonToInt32(const Json& json, std::string_view what) {
  if (!json.is_number_integer()) {
    return Status::InvalidArgument("{} must be an int, got {}", what, JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(int64_t v, JsonToInt64(json, what));
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidArgument("{} is out of range for an int: {}", what, v);
  }
  return static_cast<int32_t>(v);
}

Result<const Json*> GetOptionalMember(const Json& object, std::string_view key) {
  if (!object.is_object()) {
    return Status::InvalidArgument("expected an object with '{}', got {}", key,
                                   JsonTypeName(object));
  }
  auto it = object.find(std::string(key));
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<const Json*> GetMember(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return Status::InvalidArgument("missing required '{}'", key);
  return member;
}

namespace {
std::string Quoted(std::string_view key) { return fmt::format("'{}'", key); }
}  // namespace

Result<int32_t> GetInt32(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  return JsonToInt32(*member, Quoted(key));
}

Result<std::optional<int32_t>> GetOptionalInt32(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<int32_t>();
  FLOE_ASSIGN_OR_RETURN(int32_t v, JsonToInt32(*member, Quoted(key)));
  return std::optional<int32_t>(v);
}

Result<int64_t> GetInt64(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  return JsonToInt64(*member, Quoted(key));
}

Result<std::optional<int64_t>> GetOptionalInt64(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<int64_t>();
  FLOE_ASSIGN_OR_RETURN(int64_t v, JsonToInt64(*member, Quoted(key)));
  return std::optional<int64_t>(v);
}

Result<bool> GetBool(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  if (!member->is_boolean()) {
    return Status::InvalidArgument("'{}' must be a boolean, got {}", key, JsonTypeName(*member));
  }
  return member->get<bool>();
}

Result<std::optional<bool>> GetOptionalBool(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<bool>();
  if (!member->is_boolean()) {
    return Status::InvalidArgument("'{}' must be a boolean, got {}", key, JsonTypeName(*member));
  }
  return std::optional<bool>(member->get<bool>());
}

Result<std::string> GetString(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  if (!member->is_string()) {
    return Status::InvalidArgument("'{}' must be a string, got {}", key, JsonTypeName(*member));
  }
  return member->get<std::string>();
}

Result<std::optional<std::string>> GetOptionalString(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<std::string>();
  if (!member->is_string()) {
    return Status::InvalidArgument("'{}' must be a string, got {}", key, JsonTypeName(*member));
  }
  return std::optional<std::string>(member->get<std::string>());
}

namespace {
Result<std::vector<int32_t>> ToInt32List(const Json& member, std::string_view key) {
  if (!member.is_array()) {
    return Status::InvalidArgument("'{}' must be a list of ints, got {}", key,
                                   JsonTypeName(member));
  }
  std::vector<int32_t> out;
  out.reserve(member.size());
  for (size_t i = 0; i < member.size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(int32_t v,
                          JsonToInt32(member[i], fmt::format("element {} of '{}'", i, key)));
    out.push_back(v);
  }
  return out;
}
}  // namespace

Result<std::vector<int32_t>> GetInt32List(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  return ToInt32List(*member, key);
}

Result<std::optional<std::vector<int32_t>>> GetOptionalInt32List(const Json& object,
                                                                 std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<std::vector<int32_t>>();
  FLOE_ASSIGN_OR_RETURN(std::vector<int32_t> list, ToInt32List(*member, key));
  return std::optional<std::vector<int32_t>>(std::move(list));
}

Result<int64_t> JsonToSnapshotId(const Json& json, std::string_view what) {
  if (json.is_number_unsigned()) return static_cast<int64_t>(json.get<uint64_t>());
  return JsonToInt64(json, what);
}

Result<int64_t> GetSnapshotId(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  return JsonToSnapshotId(*member, Quoted(key));
}

Result<std::optional<int64_t>> GetOptionalSnapshotId(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::optional<int64_t>();
  FLOE_ASSIGN_OR_RETURN(int64_t v, JsonToSnapshotId(*member, Quoted(key)));
  return std::optional<int64_t>(v);
}

Result<std::vector<int64_t>> GetSnapshotIdList(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  if (!member->is_array()) {
    return Status::InvalidArgument("'{}' must be a list of snapshot ids, got {}", key,
                                   JsonTypeName(*member));
  }
  std::vector<int64_t> out;
  out.reserve(member->size());
  for (size_t i = 0; i < member->size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(
        int64_t v, JsonToSnapshotId((*member)[i], fmt::format("element {} of '{}'", i, key)));
    out.push_back(v);
  }
  return out;
}

Result<std::vector<std::string>> GetStringList(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  if (!member->is_array()) {
    return Status::InvalidArgument("'{}' must be a list of strings, got {}", key,
                                   JsonTypeName(*member));
  }
  std::vector<std::string> out;
  out.reserve(member->size());
  for (size_t i = 0; i < member->size(); ++i) {
    const Json& element = (*member)[i];
    if (!element.is_string()) {
      return Status::InvalidArgument("element {} of '{}' must be a string, got {}", i, key,
                                     JsonTypeName(element));
    }
    out.push_back(element.get<std::string>());
  }
  return out;
}

namespace {
Result<std::map<std::string, std::string>> ToStringMap(const Json& member, std::string_view key) {
  if (!member.is_object()) {
    return Status::InvalidArgument("'{}' must be an object of strings, got {}", key,
                                   JsonTypeName(member));
  }
  std::map<std::string, std::string> out;
  for (auto it = member.begin(); it != member.end(); ++it) {
    if (!it.value().is_string()) {
      return Status::InvalidArgument("'{}' of '{}' must be a string, got {}", it.key(), key,
                                     JsonTypeName(it.value()));
    }
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}
}  // namespace

Result<std::map<std::string, std::string>> GetStringMap(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetMember(object, key));
  return ToStringMap(*member, key);
}

Result<std::map<std::string, std::string>> GetOptionalStringMap(const Json& object,
                                                                std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member == nullptr) return std::map<std::string, std::string>();
  return ToStringMap(*member, key);
}

Result<const Json*> GetOptionalArray(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member != nullptr && !member->is_array()) {
    return Status::InvalidArgument("'{}' must be a list, got {}", key, JsonTypeName(*member));
  }
  return member;
}

Result<const Json*> GetArray(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalArray(object, key));
  if (member == nullptr) return Status::InvalidArgument("missing required '{}'", key);
  return member;
}

Result<const Json*> GetOptionalObject(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(object, key));
  if (member != nullptr && !member->is_object()) {
    return Status::InvalidArgument("'{}' must be an object, got {}", key, JsonTypeName(*member));
  }
  return member;
}

Result<const Json*> GetObject(const Json& object, std::string_view key) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalObject(object, key));
  if (member == nullptr) return Status::InvalidArgument("missing required '{}'", key);
  return member;
}

}  // namespace floe::iceberg
