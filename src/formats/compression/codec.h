// Codec: block compression for Parquet pages and Avro blocks, on Debian's
// snappy, zlib, zstd, lz4 and brotli.
//
// Parquet records each page's uncompressed size, so decompression writes into
// a buffer of exactly that size and any other outcome — a shorter or longer
// result, trailing garbage, a corrupt stream — is a Corruption error. Sizes
// come from files, so nothing here allocates from them: callers allocate
// (with Buffer's cap) and pass the destination. Avro blocks record no
// decompressed size: DecompressUnknownSize grows its output up to a cap the
// caller sets.
//
// Thread-safety: a Codec is stateless after Make(); Compress and Decompress
// may run concurrently on one Codec.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace floe {

enum class CompressionKind : uint8_t {
  kUncompressed,
  kSnappy,     // raw snappy blocks (Parquet SNAPPY)
  kGzip,       // gzip members, possibly concatenated (Parquet GZIP); zlib streams read too
  kZstd,       // zstd frames, possibly concatenated
  kLz4Raw,     // one LZ4 block (Parquet LZ4_RAW)
  kLz4Hadoop,  // Parquet's deprecated LZ4: Hadoop framing; raw blocks and LZ4 frames read too
  kBrotli,
  kDeflate,  // raw deflate, no header (Avro "deflate")
};

std::string_view CompressionKindName(CompressionKind kind);

class Codec {
 public:
  virtual ~Codec() = default;

  // `level` is the codec's own scale; nullopt takes its default.
  static Result<std::unique_ptr<Codec>> Make(CompressionKind kind,
                                             std::optional<int> level = std::nullopt);

  virtual CompressionKind kind() const = 0;

  // Upper bound of Compress's output for `input_length` bytes.
  virtual int64_t MaxCompressedLength(int64_t input_length) const = 0;
  // Compresses `input` into `output` (at least MaxCompressedLength bytes);
  // returns the compressed length.
  virtual Result<int64_t> Compress(std::span<const uint8_t> input,
                                   std::span<uint8_t> output) const = 0;
  // Decompresses `input` into exactly output.size() bytes.
  virtual Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) const = 0;

  // Decompresses `input` whose decompressed size the container does not record (Avro's
  // deflate and zstandard blocks): the output grows as needed, up to `max_output` bytes, and
  // data that decompresses to more is Corruption. Snappy and zstd frames that state their size
  // are checked against the cap before anything is allocated. NotSupported for codecs Avro
  // does not use (lz4, brotli).
  virtual Result<std::string> DecompressUnknownSize(std::span<const uint8_t> input,
                                                    int64_t max_output) const;
};

}  // namespace floe
