// TableRequirement: a condition a commit needs the table's current metadata
// to meet (the REST spec's TableRequirement), checked against the metadata a
// commit is applied to. A commit built on metadata that has changed since in
// a way that matters - another writer moved the branch, changed the schema -
// fails with CommitConflict, and the writer refreshes and retries (spec
// "Optimistic Concurrency", "Commit Conflict Resolution and Retry").
//
//   assert-create                      the table does not exist yet
//   assert-table-uuid                  the table is the same table (uuid)
//   assert-ref-snapshot-id             a branch/tag is at a snapshot; a null
//                                      snapshot id: the ref must not exist
//   assert-last-assigned-field-id      last-column-id is unchanged
//   assert-current-schema-id           the current schema is unchanged
//   assert-last-assigned-partition-id  last-partition-id is unchanged
//   assert-default-spec-id             the default spec is unchanged
//   assert-default-sort-order-id       the default sort order is unchanged
//
// Validate(base) takes nullptr for a table that does not exist: only
// assert-create, assert-ref-snapshot-id with a null snapshot id and, as in
// Iceberg's Java implementation, the two last-assigned-id checks pass then.
//
// JSON is the REST spec's: {"type": "assert-ref-snapshot-id", "ref": "main",
// "snapshot-id": 123}.
//
// Thread-safety: plain values; share freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/table_metadata.h"

namespace floe::iceberg {

struct AssertCreate {
  static constexpr std::string_view kType = "assert-create";
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertCreate&, const AssertCreate&) = default;
};

struct AssertTableUuid {
  static constexpr std::string_view kType = "assert-table-uuid";
  std::string uuid;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertTableUuid&, const AssertTableUuid&) = default;
};

struct AssertRefSnapshotId {
  static constexpr std::string_view kType = "assert-ref-snapshot-id";
  std::string ref;
  // nullopt: the ref must not exist.
  std::optional<int64_t> snapshot_id;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertRefSnapshotId&, const AssertRefSnapshotId&) = default;
};

struct AssertLastAssignedFieldId {
  static constexpr std::string_view kType = "assert-last-assigned-field-id";
  int32_t last_assigned_field_id = 0;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertLastAssignedFieldId&,
                         const AssertLastAssignedFieldId&) = default;
};

struct AssertCurrentSchemaId {
  static constexpr std::string_view kType = "assert-current-schema-id";
  int32_t current_schema_id = 0;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertCurrentSchemaId&, const AssertCurrentSchemaId&) = default;
};

struct AssertLastAssignedPartitionId {
  static constexpr std::string_view kType = "assert-last-assigned-partition-id";
  int32_t last_assigned_partition_id = 0;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertLastAssignedPartitionId&,
                         const AssertLastAssignedPartitionId&) = default;
};

struct AssertDefaultSpecId {
  static constexpr std::string_view kType = "assert-default-spec-id";
  int32_t default_spec_id = 0;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertDefaultSpecId&, const AssertDefaultSpecId&) = default;
};

struct AssertDefaultSortOrderId {
  static constexpr std::string_view kType = "assert-default-sort-order-id";
  int32_t default_sort_order_id = 0;
  Status Validate(const TableMetadata* base) const;
  friend bool operator==(const AssertDefaultSortOrderId&,
                         const AssertDefaultSortOrderId&) = default;
};

using TableRequirement =
    std::variant<AssertCreate, AssertTableUuid, AssertRefSnapshotId, AssertLastAssignedFieldId,
                 AssertCurrentSchemaId, AssertLastAssignedPartitionId, AssertDefaultSpecId,
                 AssertDefaultSortOrderId>;

// OK, or CommitConflict saying what changed: "iceberg: requirement failed:
// branch main has changed: expected snapshot 1, found 2".
Status Validate(const TableRequirement& requirement, const TableMetadata* base);
// "assert-create", ...
std::string_view TableRequirementType(const TableRequirement& requirement);

Result<TableRequirement> TableRequirementFromJson(const Json& json);
Json TableRequirementToJson(const TableRequirement& requirement);

}  // namespace floe::iceberg
