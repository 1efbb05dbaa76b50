// ParquetSchema::Make on schemas built here: levels and paths of nested
// columns, annotations, and every malformed tree it must refuse.
#include "formats/parquet/schema.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "unit/formats/parquet/parquet_test_files.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using test::GroupElement;
using test::LeafElement;
using test::RootElement;
namespace pq = format;
using Rep = pq::FieldRepetitionType;

// Stores a raw i32 into an enum field without an enum-typed store or load,
// as the generated reader does for values the IDL does not list.
template <typename E>
void SetRawEnum(E& field, int32_t raw) {
  std::memcpy(&field, &raw, sizeof(raw));
}

TEST(ParquetSchemaTest, FlatColumns) {
  std::vector<pq::SchemaElement> elements = {RootElement("schema", 3),
                                             LeafElement("a", pq::Type::INT64, Rep::REQUIRED),
                                             LeafElement("b", pq::Type::DOUBLE, Rep::OPTIONAL),
                                             LeafElement("c", pq::Type::BYTE_ARRAY, Rep::REPEATED)};
  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  ASSERT_EQ(schema.num_nodes(), 4);
  ASSERT_EQ(schema.num_columns(), 3);
  EXPECT_EQ(schema.root().name, "schema");
  EXPECT_EQ(schema.root().children, (std::vector<int32_t>{1, 2, 3}));
  EXPECT_FALSE(schema.root().is_leaf());

  const ColumnDescriptor& a = schema.column(0);
  EXPECT_EQ(a.dotted_path, "a");
  EXPECT_EQ(a.physical_type, PhysicalType::kInt64);
  EXPECT_EQ(a.max_definition_level, 0);
  EXPECT_EQ(a.max_repetition_level, 0);
  EXPECT_EQ(schema.column(1).max_definition_level, 1);
  EXPECT_EQ(schema.column(1).max_repetition_level, 0);
  EXPECT_EQ(schema.column(2).max_definition_level, 1);
  EXPECT_EQ(schema.column(2).max_repetition_level, 1);
  EXPECT_EQ(schema.node(3).repetition, Repetition::kRepeated);
  EXPECT_EQ(schema.node(3).column_index, 2);
  EXPECT_EQ(schema.FindColumn("b"), 1);
  EXPECT_EQ(schema.FindColumn("nope"), -1);
}

// optional group my_list (LIST) { repeated group list { optional int32 element; } }
// optional group my_map (MAP) { repeated group key_value { required binary key;
//                                                          optional group value { required int32 x;
//                                                          } } }
// required int32 id
TEST(ParquetSchemaTest, NestedLevelsAndPaths) {
  std::vector<pq::SchemaElement> elements = {
      RootElement("root", 3),
      GroupElement("my_list", 1, Rep::OPTIONAL),
      GroupElement("list", 1, Rep::REPEATED),
      LeafElement("element", pq::Type::INT32, Rep::OPTIONAL),
      GroupElement("my_map", 1, Rep::OPTIONAL),
      GroupElement("key_value", 2, Rep::REPEATED),
      LeafElement("key", pq::Type::BYTE_ARRAY, Rep::REQUIRED),
      GroupElement("value", 1, Rep::OPTIONAL),
      LeafElement("x", pq::Type::INT32, Rep::REQUIRED),
      LeafElement("id", pq::Type::INT32, Rep::REQUIRED),
  };
  elements[1].__set_converted_type(pq::ConvertedType::LIST);
  elements[4].__set_converted_type(pq::ConvertedType::MAP);
  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  ASSERT_EQ(schema.num_columns(), 4);

  const ColumnDescriptor& element = schema.column(0);
  EXPECT_EQ(element.dotted_path, "my_list.list.element");
  EXPECT_EQ(element.path, (std::vector<std::string>{"my_list", "list", "element"}));
  EXPECT_EQ(element.max_definition_level, 3);
  EXPECT_EQ(element.max_repetition_level, 1);
  EXPECT_EQ(element.node_index, 3);

  EXPECT_EQ(schema.column(1).dotted_path, "my_map.key_value.key");
  EXPECT_EQ(schema.column(1).max_definition_level, 2);
  EXPECT_EQ(schema.column(1).max_repetition_level, 1);
  EXPECT_EQ(schema.column(2).dotted_path, "my_map.key_value.value.x");
  EXPECT_EQ(schema.column(2).max_definition_level, 3);
  EXPECT_EQ(schema.column(2).max_repetition_level, 1);
  EXPECT_EQ(schema.column(3).dotted_path, "id");
  EXPECT_EQ(schema.column(3).max_definition_level, 0);

  const SchemaNode& map = schema.node(4);
  EXPECT_EQ(map.converted_type, ConvertedType::kMap);
  EXPECT_EQ(map.children, (std::vector<int32_t>{5}));
  EXPECT_EQ(schema.node(5).children, (std::vector<int32_t>{6, 7}));
  EXPECT_EQ(schema.node(8).parent, 7);
  EXPECT_EQ(schema.node(8).depth, 4);
  EXPECT_EQ(schema.NodePath(7), "my_map.key_value.value");
  EXPECT_EQ(schema.NodePath(0), "");
  EXPECT_EQ(schema.node(1).column_index, -1);
}

TEST(ParquetSchemaTest, AnnotationsAreKept) {
  std::vector<pq::SchemaElement> elements = {
      RootElement("schema", 4),
      LeafElement("ts", pq::Type::INT64, Rep::OPTIONAL),
      LeafElement("price", pq::Type::FIXED_LEN_BYTE_ARRAY, Rep::REQUIRED),
      LeafElement("u", pq::Type::FIXED_LEN_BYTE_ARRAY, Rep::OPTIONAL),
      LeafElement("future", pq::Type::BYTE_ARRAY, Rep::OPTIONAL),
  };
  pq::TimestampType ts;
  ts.__set_isAdjustedToUTC(true);
  pq::TimeUnit unit;
  unit.__set_MICROS(pq::MicroSeconds());
  ts.__set_unit(unit);
  pq::LogicalType ts_type;
  ts_type.__set_TIMESTAMP(ts);
  elements[1].__set_logicalType(ts_type);
  elements[1].__set_converted_type(pq::ConvertedType::TIMESTAMP_MICROS);
  elements[1].__set_field_id(7);
  elements[2].__set_type_length(16);
  elements[2].__set_converted_type(pq::ConvertedType::DECIMAL);
  elements[2].__set_precision(38);
  elements[2].__set_scale(9);
  elements[3].__set_type_length(16);
  pq::LogicalType uuid;
  uuid.__set_UUID(pq::UUIDType());
  elements[3].__set_logicalType(uuid);
  // A logical type from a newer writer: the union arrives with no member set.
  elements[4].__set_logicalType(pq::LogicalType());

  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  const SchemaNode& ts_node = schema.node(1);
  ASSERT_TRUE(ts_node.logical_type.has_value());
  EXPECT_TRUE(ts_node.logical_type->__isset.TIMESTAMP);
  EXPECT_TRUE(ts_node.logical_type->TIMESTAMP.isAdjustedToUTC);
  EXPECT_TRUE(ts_node.logical_type->TIMESTAMP.unit.__isset.MICROS);
  EXPECT_EQ(ts_node.converted_type, ConvertedType::kTimestampMicros);
  EXPECT_EQ(ts_node.field_id, 7);
  EXPECT_FALSE(schema.node(2).field_id.has_value());

  const SchemaNode& price = schema.node(2);
  EXPECT_EQ(price.physical_type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(price.type_length, 16);
  EXPECT_EQ(price.precision, 38);
  EXPECT_EQ(price.scale, 9);
  EXPECT_EQ(price.converted_type, ConvertedType::kDecimal);
  EXPECT_FALSE(price.logical_type.has_value());

  EXPECT_TRUE(schema.node(3).logical_type->__isset.UUID);
  EXPECT_FALSE(schema.node(4).logical_type.has_value());
}

TEST(ParquetSchemaTest, EmptyRootAndEmptyGroupsHoldNoColumns) {
  std::vector<pq::SchemaElement> root_only = {RootElement("schema", 0)};
  ASSERT_OK_AND_ASSIGN(auto empty, ParquetSchema::Make(root_only));
  EXPECT_EQ(empty.num_columns(), 0);

  pq::SchemaElement bare_root;
  bare_root.__set_name("schema");  // no num_children at all
  std::vector<pq::SchemaElement> bare = {bare_root};
  ASSERT_OK_AND_ASSIGN(auto bare_schema, ParquetSchema::Make(bare));
  EXPECT_EQ(bare_schema.num_columns(), 0);

  std::vector<pq::SchemaElement> elements = {RootElement("schema", 2),
                                             GroupElement("nothing", 0, Rep::OPTIONAL),
                                             LeafElement("a", pq::Type::INT32, Rep::OPTIONAL)};
  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  ASSERT_EQ(schema.num_columns(), 1);
  EXPECT_EQ(schema.column(0).dotted_path, "a");
  EXPECT_FALSE(schema.node(1).is_leaf());
}

TEST(ParquetSchemaTest, DepthIsBounded) {
  auto nested = [](int depth) {
    std::vector<pq::SchemaElement> elements = {RootElement("schema", 1)};
    for (int i = 1; i < depth; ++i) elements.push_back(GroupElement("g", 1, Rep::OPTIONAL));
    elements.push_back(LeafElement("leaf", pq::Type::INT32, Rep::OPTIONAL));
    return elements;
  };
  ASSERT_OK_AND_ASSIGN(auto deepest, ParquetSchema::Make(nested(ParquetSchema::kMaxDepth)));
  EXPECT_EQ(deepest.column(0).max_definition_level, ParquetSchema::kMaxDepth);
  EXPECT_EQ(deepest.column(0).path.size(), static_cast<size_t>(ParquetSchema::kMaxDepth));
  ASSERT_STATUS(kCorruption, "is nested deeper than 512 levels",
                ParquetSchema::Make(nested(ParquetSchema::kMaxDepth + 1)));
  ASSERT_STATUS(kCorruption, "is nested deeper than", ParquetSchema::Make(nested(100000)));
}

TEST(ParquetSchemaTest, WideSchemaIsLinear) {
  std::vector<pq::SchemaElement> elements = {RootElement("schema", 100000)};
  for (int i = 0; i < 100000; ++i) {
    elements.push_back(LeafElement("c" + std::to_string(i), pq::Type::INT32, Rep::OPTIONAL));
  }
  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  EXPECT_EQ(schema.num_columns(), 100000);
  EXPECT_EQ(schema.column(99999).dotted_path, "c99999");
}

TEST(ParquetSchemaTest, MalformedTreesAreCorrupt) {
  ASSERT_STATUS(kCorruption, "invalid schema: it has no elements",
                ParquetSchema::Make(std::vector<pq::SchemaElement>{}));

  std::vector<pq::SchemaElement> overrun = {RootElement("schema", 2),
                                            LeafElement("a", pq::Type::INT32, Rep::REQUIRED)};
  ASSERT_STATUS(kCorruption, "the root 'schema' claims 2 children but only 1 elements follow it",
                ParquetSchema::Make(overrun));

  std::vector<pq::SchemaElement> group_overrun = {RootElement("schema", 1),
                                                  GroupElement("g", 3, Rep::OPTIONAL),
                                                  LeafElement("a", pq::Type::INT32, Rep::REQUIRED)};
  ASSERT_STATUS(kCorruption, "node 'g' claims 3 children but only 1 elements follow it",
                ParquetSchema::Make(group_overrun));

  // Counts that fit the list one by one but not together.
  std::vector<pq::SchemaElement> missing = {RootElement("schema", 2),
                                            GroupElement("g", 2, Rep::OPTIONAL),
                                            LeafElement("a", pq::Type::INT32, Rep::REQUIRED),
                                            LeafElement("b", pq::Type::INT32, Rep::REQUIRED)};
  ASSERT_STATUS(kCorruption, "the root 'schema' is missing 1 of its children",
                ParquetSchema::Make(missing));

  std::vector<pq::SchemaElement> negative = {RootElement("schema", 1),
                                             GroupElement("g", -1, Rep::OPTIONAL)};
  ASSERT_STATUS(kCorruption, "node 'g' has a negative child count -1",
                ParquetSchema::Make(negative));

  std::vector<pq::SchemaElement> trailing = {RootElement("schema", 1),
                                             LeafElement("a", pq::Type::INT32, Rep::REQUIRED),
                                             LeafElement("b", pq::Type::INT32, Rep::REQUIRED)};
  ASSERT_STATUS(kCorruption, "the tree ends after 2 elements but the footer lists 3",
                ParquetSchema::Make(trailing));

  std::vector<pq::SchemaElement> repeated_root = {RootElement("schema", 1),
                                                  LeafElement("a", pq::Type::INT32, Rep::REQUIRED)};
  repeated_root[0].__set_repetition_type(Rep::REPEATED);
  ASSERT_STATUS(kCorruption, "the root 'schema' is REPEATED", ParquetSchema::Make(repeated_root));

  std::vector<pq::SchemaElement> flba = {
      RootElement("schema", 1), LeafElement("f", pq::Type::FIXED_LEN_BYTE_ARRAY, Rep::REQUIRED)};
  ASSERT_STATUS(kCorruption, "node 'f' is FIXED_LEN_BYTE_ARRAY without a positive type_length",
                ParquetSchema::Make(flba));
  flba[1].__set_type_length(-3);
  ASSERT_STATUS(kCorruption, "without a positive type_length", ParquetSchema::Make(flba));

  std::vector<pq::SchemaElement> decimal = {RootElement("schema", 1),
                                            LeafElement("d", pq::Type::INT32, Rep::REQUIRED)};
  decimal[1].__set_converted_type(pq::ConvertedType::DECIMAL);
  ASSERT_STATUS(kCorruption, "node 'd': DECIMAL precision 0 is not positive",
                ParquetSchema::Make(decimal));
  decimal[1].__set_precision(5);
  decimal[1].__set_scale(6);
  ASSERT_STATUS(kCorruption, "DECIMAL scale 6 is outside [0, precision 5]",
                ParquetSchema::Make(decimal));
}

TEST(ParquetSchemaTest, UnknownEnumValuesAreCorrupt) {
  std::vector<pq::SchemaElement> elements = {RootElement("schema", 1),
                                             GroupElement("g", 1, Rep::OPTIONAL),
                                             LeafElement("a", pq::Type::INT32, Rep::REQUIRED)};
  {
    auto bad = elements;
    SetRawEnum(bad[2].type, 42);
    ASSERT_STATUS(kCorruption, "invalid schema: node 'g.a' has unknown physical type 42",
                  ParquetSchema::Make(bad));
  }
  {
    auto bad = elements;
    SetRawEnum(bad[1].repetition_type, -1);
    ASSERT_STATUS(kCorruption, "node 'g' has unknown repetition type -1", ParquetSchema::Make(bad));
  }
  {
    auto bad = elements;
    bad[0].__set_repetition_type(Rep::REQUIRED);
    SetRawEnum(bad[0].repetition_type, 3);
    ASSERT_STATUS(kCorruption, "the root 'schema' has unknown repetition type 3",
                  ParquetSchema::Make(bad));
  }
  {
    // A group that (wrongly) also carries a type: the type must still be known.
    auto bad = elements;
    bad[1].__set_type(pq::Type::INT32);
    SetRawEnum(bad[1].type, 8);
    ASSERT_STATUS(kCorruption, "node 'g' has unknown physical type 8", ParquetSchema::Make(bad));
  }
  {
    auto bad = elements;
    pq::GeographyType geography;
    geography.__set_algorithm(pq::EdgeInterpolationAlgorithm::KARNEY);
    pq::LogicalType logical;
    logical.__set_GEOGRAPHY(geography);
    bad[2].__set_type(pq::Type::BYTE_ARRAY);
    bad[2].__set_logicalType(logical);
    ASSERT_OK(ParquetSchema::Make(bad));
    SetRawEnum(bad[2].logicalType.GEOGRAPHY.algorithm, 99);
    ASSERT_STATUS(kNotSupported, "unknown edge interpolation algorithm 99",
                  ParquetSchema::Make(bad));
  }
}

// Deviations of real writers that other readers accept.
TEST(ParquetSchemaTest, LenientWhereWritersDeviate) {
  // hyparquet's strings.parquet has leaves without a repetition type.
  std::vector<pq::SchemaElement> elements = {RootElement("schema", 2),
                                             LeafElement("a", pq::Type::BYTE_ARRAY, Rep::OPTIONAL),
                                             LeafElement("b", pq::Type::INT32, Rep::OPTIONAL)};
  elements[1].__isset.repetition_type = false;
  // Old writers stored converted type 24 ("NULL"), unknown to the specification.
  elements[2].__set_converted_type(pq::ConvertedType::UTF8);
  SetRawEnum(elements[2].converted_type, 24);
  ASSERT_OK_AND_ASSIGN(auto schema, ParquetSchema::Make(elements));
  EXPECT_EQ(schema.node(1).repetition, Repetition::kRequired);
  EXPECT_EQ(schema.column(0).max_definition_level, 0);
  EXPECT_FALSE(schema.node(2).converted_type.has_value());
  EXPECT_EQ(schema.column(1).max_definition_level, 1);
  elements[2].converted_type = pq::ConvertedType::UTF8;  // let the vector be destroyed/copied
}

TEST(ParquetSchemaTest, TypeNames) {
  EXPECT_EQ(PhysicalTypeName(PhysicalType::kFixedLenByteArray), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(RepetitionName(Repetition::kOptional), "OPTIONAL");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::kTimestampMicros), "TIMESTAMP_MICROS");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::kInterval), "INTERVAL");
}

}  // namespace
}  // namespace floe::parquet
