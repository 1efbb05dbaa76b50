#include "vector/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "util/test_macros.h"

namespace floe {
namespace {

TEST(ValueTest, PrimitiveToString) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "true");
  EXPECT_EQ(Value::Int8(-128).ToString(), "-128");
  EXPECT_EQ(Value::Int16(32767).ToString(), "32767");
  EXPECT_EQ(Value::Int32(-7).ToString(), "-7");
  EXPECT_EQ(Value::Int64(std::numeric_limits<int64_t>::min()).ToString(), "-9223372036854775808");
  EXPECT_EQ(Value::Float(1.5f).ToString(), "1.5");
  EXPECT_EQ(Value::Double(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::String("it's").ToString(), "it's");
  EXPECT_EQ(Value::Binary(std::string("\x00\xff\x10", 3)).ToString(), "X'00ff10'");
  ASSERT_OK_AND_ASSIGN(Value fixed, Value::Fixed("AB"));
  EXPECT_EQ(fixed.type().ToString(), "fixed[2]");
  EXPECT_EQ(fixed.ToString(), "X'4142'");
  const std::string uuid_bytes("\x55\x0e\x84\x00\xe2\x9b\x41\xd4\xa7\x16\x44\x66\x55\x44\x00\x00",
                               16);
  ASSERT_OK_AND_ASSIGN(Value uuid, Value::Uuid(uuid_bytes));
  EXPECT_EQ(uuid.ToString(), "550e8400-e29b-41d4-a716-446655440000");
  EXPECT_EQ(Value::Null(LogicalType::Int32()).ToString(), "NULL");
}

TEST(ValueTest, DecimalToStringAndLimits) {
  ASSERT_OK_AND_ASSIGN(Value a, Value::Decimal(12345, 10, 2));
  EXPECT_EQ(a.ToString(), "123.45");
  EXPECT_EQ(a.type().ToString(), "decimal(10,2)");
  ASSERT_OK_AND_ASSIGN(Value b, Value::Decimal(-5, 10, 2));
  EXPECT_EQ(b.ToString(), "-0.05");
  ASSERT_OK_AND_ASSIGN(Value c, Value::Decimal(0, 5, 0));
  EXPECT_EQ(c.ToString(), "0");
  ASSERT_OK_AND_ASSIGN(Value d, Value::Decimal(99999, 5, 5));
  EXPECT_EQ(d.ToString(), "0.99999");

  const int128_t max38 = Pow10Int128(38) - 1;
  ASSERT_OK_AND_ASSIGN(Value big, Value::Decimal(max38, 38, 0));
  EXPECT_EQ(big.ToString(), "99999999999999999999999999999999999999");
  ASSERT_OK_AND_ASSIGN(Value small, Value::Decimal(-max38, 38, 38));
  EXPECT_EQ(small.ToString(), "-0.99999999999999999999999999999999999999");
  EXPECT_EQ(small.GetDecimal(), -max38);

  ASSERT_STATUS(kInvalidArgument, "more than 38 digits", Value::Decimal(max38 + 1, 38, 0));
  ASSERT_STATUS(kInvalidArgument, "more than 5 digits", Value::Decimal(100000, 5, 2));
  ASSERT_STATUS(kInvalidArgument, "-100000", Value::Decimal(-100000, 5, 2));
  ASSERT_STATUS(kInvalidArgument, "precision", Value::Decimal(1, 40, 2));
}

TEST(ValueTest, TemporalToString) {
  EXPECT_EQ(Value::Date(0).ToString(), "1970-01-01");
  EXPECT_EQ(Value::Date(-1).ToString(), "1969-12-31");
  EXPECT_EQ(Value::Date(19737).ToString(), "2024-01-15");
  EXPECT_EQ(Value::Date(11016).ToString(), "2000-02-29");
  EXPECT_EQ(Value::Date(-719162).ToString(), "0001-01-01");
  EXPECT_EQ(Value::Date(2932896).ToString(), "9999-12-31");
  EXPECT_EQ(Value::Time(0).ToString(), "00:00:00");
  EXPECT_EQ(Value::Time(45296000001).ToString(), "12:34:56.000001");
  EXPECT_EQ(Value::Timestamp(1705322096123456).ToString(), "2024-01-15 12:34:56.123456");
  EXPECT_EQ(Value::TimestampTz(1705322096000000).ToString(), "2024-01-15 12:34:56+00");
  EXPECT_EQ(Value::Timestamp(-1).ToString(), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(Value::TimestampNs(1705322096000000001).ToString(), "2024-01-15 12:34:56.000000001");
  EXPECT_EQ(Value::TimestampTzNs(-1).ToString(), "1969-12-31 23:59:59.999999999+00");
}

TEST(ValueTest, NestedValuesAndToString) {
  ASSERT_OK_AND_ASSIGN(auto ab, LogicalType::Struct({{"a", LogicalType::Int32(), 1},
                                                     {"b", LogicalType::String(), 2}}));
  ASSERT_OK_AND_ASSIGN(Value s, Value::Struct(ab, {Value::Int32(1), Value::String("it's")}));
  EXPECT_EQ(s.ToString(), "{a: 1, b: 'it''s'}");
  EXPECT_EQ(s.children()[1].GetString(), "it's");

  const auto list_type = LogicalType::List(LogicalType::Int32());
  ASSERT_OK_AND_ASSIGN(
      Value list, Value::List(list_type, {Value::Int32(1), Value::Null(LogicalType::Int32())}));
  EXPECT_EQ(list.ToString(), "[1, NULL]");
  ASSERT_OK_AND_ASSIGN(Value empty, Value::List(list_type, {}));
  EXPECT_EQ(empty.ToString(), "[]");
  EXPECT_NE(empty, Value::Null(list_type));

  const auto map_type = LogicalType::Map(LogicalType::String(), LogicalType::Int64());
  ASSERT_OK_AND_ASSIGN(
      Value map, Value::Map(map_type, {{Value::String("x"), Value::Int64(1)},
                                       {Value::String("y"), Value::Null(LogicalType::Int64())}}));
  EXPECT_EQ(map.ToString(), "{'x'=1, 'y'=NULL}");
  ASSERT_EQ(map.children().size(), 2u);
  EXPECT_EQ(map.children()[0].type(), map_type.MapEntryType());
  EXPECT_EQ(map.children()[1].children()[0], Value::String("y"));

  ASSERT_OK_AND_ASSIGN(Value nested, Value::List(LogicalType::List(ab), {s, Value::Null(ab)}));
  EXPECT_EQ(nested.ToString(), "[{a: 1, b: 'it''s'}, NULL]");
}

TEST(ValueTest, NestedFactoriesCheckTypes) {
  ASSERT_OK_AND_ASSIGN(auto ab, LogicalType::Struct({{"a", LogicalType::Int32(), std::nullopt},
                                                     {"b", LogicalType::String(), std::nullopt}}));
  ASSERT_STATUS(kInvalidArgument, "has 2 fields, got 1", Value::Struct(ab, {Value::Int32(1)}));
  ASSERT_STATUS(kInvalidArgument, "field 'b' is string",
                Value::Struct(ab, {Value::Int32(1), Value::Int32(2)}));
  ASSERT_STATUS(kInvalidArgument, "not a struct", Value::Struct(LogicalType::Int32(), {}));
  ASSERT_STATUS(
      kInvalidArgument, "element 1",
      Value::List(LogicalType::List(LogicalType::Int32()), {Value::Int32(1), Value::Int64(2)}));
  ASSERT_STATUS(kInvalidArgument, "not a list", Value::List(ab, {}));
  ASSERT_STATUS(kInvalidArgument, "key of entry 0 is NULL",
                Value::Map(LogicalType::Map(LogicalType::Int32(), LogicalType::Int32()),
                           {{Value::Null(LogicalType::Int32()), Value::Int32(1)}}));
  ASSERT_STATUS(kInvalidArgument, "field 'key'",
                Value::Map(LogicalType::Map(LogicalType::Int32(), LogicalType::Int32()),
                           {{Value::Int64(1), Value::Int32(1)}}));
  ASSERT_STATUS(kInvalidArgument, "expected 16 bytes, got 3", Value::Uuid("abc"));
  ASSERT_STATUS(kInvalidArgument, "fixed[0]", Value::Fixed(""));
}

TEST(ValueTest, Equality) {
  EXPECT_EQ(Value::Int32(1), Value::Int32(1));
  EXPECT_NE(Value::Int32(1), Value::Int32(2));
  EXPECT_NE(Value::Int32(1), Value::Int64(1));  // the type is part of the value
  EXPECT_NE(Value::Int32(0), Value::Null(LogicalType::Int32()));
  EXPECT_EQ(Value::Null(LogicalType::Int32()), Value::Null(LogicalType::Int32()));
  EXPECT_NE(Value::Null(LogicalType::Int32()), Value::Null(LogicalType::Date()));
  EXPECT_EQ(Value::Double(std::nan("")), Value::Double(std::nan("")));
  EXPECT_NE(Value::Double(1.0), Value::Double(std::nan("")));
  EXPECT_NE(Value::String("a"), Value::Binary("a"));
  EXPECT_EQ(Value::String(std::string(100, 'x')), Value::String(std::string(100, 'x')));
  ASSERT_OK_AND_ASSIGN(Value d1, Value::Decimal(100, 10, 2));
  ASSERT_OK_AND_ASSIGN(Value d2, Value::Decimal(100, 10, 1));
  EXPECT_NE(d1, d2);
}

TEST(ValueDeathTest, MismatchedAccessorIsABug) {
  EXPECT_DEATH((void)Value::Int32(1).GetString(), "does not match");
  EXPECT_DEATH((void)Value::Null(LogicalType::Int32()).GetInt64(), "NULL");
}

}  // namespace
}  // namespace floe

namespace floe {
namespace {

// Found by fuzzing: formatting the smallest nanosecond timestamps overflowed.
TEST(ValueFormatTest, ExtremeTimestampsFormatWithoutOverflow) {
  EXPECT_EQ(Value::TimestampNs(INT64_MIN).ToString(), "1677-09-21 00:12:43.145224192");
  EXPECT_EQ(Value::TimestampNs(INT64_MAX).ToString(), "2262-04-11 23:47:16.854775807");
  EXPECT_EQ(Value::Timestamp(-1).ToString(), "1969-12-31 23:59:59.999999");
}

}  // namespace
}  // namespace floe
