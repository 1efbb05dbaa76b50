// (c) BYTE_STREAM_SPLIT.
//
// Input: byte 0 = control (bits 0-4: the value width minus 1, so 1..32 bytes,
// covering FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY of up to 32;
// bit 5: claim one value more than the data holds, which must be refused;
// bit 6: claim the data is one byte longer than the values, also refused),
// then the values. Decoding and re-encoding must give the input back.
#include <algorithm>
#include <vector>

#include "formats/parquet/encoding/byte_stream_split.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {

int FuzzByteStreamSplit(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t control = in.TakeByte();
  const int width = 1 + (control & 31);
  const int64_t num_values = in.rest_size() / width;
  const int64_t bytes = num_values * width;  // whole values only
  // Exactly the size of the values, so ASan sees a write past them.
  std::vector<uint8_t> out(static_cast<size_t>(bytes));
  if (control & 32) {
    Status st = parquet::DecodeByteStreamSplit(in.rest(), bytes, width, num_values + 1, out.data());
    FLOE_FUZZ_CHECK(!st.ok());
    return 0;
  }
  if ((control & 64) && bytes < in.rest_size()) {
    Status st = parquet::DecodeByteStreamSplit(in.rest(), bytes + 1, width, num_values, out.data());
    FLOE_FUZZ_CHECK(!st.ok());
    return 0;
  }
  Status st = parquet::DecodeByteStreamSplit(in.rest(), bytes, width, num_values, out.data());
  FLOE_FUZZ_CHECK(st.ok());
  std::vector<uint8_t> back(static_cast<size_t>(bytes));
  parquet::EncodeByteStreamSplit(out.data(), width, num_values, back.data());
  FLOE_FUZZ_CHECK(std::equal(back.begin(), back.end(), in.rest()));
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzByteStreamSplit(data, size);
}
#endif
