#include "iceberg/temporal.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

TEST(IcebergTemporalTest, CivilDaysRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2017, 11, 16), 17486);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(0, 1, 1), -719528);
  for (int64_t days = -800000; days <= 800000; days += 997) {
    const CivilDate date = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
  const CivilDate leap = CivilFromDays(DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
}

TEST(IcebergTemporalTest, FloorDivision) {
  EXPECT_EQ(FloorDiv(-1, 10), -1);
  EXPECT_EQ(FloorMod(-1, 10), 9);
  EXPECT_EQ(FloorDiv(-10, 10), -1);
  EXPECT_EQ(FloorMod(-10, 10), 0);
  EXPECT_EQ(FloorDiv(9, 10), 0);
  EXPECT_EQ(FloorDiv(INT64_MIN, 1000), INT64_MIN / 1000 - 1);
}

TEST(IcebergTemporalTest, FormatsAsJavaTime) {
  EXPECT_EQ(FormatIsoDate(17486), "2017-11-16");
  EXPECT_EQ(FormatIsoDate(-1), "1969-12-31");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(10000, 1, 1)), "+10000-01-01");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(-1, 1, 1)), "-0001-01-01");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(0, 6, 1)), "0000-06-01");

  const int64_t s = 1000000000;  // nanos per second
  EXPECT_EQ(FormatIsoTime((22 * 3600 + 31 * 60 + 8) * s), "22:31:08");
  EXPECT_EQ(FormatIsoTime((22 * 3600 + 31 * 60 + 8) * s + 123456000), "22:31:08.123456");
  EXPECT_EQ(FormatIsoTime((22 * 3600 + 31 * 60) * s + 100000000), "22:31:00.1");
  EXPECT_EQ(FormatIsoTime(1), "00:00:00.000000001");

  const int64_t micros = (17486 * 86400LL + 22 * 3600 + 31 * 60 + 8) * 1000000;
  EXPECT_EQ(FormatIsoTimestamp(micros, TimeUnit::kMicros, false), "2017-11-16T22:31:08");
  EXPECT_EQ(FormatIsoTimestamp(micros + 123456, TimeUnit::kMicros, true),
            "2017-11-16T22:31:08.123456+00:00");
  EXPECT_EQ(FormatIsoTimestamp(micros * 1000 + 123456789, TimeUnit::kNanos, false),
            "2017-11-16T22:31:08.123456789");
  EXPECT_EQ(FormatIsoTimestamp(-1, TimeUnit::kMicros, false), "1969-12-31T23:59:59.999999");
  EXPECT_EQ(FormatIsoTimestamp(INT64_MIN, TimeUnit::kNanos, false),
            "1677-09-21T00:12:43.145224192");

  EXPECT_EQ(FormatJavaLocalTime((10 * 3600 + 12 * 60) * s), "10:12");
  EXPECT_EQ(FormatJavaLocalTime((10 * 3600 + 12 * 60 + 55) * s), "10:12:55");
  EXPECT_EQ(FormatJavaLocalTime((10 * 3600 + 12 * 60 + 55) * s + 38194000), "10:12:55.038194");
  EXPECT_EQ(FormatJavaLocalTime((10 * 3600 + 12 * 60) * s + 500000000), "10:12:00.500");
  EXPECT_EQ(FormatJavaLocalTime(7), "00:00:00.000000007");
}

TEST(IcebergTemporalTest, ParsesIsoText) {
  ASSERT_OK_AND_ASSIGN(int32_t days, ParseIsoDate("2017-11-16"));
  EXPECT_EQ(days, 17486);
  ASSERT_OK_AND_ASSIGN(int32_t big, ParseIsoDate("+10000-01-01"));
  EXPECT_EQ(big, DaysFromCivil(10000, 1, 1));
  ASSERT_OK_AND_ASSIGN(int32_t negative, ParseIsoDate("-0001-01-01"));
  EXPECT_EQ(negative, DaysFromCivil(-1, 1, 1));
  ASSERT_STATUS(kInvalidArgument, "malformed date '2017-02-29'", ParseIsoDate("2017-02-29"));
  ASSERT_STATUS(kInvalidArgument, "malformed date", ParseIsoDate("2017-13-01"));
  ASSERT_STATUS(kInvalidArgument, "malformed date", ParseIsoDate("2017-1-01"));
  ASSERT_STATUS(kInvalidArgument, "malformed date", ParseIsoDate("10000-01-01"));  // needs '+'
  ASSERT_STATUS(kInvalidArgument, "malformed date", ParseIsoDate("2017-11-16 "));

  ASSERT_OK_AND_ASSIGN(int64_t t, ParseIsoTime("22:31:08.123456", TimeUnit::kMicros));
  EXPECT_EQ(t, (22 * 3600 + 31 * 60 + 8) * 1000000LL + 123456);
  ASSERT_OK_AND_ASSIGN(int64_t hm, ParseIsoTime("22:31", TimeUnit::kMicros));
  EXPECT_EQ(hm, (22 * 3600 + 31 * 60) * 1000000LL);
  ASSERT_OK_AND_ASSIGN(int64_t frac, ParseIsoTime("00:00:00.1", TimeUnit::kMicros));
  EXPECT_EQ(frac, 100000);
  ASSERT_OK_AND_ASSIGN(int64_t zeros, ParseIsoTime("00:00:00.123456000", TimeUnit::kMicros));
  EXPECT_EQ(zeros, 123456);
  ASSERT_STATUS(kInvalidArgument, "more precision than microseconds",
                ParseIsoTime("00:00:00.1234567", TimeUnit::kMicros));
  ASSERT_STATUS(kInvalidArgument, "malformed time", ParseIsoTime("24:00:00", TimeUnit::kMicros));
  ASSERT_STATUS(kInvalidArgument, "malformed time", ParseIsoTime("12:00:00.", TimeUnit::kMicros));

  ASSERT_OK_AND_ASSIGN(int64_t ts,
                       ParseIsoTimestamp("2017-11-16T22:31:08", TimeUnit::kMicros, false));
  EXPECT_EQ(ts, (17486 * 86400LL + 22 * 3600 + 31 * 60 + 8) * 1000000);
  ASSERT_OK_AND_ASSIGN(int64_t before,
                       ParseIsoTimestamp("1969-12-31T23:59:59.999999", TimeUnit::kMicros, false));
  EXPECT_EQ(before, -1);
  ASSERT_OK_AND_ASSIGN(
      int64_t ns, ParseIsoTimestamp("2017-11-16T22:31:08.123456789+00:00", TimeUnit::kNanos, true));
  EXPECT_EQ(ns, (17486 * 86400LL + 22 * 3600 + 31 * 60 + 8) * 1000000000 + 123456789);
  for (const char* utc : {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00-00:00",
                          "1970-01-01T00:00:00+00:00:00", "1970-01-01t00:00:00+00:00"}) {
    ASSERT_OK_AND_ASSIGN(int64_t zero, ParseIsoTimestamp(utc, TimeUnit::kMicros, true));
    EXPECT_EQ(zero, 0) << utc;
  }
  ASSERT_STATUS(kInvalidArgument, "the zone offset must be +00:00",
                ParseIsoTimestamp("2017-11-16T14:31:08-08:00", TimeUnit::kMicros, true));
  ASSERT_STATUS(kInvalidArgument, "lacks a zone offset",
                ParseIsoTimestamp("2017-11-16T14:31:08", TimeUnit::kMicros, true));
  ASSERT_STATUS(kInvalidArgument, "must not have a zone offset",
                ParseIsoTimestamp("2017-11-16T14:31:08+00:00", TimeUnit::kMicros, false));
  ASSERT_STATUS(kInvalidArgument, "out of range for nanoseconds",
                ParseIsoTimestamp("2300-01-01T00:00:00", TimeUnit::kNanos, false));
  ASSERT_STATUS(kInvalidArgument, "malformed timestamp",
                ParseIsoTimestamp("2017-11-16 22:31:08", TimeUnit::kMicros, false));
}

}  // namespace
}  // namespace floe::iceberg
