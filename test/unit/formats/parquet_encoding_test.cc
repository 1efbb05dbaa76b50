// Parquet value encodings: round trips through our encoders, hand-made byte
// streams from the spec's examples, and hostile inputs.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/byte_stream_split.h"
#include "formats/parquet/encoding/delta_binary_packed.h"
#include "formats/parquet/encoding/delta_byte_array.h"
#include "formats/parquet/encoding/plain.h"
#include "formats/parquet/encoding/rle_bit_packed.h"
#include "formats/parquet/encoding/varint.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

TEST(BitPackingTest, SpecExample) {
  // parquet-format's example: 0..7 with bit width 3 packs to 10001000 11000110 11111010.
  uint32_t values[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  uint8_t packed[3] = {};
  PackBits(values, 8, 3, packed);
  EXPECT_EQ(packed[0], 0b10001000);
  EXPECT_EQ(packed[1], 0b11000110);
  EXPECT_EQ(packed[2], 0b11111010);
  uint32_t back[8];
  UnpackBits<uint32_t>(packed, 3, 3, 8, back);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(back[i], values[i]);
}

TEST(BitPackingTest, AllWidthsRoundTrip) {
  std::mt19937_64 rng(1);
  for (int width = 0; width <= 64; ++width) {
    std::vector<uint64_t> v(77);
    uint64_t mask = width == 64 ? ~0ULL : (1ULL << width) - 1;
    for (auto& x : v) x = rng() & mask;
    std::vector<uint8_t> packed((v.size() * width + 7) / 8, 0);
    PackBits(v.data(), static_cast<int64_t>(v.size()), width, packed.data());
    std::vector<uint64_t> back(v.size());
    UnpackBits<uint64_t>(packed.data(), static_cast<int64_t>(packed.size()), width,
                         static_cast<int64_t>(v.size()), back.data());
    EXPECT_EQ(back, v) << "width " << width;
  }
}

TEST(RleBitPackedTest, DecodesHandMadeRuns) {
  // RLE run: 5 x value 3 (width 2): header 5<<1 = 10, value 1 byte.
  // Bit-packed run: 1 group (8 values 0,1,2,3,0,1,2,3) width 2: header 3, 2 bytes.
  std::vector<uint8_t> data = {10, 3, 3, 0b11100100, 0b11100100};
  ASSERT_OK_AND_ASSIGN(auto dec, RleBitPackedDecoder::Make(data.data(), data.size(), 2));
  std::vector<int16_t> out(20, -1);
  ASSERT_OK_AND_ASSIGN(int64_t n, dec.GetBatch(out.data(), 20));
  ASSERT_EQ(n, 13);
  std::vector<int16_t> expect = {3, 3, 3, 3, 3, 0, 1, 2, 3, 0, 1, 2, 3};
  EXPECT_EQ(std::vector<int16_t>(out.begin(), out.begin() + 13), expect);
}

TEST(RleBitPackedTest, RoundTripsInSmallBatchesWithSkips) {
  std::mt19937 rng(2);
  for (int width : {1, 2, 3, 7, 8, 13, 16, 20, 32}) {
    std::vector<uint32_t> v;
    uint32_t mask = width == 32 ? ~0u : (1u << width) - 1;
    // Mixed: long repeats, literals, short repeats.
    while (v.size() < 5000) {
      uint32_t x = rng() & mask;
      int kind = rng() % 3;
      int len = kind == 0 ? 1 + rng() % 100 : kind == 1 ? 1 : 1 + rng() % 9;
      for (int i = 0; i < len; ++i) v.push_back(kind == 1 ? (rng() & mask) : x);
    }
    RleBitPackedEncoder enc(width);
    for (uint32_t x : v) enc.Put(x);
    std::vector<uint8_t> data;
    enc.FinishInto(data);
    ASSERT_OK_AND_ASSIGN(auto dec, RleBitPackedDecoder::Make(data.data(), data.size(), width));
    std::vector<uint32_t> back;
    size_t i = 0;
    while (i < v.size()) {
      int64_t want = 1 + rng() % 37;
      if (rng() % 5 == 0) {
        ASSERT_OK_AND_ASSIGN(int64_t skipped, dec.Skip(want));
        for (int64_t k = 0; k < skipped; ++k) back.push_back(v[i + k]);
        i += skipped;
        if (skipped < want) break;
        continue;
      }
      std::vector<uint32_t> chunk(want);
      ASSERT_OK_AND_ASSIGN(int64_t got, dec.GetBatch(chunk.data(), want));
      back.insert(back.end(), chunk.begin(), chunk.begin() + got);
      i += got;
      if (got < want) break;
    }
    // The final literal group may be padded: at least v.size() values come back.
    ASSERT_GE(back.size(), v.size()) << "width " << width;
    back.resize(v.size());
    EXPECT_EQ(back, v) << "width " << width;
  }
}

TEST(RleBitPackedTest, LongRepeatsBecomeRleRuns) {
  RleBitPackedEncoder enc(1);
  enc.PutRepeated(1, 100000);
  std::vector<uint8_t> data;
  enc.FinishInto(data);
  EXPECT_LE(data.size(), 5u);
}

TEST(RleBitPackedTest, HostileInput) {
  EXPECT_FALSE(RleBitPackedDecoder::Make(nullptr, 0, 33).has_value());
  // Varint that never ends.
  std::vector<uint8_t> bad(20, 0xff);
  ASSERT_OK_AND_ASSIGN(auto dec, RleBitPackedDecoder::Make(bad.data(), bad.size(), 8));
  std::vector<uint32_t> out(8);
  EXPECT_FALSE(dec.GetBatch(out.data(), 8).has_value());
  // RLE run whose value is cut off.
  std::vector<uint8_t> cut = {8};
  ASSERT_OK_AND_ASSIGN(auto dec2, RleBitPackedDecoder::Make(cut.data(), cut.size(), 16));
  EXPECT_FALSE(dec2.GetBatch(out.data(), 8).has_value());
  // Bit-packed run claiming 1000 groups with 3 bytes present: yields 3 values (width 8).
  std::vector<uint8_t> shortrun = {0xd1, 0x0f, 1, 2, 3};
  ASSERT_OK_AND_ASSIGN(auto dec3, RleBitPackedDecoder::Make(shortrun.data(), shortrun.size(), 8));
  ASSERT_OK_AND_ASSIGN(int64_t n, dec3.GetBatch(out.data(), 8));
  EXPECT_EQ(n, 3);
  EXPECT_EQ(out[2], 3u);
}

template <typename T>
std::vector<T> DeltaRoundTrip(const std::vector<T>& v) {
  DeltaBinaryPackedEncoder<T> enc;
  for (T x : v) enc.Put(x);
  std::vector<uint8_t> data;
  enc.FinishInto(data);
  data.push_back(0xAB);  // bytes after the stream must not be consumed
  auto dec = DeltaBinaryPackedDecoder<T>::Make(data.data(), data.size());
  EXPECT_TRUE(dec.has_value()) << dec.status().ToString();
  if (!dec.has_value()) return {};
  EXPECT_EQ(dec->total_values(), static_cast<int64_t>(v.size()));
  std::vector<T> back(v.size() + 5);
  int64_t got = 0;
  std::mt19937 rng(3);
  while (got < static_cast<int64_t>(v.size())) {
    auto n = dec->GetBatch(back.data() + got, 1 + rng() % 300);
    EXPECT_TRUE(n.has_value()) << n.status().ToString();
    if (!n.has_value() || *n == 0) break;
    got += *n;
  }
  EXPECT_EQ(dec->bytes_consumed(), static_cast<int64_t>(data.size()) - 1);
  back.resize(got);
  return back;
}

TEST(DeltaBinaryPackedTest, RoundTripsIncludingExtremes) {
  std::mt19937_64 rng(4);
  std::vector<int64_t> v64 = {INT64_MIN, INT64_MAX, 0, -1, INT64_MAX, INT64_MIN};
  for (int i = 0; i < 1000; ++i) v64.push_back(static_cast<int64_t>(rng()));
  for (int i = 0; i < 1000; ++i) v64.push_back(1000 + i * 3);
  EXPECT_EQ(DeltaRoundTrip(v64), v64);
  std::vector<int32_t> v32 = {INT32_MIN, INT32_MAX, 7, INT32_MIN};
  for (int i = 0; i < 777; ++i) v32.push_back(static_cast<int32_t>(rng()));
  EXPECT_EQ(DeltaRoundTrip(v32), v32);
  for (size_t n : {0, 1, 2, 128, 129, 130}) {
    std::vector<int32_t> s(n);
    for (size_t i = 0; i < n; ++i) s[i] = static_cast<int32_t>(i * i);
    EXPECT_EQ(DeltaRoundTrip(s), s) << n;
  }
}

TEST(DeltaBinaryPackedTest, SpecExample) {
  // 1, 2, 3, 4, 5: deltas all 1, min delta 1, bit width 0.
  std::vector<uint8_t> data = {
      0x80, 0x01, 0x04, 0x05, 0x02,  // 128, 4 miniblocks, 5 values, first 1
      0x02, 0,    0,    0,    0};    // min delta 1, widths 0
  ASSERT_OK_AND_ASSIGN(auto dec, DeltaBinaryPackedDecoder<int32_t>::Make(data.data(), data.size()));
  int32_t out[5];
  ASSERT_OK_AND_ASSIGN(int64_t n, dec.GetBatch(out, 5));
  ASSERT_EQ(n, 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(out[i], i + 1);
  EXPECT_EQ(dec.bytes_consumed(), 10);
}

TEST(DeltaBinaryPackedTest, HostileHeaders) {
  std::vector<std::vector<uint8_t>> bad = {
      {},                              // empty
      {0x00, 0x04, 0x05, 0x02},        // block size 0
      {0x81, 0x01, 0x04, 0x05, 0x02},  // block size 129
      {0x80, 0x01, 0x03, 0x05, 0x02},  // 3 miniblocks
      {0x80, 0x01, 0x00, 0x05, 0x02},  // 0 miniblocks
  };
  for (const auto& b : bad)
    EXPECT_FALSE(DeltaBinaryPackedDecoder<int32_t>::Make(b.data(), b.size()).has_value());
  // Bit width 40 in an int32 stream; truncated miniblock.
  std::vector<uint8_t> wide = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 40, 0, 0, 0};
  ASSERT_OK_AND_ASSIGN(auto dec, DeltaBinaryPackedDecoder<int32_t>::Make(wide.data(), wide.size()));
  int32_t out[5];
  ASSERT_STATUS(kCorruption, "bit width 40", dec.GetBatch(out, 5));
  std::vector<uint8_t> cut = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 8, 0, 0, 0, 1};
  ASSERT_OK_AND_ASSIGN(auto dec2, DeltaBinaryPackedDecoder<int32_t>::Make(cut.data(), cut.size()));
  ASSERT_STATUS(kCorruption, "miniblock needs", dec2.GetBatch(out, 5));
}

TEST(DeltaByteArrayTest, RoundTrips) {
  std::vector<std::string> strings = {"",
                                      "apple",
                                      "applesauce",
                                      "apply",
                                      "banana",
                                      "",
                                      "band",
                                      std::string(1000, 'x'),
                                      std::string(999, 'x') + "y"};
  std::vector<std::string_view> views(strings.begin(), strings.end());
  std::vector<uint8_t> dl, db;
  EncodeDeltaLengthByteArray(views, dl);
  EncodeDeltaByteArray(views, db);
  ASSERT_OK_AND_ASSIGN(auto a,
                       DeltaLengthByteArrayDecoder::Make(dl.data(), dl.size(), views.size()));
  ASSERT_OK_AND_ASSIGN(auto b, DeltaByteArrayDecoder::Make(db.data(), db.size(), views.size()));
  ASSERT_EQ(a.values().size(), views.size());
  ASSERT_EQ(b.values().size(), views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    EXPECT_EQ(a.values()[i].view(), views[i]) << i;
    EXPECT_EQ(b.values()[i].view(), views[i]) << i;
  }
  EXPECT_EQ(a.bytes_consumed(), static_cast<int64_t>(dl.size()));
  EXPECT_LT(db.size(), dl.size());  // shared prefixes pay off
}

TEST(DeltaByteArrayTest, HostileInput) {
  std::vector<std::string_view> views = {"abc", "abd"};
  std::vector<uint8_t> db;
  EncodeDeltaByteArray(views, db);
  // More values than encoded.
  EXPECT_FALSE(DeltaByteArrayDecoder::Make(db.data(), db.size(), 3).has_value());
  // Truncated bytes.
  EXPECT_FALSE(DeltaByteArrayDecoder::Make(db.data(), db.size() - 1, 2).has_value());
  // A prefix longer than the previous value: prefixes {5, 0}.
  DeltaBinaryPackedEncoder<int32_t> p;
  p.Put(5);
  p.Put(0);
  std::vector<uint8_t> bad;
  p.FinishInto(bad);
  EncodeDeltaLengthByteArray({"a", "b"}, bad);
  ASSERT_STATUS(kCorruption, "shares 5 bytes",
                DeltaByteArrayDecoder::Make(bad.data(), bad.size(), 2));
}

TEST(PlainTest, Types) {
  std::vector<uint8_t> page = {5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0,
                               0, 0, 0, 3, 0,   0,   0,   'a', 'b'};
  PlainDecoder d(page.data(), page.size());
  ByteArrayRef refs[2];
  ASSERT_OK(d.GetByteArrays(2, refs));
  EXPECT_EQ(refs[0].view(), "hello");
  EXPECT_EQ(refs[1].view(), "");
  ASSERT_STATUS(kCorruption, "claims 3 bytes", d.GetByteArrays(1, refs));

  uint8_t bools_page[] = {0b10110001, 0b1};
  PlainDecoder b(bools_page, 2);
  uint8_t out[9];
  ASSERT_OK(b.GetBooleans(3, out));
  ASSERT_OK(b.GetBooleans(6, out + 3));
  uint8_t expect[9] = {1, 0, 0, 0, 1, 1, 0, 1, 1};
  for (int i = 0; i < 9; ++i) EXPECT_EQ(out[i], expect[i]) << i;
  EXPECT_FALSE(b.GetBooleans(8, out).ok());

  int32_t ints[2] = {};
  uint8_t int_page[] = {1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
  PlainDecoder i(int_page, 8);
  ASSERT_OK(i.GetFixed(4, 2, ints));
  EXPECT_EQ(ints[0], 1);
  EXPECT_EQ(ints[1], -1);
  EXPECT_FALSE(i.GetFixed(4, 1, ints).ok());
}

TEST(ByteStreamSplitTest, RoundTripAndSizeCheck) {
  std::vector<double> v = {1.5, -2.25, 3.0e300, 0.0, -0.0};
  std::vector<uint8_t> enc(v.size() * 8);
  EncodeByteStreamSplit(reinterpret_cast<const uint8_t*>(v.data()), 8, v.size(), enc.data());
  std::vector<double> back(v.size());
  ASSERT_OK(DecodeByteStreamSplit(enc.data(), enc.size(), 8, v.size(),
                                  reinterpret_cast<uint8_t*>(back.data())));
  EXPECT_EQ(back, v);
  EXPECT_FALSE(DecodeByteStreamSplit(enc.data(), enc.size() - 1, 8, v.size(),
                                     reinterpret_cast<uint8_t*>(back.data()))
                   .ok());
}

TEST(VarintTest, Bounds) {
  std::vector<uint8_t> max = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  ByteCursor c(max.data(), max.size());
  ASSERT_OK_AND_ASSIGN(uint64_t v, c.ReadUleb128());
  EXPECT_EQ(v, ~0ULL);
  std::vector<uint8_t> over = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  ByteCursor o(over.data(), over.size());
  EXPECT_FALSE(o.ReadUleb128().has_value());
  std::vector<uint8_t> zz;
  AppendZigZag(zz, -3);
  ByteCursor z(zz.data(), zz.size());
  EXPECT_EQ(z.ReadZigZag().value(), -3);
}

}  // namespace
}  // namespace floe::parquet
