#include "util/canonical_value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace floe::test {
namespace {

TEST(CanonicalValueTest, Doubles) {
  EXPECT_EQ(CanonicalDouble(1.0), "1.0");
  EXPECT_EQ(CanonicalDouble(-2.5), "-2.5");
  EXPECT_EQ(CanonicalDouble(0.1), "0.1");
  EXPECT_EQ(CanonicalDouble(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(CanonicalDouble(123456789.123), "123456789.123");
  EXPECT_EQ(CanonicalDouble(1e-4), "0.0001");
  EXPECT_EQ(CanonicalDouble(1e-5), "1e-05");
  EXPECT_EQ(CanonicalDouble(1.5e-7), "1.5e-07");
  EXPECT_EQ(CanonicalDouble(1e15), "1000000000000000.0");
  EXPECT_EQ(CanonicalDouble(1e16), "1e+16");
  EXPECT_EQ(CanonicalDouble(1.5e16), "1.5e+16");
  EXPECT_EQ(CanonicalDouble(1e20), "1e+20");
  EXPECT_EQ(CanonicalDouble(1e300), "1e+300");
  EXPECT_EQ(CanonicalDouble(5e-324), "5e-324");
  EXPECT_EQ(CanonicalDouble(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(CanonicalDouble(0.0), "0.0");
  EXPECT_EQ(CanonicalDouble(-0.0), "-0.0");
  EXPECT_EQ(CanonicalDouble(std::nan("")), "nan");
  EXPECT_EQ(CanonicalDouble(-std::nan("")), "nan");
  EXPECT_EQ(CanonicalDouble(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(CanonicalDouble(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(CanonicalValueTest, FloatsUseTheirOwnShortestDigits) {
  EXPECT_EQ(CanonicalFloat(0.1f), "0.1");
  EXPECT_EQ(CanonicalFloat(16777217.0f), "16777216.0");
  EXPECT_EQ(CanonicalFloat(1e16f), "1e+16");
  EXPECT_EQ(CanonicalFloat(3.4028235e38f), "3.4028235e+38");
  EXPECT_EQ(CanonicalFloat(-0.0f), "-0.0");
}

TEST(CanonicalValueTest, IntegersAndDecimals) {
  EXPECT_EQ(CanonicalBool(true), "true");
  EXPECT_EQ(CanonicalBool(false), "false");
  EXPECT_EQ(CanonicalInteger(-42), "-42");
  EXPECT_EQ(CanonicalInteger(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(CanonicalInteger(static_cast<int128_t>(uint128_t{1} << 127)),
            "-170141183460469231731687303715884105728");
  EXPECT_EQ(CanonicalUnsigned(~uint128_t{0}), "340282366920938463463374607431768211455");
  EXPECT_EQ(CanonicalDecimal(150, 2), "1.50");
  EXPECT_EQ(CanonicalDecimal(-5, 2), "-0.05");
  EXPECT_EQ(CanonicalDecimal(0, 3), "0.000");
  EXPECT_EQ(CanonicalDecimal(12, 0), "12");
  EXPECT_EQ(CanonicalDecimal(-123456, 3), "-123.456");
}

TEST(CanonicalValueTest, DatesAndTimes) {
  EXPECT_EQ(CanonicalDate(0), "1970-01-01");
  EXPECT_EQ(CanonicalDate(19782), "2024-02-29");
  EXPECT_EQ(CanonicalDate(-1), "1969-12-31");
  EXPECT_EQ(CanonicalDate(-719162), "0001-01-01");
  EXPECT_EQ(CanonicalDate(-719163), "0001-12-31 (BC)");
  EXPECT_EQ(CanonicalDate(2932897), "10000-01-01");
  EXPECT_EQ(CanonicalDate(std::numeric_limits<int32_t>::max()), "infinity");
  EXPECT_EQ(CanonicalDate(-std::numeric_limits<int32_t>::max()), "-infinity");
  EXPECT_EQ(CanonicalTime(0), "00:00:00");
  EXPECT_EQ(CanonicalTime(86399999999), "23:59:59.999999");
  EXPECT_EQ(CanonicalTime(3723500000), "01:02:03.5");
  EXPECT_EQ(CanonicalTimestamp(0), "1970-01-01 00:00:00");
  EXPECT_EQ(CanonicalTimestamp(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(CanonicalTimestamp(1704164645120000), "2024-01-02 03:04:05.12");
  EXPECT_EQ(CanonicalTimestamp(-62135596800000000 - 1), "0001-12-31 (BC) 23:59:59.999999");
  EXPECT_EQ(CanonicalTimestamp(std::numeric_limits<int64_t>::max()), "infinity");
  EXPECT_EQ(CanonicalTimestampTz(1704164645000000), "2024-01-02 03:04:05+00");
  EXPECT_EQ(CanonicalTimestampTz(-std::numeric_limits<int64_t>::max()), "-infinity");
}

TEST(CanonicalValueTest, Blobs) {
  EXPECT_EQ(CanonicalBlob(std::string("a b~", 4)), "a b~");
  EXPECT_EQ(CanonicalBlob(std::string("\x00\x1f\x7f\xff\"'\\", 7)),
            "\\x00\\x1F\\x7F\\xFF\\x22\\x27\\x5C");
}

TEST(CanonicalValueTest, NestedValues) {
  EXPECT_EQ(NestedElement(std::nullopt, NestedKind::kScalar), "NULL");
  EXPECT_EQ(NestedElement("abc", NestedKind::kScalar), "abc");
  EXPECT_EQ(NestedElement("x y", NestedKind::kScalar), "x y");
  EXPECT_EQ(NestedElement("", NestedKind::kScalar), "''");
  EXPECT_EQ(NestedElement("NuLl", NestedKind::kScalar), "'NuLl'");
  EXPECT_EQ(NestedElement(" a", NestedKind::kScalar), "' a'");
  EXPECT_EQ(NestedElement("a ", NestedKind::kScalar), "'a '");
  EXPECT_EQ(NestedElement(" ", NestedKind::kScalar), "' '");
  EXPECT_EQ(NestedElement("it's", NestedKind::kScalar), "'it\\'s'");
  EXPECT_EQ(NestedElement("a\\b", NestedKind::kScalar), "a\\b");
  EXPECT_EQ(NestedElement("a,\\b", NestedKind::kScalar), "'a,\\\\b'");
  EXPECT_EQ(NestedElement("[1, 2]", NestedKind::kNested), "[1, 2]");
  EXPECT_EQ(NestedElement("2024-01-01 01:02:03", NestedKind::kScalar), "'2024-01-01 01:02:03'");

  EXPECT_EQ(CanonicalList({}), "[]");
  EXPECT_EQ(CanonicalList({"1", "NULL", "''"}), "[1, NULL, '']");
  EXPECT_EQ(CanonicalStruct({{"a", "1"}, {"it's", "x"}}), "{'a': 1, 'it\\'s': x}");
  EXPECT_EQ(CanonicalMap({{"k", "1"}, {"j", "NULL"}}), "{k=1, j=NULL}");
}

}  // namespace
}  // namespace floe::test
