// The bytes of one column chunk through PageReader: every page header
// checked against the chunk, CRCs, decompression, v2 level sections.
//
// Input: byte 0 = control (bits 0-2: the codec, one of Parquet's seven, in
// the order of CompressionCodec: uncompressed, snappy, gzip, lzo (read as
// uncompressed here), brotli, lz4 (Hadoop), zstd, lz4_raw; bit 3: verify
// CRCs), then the chunk. Every page handed out is read to its last byte.
#include <cstring>
#include <memory>

#include "common/buffer.h"
#include "formats/parquet/page_reader.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

constexpr CompressionKind kCodecs[8] = {
    CompressionKind::kUncompressed, CompressionKind::kSnappy, CompressionKind::kGzip,
    CompressionKind::kUncompressed, CompressionKind::kBrotli, CompressionKind::kLz4Hadoop,
    CompressionKind::kZstd,         CompressionKind::kLz4Raw,
};
// More pages than a chunk of 64 KiB can hold (a page header takes a few bytes).
constexpr int kMaxPages = 1 << 16;

}  // namespace

int FuzzPageReader(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t control = in.TakeByte();
  const CompressionKind codec = kCodecs[control & 7];
  const bool verify_crc = (control & 8) != 0;

  auto chunk = Buffer::Allocate(in.rest_size());
  if (!chunk.has_value()) return 0;
  if (in.rest_size() > 0) std::memcpy((*chunk)->mutable_data(), in.rest(), in.rest_size());
  const int64_t chunk_offset = 4;  // where a file's first chunk starts
  auto reader = parquet::PageReader::Make(std::shared_ptr<const Buffer>(std::move(chunk).value()),
                                          chunk_offset, codec, verify_crc, "fuzz");
  if (!reader.has_value()) return 0;
  uint64_t sink = 0;
  for (int i = 0; i < kMaxPages; ++i) {
    Result<std::optional<parquet::Page>> page = (*reader)->Next();
    if (!page.has_value() || !page->has_value()) break;
    const parquet::Page& p = **page;
    FLOE_FUZZ_CHECK(p.data_size >= 0 && p.levels_size >= 0);
    FLOE_FUZZ_CHECK(p.owner != nullptr);
    sink = Fnv1a(p.data, static_cast<size_t>(p.data_size), sink);
    if (p.kind == parquet::PageKind::kDataV2) {
      sink = Fnv1a(p.levels, static_cast<size_t>(p.levels_size), sink);
    }
    sink += static_cast<uint64_t>(p.num_values()) + static_cast<uint64_t>(p.encoding());
  }
  DoNotOptimize(sink);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzPageReader(data, size);
}
#endif
