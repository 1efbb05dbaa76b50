// (c) DELTA_LENGTH_BYTE_ARRAY.
//
// Input: bytes 0-2 = the number of values (little endian, at most
// kMaxValues), then the page's values section. Every value handed out must
// lie inside the input (ASan checks the bytes as they are hashed), the bytes
// used may not exceed the input, and re-encoding the values and decoding
// that must give them back.
#include <string_view>
#include <vector>

#include "formats/parquet/encoding/delta_byte_array.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::ByteArrayRef;
using parquet::DeltaLengthByteArrayDecoder;

constexpr int64_t kMaxValues = int64_t{1} << 16;

}  // namespace

int FuzzDeltaLengthByteArray(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const auto num_values = static_cast<int64_t>(in.TakeLittleEndian(3) % (kMaxValues + 1));
  const uint8_t* begin = in.rest();
  const uint8_t* end = begin + in.rest_size();
  auto dec = DeltaLengthByteArrayDecoder::Make(begin, in.rest_size(), num_values);
  if (!dec.has_value()) return 0;
  FLOE_FUZZ_CHECK(static_cast<int64_t>(dec->values().size()) == num_values);
  FLOE_FUZZ_CHECK(dec->bytes_consumed() >= 0 && dec->bytes_consumed() <= in.rest_size());
  std::vector<std::string_view> values;
  uint64_t sink = 0;
  for (const ByteArrayRef& v : dec->values()) {
    FLOE_FUZZ_CHECK(v.length == 0 || (v.data >= begin && v.data + v.length <= end));
    sink = Fnv1a(v.data, v.length, sink);
    values.push_back(v.view());
  }
  DoNotOptimize(sink);

  std::vector<uint8_t> encoded;
  parquet::EncodeDeltaLengthByteArray(values, encoded);
  auto again = DeltaLengthByteArrayDecoder::Make(encoded.data(),
                                                 static_cast<int64_t>(encoded.size()), num_values);
  FLOE_FUZZ_CHECK(again.has_value());
  FLOE_FUZZ_CHECK(again->bytes_consumed() == static_cast<int64_t>(encoded.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    FLOE_FUZZ_CHECK(again->values()[i].view() == values[i]);
  }
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzDeltaLengthByteArray(data, size);
}
#endif
