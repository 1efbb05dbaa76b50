#include "iceberg/type.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Type Dec(int32_t p, int32_t s) { return Type::Decimal(p, s).value(); }
Type Fix(int64_t n) { return Type::Fixed(n).value(); }

TEST(IcebergTypeTest, PrimitiveToStringIsTheCanonicalJsonForm) {
  EXPECT_EQ(Type::Unknown().ToString(), "unknown");
  EXPECT_EQ(Type::Boolean().ToString(), "boolean");
  EXPECT_EQ(Type::Int().ToString(), "int");
  EXPECT_EQ(Type::Long().ToString(), "long");
  EXPECT_EQ(Type::Float().ToString(), "float");
  EXPECT_EQ(Type::Double().ToString(), "double");
  EXPECT_EQ(Dec(9, 2).ToString(), "decimal(9,2)");
  EXPECT_EQ(Type::Date().ToString(), "date");
  EXPECT_EQ(Type::Time().ToString(), "time");
  EXPECT_EQ(Type::Timestamp().ToString(), "timestamp");
  EXPECT_EQ(Type::TimestampTz().ToString(), "timestamptz");
  EXPECT_EQ(Type::TimestampNs().ToString(), "timestamp_ns");
  EXPECT_EQ(Type::TimestampTzNs().ToString(), "timestamptz_ns");
  EXPECT_EQ(Type::String().ToString(), "string");
  EXPECT_EQ(Type::Uuid().ToString(), "uuid");
  EXPECT_EQ(Fix(16).ToString(), "fixed[16]");
  EXPECT_EQ(Type::Binary().ToString(), "binary");
  EXPECT_EQ(Type::Variant().ToString(), "variant");
  EXPECT_EQ(Type::Geometry().value().ToString(), "geometry");
  EXPECT_EQ(Type::Geometry("srid:4326").value().ToString(), "geometry(srid:4326)");
  EXPECT_EQ(Type::Geography().value().ToString(), "geography");
  EXPECT_EQ(Type::Geography("srid:4326", "spherical").value().ToString(),
            "geography(srid:4326, spherical)");
  EXPECT_EQ(Type::Geography("", "karney").value().ToString(), "geography(OGC:CRS84, karney)");
  EXPECT_EQ(Type::Uuid().fixed_length(), 16);
}

TEST(IcebergTypeTest, FactoriesRejectBadParameters) {
  ASSERT_STATUS(kInvalidArgument, "precision must be between 1 and 38", Type::Decimal(39, 2));
  ASSERT_STATUS(kInvalidArgument, "precision", Type::Decimal(0, 0));
  ASSERT_STATUS(kInvalidArgument, "scale must be between 0 and the precision", Type::Decimal(5, 6));
  ASSERT_STATUS(kInvalidArgument, "scale", Type::Decimal(5, -1));
  ASSERT_STATUS(kInvalidArgument, "fixed[0]", Type::Fixed(0));
  ASSERT_STATUS(kInvalidArgument, "unknown edge-interpolation algorithm 'flat'",
                Type::Geography("OGC:CRS84", "flat"));
  ASSERT_STATUS(kInvalidArgument, "cannot contain", Type::Geometry("a,b"));
}

TEST(IcebergTypeTest, ParsePrimitiveTypeAcceptsFlexibleSpacingAndCase) {
  for (const char* text :
       {"decimal(9,2)", "decimal(9, 2)", "decimal( 9 , 2 )", " DECIMAL(9,2) ", "decimal (9,2)"}) {
    ASSERT_OK_AND_ASSIGN(Type type, ParsePrimitiveType(text));
    EXPECT_EQ(type, Dec(9, 2)) << text;
  }
  for (const char* text : {"fixed[16]", "fixed[ 16 ]", "Fixed[16]", "fixed [16]"}) {
    ASSERT_OK_AND_ASSIGN(Type type, ParsePrimitiveType(text));
    EXPECT_EQ(type, Fix(16)) << text;
  }
  ASSERT_OK_AND_ASSIGN(Type ts, ParsePrimitiveType("TimestampTz"));
  EXPECT_EQ(ts, Type::TimestampTz());
  ASSERT_OK_AND_ASSIGN(Type geo, ParsePrimitiveType("geography( EPSG:4326 , Karney )"));
  EXPECT_EQ(geo.crs(), "EPSG:4326");
  EXPECT_EQ(geo.algorithm(), "karney");
  ASSERT_OK_AND_ASSIGN(Type geom, ParsePrimitiveType("geometry(srid:4326)"));
  EXPECT_EQ(geom.crs(), "srid:4326");

  // Every canonical string parses back to its type.
  for (const Type& type : {Type::Unknown(),
                           Type::Boolean(),
                           Type::Int(),
                           Type::Long(),
                           Type::Float(),
                           Type::Double(),
                           Dec(38, 10),
                           Type::Date(),
                           Type::Time(),
                           Type::Timestamp(),
                           Type::TimestampTz(),
                           Type::TimestampNs(),
                           Type::TimestampTzNs(),
                           Type::String(),
                           Type::Uuid(),
                           Fix(3),
                           Type::Binary(),
                           Type::Variant(),
                           Type::Geometry("x:1").value(),
                           Type::Geography("x:1", "thomas").value()}) {
    ASSERT_OK_AND_ASSIGN(Type parsed, ParsePrimitiveType(type.ToString()));
    EXPECT_EQ(parsed, type) << type.ToString();
  }
}

TEST(IcebergTypeTest, ParsePrimitiveTypeErrorsNameTheText) {
  ASSERT_STATUS(kInvalidArgument, "unknown type 'timestamp_z'", ParsePrimitiveType("timestamp_z"));
  ASSERT_STATUS(kInvalidArgument, "malformed decimal type 'decimal(9)'",
                ParsePrimitiveType("decimal(9)"));
  ASSERT_STATUS(kInvalidArgument, "malformed decimal", ParsePrimitiveType("decimal(9,2"));
  ASSERT_STATUS(kInvalidArgument, "malformed decimal", ParsePrimitiveType("decimal(a,b)"));
  ASSERT_STATUS(kInvalidArgument, "malformed fixed type 'fixed(16)'",
                ParsePrimitiveType("fixed(16)"));
  ASSERT_STATUS(kInvalidArgument, "malformed fixed", ParsePrimitiveType("fixed[-1]"));
  ASSERT_STATUS(kInvalidArgument, "precision", ParsePrimitiveType("decimal(40,2)"));
  ASSERT_STATUS(kInvalidArgument, "unknown type ''", ParsePrimitiveType(""));
  ASSERT_STATUS(kInvalidArgument, "unknown type 'struct'", ParsePrimitiveType("struct"));
}

TEST(IcebergTypeTest, NestedTypesAndLookups) {
  ASSERT_OK_AND_ASSIGN(Type list, Type::List(3, Type::String(), true));
  ASSERT_OK_AND_ASSIGN(Type map, Type::Map(4, Type::String(), 5, Type::Double(), false));
  ASSERT_OK_AND_ASSIGN(Type point, Type::Struct({NestedField::Required(7, "x", Type::Double()),
                                                 NestedField::Optional(8, "y", Type::Double())}));
  ASSERT_OK_AND_ASSIGN(
      Type type,
      Type::Struct({NestedField::Required(1, "id", Type::Long(), "the key"),
                    NestedField::Optional(2, "tags", list), NestedField::Optional(6, "props", map),
                    NestedField::Optional(9, "point", point)}));
  EXPECT_EQ(type.ToString(),
            "struct<1: id: required long (the key), 2: tags: optional list<string>, 6: props: "
            "optional map<string, double>, 9: point: optional struct<7: x: required double, 8: y: "
            "optional double>>");
  EXPECT_TRUE(type.is_nested());
  EXPECT_FALSE(type.is_primitive());
  EXPECT_FALSE(Type::Variant().is_primitive());
  EXPECT_FALSE(Type::Variant().is_nested());
  EXPECT_TRUE(Type::Unknown().is_primitive());
  EXPECT_EQ(list.element().id, 3);
  EXPECT_TRUE(list.element().required);
  EXPECT_EQ(list.element().name, "element");
  EXPECT_EQ(map.key().id, 4);
  EXPECT_TRUE(map.key().required);  // keys always are
  EXPECT_EQ(map.value().id, 5);
  EXPECT_FALSE(map.value().required);
  ASSERT_NE(type.FieldById(6), nullptr);
  EXPECT_EQ(type.FieldById(6)->name, "props");
  EXPECT_EQ(type.FieldById(7), nullptr);  // direct children only
  ASSERT_NE(type.FieldByName("point"), nullptr);
  EXPECT_EQ(type.FieldByName("Point"), nullptr);
  EXPECT_EQ(*type.FieldByName("id")->doc, "the key");

  // Structural equality includes ids, names, required and docs.
  ASSERT_OK_AND_ASSIGN(Type list2, Type::List(3, Type::String(), false));
  EXPECT_FALSE(list == list2);
  ASSERT_OK_AND_ASSIGN(Type list3, Type::List(3, Type::String(), true));
  EXPECT_EQ(list, list3);
}

TEST(IcebergTypeTest, StructValidation) {
  ASSERT_STATUS(kInvalidArgument, "duplicate field name 'a'",
                Type::Struct({NestedField::Optional(1, "a", Type::Int()),
                              NestedField::Optional(2, "a", Type::Long())}));
  ASSERT_STATUS(kInvalidArgument, "field 1 has an empty name",
                Type::Struct({NestedField::Optional(1, "", Type::Int())}));
  ASSERT_STATUS(kInvalidArgument, "a field of type unknown must be optional",
                Type::Struct({NestedField::Required(1, "u", Type::Unknown())}));
  ASSERT_STATUS(kInvalidArgument, "unknown must be optional", Type::List(1, Type::Unknown(), true));
  ASSERT_STATUS(kInvalidArgument, "key 1 cannot be of type unknown",
                Type::Map(1, Type::Unknown(), 2, Type::Int(), false));
  ASSERT_OK(Type::Struct({NestedField::Optional(1, "u", Type::Unknown())}));
}

TEST(IcebergTypeTest, DefaultsAreCheckedAgainstTheFieldType) {
  NestedField good = NestedField::Optional(1, "a", Type::Int());
  good.initial_default = Value::Int32(7);
  good.write_default = Value::Int32(8);
  ASSERT_OK_AND_ASSIGN(Type ok, Type::Struct({good}));
  EXPECT_EQ(*ok.fields()[0].initial_default, Value::Int32(7));

  NestedField wrong = NestedField::Optional(1, "a", Type::Int());
  wrong.write_default = Value::Int64(7);
  ASSERT_STATUS(kInvalidArgument, "field 1 'a': write-default is a long value, the field is int",
                Type::Struct({wrong}));

  // A NULL default is no default.
  NestedField null_default = NestedField::Optional(1, "a", Type::Int());
  null_default.initial_default = Value::Null(LogicalType::Int32());
  ASSERT_OK_AND_ASSIGN(Type normalized, Type::Struct({null_default}));
  EXPECT_FALSE(normalized.fields()[0].initial_default.has_value());

  NestedField variant = NestedField::Optional(1, "v", Type::Variant());
  variant.initial_default = Value::String("x");
  ASSERT_STATUS(kInvalidArgument, "a variant field cannot have a non-null initial-default",
                Type::Struct({variant}));

  // A struct's default is NULL or a struct without field values.
  ASSERT_OK_AND_ASSIGN(Type point, Type::Struct({NestedField::Optional(2, "x", Type::Int())}));
  ASSERT_OK_AND_ASSIGN(LogicalType point_logical, ToLogicalType(point));
  NestedField empty_struct = NestedField::Optional(1, "p", point);
  empty_struct.initial_default =
      Value::Struct(point_logical, {Value::Null(LogicalType::Int32())}).value();
  ASSERT_OK(Type::Struct({empty_struct}));
  NestedField full_struct = NestedField::Optional(1, "p", point);
  full_struct.initial_default = Value::Struct(point_logical, {Value::Int32(1)}).value();
  ASSERT_STATUS(kInvalidArgument, "must be null or an empty struct", Type::Struct({full_struct}));
}

TEST(IcebergTypeTest, PromotionRules) {
  // v1/v2 column of the spec's table.
  EXPECT_TRUE(CanPromote(Type::Int(), Type::Long(), 2));
  EXPECT_TRUE(CanPromote(Type::Float(), Type::Double(), 1));
  EXPECT_TRUE(CanPromote(Dec(9, 2), Dec(18, 2), 2));
  EXPECT_FALSE(CanPromote(Dec(9, 2), Dec(18, 3), 2));  // scale is fixed
  EXPECT_FALSE(CanPromote(Dec(18, 2), Dec(9, 2), 2));  // widen only
  EXPECT_FALSE(CanPromote(Type::Long(), Type::Int(), 2));
  EXPECT_FALSE(CanPromote(Type::Double(), Type::Float(), 2));
  EXPECT_FALSE(CanPromote(Type::Int(), Type::String(), 2));
  EXPECT_FALSE(CanPromote(Type::Int(), Type::Double(), 2));
  EXPECT_FALSE(CanPromote(Type::Date(), Type::Timestamp(), 2));
  EXPECT_FALSE(CanPromote(Type::Unknown(), Type::Int(), 2));
  // v3 additions.
  EXPECT_TRUE(CanPromote(Type::Date(), Type::Timestamp(), 3));
  EXPECT_TRUE(CanPromote(Type::Date(), Type::TimestampNs(), 3));
  EXPECT_FALSE(CanPromote(Type::Date(), Type::TimestampTz(), 3));
  EXPECT_FALSE(CanPromote(Type::Date(), Type::TimestampTzNs(), 3));
  EXPECT_TRUE(CanPromote(Type::Unknown(), Type::String(), 3));
  ASSERT_OK_AND_ASSIGN(Type list, Type::List(1, Type::Int(), false));
  EXPECT_TRUE(CanPromote(Type::Unknown(), list, 3));
  // Identity is always allowed; nested types never promote otherwise.
  EXPECT_TRUE(CanPromote(Type::String(), Type::String(), 1));
  EXPECT_TRUE(CanPromote(list, list, 2));
  ASSERT_OK_AND_ASSIGN(Type long_list, Type::List(1, Type::Long(), false));
  EXPECT_FALSE(CanPromote(list, long_list, 3));
  EXPECT_FALSE(CanPromote(Type::Timestamp(), Type::TimestampNs(), 3));
}

TEST(IcebergTypeTest, MinFormatVersion) {
  for (const Type& v3 : {Type::Unknown(), Type::TimestampNs(), Type::TimestampTzNs(),
                         Type::Variant(), Type::Geometry().value(), Type::Geography().value()}) {
    EXPECT_EQ(v3.min_format_version(), 3) << v3.ToString();
  }
  EXPECT_EQ(Type::Timestamp().min_format_version(), 1);
  EXPECT_EQ(Type::Uuid().min_format_version(), 1);
}

TEST(IcebergTypeTest, LogicalTypeConversion) {
  ASSERT_OK_AND_ASSIGN(Type list, Type::List(3, Dec(10, 2), true));
  ASSERT_OK_AND_ASSIGN(Type map, Type::Map(4, Type::String(), 5, Type::TimestampTzNs(), false));
  ASSERT_OK_AND_ASSIGN(Type type, Type::Struct({NestedField::Required(1, "id", Type::Uuid()),
                                                NestedField::Optional(2, "l", list),
                                                NestedField::Optional(6, "m", map),
                                                NestedField::Optional(7, "f", Fix(5))}));
  ASSERT_OK_AND_ASSIGN(LogicalType logical, ToLogicalType(type));
  EXPECT_EQ(logical.ToString(),
            "struct<id: uuid, l: list<decimal(10,2)>, m: map<string, timestamptz_ns>, f: "
            "fixed[5]>");
  EXPECT_EQ(logical.children()[0].field_id, 1);
  EXPECT_EQ(logical.children()[1].type.children()[0].field_id, 3);
  EXPECT_EQ(logical.children()[2].type.children()[1].field_id, 5);

  // Back: ids survive; required-ness does not (LogicalType has none).
  ASSERT_OK_AND_ASSIGN(Type back, FromLogicalType(logical));
  EXPECT_EQ(back.fields()[0].id, 1);
  EXPECT_FALSE(back.fields()[0].required);
  EXPECT_EQ(back.fields()[1].type.element().id, 3);
  EXPECT_FALSE(back.fields()[1].type.element().required);
  EXPECT_TRUE(back.fields()[2].type.key().required);
  ASSERT_OK_AND_ASSIGN(LogicalType again, ToLogicalType(back));
  EXPECT_EQ(again, logical);

  ASSERT_OK_AND_ASSIGN(Type small, FromLogicalType(LogicalType::Int16()));
  EXPECT_EQ(small, Type::Int());

  ASSERT_STATUS(kNotSupported, "type variant has no Floe engine type",
                ToLogicalType(Type::Variant()));
  ASSERT_STATUS(kNotSupported, "unknown", ToLogicalType(Type::Unknown()));
  ASSERT_STATUS(kNotSupported, "longer than Floe's fixed limit", ToLogicalType(Fix(1 << 20)));

  ASSERT_OK_AND_ASSIGN(LogicalType no_ids,
                       LogicalType::Struct({{"a", LogicalType::List(LogicalType::Int32()), 1}}));
  ASSERT_STATUS(kInvalidArgument, "'a.element' has no field id", FromLogicalType(no_ids));
  ASSERT_OK_AND_ASSIGN(Type placeholder, FromLogicalType(no_ids, /*require_field_ids=*/false));
  EXPECT_EQ(placeholder.fields()[0].type.element().id, 0);
}

}  // namespace
}  // namespace floe::iceberg
