// LogicalType: the type of a column as the engine and Iceberg see it.
//
// A LogicalType is a small value (an id, decimal precision/scale or fixed
// length, and for nested types a shared_ptr to immutable children), so it is
// cheap to copy and safe to share. The set mirrors Iceberg v3 primitive types
// plus int8/int16, which SQL and Parquet need. Nested children carry a name
// and an optional Iceberg field id; equality is structural and includes both,
// as Iceberg's does.
//
// Physical layout in a Vector (see vector.h) follows from the type:
//   boolean        1 byte per value (0 or 1), not bit-packed, so every
//                  fixed-width type is addressable as T* without shifts
//   decimal(p, s)  int64 unscaled value when p <= 18, else int128
//   date           int32 days since 1970-01-01
//   time           int64 microseconds since midnight
//   timestamp[tz]  int64 microseconds since the epoch (_ns: nanoseconds)
//   string/binary  16-byte StringRef into the vector's StringHeap
//   fixed[n]/uuid  n (16) bytes per value, contiguous
//   struct         no buffer of its own: one child vector per field
//   list           ListEntry {offset, length} into one child vector
//   map            as list, whose child is struct<key, value>
//
// Thread-safety: immutable after construction; share freely across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace floe {

enum class TypeId : uint8_t {
  kBoolean,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat,
  kDouble,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kTimestampNs,
  kTimestampTzNs,
  kString,
  kBinary,
  kFixed,
  kUuid,
  kStruct,
  kList,
  kMap,
};

// How values are laid out in a vector's main buffer.
enum class PhysicalType : uint8_t {
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kInt128,
  kFloat,
  kDouble,
  kString,      // StringRef
  kFixedBytes,  // byte_width() bytes per value
  kStruct,      // no main buffer
  kList,        // ListEntry
};

// The per-row slot of a list or map vector: elements [offset, offset+length)
// of the child vector. 32 bits suffice because a vector's capacity is capped
// (kMaxVectorCapacity) and keep the slot at 8 bytes.
struct ListEntry {
  uint32_t offset;
  uint32_t length;
};

struct StructField;

class LogicalType {
 public:
  static constexpr int32_t kMaxDecimalPrecision = 38;
  // Decimals up to this precision are stored as int64.
  static constexpr int32_t kMaxInt64DecimalPrecision = 18;
  // fixed[n] values are stored inline in the vector's buffer, so n is capped
  // to keep a batch's buffer bounded (2048 * 64 KiB = 128 MiB).
  static constexpr int64_t kMaxFixedLength = 64 * 1024;

  static LogicalType Boolean() { return LogicalType(TypeId::kBoolean); }
  static LogicalType Int8() { return LogicalType(TypeId::kInt8); }
  static LogicalType Int16() { return LogicalType(TypeId::kInt16); }
  static LogicalType Int32() { return LogicalType(TypeId::kInt32); }
  static LogicalType Int64() { return LogicalType(TypeId::kInt64); }
  static LogicalType Float() { return LogicalType(TypeId::kFloat); }
  static LogicalType Double() { return LogicalType(TypeId::kDouble); }
  static LogicalType Date() { return LogicalType(TypeId::kDate); }
  static LogicalType Time() { return LogicalType(TypeId::kTime); }
  static LogicalType Timestamp() { return LogicalType(TypeId::kTimestamp); }
  static LogicalType TimestampTz() { return LogicalType(TypeId::kTimestampTz); }
  static LogicalType TimestampNs() { return LogicalType(TypeId::kTimestampNs); }
  static LogicalType TimestampTzNs() { return LogicalType(TypeId::kTimestampTzNs); }
  static LogicalType String() { return LogicalType(TypeId::kString); }
  static LogicalType Binary() { return LogicalType(TypeId::kBinary); }
  static LogicalType Uuid() { return LogicalType(TypeId::kUuid); }

  // 1 <= precision <= 38, 0 <= scale <= precision.
  static Result<LogicalType> Decimal(int32_t precision, int32_t scale);
  // 1 <= length <= kMaxFixedLength.
  static Result<LogicalType> Fixed(int64_t length);
  // Field names must be non-empty and unique; field ids, when given, unique.
  static Result<LogicalType> Struct(std::vector<StructField> fields);
  static LogicalType List(LogicalType element, std::optional<int32_t> element_id = std::nullopt);
  static LogicalType Map(LogicalType key, LogicalType value,
                         std::optional<int32_t> key_id = std::nullopt,
                         std::optional<int32_t> value_id = std::nullopt);

  TypeId id() const { return id_; }
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // fixed[n]: n; uuid: 16; otherwise 0.
  int32_t fixed_length() const { return length_; }

  bool IsNested() const {
    return id_ == TypeId::kStruct || id_ == TypeId::kList || id_ == TypeId::kMap;
  }
  // Struct: the fields. List: {"element"}. Map: {"key", "value"}. Else empty.
  const std::vector<StructField>& children() const;
  const LogicalType& child_type(size_t i) const;
  // Map only: struct<key, value>, the type of its entries and of the child of
  // a map vector.
  LogicalType MapEntryType() const;

  PhysicalType physical_type() const;
  // Bytes per row in the vector's main buffer (0 for struct).
  int64_t byte_width() const;

  // Iceberg-style: "int", "long", "decimal(10,2)", "fixed[16]",
  // "struct<a: int, b: string>", "list<int>", "map<string, int>".
  std::string ToString() const;

  friend bool operator==(const LogicalType& a, const LogicalType& b);

 private:
  explicit LogicalType(TypeId id) : id_(id), length_(id == TypeId::kUuid ? 16 : 0) {}

  TypeId id_;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
  int32_t length_ = 0;
  std::shared_ptr<const std::vector<StructField>> children_;
};

struct StructField {
  std::string name;
  LogicalType type;
  std::optional<int32_t> field_id;

  friend bool operator==(const StructField& a, const StructField& b) = default;
};

}  // namespace floe
