// ParquetWriter: writes DataChunks to one Parquet file, streaming.
//
//   FLOE_ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(io, location, fields));
//   FLOE_RETURN_NOT_OK(writer->Write(chunk));   // any number of times
//   FLOE_ASSIGN_OR_RETURN(ParquetWriteResult result, writer->Close());
//
// Layers, as in Arrow's parquet-cpp: pages (PageWriter: codec, headers) ->
// encoders (dictionary, PLAIN, RLE) -> columns (ColumnWriter: pages,
// statistics, page index) -> row groups (RowGroupWriter: shredding, column
// chunks) -> this file writer (magic, row group flushes, page index, footer).
//
// Memory is bounded by the row group under construction: its encoded,
// compressed pages are buffered per column until the row group reaches
// options.row_group_size (or max_row_group_rows) and is written to the
// stream; then only its footer entry and page index stay. Close() writes the
// page index (every ColumnIndex, then every OffsetIndex) and the footer
// (created_by "floe version <x> (build unknown)", TypeDefinedOrder for every
// column, the options' key/value metadata), then closes the stream, which
// publishes the file atomically. Abort(), a failed write or close, and the
// destructor of an unclosed writer abort the stream: nothing appears under
// the location.
//
// A Write() refused for bad input (a NULL in a required field, a column of
// the wrong type) changes nothing and the writer stays usable; any other
// failure (I/O) leaves it failed: later calls return that error and the
// stream is aborted.
//
// Thread-safety: one thread per writer (write many files in parallel with
// one writer each).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/writer/row_group_writer.h"
#include "formats/parquet/writer/write_result.h"
#include "formats/parquet/writer/writer_field.h"
#include "formats/parquet/writer/writer_options.h"
#include "formats/parquet/writer/writer_schema.h"
#include "io/file_io.h"
#include "vector/data_chunk.h"

namespace floe::parquet {

class ParquetWriter {
  struct PassKey {
    explicit PassKey() = default;
  };

 public:
  // Starts a file on `out` (writes the leading magic). InvalidArgument for
  // a bad schema or options.
  static Result<std::unique_ptr<ParquetWriter>> Make(std::unique_ptr<OutputStream> out,
                                                     std::vector<WriterField> fields,
                                                     ParquetWriterOptions options = {});
  // Opens `location` on `io` for writing and starts a file there.
  static Result<std::unique_ptr<ParquetWriter>> Open(FileIO& io, std::string_view location,
                                                     std::vector<WriterField> fields,
                                                     ParquetWriterOptions options = {},
                                                     WriteMode mode = WriteMode::kOverwrite);

  ParquetWriter(PassKey, std::unique_ptr<OutputStream> out, std::unique_ptr<WriterSchema> schema,
                ParquetWriterOptions options, std::unique_ptr<Codec> codec);
  // Aborts an unclosed writer: never publishes.
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  // Appends the chunk's rows [0, size()). Its columns must be the schema's
  // top-level fields, in order, with their types (any vector kind).
  Status Write(const DataChunk& chunk);

  // Flushes the open row group, writes the page index and the footer, and
  // publishes the file.
  Result<ParquetWriteResult> Close();

  // Discards the file. Idempotent; a no-op after Close().
  Status Abort();

  const WriterSchema& schema() const { return *schema_; }
  const std::string& location() const { return out_->location(); }
  int64_t rows_written() const { return rows_written_; }
  // Bytes in the file so far plus the estimated size of the open row group:
  // what a rolling writer compares with its target file size.
  int64_t EstimatedFileSize() const;

 private:
  enum class State : uint8_t { kOpen, kClosed, kAborted, kFailed };

  Status CheckOpen() const;
  Status CheckChunk(const DataChunk& chunk) const;
  Status FlushRowGroup();
  Status WritePageIndex();
  Status WriteFooter();
  ParquetWriteResult MakeResult(int64_t file_size) const;
  // Records a fatal error and aborts the stream; returns the error.
  Status Fail(Status status);

  std::unique_ptr<OutputStream> out_;
  std::unique_ptr<WriterSchema> schema_;
  ParquetWriterOptions options_;
  std::unique_ptr<Codec> codec_;
  std::unique_ptr<RowGroupWriter> row_group_;
  State state_ = State::kOpen;
  Status failure_;
  int64_t rows_written_ = 0;
  std::vector<format::RowGroup> row_groups_;
  std::vector<std::vector<std::optional<format::ColumnIndex>>> column_indexes_;
  std::vector<std::vector<format::OffsetIndex>> offset_indexes_;
  std::vector<int64_t> column_compressed_;    // per leaf, over the row groups
  std::vector<int64_t> column_uncompressed_;  // per leaf, over the row groups
};

}  // namespace floe::parquet
