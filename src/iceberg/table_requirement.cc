#include "iceberg/table_requirement.h"

#include <cctype>

#include "iceberg/error_context.h"

namespace floe::iceberg {

namespace {

template <typename... Args>
Status Conflict(fmt::format_string<Args...> format, Args&&... args) {
  return Status::CommitConflict("iceberg: requirement failed: {}",
                                fmt::format(format, std::forward<Args>(args)...));
}

Status NoTable(std::string_view type) { return Conflict("{}: the table does not exist", type); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status AssertCreate::Validate(const TableMetadata* base) const {
  if (base != nullptr) return Conflict("the table already exists");
  return Status::OK();
}

Status AssertTableUuid::Validate(const TableMetadata* base) const {
  if (base == nullptr) return NoTable(kType);
  // UUIDs compare case-insensitively, as Java's UUID text does.
  if (!EqualsIgnoreCase(base->table_uuid(), uuid)) {
    return Conflict("the table's uuid is {}, expected {} (the table was replaced)",
                    base->table_uuid().empty() ? "unset" : base->table_uuid(), uuid);
  }
  return Status::OK();
}

Status AssertRefSnapshotId::Validate(const TableMetadata* base) const {
  const SnapshotRef* current = base == nullptr ? nullptr : base->Ref(ref);
  if (current == nullptr) {
    if (snapshot_id.has_value()) {
      return Conflict("branch or tag {} is missing, expected it at snapshot {}", ref, *snapshot_id);
    }
    return Status::OK();
  }
  const std::string_view type = SnapshotRefTypeName(current->type);
  if (!snapshot_id.has_value()) {
    return Conflict("{} {} was created concurrently (at snapshot {})", type, ref,
                    current->snapshot_id);
  }
  if (current->snapshot_id != *snapshot_id) {
    return Conflict("{} {} has changed: expected snapshot {}, found {}", type, ref, *snapshot_id,
                    current->snapshot_id);
  }
  return Status::OK();
}

Status AssertLastAssignedFieldId::Validate(const TableMetadata* base) const {
  if (base != nullptr && base->last_column_id() != last_assigned_field_id) {
    return Conflict("last assigned field id changed: expected {}, found {}", last_assigned_field_id,
                    base->last_column_id());
  }
  return Status::OK();
}

Status AssertCurrentSchemaId::Validate(const TableMetadata* base) const {
  if (base == nullptr) return NoTable(kType);
  if (base->current_schema_id() != current_schema_id) {
    return Conflict("current schema changed: expected id {}, found {}", current_schema_id,
                    base->current_schema_id());
  }
  return Status::OK();
}

Status AssertLastAssignedPartitionId::Validate(const TableMetadata* base) const {
  if (base != nullptr && base->last_partition_id() != last_assigned_partition_id) {
    return Conflict("last assigned partition id changed: expected {}, found {}",
                    last_assigned_partition_id, base->last_partition_id());
  }
  return Status::OK();
}

Status AssertDefaultSpecId::Validate(const TableMetadata* base) const {
  if (base == nullptr) return NoTable(kType);
  if (base->default_spec_id() != default_spec_id) {
    return Conflict("default partition spec changed: expected id {}, found {}", default_spec_id,
                    base->default_spec_id());
  }
  return Status::OK();
}

Status AssertDefaultSortOrderId::Validate(const TableMetadata* base) const {
  if (base == nullptr) return NoTable(kType);
  if (base->default_sort_order_id() != default_sort_order_id) {
    return Conflict("default sort order changed: expected id {}, found {}", default_sort_order_id,
                    base->default_sort_order_id());
  }
  return Status::OK();
}

Status Validate(const TableRequirement& requirement, const TableMetadata* base) {
  return std::visit([&](const auto& r) { return r.Validate(base); }, requirement);
}

std::string_view TableRequirementType(const TableRequirement& requirement) {
  return std::visit([](const auto& r) { return std::decay_t<decltype(r)>::kType; }, requirement);
}

namespace {

Result<TableRequirement> RequirementFromJson(const Json& json, const std::string& type) {
  if (type == AssertCreate::kType) return AssertCreate{};
  if (type == AssertTableUuid::kType) {
    FLOE_ASSIGN_OR_RETURN(std::string uuid, GetString(json, "uuid"));
    return AssertTableUuid{std::move(uuid)};
  }
  if (type == AssertRefSnapshotId::kType) {
    FLOE_ASSIGN_OR_RETURN(std::string ref, GetString(json, "ref"));
    // Required, but may be null: "the ref must not exist".
    if (!json.contains("snapshot-id")) {
      return Status::InvalidArgument(
          "missing required 'snapshot-id' (null if the ref must not "
          "exist)");
    }
    FLOE_ASSIGN_OR_RETURN(auto snapshot_id, GetOptionalSnapshotId(json, "snapshot-id"));
    return AssertRefSnapshotId{std::move(ref), snapshot_id};
  }
  if (type == AssertLastAssignedFieldId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "last-assigned-field-id"));
    return AssertLastAssignedFieldId{id};
  }
  if (type == AssertCurrentSchemaId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "current-schema-id"));
    return AssertCurrentSchemaId{id};
  }
  if (type == AssertLastAssignedPartitionId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "last-assigned-partition-id"));
    return AssertLastAssignedPartitionId{id};
  }
  if (type == AssertDefaultSpecId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "default-spec-id"));
    return AssertDefaultSpecId{id};
  }
  if (type == AssertDefaultSortOrderId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "default-sort-order-id"));
    return AssertDefaultSortOrderId{id};
  }
  return Status::InvalidArgument("unknown requirement type '{}'", type);
}

}  // namespace

Result<TableRequirement> TableRequirementFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a table requirement must be an object, got {}",
                                   JsonTypeName(json));
  }
  auto type = GetString(json, "type");
  if (!type.has_value()) return IcebergContext(type.error(), "table requirement");
  auto requirement = RequirementFromJson(json, *type);
  if (!requirement.has_value()) {
    return IcebergContext(requirement.error(), "table requirement '{}'", *type);
  }
  return requirement;
}

Json TableRequirementToJson(const TableRequirement& requirement) {
  Json out = Json::object();
  out["type"] = TableRequirementType(requirement);
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, AssertTableUuid>) {
          out["uuid"] = r.uuid;
        } else if constexpr (std::is_same_v<T, AssertRefSnapshotId>) {
          out["ref"] = r.ref;
          if (r.snapshot_id.has_value()) {
            out["snapshot-id"] = *r.snapshot_id;
          } else {
            out["snapshot-id"] = nullptr;
          }
        } else if constexpr (std::is_same_v<T, AssertLastAssignedFieldId>) {
          out["last-assigned-field-id"] = r.last_assigned_field_id;
        } else if constexpr (std::is_same_v<T, AssertCurrentSchemaId>) {
          out["current-schema-id"] = r.current_schema_id;
        } else if constexpr (std::is_same_v<T, AssertLastAssignedPartitionId>) {
          out["last-assigned-partition-id"] = r.last_assigned_partition_id;
        } else if constexpr (std::is_same_v<T, AssertDefaultSpecId>) {
          out["default-spec-id"] = r.default_spec_id;
        } else if constexpr (std::is_same_v<T, AssertDefaultSortOrderId>) {
          out["default-sort-order-id"] = r.default_sort_order_id;
        }
      },
      requirement);
  return out;
}

}  // namespace floe::iceberg
