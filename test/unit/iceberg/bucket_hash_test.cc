#include "iceberg/bucket_hash.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>

#include "iceberg/temporal.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using namespace std::string_literals;

int32_t Hash(const Value& value) { return BucketHash(value).value(); }

// Microseconds of 2017-11-16T22:31:08 (UTC).
const int64_t kTs = (DaysFromCivil(2017, 11, 16) * 86400 + 22 * 3600 + 31 * 60 + 8) * 1000000;

// The test values of the spec's Appendix B table, row by row.
TEST(IcebergBucketHashTest, SpecAppendixBValues) {
  EXPECT_EQ(Hash(Value::Int32(34)), 2017239379);
  EXPECT_EQ(Hash(Value::Int64(34)), 2017239379);
  EXPECT_EQ(Hash(Value::Decimal(1420, 9, 2).value()), -500754589);  // 14.20
  EXPECT_EQ(Hash(Value::Date(static_cast<int32_t>(DaysFromCivil(2017, 11, 16)))), -653330422);
  EXPECT_EQ(Hash(Value::Time((22 * 3600 + 31 * 60 + 8) * int64_t{1000000})), -662762989);
  EXPECT_EQ(Hash(Value::Timestamp(kTs)), -2047944441);
  EXPECT_EQ(Hash(Value::Timestamp(kTs + 1)), -1207196810);
  // 2017-11-16T14:31:08-08:00 is 22:31:08 UTC.
  EXPECT_EQ(Hash(Value::TimestampTz(kTs)), -2047944441);
  EXPECT_EQ(Hash(Value::TimestampTz(kTs + 1)), -1207196810);
  // Nanoseconds are hashed as microseconds: ...08.000001001 like ...08.000001.
  EXPECT_EQ(Hash(Value::TimestampNs(kTs * 1000)), -2047944441);
  EXPECT_EQ(Hash(Value::TimestampNs(kTs * 1000 + 1001)), -1207196810);
  EXPECT_EQ(Hash(Value::TimestampTzNs(kTs * 1000)), -2047944441);
  EXPECT_EQ(Hash(Value::TimestampTzNs(kTs * 1000 + 1001)), -1207196810);
  EXPECT_EQ(Hash(Value::String("iceberg")), 1210000089);
  const std::string uuid = "\xF7\x9C\x3E\x09\x67\x7C\x4B\xBD\xA4\x79\x3F\x34\x9C\xB7\x85\xE7"s;
  EXPECT_EQ(Hash(Value::Uuid(uuid).value()), 1488055340);
  EXPECT_EQ(Hash(Value::Fixed("\x00\x01\x02\x03"s).value()), -188683207);
  EXPECT_EQ(Hash(Value::Binary("\x00\x01\x02\x03"s)), -188683207);
  // Types that cannot be bucketed today, with the spec's values.
  EXPECT_EQ(Hash(Value::Boolean(true)), 1392991556);
  EXPECT_EQ(Hash(Value::Float(1.0f)), -142385009);
  EXPECT_EQ(Hash(Value::Float(0.0f)), 1669671676);
  EXPECT_EQ(Hash(Value::Float(-0.0f)), 1669671676);
  EXPECT_EQ(Hash(Value::Double(1.0)), -142385009);
  EXPECT_EQ(Hash(Value::Double(0.0)), 1669671676);
  EXPECT_EQ(Hash(Value::Double(-0.0)), 1669671676);
  // The spec's promotion example: "34" hashes differently from 34.
  EXPECT_EQ(Hash(Value::String("34")), -427558391);
}

TEST(IcebergBucketHashTest, HashIsIndependentOfDecimalScaleAndWidth) {
  EXPECT_EQ(Hash(Value::Decimal(1420, 38, 2).value()), -500754589);
  EXPECT_EQ(Hash(Value::Decimal(1420, 9, 0).value()), -500754589);
}

TEST(IcebergBucketHashTest, NaNsAreCanonical) {
  const double quiet = std::numeric_limits<double>::quiet_NaN();
  const double other = std::bit_cast<double>(uint64_t{0x7ff0000000000001});
  EXPECT_EQ(Hash(Value::Double(quiet)), Hash(Value::Double(other)));
  EXPECT_EQ(Hash(Value::Float(std::numeric_limits<float>::quiet_NaN())),
            Hash(Value::Double(quiet)));
}

TEST(IcebergBucketHashTest, Murmur3ReferenceValues) {
  // MurmurHash3_x86_32 reference vectors (seed 0 and others), covering every
  // tail length.
  EXPECT_EQ(Murmur3Hash32(""), 0);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("", 1)), 0x514E28B7u);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("", 0xffffffff)), 0x81F16F39u);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\xff\xff\xff\xff"s)), 0x76293B50u);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x21\x43\x65\x87"s)), 0xF55B516Bu);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x21\x43\x65\x87"s, 0x5082EDEE)), 0x2362F9DEu);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x21\x43\x65"s)), 0x7E4A8634u);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x21\x43"s)), 0xA0F7B07Au);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x21"s)), 0x72661CF4u);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x00\x00\x00\x00"s)), 0x2362F9DEu);
  EXPECT_EQ(static_cast<uint32_t>(Murmur3Hash32("\x00"s)), 0x514E28B7u);
}

TEST(IcebergBucketHashTest, Errors) {
  ASSERT_STATUS(kInvalidArgument, "cannot hash a NULL",
                BucketHash(Value::Null(LogicalType::Int32())));
  ASSERT_STATUS(kInvalidArgument, "tinyint", BucketHash(Value::Int8(1)));
}

}  // namespace
}  // namespace floe::iceberg
