// Small helpers for reading and writing Iceberg's JSON documents (schemas,
// partition specs, sort orders, later table metadata) with nlohmann-json
// without ever throwing.
//
// nlohmann-json throws on a type mismatch in get<>() and on invalid UTF-8 in
// dump(); these helpers check every type first and parse in no-throw mode, so
// bad input becomes a Status naming the member and what was found instead:
//   "'source-id' must be an int, got string"
// Callers add where the member is (WithContext) - "iceberg: partition spec 0:
// field 1: ...". JSON null counts as absent for optional members, as Iceberg's
// Java parsers treat it.
//
// Json is nlohmann::ordered_json so that written documents keep the members in
// the order we write them (the order Iceberg's reference implementation uses),
// which makes them readable and diffable.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace floe::iceberg {

using Json = nlohmann::ordered_json;

// Parses `text`; an error says it is not valid JSON, naming `what` ("schema").
Result<Json> ParseJson(std::string_view text, std::string_view what);

// Serializes compactly (indent < 0) or pretty-printed. Never throws: bytes
// that are not UTF-8 are replaced (our writers validate strings before).
std::string DumpJson(const Json& json, int indent = -1);

// "object", "array", "string", "int", "number", "boolean", "null".
std::string_view JsonTypeName(const Json& json);

// `json` itself as an int32 / int64 (integers only, range-checked); `what`
// names it in the error ("'source-id'", "element 3 of 'fields'").
Result<int32_t> JsonToInt32(const Json& json, std::string_view what);
Result<int64_t> JsonToInt64(const Json& json, std::string_view what);

// Members of an object. The required forms fail when the member is missing or
// null; the optional forms return nullopt (or nullptr) for both. `object` must
// be an object (checked: a non-object fails with "expected an object").
Result<const Json*> GetMember(const Json& object, std::string_view key);
Result<const Json*> GetOptionalMember(const Json& object, std::string_view key);

Result<int32_t> GetInt32(const Json& object, std::string_view key);
Result<std::optional<int32_t>> GetOptionalInt32(const Json& object, std::string_view key);
Result<int64_t> GetInt64(const Json& object, std::string_view key);
Result<std::optional<int64_t>> GetOptionalInt64(const Json& object, std::string_view key);
Result<bool> GetBool(const Json& object, std::string_view key);
Result<std::optional<bool>> GetOptionalBool(const Json& object, std::string_view key);
Result<std::string> GetString(const Json& object, std::string_view key);
Result<std::optional<std::string>> GetOptionalString(const Json& object, std::string_view key);
// A list of ints; the optional form returns nullopt when absent.
Result<std::vector<int32_t>> GetInt32List(const Json& object, std::string_view key);
Result<std::optional<std::vector<int32_t>>> GetOptionalInt32List(const Json& object,
                                                                 std::string_view key);
// Snapshot ids: a long, or an unsigned 64-bit integer above the long range
// (a few writers emit those), read as the long with the same 64 bits - the
// value a manifest's Avro long holds, and what DuckDB reads.
Result<int64_t> JsonToSnapshotId(const Json& json, std::string_view what);
Result<int64_t> GetSnapshotId(const Json& object, std::string_view key);
Result<std::optional<int64_t>> GetOptionalSnapshotId(const Json& object, std::string_view key);
Result<std::vector<int64_t>> GetSnapshotIdList(const Json& object, std::string_view key);

// A list of strings.
Result<std::vector<std::string>> GetStringList(const Json& object, std::string_view key);
// An object whose values are all strings (table properties, snapshot
// summaries); the optional form returns an empty map when absent.
Result<std::map<std::string, std::string>> GetStringMap(const Json& object, std::string_view key);
Result<std::map<std::string, std::string>> GetOptionalStringMap(const Json& object,
                                                                std::string_view key);
// An array or object member (pointer into `object`); nullptr when optional
// and absent.
Result<const Json*> GetArray(const Json& object, std::string_view key);
Result<const Json*> GetOptionalArray(const Json& object, std::string_view key);
Result<const Json*> GetObject(const Json& object, std::string_view key);
Result<const Json*> GetOptionalObject(const Json& object, std::string_view key);

}  // namespace floe::iceberg
