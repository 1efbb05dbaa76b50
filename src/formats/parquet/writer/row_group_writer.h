// RowGroupWriter: the row group layer of the Parquet writer - shreds each
// slice of rows into every leaf column, keeps the row group under
// construction in the column writers, and writes it out as column chunks,
// one after another, when the file writer says so.
//
// A slice is first shredded for every column and only then handed to the
// column writers, so a slice that is refused (a NULL in a required field)
// leaves the row group as it was.
//
// The column writers live as long as this object: they keep file-wide
// statistics across row groups.
//
// Thread-safety: one thread per RowGroupWriter.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/writer/column_writer.h"
#include "formats/parquet/writer/level_builder.h"
#include "formats/parquet/writer/writer_options.h"
#include "formats/parquet/writer/writer_schema.h"
#include "io/file_io.h"
#include "vector/data_chunk.h"

namespace floe::parquet {

// A row group as written: its footer entry and its page index, which goes
// after the last row group. Offsets are file offsets.
struct WrittenRowGroup {
  format::RowGroup row_group;
  std::vector<std::optional<format::ColumnIndex>> column_indexes;  // one per leaf
  std::vector<format::OffsetIndex> offset_indexes;                 // one per leaf
};

class RowGroupWriter {
 public:
  // `schema`, `options` and `codec` must outlive the writer.
  static Result<std::unique_ptr<RowGroupWriter>> Make(const WriterSchema& schema,
                                                      const ParquetWriterOptions& options,
                                                      const Codec& codec);

  // Adds rows [offset, offset + count) of `chunk`, whose columns match the
  // schema's fields. A refused slice (bad input) changes nothing; any other
  // failure leaves the writer broken().
  Status Append(const DataChunk& chunk, int64_t offset, int64_t count);
  bool broken() const { return broken_; }
  // Whether all of `chunk` would be accepted by Append (shreds it, writes
  // nothing).
  Status Validate(const DataChunk& chunk);

  // Rows in the open row group.
  int64_t num_rows() const { return num_rows_; }
  // What the open row group will take in the file, estimated.
  int64_t EstimatedSize() const;

  // Writes the open row group's column chunks at the end of `out` and starts
  // the next one. Requires num_rows() > 0.
  Result<WrittenRowGroup> Flush(OutputStream& out, int16_t ordinal);

  const ColumnWriter& column(size_t leaf) const { return *columns_[leaf]; }

 private:
  RowGroupWriter(const WriterSchema& schema) : schema_(schema) {}

  const WriterSchema& schema_;
  std::vector<LevelBuilder> builders_;                  // one per top-level field
  std::vector<std::unique_ptr<ColumnWriter>> columns_;  // one per leaf
  int64_t num_rows_ = 0;
  bool broken_ = false;
};

}  // namespace floe::parquet
