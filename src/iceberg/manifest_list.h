// Manifest lists (spec "Manifest Lists"): the Avro file of `manifest_file` records a snapshot
// points at, one per manifest, read whole (ReadManifestList) and written by ManifestListWriter.
//
// Reading resolves the file's schema by field id (names only where the writer wrote no ids; the
// older names added/existing/deleted_data_files_count are aliases), in format versions 1-3:
// v1 lists read with the spec's defaults - content data, sequence numbers 0 - and counts left
// null when the writer omitted them. Each record is checked: content 0 or 1, an
// added_snapshot_id, a length and counts that are not negative. The header's "snapshot-id",
// "parent-snapshot-id", "sequence-number", "first-row-id" and "format-version" are returned when
// they are longs (not when absent, "null" or anything else: they are informational, readers go
// by the table metadata; one corpus table writes a snapshot id beyond the long range).
//
// Writing (format version 2 or 3, deflate by default) follows Iceberg's Java writer:
//   - the header holds "snapshot-id", "parent-snapshot-id" (the text "null" when there is none),
//     "sequence-number", "format-version", and in v3 "first-row-id";
//   - a manifest without a sequence number (written for this commit) gets the snapshot's, and
//     one without a min_sequence_number the same - only when the manifest was added by this
//     snapshot (an older manifest must carry its own);
//   - v3: each data manifest without a first_row_id gets the next row id, which then advances
//     by the manifest's added and existing row counts (spec "First Row ID Assignment"); Close()
//     reports the next unassigned row id, so the snapshot's added-rows is its difference from
//     first-row-id;
//   - v2 requires every count; a manifest from a v1 list without them is refused.
// WriteMode::kCreateIfAbsent by default; the destructor of an unclosed writer publishes nothing.
//
// Thread-safety: ReadManifestList is stateless; a ManifestListWriter is used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "formats/avro/avro_block_codec.h"
#include "formats/avro/avro_decoder_cache.h"
#include "formats/avro/avro_writer.h"
#include "iceberg/manifest_file.h"
#include "io/file_io.h"

namespace floe::iceberg {

struct ManifestList {
  // The header's "format-version", else inferred from the fields (1 without sequence numbers).
  int format_version = 1;
  std::optional<int64_t> snapshot_id;
  std::optional<int64_t> parent_snapshot_id;
  std::optional<int64_t> sequence_number;
  std::optional<int64_t> first_row_id;
  std::vector<ManifestFile> manifests;
  // Every header entry, in file order.
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct ManifestListReadOptions {
  std::shared_ptr<avro::AvroDecoderCache> decoder_cache;
};

// Reads the manifest list at `location`. Errors name the file and the record:
//   "iceberg: manifest list s3://b/t/metadata/snap-1.avro: manifest 3: content 7 is not 0 (data)
//    or 1 (deletes)".
Result<ManifestList> ReadManifestList(FileIO& io, std::string_view location,
                                      const ManifestListReadOptions& options = {});

struct ManifestListWriterOptions {
  int format_version = 2;
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  int64_t sequence_number = 0;
  // v3: the snapshot's first-row-id (required there).
  std::optional<int64_t> first_row_id;
  avro::AvroCodec codec = avro::AvroCodec::kDeflate;
  std::optional<int> codec_level;
  WriteMode mode = WriteMode::kCreateIfAbsent;
  // Fixes the Avro sync marker (reproducible files for tests); random when absent.
  std::optional<std::array<uint8_t, 16>> sync_marker;
};

// What Close() reports.
struct ManifestListResult {
  std::string location;
  int64_t length = 0;
  int64_t manifests = 0;
  // v3: the first row id not assigned to any manifest (first_row_id + the rows assigned).
  std::optional<int64_t> next_row_id;
};

class ManifestListWriter {
  struct Token {
    explicit Token() = default;
  };

 public:
  // NotSupported for format versions other than 2 and 3; InvalidArgument for v3 without a
  // first_row_id.
  static Result<std::unique_ptr<ManifestListWriter>> Make(
      FileIO& io, std::string_view location, const ManifestListWriterOptions& options = {});

  // Use Make(); only this class can make the Token.
  ManifestListWriter(Token, std::unique_ptr<avro::AvroWriter> writer,
                     const ManifestListWriterOptions& options);
  // Aborts an unclosed writer: publishes nothing.
  ~ManifestListWriter();
  ManifestListWriter(const ManifestListWriter&) = delete;
  ManifestListWriter& operator=(const ManifestListWriter&) = delete;

  const std::string& location() const;

  // Appends a manifest, assigning what the header comment says. Returns the entry as written.
  Result<ManifestFile> Add(const ManifestFile& manifest);

  Result<ManifestListResult> Close();
  Status Abort();

 private:
  std::unique_ptr<avro::AvroWriter> writer_;
  ManifestListWriterOptions options_;
  std::optional<int64_t> next_row_id_;
  int64_t manifests_ = 0;
};

}  // namespace floe::iceberg
