// (c) DELTA_BYTE_ARRAY (incremental / front coding).
//
// Input: bytes 0-2 = the number of values (little endian, at most
// kMaxValues), then the page's values section. The rebuilt values must lie in
// the decoder's buffer (ASan checks the bytes as they are hashed), each must
// share its stated prefix with the one before, and re-encoding the values
// and decoding that must give them back.
//
// Front coding lets a 64 KiB page describe up to 4 GiB of values; the decoder
// refuses more than DeltaByteArrayDecoder::kMaxDecodedBytes (512 MiB). Only
// the first kMaxCheckedBytes are hashed and round-tripped.
#include <string_view>
#include <vector>

#include "formats/parquet/encoding/delta_byte_array.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::ByteArrayRef;
using parquet::DeltaByteArrayDecoder;

constexpr int64_t kMaxValues = int64_t{1} << 16;
constexpr int64_t kMaxCheckedBytes = int64_t{4} << 20;

}  // namespace

int FuzzDeltaByteArray(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const auto num_values = static_cast<int64_t>(in.TakeLittleEndian(3) % (kMaxValues + 1));
  auto dec = DeltaByteArrayDecoder::Make(in.rest(), in.rest_size(), num_values);
  if (!dec.has_value()) return 0;
  FLOE_FUZZ_CHECK(static_cast<int64_t>(dec->values().size()) == num_values);
  FLOE_FUZZ_CHECK(dec->buffer() != nullptr);
  const uint8_t* begin = dec->buffer()->data();
  const uint8_t* end = begin + dec->buffer()->size();
  std::vector<std::string_view> values;
  int64_t checked = 0;
  uint64_t sink = 0;
  for (const ByteArrayRef& v : dec->values()) {
    FLOE_FUZZ_CHECK(v.length == 0 || (v.data >= begin && v.data + v.length <= end));
    checked += v.length;
    if (checked > kMaxCheckedBytes) return 0;
    sink = Fnv1a(v.data, v.length, sink);
    values.push_back(v.view());
  }
  DoNotOptimize(sink);

  std::vector<uint8_t> encoded;
  parquet::EncodeDeltaByteArray(values, encoded);
  auto again =
      DeltaByteArrayDecoder::Make(encoded.data(), static_cast<int64_t>(encoded.size()), num_values);
  FLOE_FUZZ_CHECK(again.has_value());
  for (size_t i = 0; i < values.size(); ++i) {
    FLOE_FUZZ_CHECK(again->values()[i].view() == values[i]);
  }
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzDeltaByteArray(data, size);
}
#endif
