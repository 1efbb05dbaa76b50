// Type mapping: which Floe LogicalType a node of a Parquet schema reads as,
// and where in the definition/repetition levels each part of it lives.
//
// The rules are those of parquet-format's LogicalTypes.md, backward
// compatibility rules included:
//   - a logical type annotation wins; a legacy converted type applies only
//     when there is none;
//   - LIST: the standard 3-level form, and the legacy 2-level forms (a
//     repeated primitive; a repeated group with several fields, with one
//     repeated field, or with one field named `array` or `<list>_tuple` is
//     itself the element; otherwise the repeated group's only field is);
//   - MAP, and MAP_KEY_VALUE outside a MAP group, with key and value found by
//     position; a key_value group without a value reads as a list of keys
//     (the spec allows reading it "as a set of keys", as Arrow does);
//   - a repeated field that no LIST or MAP consumes, anywhere, is a required
//     list of required elements of that field's type.
// Nullability is not part of a Floe type: optional and required read alike
// here and differ only in the levels the record assembler checks.
//
// Primitive mapping (physical type + annotation -> Floe type):
//   BOOLEAN                        boolean
//   INT32                          int; INT(8,true) int8, INT(16,true) int16,
//                                  UINT8 int16, UINT16 int, UINT32 long
//                                  (unsigned widen so every value fits);
//                                  DATE date; TIME(MILLIS) time; DECIMAL
//   INT64                          long; UINT64 decimal(20,0);
//                                  TIMESTAMP(MILLIS|MICROS) timestamptz when
//                                  adjusted to UTC else timestamp;
//                                  TIMESTAMP(NANOS) timestamptz_ns /
//                                  timestamp_ns; TIME(MICROS|NANOS) time;
//                                  DECIMAL
//   INT96                          timestamp (as DuckDB reads Spark/Impala
//                                  INT96: microseconds, no time zone)
//   FLOAT / DOUBLE                 float / double
//   BYTE_ARRAY                     STRING/UTF8, ENUM, JSON string; DECIMAL;
//                                  none, BSON, GEOMETRY, GEOGRAPHY binary
//   FIXED_LEN_BYTE_ARRAY(n)        UUID (n = 16) uuid; FLOAT16 (n = 2) float;
//                                  DECIMAL; INTERVAL (n = 12) and none fixed[n]
// UNKNOWN ("always null") reads as the physical type's plain mapping.
// Legacy TIME_*/TIMESTAMP_* converted types are adjusted to UTC, as the
// compatibility tables say. INTERVAL has no Floe (or Iceberg) type: it reads
// as its raw 12 bytes (three little-endian uint32: months, days, millis)
// rather than making the whole file unreadable.
//
// Anything else - an annotation that does not fit its physical type, a
// malformed LIST or MAP, VARIANT, a decimal wider than 38 digits - is
// NotSupported, naming the node's path.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/schema.h"
#include "vector/logical_type.h"

namespace floe::parquet {

// How a leaf column's physical values become values of its Floe type.
enum class ValueConversion : uint8_t {
  kBoolean,                  // BOOLEAN (0/1 byte)       -> boolean
  kInt32,                    // INT32                    -> int, date
  kInt32ToInt8,              // INT32                    -> int8 (truncating)
  kInt32ToInt16,             // INT32                    -> int16 (truncating)
  kUint8ToInt16,             // INT32 holding UINT8      -> int16
  kUint16ToInt32,            // INT32 holding UINT16     -> int
  kUint32ToInt64,            // INT32 holding UINT32     -> long (zero-extended)
  kInt64,                    // INT64                    -> long, time (us), timestamp[tz][_ns]
  kUint64ToDecimal,          // INT64 holding UINT64     -> decimal(20,0)
  kTimeMillisToMicros,       // INT32 milliseconds       -> time
  kTimeNanosToMicros,        // INT64 nanoseconds        -> time
  kTimestampMillisToMicros,  // INT64 milliseconds       -> timestamp[tz]
  kInt96ToTimestampMicros,   // INT96 nanos-of-day + Julian day -> timestamp
  kFloat,                    // FLOAT                    -> float
  kDouble,                   // DOUBLE                   -> double
  kInt32ToDecimal,           // INT32 unscaled           -> decimal
  kInt64ToDecimal,           // INT64 unscaled           -> decimal
  kBytesToDecimal,           // big-endian two's complement bytes -> decimal
  kFloat16ToFloat,           // FIXED_LEN_BYTE_ARRAY(2) IEEE half -> float
  kFixed,                    // FIXED_LEN_BYTE_ARRAY(n)  -> fixed[n], uuid
  kBinary,                   // BYTE_ARRAY               -> string, binary
};

// One node of a Parquet field's Floe type, with the levels that locate it.
// A value of this node exists ("has a slot") for every level entry whose
// definition level reaches the enclosing list element; it is non-null when
// the definition level is at least `def_level`.
struct MappedNode {
  LogicalType type = LogicalType::Boolean();
  // The Parquet node this value is read from. For a list made from a
  // repeated field without LIST annotation, both the list and its element
  // name that field.
  int32_t node_index = 0;
  int16_t def_level = 0;
  // List and map: an element exists when the definition level is at least
  // element_def_level; the elements of one list are the entries whose
  // repetition level is at most element_rep_level (the repeated node's).
  int16_t element_def_level = 0;
  int16_t element_rep_level = 0;
  // Leaves: the leaf column ordinal, its physical type and the conversion.
  int32_t column_index = -1;
  PhysicalType physical_type = PhysicalType::kBoolean;
  ValueConversion conversion = ValueConversion::kBoolean;
  // Struct: one per field. List: {element}. Map: {key, value}.
  std::vector<MappedNode> children;

  bool is_leaf() const { return column_index >= 0; }
};

// The Floe type of node `node_index` with its level structure. The root
// (node 0) maps to a struct of all top-level fields.
Result<MappedNode> MapParquetNodeTree(const ParquetSchema& schema, int32_t node_index);

// Just the type.
Result<LogicalType> MapParquetNode(const ParquetSchema& schema, int32_t node_index);

// A top-level field of a Parquet file.
struct ParquetField {
  std::string name;
  LogicalType type = LogicalType::Boolean();
  std::optional<int32_t> field_id;
  int32_t node_index = 0;
};

// The file's top-level fields in schema order. Fails on the first field
// whose type Floe cannot read; callers that can skip such a field map the
// root's children one by one with MapParquetNode.
Result<std::vector<ParquetField>> MapParquetFields(const ParquetSchema& schema);

}  // namespace floe::parquet
