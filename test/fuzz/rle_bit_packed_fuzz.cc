// (c) The RLE / bit-packed hybrid decoder (levels, dictionary indices,
// booleans).
//
// Input: byte 0 = control: bits 0-5 the bit width (33..63 must be refused),
// bits 6-7 pick the batch sizes; the rest is the encoded runs. That is the
// layout of an RLE_DICTIONARY page (bit width byte, then runs), so such pages
// are seeds as they are.
//
// The data is decoded twice: as uint32_t in batches, and into the narrowest
// type a reader would use (uint8_t up to 8 bits, int16_t up to 16 as for
// levels, int32_t above) mixing GetBatch and Skip. The two must agree on
// every value, on where the data ends and on whether it is corrupt. When
// every value fits the bit width, re-encoding them and decoding the result
// must give them back.
#include <algorithm>
#include <type_traits>
#include <vector>

#include "formats/parquet/encoding/rle_bit_packed.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::RleBitPackedDecoder;
using parquet::RleBitPackedEncoder;

// A run header of a few bytes can claim 2^40 values. (A 64 KiB input holds
// 2^16 values of 8 bits.)
constexpr int64_t kMaxValues = int64_t{1} << 16;

int64_t BatchSize(SplitMix64& rng, int pattern) {
  switch (pattern) {
    case 0:
      return 1 + static_cast<int64_t>(rng.Below(1024));
    case 1:
      return 1 + static_cast<int64_t>(rng.Below(9));  // within bit-packed groups
    case 2:
      return int64_t{1} << rng.Below(17);
    default:
      return kMaxValues;
  }
}

struct Decoded {
  std::vector<uint32_t> values;  // those of the batches that succeeded
  bool ok = true;                // false if a batch failed
};

Decoded DecodeAll(const uint8_t* data, int64_t size, int width, int pattern) {
  Decoded d;
  auto dec = RleBitPackedDecoder::Make(data, size, width);
  FLOE_FUZZ_CHECK(dec.has_value());
  SplitMix64 rng(static_cast<uint64_t>(size) * 64 + static_cast<uint64_t>(width));
  int64_t done = 0;
  while (done < kMaxValues) {
    const int64_t want = std::min(BatchSize(rng, pattern), kMaxValues - done);
    d.values.resize(static_cast<size_t>(done + want));
    Result<int64_t> got = dec->GetBatch(d.values.data() + done, want);
    if (!got.has_value()) {
      d.ok = false;
      break;
    }
    FLOE_FUZZ_CHECK(*got >= 0 && *got <= want);
    done += *got;
    if (*got < want) break;
  }
  d.values.resize(static_cast<size_t>(done));
  return d;
}

// Decodes into T with some stretches skipped and compares with `expect`.
template <typename T>
void DecodeNarrowAndCompare(const uint8_t* data, int64_t size, int width, const Decoded& expect) {
  auto dec = RleBitPackedDecoder::Make(data, size, width);
  FLOE_FUZZ_CHECK(dec.has_value());
  SplitMix64 rng(static_cast<uint64_t>(size) ^ 0x5eedULL);
  const auto known = static_cast<int64_t>(expect.values.size());
  std::vector<T> buf(1024);
  int64_t done = 0;
  bool ok = true;
  while (done < kMaxValues) {
    const int64_t want =
        std::min<int64_t>(1 + static_cast<int64_t>(rng.Below(1024)), kMaxValues - done);
    const bool skip = rng.Below(4) == 0;
    Result<int64_t> got = skip ? dec->Skip(want) : dec->GetBatch(buf.data(), want);
    if (!got.has_value()) {
      ok = false;
      break;
    }
    FLOE_FUZZ_CHECK(*got >= 0 && *got <= want);
    if (!skip) {
      for (int64_t i = 0; i < *got && done + i < known; ++i) {
        FLOE_FUZZ_CHECK(buf[i] == static_cast<T>(expect.values[done + i]));
      }
    }
    done += *got;
    if (*got < want) break;
  }
  // Both decoders meet the same run headers in the same order.
  FLOE_FUZZ_CHECK(ok == expect.ok);
  if (ok) FLOE_FUZZ_CHECK(done == known);
}

void CheckRoundTrip(const std::vector<uint32_t>& values, int width) {
  if (width < 32) {
    for (uint32_t v : values) {
      // An RLE run stores its value in whole bytes, so it can exceed the
      // bit width; such data cannot be re-encoded.
      if (v >> width != 0) return;
    }
  }
  RleBitPackedEncoder encoder(width);
  for (uint32_t v : values) encoder.Put(v);
  std::vector<uint8_t> encoded;
  encoder.FinishInto(encoded);
  const uint8_t empty = 0;
  auto dec = RleBitPackedDecoder::Make(encoded.empty() ? &empty : encoded.data(),
                                       static_cast<int64_t>(encoded.size()), width);
  FLOE_FUZZ_CHECK(dec.has_value());
  std::vector<uint32_t> back(values.size());
  Result<int64_t> got = dec->GetBatch(back.data(), static_cast<int64_t>(back.size()));
  FLOE_FUZZ_CHECK(got.has_value() && *got == static_cast<int64_t>(values.size()));
  FLOE_FUZZ_CHECK(back == values);
}

}  // namespace

int FuzzRleBitPacked(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t control = in.TakeByte();
  const int width = control & 0x3f;
  const int pattern = control >> 6;
  if (width > 32) {
    FLOE_FUZZ_CHECK(!RleBitPackedDecoder::Make(in.rest(), in.rest_size(), width).has_value());
    return 0;
  }
  const Decoded all = DecodeAll(in.rest(), in.rest_size(), width, pattern);
  if (width <= 8) {
    DecodeNarrowAndCompare<uint8_t>(in.rest(), in.rest_size(), width, all);
  } else if (width <= 16) {
    DecodeNarrowAndCompare<int16_t>(in.rest(), in.rest_size(), width, all);
  } else {
    DecodeNarrowAndCompare<int32_t>(in.rest(), in.rest_size(), width, all);
  }
  if (all.ok) CheckRoundTrip(all.values, width);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzRleBitPacked(data, size);
}
#endif
