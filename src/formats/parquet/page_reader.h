// PageReader: walks the pages of one column chunk and hands them out
// decompressed, with their headers checked.
//
// For each page it deserializes the Thrift PageHeader (bounded by the chunk),
// checks every enum and size against the chunk, verifies the CRC-32 of the
// stored bytes when the writer set one, and decompresses:
//   dictionary page, data page v1: the whole page;
//   data page v2: levels are stored uncompressed in front; only the values
//     that follow are decompressed (unless is_compressed = false).
// Index pages and page types Floe does not know are skipped, as the
// specification allows.
//
// The chunk's bytes may be given in several segments, when a reader that uses
// the offset index fetched only some pages: pages are then read segment by
// segment, Seek() moves to a page at a given file offset, and no page may
// cross a segment's end.
//
// Thread-safety: one thread per reader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/parquet/parquet_types.h"

namespace floe::parquet {

enum class PageKind : uint8_t { kDictionary, kDataV1, kDataV2 };

struct Page {
  PageKind kind = PageKind::kDataV1;
  format::PageHeader header;  // every enum in it checked
  int64_t offset = 0;         // file offset of the page header
  // V2 only: the uncompressed level bytes (repetition, then definition).
  const uint8_t* levels = nullptr;
  int64_t levels_size = 0;
  // The page's data after decompression: the whole page for dictionary and
  // v1 pages, the values section for v2.
  const uint8_t* data = nullptr;
  int64_t data_size = 0;
  // Keeps `levels` and `data` valid.
  std::shared_ptr<const Buffer> owner;

  int32_t num_values() const;  // level entries (data pages) or entries (dictionary)
  int32_t encoding() const;    // the value encoding, as the Thrift enum value
};

// Fetched bytes of a column chunk, starting at file offset `offset`.
struct ChunkSegment {
  int64_t offset = 0;
  std::shared_ptr<const Buffer> data;
};

// What a page header says, without decompressing or checking the page.
struct PageHeaderInfo {
  int32_t type = 0;                 // the Thrift PageType value (checked: a known type)
  int64_t total_size = 0;           // header plus compressed body
  int64_t num_values = 0;           // data pages: level entries; dictionary: entries
  std::optional<int64_t> num_rows;  // data page v2 only
};

class PageReader {
 public:
  // Decompressed pages larger than this are refused: the size comes from the
  // file and is allocated before decompressing.
  static constexpr int64_t kMaxPageSize = int64_t{1} << 30;

  // `chunk` holds the chunk's bytes, starting at file offset `chunk_offset`.
  // `context` prefixes errors ("parquet: f.parquet: row group 0, column 'a'").
  static Result<std::unique_ptr<PageReader>> Make(std::shared_ptr<const Buffer> chunk,
                                                  int64_t chunk_offset, CompressionKind codec,
                                                  bool verify_crc, std::string context);
  // Over segments in ascending, non-overlapping order; reading starts at the
  // first.
  static Result<std::unique_ptr<PageReader>> Make(std::vector<ChunkSegment> segments,
                                                  CompressionKind codec, bool verify_crc,
                                                  std::string context);

  // The next dictionary or data page, or nullopt at the end of the chunk (or
  // of the current segment).
  Result<std::optional<Page>> Next();

  // Continues at the page header at file offset `offset`; InvalidArgument if
  // no segment holds it.
  Status Seek(int64_t offset);
  // File offset of the next page header.
  int64_t position() const;

  // The header at file offset `offset` (which a segment must hold), checked
  // only for a known page type and sizes that fit its segment.
  Result<PageHeaderInfo> HeaderAt(int64_t offset) const;

 public:
  // Use Make().
  PageReader(std::vector<ChunkSegment> segments, std::unique_ptr<Codec> codec, bool verify_crc,
             std::string context)
      : segments_(std::move(segments)),
        codec_(std::move(codec)),
        verify_crc_(verify_crc),
        context_(std::move(context)) {}

 private:
  Status Decompress(const uint8_t* in, int64_t in_size, int64_t out_size, Page& page,
                    int64_t prefix_size);
  // The segment holding file offset `offset`, or -1.
  int FindSegment(int64_t offset) const;

  std::vector<ChunkSegment> segments_;
  std::unique_ptr<Codec> codec_;
  bool verify_crc_;
  std::string context_;
  size_t segment_ = 0;  // the current segment
  int64_t pos_ = 0;     // within it
};

}  // namespace floe::parquet
