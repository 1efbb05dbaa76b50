// ParquetReader: reads a Parquet file as a stream of DataChunks.
//
// Open() reads the footer (one ranged read for most files) and maps the
// schema; only the projected top-level columns are read and decoded, and for
// each row group only the byte ranges of their column chunks are fetched, in
// one ReadRanges call (an object store coalesces them). Columns are chosen by
// name or by Parquet field id (Iceberg maps columns by id). Row groups can be
// restricted, e.g. to those whose statistics may match a filter.
//
// Memory: the column chunks of one row group's projected columns, plus one
// batch; never the whole file.
//
// Pruning. With a ParquetPredicate, Open() drops the row groups whose column
// statistics show that no row can match, and for each row group it reads the
// page indexes of the predicate's columns (one request) to find the row
// ranges whose pages might match. Only those rows are decoded and returned:
// for each projected column without repetition only the dictionary page and
// the data pages holding them are fetched (its OffsetIndex maps rows to
// pages); columns with repetition are fetched whole and skip pages without
// decoding them; columns without an offset index are fetched whole and skip
// rows by decoding. Pruning is a superset filter: rows of a page that might
// match are all returned, matching or not, and the caller filters exactly. A
// page index that is missing, inconsistent or contradicted by a page header
// only costs pruning: the row group is then read whole. pruning_stats()
// counts what was skipped.
//
// Thread-safety: one thread per reader; open one reader per thread to read
// row groups in parallel (the footer can be shared via OpenWithMetadata).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/parquet_predicate.h"
#include "formats/parquet/record_assembler.h"
#include "formats/parquet/row_ranges.h"
#include "formats/parquet/type_mapping.h"
#include "io/file_io.h"
#include "vector/data_chunk.h"

namespace floe::parquet {

struct ParquetReaderOptions {
  // Top-level columns to read, in this order; nullopt reads all. A name not
  // in the file is an error.
  std::optional<std::vector<std::string>> column_names;
  // Alternatively by field id (takes precedence when set). An id not in the
  // file is an error; callers that fill missing columns (Iceberg schema
  // evolution) check FindFieldById first.
  std::optional<std::vector<int32_t>> field_ids;
  // Row groups to read, ascending; nullopt reads all.
  std::optional<std::vector<int32_t>> row_groups;
  // Skip row groups (of row_groups, when given) and pages that cannot hold
  // a row matching this. Its columns need not be projected; Open() fails
  // with NotFound for a column the file does not have.
  std::optional<ParquetPredicate> predicate;
  // With a predicate: use page indexes (off: row groups only).
  bool use_page_index = true;
  int64_t batch_size = kDefaultBatchSize;
  // Hand out dictionary vectors for dictionary-encoded top-level columns.
  bool keep_dictionary = false;
  bool verify_crc = true;
};

// What pruning skipped, for EXPLAIN. Row-group counts are final after
// Open(); page, row and byte counts grow as row groups are started.
struct ParquetPruningStats {
  int64_t row_groups = 0;            // row groups considered (all, or options.row_groups)
  int64_t row_groups_skipped = 0;    // by column statistics
  int64_t pages_skipped = 0;         // data pages of projected columns outside the rows read
                                     // (in row groups that were read)
  int64_t rows_skipped = 0;          // rows of considered row groups never returned
  int64_t bytes_skipped = 0;         // column chunk bytes of projected columns not fetched
  int64_t page_indexes_ignored = 0;  // inconsistent page indexes (rows then read whole)
};

class ParquetReader {
 public:
  static Result<std::unique_ptr<ParquetReader>> Open(FileIO& io, std::string_view location,
                                                     ParquetReaderOptions options = {});
  // With a footer read before (cached or shared between readers).
  static Result<std::unique_ptr<ParquetReader>> OpenWithMetadata(
      std::unique_ptr<RandomAccessFile> file, std::shared_ptr<const ParquetFileMetadata> metadata,
      ParquetReaderOptions options = {});

  const std::shared_ptr<const ParquetFileMetadata>& metadata() const { return metadata_; }
  // Every top-level field of the file whose type Floe reads.
  const std::vector<ParquetField>& fields() const { return fields_; }
  // The columns Next() produces, in order.
  const std::vector<ParquetField>& projected_fields() const { return projected_; }
  // Index into fields() of the field with this id, or -1.
  int32_t FindFieldById(int32_t field_id) const;

  // A chunk whose columns are the projected fields, to pass to Next().
  Result<DataChunk> MakeChunk() const;
  // Fills `out` (made by MakeChunk) with the next rows; false at the end.
  Result<bool> Next(DataChunk& out);

  // The row groups to be read, after pruning by statistics.
  const std::vector<int32_t>& row_groups() const { return row_groups_; }
  const ParquetPruningStats& pruning_stats() const { return pruning_; }
  // The rows of the current row group being read (all of them without a
  // predicate or a usable page index).
  const RowRanges& current_row_ranges() const { return row_ranges_; }

  // Public for make_unique; use Open().
  struct PassKey {};
  ParquetReader(PassKey, std::unique_ptr<RandomAccessFile> file,
                std::shared_ptr<const ParquetFileMetadata> metadata, ParquetReaderOptions options);

 private:
  Status Init();
  Status SelectRowGroups(std::vector<int32_t> candidates);
  Status StartRowGroup(int32_t row_group, bool all_match);
  // Fetches whole chunks and makes plain readers for `row_group`.
  Status ReadWholeChunks(int32_t row_group, const std::vector<int32_t>& columns);
  // With page indexes: the rows that might match, the pages holding them.
  Result<bool> ReadPrunedChunks(int32_t row_group, const std::vector<int32_t>& columns);
  // Hands one reader per projected leaf (in assembler order) to the fields.
  void SetLeafReaders(std::vector<std::unique_ptr<ColumnChunkReader>> readers);
  // Every projected leaf column, in assembler order.
  std::vector<int32_t> ProjectedLeaves() const;

  std::unique_ptr<RandomAccessFile> file_;
  std::shared_ptr<const ParquetFileMetadata> metadata_;
  ParquetReaderOptions options_;
  std::vector<ParquetField> fields_;
  std::vector<ParquetField> projected_;
  std::vector<std::unique_ptr<RecordAssembler>> assemblers_;  // one per projected field
  std::vector<int32_t> row_groups_;
  std::optional<BoundParquetPredicate> predicate_;
  // Per entry of row_groups_: whether every row matches (no page pruning).
  std::vector<bool> row_group_all_match_;
  ParquetPruningStats pruning_;
  size_t next_row_group_ = 0;
  // The current row group: one reader per leaf of each projected field, all
  // at row `current_row_` of it; only rows in `row_ranges_` are returned.
  int32_t current_row_group_ = -1;
  int64_t rows_left_ = 0;  // rows of row_ranges_ not yet returned
  RowRanges row_ranges_;
  int64_t current_row_ = 0;
  std::vector<std::vector<std::unique_ptr<ColumnChunkReader>>> leaf_readers_;
  std::vector<ColumnBatch> scratch_;
};

}  // namespace floe::parquet
