// AvroDecoder: reads Avro's binary encoding (specification, "Binary Encoding") from a byte range
// it does not own, every read bounds-checked.
//
// int and long are zig-zag varints: a long takes at most 10 bytes and the 10th may only carry the
// 64th bit; an int must also fit 32 bits. Anything else is Corruption, as are a boolean byte
// other than 0 or 1, a bytes/string length that is negative or larger than what is left (checked
// before anything is allocated or viewed), and a block count of INT64_MIN. bytes, strings and
// fixed values are views into the input, not copies.
//
// Errors are Corruption with the offset within the range ("at byte 17: string length 1099511627776
// exceeds the 12 bytes left"); the caller adds which file and block. exhausted() tells whether a
// read failed only because the range ended, which a reader of a partially buffered file uses to
// fetch more and retry.
//
// Thread-safety: not thread-safe; one decoder per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "common/macros.h"
#include "common/result.h"

namespace floe::avro {

// A block of an array or a map: `count` items, and the block's size in bytes when the writer gave
// it (a negative count on the wire), else -1.
struct AvroBlockHeader {
  int64_t count = 0;
  int64_t byte_size = -1;
};

class AvroDecoder {
 public:
  AvroDecoder(const uint8_t* data, size_t size) : begin_(data), pos_(data), end_(data + size) {}
  explicit AvroDecoder(std::span<const uint8_t> bytes) : AvroDecoder(bytes.data(), bytes.size()) {}
  explicit AvroDecoder(std::string_view bytes)
      : AvroDecoder(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) {}

  // Bytes consumed so far.
  size_t position() const { return static_cast<size_t>(pos_ - begin_); }
  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
  bool at_end() const { return pos_ == end_; }
  const uint8_t* current() const { return pos_; }
  // True once a read has failed because the input ended.
  bool exhausted() const { return exhausted_; }

  Result<int64_t> ReadLong() {
    int64_t v;
    FLOE_RETURN_NOT_OK(ReadLongTo(v));
    return v;
  }
  Result<int32_t> ReadInt() {
    int32_t v;
    FLOE_RETURN_NOT_OK(ReadIntTo(v));
    return v;
  }
  Result<bool> ReadBoolean() {
    bool v;
    FLOE_RETURN_NOT_OK(ReadBooleanTo(v));
    return v;
  }
  Result<float> ReadFloat() {
    float v;
    FLOE_RETURN_NOT_OK(ReadFloatTo(v));
    return v;
  }
  Result<double> ReadDouble() {
    double v;
    FLOE_RETURN_NOT_OK(ReadDoubleTo(v));
    return v;
  }
  // bytes and string: a long length, then that many bytes (a view into the input).
  Result<std::string_view> ReadBytes() {
    std::string_view v;
    FLOE_RETURN_NOT_OK(ReadBytesTo(v));
    return v;
  }
  Result<std::string_view> ReadFixed(size_t size) {
    std::string_view v;
    FLOE_RETURN_NOT_OK(ReadFixedTo(size, v));
    return v;
  }

  Status Skip(size_t size) {
    if (FLOE_UNLIKELY(remaining() < size)) return Truncated("skipped bytes", size);
    pos_ += size;
    return Status::OK();
  }

  // The header of the next block of an array or map; count 0 ends it. A negative count is
  // followed by the block's size in bytes, which must not be negative or exceed what is left.
  Result<AvroBlockHeader> ReadBlockHeader() {
    AvroBlockHeader v;
    FLOE_RETURN_NOT_OK(ReadBlockHeaderTo(v));
    return v;
  }

  // The same reads for decoders of whole values (AvroResolvedDecoder), the value stored through
  // `out` (untouched on error): a Status is a null pointer when OK, while a Result's variant
  // costs an out-of-line destructor per value, a third of the decoding time when measured.
  Status ReadLongTo(int64_t& out) {
    const uint8_t* p = pos_;
    uint64_t raw = 0;
    for (int shift = 0;; shift += 7) {
      if (FLOE_UNLIKELY(p == end_)) return Truncated("a long", 1);
      const uint8_t byte = *p++;
      if (FLOE_UNLIKELY(shift == 63 && byte > 1)) return Overflow();
      raw |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    pos_ = p;
    out = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
    return Status::OK();
  }

  Status ReadIntTo(int32_t& out) {
    int64_t v;
    FLOE_RETURN_NOT_OK(ReadLongTo(v));
    if (FLOE_UNLIKELY(v < INT32_MIN || v > INT32_MAX)) return IntOutOfRange(v);
    out = static_cast<int32_t>(v);
    return Status::OK();
  }

  Status ReadBooleanTo(bool& out) {
    if (FLOE_UNLIKELY(pos_ == end_)) return Truncated("a boolean", 1);
    const uint8_t byte = *pos_;
    if (FLOE_UNLIKELY(byte > 1)) return BadBoolean(byte);
    ++pos_;
    out = byte == 1;
    return Status::OK();
  }

  Status ReadFloatTo(float& out) {
    if (FLOE_UNLIKELY(remaining() < 4)) return Truncated("a float", 4);
    uint32_t bits = LoadLittleEndian32(pos_);
    pos_ += 4;
    std::memcpy(&out, &bits, 4);
    return Status::OK();
  }

  Status ReadDoubleTo(double& out) {
    if (FLOE_UNLIKELY(remaining() < 8)) return Truncated("a double", 8);
    uint64_t bits = LoadLittleEndian32(pos_) | (uint64_t{LoadLittleEndian32(pos_ + 4)} << 32);
    pos_ += 8;
    std::memcpy(&out, &bits, 8);
    return Status::OK();
  }

  Status ReadBytesTo(std::string_view& out) {
    const uint8_t* start = pos_;
    int64_t length;
    FLOE_RETURN_NOT_OK(ReadLongTo(length));
    if (FLOE_UNLIKELY(length < 0 || static_cast<uint64_t>(length) > remaining())) {
      const size_t left = remaining();
      pos_ = start;
      return BadLength(length, left);
    }
    out = std::string_view(reinterpret_cast<const char*>(pos_), static_cast<size_t>(length));
    pos_ += length;
    return Status::OK();
  }

  Status ReadFixedTo(size_t size, std::string_view& out) {
    if (FLOE_UNLIKELY(remaining() < size)) return Truncated("a fixed", size);
    out = std::string_view(reinterpret_cast<const char*>(pos_), size);
    pos_ += size;
    return Status::OK();
  }

  Status ReadBlockHeaderTo(AvroBlockHeader& out) {
    int64_t count;
    FLOE_RETURN_NOT_OK(ReadLongTo(count));
    if (count >= 0) {
      out = AvroBlockHeader{count, -1};
      return Status::OK();
    }
    if (FLOE_UNLIKELY(count == INT64_MIN)) return BadBlockCount();
    int64_t size;
    FLOE_RETURN_NOT_OK(ReadLongTo(size));
    if (FLOE_UNLIKELY(size < 0 || static_cast<uint64_t>(size) > remaining())) {
      return BadBlockSize(size);
    }
    out = AvroBlockHeader{-count, size};
    return Status::OK();
  }

 private:
  static uint32_t LoadLittleEndian32(const uint8_t* p) {
    return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
  }

  // Cold paths: the messages.
  [[gnu::cold, gnu::noinline]] Status Truncated(const char* what, size_t needed);
  [[gnu::cold, gnu::noinline]] Status Overflow() const;
  [[gnu::cold, gnu::noinline]] Status IntOutOfRange(int64_t v) const;
  [[gnu::cold, gnu::noinline]] Status BadBoolean(uint8_t byte) const;
  [[gnu::cold, gnu::noinline]] Status BadLength(int64_t length, size_t left);
  [[gnu::cold, gnu::noinline]] Status BadBlockCount() const;
  [[gnu::cold, gnu::noinline]] Status BadBlockSize(int64_t size);

  const uint8_t* begin_;
  const uint8_t* pos_;
  const uint8_t* end_;
  bool exhausted_ = false;
};

}  // namespace floe::avro
