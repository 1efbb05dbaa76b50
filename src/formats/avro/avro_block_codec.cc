#include "formats/avro/avro_block_codec.h"

#include <zlib.h>

namespace floe::avro {

std::string_view AvroCodecName(AvroCodec codec) {
  switch (codec) {
    case AvroCodec::kNull:
      return "null";
    case AvroCodec::kDeflate:
      return "deflate";
    case AvroCodec::kSnappy:
      return "snappy";
    case AvroCodec::kZstandard:
      return "zstandard";
  }
  return "unknown";
}

Result<AvroCodec> ParseAvroCodec(std::string_view name) {
  if (name == "null") return AvroCodec::kNull;
  if (name == "deflate") return AvroCodec::kDeflate;
  if (name == "snappy") return AvroCodec::kSnappy;
  if (name == "zstandard") return AvroCodec::kZstandard;
  std::string shown(name.substr(0, 64));
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return Status::NotSupported(
      "codec '{}' is not supported (Floe reads null, deflate, snappy and zstandard)", shown);
}

namespace {

uint32_t Crc32(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; feed large blocks in pieces.
  while (!data.empty()) {
    const size_t n = std::min<size_t>(data.size(), 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(n));
    data.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

Result<std::unique_ptr<AvroBlockCodec>> AvroBlockCodec::Make(AvroCodec codec,
                                                             std::optional<int> level) {
  std::unique_ptr<Codec> impl;
  switch (codec) {
    case AvroCodec::kNull:
      break;
    case AvroCodec::kDeflate: {
      FLOE_ASSIGN_OR_RETURN(impl, Codec::Make(CompressionKind::kDeflate, level));
      break;
    }
    case AvroCodec::kSnappy: {
      FLOE_ASSIGN_OR_RETURN(impl, Codec::Make(CompressionKind::kSnappy));
      break;
    }
    case AvroCodec::kZstandard: {
      FLOE_ASSIGN_OR_RETURN(impl, Codec::Make(CompressionKind::kZstd, level));
      break;
    }
  }
  return std::make_unique<AvroBlockCodec>(codec, std::move(impl));
}

Result<std::string> AvroBlockCodec::Compress(std::string_view block) const {
  if (impl_ == nullptr) return std::string(block);
  std::span<const uint8_t> in(reinterpret_cast<const uint8_t*>(block.data()), block.size());
  std::string out(static_cast<size_t>(impl_->MaxCompressedLength(in.size())) + 4, '\0');
  FLOE_ASSIGN_OR_RETURN(
      int64_t n, impl_->Compress(in, std::span<uint8_t>(reinterpret_cast<uint8_t*>(out.data()),
                                                        out.size() - 4)));
  out.resize(static_cast<size_t>(n));
  if (codec_ == AvroCodec::kSnappy) {
    const uint32_t crc = Crc32(block);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(crc >> shift));
  }
  return out;
}

Result<std::string> AvroBlockCodec::Decompress(std::span<const uint8_t> block,
                                               int64_t max_output) const {
  if (impl_ == nullptr) {
    if (static_cast<int64_t>(block.size()) > max_output) {
      return Status::Corruption("block of {} bytes exceeds the limit of {}", block.size(),
                                max_output);
    }
    return std::string(reinterpret_cast<const char*>(block.data()), block.size());
  }
  if (codec_ != AvroCodec::kSnappy) return impl_->DecompressUnknownSize(block, max_output);
  if (block.size() < 4) {
    return Status::Corruption("snappy block of {} bytes has no room for its CRC-32", block.size());
  }
  FLOE_ASSIGN_OR_RETURN(std::string out,
                        impl_->DecompressUnknownSize(block.first(block.size() - 4), max_output));
  const uint8_t* p = block.data() + block.size() - 4;
  const uint32_t stored =
      (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  const uint32_t actual = Crc32(out);
  if (stored != actual) {
    return Status::Corruption("snappy block CRC-32 0x{:08x} does not match its data's 0x{:08x}",
                              stored, actual);
  }
  return out;
}

}  // namespace floe::avro
