// ColumnChunkReader: decodes one column chunk (one leaf column of one row
// group) from its bytes into ColumnBatches of whole records.
//
// It walks the chunk's pages — an optional dictionary page, then data pages
// v1 and v2 (index pages and unknown page types are skipped) — checking each
// page header against the chunk's bounds, verifying page CRCs when present,
// decompressing with the chunk's codec, decoding levels (RLE, or the
// deprecated BIT_PACKED), and decoding values in any encoding Floe supports.
// Records may span pages (data page v1 allows it); a ReadRecords call always
// ends on a record boundary.
//
// Errors are Corruption or NotSupported, naming the file, row group, column
// and page: "parquet: f.parquet: row group 0, column 'a.b': page at offset
// 4096: ...".
//
// With the chunk's offset index (MakeIndexed), SkipRecords passes over whole
// pages without reading them, so a caller that reads only some rows can fetch
// only the pages holding them (plus the dictionary page). Pages that were not
// fetched may only be skipped. The index is trusted only as far as it is
// checked: Make verifies each fetched page's header against it (size, and
// row count where entries are rows), and in columns with repetition - whose
// pages the specification, but not every writer, starts at a row boundary -
// a page reached by skipping must start a row; if it does not, the reader
// goes back to the chunk's first page and skips by decoding (this needs the
// whole chunk, which is why callers fetch repeated columns whole).
//
// Thread-safety: one thread per reader. Readers of different chunks of one
// file are independent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/buffer.h"
#include "common/result.h"
#include "formats/parquet/column_batch.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/page_index.h"
#include "formats/parquet/page_reader.h"

namespace floe::parquet {

struct ColumnChunkReaderOptions {
  // Hand out dictionary-encoded pages as indices + dictionary instead of
  // materialised values. A chunk that falls back to plain pages midway
  // materialises from then on.
  bool keep_dictionary = false;
  // Check page CRCs where the writer stored them.
  bool verify_crc = true;
  // For a column whose only optional node is the leaf (max definition level
  // 1, no repetition): leave ColumnBatch::def_levels empty and set
  // def_levels_omitted while every entry of the batch is defined.
  bool omit_full_definition_levels = false;
};

class ColumnChunkReader {
 public:
  // `chunk` holds the chunk's bytes, which start at file offset
  // `chunk_offset` (the dictionary page offset if present, else the first
  // data page offset). `metadata` must outlive the reader.
  static Result<std::unique_ptr<ColumnChunkReader>> Make(
      std::shared_ptr<const ParquetFileMetadata> metadata, int32_t row_group, int32_t column,
      std::shared_ptr<const Buffer> chunk, int64_t chunk_offset,
      ColumnChunkReaderOptions options = {});

  // A chunk of which only `segments` were fetched (ascending, disjoint; the
  // bytes before the first data page, when there are any, and whole pages of
  // `offset_index`, a validated index of this chunk). Corruption if a fetched
  // page disagrees with the index; InvalidArgument if a segment cuts a page.
  // ReadRecords stops at a page that was not fetched (returning fewer
  // records); skip over it with SkipRecords.
  static Result<std::unique_ptr<ColumnChunkReader>> MakeIndexed(
      std::shared_ptr<const ParquetFileMetadata> metadata, int32_t row_group, int32_t column,
      std::vector<ChunkSegment> segments, OffsetIndex offset_index,
      ColumnChunkReaderOptions options = {});

  virtual ~ColumnChunkReader() = default;

  const ColumnDescriptor& descriptor() const;
  // Records (rows) the chunk holds, per the row group.
  int64_t num_records() const;

  // Appends up to `max_records` whole records to `out` (levels and values);
  // returns how many were appended, 0 at the end of the chunk.
  virtual Result<int64_t> ReadRecords(int64_t max_records, ColumnBatch& out) = 0;
  // Skips up to `max_records` records; returns how many were skipped.
  virtual Result<int64_t> SkipRecords(int64_t max_records) = 0;

  // Data pages passed over without being read (MakeIndexed readers only).
  virtual int64_t pages_skipped() const = 0;

 protected:
  ColumnChunkReader() = default;
  std::shared_ptr<const ParquetFileMetadata> metadata_;
  int32_t row_group_ = 0;
  int32_t column_ = 0;
};

}  // namespace floe::parquet
