// (d) Every codec's Decompress.
//
// Input: byte 0 = the codec (mod 8, in CompressionKind order: uncompressed,
// snappy, gzip, zstd, lz4_raw, lz4 (Hadoop), brotli, deflate), bytes 1-3 =
// the expected decompressed size (little endian, at most 1 MiB), then the
// compressed data. The output buffer has exactly that size, so ASan sees any
// write past it. When decompression succeeds, compressing the result with the
// same codec and decompressing that must give it back.
#include <cstring>
#include <span>

#include "common/buffer.h"
#include "formats/compression/codec.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

constexpr int64_t kMaxOutput = int64_t{1} << 20;

}  // namespace

int FuzzCodec(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const auto kind = static_cast<CompressionKind>(in.TakeByte() % 8);
  const auto out_size = static_cast<int64_t>(in.TakeLittleEndian(3) % (kMaxOutput + 1));
  auto codec = Codec::Make(kind);
  FLOE_FUZZ_CHECK(codec.has_value());

  // A heap block of exactly out_size bytes (malloc(1) for 0, as Buffer does).
  auto out = Buffer::Allocate(out_size);
  FLOE_FUZZ_CHECK(out.has_value());
  std::span<uint8_t> output((*out)->mutable_data(), static_cast<size_t>(out_size));
  std::span<const uint8_t> input(in.rest(), static_cast<size_t>(in.rest_size()));
  Status st = (*codec)->Decompress(input, output);
  if (!st.ok()) return 0;
  DoNotOptimize(Fnv1a(output.data(), output.size()));

  const int64_t bound = (*codec)->MaxCompressedLength(out_size);
  FLOE_FUZZ_CHECK(bound >= 0);
  auto compressed = Buffer::Allocate(bound);
  FLOE_FUZZ_CHECK(compressed.has_value());
  Result<int64_t> written = (*codec)->Compress(
      output, std::span<uint8_t>((*compressed)->mutable_data(), static_cast<size_t>(bound)));
  FLOE_FUZZ_CHECK(written.has_value());
  FLOE_FUZZ_CHECK(*written >= 0 && *written <= bound);
  auto back = Buffer::Allocate(out_size);
  FLOE_FUZZ_CHECK(back.has_value());
  std::span<uint8_t> back_span((*back)->mutable_data(), static_cast<size_t>(out_size));
  Status again = (*codec)->Decompress(
      std::span<const uint8_t>((*compressed)->data(), static_cast<size_t>(*written)), back_span);
  FLOE_FUZZ_CHECK(again.ok());
  FLOE_FUZZ_CHECK(out_size == 0 || std::memcmp(back_span.data(), output.data(), out_size) == 0);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzCodec(data, size);
}
#endif
