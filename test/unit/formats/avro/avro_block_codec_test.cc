// AvroBlockCodec and Codec::DecompressUnknownSize: Avro's block codecs round trip, and output
// whose size no header records is capped exactly at the limit.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "formats/avro/avro_block_codec.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

std::span<const uint8_t> Span(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string Sample(size_t n) {
  std::mt19937 rng(7);
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('a' + rng() % 6));
  return out;
}

TEST(AvroBlockCodecTest, NamesRoundTrip) {
  for (AvroCodec c :
       {AvroCodec::kNull, AvroCodec::kDeflate, AvroCodec::kSnappy, AvroCodec::kZstandard}) {
    ASSERT_OK_AND_ASSIGN(AvroCodec parsed, ParseAvroCodec(AvroCodecName(c)));
    EXPECT_EQ(parsed, c);
  }
  ASSERT_STATUS(kNotSupported, "codec 'bzip2' is not supported", ParseAvroCodec("bzip2"));
  ASSERT_STATUS(kNotSupported, "codec 'a?b'", ParseAvroCodec(std::string_view("a\nb")));
}

TEST(AvroBlockCodecTest, EveryCodecRoundTripsAndCapsItsOutput) {
  for (AvroCodec c :
       {AvroCodec::kNull, AvroCodec::kDeflate, AvroCodec::kSnappy, AvroCodec::kZstandard}) {
    SCOPED_TRACE(std::string(AvroCodecName(c)));
    ASSERT_OK_AND_ASSIGN(auto codec, AvroBlockCodec::Make(c));
    for (size_t n :
         {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097}, size_t{300000}}) {
      const std::string data = Sample(n);
      ASSERT_OK_AND_ASSIGN(std::string compressed, codec->Compress(data));
      // Exactly at the limit is fine; one byte below it is not.
      ASSERT_OK_AND_ASSIGN(std::string back,
                           codec->Decompress(Span(compressed), static_cast<int64_t>(n)));
      EXPECT_EQ(back, data);
      if (n > 0) {
        ASSERT_STATUS(kCorruption, "limit of",
                      codec->Decompress(Span(compressed), static_cast<int64_t>(n) - 1));
      }
    }
  }
}

TEST(AvroBlockCodecTest, SnappyBlocksCarryTheirCrc) {
  ASSERT_OK_AND_ASSIGN(auto codec, AvroBlockCodec::Make(AvroCodec::kSnappy));
  ASSERT_OK_AND_ASSIGN(std::string compressed, codec->Compress("hello hello hello"));
  // The last four bytes are the big-endian CRC-32 of "hello hello hello" (0xe5f98880, as
  // Python's zlib.crc32 computes it).
  EXPECT_EQ(compressed.substr(compressed.size() - 4), "\xe5\xf9\x88\x80");
  compressed[compressed.size() - 1] ^= 1;
  ASSERT_STATUS(kCorruption, "does not match", codec->Decompress(Span(compressed), 1000));
  ASSERT_STATUS(kCorruption, "no room for its CRC-32", codec->Decompress(Span("abc"), 1000));
}

TEST(AvroBlockCodecTest, CorruptAndTruncatedStreams) {
  const std::string data = Sample(100000);
  for (AvroCodec c : {AvroCodec::kDeflate, AvroCodec::kZstandard}) {
    SCOPED_TRACE(std::string(AvroCodecName(c)));
    ASSERT_OK_AND_ASSIGN(auto codec, AvroBlockCodec::Make(c));
    ASSERT_OK_AND_ASSIGN(std::string compressed, codec->Compress(data));
    ASSERT_STATUS(kCorruption, "",
                  codec->Decompress(Span(compressed.substr(0, compressed.size() / 2)), 1 << 20));
    ASSERT_STATUS(kCorruption, "", codec->Decompress(Span(std::string(64, '\xff')), 1 << 20));
  }
}

}  // namespace
}  // namespace floe::avro
