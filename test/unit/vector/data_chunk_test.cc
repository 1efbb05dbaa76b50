#include "vector/data_chunk.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe {
namespace {

TEST(DataChunkTest, FullBatchOfRows) {
  ASSERT_OK_AND_ASSIGN(
      DataChunk chunk,
      DataChunk::Make({LogicalType::Int64(), LogicalType::String(), LogicalType::Date()},
                      {"id", "name", "day"}));
  EXPECT_EQ(chunk.capacity(), kDefaultBatchSize);
  EXPECT_EQ(chunk.size(), 0);
  EXPECT_EQ(chunk.column_count(), 3u);
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_OK(chunk.AppendRow({Value::Int64(i), Value::String("name " + std::to_string(i)),
                               i % 2 ? Value::Null(LogicalType::Date()) : Value::Date(i)}));
  }
  EXPECT_EQ(chunk.size(), kDefaultBatchSize);
  ASSERT_STATUS(kInvalidArgument, "full at 2048",
                chunk.AppendRow({Value::Int64(0), Value::String(""), Value::Date(0)}));
  EXPECT_EQ(chunk.GetValue(0, 2047), Value::Int64(2047));
  EXPECT_EQ(chunk.GetValue(1, 1000), Value::String("name 1000"));
  EXPECT_TRUE(chunk.GetValue(2, 1001).is_null());
  EXPECT_EQ(chunk.column(0).GetData<int64_t>()[42], 42);
  EXPECT_EQ(chunk.column(2).validity().CountValid(kDefaultBatchSize), 1024);

  chunk.Reset();
  EXPECT_EQ(chunk.size(), 0);
  EXPECT_TRUE(chunk.column(2).validity().AllValid());
  EXPECT_EQ(chunk.column(1).string_heap().used_bytes(), 0);
}

TEST(DataChunkTest, InvalidInputsFail) {
  ASSERT_STATUS(kInvalidArgument, "1 names for 2 columns",
                DataChunk::Make({LogicalType::Int32(), LogicalType::Int32()}, {"a"}));
  ASSERT_STATUS(kInvalidArgument, "capacity", DataChunk::Make({LogicalType::Int32()}, {}, -5));
  ASSERT_OK_AND_ASSIGN(DataChunk chunk, DataChunk::Make({LogicalType::Int32()}, {}, 4));
  ASSERT_STATUS(kInvalidArgument, "size 5", chunk.SetSize(5));
  ASSERT_STATUS(kInvalidArgument, "size -1", chunk.SetSize(-1));
  ASSERT_STATUS(kInvalidArgument, "2 values for 1 columns",
                chunk.AppendRow({Value::Int32(1), Value::Int32(2)}));
  ASSERT_STATUS(kInvalidArgument, "column 0: vector of int: cannot store a string value",
                chunk.AppendRow({Value::String("x")}));
  EXPECT_EQ(chunk.size(), 0);
}

TEST(DataChunkTest, ConstantPartitionColumnAndToString) {
  ASSERT_OK_AND_ASSIGN(
      DataChunk chunk,
      DataChunk::Make({LogicalType::Int32(), LogicalType::String()}, {"x", "region"}, 8));
  ASSERT_OK(chunk.AppendRow({Value::Int32(1), Value::Null(LogicalType::String())}));
  ASSERT_OK(chunk.AppendRow({Value::Int32(2), Value::Null(LogicalType::String())}));
  ASSERT_OK_AND_ASSIGN(Vector region, Vector::MakeConstant(Value::String("eu")));
  ASSERT_OK(chunk.SetColumn(1, std::move(region)));
  EXPECT_EQ(chunk.column(1).kind(), VectorKind::kConstant);
  ASSERT_OK_AND_ASSIGN(Vector wrong, Vector::MakeConstant(Value::Int32(1)));
  ASSERT_STATUS(kInvalidArgument, "column 1 is string, not int",
                chunk.SetColumn(1, std::move(wrong)));
  ASSERT_OK_AND_ASSIGN(Vector short_column, Vector::Make(LogicalType::Int32(), 1));
  ASSERT_STATUS(kInvalidArgument, "holds 1 of 2 rows", chunk.SetColumn(0, std::move(short_column)));
  ASSERT_OK(chunk.SetSize(8));  // a constant column covers any size
  ASSERT_OK(chunk.SetSize(2));
  EXPECT_EQ(chunk.ToString(), "x: int, region: string\n(1, 'eu')\n(2, 'eu')");

  ASSERT_OK(chunk.Flatten());
  EXPECT_EQ(chunk.column(1).kind(), VectorKind::kFlat);
  EXPECT_EQ(chunk.GetValue(1, 1), Value::String("eu"));
  EXPECT_EQ(chunk.types()[1], LogicalType::String());
  EXPECT_EQ(chunk.names()[1], "region");
}

}  // namespace
}  // namespace floe
