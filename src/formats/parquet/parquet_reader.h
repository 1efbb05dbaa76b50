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
#include "formats/parquet/record_assembler.h"
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
  int64_t batch_size = kDefaultBatchSize;
  // Hand out dictionary vectors for dictionary-encoded top-level columns.
  bool keep_dictionary = false;
  bool verify_crc = true;
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

  // Public for make_unique; use Open().
  struct PassKey {};
  ParquetReader(PassKey, std::unique_ptr<RandomAccessFile> file,
                std::shared_ptr<const ParquetFileMetadata> metadata, ParquetReaderOptions options);

 private:
  Status Init();
  Status StartRowGroup(int32_t row_group);

  std::unique_ptr<RandomAccessFile> file_;
  std::shared_ptr<const ParquetFileMetadata> metadata_;
  ParquetReaderOptions options_;
  std::vector<ParquetField> fields_;
  std::vector<ParquetField> projected_;
  std::vector<std::unique_ptr<RecordAssembler>> assemblers_;  // one per projected field
  std::vector<int32_t> row_groups_;
  size_t next_row_group_ = 0;
  // The current row group: one reader per leaf of each projected field.
  int32_t current_row_group_ = -1;
  int64_t rows_left_ = 0;
  std::vector<std::vector<std::unique_ptr<ColumnChunkReader>>> leaf_readers_;
  std::vector<ColumnBatch> scratch_;
};

}  // namespace floe::parquet
