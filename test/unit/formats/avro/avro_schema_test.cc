// AvroSchema: JSON parsing and serialization, named types, Iceberg attributes, bad schemas.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "formats/avro/avro_schema.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

using Json = nlohmann::json;

// A manifest-entry-like schema, as Iceberg writes it: field ids, element/key/value ids, an
// array of key/value records standing for a map with int keys, logical types, defaults.
constexpr const char* kIcebergLike = R"({
  "type": "record", "name": "manifest_entry",
  "fields": [
    {"name": "status", "type": "int", "field-id": 0},
    {"name": "snapshot_id", "type": ["null", "long"], "default": null, "field-id": 1},
    {"name": "data_file", "field-id": 2, "type": {
      "type": "record", "name": "r2",
      "fields": [
        {"name": "file_path", "type": "string", "doc": "Location URI", "field-id": 100},
        {"name": "partition", "type": {"type": "record", "name": "r102", "fields": [
          {"name": "day", "type": ["null", {"type": "int", "logicalType": "date"}],
           "default": null, "field-id": 1000}]}, "field-id": 102},
        {"name": "value_counts", "type": ["null", {"type": "array", "logicalType": "map",
          "items": {"type": "record", "name": "k119_v120", "fields": [
            {"name": "key", "type": "int", "field-id": 119},
            {"name": "value", "type": "long", "field-id": 120}]}}],
         "default": null, "field-id": 109},
        {"name": "upper_bounds", "type": ["null", {"type": "map", "values": "bytes",
          "key-id": 130, "value-id": 131}], "default": null, "field-id": 128},
        {"name": "split_offsets", "type": ["null", {"type": "array", "items": "long",
          "element-id": 133}], "default": null, "field-id": 132},
        {"name": "price", "type": {"type": "fixed", "name": "decimal_9_2", "size": 4,
          "logicalType": "decimal", "precision": 9, "scale": 2}, "field-id": 140},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros",
          "adjust-to-utc": true}, "field-id": 141},
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}, "field-id": 142}
      ]}}
  ]})";

TEST(AvroSchemaTest, ParsesPrimitives) {
  for (const char* name :
       {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}) {
    ASSERT_OK_AND_ASSIGN(auto s, AvroSchema::Parse(fmt::format("\"{}\"", name)));
    EXPECT_EQ(AvroTypeName(s->root().type), name);
    EXPECT_EQ(s->ToJson(), fmt::format("\"{}\"", name));
    ASSERT_OK_AND_ASSIGN(auto o, AvroSchema::Parse(fmt::format(R"({{"type": "{}"}})", name)));
    EXPECT_EQ(AvroTypeName(o->root().type), name);
  }
}

TEST(AvroSchemaTest, KeepsIcebergIdsLogicalTypesAndAttributes) {
  ASSERT_OK_AND_ASSIGN(auto s, AvroSchema::Parse(kIcebergLike));
  const AvroNode& root = s->root();
  ASSERT_EQ(root.type, AvroType::kRecord);
  EXPECT_EQ(root.full_name, "manifest_entry");
  ASSERT_EQ(root.fields.size(), 3u);
  EXPECT_EQ(root.fields[0].field_id, 0);
  EXPECT_EQ(root.fields[1].default_json, "null");
  EXPECT_FALSE(root.fields[0].default_json.has_value());
  const AvroNode& r2 = *root.fields[2].type;
  EXPECT_EQ(r2.full_name, "r2");
  EXPECT_EQ(r2.fields[0].doc, "Location URI");
  EXPECT_EQ(r2.fields[0].field_id, 100);
  const AvroNode& day = *r2.fields[1].type->fields[0].type->branches[1];
  EXPECT_EQ(day.type, AvroType::kInt);
  EXPECT_EQ(day.logical_type, "date");
  const AvroNode& counts = *r2.fields[2].type->branches[1];
  EXPECT_EQ(counts.type, AvroType::kArray);
  EXPECT_EQ(counts.logical_type, "map");
  EXPECT_EQ(counts.items->fields[0].field_id, 119);
  const AvroNode& upper = *r2.fields[3].type->branches[1];
  EXPECT_EQ(upper.key_id, 130);
  EXPECT_EQ(upper.value_id, 131);
  EXPECT_EQ(r2.fields[4].type->branches[1]->element_id, 133);
  const AvroNode& price = *r2.fields[5].type;
  EXPECT_EQ(price.type, AvroType::kFixed);
  EXPECT_EQ(price.fixed_size, 4);
  EXPECT_EQ(price.precision, 9);
  EXPECT_EQ(price.scale, 2);
  const AvroNode& ts = *r2.fields[6].type;
  EXPECT_EQ(ts.logical_type, "timestamp-micros");
  EXPECT_EQ(ts.Attribute("adjust-to-utc"), "true");
  EXPECT_EQ(r2.FieldIndex("price"), 5);
  EXPECT_EQ(r2.FieldIndex("nope"), -1);
  EXPECT_EQ(root.fields[1].type->NullBranch(), 0);
}

TEST(AvroSchemaTest, JsonRoundTripKeepsEverything) {
  ASSERT_OK_AND_ASSIGN(auto s, AvroSchema::Parse(kIcebergLike));
  const std::string json = s->ToJson();
  // Same JSON value as the input (object key order aside).
  EXPECT_EQ(Json::parse(json), Json::parse(kIcebergLike)) << json;
  ASSERT_OK_AND_ASSIGN(auto again, AvroSchema::Parse(json));
  EXPECT_EQ(again->ToJson(), json);
}

TEST(AvroSchemaTest, NamedReferencesAndRecursion) {
  constexpr const char* kList =
      R"({"type": "record", "name": "LongList", "aliases": ["LinkedLongs"],
    "fields": [{"name": "value", "type": "long"},
               {"name": "next", "type": ["null", "LongList"]}]})";
  ASSERT_OK_AND_ASSIGN(auto s, AvroSchema::Parse(kList));
  const AvroNode& root = s->root();
  EXPECT_EQ(root.fields[1].type->branches[1], &root);  // the same node: a cycle
  EXPECT_EQ(root.aliases, std::vector<std::string>{"LinkedLongs"});
  EXPECT_EQ(Json::parse(s->ToJson()), Json::parse(kList));
  EXPECT_EQ(s->FindNamed("LongList"), &root);
}

TEST(AvroSchemaTest, NamespacesFollowTheSpecification) {
  // The specification's example of fullnames.
  constexpr const char* kExample = R"({"type": "record", "name": "Example", "fields": [
    {"name": "inheritNull", "type": {"type": "enum", "name": "Simple", "symbols": ["a", "b"]}},
    {"name": "explicitNamespace", "type": {"type": "fixed", "name": "Simple",
      "namespace": "explicit", "size": 12}},
    {"name": "fullName", "type": {"type": "record", "name": "a.full.Name", "namespace": "ignored",
      "fields": [{"name": "inheritNamespace", "type": {"type": "enum", "name": "Understanding",
        "symbols": ["d", "e"]}},
        {"name": "ref", "type": "Understanding"},
        {"name": "outer", "type": "Simple"}]}}]})";
  ASSERT_OK_AND_ASSIGN(auto s, AvroSchema::Parse(kExample));
  EXPECT_NE(s->FindNamed("Simple"), nullptr);
  EXPECT_NE(s->FindNamed("explicit.Simple"), nullptr);
  const AvroNode* full = s->FindNamed("a.full.Name");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->name(), "Name");
  EXPECT_EQ(full->name_space(), "a.full");
  const AvroNode* understanding = s->FindNamed("a.full.Understanding");
  ASSERT_NE(understanding, nullptr);
  EXPECT_EQ(full->fields[1].type, understanding);
  // "Simple" inside a.full falls back to the null namespace's Simple.
  EXPECT_EQ(full->fields[2].type, s->FindNamed("Simple"));
  // Serialized and parsed again, every name resolves to the same fullname.
  ASSERT_OK_AND_ASSIGN(auto again, AvroSchema::Parse(s->ToJson()));
  for (const char* name : {"Simple", "explicit.Simple", "a.full.Name", "a.full.Understanding"}) {
    EXPECT_NE(again->FindNamed(name), nullptr) << name << " in " << s->ToJson();
  }
  EXPECT_EQ(again->ToJson(), s->ToJson());
}

TEST(AvroSchemaTest, EnumsAndDefaults) {
  ASSERT_OK_AND_ASSIGN(
      auto s,
      AvroSchema::Parse(
          R"({"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"], "default": "HEARTS"})"));
  EXPECT_EQ(s->root().symbols.size(), 2u);
  EXPECT_EQ(s->root().enum_default, "HEARTS");
}

TEST(AvroSchemaTest, RejectsInvalidSchemas) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {"{", "not valid JSON"},
      {"42", "must be a string, an object or an array"},
      {R"("nosuchtype")", "unknown type name 'nosuchtype'"},
      {R"({"type": "record", "name": "R"})", "needs a 'fields' array"},
      {R"({"type": "record", "fields": []})", "needs a non-empty string 'name'"},
      {R"({"type": "record", "name": "R", "fields": [{"name": "a"}]})", "needs a 'type'"},
      {R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"},
          {"name": "a", "type": "int"}]})",
       "duplicate field name"},
      {R"({"type": "record", "name": "R", "fields": [{"name": "a", "type":
          {"type": "record", "name": "R", "fields": []}}]})",
       "defined twice"},
      {R"(["int", "int"])", "already has a branch of type 'int'"},
      {R"(["null", ["int"]])", "may not directly contain another union"},
      {R"({"type": "enum", "name": "E", "symbols": ["A", "A"]})", "duplicate symbol"},
      {R"({"type": "enum", "name": "E", "symbols": ["A"], "default": "B"})", "not one of"},
      {R"({"type": "fixed", "name": "F", "size": -1})", "integer 'size'"},
      {R"({"type": "fixed", "name": "F", "size": 4294967296})", "integer 'size'"},
      {R"({"type": "fixed", "name": "F"})", "integer 'size'"},
      {R"({"type": "array"})", "needs an 'items'"},
      {R"({"type": "map"})", "needs a 'values'"},
      {R"({"type": {"type": "int"}})", "'type' must be a type name"},
      {R"({"type": "record", "name": "int", "fields": []})", "primitive type"},
      {R"({"type": "fixed", "name": "long", "namespace": "x", "size": 1})", "primitive type"},
      {R"({"type": "record", "name": "a..b", "fields": []})", "has an empty part"},
      {R"({"type": "record", "name": "a.", "fields": []})", "has an empty part"},
      {R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "R2"}]})",
       "field 'a': unknown type name 'R2'"},
  };
  for (const Case& c : cases) {
    auto s = AvroSchema::Parse(c.json);
    ASSERT_FALSE(s.has_value()) << c.json;
    EXPECT_TRUE(s.error().IsInvalidArgument()) << s.error().ToString();
    EXPECT_NE(s.error().message().find(c.message), std::string::npos)
        << c.json << " -> " << s.error().message();
  }
}

TEST(AvroSchemaTest, DeepNestingIsRefusedWithoutRecursingWithoutBound) {
  // Arrays of arrays, 10,000 deep: refused before the JSON library could recurse into it.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += R"({"type": "array", "items": )";
  deep += "\"int\"";
  for (int i = 0; i < 10000; ++i) deep += "}";
  ASSERT_STATUS(kInvalidArgument, "deeper than", AvroSchema::Parse(deep));
  // Deep nesting of attribute values too.
  std::string attr =
      R"({"type": "int", "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  ASSERT_STATUS(kInvalidArgument, "deeper than", AvroSchema::Parse(attr));
  // At the limit it parses.
  std::string ok;
  for (int i = 0; i < kMaxSchemaDepth; ++i) ok += R"({"type": "array", "items": )";
  ok += "\"int\"";
  for (int i = 0; i < kMaxSchemaDepth; ++i) ok += "}";
  EXPECT_OK(AvroSchema::Parse(ok));
}

}  // namespace
}  // namespace floe::avro
