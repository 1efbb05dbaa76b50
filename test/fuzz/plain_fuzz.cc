// (c) PLAIN decoding: byte arrays (4-byte length + bytes), and for
// completeness fixed-width values, FIXED_LEN_BYTE_ARRAY views and bit-packed
// booleans.
//
// Input: byte 0 = control (bits 0-1: 0 byte arrays, 1 fixed width, 2 fixed
// views, 3 booleans; bits 2-7: the width for 1 and 2), bytes 1-3 = the number
// of values (little endian, at most kMaxValues), then the page's values
// section. The values are decoded in one call and again in several calls
// (a page's values are read in batches, booleans continue mid-byte); both
// must succeed or fail together, agree on the values, and every view must
// lie inside the input (ASan checks the bytes as they are hashed).
#include <algorithm>
#include <cstring>
#include <vector>

#include "formats/parquet/encoding/plain.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::ByteArrayRef;
using parquet::PlainDecoder;

constexpr int64_t kMaxValues = int64_t{1} << 20;
// FIXED_LEN_BYTE_ARRAY(0) values take no bytes.
constexpr int64_t kMaxZeroWidth = int64_t{1} << 16;

enum class Mode { kByteArrays, kFixed, kFixedRefs, kBooleans };

// What one decode produced, to compare two of them.
struct Out {
  std::vector<ByteArrayRef> refs;
  std::vector<uint8_t> bytes;
};

Status Decode(PlainDecoder& dec, Mode mode, int width, int64_t begin, int64_t n, Out& out) {
  switch (mode) {
    case Mode::kByteArrays:
      return dec.GetByteArrays(n, out.refs.data() + begin);
    case Mode::kFixed:
      return dec.GetFixed(width, n, out.bytes.data() + begin * width);
    case Mode::kFixedRefs:
      return dec.GetFixedRefs(width, n, out.refs.data() + begin);
    case Mode::kBooleans:
      return dec.GetBooleans(n, out.bytes.data() + begin);
  }
  return Status::OK();
}

}  // namespace

int FuzzPlain(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t control = in.TakeByte();
  const auto mode = static_cast<Mode>(control & 3);
  const int width = control >> 2;  // 0..63
  if (mode == Mode::kFixed && width == 0) return 0;
  int64_t n = static_cast<int64_t>(in.TakeLittleEndian(3) % (kMaxValues + 1));
  const uint8_t* begin = in.rest();
  const int64_t size_left = in.rest_size();
  // Callers bound n by the page size before allocating; so does the harness
  // (one more than fits, to see that refused).
  switch (mode) {
    case Mode::kByteArrays:
      n = std::min(n, size_left / 4 + 1);
      break;
    case Mode::kFixed:
      n = std::min(n, size_left / width + 1);
      break;
    case Mode::kFixedRefs:
      n = std::min(n, width == 0 ? kMaxZeroWidth : size_left / width + 1);
      break;
    case Mode::kBooleans:
      n = std::min(n, size_left * 8 + 1);
      break;
  }

  auto make_out = [&] {
    Out out;
    if (mode == Mode::kByteArrays || mode == Mode::kFixedRefs) out.refs.resize(n);
    if (mode == Mode::kFixed) out.bytes.resize(n * width);
    if (mode == Mode::kBooleans) out.bytes.resize(n);
    return out;
  };

  Out whole = make_out();
  PlainDecoder one(begin, size_left);
  const bool ok = Decode(one, mode, width, 0, n, whole).ok();

  Out pieces = make_out();
  PlainDecoder many(begin, size_left);
  SplitMix64 rng(static_cast<uint64_t>(size) ^ control);
  bool pieces_ok = true;
  for (int64_t done = 0; done < n && pieces_ok;) {
    // Mostly short pieces (booleans continue mid-byte), some long ones.
    const uint64_t limit = rng.Below(4) == 0 ? 4096 : 16;
    const int64_t k = std::min<int64_t>(1 + static_cast<int64_t>(rng.Below(limit)), n - done);
    pieces_ok = Decode(many, mode, width, done, k, pieces).ok();
    done += k;
  }
  FLOE_FUZZ_CHECK(ok == pieces_ok);
  if (!ok) return 0;
  FLOE_FUZZ_CHECK(one.bytes_left() == many.bytes_left());
  FLOE_FUZZ_CHECK(one.bytes_left() >= 0 && one.bytes_left() <= size_left);
  FLOE_FUZZ_CHECK(whole.bytes == pieces.bytes);
  if (mode == Mode::kBooleans) {
    for (uint8_t b : whole.bytes) FLOE_FUZZ_CHECK(b <= 1);
  }
  uint64_t sink = 0;
  for (size_t i = 0; i < whole.refs.size(); ++i) {
    const ByteArrayRef& v = whole.refs[i];
    FLOE_FUZZ_CHECK(v.data == pieces.refs[i].data && v.length == pieces.refs[i].length);
    FLOE_FUZZ_CHECK(v.length == 0 || (v.data >= begin && v.data + v.length <= begin + size_left));
    sink = Fnv1a(v.data, v.length, sink);
  }
  DoNotOptimize(sink);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzPlain(data, size);
}
#endif
