#include "iceberg/transform.h"

#include <gtest/gtest.h>

#include <limits>

#include "iceberg/bucket_hash.h"
#include "iceberg/temporal.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using namespace std::string_literals;

Transform T(std::string_view text) { return Transform::FromString(text).value(); }
Value Apply(std::string_view transform, const Value& value) {
  return T(transform).Apply(value).value();
}
Value Dec(int128_t unscaled, int32_t p, int32_t s) {
  return Value::Decimal(unscaled, p, s).value();
}

int64_t Micros(int64_t y, int32_t mo, int32_t d, int64_t h, int64_t mi, int64_t s, int64_t us = 0) {
  return ((DaysFromCivil(y, mo, d) * 24 + h) * 3600 + mi * 60 + s) * 1000000 + us;
}

TEST(IcebergTransformTest, ParseAndPrint) {
  for (const char* text :
       {"identity", "bucket[16]", "truncate[10]", "year", "month", "day", "hour", "void"}) {
    ASSERT_OK_AND_ASSIGN(Transform transform, Transform::FromString(text));
    EXPECT_EQ(transform.ToString(), text);
    EXPECT_NE(transform.kind(), TransformKind::kUnknown) << text;
  }
  EXPECT_EQ(T("bucket[16]").param(), 16);
  EXPECT_EQ(T("truncate[3]").kind(), TransformKind::kTruncate);
  EXPECT_EQ(T("BUCKET[4]"), Transform::Bucket(4).value());
  EXPECT_EQ(T("Day"), Transform::Day());
  // Unknown transforms are kept verbatim (v3 readers must tolerate them).
  for (const char* text : {"zorder", "bucket[x]", "bucket[4, 2]", "years", "truncate[-1]"}) {
    ASSERT_OK_AND_ASSIGN(Transform transform, Transform::FromString(text));
    EXPECT_EQ(transform.kind(), TransformKind::kUnknown) << text;
    EXPECT_EQ(transform.ToString(), text);
  }
  EXPECT_FALSE(T("zorder") == T("hilbert"));
  ASSERT_STATUS(kInvalidArgument, "bucket[0]: the number of buckets must be > 0",
                Transform::FromString("bucket[0]"));
  ASSERT_STATUS(kInvalidArgument, "truncate[0]: the width must be > 0",
                Transform::FromString("truncate[0]"));
  ASSERT_STATUS(kInvalidArgument, "out of range", Transform::FromString("bucket[99999999999]"));
  ASSERT_STATUS(kInvalidArgument, "cannot be empty", Transform::FromString(""));
}

TEST(IcebergTransformTest, SourceAndResultTypes) {
  const Type dec = Type::Decimal(9, 2).value();
  const Type fixed = Type::Fixed(4).value();
  struct Row {
    const char* transform;
    std::vector<Type> accepted;
  };
  const std::vector<Type> all = {Type::Boolean(),     Type::Int(),         Type::Long(),
                                 Type::Float(),       Type::Double(),      dec,
                                 Type::Date(),        Type::Time(),        Type::Timestamp(),
                                 Type::TimestampTz(), Type::TimestampNs(), Type::TimestampTzNs(),
                                 Type::String(),      Type::Uuid(),        fixed,
                                 Type::Binary(),      Type::Variant()};
  const std::vector<Row> rows = {
      {"bucket[8]",
       {Type::Int(), Type::Long(), dec, Type::Date(), Type::Time(), Type::Timestamp(),
        Type::TimestampTz(), Type::TimestampNs(), Type::TimestampTzNs(), Type::String(),
        Type::Uuid(), fixed, Type::Binary()}},
      {"truncate[4]", {Type::Int(), Type::Long(), dec, Type::String(), Type::Binary()}},
      {"year",
       {Type::Date(), Type::Timestamp(), Type::TimestampTz(), Type::TimestampNs(),
        Type::TimestampTzNs()}},
      {"day",
       {Type::Date(), Type::Timestamp(), Type::TimestampTz(), Type::TimestampNs(),
        Type::TimestampTzNs()}},
      {"hour",
       {Type::Timestamp(), Type::TimestampTz(), Type::TimestampNs(), Type::TimestampTzNs()}},
  };
  for (const Row& row : rows) {
    for (const Type& type : all) {
      const bool expected =
          std::find(row.accepted.begin(), row.accepted.end(), type) != row.accepted.end();
      EXPECT_EQ(T(row.transform).CanTransform(type), expected)
          << row.transform << " " << type.ToString();
      if (!expected) {
        ASSERT_STATUS(kInvalidArgument,
                      fmt::format("transform {} cannot be applied to a {} column", row.transform,
                                  type.ToString()),
                      T(row.transform).ResultType(type));
      }
    }
  }
  EXPECT_FALSE(T("identity").CanTransform(Type::Variant()));
  EXPECT_FALSE(T("identity").CanTransform(Type::Geometry().value()));
  EXPECT_TRUE(T("identity").CanTransform(Type::Boolean()));
  EXPECT_TRUE(T("void").CanTransform(Type::Variant()));

  EXPECT_EQ(T("identity").ResultType(dec).value(), dec);
  EXPECT_EQ(T("bucket[8]").ResultType(Type::String()).value(), Type::Int());
  EXPECT_EQ(T("truncate[8]").ResultType(dec).value(), dec);
  EXPECT_EQ(T("year").ResultType(Type::Date()).value(), Type::Int());
  EXPECT_EQ(T("month").ResultType(Type::TimestampNs()).value(), Type::Int());
  EXPECT_EQ(T("day").ResultType(Type::Timestamp()).value(), Type::Date());
  EXPECT_EQ(T("hour").ResultType(Type::TimestampTz()).value(), Type::Int());
  EXPECT_EQ(T("void").ResultType(Type::String()).value(), Type::String());
  EXPECT_EQ(T("zorder").ResultType(Type::Long()).value(), Type::String());
  // A dropped source column (type unknown) still has the fixed result types.
  EXPECT_EQ(T("bucket[8]").ResultType(Type::Unknown()).value(), Type::Int());
  EXPECT_EQ(T("day").ResultType(Type::Unknown()).value(), Type::Date());
  EXPECT_EQ(T("identity").ResultType(Type::Unknown()).value(), Type::Unknown());
}

TEST(IcebergTransformTest, BucketFollowsTheHash) {
  // (hash & INT_MAX) % N over the spec's values.
  EXPECT_EQ(Apply("bucket[100]", Value::Int32(34)), Value::Int32(2017239379 % 100));
  EXPECT_EQ(Apply("bucket[100]", Value::Int64(34)), Value::Int32(79));
  EXPECT_EQ(Apply("bucket[16]", Value::String("iceberg")), Value::Int32(1210000089 % 16));
  // Negative hashes lose the sign bit first, they are not negated.
  const int32_t h = -500754589;
  EXPECT_EQ(Apply("bucket[7]", Dec(1420, 9, 2)),
            Value::Int32((h & std::numeric_limits<int32_t>::max()) % 7));
  EXPECT_EQ(Apply("bucket[7]", Dec(1420, 9, 2)), Value::Int32(1646729059 % 7));
  EXPECT_EQ(Apply("bucket[1]", Value::Binary("x")), Value::Int32(0));
  EXPECT_EQ(Apply("bucket[8]", Value::Null(LogicalType::String())),
            Value::Null(LogicalType::Int32()));
  ASSERT_STATUS(kInvalidArgument, "transform bucket[8] cannot be applied to a double column",
                T("bucket[8]").Apply(Value::Double(1.0)));
  ASSERT_STATUS(kInvalidArgument, "tinyint is not an Iceberg type",
                T("bucket[8]").Apply(Value::Int8(1)));
}

TEST(IcebergTransformTest, TruncateIntegers) {
  const std::vector<std::pair<int32_t, int32_t>> cases = {
      {0, 0},   {1, 0},    {5, 0},    {9, 0},     {10, 10},
      {11, 10}, {-1, -10}, {-5, -10}, {-10, -10}, {-11, -20}};
  for (auto [in, out] : cases) {
    EXPECT_EQ(Apply("truncate[10]", Value::Int32(in)), Value::Int32(out)) << in;
    EXPECT_EQ(Apply("truncate[10]", Value::Int64(in)), Value::Int64(out)) << in;
  }
  EXPECT_EQ(Apply("truncate[1]", Value::Int32(-7)), Value::Int32(-7));
  // At the extremes, Java's wrapping int/long arithmetic.
  EXPECT_EQ(Apply("truncate[10]", Value::Int32(std::numeric_limits<int32_t>::min())),
            Value::Int32(std::numeric_limits<int32_t>::max() - 1));
  EXPECT_EQ(Apply("truncate[10]", Value::Int32(std::numeric_limits<int32_t>::max())),
            Value::Int32(2147483640));
  EXPECT_EQ(Apply("truncate[10]", Value::Int64(std::numeric_limits<int64_t>::min())),
            Value::Int64(std::numeric_limits<int64_t>::max() - 1));
  // The spec's result where Java's int arithmetic would overflow midway.
  EXPECT_EQ(Apply("truncate[2147483647]", Value::Int32(5)), Value::Int32(0));
  EXPECT_EQ(Apply("truncate[2147483647]", Value::Int32(-5)), Value::Int32(-2147483647));
}

TEST(IcebergTransformTest, TruncateDecimalsStringsAndBinary) {
  // The spec's example and Java's tests: width on the unscaled value.
  EXPECT_EQ(Apply("truncate[50]", Dec(1065, 9, 2)), Dec(1050, 9, 2));  // 10.65 -> 10.50
  EXPECT_EQ(Apply("truncate[10]", Dec(1234, 9, 2)), Dec(1230, 9, 2));
  EXPECT_EQ(Apply("truncate[10]", Dec(1230, 9, 2)), Dec(1230, 9, 2));
  EXPECT_EQ(Apply("truncate[10]", Dec(1229, 9, 2)), Dec(1220, 9, 2));
  EXPECT_EQ(Apply("truncate[10]", Dec(5, 9, 2)), Dec(0, 9, 2));
  EXPECT_EQ(Apply("truncate[10]", Dec(-5, 9, 2)), Dec(-10, 9, 2));  // -0.05 -> -0.10
  // Truncating can need one more digit than the precision allows.
  ASSERT_STATUS(kInvalidArgument, "truncate[10] of -999", T("truncate[10]").Apply(Dec(-999, 3, 0)));

  EXPECT_EQ(Apply("truncate[3]", Value::String("iceberg")), Value::String("ice"));
  EXPECT_EQ(Apply("truncate[5]", Value::String("abc")), Value::String("abc"));
  EXPECT_EQ(Apply("truncate[5]", Value::String("abcde")), Value::String("abcde"));
  // Code points, not bytes: two 2-byte, one 3-byte and one 4-byte character.
  const std::string text = "\xc3\xa9\xc3\xa8\xe2\x82\xac\xf0\x9f\x98\x80z";
  EXPECT_EQ(Apply("truncate[2]", Value::String(text)), Value::String("\xc3\xa9\xc3\xa8"));
  EXPECT_EQ(Apply("truncate[4]", Value::String(text)),
            Value::String("\xc3\xa9\xc3\xa8\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_EQ(Apply("truncate[3]", Value::Binary("\x01\x02\x03\x04\x05"s)),
            Value::Binary("\x01\x02\x03"s));
  EXPECT_EQ(Apply("truncate[4]", Value::Binary("abc")), Value::Binary("abc"));
}

TEST(IcebergTransformTest, TemporalTransforms) {
  // Java's TestTimestamps values.
  const int64_t ts = Micros(2017, 12, 1, 10, 12, 55, 38194);
  const int64_t positive = Micros(1970, 1, 1, 0, 0, 1, 1);
  const int64_t negative = Micros(1969, 12, 31, 23, 59, 59, 999999);
  EXPECT_EQ(Apply("year", Value::Timestamp(ts)), Value::Int32(47));
  EXPECT_EQ(Apply("month", Value::Timestamp(ts)), Value::Int32(575));
  EXPECT_EQ(Apply("day", Value::Timestamp(ts)), Value::Date(17501));
  EXPECT_EQ(Apply("hour", Value::Timestamp(ts)), Value::Int32(420034));
  for (const char* transform : {"year", "month", "hour"}) {
    EXPECT_EQ(Apply(transform, Value::Timestamp(positive)), Value::Int32(0)) << transform;
    EXPECT_EQ(Apply(transform, Value::Timestamp(negative)), Value::Int32(-1)) << transform;
    EXPECT_EQ(Apply(transform, Value::TimestampTz(negative)), Value::Int32(-1)) << transform;
    EXPECT_EQ(Apply(transform, Value::TimestampNs(negative * 1000 + 999)), Value::Int32(-1));
    EXPECT_EQ(Apply(transform, Value::TimestampTzNs(ts * 1000 + 789)),
              Apply(transform, Value::Timestamp(ts)));
  }
  EXPECT_EQ(Apply("day", Value::Timestamp(negative)), Value::Date(-1));
  EXPECT_EQ(Apply("day", Value::TimestampNs(-1)), Value::Date(-1));
  // Exact unit boundaries before the epoch.
  EXPECT_EQ(Apply("hour", Value::Timestamp(-3600000000)), Value::Int32(-1));
  EXPECT_EQ(Apply("hour", Value::Timestamp(-3600000001)), Value::Int32(-2));
  EXPECT_EQ(Apply("day", Value::Timestamp(-86400000000)), Value::Date(-1));
  EXPECT_EQ(Apply("month", Value::Timestamp(Micros(1969, 12, 1, 0, 0, 0))), Value::Int32(-1));
  EXPECT_EQ(Apply("month", Value::Timestamp(Micros(1969, 11, 30, 23, 59, 59))), Value::Int32(-2));
  EXPECT_EQ(Apply("year", Value::Timestamp(Micros(1969, 1, 1, 0, 0, 0))), Value::Int32(-1));
  EXPECT_EQ(Apply("year", Value::Timestamp(Micros(1968, 12, 31, 23, 59, 59))), Value::Int32(-2));
  EXPECT_EQ(Apply("year", Value::Timestamp(Micros(1900, 6, 1, 0, 0, 0))), Value::Int32(-70));
  // Dates.
  EXPECT_EQ(Apply("year", Value::Date(-1)), Value::Int32(-1));
  EXPECT_EQ(Apply("month", Value::Date(-1)), Value::Int32(-1));
  EXPECT_EQ(Apply("month", Value::Date(-31)), Value::Int32(-1));
  EXPECT_EQ(Apply("month", Value::Date(-32)), Value::Int32(-2));
  EXPECT_EQ(Apply("day", Value::Date(17486)), Value::Date(17486));
  EXPECT_EQ(Apply("year", Value::Date(17486)), Value::Int32(47));
  EXPECT_EQ(Apply("month", Value::Date(17486)), Value::Int32(47 * 12 + 10));
  ASSERT_STATUS(kInvalidArgument, "transform hour cannot be applied to a date",
                T("hour").Apply(Value::Date(1)));
  // Hours of extreme microsecond timestamps do not fit an int.
  ASSERT_STATUS(kInvalidArgument, "does not fit an int",
                T("hour").Apply(Value::Timestamp(std::numeric_limits<int64_t>::max())));
  EXPECT_EQ(Apply("year", Value::Null(LogicalType::Timestamp())),
            Value::Null(LogicalType::Int32()));
  EXPECT_EQ(Apply("day", Value::Null(LogicalType::Timestamp())), Value::Null(LogicalType::Date()));
}

TEST(IcebergTransformTest, IdentityVoidAndUnknown) {
  EXPECT_EQ(Apply("identity", Value::String("x")), Value::String("x"));
  EXPECT_EQ(Apply("identity", Value::Null(LogicalType::Int64())),
            Value::Null(LogicalType::Int64()));
  EXPECT_EQ(Apply("void", Value::Int64(5)), Value::Null(LogicalType::Int64()));
  ASSERT_STATUS(kNotSupported, "transform 'zorder' is not known to Floe",
                T("zorder").Apply(Value::Int64(5)));
  ASSERT_OK_AND_ASSIGN(LogicalType list, LogicalType::Struct({{"a", LogicalType::Int32(), 1}}));
  ASSERT_STATUS(kInvalidArgument, "identity cannot be applied",
                T("identity").Apply(Value::Null(list)));
  EXPECT_TRUE(T("identity").PreservesOrder());
  EXPECT_TRUE(T("truncate[3]").PreservesOrder());
  EXPECT_TRUE(T("hour").PreservesOrder());
  EXPECT_FALSE(T("bucket[3]").PreservesOrder());
  EXPECT_FALSE(T("void").PreservesOrder());
}

TEST(IcebergTransformTest, HumanStrings) {
  // Temporal results (Java's TestTimestamps/TestDates).
  const int64_t ts = Micros(2017, 12, 1, 10, 12, 55, 38194);
  auto human = [](std::string_view transform, const Value& source) {
    return T(transform).ToHumanString(Apply(transform, source));
  };
  EXPECT_EQ(human("year", Value::Timestamp(ts)), "2017");
  EXPECT_EQ(human("month", Value::Timestamp(ts)), "2017-12");
  EXPECT_EQ(human("day", Value::Timestamp(ts)), "2017-12-01");
  EXPECT_EQ(human("hour", Value::Timestamp(ts)), "2017-12-01-10");
  const int64_t before = Micros(1969, 12, 30, 10, 12, 55, 38194);
  EXPECT_EQ(human("year", Value::Timestamp(before)), "1969");
  EXPECT_EQ(human("month", Value::Timestamp(before)), "1969-12");
  EXPECT_EQ(human("day", Value::Timestamp(before)), "1969-12-30");
  EXPECT_EQ(human("hour", Value::Timestamp(before)), "1969-12-30-10");
  EXPECT_EQ(human("hour", Value::TimestampNs(Micros(1969, 12, 30, 0, 0, 0) * 1000)),
            "1969-12-30-00");
  EXPECT_EQ(human("day", Value::Date(17486)), "2017-11-16");
  EXPECT_EQ(T("day").ToHumanString(Value::Int32(17486)), "2017-11-16");  // int day values
  EXPECT_EQ(human("bucket[16]", Value::String("iceberg")), "9");
  EXPECT_EQ(T("year").ToHumanString(Value::Null(LogicalType::Int32())), "null");

  // Identity values by type (Java's TestIdentity).
  const Transform identity = Transform::Identity();
  EXPECT_EQ(identity.ToHumanString(Value::Binary("\x01\x02\x03"s)), "AQID");
  EXPECT_EQ(identity.ToHumanString(Value::Fixed("\x01\x02\x03"s).value()), "AQID");
  EXPECT_EQ(identity.ToHumanString(Value::Binary("\x01\x02"s)), "AQI=");
  EXPECT_EQ(identity.ToHumanString(Value::Binary("\x01"s)), "AQ==");
  EXPECT_EQ(identity.ToHumanString(Value::Date(17501)), "2017-12-01");
  EXPECT_EQ(identity.ToHumanString(Value::Time((10 * 3600 + 12 * 60 + 55) * 1000000LL + 38194)),
            "10:12:55.038194");
  EXPECT_EQ(identity.ToHumanString(Value::Time((10 * 3600 + 12 * 60) * 1000000LL)), "10:12");
  EXPECT_EQ(identity.ToHumanString(Value::TimestampTz(Micros(2017, 12, 1, 18, 12, 55, 38194))),
            "2017-12-01T18:12:55.038194+00:00");
  EXPECT_EQ(identity.ToHumanString(Value::Timestamp(ts)), "2017-12-01T10:12:55.038194");
  EXPECT_EQ(identity.ToHumanString(Value::Timestamp(Micros(2017, 12, 1, 10, 12, 0))),
            "2017-12-01T10:12:00");
  EXPECT_EQ(identity.ToHumanString(Value::TimestampNs(ts * 1000 + 789)),
            "2017-12-01T10:12:55.038194789");
  EXPECT_EQ(identity.ToHumanString(Value::Int64(-1234567890000)), "-1234567890000");
  EXPECT_EQ(identity.ToHumanString(Value::String("a/b c")), "a/b c");
  EXPECT_EQ(identity.ToHumanString(Value::Boolean(true)), "true");
  EXPECT_EQ(identity.ToHumanString(Dec(1420, 9, 2)), "14.20");
  EXPECT_EQ(identity.ToHumanString(Dec(-5, 9, 2)), "-0.05");
  EXPECT_EQ(identity.ToHumanString(Dec(1, 38, 7)), "1E-7");  // BigDecimal.toString
  EXPECT_EQ(identity.ToHumanString(Dec(123, 38, 10)), "1.23E-8");
  EXPECT_EQ(identity.ToHumanString(Dec(0, 38, 10)), "0E-10");
  EXPECT_EQ(identity.ToHumanString(Dec(1, 38, 6)), "0.000001");
  const std::string uuid = "\xF7\x9C\x3E\x09\x67\x7C\x4B\xBD\xA4\x79\x3F\x34\x9C\xB7\x85\xE7"s;
  EXPECT_EQ(identity.ToHumanString(Value::Uuid(uuid).value()),
            "f79c3e09-677c-4bbd-a479-3f349cb785e7");
  // Java's Double/Float.toString.
  EXPECT_EQ(identity.ToHumanString(Value::Double(1.0)), "1.0");
  EXPECT_EQ(identity.ToHumanString(Value::Double(-2.5)), "-2.5");
  EXPECT_EQ(identity.ToHumanString(Value::Double(100.0)), "100.0");
  EXPECT_EQ(identity.ToHumanString(Value::Double(0.001)), "0.001");
  EXPECT_EQ(identity.ToHumanString(Value::Double(0.0001)), "1.0E-4");
  EXPECT_EQ(identity.ToHumanString(Value::Double(1234567.0)), "1234567.0");
  EXPECT_EQ(identity.ToHumanString(Value::Double(1e7)), "1.0E7");
  EXPECT_EQ(identity.ToHumanString(Value::Double(1.2345e10)), "1.2345E10");
  EXPECT_EQ(identity.ToHumanString(Value::Double(0.1)), "0.1");
  EXPECT_EQ(identity.ToHumanString(Value::Double(-0.0)), "-0.0");
  EXPECT_EQ(identity.ToHumanString(Value::Double(std::numeric_limits<double>::quiet_NaN())), "NaN");
  EXPECT_EQ(identity.ToHumanString(Value::Float(0.1f)), "0.1");
  EXPECT_EQ(identity.ToHumanString(Value::Float(3.4e38f)), "3.4E38");
  EXPECT_EQ(identity.ToHumanString(Value::Float(-std::numeric_limits<float>::infinity())),
            "-Infinity");
}

TEST(IcebergTransformTest, UrlEncoding) {
  EXPECT_EQ(UrlEncodePathComponent("abc-XYZ_0.9*"), "abc-XYZ_0.9*");
  EXPECT_EQ(UrlEncodePathComponent("a b"), "a+b");
  EXPECT_EQ(UrlEncodePathComponent("a/b=c&d%+"), "a%2Fb%3Dc%26d%25%2B");
  EXPECT_EQ(UrlEncodePathComponent("10:12"), "10%3A12");
  EXPECT_EQ(UrlEncodePathComponent("\xc3\xa9"), "%C3%A9");
}

}  // namespace
}  // namespace floe::iceberg
