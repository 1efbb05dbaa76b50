#include "iceberg/table_update.h"

#include <type_traits>

#include "iceberg/error_context.h"
#include "iceberg/schema_json.h"

namespace floe::iceberg {

std::string_view TableUpdateAction(const TableUpdate& update) {
  return std::visit([](const auto& u) { return std::decay_t<decltype(u)>::kAction; }, update);
}

namespace {

// A string map under `key`, or under its legacy name when only that is there.
Result<std::map<std::string, std::string>> StringMapWithLegacy(const Json& json,
                                                               std::string_view key,
                                                               std::string_view legacy) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(json, key));
  if (member == nullptr) {
    FLOE_ASSIGN_OR_RETURN(const Json* old, GetOptionalMember(json, legacy));
    if (old != nullptr) return GetStringMap(json, legacy);
  }
  return GetStringMap(json, key);
}

Result<std::vector<std::string>> StringListWithLegacy(const Json& json, std::string_view key,
                                                      std::string_view legacy) {
  FLOE_ASSIGN_OR_RETURN(const Json* member, GetOptionalMember(json, key));
  if (member == nullptr) {
    FLOE_ASSIGN_OR_RETURN(const Json* old, GetOptionalMember(json, legacy));
    if (old != nullptr) return GetStringList(json, legacy);
  }
  return GetStringList(json, key);
}

// add-spec's spec: "spec-id" may be left to the server.
Result<PartitionSpec> SpecFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("'spec' must be an object, got {}", JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(auto spec_id, GetOptionalInt32(json, "spec-id"));
  FLOE_ASSIGN_OR_RETURN(const Json* fields, GetArray(json, "fields"));
  return PartitionSpecFromFieldsJson(*fields, spec_id.value_or(PartitionSpec::kInitialSpecId));
}

Result<TableUpdate> UpdateFromJson(const Json& json, const std::string& action) {
  if (action == AssignUuidUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string uuid, GetString(json, "uuid"));
    return AssignUuidUpdate{std::move(uuid)};
  }
  if (action == UpgradeFormatVersionUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t version, GetInt32(json, "format-version"));
    return UpgradeFormatVersionUpdate{version};
  }
  if (action == AddSchemaUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* schema_json, GetObject(json, "schema"));
    FLOE_ASSIGN_OR_RETURN(Schema schema, SchemaFromJson(*schema_json));
    FLOE_ASSIGN_OR_RETURN(auto last_column_id, GetOptionalInt32(json, "last-column-id"));
    return AddSchemaUpdate{std::move(schema), last_column_id};
  }
  if (action == SetCurrentSchemaUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "schema-id"));
    return SetCurrentSchemaUpdate{id};
  }
  if (action == AddPartitionSpecUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* spec_json, GetMember(json, "spec"));
    FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, SpecFromJson(*spec_json));
    return AddPartitionSpecUpdate{std::move(spec)};
  }
  if (action == SetDefaultSpecUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "spec-id"));
    return SetDefaultSpecUpdate{id};
  }
  if (action == AddSortOrderUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* order_json, GetObject(json, "sort-order"));
    FLOE_ASSIGN_OR_RETURN(SortOrder order, SortOrderFromJson(*order_json));
    return AddSortOrderUpdate{std::move(order)};
  }
  if (action == SetDefaultSortOrderUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(json, "sort-order-id"));
    return SetDefaultSortOrderUpdate{id};
  }
  if (action == AddSnapshotUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* snapshot_json, GetObject(json, "snapshot"));
    FLOE_ASSIGN_OR_RETURN(Snapshot snapshot, SnapshotFromJson(*snapshot_json));
    return AddSnapshotUpdate{std::move(snapshot)};
  }
  if (action == SetSnapshotRefUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string name, GetString(json, "ref-name"));
    FLOE_ASSIGN_OR_RETURN(SnapshotRef ref, SnapshotRefFromJson(json));
    return SetSnapshotRefUpdate{std::move(name), ref};
  }
  if (action == RemoveSnapshotsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::vector<int64_t> ids, GetSnapshotIdList(json, "snapshot-ids"));
    return RemoveSnapshotsUpdate{std::move(ids)};
  }
  if (action == RemoveSnapshotRefUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string name, GetString(json, "ref-name"));
    return RemoveSnapshotRefUpdate{std::move(name)};
  }
  if (action == SetLocationUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string location, GetString(json, "location"));
    return SetLocationUpdate{std::move(location)};
  }
  if (action == SetPropertiesUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(auto updates, StringMapWithLegacy(json, "updates", "updated"));
    return SetPropertiesUpdate{std::move(updates)};
  }
  if (action == RemovePropertiesUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(auto removals, StringListWithLegacy(json, "removals", "removed"));
    return RemovePropertiesUpdate{std::move(removals)};
  }
  if (action == SetStatisticsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* file_json, GetObject(json, "statistics"));
    FLOE_ASSIGN_OR_RETURN(StatisticsFile file, StatisticsFileFromJson(*file_json));
    return SetStatisticsUpdate{std::move(file)};
  }
  if (action == RemoveStatisticsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int64_t id, GetSnapshotId(json, "snapshot-id"));
    return RemoveStatisticsUpdate{id};
  }
  if (action == SetPartitionStatisticsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* file_json, GetObject(json, "partition-statistics"));
    FLOE_ASSIGN_OR_RETURN(PartitionStatisticsFile file,
                          PartitionStatisticsFileFromJson(*file_json));
    return SetPartitionStatisticsUpdate{std::move(file)};
  }
  if (action == RemovePartitionStatisticsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int64_t id, GetSnapshotId(json, "snapshot-id"));
    return RemovePartitionStatisticsUpdate{id};
  }
  if (action == RemovePartitionSpecsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::vector<int32_t> ids, GetInt32List(json, "spec-ids"));
    return RemovePartitionSpecsUpdate{std::move(ids)};
  }
  if (action == RemoveSchemasUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::vector<int32_t> ids, GetInt32List(json, "schema-ids"));
    return RemoveSchemasUpdate{std::move(ids)};
  }
  if (action == AddEncryptionKeyUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const Json* key_json, GetObject(json, "encryption-key"));
    FLOE_ASSIGN_OR_RETURN(EncryptedKey key, EncryptedKeyFromJson(*key_json));
    return AddEncryptionKeyUpdate{std::move(key)};
  }
  if (action == RemoveEncryptionKeyUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string key_id, GetString(json, "key-id"));
    return RemoveEncryptionKeyUpdate{std::move(key_id)};
  }
  return Status::InvalidArgument("unknown table update action '{}'", action);
}

}  // namespace

Result<TableUpdate> TableUpdateFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a table update must be an object, got {}",
                                   JsonTypeName(json));
  }
  auto action = GetString(json, "action");
  if (!action.has_value()) return IcebergContext(action.error(), "table update");
  auto update = UpdateFromJson(json, *action);
  if (!update.has_value()) return IcebergContext(update.error(), "table update '{}'", *action);
  return update;
}

Result<Json> TableUpdateToJson(const TableUpdate& update) {
  Json out = Json::object();
  out["action"] = TableUpdateAction(update);
  Status st = std::visit(
      [&](const auto& u) -> Status {
        using T = std::decay_t<decltype(u)>;
        if constexpr (std::is_same_v<T, AssignUuidUpdate>) {
          out["uuid"] = u.uuid;
        } else if constexpr (std::is_same_v<T, UpgradeFormatVersionUpdate>) {
          out["format-version"] = u.format_version;
        } else if constexpr (std::is_same_v<T, AddSchemaUpdate>) {
          FLOE_ASSIGN_OR_RETURN(out["schema"], SchemaToJson(u.schema));
          if (u.last_column_id.has_value()) out["last-column-id"] = *u.last_column_id;
        } else if constexpr (std::is_same_v<T, SetCurrentSchemaUpdate>) {
          out["schema-id"] = u.schema_id;
        } else if constexpr (std::is_same_v<T, AddPartitionSpecUpdate>) {
          out["spec"] = PartitionSpecToJson(u.spec);
        } else if constexpr (std::is_same_v<T, SetDefaultSpecUpdate>) {
          out["spec-id"] = u.spec_id;
        } else if constexpr (std::is_same_v<T, AddSortOrderUpdate>) {
          out["sort-order"] = SortOrderToJson(u.sort_order);
        } else if constexpr (std::is_same_v<T, SetDefaultSortOrderUpdate>) {
          out["sort-order-id"] = u.sort_order_id;
        } else if constexpr (std::is_same_v<T, AddSnapshotUpdate>) {
          out["snapshot"] = SnapshotToJson(u.snapshot, /*format_version=*/2);
        } else if constexpr (std::is_same_v<T, SetSnapshotRefUpdate>) {
          out["ref-name"] = u.ref_name;
          const Json ref = SnapshotRefToJson(u.ref);
          for (auto it = ref.begin(); it != ref.end(); ++it) out[it.key()] = it.value();
        } else if constexpr (std::is_same_v<T, RemoveSnapshotsUpdate>) {
          out["snapshot-ids"] = u.snapshot_ids;
        } else if constexpr (std::is_same_v<T, RemoveSnapshotRefUpdate>) {
          out["ref-name"] = u.ref_name;
        } else if constexpr (std::is_same_v<T, SetLocationUpdate>) {
          out["location"] = u.location;
        } else if constexpr (std::is_same_v<T, SetPropertiesUpdate>) {
          out["updates"] = u.updates;
        } else if constexpr (std::is_same_v<T, RemovePropertiesUpdate>) {
          out["removals"] = u.removals;
        } else if constexpr (std::is_same_v<T, SetStatisticsUpdate>) {
          out["snapshot-id"] = u.statistics.snapshot_id;
          out["statistics"] = StatisticsFileToJson(u.statistics);
        } else if constexpr (std::is_same_v<T, RemoveStatisticsUpdate>) {
          out["snapshot-id"] = u.snapshot_id;
        } else if constexpr (std::is_same_v<T, SetPartitionStatisticsUpdate>) {
          out["partition-statistics"] = PartitionStatisticsFileToJson(u.partition_statistics);
        } else if constexpr (std::is_same_v<T, RemovePartitionStatisticsUpdate>) {
          out["snapshot-id"] = u.snapshot_id;
        } else if constexpr (std::is_same_v<T, RemovePartitionSpecsUpdate>) {
          out["spec-ids"] = u.spec_ids;
        } else if constexpr (std::is_same_v<T, RemoveSchemasUpdate>) {
          out["schema-ids"] = u.schema_ids;
        } else if constexpr (std::is_same_v<T, AddEncryptionKeyUpdate>) {
          out["encryption-key"] = EncryptedKeyToJson(u.key);
        } else if constexpr (std::is_same_v<T, RemoveEncryptionKeyUpdate>) {
          out["key-id"] = u.key_id;
        }
        return Status::OK();
      },
      update);
  if (!st.ok()) return IcebergContext(st, "table update '{}'", TableUpdateAction(update));
  return out;
}

}  // namespace floe::iceberg
