// Snapshot: the state of a table's data at one commit (spec "Snapshots"), and
// its JSON form inside table metadata (Appendix C) and REST's add-snapshot.
//
// A snapshot names the manifest list holding its manifests (v1 tables may
// instead embed the manifest locations in `manifests`), its parent, its
// sequence number (v2+; 0 when read from v1), the commit time, the schema
// that was current, and a summary: the required `operation` plus optional
// string entries (snapshot_summary:: lists the spec's standard keys). v3 adds
// row lineage (`first-row-id`, `added-rows`) and the id of the encryption key
// of the manifest list (`key-id`).
//
// Reading follows Iceberg's Java parser where the spec is loose: a summary
// without `operation` reads as "overwrite" (Java's fallback), an absent
// summary as no operation; sequence numbers default to 0. An operation other
// than the spec's four is refused, since nothing can safely interpret it.
//
// Thread-safety: plain values; share immutable copies freely.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "iceberg/json_util.h"

namespace floe::iceberg {

enum class SnapshotOperation : uint8_t {
  kAppend,     // only data files were added
  kReplace,    // files replaced without changing the data (compaction)
  kOverwrite,  // files added and removed in a logical overwrite
  kDelete,     // data files removed or delete files added
};

// "append", "replace", "overwrite", "delete".
std::string_view SnapshotOperationName(SnapshotOperation operation);
Result<SnapshotOperation> SnapshotOperationFromString(std::string_view text);

// The spec's summary keys (Appendix F); values are decimal strings.
namespace snapshot_summary {
inline constexpr std::string_view kOperation = "operation";
inline constexpr std::string_view kAddedDataFiles = "added-data-files";
inline constexpr std::string_view kDeletedDataFiles = "deleted-data-files";
inline constexpr std::string_view kTotalDataFiles = "total-data-files";
inline constexpr std::string_view kAddedDeleteFiles = "added-delete-files";
inline constexpr std::string_view kAddedEqualityDeleteFiles = "added-equality-delete-files";
inline constexpr std::string_view kRemovedEqualityDeleteFiles = "removed-equality-delete-files";
inline constexpr std::string_view kAddedPositionDeleteFiles = "added-position-delete-files";
inline constexpr std::string_view kRemovedPositionDeleteFiles = "removed-position-delete-files";
inline constexpr std::string_view kAddedDvs = "added-dvs";
inline constexpr std::string_view kRemovedDvs = "removed-dvs";
inline constexpr std::string_view kRemovedDeleteFiles = "removed-delete-files";
inline constexpr std::string_view kTotalDeleteFiles = "total-delete-files";
inline constexpr std::string_view kAddedRecords = "added-records";
inline constexpr std::string_view kDeletedRecords = "deleted-records";
inline constexpr std::string_view kTotalRecords = "total-records";
inline constexpr std::string_view kAddedFilesSize = "added-files-size";
inline constexpr std::string_view kRemovedFilesSize = "removed-files-size";
inline constexpr std::string_view kTotalFilesSize = "total-files-size";
inline constexpr std::string_view kAddedPositionDeletes = "added-position-deletes";
inline constexpr std::string_view kRemovedPositionDeletes = "removed-position-deletes";
inline constexpr std::string_view kTotalPositionDeletes = "total-position-deletes";
inline constexpr std::string_view kAddedEqualityDeletes = "added-equality-deletes";
inline constexpr std::string_view kRemovedEqualityDeletes = "removed-equality-deletes";
inline constexpr std::string_view kTotalEqualityDeletes = "total-equality-deletes";
inline constexpr std::string_view kDeletedDuplicateFiles = "deleted-duplicate-files";
inline constexpr std::string_view kChangedPartitionCount = "changed-partition-count";
inline constexpr std::string_view kManifestsCreated = "manifests-created";
inline constexpr std::string_view kManifestsKept = "manifests-kept";
inline constexpr std::string_view kManifestsReplaced = "manifests-replaced";
inline constexpr std::string_view kEntriesProcessed = "entries-processed";
inline constexpr std::string_view kWapId = "wap.id";
inline constexpr std::string_view kPublishedWapId = "published-wap-id";
inline constexpr std::string_view kSourceSnapshotId = "source-snapshot-id";
inline constexpr std::string_view kEngineName = "engine-name";
inline constexpr std::string_view kEngineVersion = "engine-version";
}  // namespace snapshot_summary

struct Snapshot {
  static constexpr int64_t kInitialSequenceNumber = 0;

  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  // 0 for snapshots of v1 tables.
  int64_t sequence_number = kInitialSequenceNumber;
  int64_t timestamp_ms = 0;
  // The manifest list; empty only for v1 snapshots that list `manifests`.
  std::string manifest_list;
  std::vector<std::string> manifests;
  // Required from v2 on; absent for v1 snapshots written without a summary.
  std::optional<SnapshotOperation> operation;
  // The summary's other entries ("operation" is kept in `operation`).
  std::map<std::string, std::string> summary;
  std::optional<int32_t> schema_id;
  // v3 row lineage; absent in snapshots written before an upgrade to v3.
  std::optional<int64_t> first_row_id;
  std::optional<int64_t> added_rows;
  // v3: the encryption key of the manifest list's key metadata.
  std::optional<std::string> key_id;

  // What needs no table: not both manifest_list and manifests, no
  // negative sequence number, row counts or first row id, no "operation" in
  // `summary`.
  Status Validate() const;

  // A summary value; "operation" gives the operation's name.
  std::optional<std::string_view> SummaryValue(std::string_view key) const;
  // A numeric summary value; nullopt when absent, InvalidArgument when it is
  // not a decimal long ("total-records" = "12x").
  Result<std::optional<int64_t>> SummaryLong(std::string_view key) const;

  friend bool operator==(const Snapshot& a, const Snapshot& b) = default;
};

// Reads a snapshot; errors name it: "iceberg: snapshot 3051729675574597004:
// missing required 'timestamp-ms'".
Result<Snapshot> SnapshotFromJson(const Json& json);
// Writes Java's member order; `sequence-number` only from v2 on (v1 must not
// write it), optional members only when set.
Json SnapshotToJson(const Snapshot& snapshot, int format_version);

}  // namespace floe::iceberg
