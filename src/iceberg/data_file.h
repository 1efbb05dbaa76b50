// DataFile: what a manifest records about one data file or delete file (spec "Data File Fields",
// the `data_file` struct, field ids 100-145): its content (data, position deletes - including v3
// deletion vectors - or equality deletes), location, format, partition tuple, counts and the
// column metrics planning prunes with.
//
// The partition tuple holds one Value per field of the manifest's partition spec, in the spec's
// order, each of ToLogicalType(that field's result type) or a NULL of it; `spec_id` names that
// spec (it is the manifest's, not stored per file).
//
// Column metrics are keyed by field id and kept sorted by id with no id twice (readers sort and
// check them); an empty list is the same as an absent (null) map, as the spec treats a missing id
// like a missing map. Bounds are the raw Appendix D bytes; LowerBound/UpperBound decode them
// with the column's type. Likewise an empty `split_offsets` or `equality_ids` means null.
//
// Validate() checks what the spec requires of one file (what a writer refuses to write and a
// reader refuses to pass on):
//   - a non-empty file_path, record_count and file_size_in_bytes >= 0;
//   - only data files in format version 1;
//   - equality deletes have equality_ids (other files "should" have none: not checked);
//   - content_size_in_bytes whenever content_offset is set;
//   - a Puffin file is a deletion vector: position deletes with referenced_data_file,
//     content_offset and content_size_in_bytes;
//   - delete files have no first_row_id;
//   - first_row_id, content_offset and content_size_in_bytes only in format version 3 and later.
//
// Thread-safety: a plain value; share const instances freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "iceberg/schema.h"
#include "vector/value.h"

namespace floe::iceberg {

enum class DataFileContent : uint8_t {
  kData = 0,
  kPositionDeletes = 1,
  kEqualityDeletes = 2,
};

// "data", "position deletes", "equality deletes".
std::string_view DataFileContentName(DataFileContent content);
// The content of the spec's integer code (0, 1, 2); InvalidArgument otherwise.
Result<DataFileContent> DataFileContentFromInt(int64_t code);

enum class FileFormat : uint8_t {
  kParquet,
  kAvro,
  kOrc,
  kPuffin,
};

// "PARQUET", "AVRO", "ORC", "PUFFIN": the spelling Iceberg's Java implementation writes.
std::string_view FileFormatName(FileFormat format);
// Any case ("parquet", "Parquet"); InvalidArgument for other names.
Result<FileFormat> FileFormatFromString(std::string_view text);

// Per-column counts and bounds, sorted by field id, each id once.
using ColumnCounts = std::vector<std::pair<int32_t, int64_t>>;
using ColumnBounds = std::vector<std::pair<int32_t, std::string>>;

// The entry of `field_id`; nullptr when absent.
const int64_t* FindColumnCount(const ColumnCounts& counts, int32_t field_id);
const std::string* FindColumnBound(const ColumnBounds& bounds, int32_t field_id);

struct DataFile {
  DataFileContent content = DataFileContent::kData;
  std::string file_path;
  FileFormat file_format = FileFormat::kParquet;
  // The partition spec the tuple belongs to (the manifest's).
  int32_t spec_id = 0;
  std::vector<Value> partition;
  int64_t record_count = 0;
  int64_t file_size_in_bytes = 0;
  ColumnCounts column_sizes;
  ColumnCounts value_counts;
  ColumnCounts null_value_counts;
  ColumnCounts nan_value_counts;
  ColumnBounds lower_bounds;
  ColumnBounds upper_bounds;
  std::optional<std::string> key_metadata;
  std::vector<int64_t> split_offsets;
  std::vector<int32_t> equality_ids;
  std::optional<int32_t> sort_order_id;
  // v3: the _row_id of the file's first row (assigned by inheritance when read).
  std::optional<int64_t> first_row_id;
  // The one data file all of a delete file's deletes apply to (required for deletion vectors).
  std::optional<std::string> referenced_data_file;
  // v3: where a deletion vector's blob starts in the Puffin file, and its length.
  std::optional<int64_t> content_offset;
  std::optional<int64_t> content_size_in_bytes;

  bool is_deletion_vector() const {
    return content == DataFileContent::kPositionDeletes && file_format == FileFormat::kPuffin;
  }

  // The bound recorded for column `field_id`, decoded as a value of that column's type in
  // `schema`; nullopt when the file records none. InvalidArgument when the column is not a
  // primitive of `schema`, or the bytes are not a value of its type.
  Result<std::optional<Value>> LowerBound(const Schema& schema, int32_t field_id) const;
  Result<std::optional<Value>> UpperBound(const Schema& schema, int32_t field_id) const;

  // See the header comment. InvalidArgument naming the rule broken.
  Status Validate(int format_version) const;

  friend bool operator==(const DataFile& a, const DataFile& b) = default;
};

// Decodes the bound `bytes` of column `field_id` of `schema` (Appendix D, with the spec's
// promotions: an int bound of a column now long, and so on).
Result<Value> DecodeColumnBound(const Schema& schema, int32_t field_id, std::string_view bytes);

// Sorts metrics by field id; InvalidArgument naming the id when one occurs twice.
Status SortColumnMetrics(ColumnCounts& counts);
Status SortColumnMetrics(ColumnBounds& bounds);

}  // namespace floe::iceberg
