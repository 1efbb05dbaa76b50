#include "formats/compression/codec.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

namespace floe {

std::string_view CompressionKindName(CompressionKind kind) {
  switch (kind) {
    case CompressionKind::kUncompressed:
      return "uncompressed";
    case CompressionKind::kSnappy:
      return "snappy";
    case CompressionKind::kGzip:
      return "gzip";
    case CompressionKind::kZstd:
      return "zstd";
    case CompressionKind::kLz4Raw:
      return "lz4_raw";
    case CompressionKind::kLz4Hadoop:
      return "lz4";
    case CompressionKind::kBrotli:
      return "brotli";
    case CompressionKind::kDeflate:
      return "deflate";
  }
  return "unknown";
}

namespace {

// The libraries take int or uInt sizes; pages are far smaller, but a hostile
// size must not wrap.
constexpr int64_t kMaxBlock = std::numeric_limits<int32_t>::max();

Status SizeMismatch(CompressionKind kind, int64_t got, size_t expected) {
  return Status::Corruption("{}: decompressed to {} bytes, expected {}", CompressionKindName(kind),
                            got, expected);
}

Status CheckSizes(CompressionKind kind, std::span<const uint8_t> in, std::span<uint8_t> out) {
  if (static_cast<int64_t>(in.size()) > kMaxBlock || static_cast<int64_t>(out.size()) > kMaxBlock) {
    return Status::NotSupported("{}: block of {} -> {} bytes exceeds 2 GiB",
                                CompressionKindName(kind), in.size(), out.size());
  }
  return Status::OK();
}

Status TooLarge(CompressionKind kind, int64_t max_output) {
  return Status::Corruption("{}: decompresses to more than the limit of {} bytes",
                            CompressionKindName(kind), max_output);
}

// Grows `out` for more output: doubles it, up to max_output + 1 bytes so that data of exactly
// max_output bytes is told from more.
void Grow(std::string& out, int64_t max_output) {
  const size_t limit = static_cast<size_t>(max_output) + 1;
  out.resize(std::min(limit, std::max<size_t>(4096, out.size() * 2)));
}

class UncompressedCodec final : public Codec {
 public:
  CompressionKind kind() const override { return CompressionKind::kUncompressed; }
  int64_t MaxCompressedLength(int64_t n) const override { return n; }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    if (out.size() < in.size()) return Status::InvalidArgument("uncompressed: output too small");
    if (!in.empty()) std::memcpy(out.data(), in.data(), in.size());
    return static_cast<int64_t>(in.size());
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    if (in.size() != out.size()) return SizeMismatch(kind(), in.size(), out.size());
    if (!in.empty()) std::memcpy(out.data(), in.data(), in.size());
    return Status::OK();
  }
  Result<std::string> DecompressUnknownSize(std::span<const uint8_t> in,
                                            int64_t max_output) const override {
    if (static_cast<int64_t>(in.size()) > max_output) return TooLarge(kind(), max_output);
    return std::string(reinterpret_cast<const char*>(in.data()), in.size());
  }
};

class SnappyCodec final : public Codec {
 public:
  CompressionKind kind() const override { return CompressionKind::kSnappy; }
  int64_t MaxCompressedLength(int64_t n) const override {
    return static_cast<int64_t>(snappy::MaxCompressedLength(static_cast<size_t>(n)));
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    if (static_cast<int64_t>(out.size()) < MaxCompressedLength(in.size())) {
      return Status::InvalidArgument("snappy: output buffer too small");
    }
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data()), in.size(),
                        reinterpret_cast<char*>(out.data()), &written);
    return static_cast<int64_t>(written);
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    size_t length = 0;
    const char* src = reinterpret_cast<const char*>(in.data());
    if (!snappy::GetUncompressedLength(src, in.size(), &length)) {
      return Status::Corruption("snappy: invalid block header");
    }
    if (length != out.size()) return SizeMismatch(kind(), length, out.size());
    if (!snappy::RawUncompress(src, in.size(), reinterpret_cast<char*>(out.data()))) {
      return Status::Corruption("snappy: corrupt block");
    }
    return Status::OK();
  }
  Result<std::string> DecompressUnknownSize(std::span<const uint8_t> in,
                                            int64_t max_output) const override {
    size_t length = 0;
    const char* src = reinterpret_cast<const char*>(in.data());
    if (!snappy::GetUncompressedLength(src, in.size(), &length)) {
      return Status::Corruption("snappy: invalid block header");
    }
    if (length > static_cast<uint64_t>(max_output)) {
      return Status::Corruption("snappy: block header claims {} bytes, more than the limit of {}",
                                length, max_output);
    }
    std::string out(length, '\0');
    if (!snappy::RawUncompress(src, in.size(), out.data())) {
      return Status::Corruption("snappy: corrupt block");
    }
    return out;
  }
};

// zlib family: gzip (Parquet), raw deflate (Avro).
class ZlibCodec final : public Codec {
 public:
  ZlibCodec(CompressionKind kind, int level) : kind_(kind), level_(level) {}
  CompressionKind kind() const override { return kind_; }
  int64_t MaxCompressedLength(int64_t n) const override {
    // deflateBound for default settings plus the gzip header and trailer.
    return static_cast<int64_t>(compressBound(static_cast<uLong>(n))) + 32;
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind_, in, out));
    z_stream zs{};
    int window_bits = kind_ == CompressionKind::kGzip ? 15 + 16 : -15;
    if (deflateInit2(&zs, level_, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return Status::Internal("{}: deflateInit2 failed", CompressionKindName(kind_));
    }
    uint8_t empty = 0;
    zs.next_in = const_cast<Bytef*>(in.empty() ? &empty : in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.empty() ? &empty : out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    int64_t written = static_cast<int64_t>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
      return Status::Internal("{}: deflate failed ({})", CompressionKindName(kind_), rc);
    }
    return written;
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind_, in, out));
    // gzip: 15+32 detects gzip or zlib headers; members may be concatenated.
    int window_bits = kind_ == CompressionKind::kGzip ? 15 + 32 : -15;
    z_stream zs{};
    if (inflateInit2(&zs, window_bits) != Z_OK) {
      return Status::Internal("{}: inflateInit2 failed", CompressionKindName(kind_));
    }
    // zlib rejects null pointers even for empty buffers.
    uint8_t empty = 0;
    zs.next_in = const_cast<Bytef*>(in.empty() ? &empty : in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.empty() ? &empty : out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    Status status;
    while (true) {
      int rc = inflate(&zs, Z_FINISH);
      if (rc == Z_STREAM_END) {
        // Another gzip member may follow (concatenated gzip); trailing zero
        // padding is tolerated as other readers do.
        bool more = false;
        for (uInt i = 0; i < zs.avail_in; ++i) {
          if (zs.next_in[i] != 0) {
            more = true;
            break;
          }
        }
        if (kind_ == CompressionKind::kGzip && more) {
          if (inflateReset(&zs) != Z_OK) {
            status = Status::Corruption("gzip: cannot start next member");
            break;
          }
          continue;
        }
        break;
      }
      if (rc == Z_BUF_ERROR && zs.avail_out == 0 && zs.avail_in > 0) {
        status = Status::Corruption("{}: decompresses to more than {} bytes",
                                    CompressionKindName(kind_), out.size());
        break;
      }
      if (rc != Z_OK) {
        status = Status::Corruption("{}: corrupt stream ({})", CompressionKindName(kind_),
                                    zs.msg ? zs.msg : std::to_string(rc));
        break;
      }
    }
    int64_t produced = static_cast<int64_t>(out.size() - zs.avail_out);
    inflateEnd(&zs);
    FLOE_RETURN_NOT_OK(status);
    if (produced != static_cast<int64_t>(out.size()))
      return SizeMismatch(kind_, produced, out.size());
    return Status::OK();
  }
  Result<std::string> DecompressUnknownSize(std::span<const uint8_t> in,
                                            int64_t max_output) const override {
    if (static_cast<int64_t>(in.size()) > kMaxBlock || max_output >= kMaxBlock) {
      return Status::NotSupported("{}: block of {} bytes or limit of {} exceeds 2 GiB",
                                  CompressionKindName(kind_), in.size(), max_output);
    }
    const int window_bits = kind_ == CompressionKind::kGzip ? 15 + 32 : -15;
    z_stream zs{};
    if (inflateInit2(&zs, window_bits) != Z_OK) {
      return Status::Internal("{}: inflateInit2 failed", CompressionKindName(kind_));
    }
    uint8_t empty = 0;
    zs.next_in = const_cast<Bytef*>(in.empty() ? &empty : in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    out.resize(std::min<size_t>(static_cast<size_t>(max_output) + 1,
                                std::max<size_t>(4096, in.size() * 4)));
    size_t produced = 0;
    Status status;
    while (true) {
      if (produced == out.size()) {
        if (static_cast<int64_t>(produced) > max_output) {
          status = TooLarge(kind_, max_output);
          break;
        }
        Grow(out, max_output);
      }
      zs.next_out = reinterpret_cast<Bytef*>(out.data()) + produced;
      zs.avail_out = static_cast<uInt>(out.size() - produced);
      const int rc = inflate(&zs, Z_NO_FLUSH);
      produced = out.size() - zs.avail_out;
      if (rc == Z_STREAM_END) {
        bool more = false;
        for (uInt i = 0; i < zs.avail_in; ++i) more |= zs.next_in[i] != 0;
        if (kind_ == CompressionKind::kGzip && more) {
          if (inflateReset(&zs) != Z_OK) {
            status = Status::Corruption("gzip: cannot start next member");
            break;
          }
          continue;
        }
        break;
      }
      if (rc == Z_BUF_ERROR && zs.avail_out == 0) continue;  // needs more room
      if (rc == Z_BUF_ERROR || (rc == Z_OK && zs.avail_in == 0 && zs.avail_out > 0)) {
        status = Status::Corruption("{}: truncated stream after {} input bytes",
                                    CompressionKindName(kind_), in.size());
        break;
      }
      if (rc != Z_OK) {
        status = Status::Corruption("{}: corrupt stream ({})", CompressionKindName(kind_),
                                    zs.msg ? zs.msg : std::to_string(rc));
        break;
      }
    }
    inflateEnd(&zs);
    FLOE_RETURN_NOT_OK(status);
    if (static_cast<int64_t>(produced) > max_output) return TooLarge(kind_, max_output);
    out.resize(produced);
    return out;
  }

 private:
  CompressionKind kind_;
  int level_;
};

// zstd's one-shot calls create and free a context per call; contexts are
// reused per thread instead (they keep their tables and buffers warm), so a
// Codec stays stateless and shareable across threads.
struct ZstdContexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ~ZstdContexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

ZstdContexts& ThreadZstdContexts() {
  thread_local ZstdContexts contexts;
  return contexts;
}

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}
  CompressionKind kind() const override { return CompressionKind::kZstd; }
  int64_t MaxCompressedLength(int64_t n) const override {
    return static_cast<int64_t>(ZSTD_compressBound(static_cast<size_t>(n)));
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    ZSTD_CCtx* cctx = ThreadZstdContexts().compress;
    if (cctx == nullptr) return Status::Internal("zstd: cannot create a compression context");
    size_t rc = ZSTD_compressCCtx(cctx, out.data(), out.size(), in.data(), in.size(), level_);
    if (ZSTD_isError(rc)) return Status::Internal("zstd: {}", ZSTD_getErrorName(rc));
    return static_cast<int64_t>(rc);
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    ZSTD_DCtx* dctx = ThreadZstdContexts().decompress;
    if (dctx == nullptr) return Status::Internal("zstd: cannot create a decompression context");
    size_t rc = ZSTD_decompressDCtx(dctx, out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(rc)) return Status::Corruption("zstd: {}", ZSTD_getErrorName(rc));
    if (rc != out.size()) return SizeMismatch(kind(), static_cast<int64_t>(rc), out.size());
    return Status::OK();
  }
  Result<std::string> DecompressUnknownSize(std::span<const uint8_t> in,
                                            int64_t max_output) const override {
    // One frame that states its size: decompress in one call into exactly that.
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
    if (declared == ZSTD_CONTENTSIZE_ERROR) {
      return Status::Corruption("zstd: not a valid zstd frame ({} bytes)", in.size());
    }
    const size_t frame = ZSTD_findFrameCompressedSize(in.data(), in.size());
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && !ZSTD_isError(frame) && frame == in.size()) {
      if (declared > static_cast<unsigned long long>(max_output)) {
        return Status::Corruption("zstd: frame declares {} bytes, more than the limit of {}",
                                  declared, max_output);
      }
      std::string out(static_cast<size_t>(declared), '\0');
      size_t rc = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
      if (ZSTD_isError(rc)) return Status::Corruption("zstd: {}", ZSTD_getErrorName(rc));
      if (rc != out.size()) return SizeMismatch(kind(), static_cast<int64_t>(rc), out.size());
      return out;
    }
    // Frames without a content size (streaming writers), or several: grow as needed.
    std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (ctx == nullptr) return Status::Internal("zstd: cannot create a decompression context");
    std::string out;
    out.resize(std::min<size_t>(static_cast<size_t>(max_output) + 1,
                                std::max<size_t>(4096, in.size() * 4)));
    ZSTD_inBuffer src{in.data(), in.size(), 0};
    size_t produced = 0;
    while (true) {
      if (produced == out.size()) {
        if (static_cast<int64_t>(produced) > max_output) return TooLarge(kind(), max_output);
        Grow(out, max_output);
      }
      ZSTD_outBuffer dst{out.data(), out.size(), produced};
      const size_t in_before = src.pos;
      const size_t rc = ZSTD_decompressStream(ctx.get(), &dst, &src);
      if (ZSTD_isError(rc)) return Status::Corruption("zstd: {}", ZSTD_getErrorName(rc));
      const bool progress = src.pos != in_before || dst.pos != produced;
      produced = dst.pos;
      if (rc == 0 && src.pos == src.size) break;  // the last frame is complete
      if (dst.pos < dst.size && (src.pos == src.size || !progress)) {
        return Status::Corruption("zstd: truncated frame after {} input bytes", in.size());
      }
    }
    if (static_cast<int64_t>(produced) > max_output) return TooLarge(kind(), max_output);
    out.resize(produced);
    return out;
  }

 private:
  int level_;
};

Status Lz4RawDecompress(std::span<const uint8_t> in, std::span<uint8_t> out) {
  int rc = LZ4_decompress_safe(reinterpret_cast<const char*>(in.data()),
                               reinterpret_cast<char*>(out.data()), static_cast<int>(in.size()),
                               static_cast<int>(out.size()));
  if (rc < 0) return Status::Corruption("lz4: corrupt block");
  if (static_cast<size_t>(rc) != out.size()) {
    return SizeMismatch(CompressionKind::kLz4Raw, rc, out.size());
  }
  return Status::OK();
}

class Lz4RawCodec final : public Codec {
 public:
  CompressionKind kind() const override { return CompressionKind::kLz4Raw; }
  int64_t MaxCompressedLength(int64_t n) const override {
    return LZ4_compressBound(static_cast<int>(std::min<int64_t>(n, LZ4_MAX_INPUT_SIZE)));
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind(), in, out));
    int rc = LZ4_compress_default(reinterpret_cast<const char*>(in.data()),
                                  reinterpret_cast<char*>(out.data()), static_cast<int>(in.size()),
                                  static_cast<int>(out.size()));
    if (rc <= 0 && !in.empty()) return Status::Internal("lz4: compression failed");
    return static_cast<int64_t>(rc);
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind(), in, out));
    return Lz4RawDecompress(in, out);
  }
};

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void StoreBigEndian32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// Parquet's LZ4 (deprecated): writers disagree. Hadoop's codec frames blocks
// as [uncompressed BE32][compressed BE32][lz4 block]...; older Arrow wrote raw
// blocks, and some writers LZ4 frames. Try them in that order, as other
// readers do.
class Lz4HadoopCodec final : public Codec {
 public:
  CompressionKind kind() const override { return CompressionKind::kLz4Hadoop; }
  int64_t MaxCompressedLength(int64_t n) const override {
    return 8 + LZ4_compressBound(static_cast<int>(std::min<int64_t>(n, LZ4_MAX_INPUT_SIZE)));
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind(), in, out));
    if (out.size() < 8) return Status::InvalidArgument("lz4: output buffer too small");
    int rc = LZ4_compress_default(reinterpret_cast<const char*>(in.data()),
                                  reinterpret_cast<char*>(out.data() + 8),
                                  static_cast<int>(in.size()), static_cast<int>(out.size() - 8));
    if (rc <= 0 && !in.empty()) return Status::Internal("lz4: compression failed");
    StoreBigEndian32(out.data(), static_cast<uint32_t>(in.size()));
    StoreBigEndian32(out.data() + 4, static_cast<uint32_t>(rc));
    return int64_t{8} + rc;
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    FLOE_RETURN_NOT_OK(CheckSizes(kind(), in, out));
    if (DecompressHadoop(in, out)) return Status::OK();
    if (Lz4RawDecompress(in, out).ok()) return Status::OK();
    if (DecompressFrame(in, out)) return Status::OK();
    return Status::Corruption(
        "lz4: data is neither Hadoop-framed LZ4, a raw LZ4 block nor an LZ4 frame of {} bytes",
        out.size());
  }

 private:
  static bool DecompressHadoop(std::span<const uint8_t> in, std::span<uint8_t> out) {
    size_t in_pos = 0, out_pos = 0;
    while (in_pos < in.size()) {
      if (in.size() - in_pos < 8) return false;
      uint32_t raw = LoadBigEndian32(in.data() + in_pos);
      uint32_t compressed = LoadBigEndian32(in.data() + in_pos + 4);
      in_pos += 8;
      if (compressed > in.size() - in_pos || raw > out.size() - out_pos) return false;
      int rc = LZ4_decompress_safe(reinterpret_cast<const char*>(in.data() + in_pos),
                                   reinterpret_cast<char*>(out.data() + out_pos),
                                   static_cast<int>(compressed), static_cast<int>(raw));
      if (rc < 0 || static_cast<uint32_t>(rc) != raw) return false;
      in_pos += compressed;
      out_pos += raw;
    }
    return out_pos == out.size();
  }

  static bool DecompressFrame(std::span<const uint8_t> in, std::span<uint8_t> out) {
    if (in.size() < 4 || LoadBigEndian32(in.data()) != 0x04224D18) return false;  // LE 0x184D2204
    LZ4F_dctx* ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) return false;
    size_t in_pos = 0, out_pos = 0;
    bool ok = true;
    while (in_pos < in.size()) {
      size_t src = in.size() - in_pos, dst = out.size() - out_pos;
      size_t rc =
          LZ4F_decompress(ctx, out.data() + out_pos, &dst, in.data() + in_pos, &src, nullptr);
      if (LZ4F_isError(rc) || (src == 0 && dst == 0)) {
        ok = false;
        break;
      }
      in_pos += src;
      out_pos += dst;
      if (rc == 0 && in_pos < in.size()) continue;  // next frame
    }
    LZ4F_freeDecompressionContext(ctx);
    return ok && out_pos == out.size();
  }
};

class BrotliCodec final : public Codec {
 public:
  explicit BrotliCodec(int quality) : quality_(quality) {}
  CompressionKind kind() const override { return CompressionKind::kBrotli; }
  int64_t MaxCompressedLength(int64_t n) const override {
    return static_cast<int64_t>(BrotliEncoderMaxCompressedSize(static_cast<size_t>(n)));
  }
  Result<int64_t> Compress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    size_t written = out.size();
    if (!BrotliEncoderCompress(quality_, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                               in.data(), &written, out.data())) {
      return Status::Internal("brotli: compression failed");
    }
    return static_cast<int64_t>(written);
  }
  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) const override {
    size_t written = out.size();
    BrotliDecoderResult rc = BrotliDecoderDecompress(in.size(), in.data(), &written, out.data());
    if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
      return Status::Corruption("brotli: corrupt stream or more than {} bytes", out.size());
    }
    if (written != out.size())
      return SizeMismatch(kind(), static_cast<int64_t>(written), out.size());
    return Status::OK();
  }

 private:
  int quality_;
};

}  // namespace

Result<std::string> Codec::DecompressUnknownSize(std::span<const uint8_t> input,
                                                 int64_t max_output) const {
  return Status::NotSupported("{}: cannot decompress without knowing the decompressed size",
                              CompressionKindName(kind()));
}

Result<std::unique_ptr<Codec>> Codec::Make(CompressionKind kind, std::optional<int> level) {
  switch (kind) {
    case CompressionKind::kUncompressed:
      return std::unique_ptr<Codec>(std::make_unique<UncompressedCodec>());
    case CompressionKind::kSnappy:
      return std::unique_ptr<Codec>(std::make_unique<SnappyCodec>());
    case CompressionKind::kGzip:
    case CompressionKind::kDeflate: {
      int l = level.value_or(Z_DEFAULT_COMPRESSION);
      if (l != Z_DEFAULT_COMPRESSION && (l < 0 || l > 9)) {
        return Status::InvalidArgument("{} level {} is not in 0..9", CompressionKindName(kind), l);
      }
      return std::unique_ptr<Codec>(std::make_unique<ZlibCodec>(kind, l));
    }
    case CompressionKind::kZstd: {
      int l = level.value_or(3);
      if (l < ZSTD_minCLevel() || l > ZSTD_maxCLevel()) {
        return Status::InvalidArgument("zstd level {} is not in {}..{}", l, ZSTD_minCLevel(),
                                       ZSTD_maxCLevel());
      }
      return std::unique_ptr<Codec>(std::make_unique<ZstdCodec>(l));
    }
    case CompressionKind::kLz4Raw:
      return std::unique_ptr<Codec>(std::make_unique<Lz4RawCodec>());
    case CompressionKind::kLz4Hadoop:
      return std::unique_ptr<Codec>(std::make_unique<Lz4HadoopCodec>());
    case CompressionKind::kBrotli: {
      int q = level.value_or(1);
      if (q < BROTLI_MIN_QUALITY || q > BROTLI_MAX_QUALITY) {
        return Status::InvalidArgument("brotli quality {} is not in 0..11", q);
      }
      return std::unique_ptr<Codec>(std::make_unique<BrotliCodec>(q));
    }
  }
  return Status::InvalidArgument("unknown compression kind {}", static_cast<int>(kind));
}

}  // namespace floe
