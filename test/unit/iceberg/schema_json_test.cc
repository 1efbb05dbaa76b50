#include "iceberg/schema_json.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Json ParseOrDie(std::string_view text) { return ParseJson(text, "test").value(); }

// The spec's Appendix C examples, combined into one schema (the uuid
// defaults of field 1, the list of field 2, the map of the map example).
constexpr std::string_view kSpecExample = R"({
  "type": "struct",
  "schema-id": 7,
  "identifier-field-ids": [1],
  "fields": [ {
    "id": 1,
    "name": "id",
    "required": true,
    "type": "uuid",
    "initial-default": "0db3e2a8-9d1d-42b9-aa7b-74ebe558dceb",
    "write-default": "ec5911be-b0a7-458c-8438-c9a3e53cffae"
  }, {
    "id": 2,
    "name": "data",
    "required": false,
    "type": {
      "type": "list",
      "element-id": 3,
      "element-required": true,
      "element": "string"
    }
  }, {
    "id": 6,
    "name": "props",
    "required": false,
    "doc": "free-form properties",
    "type": {
      "type": "map",
      "key-id": 4,
      "key": "string",
      "value-id": 5,
      "value-required": false,
      "value": "double"
    }
  } ]
})";

TEST(IcebergSchemaJsonTest, ParsesTheSpecExample) {
  ASSERT_OK_AND_ASSIGN(Schema schema, SchemaFromJsonString(kSpecExample));
  EXPECT_EQ(schema.schema_id(), 7);
  EXPECT_EQ(schema.identifier_field_ids(), (std::vector<int32_t>{1}));
  const NestedField* id = schema.FindFieldById(1);
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->type, Type::Uuid());
  EXPECT_TRUE(id->required);
  ASSERT_TRUE(id->initial_default.has_value());
  EXPECT_EQ(id->initial_default->ToString(), "0db3e2a8-9d1d-42b9-aa7b-74ebe558dceb");
  EXPECT_EQ(id->write_default->ToString(), "ec5911be-b0a7-458c-8438-c9a3e53cffae");
  const NestedField* data = schema.FindFieldById(2);
  EXPECT_EQ(data->type.ToString(), "list<string>");
  EXPECT_TRUE(data->type.element().required);
  EXPECT_EQ(data->type.element().id, 3);
  const NestedField* props = schema.FindFieldById(6);
  EXPECT_EQ(props->doc, "free-form properties");
  EXPECT_EQ(props->type.key().id, 4);
  EXPECT_EQ(props->type.value().id, 5);
  EXPECT_FALSE(props->type.value().required);
  EXPECT_EQ(props->type.value().type, Type::Double());
}

TEST(IcebergSchemaJsonTest, WritesWhatItReads) {
  ASSERT_OK_AND_ASSIGN(Schema schema, SchemaFromJsonString(kSpecExample));
  ASSERT_OK_AND_ASSIGN(Json written, SchemaToJson(schema));
  // Java's member order; absent optional members are not written.
  EXPECT_EQ(DumpJson(written),
            R"({"type":"struct","schema-id":7,"identifier-field-ids":[1],"fields":[)"
            R"({"id":1,"name":"id","required":true,"type":"uuid",)"
            R"("initial-default":"0db3e2a8-9d1d-42b9-aa7b-74ebe558dceb",)"
            R"("write-default":"ec5911be-b0a7-458c-8438-c9a3e53cffae"},)"
            R"({"id":2,"name":"data","required":false,"type":{"type":"list","element-id":3,)"
            R"("element":"string","element-required":true}},)"
            R"({"id":6,"name":"props","required":false,"type":{"type":"map","key-id":4,)"
            R"("key":"string","value-id":5,"value":"double","value-required":false},)"
            R"("doc":"free-form properties"}]})");
  // The original and the written document mean the same (member order aside).
  EXPECT_EQ(nlohmann::json::parse(DumpJson(written)), nlohmann::json::parse(kSpecExample));
  ASSERT_OK_AND_ASSIGN(Schema again, SchemaFromJson(written));
  EXPECT_EQ(again, schema);
}

TEST(IcebergSchemaJsonTest, RoundTripsEveryTypeAndDefault) {
  constexpr std::string_view kText = R"json({"type": "struct", "schema-id": 0, "fields": [
    {"id": 1, "name": "b", "required": false, "type": "boolean", "initial-default": true},
    {"id": 2, "name": "i", "required": true, "type": "int", "initial-default": -1,
     "write-default": 342342},
    {"id": 3, "name": "l", "required": false, "type": "long",
     "initial-default": -9223372036854775808},
    {"id": 4, "name": "f", "required": false, "type": "float", "write-default": 9.99},
    {"id": 5, "name": "d", "required": false, "type": "double",
     "initial-default": 0.342343242342342},
    {"id": 6, "name": "dec", "required": false, "type": "decimal(16,2)",
     "initial-default": "12345.00"},
    {"id": 7, "name": "date", "required": false, "type": "date", "initial-default": "2003-10-20"},
    {"id": 8, "name": "t", "required": false, "type": "time", "initial-default": "00:00:00.012345"},
    {"id": 9, "name": "ts", "required": false, "type": "timestamp",
     "initial-default": "1969-12-31T23:59:59.123456"},
    {"id": 10, "name": "tstz", "required": false, "type": "timestamptz",
     "initial-default": "2024-01-15T10:30:45.123456+00:00"},
    {"id": 11, "name": "tsns", "required": false, "type": "timestamp_ns",
     "initial-default": "2024-01-15T10:30:45.123456789"},
    {"id": 12, "name": "tstzns", "required": false, "type": "timestamptz_ns"},
    {"id": 13, "name": "s", "required": false, "type": "string", "initial-default": "HELLO"},
    {"id": 14, "name": "u", "required": false, "type": "uuid",
     "write-default": "f79c3e09-677c-4bbd-a479-3f349cb785e7"},
    {"id": 15, "name": "fx", "required": false, "type": "fixed[5]",
     "initial-default": "010203ff03"},
    {"id": 16, "name": "bin", "required": false, "type": "binary", "initial-default": "0102"},
    {"id": 17, "name": "unk", "required": false, "type": "unknown"},
    {"id": 18, "name": "var", "required": false, "type": "variant"},
    {"id": 19, "name": "geom", "required": false, "type": "geometry(srid:4326)"},
    {"id": 20, "name": "geog", "required": false, "type": "geography(srid:4326, karney)"},
    {"id": 21, "name": "point", "required": false, "initial-default": {},
     "type": {"type": "struct", "fields": [
       {"id": 22, "name": "x", "required": true, "type": "int", "initial-default": 0}]}},
    {"id": 23, "name": "ls", "required": false, "initial-default": [1, 2],
     "type": {"type": "list", "element-id": 24, "element-required": false, "element": "long"}},
    {"id": 25, "name": "mp", "required": false,
     "write-default": {"keys": ["a"], "values": [1.5]},
     "type": {"type": "map", "key-id": 26, "key": "string", "value-id": 27,
              "value-required": true, "value": "double"}}
  ]})json";
  ASSERT_OK_AND_ASSIGN(Schema schema, SchemaFromJsonString(kText));
  EXPECT_EQ(schema.HighestFieldId(), 27);
  EXPECT_EQ(schema.FindFieldById(3)->initial_default->GetInt64(), INT64_MIN);
  EXPECT_EQ(schema.FindFieldById(6)->initial_default->ToString(), "12345.00");
  EXPECT_EQ(schema.FindFieldById(9)->initial_default->GetInt64(), -876544);
  EXPECT_TRUE(schema.FindFieldById(21)->initial_default.has_value());
  EXPECT_EQ(schema.FindFieldById(23)->initial_default->ToString(), "[1, 2]");
  EXPECT_EQ(schema.FindFieldById(20)->type.algorithm(), "karney");

  ASSERT_OK_AND_ASSIGN(std::string written, SchemaToJsonString(schema));
  EXPECT_EQ(nlohmann::json::parse(written), nlohmann::json::parse(kText)) << written;
  ASSERT_OK_AND_ASSIGN(Schema again, SchemaFromJsonString(written));
  EXPECT_EQ(again, schema);
}

TEST(IcebergSchemaJsonTest, NullDefaultsAndUnknownMembers) {
  ASSERT_OK_AND_ASSIGN(Schema schema,
                       SchemaFromJsonString(R"({"type": "struct", "fields": [{"id": 1, "name": "a",
        "required": false, "type": "int", "initial-default": null, "doc": null,
        "something-new": [1, 2]}]})"));
  EXPECT_EQ(schema.schema_id(), 0);  // v1 may omit it
  EXPECT_FALSE(schema.FindFieldById(1)->initial_default.has_value());
  EXPECT_FALSE(schema.FindFieldById(1)->doc.has_value());
}

TEST(IcebergSchemaJsonTest, ErrorsSayWhatWhereAndWhy) {
  auto parse = [](std::string_view text) { return SchemaFromJsonString(text); };
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema is not valid JSON", parse("{"));
  ASSERT_STATUS(kInvalidArgument, "a schema must be an object, got array", parse("[]"));
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema 0: missing required 'type'",
                parse(R"({"fields": []})"));
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema 4: 'type' must be \"struct\", got \"list\"",
                parse(R"({"type": "list", "schema-id": 4, "fields": []})"));
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema 0: missing required 'fields'",
                parse(R"({"type": "struct"})"));
  ASSERT_STATUS(kInvalidArgument, "'schema-id' must be an int, got string",
                parse(R"({"type": "struct", "schema-id": "1", "fields": []})"));
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema 0: field 12 'ts': unknown type 'timestamp_z'",
                parse(R"({"type": "struct", "fields": [
        {"id": 12, "name": "ts", "required": false, "type": "timestamp_z"}]})"));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: schema 0: field 3 'point': field 4 'x': unknown type 'dbl'",
                parse(R"({"type": "struct", "fields": [{"id": 3, "name": "point", "required": false,
        "type": {"type": "struct", "fields": [
          {"id": 4, "name": "x", "required": false, "type": "dbl"}]}}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 5 'x': missing required 'required'",
                parse(R"({"type": "struct", "fields": [{"id": 5, "name": "x", "type": "int"}]})"));
  ASSERT_STATUS(
      kInvalidArgument, "field 5: missing required 'name'",
      parse(R"({"type": "struct", "fields": [{"id": 5, "required": true, "type": "int"}]})"));
  ASSERT_STATUS(
      kInvalidArgument, "missing required 'id'",
      parse(R"({"type": "struct", "fields": [{"name": "x", "required": true, "type": "int"}]})"));
  ASSERT_STATUS(kInvalidArgument, "'id' is out of range for an int: 4294967296",
                parse(R"({"type": "struct", "fields": [{"id": 4294967296, "name": "x",
                  "required": true, "type": "int"}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 1 'l': list element 2: unknown type 'strin'",
                parse(R"({"type": "struct", "fields": [{"id": 1, "name": "l", "required": false,
        "type": {"type": "list", "element-id": 2, "element-required": true, "element": "strin"}}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 1 'l': missing required 'element-required'",
                parse(R"({"type": "struct", "fields": [{"id": 1, "name": "l", "required": false,
        "type": {"type": "list", "element-id": 2, "element": "string"}}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 1 'm': missing required 'value-id'",
                parse(R"({"type": "struct", "fields": [{"id": 1, "name": "m", "required": false,
        "type": {"type": "map", "key-id": 2, "key": "string", "value-required": true,
                 "value": "int"}}]})"));
  ASSERT_STATUS(kInvalidArgument, "unknown nested type 'array'",
                parse(R"({"type": "struct", "fields": [{"id": 1, "name": "m", "required": false,
        "type": {"type": "array"}}]})"));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: schema 0: field 1 'a': initial-default: cannot read \"x\" as a int value",
                parse(R"({"type": "struct", "fields": [{"id": 1, "name": "a", "required": false,
        "type": "int", "initial-default": "x"}]})"));
  ASSERT_STATUS(kInvalidArgument, "field id 1 is used by both 'a' and 'b'",
                parse(R"({"type": "struct", "fields": [
        {"id": 1, "name": "a", "required": false, "type": "int"},
        {"id": 1, "name": "b", "required": false, "type": "int"}]})"));
  ASSERT_STATUS(kInvalidArgument, "identifier field 1 'a' must be required",
                parse(R"({"type": "struct", "identifier-field-ids": [1], "fields": [
        {"id": 1, "name": "a", "required": false, "type": "int"}]})"));
  ASSERT_STATUS(kInvalidArgument, "a type must be a string or an object, got int",
                parse(R"({"type": "struct", "fields": [
        {"id": 1, "name": "a", "required": false, "type": 5}]})"));
}

TEST(IcebergSchemaJsonTest, TypeJsonAlone) {
  ASSERT_OK_AND_ASSIGN(Type type, TypeFromJson(ParseOrDie(R"js("decimal( 38 ,10 )")js")));
  EXPECT_EQ(type, Type::Decimal(38, 10).value());
  ASSERT_OK_AND_ASSIGN(Json json, TypeToJson(type));
  EXPECT_EQ(json, Json("decimal(38,10)"));
  ASSERT_OK_AND_ASSIGN(Type map, Type::Map(1, Type::Int(), 2, Type::String(), true));
  ASSERT_OK_AND_ASSIGN(Json map_json, TypeToJson(map));
  EXPECT_EQ(
      DumpJson(map_json),
      R"({"type":"map","key-id":1,"key":"int","value-id":2,"value":"string","value-required":true})");
  ASSERT_OK_AND_ASSIGN(Type back, TypeFromJson(map_json));
  EXPECT_EQ(back, map);
}

}  // namespace
}  // namespace floe::iceberg
