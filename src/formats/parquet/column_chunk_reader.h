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

namespace floe::parquet {

struct ColumnChunkReaderOptions {
  // Hand out dictionary-encoded pages as indices + dictionary instead of
  // materialised values. A chunk that falls back to plain pages midway
  // materialises from then on.
  bool keep_dictionary = false;
  // Check page CRCs where the writer stored them.
  bool verify_crc = true;
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

  virtual ~ColumnChunkReader() = default;

  const ColumnDescriptor& descriptor() const;
  // Records (rows) the chunk holds, per the row group.
  int64_t num_records() const;

  // Appends up to `max_records` whole records to `out` (levels and values);
  // returns how many were appended, 0 at the end of the chunk.
  virtual Result<int64_t> ReadRecords(int64_t max_records, ColumnBatch& out) = 0;
  // Skips up to `max_records` records; returns how many were skipped.
  virtual Result<int64_t> SkipRecords(int64_t max_records) = 0;

 protected:
  ColumnChunkReader() = default;
  std::shared_ptr<const ParquetFileMetadata> metadata_;
  int32_t row_group_ = 0;
  int32_t column_ = 0;
};

}  // namespace floe::parquet
