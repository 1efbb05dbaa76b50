#include "iceberg/schema.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

// 1: id long (required), 2: data string, 3: points list<4: struct<5: x, 6: y>>,
// 7: props map<8: string, 9: struct<10: v int>>, 11: loc struct<12: lat long, 13: Lat double>,
// 14: tags list<15: string>.
Result<Schema> MakeTestSchemaOr(std::vector<int32_t> identifiers) {
  Type point = Type::Struct({NestedField::Required(5, "x", Type::Int()),
                             NestedField::Required(6, "y", Type::Int())})
                   .value();
  Type points = Type::List(4, point, true).value();
  Type prop = Type::Struct({NestedField::Optional(10, "v", Type::Int())}).value();
  Type props = Type::Map(8, Type::String(), 9, prop, false).value();
  Type loc = Type::Struct({NestedField::Required(12, "lat", Type::Long()),
                           NestedField::Optional(13, "Lat", Type::Double())})
                 .value();
  Type tags = Type::List(15, Type::String(), false).value();
  return Schema::Make(
      {NestedField::Required(1, "id", Type::Long()),
       NestedField::Optional(2, "data", Type::String()), NestedField::Optional(3, "points", points),
       NestedField::Optional(7, "props", props), NestedField::Required(11, "loc", loc),
       NestedField::Optional(14, "tags", tags)},
      3, std::move(identifiers));
}

Schema MakeTestSchema(std::vector<int32_t> identifiers = {1}) {
  return MakeTestSchemaOr(std::move(identifiers)).value();
}

TEST(IcebergSchemaTest, LookupById) {
  Schema schema = MakeTestSchema();
  EXPECT_EQ(schema.schema_id(), 3);
  EXPECT_EQ(schema.fields().size(), 6u);
  for (int32_t id = 1; id <= 15; ++id) {
    const NestedField* field = schema.FindFieldById(id);
    ASSERT_NE(field, nullptr) << id;
    EXPECT_EQ(field->id, id);
  }
  EXPECT_EQ(schema.FindFieldById(16), nullptr);
  EXPECT_EQ(schema.FindFieldById(4)->name, "element");
  EXPECT_EQ(schema.FindFieldById(9)->name, "value");
  EXPECT_EQ(schema.HighestFieldId(), 15);
}

TEST(IcebergSchemaTest, CanonicalNamesAndParents) {
  Schema schema = MakeTestSchema();
  EXPECT_EQ(schema.FindColumnName(1), "id");
  EXPECT_EQ(schema.FindColumnName(4), "points.element");
  EXPECT_EQ(schema.FindColumnName(5), "points.element.x");
  EXPECT_EQ(schema.FindColumnName(8), "props.key");
  EXPECT_EQ(schema.FindColumnName(10), "props.value.v");
  EXPECT_EQ(schema.FindColumnName(15), "tags.element");
  EXPECT_EQ(schema.FindColumnName(99), std::nullopt);

  EXPECT_EQ(schema.FindParentId(1), std::nullopt);
  EXPECT_EQ(schema.FindParentId(4), 3);
  EXPECT_EQ(schema.FindParentId(5), 4);
  EXPECT_EQ(schema.FindParentId(8), 7);
  EXPECT_EQ(schema.FindParentId(9), 7);
  EXPECT_EQ(schema.FindParentId(10), 9);
  EXPECT_EQ(schema.FindParentId(12), 11);
  EXPECT_EQ(schema.FindParentId(99), std::nullopt);
}

TEST(IcebergSchemaTest, LookupByName) {
  Schema schema = MakeTestSchema();
  auto id_of = [&](std::string_view name, bool case_sensitive = true) -> int32_t {
    auto field = schema.FindFieldByName(name, case_sensitive);
    if (!field.has_value()) return -2;
    return *field == nullptr ? -1 : (*field)->id;
  };
  EXPECT_EQ(id_of("id"), 1);
  EXPECT_EQ(id_of("points.element.x"), 5);
  EXPECT_EQ(id_of("points.x"), 5);  // short name: struct elements skip "element"
  EXPECT_EQ(id_of("points.element"), 4);
  EXPECT_EQ(id_of("props.value.v"), 10);
  EXPECT_EQ(id_of("props.v"), 10);  // and struct map values skip "value"
  EXPECT_EQ(id_of("props.key"), 8);
  EXPECT_EQ(id_of("tags.element"), 15);
  EXPECT_EQ(id_of("loc.lat"), 12);
  EXPECT_EQ(id_of("loc.Lat"), 13);
  EXPECT_EQ(id_of("ID"), -1);
  EXPECT_EQ(id_of("nope"), -1);
  EXPECT_EQ(id_of("points.y.z"), -1);

  EXPECT_EQ(id_of("ID", false), 1);
  EXPECT_EQ(id_of("POINTS.X", false), 5);
  EXPECT_EQ(id_of("Props.Value.V", false), 10);
  ASSERT_STATUS(kInvalidArgument, "'LOC.LAT' matches several fields",
                schema.FindFieldByName("LOC.LAT", false));
}

TEST(IcebergSchemaTest, ShortNamesNeverShadowFullNames) {
  // "l.x" is both the full name of a top-level struct field and the short
  // name of l's element field x: the full name wins, as in Java.
  Type element = Type::Struct({NestedField::Optional(3, "x", Type::Int())}).value();
  ASSERT_OK_AND_ASSIGN(
      Schema schema,
      Schema::Make({NestedField::Optional(1, "l", Type::List(2, element, false).value()),
                    NestedField::Optional(4, "l.x", Type::Int())}));
  ASSERT_OK_AND_ASSIGN(const NestedField* field, schema.FindFieldByName("l.x"));
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->id, 4);
  ASSERT_OK_AND_ASSIGN(const NestedField* full, schema.FindFieldByName("l.element.x"));
  EXPECT_EQ(full->id, 3);
}

TEST(IcebergSchemaTest, ValidationErrors) {
  Type inner = Type::Struct({NestedField::Optional(1, "b", Type::Int())}).value();
  ASSERT_STATUS(kInvalidArgument, "iceberg: schema 0: field id 1 is used by both 'a' and 'c.b'",
                Schema::Make({NestedField::Optional(1, "a", Type::Int()),
                              NestedField::Optional(2, "c", inner)}));
  ASSERT_STATUS(
      kInvalidArgument, "field id 2 is used by both 'l' and 'l.element'",
      Schema::Make({NestedField::Optional(2, "l", Type::List(2, Type::Int(), false).value())}));
  ASSERT_STATUS(
      kInvalidArgument, "two fields are named 'a.b'",
      Schema::Make({NestedField::Optional(
                        1, "a", Type::Struct({NestedField::Optional(2, "b", Type::Int())}).value()),
                    NestedField::Optional(3, "a.b", Type::Int())}));
  ASSERT_STATUS(kInvalidArgument, "negative id -1",
                Schema::Make({NestedField::Optional(-1, "a", Type::Int())}));
  ASSERT_STATUS(kInvalidArgument, "duplicate field name 'a'",
                Schema::Make({NestedField::Optional(1, "a", Type::Int()),
                              NestedField::Optional(2, "a", Type::Int())}));
  ASSERT_STATUS(kInvalidArgument, "a schema is a struct", Schema::Make(Type::Int()));
}

TEST(IcebergSchemaTest, IdentifierFields) {
  ASSERT_OK(Schema::Make({NestedField::Required(1, "id", Type::Long())}, 0, {1}));
  // Nested in required structs is fine.
  EXPECT_EQ(MakeTestSchema({1, 12}).identifier_field_ids(), (std::vector<int32_t>{1, 12}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 99 does not exist", MakeTestSchemaOr({99}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 2 'data' must be required",
                MakeTestSchemaOr({2}));
  ASSERT_STATUS(kInvalidArgument,
                "identifier field 5 'points.element.x' must not be nested in a list",
                MakeTestSchemaOr({5}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 8 'props.key' must not be nested in a map",
                MakeTestSchemaOr({8}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 11 'loc' is a struct", MakeTestSchemaOr({11}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 13 'loc.Lat' cannot be a double",
                MakeTestSchemaOr({13, 1}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 1 is listed twice", MakeTestSchemaOr({1, 1}));
  Type optional_struct = Type::Struct({NestedField::Required(2, "k", Type::Int())}).value();
  ASSERT_STATUS(kInvalidArgument, "must not be nested in optional struct 's'",
                Schema::Make({NestedField::Optional(1, "s", optional_struct)}, 0, {2}));
  ASSERT_STATUS(kInvalidArgument, "identifier field 1 'v' is a variant",
                Schema::Make({NestedField::Required(1, "v", Type::Variant())}, 0, {1}));
}

TEST(IcebergSchemaTest, ValidateForTable) {
  ASSERT_OK_AND_ASSIGN(Schema v3,
                       Schema::Make({NestedField::Optional(1, "ts", Type::Timestamp()),
                                     NestedField::Optional(2, "ns", Type::TimestampNs())}));
  ASSERT_OK(v3.ValidateForTable(3));
  ASSERT_STATUS(kInvalidArgument,
                "field 2 'ns': type timestamp_ns needs format version 3, table is v2",
                v3.ValidateForTable(2));
  NestedField with_default = NestedField::Optional(1, "a", Type::Int());
  with_default.initial_default = Value::Int32(1);
  ASSERT_OK_AND_ASSIGN(Schema defaults, Schema::Make({with_default}));
  ASSERT_STATUS(kInvalidArgument, "non-null initial-default needs format version 3",
                defaults.ValidateForTable(2));
  ASSERT_OK(defaults.ValidateForTable(3));
  ASSERT_OK_AND_ASSIGN(
      Schema reserved,
      Schema::Make({NestedField::Optional(Schema::kMaxTableFieldId + 1, "_file", Type::String())}));
  ASSERT_STATUS(kInvalidArgument, "reserved for metadata columns", reserved.ValidateForTable(2));
  // Nested fields are checked too.
  Type nested = Type::Struct({NestedField::Optional(2, "u", Type::Unknown())}).value();
  ASSERT_OK_AND_ASSIGN(Schema nested_v3, Schema::Make({NestedField::Optional(1, "s", nested)}));
  ASSERT_STATUS(kInvalidArgument, "field 2 's.u': type unknown", nested_v3.ValidateForTable(1));
}

TEST(IcebergSchemaTest, LogicalTypeRoundTrip) {
  Schema schema = MakeTestSchema({});
  ASSERT_OK_AND_ASSIGN(LogicalType logical, schema.ToLogicalType());
  EXPECT_EQ(logical.children().size(), 6u);
  EXPECT_EQ(logical.children()[2].field_id, 3);
  ASSERT_OK_AND_ASSIGN(Schema back, Schema::FromLogicalType(logical, 3));
  // Same ids and names everywhere; fields become optional.
  for (int32_t id = 1; id <= 15; ++id) {
    EXPECT_EQ(back.FindColumnName(id), schema.FindColumnName(id));
  }
  EXPECT_FALSE(back.FindFieldById(1)->required);
  EXPECT_TRUE(back.FindFieldById(8)->required);  // map key
  ASSERT_STATUS(kInvalidArgument, "a schema is a struct",
                Schema::FromLogicalType(LogicalType::Int32()));
}

TEST(IcebergSchemaTest, AssignFreshIdsInIcebergOrder) {
  // A struct's own fields first, then nested ones; list element, map key and
  // value before their children.
  Schema schema = MakeTestSchema({1, 12});
  ASSERT_OK_AND_ASSIGN(Schema fresh, AssignFreshIds(schema, 0, 100));
  EXPECT_EQ(fresh.schema_id(), 0);
  auto id_of = [&](std::string_view name) { return fresh.FindFieldByName(name).value()->id; };
  EXPECT_EQ(id_of("id"), 101);
  EXPECT_EQ(id_of("data"), 102);
  EXPECT_EQ(id_of("points"), 103);
  EXPECT_EQ(id_of("props"), 104);
  EXPECT_EQ(id_of("loc"), 105);
  EXPECT_EQ(id_of("tags"), 106);
  EXPECT_EQ(id_of("points.element"), 107);
  EXPECT_EQ(id_of("points.element.x"), 108);
  EXPECT_EQ(id_of("points.element.y"), 109);
  EXPECT_EQ(id_of("props.key"), 110);
  EXPECT_EQ(id_of("props.value"), 111);
  EXPECT_EQ(id_of("props.value.v"), 112);
  EXPECT_EQ(id_of("loc.lat"), 113);
  EXPECT_EQ(id_of("loc.Lat"), 114);
  EXPECT_EQ(id_of("tags.element"), 115);
  EXPECT_EQ(fresh.HighestFieldId(), 115);
  // Identifier fields follow; required-ness, docs and names are kept.
  EXPECT_EQ(fresh.identifier_field_ids(), (std::vector<int32_t>{101, 113}));
  EXPECT_TRUE(fresh.FindFieldById(101)->required);
  EXPECT_FALSE(fresh.FindFieldById(102)->required);
}

TEST(IcebergSchemaTest, AssignFreshIdsFromPlaceholdersAndLogicalTypes) {
  // CREATE TABLE: ids are placeholders (all 0) or absent.
  NestedField with_default = NestedField::Optional(0, "n", Type::Int());
  with_default.write_default = Value::Int32(5);
  Type inner = Type::Struct({NestedField::Optional(0, "a", Type::Int())}).value();
  ASSERT_OK_AND_ASSIGN(Type placeholder,
                       Type::Struct({with_default, NestedField::Optional(0, "s", inner)}));
  ASSERT_STATUS(kInvalidArgument, "field id 0 is used by both", Schema::Make(placeholder));
  ASSERT_OK_AND_ASSIGN(Schema fresh, AssignFreshIds(placeholder));
  EXPECT_EQ(fresh.FindColumnName(1), "n");
  EXPECT_EQ(fresh.FindColumnName(2), "s");
  EXPECT_EQ(fresh.FindColumnName(3), "s.a");
  EXPECT_EQ(*fresh.FindFieldById(1)->write_default, Value::Int32(5));

  ASSERT_OK_AND_ASSIGN(
      LogicalType logical,
      LogicalType::Struct(
          {{"k", LogicalType::Int64(), std::nullopt},
           {"m", LogicalType::Map(LogicalType::String(), LogicalType::Int32()), std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(Schema from_logical, AssignFreshIds(logical));
  EXPECT_EQ(from_logical.FindColumnName(1), "k");
  EXPECT_EQ(from_logical.FindColumnName(2), "m");
  EXPECT_EQ(from_logical.FindColumnName(3), "m.key");
  EXPECT_EQ(from_logical.FindColumnName(4), "m.value");
  EXPECT_TRUE(from_logical.FindFieldById(3)->required);
}

TEST(IcebergSchemaTest, AssignFreshIdsRetypesStructDefaults) {
  // A struct default's Value carries the struct's field ids in its type; it
  // must follow the new ids.
  Type point = Type::Struct({NestedField::Optional(7, "x", Type::Int())}).value();
  ASSERT_OK_AND_ASSIGN(LogicalType point_logical, ToLogicalType(point));
  NestedField field = NestedField::Optional(6, "p", point);
  field.initial_default = Value::Struct(point_logical, {Value::Null(LogicalType::Int32())}).value();
  ASSERT_OK_AND_ASSIGN(Schema schema, Schema::Make({field}));
  ASSERT_OK_AND_ASSIGN(Schema fresh, AssignFreshIds(schema));
  const NestedField* p = fresh.FindFieldById(1);
  ASSERT_TRUE(p->initial_default.has_value());
  EXPECT_EQ(p->initial_default->type().children()[0].field_id, 2);
}

TEST(IcebergSchemaTest, EqualityAndToString) {
  Schema a = MakeTestSchema();
  Schema b = MakeTestSchema();
  EXPECT_EQ(a, b);
  ASSERT_OK_AND_ASSIGN(Schema renumbered, AssignFreshIds(a, 3, 0));
  EXPECT_FALSE(a.SameSchema(renumbered));  // the ids differ
  ASSERT_OK_AND_ASSIGN(Schema d, Schema::Make(a.as_struct(), 9, {1}));
  EXPECT_TRUE(a.SameSchema(d));
  EXPECT_FALSE(a == d);
  ASSERT_OK_AND_ASSIGN(Schema small,
                       Schema::Make({NestedField::Required(1, "id", Type::Long()),
                                     NestedField::Optional(2, "s", Type::String(), "a comment")}));
  EXPECT_EQ(small.ToString(),
            "table {\n  1: id: required long\n  2: s: optional string (a comment)\n}");
}

}  // namespace
}  // namespace floe::iceberg
