#include "formats/parquet/column_chunk_range.h"

#include <algorithm>

namespace floe::parquet {

Result<ReadRange> ColumnChunkRange(const ParquetFileMetadata& metadata, int32_t row_group,
                                   int32_t column) {
  const format::ColumnMetaData& m = metadata.column_chunk(row_group, column).meta_data;
  int64_t start = m.data_page_offset;
  // Offset 0 holds the magic, so a data page "there" is a writer's
  // placeholder (seen in chunks with no values).
  if (m.__isset.dictionary_page_offset && m.dictionary_page_offset > 0 &&
      (m.dictionary_page_offset < start || start == 0)) {
    start = m.dictionary_page_offset;
  }
  int64_t length = m.total_compressed_size;
  // PARQUET-816: old parquet-mr undercounted by the dictionary page header.
  std::string_view writer = metadata.created_by();
  if (writer.rfind("parquet-mr version 1.2.", 0) == 0 ||
      writer.rfind("parquet-mr version 1.1.", 0) == 0 ||
      writer.rfind("parquet-mr version 1.0.", 0) == 0) {
    length += 100;
  }
  const int64_t limit = metadata.footer_offset();
  if (start < 0 || length < 0 || start > limit) {
    return Status::Corruption(
        "parquet: {}: row group {}, column {}: chunk at {} of {} bytes lies "
        "outside the file's data ({} bytes)",
        metadata.location(), row_group, column, start, length, limit);
  }
  length = std::min(length, limit - start);
  return ReadRange{start, length};
}

}  // namespace floe::parquet
