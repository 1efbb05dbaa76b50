// TableMetadataBuilder: makes the next version of a table's metadata by
// applying TableUpdates (table_update.h) to a base version - or to nothing,
// for CREATE TABLE - one at a time, each validated as the spec and Iceberg's
// Java implementation require. CommitUpdates() is the path every catalog's
// commit takes: check the requirements against the current metadata, apply
// the updates, build.
//
// Rules kept here (beyond what TableMetadata::Make checks on any metadata):
//   - ids: a new schema, spec or sort order gets the next id (highest + 1;
//     sort orders from 1, the unsorted order is 0), and one equal to an
//     existing one reuses that one instead of adding a duplicate (as Java
//     does); -1 in set-current-schema / set-default-spec /
//     set-default-sort-order names the one the last add-* resolved to;
//     last-column-id and last-partition-id only grow; a partition field id
//     already used by an earlier spec must keep its source and transform
//     (v2+; v1 specs must number fields 1000, 1001, ...).
//   - snapshots: ids unique; the parent must exist; from v2 on a new
//     snapshot's sequence number must be above last-sequence-number (else
//     CommitConflict: another commit took it; retry on fresh metadata) and
//     becomes it; v1 snapshots have sequence number 0; v3 snapshots carry
//     first-row-id >= next-row-id (else CommitConflict) and added-rows, and
//     next-row-id grows by added-rows.
//   - refs point at existing snapshots; `main` is a branch and moves the
//     current snapshot, appending to the snapshot log (at the snapshot's
//     timestamp when it was added by this commit, else at this commit's
//     time); snapshots that were main only in the middle of one commit are
//     dropped from the log, and removing snapshots drops log entries up to
//     the last removed one (so the log never skips a state), as Java does.
//     Removing snapshots drops their statistics and the refs pointing at
//     them.
//   - the format version only goes up; the current schema, default spec
//     and default sort order cannot be removed.
//   - Build(): last-updated-ms is this commit's time; the base's file is
//     appended to the metadata log, which keeps the newest
//     `write.metadata.previous-versions-max` entries (default 100); metadata
//     without a uuid gets a random one. Nothing changed: Build() returns the
//     base itself.
// Errors are InvalidArgument (the update cannot apply) unless said otherwise;
// a failed call leaves the builder as it was.
//
// Thread-safety: a builder is used by one thread; what Build() returns is
// immutable and shared.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "iceberg/table_metadata.h"
#include "iceberg/table_requirement.h"
#include "iceberg/table_update.h"

namespace floe::iceberg {

struct MetadataBuildOptions {
  // Where the base metadata was read from: recorded in the new metadata-log.
  // Empty: no entry (the base has no file, e.g. a REST staged create).
  std::string base_metadata_location;
  // The new last-updated-ms; nullopt: the system clock when the builder is
  // made.
  std::optional<int64_t> timestamp_ms;
};

class TableMetadataBuilder {
 public:
  // `base` must not be null.
  static TableMetadataBuilder BuildFrom(std::shared_ptr<const TableMetadata> base,
                                        MetadataBuildOptions options = {});
  // A table that does not exist yet; updates must add a schema, spec, sort
  // order and location before Build().
  static TableMetadataBuilder BuildFromEmpty(
      int format_version = TableMetadata::kDefaultFormatVersion, MetadataBuildOptions options = {});

  // Applies one update (dispatches to the methods below).
  Status Apply(const TableUpdate& update);

  Status AssignUuid(std::string uuid);
  Status UpgradeFormatVersion(int format_version);
  Status AddSchema(const Schema& schema, std::optional<int32_t> last_column_id = std::nullopt);
  Status SetCurrentSchema(int32_t schema_id);
  Status AddPartitionSpec(const PartitionSpec& spec);
  Status SetDefaultSpec(int32_t spec_id);
  Status AddSortOrder(const SortOrder& order);
  Status SetDefaultSortOrder(int32_t order_id);
  Status AddSnapshot(const Snapshot& snapshot);
  Status SetRef(std::string_view name, const SnapshotRef& ref);
  Status RemoveRef(std::string_view name);
  Status RemoveSnapshots(const std::vector<int64_t>& snapshot_ids);
  Status SetLocation(std::string location);
  Status SetProperties(const std::map<std::string, std::string>& updates);
  Status RemoveProperties(const std::vector<std::string>& removals);
  Status SetStatistics(StatisticsFile file);
  Status RemoveStatistics(int64_t snapshot_id);
  Status SetPartitionStatistics(PartitionStatisticsFile file);
  Status RemovePartitionStatistics(int64_t snapshot_id);
  Status RemovePartitionSpecs(const std::vector<int32_t>& spec_ids);
  Status RemoveSchemas(const std::vector<int32_t>& schema_ids);
  Status AddEncryptionKey(EncryptedKey key);
  Status RemoveEncryptionKey(std::string_view key_id);

  // The new metadata, validated by TableMetadata::Make.
  Result<std::shared_ptr<const TableMetadata>> Build();

 private:
  TableMetadataBuilder(std::shared_ptr<const TableMetadata> base, TableMetadata::Fields fields,
                       MetadataBuildOptions options);

  const Schema* FindSchema(int32_t id) const;
  const Schema* CurrentSchema() const;
  const Snapshot* FindSnapshot(int64_t id) const;
  Result<std::vector<SnapshotLogEntry>> NewSnapshotLog() const;

  std::shared_ptr<const TableMetadata> base_;
  TableMetadata::Fields f_;
  MetadataBuildOptions options_;
  int64_t now_ms_;
  bool changed_ = false;
  std::optional<int32_t> last_added_schema_id_;
  std::optional<int32_t> last_added_spec_id_;
  std::optional<int32_t> last_added_order_id_;
  std::unordered_map<int64_t, std::shared_ptr<const Snapshot>> snapshots_by_id_;
  std::unordered_set<int64_t> added_snapshot_ids_;
  // Added snapshots made main by this builder, in order.
  std::vector<int64_t> added_snapshots_made_main_;
  bool removed_snapshots_ = false;
};

// CREATE TABLE: metadata for a new table with fresh ids, as Java's
// newTableMetadata assigns them - schema field ids 1, 2, ... (schema.h's
// AssignFreshIds), schema id 0; partition fields 1000, 1001, ... in spec 0;
// sort order 1 (0 when unsorted); spec and order sources follow their
// columns by name. The reserved property "format-version", when given,
// chooses the format version instead of `format_version` and is not stored.
Result<std::shared_ptr<const TableMetadata>> NewTableMetadata(
    const Schema& schema, const PartitionSpec& spec, const SortOrder& sort_order,
    std::string location, std::map<std::string, std::string> properties = {},
    int format_version = TableMetadata::kDefaultFormatVersion, MetadataBuildOptions options = {});

// A commit: every requirement is checked against `base` (nullptr: the table
// does not exist yet), the updates are applied in order, and the result is
// built. A failed requirement is CommitConflict; an update that cannot apply
// names its position and action: "iceberg: table update 2 'add-snapshot':
// ...". With no `base`, the table starts at the format version of the first
// upgrade-format-version update (else the default), as Java's REST server
// does for create transactions.
Result<std::shared_ptr<const TableMetadata>> CommitUpdates(
    std::shared_ptr<const TableMetadata> base, const std::vector<TableRequirement>& requirements,
    const std::vector<TableUpdate>& updates, MetadataBuildOptions options = {});

// A random (version 4) UUID in its canonical lowercase text.
std::string RandomUuid();

}  // namespace floe::iceberg
