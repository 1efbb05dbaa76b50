#include "formats/compression/codec.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <vector>

#include "util/test_macros.h"

namespace floe {
namespace {

const CompressionKind kAll[] = {CompressionKind::kUncompressed, CompressionKind::kSnappy,
                                CompressionKind::kGzip,         CompressionKind::kZstd,
                                CompressionKind::kLz4Raw,       CompressionKind::kLz4Hadoop,
                                CompressionKind::kBrotli,       CompressionKind::kDeflate};

std::vector<uint8_t> Data(size_t n, bool compressible, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = compressible ? static_cast<uint8_t>("lakehouse"[i % 9] + (rng() % 50 == 0))
                        : static_cast<uint8_t>(rng());
  return v;
}

std::vector<uint8_t> CompressWith(const Codec& codec, const std::vector<uint8_t>& in) {
  std::vector<uint8_t> out(codec.MaxCompressedLength(in.size()));
  auto n = codec.Compress(in, out);
  EXPECT_TRUE(n.has_value()) << n.status().ToString();
  out.resize(n.value_or(0));
  return out;
}

class CodecTest : public ::testing::TestWithParam<CompressionKind> {};

TEST_P(CodecTest, RoundTrips) {
  ASSERT_OK_AND_ASSIGN(auto codec, Codec::Make(GetParam()));
  EXPECT_EQ(codec->kind(), GetParam());
  for (size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{65536}, size_t{1} << 20}) {
    for (bool compressible : {true, false}) {
      auto in = Data(n, compressible, static_cast<uint32_t>(n));
      auto compressed = CompressWith(*codec, in);
      if (compressible && n >= 65536 && GetParam() != CompressionKind::kUncompressed) {
        EXPECT_LT(compressed.size(), in.size() / 2) << CompressionKindName(GetParam());
      }
      std::vector<uint8_t> back(n);
      ASSERT_OK(codec->Decompress(compressed, back));
      EXPECT_EQ(back, in) << CompressionKindName(GetParam()) << " n=" << n;
    }
  }
}

TEST_P(CodecTest, WrongOutputSizeIsAnError) {
  ASSERT_OK_AND_ASSIGN(auto codec, Codec::Make(GetParam()));
  auto in = Data(4096, true, 1);
  auto compressed = CompressWith(*codec, in);
  std::vector<uint8_t> small(in.size() - 1), big(in.size() + 1);
  EXPECT_FALSE(codec->Decompress(compressed, small).ok());
  EXPECT_FALSE(codec->Decompress(compressed, big).ok());
}

TEST_P(CodecTest, CorruptInputNeverCrashes) {
  ASSERT_OK_AND_ASSIGN(auto codec, Codec::Make(GetParam()));
  auto in = Data(10000, true, 2);
  auto compressed = CompressWith(*codec, in);
  std::mt19937 rng(9);
  std::vector<uint8_t> out(in.size());
  int errors = 0;
  for (int trial = 0; trial < 300; ++trial) {
    auto bad = compressed;
    int flips = 1 + rng() % 4;
    for (int f = 0; f < flips && !bad.empty(); ++f) bad[rng() % bad.size()] ^= 1 + rng() % 255;
    if (trial % 3 == 0 && !bad.empty()) bad.resize(rng() % bad.size());  // truncated
    Status st = codec->Decompress(bad, out);
    if (!st.ok()) {
      ++errors;
      EXPECT_TRUE(st.IsCorruption()) << st.ToString();
    }
  }
  // Flipped literal bytes can decode "successfully" to other data, but most
  // damage must be caught (uncompressed data has no structure to check).
  if (GetParam() != CompressionKind::kUncompressed) {
    EXPECT_GT(errors, 50);
  }
  // Pure garbage.
  std::vector<uint8_t> garbage = Data(777, false, 3);
  EXPECT_FALSE(codec->Decompress(garbage, out).ok());
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest, ::testing::ValuesIn(kAll), [](const auto& info) {
  return std::string(CompressionKindName(info.param));
});

TEST(CodecGzipTest, ConcatenatedMembers) {
  ASSERT_OK_AND_ASSIGN(auto codec, Codec::Make(CompressionKind::kGzip));
  auto a = Data(3000, true, 4), b = Data(5000, false, 5);
  auto ca = CompressWith(*codec, a), cb = CompressWith(*codec, b);
  std::vector<uint8_t> joined = ca;
  joined.insert(joined.end(), cb.begin(), cb.end());
  std::vector<uint8_t> out(a.size() + b.size());
  ASSERT_OK(codec->Decompress(joined, out));
  std::vector<uint8_t> expect = a;
  expect.insert(expect.end(), b.begin(), b.end());
  EXPECT_EQ(out, expect);
}

TEST(CodecGzipTest, ReadsZlibStreams) {
  auto in = Data(2000, true, 6);
  uLongf n = compressBound(in.size());
  std::vector<uint8_t> z(n);
  ASSERT_EQ(compress(z.data(), &n, in.data(), in.size()), Z_OK);
  z.resize(n);
  ASSERT_OK_AND_ASSIGN(auto codec, Codec::Make(CompressionKind::kGzip));
  std::vector<uint8_t> out(in.size());
  ASSERT_OK(codec->Decompress(z, out));
  EXPECT_EQ(out, in);
}

TEST(CodecLz4Test, HadoopCodecReadsRawBlocks) {
  ASSERT_OK_AND_ASSIGN(auto raw, Codec::Make(CompressionKind::kLz4Raw));
  ASSERT_OK_AND_ASSIGN(auto hadoop, Codec::Make(CompressionKind::kLz4Hadoop));
  auto in = Data(50000, true, 7);
  auto block = CompressWith(*raw, in);
  std::vector<uint8_t> out(in.size());
  ASSERT_OK(hadoop->Decompress(block, out));
  EXPECT_EQ(out, in);
}

TEST(CodecLz4Test, HadoopMultiBlock) {
  ASSERT_OK_AND_ASSIGN(auto hadoop, Codec::Make(CompressionKind::kLz4Hadoop));
  auto a = Data(1000, true, 8), b = Data(2000, true, 9);
  auto ca = CompressWith(*hadoop, a), cb = CompressWith(*hadoop, b);
  ca.insert(ca.end(), cb.begin(), cb.end());
  std::vector<uint8_t> out(3000);
  ASSERT_OK(hadoop->Decompress(ca, out));
  EXPECT_TRUE(std::equal(a.begin(), a.end(), out.begin()));
  EXPECT_TRUE(std::equal(b.begin(), b.end(), out.begin() + 1000));
}

TEST(CodecTest, LevelsAreValidated) {
  EXPECT_TRUE(Codec::Make(CompressionKind::kZstd, 19).has_value());
  ASSERT_STATUS(kInvalidArgument, "zstd level", Codec::Make(CompressionKind::kZstd, 1000));
  ASSERT_STATUS(kInvalidArgument, "gzip level", Codec::Make(CompressionKind::kGzip, 10));
  ASSERT_STATUS(kInvalidArgument, "brotli", Codec::Make(CompressionKind::kBrotli, 12));
}

}  // namespace
}  // namespace floe
