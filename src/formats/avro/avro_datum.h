// AvroDatum: one Avro value of any type, as a compact 16-byte view, and AvroDatumArena, where
// decoded values keep their children.
//
// A datum is a type tag, the union branch it was read as (or is to be written as), a size and one
// 8-byte payload: the scalar itself (boolean, int, long, float, double, enum index), or a pointer
// to bytes (bytes, string, fixed) or to contiguous child datums (record fields in schema order,
// array items, map entries as key, value, key, value...). Datums own nothing: decoded datums point
// into the decompressed block and into an arena, both kept alive by the AvroRecordBatch that
// holds them; datums built for writing point at the caller's storage, which must outlive the
// AvroWriter::Write call. Copying a datum copies the view.
//
// A union's value is stored as the value of the branch taken, with branch() telling which; the
// enum symbol and record field names come from the schema the datum was read with (see
// AvroRecordBatch and AvroReader::reader_schema()).
//
// Accessors for the wrong type are bugs (FLOE_DCHECK in debug builds).
//
// Thread-safety: datums are immutable values; an arena is used by one thread at a time.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "common/macros.h"
#include "formats/avro/avro_schema.h"

namespace floe::avro {

class AvroDatum {
 public:
  AvroDatum() = default;  // null

  static AvroDatum Null() { return AvroDatum(); }
  static AvroDatum Boolean(bool v) { return Scalar(AvroType::kBoolean, v ? 1 : 0); }
  static AvroDatum Int(int32_t v) { return Scalar(AvroType::kInt, v); }
  static AvroDatum Long(int64_t v) { return Scalar(AvroType::kLong, v); }
  static AvroDatum Float(float v) {
    AvroDatum d;
    d.type_ = AvroType::kFloat;
    d.u_.f32 = v;
    return d;
  }
  static AvroDatum Double(double v) {
    AvroDatum d;
    d.type_ = AvroType::kDouble;
    d.u_.f64 = v;
    return d;
  }
  static AvroDatum Bytes(std::string_view v) { return Binary(AvroType::kBytes, v); }
  static AvroDatum String(std::string_view v) { return Binary(AvroType::kString, v); }
  static AvroDatum Fixed(std::string_view v) { return Binary(AvroType::kFixed, v); }
  static AvroDatum Enum(int32_t index) { return Scalar(AvroType::kEnum, index); }
  static AvroDatum Record(std::span<const AvroDatum> fields) {
    return Composite(AvroType::kRecord, fields.data(), fields.size());
  }
  static AvroDatum Array(std::span<const AvroDatum> items) {
    return Composite(AvroType::kArray, items.data(), items.size());
  }
  // Entries as key, value, key, value...; keys are strings. `keys_and_values` has even size.
  static AvroDatum Map(std::span<const AvroDatum> keys_and_values) {
    FLOE_CHECK(keys_and_values.size() % 2 == 0, "a map datum needs key/value pairs");
    AvroDatum d = Composite(AvroType::kMap, keys_and_values.data(), keys_and_values.size() / 2);
    return d;
  }

  // The same value as branch `branch` of a union.
  AvroDatum WithBranch(uint32_t branch) const {
    AvroDatum d = *this;
    FLOE_CHECK(branch <= UINT16_MAX, "a union has at most 65535 branches");
    d.branch_ = static_cast<uint16_t>(branch);
    return d;
  }

  AvroType type() const { return type_; }
  // The union branch this value was read as or is written as; 0 outside unions.
  uint32_t branch() const { return branch_; }
  bool is_null() const { return type_ == AvroType::kNull; }

  bool boolean_value() const {
    FLOE_DCHECK(type_ == AvroType::kBoolean);
    return u_.i64 != 0;
  }
  int32_t int_value() const {
    FLOE_DCHECK(type_ == AvroType::kInt);
    return static_cast<int32_t>(u_.i64);
  }
  int64_t long_value() const {
    FLOE_DCHECK(type_ == AvroType::kLong);
    return u_.i64;
  }
  float float_value() const {
    FLOE_DCHECK(type_ == AvroType::kFloat);
    return u_.f32;
  }
  double double_value() const {
    FLOE_DCHECK(type_ == AvroType::kDouble);
    return u_.f64;
  }
  // bytes, string and fixed.
  std::string_view bytes_value() const {
    FLOE_DCHECK(type_ == AvroType::kBytes || type_ == AvroType::kString ||
                type_ == AvroType::kFixed);
    return {u_.bytes, size_};
  }
  int32_t enum_index() const {
    FLOE_DCHECK(type_ == AvroType::kEnum);
    return static_cast<int32_t>(u_.i64);
  }

  // Record fields, array items or map entries; bytes length for bytes/string/fixed.
  size_t size() const { return size_; }
  const AvroDatum& field(size_t i) const {
    FLOE_DCHECK(type_ == AvroType::kRecord && i < size_);
    return u_.children[i];
  }
  std::span<const AvroDatum> fields() const {
    FLOE_DCHECK(type_ == AvroType::kRecord);
    return {u_.children, size_};
  }
  std::span<const AvroDatum> items() const {
    FLOE_DCHECK(type_ == AvroType::kArray);
    return {u_.children, size_};
  }
  std::string_view map_key(size_t i) const {
    FLOE_DCHECK(type_ == AvroType::kMap && i < size_);
    return u_.children[2 * i].bytes_value();
  }
  // The key as a datum (a string; bytes in datums built by callers).
  const AvroDatum& map_key_datum(size_t i) const {
    FLOE_DCHECK(type_ == AvroType::kMap && i < size_);
    return u_.children[2 * i];
  }
  const AvroDatum& map_value(size_t i) const {
    FLOE_DCHECK(type_ == AvroType::kMap && i < size_);
    return u_.children[2 * i + 1];
  }

  // For decoders: a composite whose children they fill in.
  static AvroDatum Composite(AvroType type, const AvroDatum* children, size_t size) {
    FLOE_CHECK(size <= UINT32_MAX, "a datum holds at most 2^32-1 children");
    AvroDatum d;
    d.type_ = type;
    d.size_ = static_cast<uint32_t>(size);
    d.u_.children = children;
    return d;
  }
  // Bytes of another type (string read as bytes and the reverse).
  static AvroDatum Binary(AvroType type, std::string_view v) {
    FLOE_CHECK(v.size() <= UINT32_MAX, "a datum holds at most 2^32-1 bytes");
    AvroDatum d;
    d.type_ = type;
    d.size_ = static_cast<uint32_t>(v.size());
    d.u_.bytes = v.data();
    return d;
  }

 private:
  static AvroDatum Scalar(AvroType type, int64_t v) {
    AvroDatum d;
    d.type_ = type;
    d.u_.i64 = v;
    return d;
  }

  AvroType type_ = AvroType::kNull;
  uint16_t branch_ = 0;
  uint32_t size_ = 0;
  union {
    int64_t i64;
    float f32;
    double f64;
    const char* bytes;
    const AvroDatum* children;
  } u_{0};
};

static_assert(sizeof(AvroDatum) == 16, "AvroDatum is meant to stay 16 bytes");

// Storage for decoded datums' children: chunks that never move, handed out in contiguous runs.
class AvroDatumArena {
 public:
  AvroDatumArena() = default;
  AvroDatumArena(const AvroDatumArena&) = delete;
  AvroDatumArena& operator=(const AvroDatumArena&) = delete;
  AvroDatumArena(AvroDatumArena&&) = default;
  AvroDatumArena& operator=(AvroDatumArena&&) = default;

  // `n` contiguous datums for the caller to fill in (their old contents are unspecified).
  AvroDatum* Allocate(size_t n);
  // Grows the run `run` of `old_n` datums, the arena's most recent allocation or not, to `new_n`:
  // in place when it is the latest and there is room, else by copying it.
  AvroDatum* Extend(AvroDatum* run, size_t old_n, size_t new_n);
  // Forgets every datum handed out; keeps the memory for reuse.
  void Clear();
  // Datums handed out since the last Clear().
  size_t allocated() const { return allocated_; }

 private:
  struct Chunk {
    std::unique_ptr<AvroDatum[]> data;
    size_t capacity = 0;
    size_t used = 0;
  };
  std::vector<Chunk> chunks_;
  size_t current_ = 0;
  AvroDatum* last_ = nullptr;  // the most recent allocation
  size_t allocated_ = 0;
};

}  // namespace floe::avro
