// ColumnWriter: writes one leaf column of one row group at a time - splits
// the shredded batches into data pages at row boundaries, encodes values
// (dictionary, falling back to PLAIN once the dictionary outgrows its limit;
// booleans PLAIN in v1 pages and RLE in v2 pages) and levels (RLE),
// compresses pages through a PageWriter, and keeps the statistics of every
// page (for the page index), chunk (for the footer) and the whole file (for
// the write result).
//
// A page is closed when it reaches the page size (checked between mini
// batches of at most a few hundred rows, so byte-array pages overshoot by at
// most one row's values) or exactly at max_rows_per_page rows. Mid-chunk
// dictionary fallback closes the open page first, so a page is either all
// dictionary-encoded or all PLAIN, and dictionary-encoded pages all precede
// PLAIN ones.
//
// Thread-safety: one thread per ColumnWriter.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/writer/level_builder.h"
#include "formats/parquet/writer/typed_statistics.h"
#include "formats/parquet/writer/writer_options.h"
#include "formats/parquet/writer/writer_schema.h"

namespace floe::parquet {

// A closed column chunk, to be written at some file offset: the dictionary
// page (if any) first, then the data pages. Offsets in `metadata` and
// `offset_index` are relative to the chunk's start; the row group writer
// shifts them.
struct FinishedColumnChunk {
  std::vector<uint8_t> dictionary_page;
  std::vector<uint8_t> data_pages;
  format::ColumnMetaData metadata;
  std::optional<format::ColumnIndex> column_index;  // absent when it may not be written
  format::OffsetIndex offset_index;
};

class ColumnWriter {
 public:
  // `leaf`, `options` and `codec` must outlive the writer.
  static Result<std::unique_ptr<ColumnWriter>> Make(const LeafColumn& leaf,
                                                    const ParquetWriterOptions& options,
                                                    const Codec& codec);
  virtual ~ColumnWriter() = default;

  // Appends one shredded batch (whole rows).
  virtual Status Write(const LeafBatch& batch) = 0;

  // What the open chunk will take in the file, estimated: pages written so
  // far plus the open page and dictionary as encoded but uncompressed.
  virtual int64_t EstimatedChunkSize() const = 0;

  // Closes the chunk and starts the next row group's.
  virtual Result<FinishedColumnChunk> FinishChunk() = 0;

  // Over every finished chunk so far: value count (levels), and the
  // statistics with bounds truncated as the footer's are.
  virtual int64_t total_value_count() const = 0;
  virtual EncodedStatistics FileStatistics() const = 0;
};

}  // namespace floe::parquet
