// AvroDecoder and AvroEncoder: the binary encoding's primitives, edge cases and hostile input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "formats/avro/avro_decoder.h"
#include "formats/avro/avro_encoder.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

std::string EncodeLong(int64_t v) {
  std::string out;
  AvroEncoder(out).WriteLong(v);
  return out;
}

TEST(AvroBinaryTest, ZigZagVarintMatchesTheSpecificationTable) {
  // The specification's examples.
  EXPECT_EQ(EncodeLong(0), Bytes({0x00}));
  EXPECT_EQ(EncodeLong(-1), Bytes({0x01}));
  EXPECT_EQ(EncodeLong(1), Bytes({0x02}));
  EXPECT_EQ(EncodeLong(-2), Bytes({0x03}));
  EXPECT_EQ(EncodeLong(2), Bytes({0x04}));
  EXPECT_EQ(EncodeLong(-64), Bytes({0x7f}));
  EXPECT_EQ(EncodeLong(64), Bytes({0x80, 0x01}));
  // Extremes take 10 bytes, the last carrying one bit.
  EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::max()),
            Bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::min()),
            Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
}

TEST(AvroBinaryTest, LongsRoundTrip) {
  std::vector<int64_t> values = {0,
                                 1,
                                 -1,
                                 63,
                                 -64,
                                 64,
                                 -65,
                                 127,
                                 128,
                                 8191,
                                 8192,
                                 -8193,
                                 INT32_MAX,
                                 INT32_MIN,
                                 int64_t{INT32_MAX} + 1,
                                 int64_t{INT32_MIN} - 1,
                                 INT64_MAX,
                                 INT64_MIN,
                                 INT64_MAX - 1,
                                 INT64_MIN + 1};
  for (int shift = 0; shift < 63; ++shift) {
    values.push_back(int64_t{1} << shift);
    values.push_back(-(int64_t{1} << shift));
  }
  std::string buf;
  AvroEncoder enc(buf);
  for (int64_t v : values) enc.WriteLong(v);
  AvroDecoder dec(buf);
  for (int64_t v : values) {
    ASSERT_OK_AND_ASSIGN(int64_t got, dec.ReadLong());
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(dec.at_end());
}

TEST(AvroBinaryTest, VarintLongerThanTenBytesIsRejected) {
  // 10 continuation bytes and an 11th.
  std::string eleven = Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  AvroDecoder dec(eleven);
  ASSERT_STATUS(kCorruption, "does not fit 64 bits", dec.ReadLong());
}

TEST(AvroBinaryTest, TenthByteMayOnlyCarryOneBit) {
  std::string overflow = Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02});
  AvroDecoder dec(overflow);
  ASSERT_STATUS(kCorruption, "does not fit 64 bits", dec.ReadLong());
  EXPECT_FALSE(dec.exhausted());
}

TEST(AvroBinaryTest, TruncatedVarintIsRejectedAndMarksExhaustion) {
  std::string truncated = Bytes({0x80, 0x80});
  AvroDecoder dec(truncated);
  ASSERT_STATUS(kCorruption, "needs 1 more byte", dec.ReadLong());
  EXPECT_TRUE(dec.exhausted());
  EXPECT_EQ(dec.position(), 0u);  // nothing consumed
  AvroDecoder empty(std::string_view{});
  ASSERT_STATUS(kCorruption, "a long", empty.ReadLong());
}

TEST(AvroBinaryTest, IntMustFit32Bits) {
  std::string buf;
  AvroEncoder enc(buf);
  enc.WriteLong(int64_t{INT32_MAX});
  enc.WriteLong(int64_t{INT32_MIN});
  enc.WriteLong(int64_t{INT32_MAX} + 1);
  AvroDecoder dec(buf);
  ASSERT_OK_AND_ASSIGN(int32_t a, dec.ReadInt());
  ASSERT_OK_AND_ASSIGN(int32_t b, dec.ReadInt());
  EXPECT_EQ(a, INT32_MAX);
  EXPECT_EQ(b, INT32_MIN);
  ASSERT_STATUS(kCorruption, "does not fit 32 bits", dec.ReadInt());
}

TEST(AvroBinaryTest, BooleanIsZeroOrOne) {
  std::string buf = Bytes({0x00, 0x01, 0x02});
  AvroDecoder dec(buf);
  ASSERT_OK_AND_ASSIGN(bool f, dec.ReadBoolean());
  ASSERT_OK_AND_ASSIGN(bool t, dec.ReadBoolean());
  EXPECT_FALSE(f);
  EXPECT_TRUE(t);
  ASSERT_STATUS(kCorruption, "0x02 is neither 0 nor 1", dec.ReadBoolean());
}

TEST(AvroBinaryTest, FloatsAndDoublesAreLittleEndianIeee) {
  std::string buf;
  AvroEncoder enc(buf);
  enc.WriteFloat(1.0f);
  enc.WriteDouble(-2.5);
  enc.WriteFloat(std::numeric_limits<float>::quiet_NaN());
  enc.WriteDouble(std::numeric_limits<double>::infinity());
  enc.WriteDouble(-0.0);
  ASSERT_EQ(buf.substr(0, 4), Bytes({0x00, 0x00, 0x80, 0x3f}));
  ASSERT_EQ(buf.substr(4, 8), Bytes({0, 0, 0, 0, 0, 0, 0x04, 0xc0}));
  AvroDecoder dec(buf);
  ASSERT_OK_AND_ASSIGN(float f, dec.ReadFloat());
  ASSERT_OK_AND_ASSIGN(double d, dec.ReadDouble());
  ASSERT_OK_AND_ASSIGN(float nan, dec.ReadFloat());
  ASSERT_OK_AND_ASSIGN(double inf, dec.ReadDouble());
  ASSERT_OK_AND_ASSIGN(double neg_zero, dec.ReadDouble());
  EXPECT_EQ(f, 1.0f);
  EXPECT_EQ(d, -2.5);
  EXPECT_TRUE(std::isnan(nan));
  EXPECT_TRUE(std::isinf(inf));
  EXPECT_TRUE(std::signbit(neg_zero));
  ASSERT_STATUS(kCorruption, "a float needs 4", dec.ReadFloat());
}

TEST(AvroBinaryTest, BytesAndStringsAreViewsIntoTheInput) {
  std::string buf;
  AvroEncoder enc(buf);
  enc.WriteString("foo");
  enc.WriteBytes(std::string_view("\0\xff", 2));
  enc.WriteBytes("");
  EXPECT_EQ(buf.substr(0, 4), Bytes({0x06, 'f', 'o', 'o'}));  // the specification's example
  AvroDecoder dec(buf);
  ASSERT_OK_AND_ASSIGN(std::string_view s, dec.ReadBytes());
  ASSERT_OK_AND_ASSIGN(std::string_view b, dec.ReadBytes());
  ASSERT_OK_AND_ASSIGN(std::string_view e, dec.ReadBytes());
  EXPECT_EQ(s, "foo");
  EXPECT_EQ(s.data(), buf.data() + 1);
  EXPECT_EQ(b, std::string_view("\0\xff", 2));
  EXPECT_TRUE(e.empty());
  EXPECT_TRUE(dec.at_end());
}

TEST(AvroBinaryTest, HostileLengthsAreRejectedBeforeUse) {
  // 2^40 bytes claimed, 3 present.
  std::string huge = EncodeLong(int64_t{1} << 40) + "abc";
  AvroDecoder dec(huge);
  ASSERT_STATUS(kCorruption, "at byte 0: length 1099511627776 exceeds the 3 bytes left after it",
                dec.ReadBytes());
  EXPECT_EQ(dec.position(), 0u);
  std::string negative = EncodeLong(-5) + "abcdef";
  AvroDecoder dec2(negative);
  ASSERT_STATUS(kCorruption, "negative length -5", dec2.ReadBytes());
  std::string max = EncodeLong(INT64_MAX);
  AvroDecoder dec3(max);
  ASSERT_STATUS(kCorruption, "exceeds", dec3.ReadBytes());
  AvroDecoder dec4(std::string_view("ab"));
  ASSERT_STATUS(kCorruption, "a fixed needs 3", dec4.ReadFixed(3));
  ASSERT_STATUS(kCorruption, "skipped bytes", dec4.Skip(5));
}

TEST(AvroBinaryTest, BlockHeadersWithAndWithoutByteSizes) {
  std::string buf;
  AvroEncoder enc(buf);
  enc.WriteBlockCount(3);
  enc.WriteBlockCount(-2);
  enc.WriteLong(1);  // byte size
  buf.push_back('x');
  enc.WriteBlockCount(0);
  AvroDecoder dec(buf);
  ASSERT_OK_AND_ASSIGN(AvroBlockHeader a, dec.ReadBlockHeader());
  EXPECT_EQ(a.count, 3);
  EXPECT_EQ(a.byte_size, -1);
  ASSERT_OK_AND_ASSIGN(AvroBlockHeader b, dec.ReadBlockHeader());
  EXPECT_EQ(b.count, 2);
  EXPECT_EQ(b.byte_size, 1);
  ASSERT_OK(dec.Skip(1));
  ASSERT_OK_AND_ASSIGN(AvroBlockHeader c, dec.ReadBlockHeader());
  EXPECT_EQ(c.count, 0);
}

TEST(AvroBinaryTest, HostileBlockHeadersAreRejected) {
  std::string min = EncodeLong(INT64_MIN);
  AvroDecoder a(min);
  ASSERT_STATUS(kCorruption, "cannot be negated", a.ReadBlockHeader());
  std::string negative_size = EncodeLong(-1) + EncodeLong(-7);
  AvroDecoder b(negative_size);
  ASSERT_STATUS(kCorruption, "negative block size -7", b.ReadBlockHeader());
  std::string big_size = EncodeLong(-1) + EncodeLong(int64_t{1} << 50) + "xy";
  AvroDecoder c(big_size);
  ASSERT_STATUS(kCorruption, "block size 1125899906842624 exceeds the 2 bytes left",
                c.ReadBlockHeader());
}

}  // namespace
}  // namespace floe::avro
