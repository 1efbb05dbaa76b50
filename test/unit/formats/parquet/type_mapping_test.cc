// MapParquetNode / MapParquetFields: every primitive rule of LogicalTypes.md,
// the LIST and MAP forms including the backward-compatibility ones, and the
// whole parquet-testing corpus against DuckDB's DESCRIBE.
#include "formats/parquet/type_mapping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "formats/parquet/footer_reader.h"
#include "io/local_file_io.h"
#include "unit/formats/parquet/schema_builders.h"
#include "util/corpus.h"
#include "util/duckdb_oracle.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using namespace ::floe::parquet::test;  // NOLINT(build/namespaces): schema builders

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

struct PrimitiveCase {
  pq::SchemaElement element;
  LogicalType expected;
  ValueConversion conversion;
};

TEST(TypeMappingTest, Primitives) {
  using T = pq::Type;
  using C = pq::ConvertedType;
  using V = ValueConversion;
  const std::vector<PrimitiveCase> cases = {
      {Leaf("bool", T::BOOLEAN), LogicalType::Boolean(), V::kBoolean},
      // INT32
      {Leaf("i32", T::INT32), LogicalType::Int32(), V::kInt32},
      {Logical(Leaf("i8", T::INT32), IntLogical(8, true)), LogicalType::Int8(), V::kInt32ToInt8},
      {Logical(Leaf("i16", T::INT32), IntLogical(16, true)), LogicalType::Int16(),
       V::kInt32ToInt16},
      {Logical(Leaf("i32s", T::INT32), IntLogical(32, true)), LogicalType::Int32(), V::kInt32},
      {Logical(Leaf("u8", T::INT32), IntLogical(8, false)), LogicalType::Int16(), V::kUint8ToInt16},
      {Logical(Leaf("u16", T::INT32), IntLogical(16, false)), LogicalType::Int32(),
       V::kUint16ToInt32},
      {Logical(Leaf("u32", T::INT32), IntLogical(32, false)), LogicalType::Int64(),
       V::kUint32ToInt64},
      {Converted(Leaf("c_i8", T::INT32), C::INT_8), LogicalType::Int8(), V::kInt32ToInt8},
      {Converted(Leaf("c_i16", T::INT32), C::INT_16), LogicalType::Int16(), V::kInt32ToInt16},
      {Converted(Leaf("c_i32", T::INT32), C::INT_32), LogicalType::Int32(), V::kInt32},
      {Converted(Leaf("c_u8", T::INT32), C::UINT_8), LogicalType::Int16(), V::kUint8ToInt16},
      {Converted(Leaf("c_u16", T::INT32), C::UINT_16), LogicalType::Int32(), V::kUint16ToInt32},
      {Converted(Leaf("c_u32", T::INT32), C::UINT_32), LogicalType::Int64(), V::kUint32ToInt64},
      {Logical(Leaf("date", T::INT32), DateLogical()), LogicalType::Date(), V::kInt32},
      {Converted(Leaf("c_date", T::INT32), C::DATE), LogicalType::Date(), V::kInt32},
      {Logical(Leaf("time_ms", T::INT32), TimeLogical(Unit::kMillis, true)), LogicalType::Time(),
       V::kTimeMillisToMicros},
      {Logical(Leaf("time_ms_local", T::INT32), TimeLogical(Unit::kMillis, false)),
       LogicalType::Time(), V::kTimeMillisToMicros},
      {Converted(Leaf("c_time_ms", T::INT32), C::TIME_MILLIS), LogicalType::Time(),
       V::kTimeMillisToMicros},
      {Logical(Leaf("dec32", T::INT32), DecimalLogical(9, 2)), Dec(9, 2), V::kInt32ToDecimal},
      {ConvertedDecimal(Leaf("c_dec32", T::INT32), 5, 0), Dec(5, 0), V::kInt32ToDecimal},
      {Logical(Leaf("null32", T::INT32), UnknownLogical()), LogicalType::Int32(), V::kInt32},
      // INT64
      {Leaf("i64", T::INT64), LogicalType::Int64(), V::kInt64},
      {Logical(Leaf("i64s", T::INT64), IntLogical(64, true)), LogicalType::Int64(), V::kInt64},
      {Converted(Leaf("c_i64", T::INT64), C::INT_64), LogicalType::Int64(), V::kInt64},
      {Logical(Leaf("u64", T::INT64), IntLogical(64, false)), Dec(20, 0), V::kUint64ToDecimal},
      {Converted(Leaf("c_u64", T::INT64), C::UINT_64), Dec(20, 0), V::kUint64ToDecimal},
      {Logical(Leaf("ts_ms_utc", T::INT64), TimestampLogical(Unit::kMillis, true)),
       LogicalType::TimestampTz(), V::kTimestampMillisToMicros},
      {Logical(Leaf("ts_ms", T::INT64), TimestampLogical(Unit::kMillis, false)),
       LogicalType::Timestamp(), V::kTimestampMillisToMicros},
      {Logical(Leaf("ts_us_utc", T::INT64), TimestampLogical(Unit::kMicros, true)),
       LogicalType::TimestampTz(), V::kInt64},
      {Logical(Leaf("ts_us", T::INT64), TimestampLogical(Unit::kMicros, false)),
       LogicalType::Timestamp(), V::kInt64},
      {Logical(Leaf("ts_ns_utc", T::INT64), TimestampLogical(Unit::kNanos, true)),
       LogicalType::TimestampTzNs(), V::kInt64},
      {Logical(Leaf("ts_ns", T::INT64), TimestampLogical(Unit::kNanos, false)),
       LogicalType::TimestampNs(), V::kInt64},
      // Legacy timestamps are UTC-adjusted (LogicalTypes.md compatibility table).
      {Converted(Leaf("c_ts_ms", T::INT64), C::TIMESTAMP_MILLIS), LogicalType::TimestampTz(),
       V::kTimestampMillisToMicros},
      {Converted(Leaf("c_ts_us", T::INT64), C::TIMESTAMP_MICROS), LogicalType::TimestampTz(),
       V::kInt64},
      // The logical type wins over the converted type.
      {Converted(Logical(Leaf("ts_local_both", T::INT64), TimestampLogical(Unit::kMicros, false)),
                 C::TIMESTAMP_MICROS),
       LogicalType::Timestamp(), V::kInt64},
      {Logical(Leaf("time_us", T::INT64), TimeLogical(Unit::kMicros, true)), LogicalType::Time(),
       V::kInt64},
      {Logical(Leaf("time_ns", T::INT64), TimeLogical(Unit::kNanos, false)), LogicalType::Time(),
       V::kTimeNanosToMicros},
      {Converted(Leaf("c_time_us", T::INT64), C::TIME_MICROS), LogicalType::Time(), V::kInt64},
      {Logical(Leaf("dec64", T::INT64), DecimalLogical(18, 3)), Dec(18, 3), V::kInt64ToDecimal},
      {ConvertedDecimal(Leaf("c_dec64", T::INT64), 12, 4), Dec(12, 4), V::kInt64ToDecimal},
      // INT96, FLOAT, DOUBLE
      {Leaf("i96", T::INT96), LogicalType::Timestamp(), V::kInt96ToTimestampMicros},
      {Leaf("f", T::FLOAT), LogicalType::Float(), V::kFloat},
      {Leaf("d", T::DOUBLE), LogicalType::Double(), V::kDouble},
      // BYTE_ARRAY
      {Leaf("bin", T::BYTE_ARRAY), LogicalType::Binary(), V::kBinary},
      {Logical(Leaf("str", T::BYTE_ARRAY), StringLogical()), LogicalType::String(), V::kBinary},
      {Converted(Leaf("utf8", T::BYTE_ARRAY), C::UTF8), LogicalType::String(), V::kBinary},
      {Logical(Leaf("enum", T::BYTE_ARRAY), EnumLogical()), LogicalType::String(), V::kBinary},
      {Converted(Leaf("c_enum", T::BYTE_ARRAY), C::ENUM), LogicalType::String(), V::kBinary},
      {Logical(Leaf("json", T::BYTE_ARRAY), JsonLogical()), LogicalType::String(), V::kBinary},
      {Converted(Leaf("c_json", T::BYTE_ARRAY), C::JSON), LogicalType::String(), V::kBinary},
      {Logical(Leaf("bson", T::BYTE_ARRAY), BsonLogical()), LogicalType::Binary(), V::kBinary},
      {Converted(Leaf("c_bson", T::BYTE_ARRAY), C::BSON), LogicalType::Binary(), V::kBinary},
      {Logical(Leaf("geo", T::BYTE_ARRAY), GeometryLogical()), LogicalType::Binary(), V::kBinary},
      {Logical(Leaf("null_bin", T::BYTE_ARRAY), UnknownLogical()), LogicalType::Binary(),
       V::kBinary},
      {Logical(Leaf("dec_bin", T::BYTE_ARRAY), DecimalLogical(30, 5)), Dec(30, 5),
       V::kBytesToDecimal},
      // FIXED_LEN_BYTE_ARRAY
      {FixedLen("flba", 5), Fixed(5), V::kFixed},
      {Logical(FixedLen("uuid", 16), UuidLogical()), LogicalType::Uuid(), V::kFixed},
      {Logical(FixedLen("half", 2), Float16Logical()), LogicalType::Float(), V::kFloat16ToFloat},
      {Logical(FixedLen("dec_flba", 16), DecimalLogical(38, 0)), Dec(38, 0), V::kBytesToDecimal},
      {ConvertedDecimal(FixedLen("c_dec_flba", 6), 13, 2), Dec(13, 2), V::kBytesToDecimal},
      {Converted(FixedLen("interval", 12), C::INTERVAL), Fixed(12), V::kFixed},
  };
  std::vector<pq::SchemaElement> elements;
  for (const PrimitiveCase& c : cases) elements.push_back(c.element);
  ParquetSchema schema = MakeSchema(static_cast<int32_t>(cases.size()), elements);
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto node = static_cast<int32_t>(i + 1);
    SCOPED_TRACE(cases[i].element.name);
    ASSERT_OK_AND_ASSIGN(MappedNode mapped, MapParquetNodeTree(schema, node));
    EXPECT_EQ(mapped.type, cases[i].expected) << mapped.type.ToString();
    EXPECT_EQ(mapped.conversion, cases[i].conversion);
    EXPECT_TRUE(mapped.is_leaf());
    EXPECT_EQ(mapped.column_index, static_cast<int32_t>(i));
    EXPECT_EQ(mapped.node_index, node);
    EXPECT_EQ(mapped.def_level, 1);  // every leaf here is optional
    ASSERT_OK_AND_ASSIGN(LogicalType type, MapParquetNode(schema, node));
    EXPECT_EQ(type, cases[i].expected);
  }
}

TEST(TypeMappingTest, UnsupportedPrimitivesNameTheColumn) {
  using T = pq::Type;
  pq::TimestampType no_unit;
  no_unit.__set_isAdjustedToUTC(true);
  pq::LogicalType unknown_unit;
  unknown_unit.__set_TIMESTAMP(no_unit);
  const std::vector<std::pair<pq::SchemaElement, std::string>> cases = {
      {Logical(Leaf("a", T::INT32), StringLogical()), "STRING cannot annotate INT32"},
      {Logical(Leaf("b", T::INT32), IntLogical(64, true)), "INT(64, true) cannot annotate INT32"},
      {Logical(Leaf("c", T::INT64), IntLogical(32, true)), "INT(32, true) cannot annotate INT64"},
      {Logical(Leaf("d", T::INT32), IntLogical(12, true)), "INT(12, true) cannot annotate INT32"},
      {Logical(Leaf("e", T::INT64), TimeLogical(Unit::kMillis, true)),
       "TIME(MILLIS, true) cannot annotate INT64"},
      {Logical(Leaf("f", T::INT32), TimeLogical(Unit::kMicros, true)),
       "TIME(MICROS, true) cannot annotate INT32"},
      {Logical(Leaf("g", T::INT32), TimestampLogical(Unit::kMillis, true)),
       "TIMESTAMP(MILLIS, true) cannot annotate INT32"},
      {Logical(Leaf("h", T::INT64), unknown_unit), "TIMESTAMP with a time unit"},
      {Logical(Leaf("i", T::BYTE_ARRAY), DateLogical()), "DATE cannot annotate BYTE_ARRAY"},
      {Logical(Leaf("j", T::BOOLEAN), StringLogical()), "STRING cannot annotate BOOLEAN"},
      {Logical(Leaf("k", T::DOUBLE), DecimalLogical(10, 2)), "cannot annotate DOUBLE"},
      {Logical(FixedLen("l", 15), UuidLogical()), "UUID must annotate FIXED_LEN_BYTE_ARRAY(16)"},
      {Logical(FixedLen("m", 4), Float16Logical()), "FLOAT16 must annotate"},
      {Logical(FixedLen("n", 4), StringLogical()), "STRING cannot annotate FIXED_LEN_BYTE_ARRAY"},
      {Logical(Leaf("o", T::BYTE_ARRAY), DecimalLogical(40, 2)),
       "DECIMAL precision 40 exceeds the maximum of 38"},
      {Converted(FixedLen("p", 8), pq::ConvertedType::INTERVAL), "INTERVAL must annotate"},
      {FixedLen("q", 100000), "fixed"},
      {Logical(Leaf("r", T::INT32), ListLogical()), "LIST cannot annotate INT32"},
  };
  for (const auto& [element, message] : cases) {
    SCOPED_TRACE(element.name);
    std::vector<pq::SchemaElement> elements = {Group("outer", 1, Rep::REQUIRED), element};
    ParquetSchema schema = MakeSchema(1, elements);
    ASSERT_STATUS(kNotSupported, message, MapParquetNode(schema, 2));
    ASSERT_STATUS(kNotSupported, "'outer." + element.name + "'", MapParquetNode(schema, 2));
    ASSERT_STATUS(kNotSupported, message, MapParquetFields(schema));
  }
}

TEST(TypeMappingTest, BadNodeIndex) {
  ParquetSchema schema = MakeSchema(1, {Leaf("a", pq::Type::INT32)});
  ASSERT_STATUS(kInvalidArgument, "node 2", MapParquetNode(schema, 2));
  ASSERT_STATUS(kInvalidArgument, "node -1", MapParquetNode(schema, -1));
}

// ---------------------------------------------------------------------------
// Structs and fields
// ---------------------------------------------------------------------------

TEST(TypeMappingTest, StructsAndFieldIds) {
  ParquetSchema schema = MakeSchema(
      2, {WithId(Leaf("id", pq::Type::INT64, Rep::REQUIRED), 1), WithId(Group("point", 2), 2),
          WithId(Leaf("x", pq::Type::DOUBLE, Rep::REQUIRED), 3),
          Logical(Leaf("label", pq::Type::BYTE_ARRAY), StringLogical())});
  ASSERT_OK_AND_ASSIGN(std::vector<ParquetField> fields, MapParquetFields(schema));
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].name, "id");
  EXPECT_EQ(fields[0].type, LogicalType::Int64());
  EXPECT_EQ(fields[0].field_id, 1);
  EXPECT_EQ(fields[0].node_index, 1);
  EXPECT_EQ(fields[1].name, "point");
  EXPECT_EQ(fields[1].field_id, 2);
  EXPECT_EQ(fields[1].node_index, 2);
  EXPECT_EQ(fields[1].type, Struct({{"x", LogicalType::Double(), 3},
                                    {"label", LogicalType::String(), std::nullopt}}));
  EXPECT_EQ(fields[1].type.ToString(), "struct<x: double, label: string>");

  ASSERT_OK_AND_ASSIGN(MappedNode point, MapParquetNodeTree(schema, 2));
  EXPECT_EQ(point.def_level, 1);
  ASSERT_EQ(point.children.size(), 2u);
  EXPECT_EQ(point.children[0].def_level, 1);  // required inside optional
  EXPECT_EQ(point.children[0].column_index, 1);
  EXPECT_EQ(point.children[1].def_level, 2);
  EXPECT_EQ(point.children[1].column_index, 2);

  // The root reads as a struct of every field.
  ASSERT_OK_AND_ASSIGN(LogicalType root, MapParquetNode(schema, 0));
  EXPECT_EQ(root, Struct({{"id", LogicalType::Int64(), 1}, {"point", fields[1].type, 2}}));
}

TEST(TypeMappingTest, UnsupportedGroups) {
  {
    pq::SchemaElement variant = Logical(Group("v", 2), VariantLogical());
    ParquetSchema schema = MakeSchema(
        1, {variant, Leaf("metadata", pq::Type::BYTE_ARRAY), Leaf("value", pq::Type::BYTE_ARRAY)});
    ASSERT_STATUS(kNotSupported, "column 'v': VARIANT", MapParquetFields(schema));
  }
  {
    ParquetSchema schema =
        MakeSchema(1, {Logical(Group("s", 1), StringLogical()), Leaf("x", pq::Type::INT32)});
    ASSERT_STATUS(kNotSupported, "column 's': a group cannot be annotated STRING",
                  MapParquetFields(schema));
  }
  {
    ParquetSchema schema = MakeSchema(1, {Group("empty", 0)});
    ASSERT_STATUS(kNotSupported, "column 'empty': a group without fields",
                  MapParquetFields(schema));
  }
  {
    // Duplicate names cannot make a Floe struct.
    ParquetSchema schema =
        MakeSchema(1, {Group("s", 2), Leaf("x", pq::Type::INT32), Leaf("x", pq::Type::INT64)});
    ASSERT_STATUS(kNotSupported, "column 's'", MapParquetFields(schema));
  }
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

// Maps the only top-level field of a schema built from `elements`.
Result<MappedNode> MapOnly(std::vector<pq::SchemaElement> elements) {
  ParquetSchema schema = MakeSchema(1, std::move(elements));
  return MapParquetNodeTree(schema, 1);
}

TEST(TypeMappingTest, StandardThreeLevelList) {
  // optional group my_list (LIST) { repeated group list { optional binary element (STRING); } }
  ASSERT_OK_AND_ASSIGN(
      MappedNode list,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
               WithId(Logical(Leaf("element", pq::Type::BYTE_ARRAY), StringLogical()), 7)}));
  EXPECT_EQ(list.type, LogicalType::List(LogicalType::String(), 7));
  EXPECT_EQ(list.node_index, 1);
  EXPECT_EQ(list.def_level, 1);
  EXPECT_EQ(list.element_def_level, 2);
  EXPECT_EQ(list.element_rep_level, 1);
  ASSERT_EQ(list.children.size(), 1u);
  EXPECT_EQ(list.children[0].node_index, 3);
  EXPECT_EQ(list.children[0].def_level, 3);

  // required list, required elements, through the converted type.
  ASSERT_OK_AND_ASSIGN(
      MappedNode required,
      MapOnly({Converted(Group("my_list", 1, Rep::REQUIRED), pq::ConvertedType::LIST),
               Group("list", 1, Rep::REPEATED), Leaf("element", pq::Type::INT32, Rep::REQUIRED)}));
  EXPECT_EQ(required.type, LogicalType::List(LogicalType::Int32()));
  EXPECT_EQ(required.def_level, 0);
  EXPECT_EQ(required.element_def_level, 1);
  EXPECT_EQ(required.children[0].def_level, 1);

  // list<list<int>>
  ASSERT_OK_AND_ASSIGN(
      MappedNode nested,
      MapOnly({Logical(Group("array_of_arrays", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
               Logical(Group("element", 1, Rep::REQUIRED), ListLogical()),
               Group("list", 1, Rep::REPEATED), Leaf("element", pq::Type::INT32, Rep::REQUIRED)}));
  EXPECT_EQ(nested.type, LogicalType::List(LogicalType::List(LogicalType::Int32())));
  EXPECT_EQ(nested.element_rep_level, 1);
  EXPECT_EQ(nested.children[0].def_level, 2);
  EXPECT_EQ(nested.children[0].element_def_level, 3);
  EXPECT_EQ(nested.children[0].element_rep_level, 2);
}

TEST(TypeMappingTest, LegacyListRules) {
  const LogicalType str = LogicalType::String();
  // Element group not named `element`: still the 3-level form (rule 5).
  ASSERT_OK_AND_ASSIGN(
      MappedNode misnamed,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("element", 1, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical())}));
  EXPECT_EQ(misnamed.type, LogicalType::List(str));
  EXPECT_EQ(misnamed.children[0].node_index, 3);

  // Rule 1: a repeated primitive is the element.
  ASSERT_OK_AND_ASSIGN(MappedNode rule1,
                       MapOnly({Logical(Group("my_list", 1), ListLogical()),
                                WithId(Leaf("element", pq::Type::INT32, Rep::REPEATED), 4)}));
  EXPECT_EQ(rule1.type, LogicalType::List(LogicalType::Int32(), 4));
  EXPECT_EQ(rule1.element_def_level, 2);
  EXPECT_EQ(rule1.children[0].node_index, 2);
  EXPECT_EQ(rule1.children[0].def_level, 2);

  // Rule 2: a repeated group with several fields is the element.
  ASSERT_OK_AND_ASSIGN(
      MappedNode rule2,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("element", 2, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical()),
               Leaf("num", pq::Type::INT32, Rep::REQUIRED)}));
  EXPECT_EQ(rule2.type, LogicalType::List(Struct({{"str", str, std::nullopt},
                                                  {"num", LogicalType::Int32(), std::nullopt}})));

  // Rule 3: a repeated group whose one field is repeated is the element.
  ASSERT_OK_AND_ASSIGN(MappedNode rule3,
                       MapOnly({Logical(Group("my_list", 1), ListLogical()),
                                Logical(Group("array", 1, Rep::REPEATED), ListLogical()),
                                Leaf("array", pq::Type::INT32, Rep::REPEATED)}));
  EXPECT_EQ(rule3.type, LogicalType::List(LogicalType::List(LogicalType::Int32())));
  EXPECT_EQ(rule3.children[0].def_level, 2);
  EXPECT_EQ(rule3.children[0].element_def_level, 3);
  EXPECT_EQ(rule3.children[0].element_rep_level, 2);
  // ... also when that group is not annotated: a struct holding a list.
  ASSERT_OK_AND_ASSIGN(
      MappedNode rule3_plain,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("item", 1, Rep::REPEATED),
               Leaf("values", pq::Type::INT32, Rep::REPEATED)}));
  EXPECT_EQ(rule3_plain.type,
            LogicalType::List(
                Struct({{"values", LogicalType::List(LogicalType::Int32()), std::nullopt}})));

  // Rule 4: one field, group named `array` or `<list>_tuple`: a one-field struct.
  const LogicalType one_tuple = LogicalType::List(Struct({{"str", str, std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(
      MappedNode rule4_array,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("array", 1, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical())}));
  EXPECT_EQ(rule4_array.type, one_tuple);
  ASSERT_OK_AND_ASSIGN(
      MappedNode rule4_tuple,
      MapOnly({Logical(Group("my_list", 1), ListLogical()),
               Group("my_list_tuple", 1, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical())}));
  EXPECT_EQ(rule4_tuple.type, one_tuple);

  // Rule 5: otherwise the one field is the element, nullable here.
  ASSERT_OK_AND_ASSIGN(
      MappedNode rule5,
      MapOnly({Logical(Group("my_list", 1), ListLogical()), Group("element", 1, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::OPTIONAL), StringLogical())}));
  EXPECT_EQ(rule5.type, LogicalType::List(str));
  EXPECT_EQ(rule5.children[0].def_level, 3);
}

TEST(TypeMappingTest, MalformedLists) {
  ASSERT_STATUS(
      kNotSupported, "column 'l': a LIST group must have exactly one field, not 2",
      MapOnly({Logical(Group("l", 2), ListLogical()), Leaf("a", pq::Type::INT32, Rep::REPEATED),
               Leaf("b", pq::Type::INT32, Rep::REPEATED)}));
  ASSERT_STATUS(kNotSupported, "the field 'list' of a LIST group must be repeated, not OPTIONAL",
                MapOnly({Logical(Group("l", 1), ListLogical()), Group("list", 1, Rep::OPTIONAL),
                         Leaf("element", pq::Type::INT32)}));
  ASSERT_STATUS(kNotSupported, "column 'l.list': a group without fields",
                MapOnly({Logical(Group("l", 1), ListLogical()), Group("list", 0, Rep::REPEATED)}));
}

TEST(TypeMappingTest, UnannotatedRepeatedFields) {
  // repeated int32 num -> required list<int> of required elements.
  ASSERT_OK_AND_ASSIGN(MappedNode num,
                       MapOnly({WithId(Leaf("num", pq::Type::INT32, Rep::REPEATED), 9)}));
  EXPECT_EQ(num.type, LogicalType::List(LogicalType::Int32()));
  EXPECT_EQ(num.node_index, 1);
  EXPECT_EQ(num.def_level, 0);
  EXPECT_EQ(num.element_def_level, 1);
  EXPECT_EQ(num.element_rep_level, 1);
  EXPECT_EQ(num.children[0].node_index, 1);
  EXPECT_EQ(num.children[0].def_level, 1);

  // repeated_no_annotation.parquet: optional group phoneNumbers { repeated group phone {
  //   required int64 number; optional binary kind (UTF8); } }
  ParquetSchema schema = MakeSchema(
      2, {Leaf("id", pq::Type::INT32, Rep::REQUIRED), Group("phoneNumbers", 1),
          Group("phone", 2, Rep::REPEATED), Leaf("number", pq::Type::INT64, Rep::REQUIRED),
          Converted(Leaf("kind", pq::Type::BYTE_ARRAY), pq::ConvertedType::UTF8)});
  ASSERT_OK_AND_ASSIGN(std::vector<ParquetField> fields, MapParquetFields(schema));
  ASSERT_EQ(fields.size(), 2u);
  const LogicalType phone = Struct({{"number", LogicalType::Int64(), std::nullopt},
                                    {"kind", LogicalType::String(), std::nullopt}});
  EXPECT_EQ(fields[1].type, Struct({{"phone", LogicalType::List(phone), std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(MappedNode phones, MapParquetNodeTree(schema, 2));
  const MappedNode& list = phones.children[0];
  EXPECT_EQ(list.def_level, 1);
  EXPECT_EQ(list.element_def_level, 2);
  EXPECT_EQ(list.children[0].def_level, 2);
  EXPECT_EQ(list.children[0].children[1].def_level, 3);

  // A repeated LIST group outside a LIST: a list of lists.
  ASSERT_OK_AND_ASSIGN(MappedNode repeated_list,
                       MapOnly({Logical(Group("l", 1, Rep::REPEATED), ListLogical()),
                                Leaf("x", pq::Type::INT32, Rep::REPEATED)}));
  EXPECT_EQ(repeated_list.type, LogicalType::List(LogicalType::List(LogicalType::Int32())));
}

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

TEST(TypeMappingTest, StandardMap) {
  ASSERT_OK_AND_ASSIGN(
      MappedNode map,
      MapOnly(
          {Logical(Group("my_map", 1, Rep::REQUIRED), MapLogical()),
           Group("key_value", 2, Rep::REPEATED),
           WithId(Logical(Leaf("key", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical()), 11),
           WithId(Leaf("value", pq::Type::INT32), 12)}));
  EXPECT_EQ(map.type, LogicalType::Map(LogicalType::String(), LogicalType::Int32(), 11, 12));
  EXPECT_EQ(map.def_level, 0);
  EXPECT_EQ(map.element_def_level, 1);
  EXPECT_EQ(map.element_rep_level, 1);
  ASSERT_EQ(map.children.size(), 2u);
  EXPECT_EQ(map.children[0].def_level, 1);
  EXPECT_EQ(map.children[1].def_level, 2);
}

TEST(TypeMappingTest, LegacyMaps) {
  const LogicalType expected = LogicalType::Map(LogicalType::String(), LogicalType::Int32());
  // Misnamed key_value group and fields: found by position.
  ASSERT_OK_AND_ASSIGN(
      MappedNode misnamed,
      MapOnly({Logical(Group("my_map", 1), MapLogical()), Group("map", 2, Rep::REPEATED),
               Logical(Leaf("str", pq::Type::BYTE_ARRAY, Rep::REQUIRED), StringLogical()),
               Leaf("num", pq::Type::INT32, Rep::REQUIRED)}));
  EXPECT_EQ(misnamed.type, expected);
  // MAP_KEY_VALUE on the outer group, not inside a MAP: a MAP.
  ASSERT_OK_AND_ASSIGN(
      MappedNode legacy,
      MapOnly({Converted(Group("my_map", 1), pq::ConvertedType::MAP_KEY_VALUE),
               Group("map", 2, Rep::REPEATED),
               Converted(Leaf("key", pq::Type::BYTE_ARRAY, Rep::REQUIRED), pq::ConvertedType::UTF8),
               Leaf("value", pq::Type::INT32)}));
  EXPECT_EQ(legacy.type, expected);
  // MAP with a MAP_KEY_VALUE key_value group (parquet-mr, Impala).
  ASSERT_OK_AND_ASSIGN(
      MappedNode impala,
      MapOnly({Converted(Group("m", 1, Rep::REQUIRED), pq::ConvertedType::MAP),
               Converted(Group("map", 2, Rep::REPEATED), pq::ConvertedType::MAP_KEY_VALUE),
               Converted(Leaf("key", pq::Type::BYTE_ARRAY, Rep::REQUIRED), pq::ConvertedType::UTF8),
               Leaf("value", pq::Type::INT32, Rep::REQUIRED)}));
  EXPECT_EQ(impala.type, expected);
  // An optional key (Hive) is accepted; a NULL key in the data is not.
  ASSERT_OK_AND_ASSIGN(
      MappedNode optional_key,
      MapOnly({Logical(Group("m", 1), MapLogical()), Group("key_value", 2, Rep::REPEATED),
               Logical(Leaf("key", pq::Type::BYTE_ARRAY), StringLogical()),
               Leaf("value", pq::Type::INT32)}));
  EXPECT_EQ(optional_key.type, expected);
  EXPECT_EQ(optional_key.children[0].def_level, 3);
  // No value: a list of the keys (a set), as Arrow reads it.
  ASSERT_OK_AND_ASSIGN(
      MappedNode keys,
      MapOnly({Logical(Group("m", 1), MapLogical()), Group("key_value", 1, Rep::REPEATED),
               WithId(Leaf("key", pq::Type::INT32, Rep::REQUIRED), 5)}));
  EXPECT_EQ(keys.type, LogicalType::List(LogicalType::Int32(), 5));
  EXPECT_EQ(keys.element_def_level, 2);
  // map<string, map<int, boolean>> (nested_maps.snappy.parquet).
  ASSERT_OK_AND_ASSIGN(
      MappedNode nested,
      MapOnly({Converted(Group("a", 1), pq::ConvertedType::MAP),
               Group("key_value", 2, Rep::REPEATED),
               Converted(Leaf("key", pq::Type::BYTE_ARRAY, Rep::REQUIRED), pq::ConvertedType::UTF8),
               Converted(Group("value", 1), pq::ConvertedType::MAP),
               Group("key_value", 2, Rep::REPEATED), Leaf("key", pq::Type::INT32, Rep::REQUIRED),
               Leaf("value", pq::Type::BOOLEAN, Rep::REQUIRED)}));
  EXPECT_EQ(nested.type,
            LogicalType::Map(LogicalType::String(),
                             LogicalType::Map(LogicalType::Int32(), LogicalType::Boolean())));
}

TEST(TypeMappingTest, MalformedMaps) {
  ASSERT_STATUS(
      kNotSupported, "the field 'kv' of a MAP group must be a repeated group",
      MapOnly({Logical(Group("m", 1), MapLogical()), Group("kv", 2, Rep::REQUIRED),
               Leaf("key", pq::Type::INT32, Rep::REQUIRED), Leaf("value", pq::Type::INT32)}));
  ASSERT_STATUS(kNotSupported,
                "column 'm.kv': a MAP's key_value group must have a key and a "
                "value, not 3 fields",
                MapOnly({Logical(Group("m", 1), MapLogical()), Group("kv", 3, Rep::REPEATED),
                         Leaf("key", pq::Type::INT32, Rep::REQUIRED),
                         Leaf("value", pq::Type::INT32), Leaf("extra", pq::Type::INT32)}));
  ASSERT_STATUS(
      kNotSupported, "a MAP group must have exactly one field, not 2",
      MapOnly({Logical(Group("m", 2), MapLogical()), Leaf("key", pq::Type::INT32, Rep::REQUIRED),
               Leaf("value", pq::Type::INT32)}));
  // MAP_KEY_VALUE on a repeated group outside a MAP is a (malformed) MAP too.
  ASSERT_STATUS(
      kNotSupported, "a MAP group must have exactly one field",
      MapOnly({Converted(Group("m", 2, Rep::REPEATED), pq::ConvertedType::MAP_KEY_VALUE),
               Leaf("key", pq::Type::INT32, Rep::REQUIRED), Leaf("value", pq::Type::INT32)}));
}

// ---------------------------------------------------------------------------
// The corpus against DuckDB
// ---------------------------------------------------------------------------

// DuckDB's spelling of a field name inside STRUCT(...): quoted unless it is
// a plain identifier.
std::string DuckDbName(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      plain = false;
    }
  }
  if (plain) return name;
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

// The DuckDB type name Floe's mapping corresponds to. DuckDB keeps unsigned
// integers (UTINYINT, ...) and INTERVAL where Floe widens or keeps bytes;
// those are translated from the leaf's conversion so the comparison checks
// that Floe recognised the same annotation.
std::string DuckDbTypeName(const ParquetSchema& schema, const MappedNode& node) {
  const LogicalType& t = node.type;
  if (node.is_leaf()) {
    switch (node.conversion) {
      case ValueConversion::kUint8ToInt16:
        return "UTINYINT";
      case ValueConversion::kUint16ToInt32:
        return "USMALLINT";
      case ValueConversion::kUint32ToInt64:
        return "UINTEGER";
      case ValueConversion::kUint64ToDecimal:
        return "UBIGINT";
      default:
        break;
    }
    const SchemaNode& parquet = schema.node(node.node_index);
    if (parquet.converted_type == ConvertedType::kInterval && !parquet.logical_type) {
      return "INTERVAL";
    }
    // DuckDB reads TIME(isAdjustedToUTC=true) as TIMETZ; Floe has one time type.
    if (parquet.logical_type && parquet.logical_type->__isset.TIME &&
        parquet.logical_type->TIME.isAdjustedToUTC) {
      return "TIME WITH TIME ZONE";
    }
  }
  switch (t.id()) {
    case TypeId::kBoolean:
      return "BOOLEAN";
    case TypeId::kInt8:
      return "TINYINT";
    case TypeId::kInt16:
      return "SMALLINT";
    case TypeId::kInt32:
      return "INTEGER";
    case TypeId::kInt64:
      return "BIGINT";
    case TypeId::kFloat:
      return "FLOAT";
    case TypeId::kDouble:
      return "DOUBLE";
    case TypeId::kDecimal:
      return fmt::format("DECIMAL({},{})", t.precision(), t.scale());
    case TypeId::kDate:
      return "DATE";
    case TypeId::kTime:
      return "TIME";
    case TypeId::kTimestamp:
      return "TIMESTAMP";
    case TypeId::kTimestampTz:
      return "TIMESTAMP WITH TIME ZONE";
    case TypeId::kTimestampNs:
      return "TIMESTAMP_NS";
    case TypeId::kTimestampTzNs:
      return "TIMESTAMP WITH TIME ZONE";  // DuckDB has no nanosecond TIMESTAMPTZ
    case TypeId::kString:
      return "VARCHAR";
    case TypeId::kBinary:
    case TypeId::kFixed:
      return "BLOB";
    case TypeId::kUuid:
      return "UUID";
    case TypeId::kStruct: {
      std::string out = "STRUCT(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        out += DuckDbName(t.children()[i].name) + " " + DuckDbTypeName(schema, node.children[i]);
      }
      return out + ")";
    }
    case TypeId::kList:
      return DuckDbTypeName(schema, node.children[0]) + "[]";
    case TypeId::kMap:
      return "MAP(" + DuckDbTypeName(schema, node.children[0]) + ", " +
             DuckDbTypeName(schema, node.children[1]) + ")";
  }
  return "?";
}

std::string DescribeFloe(const ParquetSchema& schema, const std::vector<ParquetField>& fields) {
  std::string out;
  for (const ParquetField& field : fields) {
    if (!out.empty()) out += " | ";
    auto mapped = MapParquetNodeTree(schema, field.node_index);
    out += field.name + " " + (mapped.has_value() ? DuckDbTypeName(schema, *mapped) : "?");
  }
  return out;
}

// The start of a long schema line and the part that differs are enough.
std::string Abbreviate(const std::string& s) {
  return s.size() <= 300 ? s : s.substr(0, 300) + "...";
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

TEST(TypeMappingCorpusTest, MatchesDuckDbDescribe) {
  FLOE_REQUIRE_CORPUS();
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  namespace fs = std::filesystem;
  const std::string dir = *::floe::test::CorpusRoot() + "/parquet-testing/data";
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".parquet") {
      files.push_back(entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());

  // Differences that are decisions, not bugs.
  const std::map<std::string, std::string> expected_differences = {
      {"map_no_value.parquet",
       "MAP without a value field: DuckDB refuses it ('MAP_KEY_VALUE requires two children'); "
       "Floe reads it as a list of the keys, which LogicalTypes.md allows and Arrow does"},
      {"nested_structs.rust.parquet",
       "legacy TIMESTAMP_MICROS without a logical type: LogicalTypes.md's compatibility table "
       "makes it isAdjustedToUTC=true, so Floe (like parquet-mr and Iceberg Java) reads "
       "timestamptz; DuckDB and Arrow read converted-type timestamps as local TIMESTAMP"},
  };

  int matched = 0;
  int skipped = 0;
  std::vector<std::string> differences;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    LocalFileIO io;
    auto opened = io.OpenRead(dir + "/" + file);
    ASSERT_OK(opened);
    auto meta = ReadParquetFooter(**opened);
    if (!meta.has_value()) {
      ++skipped;  // the footer corpus test covers files whose footer does not parse
      continue;
    }
    const ParquetSchema& schema = (*meta)->schema();
    auto fields = MapParquetFields(schema);
    const std::string floe =
        fields.has_value() ? DescribeFloe(schema, *fields) : "!! " + fields.error().ToString();
    auto described = oracle->Query("DESCRIBE SELECT * FROM " + Quote(dir + "/" + file));
    std::string duck;
    if (described.has_value()) {
      for (const auto& row : described->rows) {
        if (!duck.empty()) duck += " | ";
        duck += row[0].value_or("NULL") + " " + row[1].value_or("NULL");
      }
    } else {
      duck = "!! " + described.error().message().substr(0, described.error().message().find('\n'));
    }
    if (floe == duck) {
      ++matched;
      continue;
    }
    const auto expected = expected_differences.find(file);
    const std::string line =
        file + "\n    floe:   " + Abbreviate(floe) + "\n    duckdb: " + Abbreviate(duck);
    if (expected != expected_differences.end()) {
      differences.push_back(line + "\n    why:    " + expected->second);
    } else {
      ADD_FAILURE() << "type mapping differs from DuckDB " << oracle->version() << ": " << line;
    }
  }
  std::cout << "[ types ] " << files.size() << " files: " << matched << " match DuckDB "
            << oracle->version() << ", " << differences.size() << " expected differences, "
            << skipped << " without a readable footer\n";
  for (const std::string& d : differences) std::cout << "[ types ] " << d << "\n";
  EXPECT_GT(matched, 50);
  for (const auto& [file, why] : expected_differences) {
    bool seen = false;
    for (const std::string& d : differences) seen = seen || d.rfind(file, 0) == 0;
    EXPECT_TRUE(seen) << file << " is listed as an expected difference but matches (or is gone)";
  }
}

// Every Parquet file of the corpus whose footer parses - other engines' files,
// fuzz reproducers, Iceberg tables - maps, or fails with NotSupported.
TEST(TypeMappingCorpusTest, EveryFileMapsOrIsNotSupported) {
  FLOE_REQUIRE_CORPUS();
  namespace fs = std::filesystem;
  const std::string root = *::floe::test::CorpusRoot();
  int mapped = 0;
  std::map<std::string, int> unsupported;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    const std::string path = entry.path().string();
    const bool fuzz = path.find("/fuzzing/") != std::string::npos && ext.empty();
    if (!entry.is_regular_file() || !(ext == ".parquet" || ext == ".parq" || fuzz)) continue;
    LocalFileIO io;
    auto file = io.OpenRead(path);
    if (!file.has_value()) continue;
    auto meta = ReadParquetFooter(**file);
    if (!meta.has_value()) continue;
    auto fields = MapParquetFields((*meta)->schema());
    if (fields.has_value()) {
      ++mapped;
      continue;
    }
    EXPECT_TRUE(fields.error().IsNotSupported()) << path << ": " << fields.error().ToString();
    const std::string& m = fields.error().message();
    ++unsupported[m.substr(m.find("': ") + 3)];
  }
  std::cout << "[ types ] corpus: " << mapped << " files map\n";
  for (const auto& [why, count] : unsupported) {
    std::cout << "[ types ]   " << count << " NotSupported: " << why << "\n";
  }
  EXPECT_GT(mapped, 600);
}

}  // namespace
}  // namespace floe::parquet
