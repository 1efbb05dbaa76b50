// Value: one value of any logical type, or NULL - the slow, generic path.
//
// Used for constants (a partition value, a literal), for tests and for the
// SQL test harness; hot loops use Vector::GetData<T>() instead. A Value
// always knows its full LogicalType, so NULL is typed. Nested values hold
// their children: struct fields in declaration order, list elements, and map
// entries as struct<key, value> values (the same shape a map vector stores).
//
// Equality is structural (type, nullness, payload). NULL equals NULL and NaN
// equals NaN, so that Values can be compared in tests and used as keys.
//
// Thread-safety: a value type; const Values may be read concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/int128.h"
#include "common/result.h"
#include "vector/logical_type.h"

namespace floe {

class Value {
 public:
  static Value Null(LogicalType type) { return Value(std::move(type)); }
  static Value Boolean(bool v) { return Value(LogicalType::Boolean(), v); }
  static Value Int8(int8_t v) { return Value(LogicalType::Int8(), int64_t{v}); }
  static Value Int16(int16_t v) { return Value(LogicalType::Int16(), int64_t{v}); }
  static Value Int32(int32_t v) { return Value(LogicalType::Int32(), int64_t{v}); }
  static Value Int64(int64_t v) { return Value(LogicalType::Int64(), v); }
  static Value Float(float v) { return Value(LogicalType::Float(), v); }
  static Value Double(double v) { return Value(LogicalType::Double(), v); }
  static Value Date(int32_t days) { return Value(LogicalType::Date(), int64_t{days}); }
  static Value Time(int64_t micros) { return Value(LogicalType::Time(), micros); }
  static Value Timestamp(int64_t micros) { return Value(LogicalType::Timestamp(), micros); }
  static Value TimestampTz(int64_t micros) { return Value(LogicalType::TimestampTz(), micros); }
  static Value TimestampNs(int64_t nanos) { return Value(LogicalType::TimestampNs(), nanos); }
  static Value TimestampTzNs(int64_t nanos) { return Value(LogicalType::TimestampTzNs(), nanos); }
  static Value String(std::string_view v) { return Value(LogicalType::String(), std::string(v)); }
  static Value Binary(std::string_view v) { return Value(LogicalType::Binary(), std::string(v)); }

  // decimal(precision, scale) with the given unscaled value, which must have
  // at most `precision` digits.
  static Result<Value> Decimal(int128_t unscaled, int32_t precision, int32_t scale);
  // fixed[bytes.size()].
  static Result<Value> Fixed(std::string_view bytes);
  // 16 bytes, big-endian as in the canonical text form.
  static Result<Value> Uuid(std::string_view bytes);
  // One value per field, each of the field's type (or a NULL of it).
  static Result<Value> Struct(const LogicalType& type, std::vector<Value> fields);
  static Result<Value> List(const LogicalType& type, std::vector<Value> elements);
  // Keys must not be NULL.
  static Result<Value> Map(const LogicalType& type, std::vector<std::pair<Value, Value>> entries);

  const LogicalType& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(payload_); }

  // Typed access; calling one that does not match the type is a bug.
  bool GetBool() const { return Get<bool>(); }
  // Any integer, date, time or timestamp type, widened.
  int64_t GetInt64() const { return Get<int64_t>(); }
  // The unscaled value of a decimal.
  int128_t GetDecimal() const { return Get<int128_t>(); }
  float GetFloat() const { return Get<float>(); }
  double GetDouble() const { return Get<double>(); }
  // The bytes of a string, binary, fixed or uuid.
  const std::string& GetString() const { return Get<std::string>(); }
  // Struct fields, list elements or map entries (struct<key, value> values).
  const std::vector<Value>& children() const { return Get<std::vector<Value>>(); }

  // "NULL", "42", "3.14", "'text'" inside nested values, "2024-01-31",
  // "12:00:00.000001", "X'00ff'", "[1, 2]", "{a: 1, b: 'x'}", "{'k'=1}".
  std::string ToString() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  using Payload = std::variant<std::monostate, bool, int64_t, int128_t, float, double, std::string,
                               std::vector<Value>>;

  explicit Value(LogicalType type) : type_(std::move(type)) {}
  template <typename T>
  Value(LogicalType type, T payload) : type_(std::move(type)), payload_(std::move(payload)) {}

  template <typename T>
  const T& Get() const {
    const T* p = std::get_if<T>(&payload_);
    FLOE_CHECK(p != nullptr, "Value: accessor does not match the value's type or value is NULL");
    return *p;
  }
  std::string ToStringImpl(bool nested) const;

  // Vector builds Values from storage it has already validated, including
  // decimals a file wrote with more digits than their precision allows.
  friend class Vector;

  LogicalType type_;
  Payload payload_;
};

}  // namespace floe
