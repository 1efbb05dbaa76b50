// AvroEncoder: writes Avro's binary encoding (specification, "Binary Encoding") by appending to a
// std::string the encoder does not own.
//
// The encoder writes what it is told; it knows no schema. Arrays and maps are written as one
// block of known count followed by the terminating zero (WriteBlockCount(n), n items,
// WriteBlockCount(0)), which is what the specification's writers do for values held in memory.
//
// Thread-safety: not thread-safe; one encoder per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace floe::avro {

class AvroEncoder {
 public:
  explicit AvroEncoder(std::string& out) : out_(out) {}

  std::string& output() { return out_; }

  void WriteNull() {}
  void WriteBoolean(bool v) { out_.push_back(v ? '\x01' : '\x00'); }
  void WriteInt(int32_t v) { WriteLong(v); }
  void WriteLong(int64_t v) {
    uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    char buf[10];
    size_t n = 0;
    while (z >= 0x80) {
      buf[n++] = static_cast<char>((z & 0x7f) | 0x80);
      z >>= 7;
    }
    buf[n++] = static_cast<char>(z);
    out_.append(buf, n);
  }
  void WriteFloat(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    char buf[4];
    for (int i = 0; i < 4; ++i) buf[i] = static_cast<char>(bits >> (8 * i));
    out_.append(buf, 4);
  }
  void WriteDouble(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    char buf[8];
    for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(bits >> (8 * i));
    out_.append(buf, 8);
  }
  // bytes and string: the length, then the bytes.
  void WriteBytes(std::string_view v) {
    WriteLong(static_cast<int64_t>(v.size()));
    out_.append(v);
  }
  void WriteString(std::string_view v) { WriteBytes(v); }
  // fixed: the bytes alone (the schema knows the size).
  void WriteFixed(std::string_view v) { out_.append(v); }
  void WriteEnum(int32_t index) { WriteLong(index); }
  void WriteUnionIndex(int64_t index) { WriteLong(index); }
  void WriteBlockCount(int64_t count) { WriteLong(count); }

 private:
  std::string& out_;
};

}  // namespace floe::avro
