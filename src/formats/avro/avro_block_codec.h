// AvroBlockCodec: compression of Avro container file blocks (specification, "Object Container
// Files": codecs null, deflate, snappy, zstandard), on the shared Codec wrappers.
//
//   null       the block as is
//   deflate    raw deflate (RFC 1951, no zlib header or checksum)
//   snappy     a raw snappy block followed by the 4-byte big-endian CRC-32 of the uncompressed
//              data, which Decompress verifies
//   zstandard  zstd frames
//
// A block does not record its decompressed size, so Decompress grows its output up to a cap the
// caller gives and refuses data that decompresses to more (Corruption). bzip2 and xz are valid
// codec names that Floe does not read (NotSupported).
//
// Thread-safety: stateless after Make(); Compress and Decompress may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "formats/compression/codec.h"

namespace floe::avro {

enum class AvroCodec : uint8_t {
  kNull,
  kDeflate,
  kSnappy,
  kZstandard,
};

// The "avro.codec" header value: "null", "deflate", "snappy", "zstandard".
std::string_view AvroCodecName(AvroCodec codec);
// The codec for an "avro.codec" value; NotSupported for other names.
Result<AvroCodec> ParseAvroCodec(std::string_view name);

class AvroBlockCodec {
 public:
  // `level`: the codec's own scale (deflate 0..9, zstandard 1..22); nullopt for its default.
  static Result<std::unique_ptr<AvroBlockCodec>> Make(AvroCodec codec,
                                                      std::optional<int> level = std::nullopt);

  AvroCodec codec() const { return codec_; }

  // A block's serialized records, compressed.
  Result<std::string> Compress(std::string_view block) const;
  // A compressed block's serialized records; Corruption when they are corrupt, fail their
  // checksum or decompress to more than `max_output` bytes.
  Result<std::string> Decompress(std::span<const uint8_t> block, int64_t max_output) const;

  AvroBlockCodec(AvroCodec codec, std::unique_ptr<Codec> impl)
      : codec_(codec), impl_(std::move(impl)) {}

 private:
  AvroCodec codec_;
  std::unique_ptr<Codec> impl_;  // null for the null codec
};

}  // namespace floe::avro
