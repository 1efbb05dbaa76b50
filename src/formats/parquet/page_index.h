// The page index of a column chunk (parquet-format PageIndex.md), decoded,
// validated and made safe to act on.
//
// The OffsetIndex says where each data page of the chunk lies and which row
// of the row group it starts with; the ColumnIndex gives each page's min, max
// and null count. Both lie outside the column chunk (writers put them before
// the footer), located by ColumnChunk.offset_index_offset/length and
// column_index_offset/length.
//
// An index is only a hint: one that does not hold together is ignored, never
// an error, so that a bad index costs pruning but neither rows nor
// readability (the reason is kept for tests and EXPLAIN). Checked:
//   - both indexes decode within their declared lengths, which lie in the
//     file's data before the footer; the boundary order is a known enum
//     (read with ThriftEnumValue, as the footer reader reads enums);
//   - OffsetIndex: one page at least when the row group has rows; every
//     page lies inside the column chunk with a positive size, right after
//     the previous one (data pages are contiguous, so the index cannot leave
//     one out unnoticed); first_row_index starts at 0, never decreases and
//     stays within the row group;
//   - ColumnIndex: one entry per OffsetIndex page in null_pages, min_values,
//     max_values and (when present) null_counts and nan_counts; min <= max
//     on every page with bounds; in columns without repetition, a page's
//     null count is at most its rows, and equals them exactly for null
//     pages; null counts are not negative (parquet-mr without statistics
//     writes -1 and marks every page a null page); the page null counts add
//     up to the chunk's null count when both are known, and there is no null
//     page when the chunk has no nulls. Negative NaN counts mean unknown.
// Bounds follow statistics.h's trust rules: only with TypeDefinedOrder, none
// from Parquet.Net, none for INT96, unsigned or FLOAT16 columns, a NaN bound
// drops the page's bounds, a zero min is -0.0 and a zero max +0.0, and the
// bounds of a null page are ignored. Byte-array bounds may be truncated
// (writers cut them to 64 bytes or so) and are never exact, but still bound.
//
// Thread-safety: stateless functions; the structs are values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "io/file_io.h"
#include "vector/value.h"

namespace floe::parquet {

struct PageLocation {
  int64_t offset = 0;                // file offset of the page header
  int64_t compressed_page_size = 0;  // header included
  int64_t first_row_index = 0;       // within the row group
  friend bool operator==(const PageLocation&, const PageLocation&) = default;
};

struct OffsetIndex {
  std::vector<PageLocation> pages;

  // The page holding row `row`: the last page whose first row is at most
  // `row` (pages without rows are passed over). `row` >= 0.
  size_t PageOfRow(int64_t row) const;
  // One past the last row of page `page`, given the row group's row count.
  int64_t PageRowEnd(size_t page, int64_t num_rows) const;
};

enum class BoundaryOrder : uint8_t { kUnordered, kAscending, kDescending };

struct PageStatistics {
  bool null_page = false;  // the page holds only NULLs
  std::optional<int64_t> null_count;
  std::optional<int64_t> nan_count;
  // Trusted bounds; never NULL when set, and set together.
  std::optional<Value> min;
  std::optional<Value> max;
};

struct ColumnIndex {
  std::vector<PageStatistics> pages;  // one per OffsetIndex page
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  // False for strings and binaries: bounds may be truncated.
  bool bounds_exact = true;
};

// What a reader knows from the page index of one column chunk.
struct ColumnChunkPageIndex {
  int32_t column = 0;
  std::optional<OffsetIndex> offset_index;
  // Only with a valid offset_index (its entries are per page).
  std::optional<ColumnIndex> column_index;
  // Why an index the file has was ignored; empty if none was.
  std::string ignored_reason;
};

// Decoders, on the serialized index bytes. Corruption, saying why, when the
// bytes do not decode or the index is inconsistent with the file.
Result<OffsetIndex> DecodeOffsetIndex(const ParquetFileMetadata& metadata, int32_t row_group,
                                      int32_t column, std::span<const uint8_t> bytes);
Result<ColumnIndex> DecodeColumnIndex(const ParquetFileMetadata& metadata, int32_t row_group,
                                      int32_t column, const OffsetIndex& offset_index,
                                      std::span<const uint8_t> bytes);

struct PageIndexRequest {
  int32_t column = 0;         // leaf column ordinal
  bool column_index = false;  // also the ColumnIndex (the OffsetIndex always)
};

// Reads the page indexes of several column chunks of one row group with one
// ReadRanges call; one result per request, in order. Only an I/O error is an
// error: a missing or bad index is reported in the result.
Result<std::vector<ColumnChunkPageIndex>> ReadPageIndexes(
    RandomAccessFile& file, const ParquetFileMetadata& metadata, int32_t row_group,
    std::span<const PageIndexRequest> requests);

}  // namespace floe::parquet
