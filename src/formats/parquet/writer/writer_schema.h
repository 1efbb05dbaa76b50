// WriterSchema: the Parquet schema a ParquetWriter writes, derived from the
// table's fields, and the leaf columns it shreds values into.
//
// Mapping (what Iceberg's specification asks of Parquet files, with the
// logical type and, where one exists, the legacy converted type that
// parquet-mr writes for old readers):
//   boolean         BOOLEAN
//   int8 / int16    INT32  INTEGER(8|16, signed), INT_8 | INT_16
//   int32 / int64   INT32 / INT64
//   float / double  FLOAT / DOUBLE
//   decimal(p, s)   INT32 (p <= 9), INT64 (p <= 18), else FIXED_LEN_BYTE_ARRAY
//                   of the fewest bytes holding p digits; DECIMAL(p, s), DECIMAL
//   date            INT32 DATE, DATE
//   time            INT64 TIME(MICROS, not UTC), TIME_MICROS
//   timestamp[tz]   INT64 TIMESTAMP(MICROS, UTC for tz), TIMESTAMP_MICROS
//   timestamp[tz]_ns INT64 TIMESTAMP(NANOS, UTC for tz)
//   string          BYTE_ARRAY STRING, UTF8
//   binary          BYTE_ARRAY
//   fixed[n]        FIXED_LEN_BYTE_ARRAY(n)
//   uuid            FIXED_LEN_BYTE_ARRAY(16) UUID
//   struct          group
//   list            <name> (LIST, LIST) { repeated group list { <element> } }
//   map             <name> (MAP, MAP) { repeated group key_value { required key; value } }
// Every node with a field id gets it in SchemaElement.field_id.
//
// Thread-safety: immutable after Make(); safe to share across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/writer/writer_field.h"
#include "vector/logical_type.h"

namespace floe::parquet {

// How the values of a leaf compare, for statistics and the page index.
enum class ValueOrder : uint8_t {
  kBoolean,          // false < true
  kInt32,            // signed
  kInt64,            // signed
  kFloat,            // IEEE, NaN excluded
  kDouble,           // IEEE, NaN excluded
  kUnsignedBytes,    // lexicographic on unsigned bytes (strings, binary, fixed, uuid)
  kSignedBigEndian,  // two's-complement big-endian bytes of one width (decimals)
};

// One leaf (primitive) column of the Parquet schema.
struct LeafColumn {
  int32_t ordinal = 0;            // position among the leaves
  std::vector<std::string> path;  // from below the root to the leaf
  std::string dotted_path;
  std::optional<int32_t> field_id;
  LogicalType type = LogicalType::Int32();  // the Floe type of the values
  format::Type::type physical_type = format::Type::INT32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY only
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  ValueOrder order = ValueOrder::kInt32;
  // Whether the legacy Statistics.min/max (always signed) are written too,
  // as parquet-mr and Arrow do for columns whose sort order is signed.
  bool signed_sort_order = true;
};

class WriterSchema {
 public:
  // Validates `fields` (names non-empty and unique among siblings, children
  // matching each type's shape, map keys required) and fills in omitted
  // children. InvalidArgument names the offending field.
  static Result<WriterSchema> Make(std::vector<WriterField> fields);

  // The fields with every nested child filled in.
  const std::vector<WriterField>& fields() const { return fields_; }
  // The Parquet schema, root first, depth-first.
  const std::vector<format::SchemaElement>& elements() const { return elements_; }
  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // The leaves of top-level field `i` are [first_leaf(i), first_leaf(i) + leaf_count(i)).
  int32_t first_leaf(size_t field) const { return first_leaf_[field]; }
  int32_t leaf_count(size_t field) const { return leaf_count_[field]; }

  // Fewest bytes of a two's-complement integer that hold every value of
  // `precision` decimal digits (16 for 38).
  static int32_t DecimalByteWidth(int32_t precision);

 private:
  WriterSchema() = default;

  std::vector<WriterField> fields_;
  std::vector<format::SchemaElement> elements_;
  std::vector<LeafColumn> leaves_;
  std::vector<int32_t> first_leaf_;
  std::vector<int32_t> leaf_count_;
};

}  // namespace floe::parquet
