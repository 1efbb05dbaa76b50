// ParquetFileMetadata: the decoded, validated footer of one Parquet file.
//
// It keeps the Thrift FileMetaData as the file has it (row groups, column
// chunks, statistics, key/value metadata; only converted types unknown to
// Floe are cleared) next to the schema tree built from it. Make() checks what later readers rely
// on, so they need not check it again: the row count is not negative, the schema is a valid tree,
// every row group has one column chunk per leaf column, each with metadata
// whose type matches the schema, every enum value is one Floe knows, and each
// column chunk's bytes lie before the footer.
//
// Thread-safety: immutable after Make(); shared as
// shared_ptr<const ParquetFileMetadata> by any number of readers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/schema.h"

namespace floe::parquet {

class ParquetFileMetadata {
 public:
  // `footer_length` is the length of the serialized FileMetaData, as stored
  // in the file's last 8 bytes. Errors name `location`, and the row group and
  // column where one is at fault.
  static Result<std::shared_ptr<const ParquetFileMetadata>> Make(
      std::string location, int64_t file_size, uint32_t footer_length,
      std::unique_ptr<format::FileMetaData> thrift);

  const std::string& location() const { return location_; }
  int64_t file_size() const { return file_size_; }
  uint32_t footer_length() const { return footer_length_; }
  // Where the serialized FileMetaData starts; column data lies before it.
  int64_t footer_offset() const { return file_size_ - 8 - footer_length_; }

  int64_t num_rows() const { return thrift_->num_rows; }
  int32_t num_row_groups() const { return static_cast<int32_t>(thrift_->row_groups.size()); }
  const format::RowGroup& row_group(int32_t index) const {
    return thrift_->row_groups[static_cast<size_t>(index)];
  }
  // Column chunk `column` (a leaf ordinal) of row group `row_group`; its
  // meta_data is always set.
  const format::ColumnChunk& column_chunk(int32_t row_group_index, int32_t column) const {
    return row_group(row_group_index).columns[static_cast<size_t>(column)];
  }
  const ParquetSchema& schema() const { return schema_; }
  // The writer, e.g. "parquet-mr version 1.12.3 (build ...)"; empty if unset.
  std::string_view created_by() const {
    return thrift_->__isset.created_by ? std::string_view(thrift_->created_by) : std::string_view();
  }
  // Everything else the footer holds.
  const format::FileMetaData& thrift() const { return *thrift_; }

 private:
  struct PassKey {};

 public:
  // Use Make().
  ParquetFileMetadata(PassKey, std::string location, int64_t file_size, uint32_t footer_length,
                      std::unique_ptr<format::FileMetaData> thrift, ParquetSchema schema);

 private:
  std::string location_;
  int64_t file_size_;
  uint32_t footer_length_;
  std::unique_ptr<const format::FileMetaData> thrift_;
  ParquetSchema schema_;
};

}  // namespace floe::parquet
