// ManifestReader: reads a manifest (spec "Manifests") - an Avro file of `manifest_entry`
// records - written by any Iceberg implementation in format version 1, 2 or 3, one Avro block
// of entries at a time.
//
// Resolution: the file's Avro schema is resolved against Floe's reader schema by field id (names
// only where the writer wrote no ids), so renamed fields and other writers' field orders read
// alike; v1 files (no content, no sequence numbers, a block_size_in_bytes to skip) read with the
// spec's defaults (content data). Fields a caller does not want (ManifestProjection) are skipped
// without being decoded.
//
// The partition tuple: the expected type comes from the partition spec and table schema the
// caller passes (from table metadata, as planning has them), else from the header's
// "partition-spec" and "schema", else - for writers that left the header empty - from the file's
// own Avro `partition` record. The file's partition fields are matched to the spec's by field id
// (by name where the file has no ids) and converted with the spec's promotions (int -> long,
// float -> double, date -> timestamp, decimals of any stored size); a field the file lacks reads
// as null, a partition field of an incompatible Avro type fails Open:
//   "iceberg: manifest s3://b/t/metadata/m0.avro: data_file.partition field 1000 'ts_day':
//    expected date, the file writes string"
// A field whose spec type is not known (its source column was dropped) takes the file's type.
//
// Inheritance (spec "Sequence Number Inheritance", "First Row ID Inheritance"), when the reader is
// opened with the manifest's manifest list entry:
//   - a null snapshot_id takes the manifest's added_snapshot_id;
//   - a null sequence_number or file_sequence_number takes the manifest's sequence number when
//     the entry is ADDED, or when that number is 0 (v1 manifest lists, whose files have none);
//   - in a data manifest with a first_row_id, each ADDED or EXISTING data file without one gets
//     the manifest's first_row_id plus the record counts of the files before it that got one
//     (DELETED entries take none, as in Iceberg's Java reader).
// Opened by location alone, nothing is inherited except v1's sequence numbers (0).
//
// Every entry is checked (status, content matching the manifest's, file format, DataFile's
// Validate(3) rules, metric maps without repeated ids); a bad one fails with where and why:
//   "iceberg: manifest m0.avro: entry 12: data_file.file_format 'csv' is not avro, orc, parquet
//    or puffin". Split offsets that are not strictly ascending within the file are dropped, as
// Iceberg's Java reader ignores them.
//
// Memory: at most one Avro block of entries is decoded at a time (Next); ReadAll holds one
// manifest's entries.
//
// Thread-safety: not thread-safe; one reader per thread (open one per manifest to read in
// parallel; an AvroDecoderCache may be shared).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "formats/avro/avro_decoder_cache.h"
#include "formats/avro/avro_reader.h"
#include "iceberg/manifest_entry.h"
#include "iceberg/manifest_file.h"
#include "iceberg/partition_spec.h"
#include "iceberg/schema.h"
#include "io/file_io.h"

namespace floe::iceberg {

// The optional data_file fields a reader decodes; the others are skipped unread and come out
// empty. Paths, formats, partition tuples, counts, sizes, equality ids, sort order ids and the
// v3 row-lineage and deletion-vector fields are always read.
struct ManifestProjection {
  bool column_sizes = true;
  bool value_counts = true;
  bool null_value_counts = true;
  bool nan_value_counts = true;
  bool lower_bounds = true;
  bool upper_bounds = true;
  bool key_metadata = true;
  bool split_offsets = true;

  static ManifestProjection All() { return {}; }
  // None of the above: what planning needs when it prunes by partition only.
  static ManifestProjection None() {
    return {false, false, false, false, false, false, false, false};
  }
  // The metrics that filter by column values (value, null and NaN counts and bounds), not the
  // column sizes, key metadata or split offsets.
  static ManifestProjection ForFiltering() {
    return {false, true, true, true, true, true, false, false};
  }
};

struct ManifestReaderOptions {
  // The table schema and the manifest's partition spec, from table metadata; used during Open
  // only. When absent, the manifest's header supplies them (see the header comment).
  const Schema* schema = nullptr;
  const PartitionSpec* spec = nullptr;
  ManifestProjection projection;
  // Shares parsed schemas and resolved decoders across a table's manifests.
  std::shared_ptr<avro::AvroDecoderCache> decoder_cache;
};

class ManifestReader {
  struct Token {
    explicit Token() = default;
  };

 public:
  // Opens the manifest `manifest` describes (its path, spec id, content, sequence number,
  // snapshot id and first row id, for inheritance).
  static Result<std::unique_ptr<ManifestReader>> Open(FileIO& io, const ManifestFile& manifest,
                                                      const ManifestReaderOptions& options = {});
  // Opens a manifest by location, without its manifest list entry.
  static Result<std::unique_ptr<ManifestReader>> Open(FileIO& io, std::string_view location,
                                                      const ManifestReaderOptions& options = {});

  // Use Open(); only this class can make the Token.
  explicit ManifestReader(Token);
  ~ManifestReader();
  ManifestReader(const ManifestReader&) = delete;
  ManifestReader& operator=(const ManifestReader&) = delete;

  const std::string& location() const { return location_; }
  // The header's "format-version", else inferred from the fields the file has.
  int format_version() const { return format_version_; }
  // From the header or the manifest list entry; when neither says (headers some writers left
  // empty, read without the list), the first entry decides and this is kData until then.
  ManifestContent content() const { return content_; }
  int32_t spec_id() const { return spec_id_; }
  // The partition spec, from the options or the header; nullopt when neither had one.
  const std::optional<PartitionSpec>& spec() const { return spec_; }
  // The table schema, from the options or the header; nullopt when neither had one.
  const std::optional<Schema>& schema() const { return schema_; }
  // The struct type of the partition tuples read: the spec's, with the file's types where the
  // spec's are not known.
  const Type& partition_type() const { return partition_type_; }
  // The Avro header's key/value metadata, in file order.
  const std::vector<std::pair<std::string, std::string>>& metadata() const;

  // The entries of the next Avro block, inheritance applied; empty at the end of the file.
  Result<std::vector<ManifestEntry>> Next();
  // Every remaining entry.
  Result<std::vector<ManifestEntry>> ReadAll();

  int64_t entries_read() const { return entries_read_; }

 private:
  struct Impl;
  static Result<std::unique_ptr<ManifestReader>> OpenImpl(FileIO& io, std::string_view location,
                                                          const ManifestFile* manifest,
                                                          const ManifestReaderOptions& options);

  std::string location_;
  int format_version_ = 1;
  ManifestContent content_ = ManifestContent::kData;
  int32_t spec_id_ = 0;
  std::optional<PartitionSpec> spec_;
  std::optional<Schema> schema_;
  Type partition_type_ = Type::Unknown();
  int64_t entries_read_ = 0;
  std::unique_ptr<Impl> impl_;
};

}  // namespace floe::iceberg
