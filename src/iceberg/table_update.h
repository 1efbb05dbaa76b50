// TableUpdate: one change to a table's metadata, as the REST spec's
// TableUpdate names it. A commit is a list of requirements
// (table_requirement.h) and a list of updates; TableMetadataBuilder
// (table_metadata_builder.h) applies updates one by one with the spec's
// validation, so every catalog - SQLite, REST server, REST client - commits
// the same way. This file holds the updates as values and their JSON.
//
//   assign-uuid                  {"uuid"}
//   upgrade-format-version       {"format-version"}
//   add-schema                   {"schema", "last-column-id"? (deprecated)}
//   set-current-schema           {"schema-id"}: -1 is the last added schema
//   add-spec                     {"spec"}: spec-id optional (assigned)
//   set-default-spec             {"spec-id"}: -1 is the last added spec
//   add-sort-order               {"sort-order"}
//   set-default-sort-order       {"sort-order-id"}: -1 is the last added order
//   add-snapshot                 {"snapshot"}
//   set-snapshot-ref             {"ref-name"} + the SnapshotReference members
//   remove-snapshots             {"snapshot-ids"}
//   remove-snapshot-ref          {"ref-name"}
//   set-location                 {"location"}
//   set-properties               {"updates"} (legacy "updated" read too)
//   remove-properties            {"removals"} (legacy "removed" read too)
//   set-statistics               {"statistics"} ("snapshot-id", deprecated,
//                                is written for old readers and ignored)
//   remove-statistics            {"snapshot-id"}
//   set-partition-statistics     {"partition-statistics"}
//   remove-partition-statistics  {"snapshot-id"}
//   remove-partition-specs       {"spec-ids"}
//   remove-schemas               {"schema-ids"}
//   add-encryption-key           {"encryption-key"}
//   remove-encryption-key        {"key-id"}
// each with "action" naming it. Schemas, specs, sort orders and snapshots are
// in their metadata JSON form; a snapshot is written as v2+ writes it.
//
// Thread-safety: plain values; share freely.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "iceberg/encrypted_key.h"
#include "iceberg/json_util.h"
#include "iceberg/partition_spec.h"
#include "iceberg/schema.h"
#include "iceberg/snapshot.h"
#include "iceberg/snapshot_ref.h"
#include "iceberg/sort_order.h"
#include "iceberg/statistics_file.h"

namespace floe::iceberg {

// The id that set-current-schema, set-default-spec and set-default-sort-order
// use for "the one added last in this commit".
inline constexpr int32_t kLastAdded = -1;

struct AssignUuidUpdate {
  static constexpr std::string_view kAction = "assign-uuid";
  std::string uuid;
  friend bool operator==(const AssignUuidUpdate&, const AssignUuidUpdate&) = default;
};

struct UpgradeFormatVersionUpdate {
  static constexpr std::string_view kAction = "upgrade-format-version";
  int format_version = 0;
  friend bool operator==(const UpgradeFormatVersionUpdate&,
                         const UpgradeFormatVersionUpdate&) = default;
};

struct AddSchemaUpdate {
  static constexpr std::string_view kAction = "add-schema";
  Schema schema;
  // Deprecated in the REST spec; when absent the table's last column id
  // grows to the schema's highest id.
  std::optional<int32_t> last_column_id;
  friend bool operator==(const AddSchemaUpdate&, const AddSchemaUpdate&) = default;
};

struct SetCurrentSchemaUpdate {
  static constexpr std::string_view kAction = "set-current-schema";
  int32_t schema_id = kLastAdded;
  friend bool operator==(const SetCurrentSchemaUpdate&, const SetCurrentSchemaUpdate&) = default;
};

struct AddPartitionSpecUpdate {
  static constexpr std::string_view kAction = "add-spec";
  PartitionSpec spec;  // its spec id is a request; the builder assigns one
  friend bool operator==(const AddPartitionSpecUpdate&, const AddPartitionSpecUpdate&) = default;
};

struct SetDefaultSpecUpdate {
  static constexpr std::string_view kAction = "set-default-spec";
  int32_t spec_id = kLastAdded;
  friend bool operator==(const SetDefaultSpecUpdate&, const SetDefaultSpecUpdate&) = default;
};

struct AddSortOrderUpdate {
  static constexpr std::string_view kAction = "add-sort-order";
  SortOrder sort_order;  // its order id is a request; the builder assigns one
  friend bool operator==(const AddSortOrderUpdate&, const AddSortOrderUpdate&) = default;
};

struct SetDefaultSortOrderUpdate {
  static constexpr std::string_view kAction = "set-default-sort-order";
  int32_t sort_order_id = kLastAdded;
  friend bool operator==(const SetDefaultSortOrderUpdate&,
                         const SetDefaultSortOrderUpdate&) = default;
};

struct AddSnapshotUpdate {
  static constexpr std::string_view kAction = "add-snapshot";
  Snapshot snapshot;
  friend bool operator==(const AddSnapshotUpdate&, const AddSnapshotUpdate&) = default;
};

struct SetSnapshotRefUpdate {
  static constexpr std::string_view kAction = "set-snapshot-ref";
  std::string ref_name;
  SnapshotRef ref;
  friend bool operator==(const SetSnapshotRefUpdate&, const SetSnapshotRefUpdate&) = default;
};

struct RemoveSnapshotsUpdate {
  static constexpr std::string_view kAction = "remove-snapshots";
  std::vector<int64_t> snapshot_ids;
  friend bool operator==(const RemoveSnapshotsUpdate&, const RemoveSnapshotsUpdate&) = default;
};

struct RemoveSnapshotRefUpdate {
  static constexpr std::string_view kAction = "remove-snapshot-ref";
  std::string ref_name;
  friend bool operator==(const RemoveSnapshotRefUpdate&, const RemoveSnapshotRefUpdate&) = default;
};

struct SetLocationUpdate {
  static constexpr std::string_view kAction = "set-location";
  std::string location;
  friend bool operator==(const SetLocationUpdate&, const SetLocationUpdate&) = default;
};

struct SetPropertiesUpdate {
  static constexpr std::string_view kAction = "set-properties";
  std::map<std::string, std::string> updates;
  friend bool operator==(const SetPropertiesUpdate&, const SetPropertiesUpdate&) = default;
};

struct RemovePropertiesUpdate {
  static constexpr std::string_view kAction = "remove-properties";
  std::vector<std::string> removals;
  friend bool operator==(const RemovePropertiesUpdate&, const RemovePropertiesUpdate&) = default;
};

struct SetStatisticsUpdate {
  static constexpr std::string_view kAction = "set-statistics";
  StatisticsFile statistics;
  friend bool operator==(const SetStatisticsUpdate&, const SetStatisticsUpdate&) = default;
};

struct RemoveStatisticsUpdate {
  static constexpr std::string_view kAction = "remove-statistics";
  int64_t snapshot_id = 0;
  friend bool operator==(const RemoveStatisticsUpdate&, const RemoveStatisticsUpdate&) = default;
};

struct SetPartitionStatisticsUpdate {
  static constexpr std::string_view kAction = "set-partition-statistics";
  PartitionStatisticsFile partition_statistics;
  friend bool operator==(const SetPartitionStatisticsUpdate&,
                         const SetPartitionStatisticsUpdate&) = default;
};

struct RemovePartitionStatisticsUpdate {
  static constexpr std::string_view kAction = "remove-partition-statistics";
  int64_t snapshot_id = 0;
  friend bool operator==(const RemovePartitionStatisticsUpdate&,
                         const RemovePartitionStatisticsUpdate&) = default;
};

struct RemovePartitionSpecsUpdate {
  static constexpr std::string_view kAction = "remove-partition-specs";
  std::vector<int32_t> spec_ids;
  friend bool operator==(const RemovePartitionSpecsUpdate&,
                         const RemovePartitionSpecsUpdate&) = default;
};

struct RemoveSchemasUpdate {
  static constexpr std::string_view kAction = "remove-schemas";
  std::vector<int32_t> schema_ids;
  friend bool operator==(const RemoveSchemasUpdate&, const RemoveSchemasUpdate&) = default;
};

struct AddEncryptionKeyUpdate {
  static constexpr std::string_view kAction = "add-encryption-key";
  EncryptedKey key;
  friend bool operator==(const AddEncryptionKeyUpdate&, const AddEncryptionKeyUpdate&) = default;
};

struct RemoveEncryptionKeyUpdate {
  static constexpr std::string_view kAction = "remove-encryption-key";
  std::string key_id;
  friend bool operator==(const RemoveEncryptionKeyUpdate&,
                         const RemoveEncryptionKeyUpdate&) = default;
};

using TableUpdate =
    std::variant<AssignUuidUpdate, UpgradeFormatVersionUpdate, AddSchemaUpdate,
                 SetCurrentSchemaUpdate, AddPartitionSpecUpdate, SetDefaultSpecUpdate,
                 AddSortOrderUpdate, SetDefaultSortOrderUpdate, AddSnapshotUpdate,
                 SetSnapshotRefUpdate, RemoveSnapshotsUpdate, RemoveSnapshotRefUpdate,
                 SetLocationUpdate, SetPropertiesUpdate, RemovePropertiesUpdate,
                 SetStatisticsUpdate, RemoveStatisticsUpdate, SetPartitionStatisticsUpdate,
                 RemovePartitionStatisticsUpdate, RemovePartitionSpecsUpdate, RemoveSchemasUpdate,
                 AddEncryptionKeyUpdate, RemoveEncryptionKeyUpdate>;

// "assign-uuid", ...
std::string_view TableUpdateAction(const TableUpdate& update);

// Errors name the action: "iceberg: table update 'add-snapshot': snapshot 1:
// missing required 'timestamp-ms'"; an unknown action is InvalidArgument
// (view updates such as add-view-version are not table updates).
Result<TableUpdate> TableUpdateFromJson(const Json& json);
Result<Json> TableUpdateToJson(const TableUpdate& update);

}  // namespace floe::iceberg
