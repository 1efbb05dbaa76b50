// TableMetadata: one version of an Iceberg table's metadata (spec "Table
// Metadata"): format version, uuid, location, schemas, partition specs, sort
// orders, properties, snapshots and refs, the snapshot and metadata logs,
// statistics, and v3's row lineage counter and encryption keys.
//
// Every commit produces a new TableMetadata (table_metadata_builder.h); none
// is ever changed, so versions are shared as std::shared_ptr<const
// TableMetadata> by readers, time travel and concurrent commits alike.
//
// Make() checks what makes metadata usable, whichever version wrote it:
//   - format version 1..3 (higher is NotSupported), uuid from v2 on, location;
//   - schemas, specs and sort orders non-empty with unique ids, the current
//     or default one among them; the default spec and sort order valid for
//     the current schema (older ones may name columns dropped since);
//   - snapshot ids unique; no sequence number above last-sequence-number (all
//     0 in v1); the current snapshot exists;
//   - refs point at existing snapshots; `main` is a branch at the current
//     snapshot. As the spec says, `main` exists whenever there is a current
//     snapshot: Make adds it when `refs` lacks it (v1/v2 metadata without
//     refs, or with refs but no main).
// Like Java's reader, it does not check schemas against the format version
// (PyIceberg has written v3 defaults into v2 tables; the builder checks every
// schema it adds), nor require last-column-id or last-partition-id to cover
// every id (other implementations' test metadata does not), nor the snapshot
// log to name only existing snapshots (expiry leaves such entries).
//
// Thread-safety: immutable after Make(); share freely across threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "iceberg/encrypted_key.h"
#include "iceberg/partition_spec.h"
#include "iceberg/schema.h"
#include "iceberg/snapshot.h"
#include "iceberg/snapshot_ref.h"
#include "iceberg/sort_order.h"
#include "iceberg/statistics_file.h"

namespace floe::iceberg {

// When the current snapshot changed, and to what.
struct SnapshotLogEntry {
  int64_t timestamp_ms = 0;
  int64_t snapshot_id = 0;
  friend bool operator==(const SnapshotLogEntry& a, const SnapshotLogEntry& b) = default;
};

// A previous metadata file and its last-updated-ms.
struct MetadataLogEntry {
  int64_t timestamp_ms = 0;
  std::string metadata_file;
  friend bool operator==(const MetadataLogEntry& a, const MetadataLogEntry& b) = default;
};

// Table properties the metadata layer itself reads.
namespace table_properties {
// How many previous metadata files the metadata log keeps (at least 1).
inline constexpr std::string_view kMetadataPreviousVersionsMax =
    "write.metadata.previous-versions-max";
inline constexpr int32_t kMetadataPreviousVersionsMaxDefault = 100;
// Reserved: sets the format version at CREATE TABLE, never stored.
inline constexpr std::string_view kFormatVersion = "format-version";
}  // namespace table_properties

// An int table property; `fallback` when absent, InvalidArgument when the
// value is not an int.
Result<int32_t> PropertyAsInt(const std::map<std::string, std::string>& properties,
                              std::string_view key, int32_t fallback);

class TableMetadata {
 public:
  static constexpr int kMinFormatVersion = 1;
  static constexpr int kMaxFormatVersion = 3;
  static constexpr int kDefaultFormatVersion = 2;
  static constexpr int kMinFormatVersionRowLineage = 3;
  static constexpr int64_t kInitialSequenceNumber = 0;
  static constexpr int64_t kInitialRowId = 0;

  // The stored fields, as the spec names them.
  struct Fields {
    int format_version = kDefaultFormatVersion;
    std::string table_uuid;  // empty: none (v1 only)
    std::string location;
    int64_t last_sequence_number = kInitialSequenceNumber;
    int64_t last_updated_ms = 0;
    int32_t last_column_id = 0;
    std::vector<Schema> schemas;
    int32_t current_schema_id = Schema::kInitialSchemaId;
    std::vector<PartitionSpec> partition_specs;
    int32_t default_spec_id = PartitionSpec::kInitialSpecId;
    int32_t last_partition_id = PartitionSpec::kFirstFieldId - 1;
    std::map<std::string, std::string> properties;
    std::optional<int64_t> current_snapshot_id;
    std::vector<std::shared_ptr<const Snapshot>> snapshots;
    std::vector<SnapshotLogEntry> snapshot_log;
    std::vector<MetadataLogEntry> metadata_log;
    std::vector<SortOrder> sort_orders;
    int32_t default_sort_order_id = SortOrder::kUnsortedOrderId;
    std::map<std::string, SnapshotRef, std::less<>> refs;
    std::vector<StatisticsFile> statistics;
    std::vector<PartitionStatisticsFile> partition_statistics;
    int64_t next_row_id = kInitialRowId;        // v3
    std::vector<EncryptedKey> encryption_keys;  // v3
  };

  static Result<std::shared_ptr<const TableMetadata>> Make(Fields fields);

  // All fields, to copy and change into a new version (the builder does).
  const Fields& fields() const { return f_; }

  int format_version() const { return f_.format_version; }
  const std::string& table_uuid() const { return f_.table_uuid; }
  const std::string& location() const { return f_.location; }
  int64_t last_sequence_number() const { return f_.last_sequence_number; }
  int64_t last_updated_ms() const { return f_.last_updated_ms; }
  int32_t last_column_id() const { return f_.last_column_id; }
  const std::vector<Schema>& schemas() const { return f_.schemas; }
  int32_t current_schema_id() const { return f_.current_schema_id; }
  const std::vector<PartitionSpec>& partition_specs() const { return f_.partition_specs; }
  int32_t default_spec_id() const { return f_.default_spec_id; }
  int32_t last_partition_id() const { return f_.last_partition_id; }
  const std::map<std::string, std::string>& properties() const { return f_.properties; }
  std::optional<int64_t> current_snapshot_id() const { return f_.current_snapshot_id; }
  const std::vector<std::shared_ptr<const Snapshot>>& snapshots() const { return f_.snapshots; }
  const std::vector<SnapshotLogEntry>& snapshot_log() const { return f_.snapshot_log; }
  const std::vector<MetadataLogEntry>& metadata_log() const { return f_.metadata_log; }
  const std::vector<SortOrder>& sort_orders() const { return f_.sort_orders; }
  int32_t default_sort_order_id() const { return f_.default_sort_order_id; }
  const std::map<std::string, SnapshotRef, std::less<>>& refs() const { return f_.refs; }
  const std::vector<StatisticsFile>& statistics() const { return f_.statistics; }
  const std::vector<PartitionStatisticsFile>& partition_statistics() const {
    return f_.partition_statistics;
  }
  int64_t next_row_id() const { return f_.next_row_id; }
  const std::vector<EncryptedKey>& encryption_keys() const { return f_.encryption_keys; }

  // Lookups by id return nullptr when absent.
  const Schema& current_schema() const { return f_.schemas[current_schema_index_]; }
  const Schema* SchemaById(int32_t schema_id) const;
  const PartitionSpec& default_spec() const { return f_.partition_specs[default_spec_index_]; }
  const PartitionSpec* SpecById(int32_t spec_id) const;
  const SortOrder& default_sort_order() const { return f_.sort_orders[default_order_index_]; }
  const SortOrder* SortOrderById(int32_t order_id) const;
  const Snapshot* SnapshotById(int64_t snapshot_id) const;
  // nullptr when the table has no current snapshot (it is empty).
  const Snapshot* current_snapshot() const;
  const SnapshotRef* Ref(std::string_view name) const;
  // The snapshot a branch or tag points at; nullptr when there is no such ref.
  const Snapshot* SnapshotForRef(std::string_view name) const;
  std::optional<std::string_view> Property(std::string_view key) const;
  // An int property; `fallback` when absent, InvalidArgument when not an int.
  Result<int32_t> PropertyAsInt(std::string_view key, int32_t fallback) const;

  // The snapshot that was current at `timestamp_ms`, as SQL's `TIMESTAMP AS
  // OF` reads it (Spark, Trino, Java's SnapshotUtil): the last snapshot-log
  // entry at or before the time; when the log is empty, the newest ancestor
  // of the current snapshot committed at or before it. NotFound when no
  // snapshot is that old, or when the one that was current has expired.
  Result<const Snapshot*> SnapshotAsOfTime(int64_t timestamp_ms) const;

  // `snapshot_id` and then its parents, newest first, as far as they still
  // exist (expired parents end the walk). Empty for an unknown id.
  std::vector<const Snapshot*> Ancestors(int64_t snapshot_id) const;
  // Whether `ancestor_id` is `snapshot_id` or one of its ancestors.
  bool IsAncestorOf(int64_t snapshot_id, int64_t ancestor_id) const;
  // Whether `snapshot_id` is the current snapshot or one of its ancestors
  // (the main branch's history, what rollback and cherry-pick check).
  bool IsCurrentAncestor(int64_t snapshot_id) const;

  // Field by field, snapshots by value.
  friend bool operator==(const TableMetadata& a, const TableMetadata& b);

 private:
  explicit TableMetadata(Fields fields) : f_(std::move(fields)) {}
  Status Index();

  Fields f_;
  size_t current_schema_index_ = 0;
  size_t default_spec_index_ = 0;
  size_t default_order_index_ = 0;
  std::unordered_map<int64_t, size_t> snapshot_index_;
};

}  // namespace floe::iceberg
