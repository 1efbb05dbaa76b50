#include "vector/value_compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "util/test_macros.h"

namespace floe {
namespace {

std::optional<int> Cmp(const Value& a, const Value& b) { return CompareValues(a, b); }

TEST(ValueCompareTest, Integers) {
  EXPECT_EQ(Cmp(Value::Int32(1), Value::Int32(2)), -1);
  EXPECT_EQ(Cmp(Value::Int32(2), Value::Int32(2)), 0);
  EXPECT_EQ(Cmp(Value::Int32(3), Value::Int32(2)), 1);
  EXPECT_EQ(Cmp(Value::Int8(-128), Value::Int8(127)), -1);
  EXPECT_EQ(Cmp(Value::Int64(std::numeric_limits<int64_t>::min()),
                Value::Int64(std::numeric_limits<int64_t>::max())),
            -1);
  // Types must match: coercion is the caller's business.
  EXPECT_EQ(Cmp(Value::Int32(1), Value::Int64(1)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Int32(1), Value::Double(1)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Int32(1), Value::Date(1)), std::nullopt);
}

TEST(ValueCompareTest, FloatingPoint) {
  EXPECT_EQ(Cmp(Value::Double(1.5), Value::Double(2.5)), -1);
  EXPECT_EQ(Cmp(Value::Double(-0.0), Value::Double(0.0)), 0);
  EXPECT_EQ(Cmp(Value::Float(0.0f), Value::Float(-0.0f)), 0);
  EXPECT_EQ(Cmp(Value::Double(-std::numeric_limits<double>::infinity()), Value::Double(-1e308)),
            -1);
  EXPECT_EQ(Cmp(Value::Float(std::numeric_limits<float>::infinity()), Value::Float(3e38f)), 1);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Cmp(Value::Double(nan), Value::Double(1)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Double(1), Value::Double(nan)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Double(nan), Value::Double(nan)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Float(std::nanf("")), Value::Float(0)), std::nullopt);
  EXPECT_TRUE(IsNaN(Value::Double(nan)));
  EXPECT_TRUE(IsNaN(Value::Float(-std::nanf(""))));
  EXPECT_FALSE(IsNaN(Value::Double(1)));
  EXPECT_FALSE(IsNaN(Value::Null(LogicalType::Double())));
  EXPECT_FALSE(IsNaN(Value::Int32(0)));
  EXPECT_EQ(Cmp(Value::Float(1), Value::Double(1)), std::nullopt);
}

TEST(ValueCompareTest, Decimals) {
  ASSERT_OK_AND_ASSIGN(Value a, Value::Decimal(12345, 9, 2));    // 123.45
  ASSERT_OK_AND_ASSIGN(Value b, Value::Decimal(123450, 12, 3));  // 123.450
  ASSERT_OK_AND_ASSIGN(Value c, Value::Decimal(1235, 4, 1));     // 123.5
  ASSERT_OK_AND_ASSIGN(Value d, Value::Decimal(-1, 38, 38));     // -1e-38
  EXPECT_EQ(Cmp(a, b), 0);
  EXPECT_EQ(Cmp(b, a), 0);
  EXPECT_EQ(Cmp(a, c), -1);
  EXPECT_EQ(Cmp(c, b), 1);
  EXPECT_EQ(Cmp(d, a), -1);
  EXPECT_EQ(Cmp(a, d), 1);
  // Rescaling 10^37 by 10^38 overflows int128: the sign still decides.
  ASSERT_OK_AND_ASSIGN(Value big, Value::Decimal(Pow10Int128(37), 38, 0));
  ASSERT_OK_AND_ASSIGN(Value tiny, Value::Decimal(Pow10Int128(37), 38, 38));  // 0.1
  ASSERT_OK_AND_ASSIGN(Value neg_big, Value::Decimal(-Pow10Int128(37), 38, 0));
  EXPECT_EQ(Cmp(big, tiny), 1);
  EXPECT_EQ(Cmp(tiny, big), -1);
  EXPECT_EQ(Cmp(neg_big, tiny), -1);
  EXPECT_EQ(Cmp(tiny, neg_big), 1);
  EXPECT_EQ(Cmp(a, Value::Int64(123)), std::nullopt);
}

TEST(ValueCompareTest, DatesTimesTimestamps) {
  EXPECT_EQ(Cmp(Value::Date(-1), Value::Date(0)), -1);
  EXPECT_EQ(Cmp(Value::Time(86399999999), Value::Time(0)), 1);
  EXPECT_EQ(Cmp(Value::Timestamp(5), Value::Timestamp(5)), 0);
  EXPECT_EQ(Cmp(Value::TimestampTzNs(-5), Value::TimestampTzNs(5)), -1);
  // Different units or zones are different types.
  EXPECT_EQ(Cmp(Value::Timestamp(5), Value::TimestampTz(5)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Timestamp(5), Value::TimestampNs(5000)), std::nullopt);
}

TEST(ValueCompareTest, BytesAreUnsigned) {
  EXPECT_EQ(Cmp(Value::String("abc"), Value::String("abd")), -1);
  EXPECT_EQ(Cmp(Value::String("ab"), Value::String("abc")), -1);
  EXPECT_EQ(Cmp(Value::String(""), Value::String("")), 0);
  EXPECT_EQ(Cmp(Value::String(""), Value::String("a")), -1);
  // 0xff sorts after 0x7f (signed chars would say the opposite).
  EXPECT_EQ(Cmp(Value::String("\xff"), Value::String("\x7f")), 1);
  EXPECT_EQ(Cmp(Value::String("\xc3\xa9"), Value::String("z")), 1);  // "é" > "z" in UTF-8 order
  EXPECT_EQ(Cmp(Value::Binary(std::string("\x00\x01", 2)), Value::Binary(std::string("\x00", 1))),
            1);
  ASSERT_OK_AND_ASSIGN(Value f1, Value::Fixed("\x01\x80"));
  ASSERT_OK_AND_ASSIGN(Value f2, Value::Fixed("\x01\x7f"));
  ASSERT_OK_AND_ASSIGN(Value f3, Value::Fixed(std::string("\x01\x7f\x00", 3)));
  EXPECT_EQ(Cmp(f1, f2), 1);
  EXPECT_EQ(Cmp(f2, f3), std::nullopt);  // fixed[2] vs fixed[3]
  ASSERT_OK_AND_ASSIGN(Value u1, Value::Uuid(std::string(16, '\x10')));
  ASSERT_OK_AND_ASSIGN(Value u2, Value::Uuid(std::string(15, '\x10') + "\xf0"));
  EXPECT_EQ(Cmp(u1, u2), -1);
  EXPECT_EQ(Cmp(Value::String("a"), Value::Binary("a")), std::nullopt);
}

TEST(ValueCompareTest, BooleansNullsAndNested) {
  EXPECT_EQ(Cmp(Value::Boolean(false), Value::Boolean(true)), -1);
  EXPECT_EQ(Cmp(Value::Boolean(true), Value::Boolean(true)), 0);
  EXPECT_EQ(Cmp(Value::Null(LogicalType::Int32()), Value::Int32(1)), std::nullopt);
  EXPECT_EQ(Cmp(Value::Int32(1), Value::Null(LogicalType::Int32())), std::nullopt);
  EXPECT_EQ(Cmp(Value::Null(LogicalType::Int32()), Value::Null(LogicalType::Int32())),
            std::nullopt);
  ASSERT_OK_AND_ASSIGN(Value list,
                       Value::List(LogicalType::List(LogicalType::Int32()), {Value::Int32(1)}));
  EXPECT_EQ(Cmp(list, list), std::nullopt);
}

}  // namespace
}  // namespace floe
