#include "vector/logical_type.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe {
namespace {

StructField Field(std::string name, LogicalType type, std::optional<int32_t> id = std::nullopt) {
  return StructField{std::move(name), std::move(type), id};
}

TEST(LogicalTypeTest, PrimitiveNamesFollowIceberg) {
  EXPECT_EQ(LogicalType::Boolean().ToString(), "boolean");
  EXPECT_EQ(LogicalType::Int8().ToString(), "tinyint");
  EXPECT_EQ(LogicalType::Int16().ToString(), "smallint");
  EXPECT_EQ(LogicalType::Int32().ToString(), "int");
  EXPECT_EQ(LogicalType::Int64().ToString(), "long");
  EXPECT_EQ(LogicalType::Float().ToString(), "float");
  EXPECT_EQ(LogicalType::Double().ToString(), "double");
  EXPECT_EQ(LogicalType::Date().ToString(), "date");
  EXPECT_EQ(LogicalType::Time().ToString(), "time");
  EXPECT_EQ(LogicalType::Timestamp().ToString(), "timestamp");
  EXPECT_EQ(LogicalType::TimestampTz().ToString(), "timestamptz");
  EXPECT_EQ(LogicalType::TimestampNs().ToString(), "timestamp_ns");
  EXPECT_EQ(LogicalType::TimestampTzNs().ToString(), "timestamptz_ns");
  EXPECT_EQ(LogicalType::String().ToString(), "string");
  EXPECT_EQ(LogicalType::Binary().ToString(), "binary");
  EXPECT_EQ(LogicalType::Uuid().ToString(), "uuid");
  ASSERT_OK_AND_ASSIGN(auto decimal, LogicalType::Decimal(10, 2));
  EXPECT_EQ(decimal.ToString(), "decimal(10,2)");
  EXPECT_EQ(decimal.precision(), 10);
  EXPECT_EQ(decimal.scale(), 2);
  ASSERT_OK_AND_ASSIGN(auto fixed, LogicalType::Fixed(16));
  EXPECT_EQ(fixed.ToString(), "fixed[16]");
  EXPECT_EQ(fixed.fixed_length(), 16);
}

TEST(LogicalTypeTest, NestedToString) {
  ASSERT_OK_AND_ASSIGN(auto ab, LogicalType::Struct({Field("a", LogicalType::Int32()),
                                                     Field("b", LogicalType::String())}));
  EXPECT_EQ(ab.ToString(), "struct<a: int, b: string>");
  EXPECT_EQ(LogicalType::List(LogicalType::Int32()).ToString(), "list<int>");
  EXPECT_EQ(LogicalType::Map(LogicalType::String(), LogicalType::Int32()).ToString(),
            "map<string, int>");
  ASSERT_OK_AND_ASSIGN(auto inner,
                       LogicalType::Struct({Field("a", LogicalType::Int32()),
                                            Field("b", LogicalType::List(LogicalType::String()))}));
  EXPECT_EQ(LogicalType::List(inner).ToString(), "list<struct<a: int, b: list<string>>>");
  ASSERT_OK_AND_ASSIGN(auto empty, LogicalType::Struct({}));
  EXPECT_EQ(empty.ToString(), "struct<>");
  auto map = LogicalType::Map(LogicalType::String(), LogicalType::List(LogicalType::Int64()));
  EXPECT_EQ(map.MapEntryType().ToString(), "struct<key: string, value: list<long>>");
  EXPECT_EQ(map.children()[1].name, "value");
}

TEST(LogicalTypeTest, InvalidFactoryArgumentsFail) {
  ASSERT_STATUS(kInvalidArgument, "precision", LogicalType::Decimal(0, 0));
  ASSERT_STATUS(kInvalidArgument, "decimal(39,0)", LogicalType::Decimal(39, 0));
  ASSERT_STATUS(kInvalidArgument, "scale", LogicalType::Decimal(10, 11));
  ASSERT_STATUS(kInvalidArgument, "scale", LogicalType::Decimal(10, -1));
  EXPECT_OK(LogicalType::Decimal(38, 38));
  EXPECT_OK(LogicalType::Decimal(1, 0));
  ASSERT_STATUS(kInvalidArgument, "fixed[0]", LogicalType::Fixed(0));
  ASSERT_STATUS(kInvalidArgument, "length", LogicalType::Fixed(-3));
  ASSERT_STATUS(kInvalidArgument, "length", LogicalType::Fixed(LogicalType::kMaxFixedLength + 1));
  EXPECT_OK(LogicalType::Fixed(LogicalType::kMaxFixedLength));
  ASSERT_STATUS(
      kInvalidArgument, "duplicate field name 'a'",
      LogicalType::Struct({Field("a", LogicalType::Int32()), Field("a", LogicalType::Int64())}));
  ASSERT_STATUS(kInvalidArgument, "empty name",
                LogicalType::Struct({Field("", LogicalType::Int32())}));
  ASSERT_STATUS(kInvalidArgument, "field id 7",
                LogicalType::Struct(
                    {Field("a", LogicalType::Int32(), 7), Field("b", LogicalType::Int32(), 7)}));
}

TEST(LogicalTypeTest, EqualityIsStructural) {
  ASSERT_OK_AND_ASSIGN(auto d102, LogicalType::Decimal(10, 2));
  ASSERT_OK_AND_ASSIGN(auto d102b, LogicalType::Decimal(10, 2));
  ASSERT_OK_AND_ASSIGN(auto d103, LogicalType::Decimal(10, 3));
  EXPECT_EQ(d102, d102b);
  EXPECT_NE(d102, d103);
  EXPECT_NE(LogicalType::Int32(), LogicalType::Date());  // same storage, different type
  EXPECT_NE(LogicalType::Timestamp(), LogicalType::TimestampTz());
  ASSERT_OK_AND_ASSIGN(auto f4, LogicalType::Fixed(4));
  ASSERT_OK_AND_ASSIGN(auto f5, LogicalType::Fixed(5));
  EXPECT_NE(f4, f5);
  EXPECT_EQ(LogicalType::List(LogicalType::Int32()), LogicalType::List(LogicalType::Int32()));
  EXPECT_NE(LogicalType::List(LogicalType::Int32()), LogicalType::List(LogicalType::Int64()));
  EXPECT_NE(LogicalType::List(LogicalType::Int32(), 1), LogicalType::List(LogicalType::Int32(), 2));
  ASSERT_OK_AND_ASSIGN(auto s1, LogicalType::Struct({Field("a", LogicalType::Int32(), 1)}));
  ASSERT_OK_AND_ASSIGN(auto s2, LogicalType::Struct({Field("a", LogicalType::Int32(), 1)}));
  ASSERT_OK_AND_ASSIGN(auto s3, LogicalType::Struct({Field("b", LogicalType::Int32(), 1)}));
  ASSERT_OK_AND_ASSIGN(auto s4, LogicalType::Struct({Field("a", LogicalType::Int32(), 2)}));
  EXPECT_EQ(s1, s2);
  EXPECT_NE(s1, s3);
  EXPECT_NE(s1, s4);
  LogicalType copy = s1;  // copies share their children
  EXPECT_EQ(&copy.children(), &s1.children());
  EXPECT_NE(LogicalType::Map(LogicalType::String(), LogicalType::Int32()),
            LogicalType::Map(LogicalType::Int32(), LogicalType::String()));
}

TEST(LogicalTypeTest, PhysicalStorage) {
  struct Case {
    LogicalType type;
    PhysicalType physical;
    int64_t width;
  };
  std::vector<Case> cases = {
      {LogicalType::Boolean(), PhysicalType::kBool, 1},
      {LogicalType::Int8(), PhysicalType::kInt8, 1},
      {LogicalType::Int16(), PhysicalType::kInt16, 2},
      {LogicalType::Int32(), PhysicalType::kInt32, 4},
      {LogicalType::Date(), PhysicalType::kInt32, 4},
      {LogicalType::Int64(), PhysicalType::kInt64, 8},
      {LogicalType::Time(), PhysicalType::kInt64, 8},
      {LogicalType::TimestampTzNs(), PhysicalType::kInt64, 8},
      {LogicalType::Float(), PhysicalType::kFloat, 4},
      {LogicalType::Double(), PhysicalType::kDouble, 8},
      {LogicalType::Decimal(18, 4).value(), PhysicalType::kInt64, 8},
      {LogicalType::Decimal(19, 4).value(), PhysicalType::kInt128, 16},
      {LogicalType::String(), PhysicalType::kString, 16},
      {LogicalType::Binary(), PhysicalType::kString, 16},
      {LogicalType::Fixed(3).value(), PhysicalType::kFixedBytes, 3},
      {LogicalType::Uuid(), PhysicalType::kFixedBytes, 16},
      {LogicalType::Struct({}).value(), PhysicalType::kStruct, 0},
      {LogicalType::List(LogicalType::Int8()), PhysicalType::kList, 8},
      {LogicalType::Map(LogicalType::Int8(), LogicalType::Int8()), PhysicalType::kList, 8},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.type.physical_type(), c.physical) << c.type.ToString();
    EXPECT_EQ(c.type.byte_width(), c.width) << c.type.ToString();
  }
  EXPECT_TRUE(LogicalType::List(LogicalType::Int8()).IsNested());
  EXPECT_FALSE(LogicalType::Uuid().IsNested());
}

}  // namespace
}  // namespace floe
