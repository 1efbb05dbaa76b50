// Where a column chunk's bytes lie in its file.
//
// The chunk starts at its dictionary page when it has one, else at its first
// data page. Writers disagree in small ways the readers of record tolerate:
// some leave dictionary_page_offset unset or 0 although a dictionary page
// precedes the data, and parquet-mr before 1.2.9 (PARQUET-816) left the
// dictionary page header out of total_compressed_size. The range is always
// clamped to the data before the footer.
//
// Thread-safety: stateless.
#pragma once

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "io/file_io.h"

namespace floe::parquet {

Result<ReadRange> ColumnChunkRange(const ParquetFileMetadata& metadata, int32_t row_group,
                                   int32_t column);

}  // namespace floe::parquet
