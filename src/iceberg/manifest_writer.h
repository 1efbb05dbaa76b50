// ManifestWriter: writes a manifest (spec "Manifests") in format version 2 or 3 through FileIO,
// and produces the manifest list entry (ManifestFile) that describes it.
//
// The file: Avro `manifest_entry` records in the schema of manifest_avro_schema.h, whose
// `partition` struct has the partition spec's fields (field ids, names, transform result types),
// with the header metadata the spec requires - "schema" (the table schema's JSON), "schema-id",
// "partition-spec" (the spec's fields array), "partition-spec-id", "format-version" and
// "content" ("data" or "deletes"). Deflate by default, as Iceberg's Java writer.
//
// Entries:
//   - Add(file): a file this snapshot adds - status ADDED, the writer's snapshot id, sequence
//     numbers null so that readers inherit the snapshot's (or an explicit data sequence number
//     for rows that are older than the commit, as compaction writes); a new data file's
//     first_row_id must be null (v3 readers assign it);
//   - Existing(entry): a live file carried over from another manifest - status EXISTING, its own
//     snapshot id and both sequence numbers, which must be known;
//   - Delete(entry): a file this snapshot removes - status DELETED, the writer's snapshot id, the
//     file's sequence numbers (which must be known);
//   - Write(entry): any entry as given, under the same rules.
// Each file is checked: content matching the manifest's (data files in a data manifest, delete
// files in a delete manifest), DataFile::Validate(format_version), spec id, and the partition tuple
// against the spec's partition type. A refused entry leaves the writer usable.
//
// Close() returns the ManifestFile: path, length, spec id, content, the writer's snapshot id,
// entry and row counts by status, the least explicit data sequence number of the live entries
// (nullopt when all inherit), and the partition field summaries (PartitionSummaryBuilder). Its
// sequence numbers stay unassigned unless known from the entries: ManifestListWriter assigns
// the snapshot's.
//
// Publishing: WriteMode::kCreateIfAbsent by default - a new manifest never replaces a file.
// Nothing is visible before Close() returns OK; Abort() and the destructor of an unclosed writer
// publish nothing.
//
// Thread-safety: not thread-safe; one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "formats/avro/avro_block_codec.h"
#include "formats/avro/avro_writer.h"
#include "iceberg/manifest_entry.h"
#include "iceberg/manifest_file.h"
#include "iceberg/partition_spec.h"
#include "iceberg/partition_summary.h"
#include "iceberg/schema.h"
#include "io/file_io.h"

namespace floe::iceberg {

struct ManifestWriterOptions {
  int format_version = 2;
  ManifestContent content = ManifestContent::kData;
  // The snapshot the manifest is written for.
  int64_t snapshot_id = 0;
  avro::AvroCodec codec = avro::AvroCodec::kDeflate;
  std::optional<int> codec_level;
  WriteMode mode = WriteMode::kCreateIfAbsent;
  // Fixes the Avro sync marker (reproducible files for tests); random when absent.
  std::optional<std::array<uint8_t, 16>> sync_marker;
};

class ManifestWriter {
  struct Token {
    explicit Token() = default;
  };

 public:
  // `schema`: the table schema the manifest is written with; `spec`: its partition spec, whose
  // fields' sources must be in `schema`. NotSupported for format versions other than 2 and 3.
  static Result<std::unique_ptr<ManifestWriter>> Make(FileIO& io, std::string_view location,
                                                      const Schema& schema,
                                                      const PartitionSpec& spec,
                                                      const ManifestWriterOptions& options = {});

  // Use Make(); only this class can make the Token.
  ManifestWriter(Token, std::unique_ptr<avro::AvroWriter> writer, Type partition_type,
                 PartitionSummaryBuilder summary, int32_t spec_id,
                 const ManifestWriterOptions& options);
  // Aborts an unclosed writer: publishes nothing.
  ~ManifestWriter();
  ManifestWriter(const ManifestWriter&) = delete;
  ManifestWriter& operator=(const ManifestWriter&) = delete;

  const std::string& location() const;
  const Type& partition_type() const { return partition_type_; }

  Status Add(const DataFile& file, std::optional<int64_t> data_sequence_number = std::nullopt);
  Status Existing(const ManifestEntry& entry);
  Status Delete(const ManifestEntry& entry);
  Status Write(const ManifestEntry& entry);

  // Writes the last block, publishes the file and describes it.
  Result<ManifestFile> Close();
  // Discards the file. Idempotent.
  Status Abort();

  int64_t entries_written() const { return entries_written_; }

 private:
  Status Check(const ManifestEntry& entry) const;

  std::unique_ptr<avro::AvroWriter> writer_;
  Type partition_type_;
  PartitionSummaryBuilder summary_;
  int32_t spec_id_;
  ManifestWriterOptions options_;

  int64_t entries_written_ = 0;
  int32_t files_[3] = {0, 0, 0};  // by status: existing, added, deleted
  int64_t rows_[3] = {0, 0, 0};
  std::optional<int64_t> min_sequence_number_;
};

}  // namespace floe::iceberg
