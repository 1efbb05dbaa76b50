// ParquetSchema: the tree of a Parquet file's schema, rebuilt from the flat,
// depth-first list of SchemaElements in the footer, with what a column reader
// needs for each leaf column: its path, physical type and maximum definition
// and repetition levels.
//
// Make() validates the tree instead of trusting it: child counts that overrun
// the list, trailing elements, nesting deeper than kMaxDepth, a repeated root,
// unknown physical or repetition types, FIXED_LEN_BYTE_ARRAY without a length
// and DECIMALs without a valid precision and scale are Corruption errors. It
// walks the list once with an explicit stack, so no input can make it recurse
// or loop. Where real writers deviate harmlessly it reads as other readers do:
// a missing repetition type is REQUIRED, an unknown converted or logical type
// is absent.
//
// Thread-safety: immutable after Make(); safe to share across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "formats/parquet/parquet_types.h"

namespace floe::parquet {

// Physical (storage) types; values match the Thrift enum Type.
enum class PhysicalType : uint8_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

// Values match the Thrift enum FieldRepetitionType.
enum class Repetition : uint8_t {
  kRequired = 0,
  kOptional = 1,
  kRepeated = 2,
};

// The legacy type annotation; values match the Thrift enum ConvertedType.
enum class ConvertedType : uint8_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

// "INT32", "FIXED_LEN_BYTE_ARRAY", ... as the specification spells them.
std::string_view PhysicalTypeName(PhysicalType type);
// Bytes of one PLAIN value of a fixed-width physical type (BOOLEAN: 1, as the
// reader stores it unpacked; INT96: 12); 0 for BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY, whose width is not the type's.
int32_t PhysicalTypeWidth(PhysicalType type);
std::string_view RepetitionName(Repetition repetition);
std::string_view ConvertedTypeName(ConvertedType type);

// One node of the schema: the root, a group, or a leaf (primitive) column.
struct SchemaNode {
  std::string name;
  // The root is reported as kRequired whatever the file says.
  Repetition repetition = Repetition::kRequired;
  // Set exactly on leaves.
  std::optional<PhysicalType> physical_type;
  std::optional<int32_t> type_length;           // byte width for FIXED_LEN_BYTE_ARRAY
  std::optional<ConvertedType> converted_type;  // absent if unknown to Floe
  // Set only when the file names a logical type Floe knows; a logical type
  // from a newer writer reads as absent, as the specification asks.
  std::optional<format::LogicalType> logical_type;
  std::optional<int32_t> precision;
  std::optional<int32_t> scale;
  std::optional<int32_t> field_id;

  int32_t parent = -1;            // node index, -1 for the root
  std::vector<int32_t> children;  // node indexes, in file order
  int32_t depth = 0;              // 0 for the root
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  int32_t column_index = -1;  // leaf ordinal, -1 for the root and groups

  bool is_leaf() const { return physical_type.has_value(); }
};

// A leaf column, in the order of a row group's column chunks.
struct ColumnDescriptor {
  int32_t node_index = 0;
  std::vector<std::string> path;  // names from below the root to the leaf
  std::string dotted_path;        // path joined with '.'
  PhysicalType physical_type = PhysicalType::kBoolean;
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
};

class ParquetSchema {
 public:
  // Deeper schemas are refused. Real ones nest a handful of levels; Impala's
  // tests of its limit of 100 nested collections reach a depth of about 300.
  static constexpr int32_t kMaxDepth = 512;

  // Builds the tree. Errors are Corruption with a message that names the
  // offending node but not the file, for the caller to prefix.
  static Result<ParquetSchema> Make(std::span<const format::SchemaElement> elements);

  // Nodes in file (depth-first) order: node i is SchemaElement i.
  int32_t num_nodes() const { return static_cast<int32_t>(nodes_.size()); }
  const SchemaNode& node(int32_t index) const { return nodes_[static_cast<size_t>(index)]; }
  const SchemaNode& root() const { return nodes_.front(); }

  int32_t num_columns() const { return static_cast<int32_t>(columns_.size()); }
  const ColumnDescriptor& column(int32_t index) const {
    return columns_[static_cast<size_t>(index)];
  }
  const std::vector<ColumnDescriptor>& columns() const { return columns_; }

  // The leaf column with this dotted path, or -1.
  int32_t FindColumn(std::string_view dotted_path) const;

  // "a.b.c" for node `index` ("" for the root).
  std::string NodePath(int32_t index) const;

 private:
  ParquetSchema() = default;

  std::vector<SchemaNode> nodes_;
  std::vector<ColumnDescriptor> columns_;
};

}  // namespace floe::parquet
