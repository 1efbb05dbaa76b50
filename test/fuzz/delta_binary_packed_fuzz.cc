// (c) DELTA_BINARY_PACKED for int32 and int64.
//
// Input: byte 0 = control (bit 0: int64 instead of int32; the rest seeds the
// batch sizes), then the stream. The values are decoded twice, in random
// batches and one at a time, which must agree; the decoder may not claim to
// have used more bytes than it had; and re-encoding what it produced and
// decoding that must give the same values.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "formats/parquet/encoding/delta_binary_packed.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::DeltaBinaryPackedDecoder;
using parquet::DeltaBinaryPackedEncoder;

// The header may claim 2^40 values, and miniblocks of width 0 cost no bytes.
constexpr int64_t kMaxValues = int64_t{1} << 17;
// Decoding one value per call is slow; only the first values are compared.
constexpr int64_t kMaxSingleSteps = int64_t{1} << 12;

template <typename T>
void Run(const uint8_t* data, int64_t size, uint8_t control) {
  auto dec = DeltaBinaryPackedDecoder<T>::Make(data, size);
  if (!dec.has_value()) return;
  FLOE_FUZZ_CHECK(dec->bytes_consumed() <= size);
  const int64_t n = std::min(dec->total_values(), kMaxValues);
  std::vector<T> values(static_cast<size_t>(n));
  SplitMix64 rng(control);
  int64_t done = 0;
  bool ok = true;
  while (done < n) {
    const int64_t want = std::min<int64_t>(1 + static_cast<int64_t>(rng.Below(700)), n - done);
    Result<int64_t> got = dec->GetBatch(values.data() + done, want);
    if (!got.has_value()) {
      ok = false;
      break;
    }
    FLOE_FUZZ_CHECK(*got == want);  // fewer only when the stream holds fewer
    done += *got;
    FLOE_FUZZ_CHECK(dec->bytes_consumed() <= size);
  }
  values.resize(static_cast<size_t>(done));

  // One value at a time.
  auto single = DeltaBinaryPackedDecoder<T>::Make(data, size);
  FLOE_FUZZ_CHECK(single.has_value());
  const int64_t steps = std::min<int64_t>(done, kMaxSingleSteps);
  for (int64_t i = 0; i < steps; ++i) {
    T v;
    Result<int64_t> got = single->GetBatch(&v, 1);
    FLOE_FUZZ_CHECK(got.has_value() && *got == 1);
    FLOE_FUZZ_CHECK(v == values[i]);
  }
  if (!ok) return;

  DeltaBinaryPackedEncoder<T> encoder;
  for (T v : values) encoder.Put(v);
  std::vector<uint8_t> encoded;
  encoder.FinishInto(encoded);
  auto again =
      DeltaBinaryPackedDecoder<T>::Make(encoded.data(), static_cast<int64_t>(encoded.size()));
  FLOE_FUZZ_CHECK(again.has_value());
  FLOE_FUZZ_CHECK(again->total_values() == done);
  std::vector<T> back(values.size());
  Result<int64_t> got = again->GetBatch(back.data(), static_cast<int64_t>(back.size()));
  FLOE_FUZZ_CHECK(got.has_value() && *got == done);
  FLOE_FUZZ_CHECK(back == values);
  FLOE_FUZZ_CHECK(again->bytes_consumed() <= static_cast<int64_t>(encoded.size()));
}

}  // namespace

int FuzzDeltaBinaryPacked(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t control = in.TakeByte();
  if (control & 1) {
    Run<int64_t>(in.rest(), in.rest_size(), control);
  } else {
    Run<int32_t>(in.rest(), in.rest_size(), control);
  }
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzDeltaBinaryPacked(data, size);
}
#endif
