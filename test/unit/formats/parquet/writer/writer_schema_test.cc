// WriterSchema: the Parquet schema derived from a table's fields, and the
// validation of those fields.
#include "formats/parquet/writer/writer_schema.h"

#include <gtest/gtest.h>

#include "formats/parquet/schema.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace pf = ::floe::parquet::format;

TEST(WriterSchemaTest, DecimalByteWidths) {
  // The fewest bytes of a signed integer holding 10^p - 1.
  const int expected[39] = {0,  1,  1,  2,  2,  3,  3,  4,  4,  4,  5,  5,  6,
                            6,  6,  7,  7,  8,  8,  9,  9,  9,  10, 10, 11, 11,
                            11, 12, 12, 13, 13, 13, 14, 14, 15, 15, 16, 16, 16};
  for (int p = 1; p <= 38; ++p) EXPECT_EQ(WriterSchema::DecimalByteWidth(p), expected[p]) << p;
}

TEST(WriterSchemaTest, LevelsAndPathsOfNestedFields) {
  const LogicalType point = LogicalType::Struct({{"x", LogicalType::Int32(), 5}}).value();
  WriterField list = WriterField::FromType("l", LogicalType::List(point, 4), 3);
  list.children[0].nullable = false;
  ASSERT_OK_AND_ASSIGN(
      WriterSchema schema,
      WriterSchema::Make(
          {WriterField::FromType("id", LogicalType::Int64(), 1, false),
           WriterField::FromType("m", LogicalType::Map(LogicalType::String(),
                                                       LogicalType::List(LogicalType::Int32()))),
           list}));
  ASSERT_EQ(schema.leaves().size(), 4u);
  struct Expected {
    const char* path;
    int def;
    int rep;
    std::optional<int32_t> id;
  };
  const Expected expected[] = {{"id", 0, 0, 1},
                               {"m.key_value.key", 2, 1, std::nullopt},
                               {"m.key_value.value.list.element", 5, 2, std::nullopt},
                               {"l.list.element.x", 3, 1, 5}};
  for (size_t i = 0; i < 4; ++i) {
    const LeafColumn& leaf = schema.leaves()[i];
    EXPECT_EQ(leaf.dotted_path, expected[i].path);
    EXPECT_EQ(leaf.max_definition_level, expected[i].def) << leaf.dotted_path;
    EXPECT_EQ(leaf.max_repetition_level, expected[i].rep) << leaf.dotted_path;
    EXPECT_EQ(leaf.field_id, expected[i].id) << leaf.dotted_path;
  }
  EXPECT_EQ(schema.first_leaf(1), 1);
  EXPECT_EQ(schema.leaf_count(1), 2);
  EXPECT_EQ(schema.leaf_count(2), 1);
  // Floe's own schema reader agrees on the tree.
  ASSERT_OK_AND_ASSIGN(ParquetSchema parsed, ParquetSchema::Make(schema.elements()));
  ASSERT_EQ(parsed.num_columns(), 4);
  for (int32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(parsed.column(i).dotted_path, expected[i].path);
    EXPECT_EQ(parsed.column(i).max_definition_level, expected[i].def);
    EXPECT_EQ(parsed.column(i).max_repetition_level, expected[i].rep);
  }
}

TEST(WriterSchemaTest, AnnotationsOfPrimitiveTypes) {
  std::vector<WriterField> fields;
  fields.push_back(WriterField::FromType("i8", LogicalType::Int8()));
  fields.push_back(WriterField::FromType("t", LogicalType::Time()));
  fields.push_back(WriterField::FromType("ts", LogicalType::TimestampTz()));
  fields.push_back(WriterField::FromType("ns", LogicalType::TimestampNs()));
  fields.push_back(WriterField::FromType("u", LogicalType::Uuid()));
  fields.push_back(WriterField::FromType("d", LogicalType::Decimal(20, 3).value()));
  ASSERT_OK_AND_ASSIGN(WriterSchema schema, WriterSchema::Make(fields));
  const auto& e = schema.elements();
  EXPECT_EQ(e[1].converted_type, pf::ConvertedType::INT_8);
  EXPECT_EQ(e[1].logicalType.INTEGER.bitWidth, 8);
  EXPECT_TRUE(e[1].logicalType.INTEGER.isSigned);
  EXPECT_EQ(e[2].converted_type, pf::ConvertedType::TIME_MICROS);
  EXPECT_FALSE(e[2].logicalType.TIME.isAdjustedToUTC);
  EXPECT_TRUE(e[2].logicalType.TIME.unit.__isset.MICROS);
  EXPECT_EQ(e[3].converted_type, pf::ConvertedType::TIMESTAMP_MICROS);
  EXPECT_TRUE(e[3].logicalType.TIMESTAMP.isAdjustedToUTC);
  EXPECT_FALSE(e[4].__isset.converted_type);  // no legacy annotation for nanoseconds
  EXPECT_TRUE(e[4].logicalType.TIMESTAMP.unit.__isset.NANOS);
  EXPECT_EQ(e[5].type, pf::Type::FIXED_LEN_BYTE_ARRAY);
  EXPECT_EQ(e[5].type_length, 16);
  EXPECT_TRUE(e[5].logicalType.__isset.UUID);
  EXPECT_EQ(e[6].type_length, 9);
  EXPECT_EQ(e[6].precision, 20);
  EXPECT_EQ(e[6].scale, 3);
  EXPECT_EQ(schema.leaves()[5].order, ValueOrder::kSignedBigEndian);
  EXPECT_TRUE(schema.leaves()[5].signed_sort_order);
  EXPECT_FALSE(schema.leaves()[4].signed_sort_order);
}

TEST(WriterSchemaTest, RefusesBadFields) {
  const LogicalType point = LogicalType::Struct({{"x", LogicalType::Int32()}}).value();
  WriterField renamed = WriterField::FromType("p", point);
  renamed.children[0].name = "y";
  ASSERT_STATUS(kInvalidArgument, "child 0 is named 'y' but the struct's field is 'x'",
                WriterSchema::Make({renamed}));
  WriterField retyped = WriterField::FromType("p", point);
  retyped.children[0].type = LogicalType::Int64();
  ASSERT_STATUS(kInvalidArgument, "'p.x' is declared as long", WriterSchema::Make({retyped}));
  WriterField extra = WriterField::FromType("p", point);
  extra.children.push_back(extra.children[0]);
  ASSERT_STATUS(kInvalidArgument, "has 2 children, its type has 1", WriterSchema::Make({extra}));
  WriterField leaf_with_child = WriterField::FromType("i", LogicalType::Int32());
  leaf_with_child.children.push_back(WriterField::FromType("c", LogicalType::Int32()));
  ASSERT_STATUS(kInvalidArgument, "cannot have children", WriterSchema::Make({leaf_with_child}));
  ASSERT_STATUS(kInvalidArgument, "struct 'e' has no fields",
                WriterSchema::Make({WriterField::FromType("e", LogicalType::Struct({}).value())}));
  ASSERT_STATUS(kInvalidArgument, "empty name",
                WriterSchema::Make({WriterField::FromType("", LogicalType::Int32())}));
}

}  // namespace
}  // namespace floe::parquet
