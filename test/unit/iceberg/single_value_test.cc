#include "iceberg/single_value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using namespace std::string_literals;

Type Dec(int32_t p, int32_t s) { return Type::Decimal(p, s).value(); }
Value DecValue(int128_t unscaled, int32_t p, int32_t s) {
  return Value::Decimal(unscaled, p, s).value();
}

const std::string kUuidBytes = "\xF7\x9C\x3E\x09\x67\x7C\x4B\xBD\xA4\x79\x3F\x34\x9C\xB7\x85\xE7"s;

struct Case {
  Type type;
  Value value;
  std::string binary;
  Json json;
};

std::vector<Case> Cases() {
  const int64_t ts = 1510871468123456;  // 2017-11-16T22:31:08.123456
  return {
      {Type::Boolean(), Value::Boolean(true), "\x01"s, Json(true)},
      {Type::Boolean(), Value::Boolean(false), "\x00"s, Json(false)},
      {Type::Int(), Value::Int32(34), "\x22\x00\x00\x00"s, Json(34)},
      {Type::Int(), Value::Int32(-2), "\xfe\xff\xff\xff"s, Json(-2)},
      {Type::Long(), Value::Int64(34), "\x22\x00\x00\x00\x00\x00\x00\x00"s, Json(34)},
      {Type::Long(), Value::Int64(std::numeric_limits<int64_t>::min()),
       "\x00\x00\x00\x00\x00\x00\x00\x80"s, Json(std::numeric_limits<int64_t>::min())},
      {Type::Float(), Value::Float(1.0f), "\x00\x00\x80\x3f"s, Json(1.0)},
      {Type::Float(), Value::Float(0.34234f), "\x30\x47\xaf\x3e"s, Json(0.34234)},
      {Type::Double(), Value::Double(1.0), "\x00\x00\x00\x00\x00\x00\xf0\x3f"s, Json(1.0)},
      {Type::Double(), Value::Double(-2.5), "\x00\x00\x00\x00\x00\x00\x04\xc0"s, Json(-2.5)},
      {Dec(9, 2), DecValue(1420, 9, 2), "\x05\x8c"s, Json("14.20")},
      {Dec(9, 2), DecValue(-5, 9, 2), "\xfb"s, Json("-0.05")},
      {Dec(38, 0), DecValue(0, 38, 0), "\x00"s, Json("0")},
      {Type::Date(), Value::Date(17486), "\x4e\x44\x00\x00"s, Json("2017-11-16")},
      {Type::Date(), Value::Date(-1), "\xff\xff\xff\xff"s, Json("1969-12-31")},
      {Type::Time(), Value::Time(81068123456), "\x40\x65\x09\xe0\x12\x00\x00\x00"s,
       Json("22:31:08.123456")},
      {Type::Timestamp(), Value::Timestamp(ts), "\x40\xa5\x28\x2d\x21\x5e\x05\x00"s,
       Json("2017-11-16T22:31:08.123456")},
      {Type::TimestampTz(), Value::TimestampTz(ts), "\x40\xa5\x28\x2d\x21\x5e\x05\x00"s,
       Json("2017-11-16T22:31:08.123456+00:00")},
      {Type::TimestampNs(), Value::TimestampNs(ts * 1000 + 789),
       "\x15\x85\xc5\x66\x98\xb1\xf7\x14"s, Json("2017-11-16T22:31:08.123456789")},
      {Type::TimestampTzNs(), Value::TimestampTzNs(ts * 1000 + 789),
       "\x15\x85\xc5\x66\x98\xb1\xf7\x14"s, Json("2017-11-16T22:31:08.123456789+00:00")},
      {Type::String(), Value::String("iceberg"), "iceberg", Json("iceberg")},
      {Type::String(), Value::String("\xc3\xa9t\xc3\xa9"), "\xc3\xa9t\xc3\xa9",
       Json("\xc3\xa9t\xc3\xa9")},
      {Type::Uuid(), Value::Uuid(kUuidBytes).value(), kUuidBytes,
       Json("f79c3e09-677c-4bbd-a479-3f349cb785e7")},
      {Type::Fixed(4).value(), Value::Fixed("\x00\x01\x02\xff"s).value(), "\x00\x01\x02\xff"s,
       Json("000102ff")},
      {Type::Binary(), Value::Binary("\x00\x01\x02\xff"s), "\x00\x01\x02\xff"s, Json("000102ff")},
      {Type::Binary(), Value::Binary(""), "", Json("")},
  };
}

TEST(IcebergSingleValueTest, BinaryAndJsonFormsOfEveryPrimitive) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.type.ToString() + " " + c.value.ToString());
    ASSERT_OK_AND_ASSIGN(std::string binary, SingleValueToBinary(c.type, c.value));
    EXPECT_EQ(binary, c.binary);
    ASSERT_OK_AND_ASSIGN(Value from_binary, SingleValueFromBinary(c.type, binary));
    EXPECT_EQ(from_binary, c.value);

    ASSERT_OK_AND_ASSIGN(Json json, SingleValueToJson(c.type, c.value));
    EXPECT_EQ(json, c.json) << DumpJson(json);
    // Through text, as documents carry it.
    ASSERT_OK_AND_ASSIGN(Json reparsed, ParseJson(DumpJson(json), "value"));
    ASSERT_OK_AND_ASSIGN(Value from_json, SingleValueFromJson(c.type, reparsed));
    EXPECT_EQ(from_json, c.value);
  }
}

TEST(IcebergSingleValueTest, FloatJsonTextIsShortest) {
  ASSERT_OK_AND_ASSIGN(Json json, SingleValueToJson(Type::Float(), Value::Float(0.34234f)));
  EXPECT_EQ(DumpJson(json), "0.34234");
  ASSERT_OK_AND_ASSIGN(Json nine, SingleValueToJson(Type::Float(), Value::Float(9.99f)));
  EXPECT_EQ(DumpJson(nine), "9.99");
}

TEST(IcebergSingleValueTest, DecimalMinimalBytes) {
  EXPECT_EQ(DecimalToMinimalBytes(0), "\x00"s);
  EXPECT_EQ(DecimalToMinimalBytes(127), "\x7f"s);
  EXPECT_EQ(DecimalToMinimalBytes(128), "\x00\x80"s);
  EXPECT_EQ(DecimalToMinimalBytes(-128), "\x80"s);
  EXPECT_EQ(DecimalToMinimalBytes(-129), "\xff\x7f"s);
  EXPECT_EQ(DecimalToMinimalBytes(-1), "\xff"s);
  EXPECT_EQ(DecimalToMinimalBytes(32767), "\x7f\xff"s);
  EXPECT_EQ(DecimalToMinimalBytes(32768), "\x00\x80\x00"s);
  const int128_t max38 = Pow10Int128(38) - 1;
  EXPECT_EQ(DecimalToMinimalBytes(max38).size(), 16u);
  EXPECT_EQ(DecimalToMinimalBytes(-max38).size(), 16u);
  EXPECT_EQ(DecimalToMinimalBytes(int128_t{1} << 63).size(), 9u);
  // Round trip across sizes and signs, including a padded encoding (what a
  // fixed-width writer stores) that reads back the same.
  for (int128_t v : {int128_t{0}, int128_t{1}, int128_t{-1}, int128_t{255}, int128_t{-256},
                     int128_t{123456789012345678}, -max38, max38}) {
    ASSERT_OK_AND_ASSIGN(Value back, SingleValueFromBinary(Dec(38, 4), DecimalToMinimalBytes(v)));
    EXPECT_EQ(back.GetDecimal(), v);
  }
  ASSERT_OK_AND_ASSIGN(Value padded, SingleValueFromBinary(Dec(9, 2), "\xff\xff\xff\xfb"s));
  EXPECT_EQ(padded.GetDecimal(), -5);
  ASSERT_STATUS(kInvalidArgument, "more than 3 digits",
                SingleValueFromBinary(Dec(3, 0), "\x03\xe8"s));  // 1000
  ASSERT_STATUS(kInvalidArgument, "needs 1 to 16 bytes, got 0",
                SingleValueFromBinary(Dec(3, 0), ""));
}

TEST(IcebergSingleValueTest, BoundsWrittenBeforePromotionRead) {
  // long from an int's 4 bytes, double from a float's, timestamps from a date's.
  ASSERT_OK_AND_ASSIGN(Value l, SingleValueFromBinary(Type::Long(), "\xfe\xff\xff\xff"s));
  EXPECT_EQ(l, Value::Int64(-2));
  ASSERT_OK_AND_ASSIGN(Value d, SingleValueFromBinary(Type::Double(), "\x00\x00\xc0\x3f"s));
  EXPECT_EQ(d, Value::Double(1.5));
  ASSERT_OK_AND_ASSIGN(Value ts, SingleValueFromBinary(Type::Timestamp(), "\x01\x00\x00\x00"s));
  EXPECT_EQ(ts, Value::Timestamp(86400000000));
  ASSERT_OK_AND_ASSIGN(Value ns, SingleValueFromBinary(Type::TimestampNs(), "\xff\xff\xff\xff"s));
  EXPECT_EQ(ns, Value::TimestampNs(-86400000000000));
  ASSERT_STATUS(kInvalidArgument, "out of range",
                SingleValueFromBinary(Type::TimestampNs(), "\xff\xff\xff\x7f"s));
  // A decimal(5,2) bound read as decimal(10,2).
  ASSERT_OK_AND_ASSIGN(Value dec, SingleValueFromBinary(Dec(10, 2), "\x05\x8c"s));
  EXPECT_EQ(dec, DecValue(1420, 10, 2));
  // Not for the zoned timestamp (a date cannot promote to it) or an int.
  ASSERT_STATUS(kInvalidArgument, "needs 8 bytes, got 4",
                SingleValueFromBinary(Type::TimestampTz(), "\x01\x00\x00\x00"s));
  ASSERT_STATUS(kInvalidArgument, "needs 4 bytes, got 8",
                SingleValueFromBinary(Type::Int(), std::string(8, '\0')));
}

TEST(IcebergSingleValueTest, BinaryErrors) {
  ASSERT_STATUS(kInvalidArgument, "a uuid value needs 16 bytes, got 3",
                SingleValueFromBinary(Type::Uuid(), "abc"));
  ASSERT_STATUS(kInvalidArgument, "fixed[4] value needs 4 bytes, got 3",
                SingleValueFromBinary(Type::Fixed(4).value(), "abc"));
  ASSERT_STATUS(kInvalidArgument, "boolean value needs 1 bytes, got 0",
                SingleValueFromBinary(Type::Boolean(), ""));
  ASSERT_STATUS(kInvalidArgument, "a long value is not of type int",
                SingleValueToBinary(Type::Int(), Value::Int64(1)));
  ASSERT_STATUS(kInvalidArgument, "NULL",
                SingleValueToBinary(Type::Int(), Value::Null(LogicalType::Int32())));
  ASSERT_STATUS(kNotSupported, "variant", SingleValueToBinary(Type::Variant(), Value::Int32(1)));
  ASSERT_OK_AND_ASSIGN(Type list, Type::List(1, Type::Int(), false));
  ASSERT_STATUS(kNotSupported, "has no binary single-value form",
                SingleValueFromBinary(list, "abcd"));
  // Any non-zero byte is true.
  ASSERT_OK_AND_ASSIGN(Value t, SingleValueFromBinary(Type::Boolean(), "\x07"s));
  EXPECT_EQ(t, Value::Boolean(true));
}

TEST(IcebergSingleValueTest, JsonReadingIsStrictAboutTypes) {
  auto parse = [](const Type& type, std::string_view text) {
    return SingleValueFromJson(type, ParseJson(text, "test").value());
  };
  ASSERT_STATUS(kInvalidArgument, "cannot read \"1\" as a int value", parse(Type::Int(), "\"1\""));
  ASSERT_STATUS(kInvalidArgument, "as a int value", parse(Type::Int(), "1.5"));
  ASSERT_STATUS(kInvalidArgument, "as a int value", parse(Type::Int(), "2147483648"));
  ASSERT_STATUS(kInvalidArgument, "as a long value", parse(Type::Long(), "9223372036854775808"));
  ASSERT_STATUS(kInvalidArgument, "as a boolean value", parse(Type::Boolean(), "1"));
  ASSERT_STATUS(kInvalidArgument, "out of range for a float", parse(Type::Float(), "1e39"));
  ASSERT_STATUS(kInvalidArgument, "has scale 1, the type's scale is 2",
                parse(Dec(9, 2), "\"14.2\""));
  ASSERT_STATUS(kInvalidArgument, "not a decimal number", parse(Dec(9, 2), "\"14.2x\""));
  ASSERT_STATUS(kInvalidArgument, "expected a string", parse(Dec(9, 2), "14.20"));
  ASSERT_STATUS(kInvalidArgument, "more than 3 digits", parse(Dec(3, 0), "\"1000\""));
  ASSERT_STATUS(kInvalidArgument, "not a UUID", parse(Type::Uuid(), "\"f79c3e09677c4bbd\""));
  ASSERT_STATUS(kInvalidArgument, "2 bytes, expected 4", parse(Type::Fixed(4).value(), "\"0001\""));
  ASSERT_STATUS(kInvalidArgument, "odd number of digits", parse(Type::Binary(), "\"123\""));
  ASSERT_STATUS(kInvalidArgument, "not a hex string", parse(Type::Binary(), "\"zz\""));
  ASSERT_STATUS(kInvalidArgument, "offset must be +00:00",
                parse(Type::TimestampTz(), "\"2017-11-16T14:31:08-08:00\""));
  ASSERT_STATUS(kInvalidArgument, "must not have a zone offset",
                parse(Type::Timestamp(), "\"2017-11-16T14:31:08+00:00\""));
  ASSERT_STATUS(kInvalidArgument, "malformed date", parse(Type::Date(), "\"16/11/2017\""));
  ASSERT_STATUS(kNotSupported, "variant values have no JSON", parse(Type::Variant(), "1"));

  // What is accepted beyond the canonical forms.
  // An exponent counts toward the scale: 1.50E+1 is 15.0, scale 1.
  ASSERT_STATUS(kInvalidArgument, "has scale 1", parse(Dec(9, 0), "\"1.50E+1\""));
  ASSERT_OK_AND_ASSIGN(Value exp1, parse(Dec(9, 1), "\"1.50E+1\""));
  EXPECT_EQ(exp1, DecValue(150, 9, 1));
  ASSERT_OK_AND_ASSIGN(Value upper, parse(Type::Binary(), "\"00FFab\""));
  EXPECT_EQ(upper, Value::Binary("\x00\xff\xab"s));
  ASSERT_OK_AND_ASSIGN(Value uuid, parse(Type::Uuid(), "\"F79C3E09-677C-4BBD-A479-3F349CB785E7\""));
  EXPECT_EQ(uuid.GetString(), kUuidBytes);
  ASSERT_OK_AND_ASSIGN(Value integral_float, parse(Type::Double(), "2"));
  EXPECT_EQ(integral_float, Value::Double(2.0));
  ASSERT_OK_AND_ASSIGN(Value null, parse(Type::Int(), "null"));
  EXPECT_TRUE(null.is_null());
}

TEST(IcebergSingleValueTest, NonFiniteFloatsCannotBeJson) {
  ASSERT_STATUS(
      kInvalidArgument, "cannot be written as JSON",
      SingleValueToJson(Type::Double(), Value::Double(std::numeric_limits<double>::quiet_NaN())));
  ASSERT_STATUS(
      kInvalidArgument, "cannot be written as JSON",
      SingleValueToJson(Type::Float(), Value::Float(-std::numeric_limits<float>::infinity())));
}

TEST(IcebergSingleValueTest, NestedJsonForms) {
  ASSERT_OK_AND_ASSIGN(Type list, Type::List(3, Type::Int(), false));
  ASSERT_OK_AND_ASSIGN(Type map, Type::Map(4, Type::String(), 5, Type::Int(), false));
  ASSERT_OK_AND_ASSIGN(Type type, Type::Struct({NestedField::Optional(1, "a", Type::Int()),
                                                NestedField::Optional(2, "b", Type::String()),
                                                NestedField::Optional(6, "l", list),
                                                NestedField::Optional(7, "m", map)}));
  // The spec's examples, combined.
  ASSERT_OK_AND_ASSIGN(Json json, ParseJson(R"({"1": 1, "2": "bar", "6": [1, null, 3],
                                     "7": {"keys": ["a", "b"], "values": [1, 2]}})",
                                            "test"));
  ASSERT_OK_AND_ASSIGN(Value value, SingleValueFromJson(type, json));
  EXPECT_EQ(value.ToString(), "{a: 1, b: 'bar', l: [1, NULL, 3], m: {'a'=1, 'b'=2}}");
  ASSERT_OK_AND_ASSIGN(Json back, SingleValueToJson(type, value));
  EXPECT_EQ(back, json);

  // Missing fields are NULL; NULL fields are not written.
  ASSERT_OK_AND_ASSIGN(Value partial, SingleValueFromJson(type, Json::parse(R"({"2": "x"})")));
  EXPECT_EQ(partial.ToString(), "{a: NULL, b: 'x', l: NULL, m: NULL}");
  ASSERT_OK_AND_ASSIGN(Json partial_json, SingleValueToJson(type, partial));
  EXPECT_EQ(DumpJson(partial_json), R"({"2":"x"})");
  ASSERT_OK_AND_ASSIGN(Value empty, SingleValueFromJson(type, Json::object()));
  ASSERT_OK_AND_ASSIGN(Json empty_json, SingleValueToJson(type, empty));
  EXPECT_EQ(DumpJson(empty_json), "{}");

  ASSERT_STATUS(kInvalidArgument, "'9' is not a field id",
                SingleValueFromJson(type, Json::parse(R"({"9": 1})")));
  ASSERT_STATUS(kInvalidArgument, "of equal length",
                SingleValueFromJson(map, Json::parse(R"({"keys": ["a"], "values": []})")));
  ASSERT_STATUS(kInvalidArgument, "key of entry 0 is NULL",
                SingleValueFromJson(map, Json::parse(R"({"keys": [null], "values": [1]})")));
  ASSERT_STATUS(kInvalidArgument, "expected an array", SingleValueFromJson(list, Json(1)));
  ASSERT_STATUS(kInvalidArgument, "as a int value",
                SingleValueFromJson(list, Json::parse(R"([1, "2"])")));
}

TEST(IcebergSingleValueTest, DecimalText) {
  EXPECT_EQ(DecimalToString(1420, 2), "14.20");
  EXPECT_EQ(DecimalToString(-5, 2), "-0.05");
  EXPECT_EQ(DecimalToString(7, 0), "7");
  EXPECT_EQ(DecimalToString(0, 3), "0.000");
  ASSERT_OK_AND_ASSIGN(int128_t a, DecimalFromString(".5", 3, 1));
  EXPECT_EQ(a, 5);
  ASSERT_OK_AND_ASSIGN(int128_t b, DecimalFromString("-7.", 3, 0));
  EXPECT_EQ(b, -7);
  ASSERT_OK_AND_ASSIGN(int128_t c, DecimalFromString("+0012.30", 4, 2));
  EXPECT_EQ(c, 1230);
  ASSERT_OK_AND_ASSIGN(int128_t d, DecimalFromString("123E-2", 3, 2));
  EXPECT_EQ(d, 123);
  ASSERT_STATUS(kInvalidArgument, "has scale -20", DecimalFromString("2E+20", 38, 0));
  ASSERT_STATUS(kInvalidArgument, "not a decimal", DecimalFromString("", 3, 0));
  ASSERT_STATUS(kInvalidArgument, "not a decimal", DecimalFromString("1e", 3, 0));
  ASSERT_STATUS(kInvalidArgument, "not a decimal", DecimalFromString("1.2.3", 3, 0));
}

}  // namespace
}  // namespace floe::iceberg
