// AvroSchema: an Avro schema (Avro 1.11 specification, "Schema Declaration"), parsed from and
// serialized to its JSON form.
//
// The schema is a graph of AvroNodes owned by one AvroSchema. Named types (record, enum, fixed)
// are defined once and every later reference to the name points at the same node, so a
// recursive record ("next": ["null", "LongList"]) is a cycle in the graph. Primitive types get a
// node per occurrence, because each occurrence may carry its own attributes (a logicalType).
//
// What is kept beyond what the binary encoding needs:
//   - logical types as annotations: `logical_type` ("decimal", "uuid", "date", "time-micros",
//     "timestamp-micros", Iceberg's "map", ...) with decimal `precision` and `scale`; values are
//     read and written as the underlying type;
//   - Iceberg's ids: `field-id` on record fields, `element-id` on arrays, `key-id` and `value-id`
//     on maps (and on Iceberg's arrays of key/value records that stand for maps with non-string
//     keys), parsed into integers when they are integers;
//   - every other attribute, in its original order, as JSON text, so ToJson() writes it back.
//
// Parse() follows the specification and is lenient only where other readers are: names are not
// checked against [A-Za-z_][A-Za-z0-9_]*, an unqualified reference that is not found in the
// enclosing namespace is looked up in the null namespace, and a field default is checked only
// when schema resolution needs it. It rejects what cannot be read unambiguously: unknown type
// names, a name defined twice, unions directly inside unions or with two branches of the same
// unnamed type (or the same name), duplicate field names or enum symbols, a fixed size outside
// [0, 2^31), and nesting deeper than kMaxSchemaDepth. Errors are InvalidArgument and say where
// ("avro schema: field 'data_file' > field 'partition': ...").
//
// The JSON parser runs in no-throw mode; nothing here throws.
//
// Thread-safety: an AvroSchema is immutable after Parse(); share it as
// shared_ptr<const AvroSchema> across threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace floe::avro {

enum class AvroType : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

// "null", "int", "record", ... (the name used in schemas; "union" for unions).
std::string_view AvroTypeName(AvroType type);

// Nesting of schemas within schemas that Parse() accepts.
inline constexpr int kMaxSchemaDepth = 128;

// An attribute the specification does not define, kept verbatim: its value as JSON text.
struct AvroAttribute {
  std::string name;
  std::string json;
};

struct AvroNode;

struct AvroField {
  std::string name;
  const AvroNode* type = nullptr;  // owned by the schema
  // The "default" attribute as JSON text; checked against `type` only when resolution uses it.
  std::optional<std::string> default_json;
  std::optional<int32_t> field_id;  // Iceberg's "field-id"
  std::string doc;
  std::vector<std::string> aliases;
  std::vector<AvroAttribute> attributes;  // "order" and anything else
};

struct AvroNode {
  AvroType type = AvroType::kNull;

  // Named types (record, enum, fixed): the fullname, "namespace.name" or "name".
  std::string full_name;
  std::string doc;
  std::vector<std::string> aliases;

  std::vector<AvroField> fields;            // record
  std::vector<std::string> symbols;         // enum
  std::optional<std::string> enum_default;  // enum
  const AvroNode* items = nullptr;          // array
  const AvroNode* values = nullptr;         // map
  std::vector<const AvroNode*> branches;    // union
  int32_t fixed_size = 0;                   // fixed

  // "logicalType"; empty when absent. precision/scale are set for integer attributes.
  std::string logical_type;
  std::optional<int32_t> precision;
  std::optional<int32_t> scale;

  // Iceberg's ids for array elements and map keys/values.
  std::optional<int32_t> element_id;
  std::optional<int32_t> key_id;
  std::optional<int32_t> value_id;

  std::vector<AvroAttribute> attributes;

  bool is_named() const {
    return type == AvroType::kRecord || type == AvroType::kEnum || type == AvroType::kFixed;
  }
  // The fullname without its namespace.
  std::string_view name() const;
  // The namespace part of the fullname ("" for the null namespace).
  std::string_view name_space() const;
  // The position of the field called `name`, or -1.
  int FieldIndex(std::string_view name) const;
  // The position of the first "null" branch of a union, or -1.
  int NullBranch() const;
  // An attribute kept verbatim (JSON text), or nullopt.
  std::optional<std::string_view> Attribute(std::string_view name) const;
};

class AvroSchema {
  struct Token {
    explicit Token() = default;
  };

 public:
  // Parses a schema's JSON text. InvalidArgument on anything that is not a valid schema.
  static Result<std::shared_ptr<const AvroSchema>> Parse(std::string_view json);

  // Use Parse(); only this class can make the Token.
  explicit AvroSchema(Token) {}
  AvroSchema(const AvroSchema&) = delete;
  AvroSchema& operator=(const AvroSchema&) = delete;

  const AvroNode& root() const { return *root_; }
  // A named type by its fullname, or nullptr.
  const AvroNode* FindNamed(std::string_view full_name) const;

  // The schema as compact JSON, every attribute included; Parse(ToJson()) gives an equal
  // schema. Named types are written in full once, by name afterwards.
  std::string ToJson() const;

 private:
  friend class AvroSchemaParser;
  std::vector<std::unique_ptr<AvroNode>> nodes_;
  std::map<std::string, const AvroNode*, std::less<>> named_;
  const AvroNode* root_ = nullptr;
};

}  // namespace floe::avro
