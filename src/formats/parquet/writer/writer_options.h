// ParquetWriterOptions: how a ParquetWriter lays out and encodes a file.
//
// The defaults are what parquet-mr (and so Iceberg's Java writer) produces:
// data page v1, dictionary encoding with a 1 MiB dictionary limit and PLAIN
// fallback, ZSTD, 128 MiB row groups and 1 MiB pages, statistics and a page
// index for every column.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "formats/compression/codec.h"

namespace floe::parquet {

enum class DataPageVersion : uint8_t {
  kV1,  // DATA_PAGE: levels inside the compressed body, each with a 4-byte length
  kV2,  // DATA_PAGE_V2: levels uncompressed in front, their lengths in the header
};

struct ParquetWriterOptions {
  // One of kUncompressed, kSnappy, kGzip, kZstd, kLz4Raw, kBrotli.
  CompressionKind compression = CompressionKind::kZstd;
  // The codec's own scale; nullopt takes the codec's default.
  std::optional<int> compression_level;

  // A row group is flushed once the encoded data buffered for it (compressed
  // pages plus the estimated size of open pages and dictionaries) reaches
  // this many bytes, or once it holds max_row_group_rows rows.
  int64_t row_group_size = int64_t{128} << 20;
  int64_t max_row_group_rows = INT64_MAX;

  // A data page is closed once its encoded values and levels reach this many
  // bytes (checked every few hundred rows), or once it holds
  // max_rows_per_page rows (exact). Pages always start at a row boundary.
  int64_t page_size = int64_t{1} << 20;
  int64_t max_rows_per_page = 20000;

  DataPageVersion data_page_version = DataPageVersion::kV1;

  // Dictionary encoding (RLE_DICTIONARY data pages, PLAIN dictionary page)
  // for every column but booleans. When a column chunk's dictionary reaches
  // dictionary_page_size_limit bytes (PLAIN-encoded) the open page is closed
  // and the chunk's remaining pages are PLAIN.
  bool enable_dictionary = true;
  int64_t dictionary_page_size_limit = int64_t{1} << 20;

  // Column chunk statistics and the page index (ColumnIndex + OffsetIndex).
  bool write_statistics = true;
  bool write_page_index = true;
  // BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY bounds longer than this are truncated
  // (and marked inexact): in the column chunk statistics, and in the
  // ColumnIndex (parquet-mr's default of 64 bytes).
  int64_t statistics_truncate_length = 4096;
  int64_t column_index_truncate_length = 64;

  // CRC-32 of every page as stored, in its header.
  bool write_page_crc = false;

  // Written in the footer, in this order.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
};

}  // namespace floe::parquet
