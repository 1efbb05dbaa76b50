// TypedStatistics (orders, NaN, signed zeros, signed bytes), bound
// truncation, and the dictionary encoder's treatment of floats.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "formats/parquet/writer/bound_truncation.h"
#include "formats/parquet/writer/dictionary_encoder.h"
#include "formats/parquet/writer/typed_statistics.h"

namespace floe::parquet {
namespace {

TEST(TypedStatisticsTest, FloatsLeaveOutNaNAndWriteSignedZeros) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  TypedStatistics<double> stats;
  const double values[] = {nan, 0.0, -0.0, nan};
  stats.Update(values, 4);
  stats.AddNulls(2);
  const EncodedStatistics e = stats.Encode({});
  EXPECT_EQ(e.nan_count, 2);
  EXPECT_EQ(e.null_count, 2);
  EXPECT_EQ(e.non_null_count, 4);
  ASSERT_TRUE(e.min && e.max);
  EXPECT_EQ(*e.min, TypedStatistics<double>::EncodePlain(-0.0));
  EXPECT_EQ(*e.max, TypedStatistics<double>::EncodePlain(0.0));

  TypedStatistics<float> only_nan;
  const float nans[] = {std::nanf(""), -std::nanf("")};
  only_nan.Update(nans, 2);
  EXPECT_FALSE(only_nan.Encode({}).min.has_value());
  EXPECT_EQ(only_nan.nan_count(), 2);
}

TEST(TypedStatisticsTest, ByteOrders) {
  TypedStatistics<std::string_view> unsigned_bytes;
  const std::string_view values[] = {"\x80", "\x7f", "a", ""};
  unsigned_bytes.Update(values, 4);
  EXPECT_EQ(unsigned_bytes.min(), "");
  EXPECT_EQ(unsigned_bytes.max(), "\x80");
  // Big-endian two's complement: 0x80.. is the most negative.
  TypedStatistics<std::string_view> decimals(/*signed_bytes=*/true);
  const std::string_view d[] = {std::string_view("\x80\x00", 2), std::string_view("\x7f\xff", 2),
                                std::string_view("\xff\xff", 2), std::string_view("\x00\x01", 2)};
  decimals.Update(d, 4);
  EXPECT_EQ(decimals.min(), std::string("\x80\x00", 2));
  EXPECT_EQ(decimals.max(), std::string("\x7f\xff", 2));
  // Merging keeps copies: the inputs may go away.
  TypedStatistics<std::string_view> merged;
  {
    std::string transient = "zzz";
    const std::string_view v[] = {transient};
    TypedStatistics<std::string_view> part;
    part.Update(v, 1);
    merged.Merge(part);
  }
  EXPECT_EQ(merged.max(), "zzz");
}

TEST(BoundTruncationTest, Utf8AndBytes) {
  EXPECT_EQ(TruncateLowerBound("abcdef", 3, false), "abc");
  EXPECT_EQ(TruncateUpperBound("abcdef", 3, false), "abd");
  EXPECT_EQ(TruncateUpperBound("ab\xff\xff", 3, false), "ac");
  EXPECT_EQ(TruncateUpperBound("\xff\xff\xff\xff", 3, false), std::nullopt);
  EXPECT_EQ(TruncateUpperBound("abc", 3, false), "abc");  // short enough: exact
  // "aé€" is 61 C3 A9 E2 82 AC: a cut at 4 bytes falls inside '€'.
  EXPECT_EQ(TruncateLowerBound("a\xC3\xA9\xE2\x82\xAC", 4, true), "a\xC3\xA9");
  EXPECT_EQ(TruncateUpperBound("a\xC3\xA9\xE2\x82\xAC", 4, true), "a\xC3\xAA");  // é -> ê
  // U+10FFFF cannot grow: the character before it is incremented instead.
  EXPECT_EQ(TruncateUpperBound("b\xF4\x8F\xBF\xBFzz", 5, true), "c");
  // U+D7FF + 1 skips the surrogates to U+E000.
  EXPECT_EQ(TruncateUpperBound("\xED\x9F\xBFzz", 3, true), "\xEE\x80\x80");
  // U+07FF + 1 needs three bytes: with room for two only, the previous
  // character is incremented.
  EXPECT_EQ(TruncateUpperBound("a\xDF\xBFzz", 3, true), "b");
}

TEST(DictionaryEncoderTest, FloatsByBitPattern) {
  DictionaryEncoder<double> dict;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(dict.GetOrInsert(0.0), 0u);
  EXPECT_EQ(dict.GetOrInsert(-0.0), 1u);
  EXPECT_EQ(dict.GetOrInsert(nan), 2u);
  EXPECT_EQ(dict.GetOrInsert(nan), 2u);
  EXPECT_EQ(dict.GetOrInsert(0.0), 0u);
  EXPECT_EQ(dict.num_entries(), 3);
  EXPECT_EQ(dict.encoded_size(), 24);
  // Many entries: the table grows and keeps every index.
  DictionaryEncoder<std::string_view> strings;
  for (int i = 0; i < 5000; ++i) {
    const std::string s = std::to_string(i);
    EXPECT_EQ(strings.GetOrInsert(s), static_cast<uint32_t>(i));
  }
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(strings.GetOrInsert(std::to_string(i)), static_cast<uint32_t>(i));
  }
  const std::vector<uint8_t> page = strings.EncodePage();
  EXPECT_EQ(static_cast<int64_t>(page.size()), strings.encoded_size());
  EXPECT_EQ(page[0], 1);  // length 1, little endian
  EXPECT_EQ(page[4], '0');
}

}  // namespace
}  // namespace floe::parquet
