// PageWriter: the page layer of one column chunk - compresses encoded pages
// with the chunk's codec, puts a Thrift PageHeader in front, and buffers the
// chunk's pages in memory until its row group is written.
//
// Data pages are kept apart from the dictionary page, which may be written
// after some data pages (when the dictionary is closed at a fallback or at
// the end of the chunk) yet must come first in the file. Locations of data
// pages are relative to the first data page; the row group writer shifts
// them to file offsets.
//
// Thread-safety: one thread per PageWriter. The Codec may be shared.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/parquet/parquet_types.h"

namespace floe::parquet {

// How the footer names `kind`; InvalidArgument for a codec Parquet has no
// name for (raw deflate).
Result<format::CompressionCodec::type> ThriftCompressionCodec(CompressionKind kind);

// Where a data page lies and which rows it starts with.
struct DataPageLocation {
  int64_t offset = 0;     // from the start of the chunk's data pages
  int32_t size = 0;       // header and body as stored
  int64_t first_row = 0;  // within the row group
};

class PageWriter {
 public:
  // `codec` must outlive the writer; `thrift_codec` is how the footer names it.
  PageWriter(const Codec& codec, format::CompressionCodec::type thrift_codec, bool write_crc)
      : codec_(codec), thrift_codec_(thrift_codec), write_crc_(write_crc) {}

  // A DATA_PAGE whose body (levels with their length prefixes, then values)
  // is compressed whole.
  Status WriteDataPageV1(std::span<const uint8_t> body, int32_t num_values,
                         format::Encoding::type encoding, int64_t first_row);
  // A DATA_PAGE_V2: the levels stay uncompressed in front of the values.
  Status WriteDataPageV2(std::span<const uint8_t> rep_levels, std::span<const uint8_t> def_levels,
                         std::span<const uint8_t> values, int32_t num_values, int32_t num_nulls,
                         int32_t num_rows, format::Encoding::type encoding, int64_t first_row);
  // The chunk's DICTIONARY_PAGE (PLAIN), at most one per chunk.
  Status WriteDictionaryPage(std::span<const uint8_t> body, int32_t num_entries);

  const std::vector<uint8_t>& dictionary_page() const { return dictionary_page_; }
  const std::vector<uint8_t>& data_pages() const { return data_pages_; }
  const std::vector<DataPageLocation>& locations() const { return locations_; }
  // Page headers included, dictionary page included.
  int64_t total_compressed_size() const { return total_compressed_; }
  int64_t total_uncompressed_size() const { return total_uncompressed_; }
  // Bytes buffered (what the chunk will occupy in the file).
  int64_t buffered_size() const {
    return static_cast<int64_t>(dictionary_page_.size() + data_pages_.size());
  }
  // Data pages written per encoding, for ColumnMetaData.encoding_stats.
  const std::vector<std::pair<format::Encoding::type, int32_t>>& data_page_encodings() const {
    return data_page_encodings_;
  }

  // Forgets the chunk, keeping buffers' capacity for the next.
  void Reset();
  // Hands over the buffered pages (leaving this writer empty).
  std::vector<uint8_t> TakeDictionaryPage() { return std::move(dictionary_page_); }
  std::vector<uint8_t> TakeDataPages() { return std::move(data_pages_); }

 private:
  // Compresses `input` into compressed_; returns the compressed span.
  Result<std::span<const uint8_t>> Compress(std::span<const uint8_t> input);
  // Appends the serialized header and then the parts of the body.
  Status Append(std::vector<uint8_t>& out, format::PageHeader& header,
                std::span<const uint8_t> part1, std::span<const uint8_t> part2,
                std::span<const uint8_t> part3);
  void CountEncoding(format::Encoding::type encoding);

  const Codec& codec_;
  format::CompressionCodec::type thrift_codec_;
  bool write_crc_;
  std::vector<uint8_t> compressed_;
  std::vector<uint8_t> dictionary_page_;
  std::vector<uint8_t> data_pages_;
  std::vector<DataPageLocation> locations_;
  std::vector<std::pair<format::Encoding::type, int32_t>> data_page_encodings_;
  int64_t total_compressed_ = 0;
  int64_t total_uncompressed_ = 0;
};

}  // namespace floe::parquet
