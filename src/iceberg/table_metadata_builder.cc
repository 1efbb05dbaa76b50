#include "iceberg/table_metadata_builder.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "common/random.h"
#include "iceberg/error_context.h"

namespace floe::iceberg {

namespace {

template <typename... Args>
Status Invalid(fmt::format_string<Args...> format, Args&&... args) {
  return Status::InvalidArgument("iceberg: {}", fmt::format(format, std::forward<Args>(args)...));
}

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

template <typename T, typename Id>
int32_t HighestId(const std::vector<T>& items, Id id, int32_t none) {
  int32_t highest = none;
  for (const T& item : items) highest = std::max(highest, id(item));
  return highest;
}

}  // namespace

std::string RandomUuid() {
  uint64_t hi = RandomUint64();
  uint64_t lo = RandomUint64();
  hi = (hi & ~uint64_t{0xF000}) | uint64_t{0x4000};            // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // IETF variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

TableMetadataBuilder::TableMetadataBuilder(std::shared_ptr<const TableMetadata> base,
                                           TableMetadata::Fields fields,
                                           MetadataBuildOptions options)
    : base_(std::move(base)),
      f_(std::move(fields)),
      options_(std::move(options)),
      now_ms_(options_.timestamp_ms.value_or(SystemNowMs())) {
  for (const auto& snapshot : f_.snapshots) snapshots_by_id_[snapshot->snapshot_id] = snapshot;
}

TableMetadataBuilder TableMetadataBuilder::BuildFrom(std::shared_ptr<const TableMetadata> base,
                                                     MetadataBuildOptions options) {
  FLOE_CHECK(base != nullptr, "TableMetadataBuilder::BuildFrom needs base metadata");
  TableMetadata::Fields fields = base->fields();
  return TableMetadataBuilder(std::move(base), std::move(fields), std::move(options));
}

TableMetadataBuilder TableMetadataBuilder::BuildFromEmpty(int format_version,
                                                          MetadataBuildOptions options) {
  TableMetadata::Fields fields;
  fields.format_version = format_version;
  fields.current_schema_id = -1;
  fields.default_spec_id = -1;
  fields.default_sort_order_id = -1;
  fields.last_column_id = 0;
  fields.last_partition_id = PartitionSpec::kFirstFieldId - 1;
  options.base_metadata_location.clear();
  TableMetadataBuilder builder(nullptr, std::move(fields), std::move(options));
  builder.changed_ = true;
  return builder;
}

const Schema* TableMetadataBuilder::FindSchema(int32_t id) const {
  for (const Schema& schema : f_.schemas) {
    if (schema.schema_id() == id) return &schema;
  }
  return nullptr;
}

const Schema* TableMetadataBuilder::CurrentSchema() const {
  return FindSchema(f_.current_schema_id);
}

const Snapshot* TableMetadataBuilder::FindSnapshot(int64_t id) const {
  auto it = snapshots_by_id_.find(id);
  return it == snapshots_by_id_.end() ? nullptr : it->second.get();
}

Status TableMetadataBuilder::Apply(const TableUpdate& update) {
  return std::visit(
      [&](const auto& u) -> Status {
        using T = std::decay_t<decltype(u)>;
        if constexpr (std::is_same_v<T, AssignUuidUpdate>) {
          return AssignUuid(u.uuid);
        } else if constexpr (std::is_same_v<T, UpgradeFormatVersionUpdate>) {
          return UpgradeFormatVersion(u.format_version);
        } else if constexpr (std::is_same_v<T, AddSchemaUpdate>) {
          return AddSchema(u.schema, u.last_column_id);
        } else if constexpr (std::is_same_v<T, SetCurrentSchemaUpdate>) {
          return SetCurrentSchema(u.schema_id);
        } else if constexpr (std::is_same_v<T, AddPartitionSpecUpdate>) {
          return AddPartitionSpec(u.spec);
        } else if constexpr (std::is_same_v<T, SetDefaultSpecUpdate>) {
          return SetDefaultSpec(u.spec_id);
        } else if constexpr (std::is_same_v<T, AddSortOrderUpdate>) {
          return AddSortOrder(u.sort_order);
        } else if constexpr (std::is_same_v<T, SetDefaultSortOrderUpdate>) {
          return SetDefaultSortOrder(u.sort_order_id);
        } else if constexpr (std::is_same_v<T, AddSnapshotUpdate>) {
          return AddSnapshot(u.snapshot);
        } else if constexpr (std::is_same_v<T, SetSnapshotRefUpdate>) {
          return SetRef(u.ref_name, u.ref);
        } else if constexpr (std::is_same_v<T, RemoveSnapshotsUpdate>) {
          return RemoveSnapshots(u.snapshot_ids);
        } else if constexpr (std::is_same_v<T, RemoveSnapshotRefUpdate>) {
          return RemoveRef(u.ref_name);
        } else if constexpr (std::is_same_v<T, SetLocationUpdate>) {
          return SetLocation(u.location);
        } else if constexpr (std::is_same_v<T, SetPropertiesUpdate>) {
          return SetProperties(u.updates);
        } else if constexpr (std::is_same_v<T, RemovePropertiesUpdate>) {
          return RemoveProperties(u.removals);
        } else if constexpr (std::is_same_v<T, SetStatisticsUpdate>) {
          return SetStatistics(u.statistics);
        } else if constexpr (std::is_same_v<T, RemoveStatisticsUpdate>) {
          return RemoveStatistics(u.snapshot_id);
        } else if constexpr (std::is_same_v<T, SetPartitionStatisticsUpdate>) {
          return SetPartitionStatistics(u.partition_statistics);
        } else if constexpr (std::is_same_v<T, RemovePartitionStatisticsUpdate>) {
          return RemovePartitionStatistics(u.snapshot_id);
        } else if constexpr (std::is_same_v<T, RemovePartitionSpecsUpdate>) {
          return RemovePartitionSpecs(u.spec_ids);
        } else if constexpr (std::is_same_v<T, RemoveSchemasUpdate>) {
          return RemoveSchemas(u.schema_ids);
        } else if constexpr (std::is_same_v<T, AddEncryptionKeyUpdate>) {
          return AddEncryptionKey(u.key);
        } else {
          static_assert(std::is_same_v<T, RemoveEncryptionKeyUpdate>);
          return RemoveEncryptionKey(u.key_id);
        }
      },
      update);
}

Status TableMetadataBuilder::AssignUuid(std::string uuid) {
  if (uuid.empty()) return Invalid("assign-uuid: empty uuid");
  if (uuid == f_.table_uuid) return Status::OK();
  if (!f_.table_uuid.empty()) {
    return Invalid("assign-uuid: the table already has uuid {}; a uuid is assigned only once",
                   f_.table_uuid);
  }
  f_.table_uuid = std::move(uuid);
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::UpgradeFormatVersion(int format_version) {
  if (format_version > TableMetadata::kMaxFormatVersion) {
    return Status::NotSupported(
        "iceberg: cannot upgrade to format version {}: Floe supports versions {} to {}",
        format_version, TableMetadata::kMinFormatVersion, TableMetadata::kMaxFormatVersion);
  }
  if (format_version < f_.format_version) {
    return Invalid("cannot downgrade a v{} table to v{}", f_.format_version, format_version);
  }
  if (format_version == f_.format_version) return Status::OK();
  // A v3 table's row ids start at next-row-id 0 (spec "Row Lineage for
  // Upgraded Tables"), which Fields already holds for older tables.
  f_.format_version = format_version;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::AddSchema(const Schema& schema,
                                       std::optional<int32_t> last_column_id) {
  FLOE_RETURN_NOT_OK(schema.ValidateForTable(f_.format_version));
  const int32_t highest = schema.HighestFieldId();
  int32_t new_last_column_id = std::max(f_.last_column_id, highest);
  if (last_column_id.has_value()) {
    if (*last_column_id < f_.last_column_id) {
      return Invalid("add-schema: last-column-id {} is below the table's last column id {}",
                     *last_column_id, f_.last_column_id);
    }
    if (*last_column_id < highest) {
      return Invalid("add-schema: the schema has field id {}, above last-column-id {}", highest,
                     *last_column_id);
    }
    new_last_column_id = *last_column_id;
  }
  // An equal schema already in the table is reused rather than added again.
  std::optional<int32_t> schema_id;
  for (const Schema& existing : f_.schemas) {
    if (existing.SameSchema(schema)) {
      schema_id = existing.schema_id();
      break;
    }
  }
  if (!schema_id.has_value()) {
    const int32_t new_id = HighestId(
                               f_.schemas, [](const Schema& s) { return s.schema_id(); }, -1) +
                           1;
    FLOE_ASSIGN_OR_RETURN(Schema added,
                          Schema::Make(schema.as_struct(), new_id, schema.identifier_field_ids()));
    f_.schemas.push_back(std::move(added));
    schema_id = new_id;
    changed_ = true;
  }
  if (new_last_column_id != f_.last_column_id) {
    f_.last_column_id = new_last_column_id;
    changed_ = true;
  }
  last_added_schema_id_ = schema_id;
  return Status::OK();
}

Status TableMetadataBuilder::SetCurrentSchema(int32_t schema_id) {
  if (schema_id == kLastAdded) {
    if (!last_added_schema_id_.has_value()) {
      return Invalid("set-current-schema -1 (the last added schema): no schema was added");
    }
    schema_id = *last_added_schema_id_;
  }
  if (FindSchema(schema_id) == nullptr) {
    return Invalid("set-current-schema: schema {} does not exist", schema_id);
  }
  if (schema_id == f_.current_schema_id) return Status::OK();
  f_.current_schema_id = schema_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::AddPartitionSpec(const PartitionSpec& spec) {
  const Schema* schema = CurrentSchema();
  if (schema == nullptr) return Invalid("add-spec: the table has no current schema yet");
  for (const PartitionSpec& existing : f_.partition_specs) {
    if (existing.CompatibleWith(spec)) {
      last_added_spec_id_ = existing.spec_id();
      return Status::OK();
    }
  }
  FLOE_RETURN_NOT_OK(spec.Validate(*schema));
  const std::vector<PartitionField>& fields = spec.fields();
  if (f_.format_version == 1) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].field_id != PartitionSpec::kFirstFieldId + static_cast<int32_t>(i)) {
        return Invalid(
            "add-spec: v1 partition field ids must be {}, {}, ... in order; field {} "
            "'{}' has id {}",
            PartitionSpec::kFirstFieldId, PartitionSpec::kFirstFieldId + 1, i, fields[i].name,
            fields[i].field_id);
      }
    }
  } else {
    // A partition field id names one partition value across specs.
    for (const PartitionField& field : fields) {
      for (const PartitionSpec& existing : f_.partition_specs) {
        for (const PartitionField& old : existing.fields()) {
          if (old.field_id == field.field_id &&
              (old.source_ids != field.source_ids || !(old.transform == field.transform))) {
            return Invalid("add-spec: partition field id {} is {} in spec {}; it cannot become {}",
                           field.field_id, old.ToString(), existing.spec_id(), field.ToString());
          }
        }
      }
    }
  }
  const int32_t new_id =
      HighestId(
          f_.partition_specs, [](const PartitionSpec& s) { return s.spec_id(); }, -1) +
      1;
  FLOE_ASSIGN_OR_RETURN(PartitionSpec added, PartitionSpec::Make(new_id, fields));
  f_.last_partition_id = std::max(f_.last_partition_id, added.LastAssignedFieldId());
  f_.partition_specs.push_back(std::move(added));
  last_added_spec_id_ = new_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::SetDefaultSpec(int32_t spec_id) {
  if (spec_id == kLastAdded) {
    if (!last_added_spec_id_.has_value()) {
      return Invalid("set-default-spec -1 (the last added spec): no spec was added");
    }
    spec_id = *last_added_spec_id_;
  }
  const bool exists = std::any_of(f_.partition_specs.begin(), f_.partition_specs.end(),
                                  [&](const PartitionSpec& s) { return s.spec_id() == spec_id; });
  if (!exists) return Invalid("set-default-spec: partition spec {} does not exist", spec_id);
  if (spec_id == f_.default_spec_id) return Status::OK();
  f_.default_spec_id = spec_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::AddSortOrder(const SortOrder& order) {
  const Schema* schema = CurrentSchema();
  if (schema == nullptr) return Invalid("add-sort-order: the table has no current schema yet");
  std::optional<int32_t> order_id;
  if (order.is_unsorted()) {
    order_id = SortOrder::kUnsortedOrderId;
  }
  for (const SortOrder& existing : f_.sort_orders) {
    if (existing.SameOrder(order)) {
      order_id = existing.order_id();
      last_added_order_id_ = order_id;
      return Status::OK();
    }
  }
  if (!order_id.has_value()) {
    FLOE_RETURN_NOT_OK(order.Validate(*schema));
    order_id = std::max(HighestId(
                            f_.sort_orders, [](const SortOrder& o) { return o.order_id(); },
                            SortOrder::kUnsortedOrderId),
                        SortOrder::kUnsortedOrderId) +
               1;
  }
  FLOE_ASSIGN_OR_RETURN(SortOrder added, SortOrder::Make(*order_id, order.fields()));
  f_.sort_orders.push_back(std::move(added));
  last_added_order_id_ = order_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::SetDefaultSortOrder(int32_t order_id) {
  if (order_id == kLastAdded) {
    if (!last_added_order_id_.has_value()) {
      return Invalid("set-default-sort-order -1 (the last added order): no sort order was added");
    }
    order_id = *last_added_order_id_;
  }
  const bool exists = std::any_of(f_.sort_orders.begin(), f_.sort_orders.end(),
                                  [&](const SortOrder& o) { return o.order_id() == order_id; });
  if (!exists) return Invalid("set-default-sort-order: sort order {} does not exist", order_id);
  if (order_id == f_.default_sort_order_id) return Status::OK();
  f_.default_sort_order_id = order_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::AddSnapshot(const Snapshot& snapshot) {
  const int64_t id = snapshot.snapshot_id;
  auto fail = [&](std::string_view why) { return Invalid("add-snapshot {}: {}", id, why); };
  if (f_.schemas.empty() || f_.partition_specs.empty() || f_.sort_orders.empty()) {
    return fail("the table needs a schema, a partition spec and a sort order first");
  }
  FLOE_RETURN_NOT_OK(snapshot.Validate());
  if (FindSnapshot(id) != nullptr) return fail("a snapshot with this id already exists");
  if (snapshot.parent_snapshot_id.has_value() &&
      FindSnapshot(*snapshot.parent_snapshot_id) == nullptr) {
    return fail(fmt::format("its parent snapshot {} does not exist", *snapshot.parent_snapshot_id));
  }
  if (snapshot.schema_id.has_value() && FindSchema(*snapshot.schema_id) == nullptr) {
    return fail(fmt::format("its schema {} does not exist", *snapshot.schema_id));
  }
  const int version = f_.format_version;
  if (version == 1) {
    if (snapshot.sequence_number != Snapshot::kInitialSequenceNumber) {
      return fail(
          fmt::format("a v1 table has no sequence numbers, got {}", snapshot.sequence_number));
    }
  } else {
    if (snapshot.manifest_list.empty()) {
      return fail(fmt::format("a v{} snapshot needs a 'manifest-list'", version));
    }
    if (!snapshot.operation.has_value()) {
      return fail(fmt::format("a v{} snapshot needs a summary with its 'operation'", version));
    }
    if (snapshot.sequence_number <= f_.last_sequence_number) {
      return Status::CommitConflict(
          "iceberg: add-snapshot {}: sequence number {} is not above the table's last sequence "
          "number {} (another commit took it; retry on the current metadata)",
          id, snapshot.sequence_number, f_.last_sequence_number);
    }
  }
  int64_t next_row_id = f_.next_row_id;
  if (version >= TableMetadata::kMinFormatVersionRowLineage) {
    if (!snapshot.first_row_id.has_value()) return fail("a v3 snapshot needs a 'first-row-id'");
    if (!snapshot.added_rows.has_value()) return fail("a v3 snapshot needs 'added-rows'");
    if (*snapshot.first_row_id < f_.next_row_id) {
      return Status::CommitConflict(
          "iceberg: add-snapshot {}: first-row-id {} is behind the table's next-row-id {} "
          "(another commit assigned those row ids; retry on the current metadata)",
          id, *snapshot.first_row_id, f_.next_row_id);
    }
    if (*snapshot.added_rows > std::numeric_limits<int64_t>::max() - f_.next_row_id) {
      return fail("next-row-id + added-rows overflows a long");
    }
    next_row_id += *snapshot.added_rows;
  }
  auto shared = std::make_shared<const Snapshot>(snapshot);
  f_.snapshots.push_back(shared);
  snapshots_by_id_[id] = std::move(shared);
  added_snapshot_ids_.insert(id);
  if (version > 1) f_.last_sequence_number = snapshot.sequence_number;
  f_.next_row_id = next_row_id;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::SetRef(std::string_view name, const SnapshotRef& ref) {
  if (name.empty()) return Invalid("set-snapshot-ref: empty ref name");
  FLOE_RETURN_NOT_OK(ref.Validate().WithContext("iceberg: set-snapshot-ref '{}'", name));
  auto existing = f_.refs.find(name);
  if (existing != f_.refs.end() && existing->second == ref) return Status::OK();
  const Snapshot* snapshot = FindSnapshot(ref.snapshot_id);
  if (snapshot == nullptr) {
    return Invalid("set-snapshot-ref '{}': snapshot {} does not exist", name, ref.snapshot_id);
  }
  if (name == kMainBranch) {
    if (!ref.is_branch()) return Invalid("set-snapshot-ref: '{}' must be a branch", kMainBranch);
    // The log records when each snapshot became current: a new snapshot when
    // it was made, an existing one (rollback) now.
    const bool added = added_snapshot_ids_.count(ref.snapshot_id) != 0;
    f_.snapshot_log.push_back({added ? snapshot->timestamp_ms : now_ms_, ref.snapshot_id});
    if (added) added_snapshots_made_main_.push_back(ref.snapshot_id);
    f_.current_snapshot_id = ref.snapshot_id;
  }
  if (existing != f_.refs.end()) {
    existing->second = ref;
  } else {
    f_.refs.emplace(std::string(name), ref);
  }
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemoveRef(std::string_view name) {
  auto it = f_.refs.find(name);
  if (it == f_.refs.end()) return Status::OK();
  if (name == kMainBranch) f_.current_snapshot_id.reset();
  f_.refs.erase(it);
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemoveSnapshots(const std::vector<int64_t>& snapshot_ids) {
  std::unordered_set<int64_t> remove;
  for (int64_t id : snapshot_ids) {
    if (FindSnapshot(id) != nullptr) remove.insert(id);
  }
  if (remove.empty()) return Status::OK();
  std::erase_if(f_.snapshots, [&](const auto& s) { return remove.count(s->snapshot_id) != 0; });
  for (int64_t id : remove) snapshots_by_id_.erase(id);
  std::erase_if(f_.statistics,
                [&](const StatisticsFile& s) { return remove.count(s.snapshot_id) != 0; });
  std::erase_if(f_.partition_statistics,
                [&](const PartitionStatisticsFile& s) { return remove.count(s.snapshot_id) != 0; });
  // Refs to removed snapshots go too (main with its current snapshot).
  std::vector<std::string> dangling;
  for (const auto& [name, ref] : f_.refs) {
    if (remove.count(ref.snapshot_id) != 0) dangling.push_back(name);
  }
  for (const std::string& name : dangling) FLOE_RETURN_NOT_OK(RemoveRef(name));
  removed_snapshots_ = true;
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::SetLocation(std::string location) {
  if (location.empty()) return Invalid("set-location: empty location");
  if (location == f_.location) return Status::OK();
  f_.location = std::move(location);
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::SetProperties(const std::map<std::string, std::string>& updates) {
  for (const auto& [key, value] : updates) {
    auto [it, inserted] = f_.properties.try_emplace(key, value);
    if (!inserted && it->second == value) continue;
    it->second = value;
    changed_ = true;
  }
  return Status::OK();
}

Status TableMetadataBuilder::RemoveProperties(const std::vector<std::string>& removals) {
  for (const std::string& key : removals) {
    if (f_.properties.erase(key) != 0) changed_ = true;
  }
  return Status::OK();
}

Status TableMetadataBuilder::SetStatistics(StatisticsFile file) {
  if (FindSnapshot(file.snapshot_id) == nullptr) {
    return Invalid("set-statistics: snapshot {} does not exist", file.snapshot_id);
  }
  // One statistics file per snapshot: a new one replaces the old.
  std::erase_if(f_.statistics,
                [&](const StatisticsFile& s) { return s.snapshot_id == file.snapshot_id; });
  f_.statistics.push_back(std::move(file));
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemoveStatistics(int64_t snapshot_id) {
  if (std::erase_if(f_.statistics,
                    [&](const StatisticsFile& s) { return s.snapshot_id == snapshot_id; }) > 0) {
    changed_ = true;
  }
  return Status::OK();
}

Status TableMetadataBuilder::SetPartitionStatistics(PartitionStatisticsFile file) {
  if (FindSnapshot(file.snapshot_id) == nullptr) {
    return Invalid("set-partition-statistics: snapshot {} does not exist", file.snapshot_id);
  }
  std::erase_if(f_.partition_statistics, [&](const PartitionStatisticsFile& s) {
    return s.snapshot_id == file.snapshot_id;
  });
  f_.partition_statistics.push_back(std::move(file));
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemovePartitionStatistics(int64_t snapshot_id) {
  if (std::erase_if(f_.partition_statistics, [&](const PartitionStatisticsFile& s) {
        return s.snapshot_id == snapshot_id;
      }) > 0) {
    changed_ = true;
  }
  return Status::OK();
}

Status TableMetadataBuilder::RemovePartitionSpecs(const std::vector<int32_t>& spec_ids) {
  for (int32_t id : spec_ids) {
    if (id == f_.default_spec_id) {
      return Invalid("remove-partition-specs: spec {} is the default spec", id);
    }
  }
  auto removed = std::erase_if(f_.partition_specs, [&](const PartitionSpec& s) {
    return std::find(spec_ids.begin(), spec_ids.end(), s.spec_id()) != spec_ids.end();
  });
  if (removed > 0) changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemoveSchemas(const std::vector<int32_t>& schema_ids) {
  for (int32_t id : schema_ids) {
    if (id == f_.current_schema_id) {
      return Invalid("remove-schemas: schema {} is the current schema", id);
    }
  }
  auto removed = std::erase_if(f_.schemas, [&](const Schema& s) {
    return std::find(schema_ids.begin(), schema_ids.end(), s.schema_id()) != schema_ids.end();
  });
  if (removed > 0) changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::AddEncryptionKey(EncryptedKey key) {
  if (key.key_id.empty()) return Invalid("add-encryption-key: empty key id");
  for (const EncryptedKey& existing : f_.encryption_keys) {
    if (existing.key_id != key.key_id) continue;
    if (existing == key) return Status::OK();
    return Invalid("add-encryption-key: key '{}' exists with different metadata", key.key_id);
  }
  f_.encryption_keys.push_back(std::move(key));
  changed_ = true;
  return Status::OK();
}

Status TableMetadataBuilder::RemoveEncryptionKey(std::string_view key_id) {
  if (std::erase_if(f_.encryption_keys, [&](const EncryptedKey& k) { return k.key_id == key_id; }) >
      0) {
    changed_ = true;
  }
  return Status::OK();
}

// As Java's TableMetadata.Builder: snapshots that were main only in the middle
// of this commit are not part of the history, and an entry whose snapshot was
// removed clears the history before it - a log [s1, s2, s3] without s2 would
// claim s1 was current until s3.
Result<std::vector<SnapshotLogEntry>> TableMetadataBuilder::NewSnapshotLog() const {
  std::unordered_set<int64_t> intermediate;
  for (int64_t id : added_snapshots_made_main_) {
    if (!f_.current_snapshot_id.has_value() || id != *f_.current_snapshot_id) {
      intermediate.insert(id);
    }
  }
  if (intermediate.empty() && !removed_snapshots_) return f_.snapshot_log;
  std::vector<SnapshotLogEntry> log;
  for (const SnapshotLogEntry& entry : f_.snapshot_log) {
    if (FindSnapshot(entry.snapshot_id) != nullptr) {
      if (intermediate.count(entry.snapshot_id) == 0) log.push_back(entry);
    } else if (removed_snapshots_) {
      log.clear();
    }
  }
  if (f_.current_snapshot_id.has_value() &&
      (log.empty() || log.back().snapshot_id != *f_.current_snapshot_id)) {
    return Invalid("the snapshot log would not end with the current snapshot {}",
                   *f_.current_snapshot_id);
  }
  return log;
}

Result<std::shared_ptr<const TableMetadata>> TableMetadataBuilder::Build() {
  if (base_ != nullptr && !changed_) return base_;
  TableMetadata::Fields fields = f_;
  FLOE_ASSIGN_OR_RETURN(fields.snapshot_log, NewSnapshotLog());
  if (fields.table_uuid.empty()) fields.table_uuid = RandomUuid();
  fields.last_updated_ms = now_ms_;
  if (base_ != nullptr && !options_.base_metadata_location.empty()) {
    // The new properties decide, as this commit may change the bound.
    FLOE_ASSIGN_OR_RETURN(
        int32_t max_entries,
        PropertyAsInt(fields.properties, table_properties::kMetadataPreviousVersionsMax,
                      table_properties::kMetadataPreviousVersionsMaxDefault));
    const size_t keep = static_cast<size_t>(std::max(1, max_entries));
    std::vector<MetadataLogEntry>& log = fields.metadata_log;
    log.push_back({base_->last_updated_ms(), options_.base_metadata_location});
    if (log.size() > keep) log.erase(log.begin(), log.end() - static_cast<ptrdiff_t>(keep));
  }
  return TableMetadata::Make(std::move(fields));
}

Result<std::shared_ptr<const TableMetadata>> NewTableMetadata(
    const Schema& schema, const PartitionSpec& spec, const SortOrder& sort_order,
    std::string location, std::map<std::string, std::string> properties, int format_version,
    MetadataBuildOptions options) {
  auto version_property = properties.find(std::string(table_properties::kFormatVersion));
  if (version_property != properties.end()) {
    const std::string& text = version_property->second;
    if (text != "1" && text != "2" && text != "3") {
      return Invalid("table property '{}' must be 1, 2 or 3, got '{}'",
                     table_properties::kFormatVersion, text);
    }
    format_version = text[0] - '0';
    properties.erase(version_property);
  }
  if (format_version < TableMetadata::kMinFormatVersion ||
      format_version > TableMetadata::kMaxFormatVersion) {
    return Status::NotSupported("iceberg: format version {} is not supported (versions {} to {})",
                                format_version, TableMetadata::kMinFormatVersion,
                                TableMetadata::kMaxFormatVersion);
  }
  FLOE_ASSIGN_OR_RETURN(Schema fresh, AssignFreshIds(schema, Schema::kInitialSchemaId, 0));
  // Sources follow their columns from the caller's ids to the fresh ones.
  auto fresh_source = [&](int32_t source_id) -> Result<int32_t> {
    std::optional<std::string> name = schema.FindColumnName(source_id);
    if (!name.has_value()) {
      return Invalid("CREATE TABLE: source column {} is not in the schema", source_id);
    }
    FLOE_ASSIGN_OR_RETURN(const NestedField* field, fresh.FindFieldByName(*name));
    if (field == nullptr) return Status::Internal("iceberg: column '{}' lost its id", *name);
    return field->id;
  };
  std::vector<PartitionField> partition_fields;
  int32_t next_field_id = PartitionSpec::kFirstFieldId;
  for (const PartitionField& field : spec.fields()) {
    PartitionField out{{}, next_field_id++, field.name, field.transform};
    for (int32_t source_id : field.source_ids) {
      FLOE_ASSIGN_OR_RETURN(int32_t id, fresh_source(source_id));
      out.source_ids.push_back(id);
    }
    partition_fields.push_back(std::move(out));
  }
  FLOE_ASSIGN_OR_RETURN(PartitionSpec fresh_spec,
                        PartitionSpec::Make(PartitionSpec::kInitialSpecId, partition_fields));
  std::vector<SortField> sort_fields;
  for (const SortField& field : sort_order.fields()) {
    SortField out{{}, field.transform, field.direction, field.null_order};
    for (int32_t source_id : field.source_ids) {
      FLOE_ASSIGN_OR_RETURN(int32_t id, fresh_source(source_id));
      out.source_ids.push_back(id);
    }
    sort_fields.push_back(std::move(out));
  }
  const int32_t order_id = sort_fields.empty() ? SortOrder::kUnsortedOrderId : 1;
  FLOE_ASSIGN_OR_RETURN(SortOrder fresh_order, SortOrder::Make(order_id, std::move(sort_fields)));
  TableMetadataBuilder builder = TableMetadataBuilder::BuildFromEmpty(format_version, options);
  FLOE_RETURN_NOT_OK(builder.AssignUuid(RandomUuid()));
  FLOE_RETURN_NOT_OK(builder.AddSchema(fresh));
  FLOE_RETURN_NOT_OK(builder.SetCurrentSchema(kLastAdded));
  FLOE_RETURN_NOT_OK(builder.AddPartitionSpec(fresh_spec));
  FLOE_RETURN_NOT_OK(builder.SetDefaultSpec(kLastAdded));
  FLOE_RETURN_NOT_OK(builder.AddSortOrder(fresh_order));
  FLOE_RETURN_NOT_OK(builder.SetDefaultSortOrder(kLastAdded));
  FLOE_RETURN_NOT_OK(builder.SetLocation(std::move(location)));
  FLOE_RETURN_NOT_OK(builder.SetProperties(properties));
  return builder.Build();
}

Result<std::shared_ptr<const TableMetadata>> CommitUpdates(
    std::shared_ptr<const TableMetadata> base, const std::vector<TableRequirement>& requirements,
    const std::vector<TableUpdate>& updates, MetadataBuildOptions options) {
  for (const TableRequirement& requirement : requirements) {
    FLOE_RETURN_NOT_OK(Validate(requirement, base.get()));
  }
  std::optional<TableMetadataBuilder> builder;
  if (base != nullptr) {
    builder.emplace(TableMetadataBuilder::BuildFrom(std::move(base), std::move(options)));
  } else {
    int format_version = TableMetadata::kDefaultFormatVersion;
    for (const TableUpdate& update : updates) {
      if (const auto* upgrade = std::get_if<UpgradeFormatVersionUpdate>(&update)) {
        format_version = upgrade->format_version;
        break;
      }
    }
    if (format_version < TableMetadata::kMinFormatVersion ||
        format_version > TableMetadata::kMaxFormatVersion) {
      return Status::NotSupported("iceberg: format version {} is not supported (versions {} to {})",
                                  format_version, TableMetadata::kMinFormatVersion,
                                  TableMetadata::kMaxFormatVersion);
    }
    builder.emplace(TableMetadataBuilder::BuildFromEmpty(format_version, std::move(options)));
  }
  for (size_t i = 0; i < updates.size(); ++i) {
    Status st = builder->Apply(updates[i]);
    if (!st.ok()) {
      return IcebergContext(st, "table update {} '{}'", i, TableUpdateAction(updates[i]));
    }
  }
  return builder->Build();
}

}  // namespace floe::iceberg
