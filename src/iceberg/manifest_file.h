// ManifestFile: one entry of a manifest list (spec "Manifest Lists", the `manifest_file` struct,
// field ids 500-520): where a manifest is, what it holds (data or delete files of one partition
// spec), its sequence numbers, the snapshot that added it, counts of its entries and rows by
// status, per-partition-field summaries (spec field 507/508, `field_summary`) that let planning
// skip it, and the v3 first_row_id its data files inherit row ids from.
//
// ManifestWriter::Close() produces one for the manifest it wrote; a manifest written for the
// commit in progress has no sequence numbers yet (nullopt), and ManifestListWriter fills in the
// snapshot's. Manifest lists read back always have them (0 for v1 lists, as the spec says). The
// counts are optional because v1 lists may omit them (null means "not known, maybe non-zero").
//
// Thread-safety: a plain value; share const instances freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "iceberg/type.h"
#include "vector/value.h"

namespace floe::iceberg {

enum class ManifestContent : uint8_t {
  kData = 0,
  kDeletes = 1,
};

// "data", "deletes": also the value of a manifest's "content" header key.
std::string_view ManifestContentName(ManifestContent content);
Result<ManifestContent> ManifestContentFromString(std::string_view text);
// The content of the spec's integer code (0, 1); InvalidArgument otherwise.
Result<ManifestContent> ManifestContentFromInt(int64_t code);

// What a manifest holds for one partition field, over all its entries.
struct PartitionFieldSummary {
  bool contains_null = false;
  // Null when the writer did not say (older writers; a field that cannot hold NaN is false).
  std::optional<bool> contains_nan;
  // Appendix D bytes of the least and greatest non-null, non-NaN value; null when every value is
  // null or NaN.
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;

  // The bounds decoded as values of the partition field's type; nullopt when absent.
  Result<std::optional<Value>> DecodeLowerBound(const Type& field_type) const;
  Result<std::optional<Value>> DecodeUpperBound(const Type& field_type) const;

  friend bool operator==(const PartitionFieldSummary& a, const PartitionFieldSummary& b) = default;
};

struct ManifestFile {
  std::string manifest_path;
  int64_t manifest_length = 0;
  int32_t partition_spec_id = 0;
  ManifestContent content = ManifestContent::kData;
  // The sequence number of the snapshot that added the manifest; its ADDED entries inherit it.
  std::optional<int64_t> sequence_number;
  // The least data sequence number of the manifest's live entries.
  std::optional<int64_t> min_sequence_number;
  int64_t added_snapshot_id = 0;
  std::optional<int32_t> added_files_count;
  std::optional<int32_t> existing_files_count;
  std::optional<int32_t> deleted_files_count;
  std::optional<int64_t> added_rows_count;
  std::optional<int64_t> existing_rows_count;
  std::optional<int64_t> deleted_rows_count;
  // One per partition field of the manifest's spec, in order; nullopt when the list has none.
  std::optional<std::vector<PartitionFieldSummary>> partitions;
  std::optional<std::string> key_metadata;
  // v3, data manifests: the first row id its data files without one inherit.
  std::optional<int64_t> first_row_id;

  // Whether the manifest may hold entries of that status (true when the count is unknown).
  bool has_added_files() const { return !added_files_count || *added_files_count > 0; }
  bool has_existing_files() const { return !existing_files_count || *existing_files_count > 0; }
  bool has_deleted_files() const { return !deleted_files_count || *deleted_files_count > 0; }

  friend bool operator==(const ManifestFile& a, const ManifestFile& b) = default;
};

}  // namespace floe::iceberg
