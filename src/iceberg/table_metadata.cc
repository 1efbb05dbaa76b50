#include "iceberg/table_metadata.h"

#include <charconv>
#include <limits>
#include <unordered_set>

#include <fmt/format.h>

#include "iceberg/error_context.h"
#include "iceberg/temporal.h"

namespace floe::iceberg {

namespace {

// "1515100955770 (2018-01-04T21:22:35.77+00:00)" for messages.
std::string TimeText(int64_t timestamp_ms) {
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / 1000;
  if (timestamp_ms > kLimit || timestamp_ms < -kLimit) return std::to_string(timestamp_ms);
  return fmt::format("{} ({})", timestamp_ms,
                     FormatIsoTimestamp(timestamp_ms * 1000, TimeUnit::kMicros, true));
}

}  // namespace

Result<std::shared_ptr<const TableMetadata>> TableMetadata::Make(Fields fields) {
  std::shared_ptr<TableMetadata> metadata(new TableMetadata(std::move(fields)));
  Status st = metadata->Index();
  if (!st.ok()) return IcebergContext(st, "table metadata");
  return std::shared_ptr<const TableMetadata>(std::move(metadata));
}

Status TableMetadata::Index() {
  const int version = f_.format_version;
  if (version > kMaxFormatVersion) {
    return Status::NotSupported(
        "format-version {} is not supported (Floe reads and writes format versions {} to {})",
        version, kMinFormatVersion, kMaxFormatVersion);
  }
  if (version < kMinFormatVersion) {
    return Status::InvalidArgument("'format-version' {} is not a format version", version);
  }
  if (version >= 2 && f_.table_uuid.empty()) {
    return Status::InvalidArgument("'table-uuid' is required in format v{}", version);
  }
  if (f_.location.empty()) return Status::InvalidArgument("'location' is required");
  if (version == 1 && f_.last_sequence_number != kInitialSequenceNumber) {
    return Status::InvalidArgument("'last-sequence-number' must be 0 in v1, got {}",
                                   f_.last_sequence_number);
  }
  if (f_.last_sequence_number < 0) {
    return Status::InvalidArgument("negative 'last-sequence-number' {}", f_.last_sequence_number);
  }
  if (f_.next_row_id < 0) {
    return Status::InvalidArgument("negative 'next-row-id' {}", f_.next_row_id);
  }

  // Schemas.
  if (f_.schemas.empty()) return Status::InvalidArgument("the table has no schema");
  std::optional<size_t> current;
  std::unordered_set<int32_t> ids;
  for (size_t i = 0; i < f_.schemas.size(); ++i) {
    const Schema& schema = f_.schemas[i];
    if (!ids.insert(schema.schema_id()).second) {
      return Status::InvalidArgument("schema id {} is used twice", schema.schema_id());
    }
    if (schema.schema_id() == f_.current_schema_id) current = i;
  }
  if (!current.has_value()) {
    return Status::InvalidArgument("'current-schema-id' {} is not among the schemas",
                                   f_.current_schema_id);
  }
  current_schema_index_ = *current;
  const Schema& schema = f_.schemas[*current];

  // Partition specs: the default one must suit the current schema; older ones
  // may name columns dropped since.
  if (f_.partition_specs.empty()) return Status::InvalidArgument("the table has no partition spec");
  std::optional<size_t> default_spec;
  ids.clear();
  for (size_t i = 0; i < f_.partition_specs.size(); ++i) {
    const PartitionSpec& spec = f_.partition_specs[i];
    if (!ids.insert(spec.spec_id()).second) {
      return Status::InvalidArgument("partition spec id {} is used twice", spec.spec_id());
    }
    const bool is_default = spec.spec_id() == f_.default_spec_id;
    FLOE_RETURN_NOT_OK(spec.Validate(schema, /*allow_missing_fields=*/!is_default));
    if (is_default) default_spec = i;
  }
  if (!default_spec.has_value()) {
    return Status::InvalidArgument("'default-spec-id' {} is not among the partition specs",
                                   f_.default_spec_id);
  }
  default_spec_index_ = *default_spec;

  // Sort orders, likewise.
  if (f_.sort_orders.empty()) return Status::InvalidArgument("the table has no sort order");
  std::optional<size_t> default_order;
  ids.clear();
  for (size_t i = 0; i < f_.sort_orders.size(); ++i) {
    const SortOrder& order = f_.sort_orders[i];
    if (!ids.insert(order.order_id()).second) {
      return Status::InvalidArgument("sort order id {} is used twice", order.order_id());
    }
    const bool is_default = order.order_id() == f_.default_sort_order_id;
    FLOE_RETURN_NOT_OK(order.Validate(schema, /*allow_missing_fields=*/!is_default));
    if (is_default) default_order = i;
  }
  if (!default_order.has_value()) {
    return Status::InvalidArgument("'default-sort-order-id' {} is not among the sort orders",
                                   f_.default_sort_order_id);
  }
  default_order_index_ = *default_order;

  // Snapshots.
  snapshot_index_.clear();
  snapshot_index_.reserve(f_.snapshots.size());
  for (size_t i = 0; i < f_.snapshots.size(); ++i) {
    if (f_.snapshots[i] == nullptr) return Status::Internal("snapshot {} is null", i);
    const Snapshot& snapshot = *f_.snapshots[i];
    FLOE_RETURN_NOT_OK(snapshot.Validate());
    if (!snapshot_index_.emplace(snapshot.snapshot_id, i).second) {
      return Status::InvalidArgument("snapshot id {} is used twice", snapshot.snapshot_id);
    }
    if (snapshot.sequence_number > f_.last_sequence_number) {
      return Status::InvalidArgument(
          "snapshot {} has sequence number {}, above 'last-sequence-number' {}",
          snapshot.snapshot_id, snapshot.sequence_number, f_.last_sequence_number);
    }
  }
  if (f_.current_snapshot_id.has_value() && SnapshotById(*f_.current_snapshot_id) == nullptr) {
    return Status::InvalidArgument("'current-snapshot-id' {} is not among the snapshots",
                                   *f_.current_snapshot_id);
  }

  // Refs, and `main` in step with the current snapshot.
  for (const auto& [name, ref] : f_.refs) {
    if (name.empty()) return Status::InvalidArgument("a snapshot reference has an empty name");
    FLOE_RETURN_NOT_OK(ref.Validate().WithContext("ref '{}'", name));
    if (SnapshotById(ref.snapshot_id) == nullptr) {
      return Status::InvalidArgument("{} '{}' points at snapshot {}, which does not exist",
                                     SnapshotRefTypeName(ref.type), name, ref.snapshot_id);
    }
  }
  auto main = f_.refs.find(kMainBranch);
  if (main != f_.refs.end()) {
    if (!main->second.is_branch()) {
      return Status::InvalidArgument("'{}' must be a branch, not a tag", kMainBranch);
    }
    if (!f_.current_snapshot_id.has_value()) {
      return Status::InvalidArgument(
          "branch '{}' points at snapshot {} but the table has no 'current-snapshot-id'",
          kMainBranch, main->second.snapshot_id);
    }
    if (main->second.snapshot_id != *f_.current_snapshot_id) {
      return Status::InvalidArgument(
          "'current-snapshot-id' {} differs from branch '{}' at snapshot {}",
          *f_.current_snapshot_id, kMainBranch, main->second.snapshot_id);
    }
  } else if (f_.current_snapshot_id.has_value()) {
    f_.refs.emplace(std::string(kMainBranch), SnapshotRef::Branch(*f_.current_snapshot_id));
  }

  std::unordered_set<std::string_view> key_ids;
  for (const EncryptedKey& key : f_.encryption_keys) {
    if (!key_ids.insert(key.key_id).second) {
      return Status::InvalidArgument("encryption key '{}' is listed twice", key.key_id);
    }
  }
  return Status::OK();
}

const Schema* TableMetadata::SchemaById(int32_t schema_id) const {
  for (const Schema& schema : f_.schemas) {
    if (schema.schema_id() == schema_id) return &schema;
  }
  return nullptr;
}

const PartitionSpec* TableMetadata::SpecById(int32_t spec_id) const {
  for (const PartitionSpec& spec : f_.partition_specs) {
    if (spec.spec_id() == spec_id) return &spec;
  }
  return nullptr;
}

const SortOrder* TableMetadata::SortOrderById(int32_t order_id) const {
  for (const SortOrder& order : f_.sort_orders) {
    if (order.order_id() == order_id) return &order;
  }
  return nullptr;
}

const Snapshot* TableMetadata::SnapshotById(int64_t snapshot_id) const {
  auto it = snapshot_index_.find(snapshot_id);
  return it == snapshot_index_.end() ? nullptr : f_.snapshots[it->second].get();
}

const Snapshot* TableMetadata::current_snapshot() const {
  return f_.current_snapshot_id.has_value() ? SnapshotById(*f_.current_snapshot_id) : nullptr;
}

const SnapshotRef* TableMetadata::Ref(std::string_view name) const {
  auto it = f_.refs.find(name);
  return it == f_.refs.end() ? nullptr : &it->second;
}

const Snapshot* TableMetadata::SnapshotForRef(std::string_view name) const {
  const SnapshotRef* ref = Ref(name);
  return ref == nullptr ? nullptr : SnapshotById(ref->snapshot_id);
}

std::optional<std::string_view> TableMetadata::Property(std::string_view key) const {
  auto it = f_.properties.find(std::string(key));
  if (it == f_.properties.end()) return std::nullopt;
  return std::string_view(it->second);
}

Result<int32_t> TableMetadata::PropertyAsInt(std::string_view key, int32_t fallback) const {
  return ::floe::iceberg::PropertyAsInt(f_.properties, key, fallback);
}

Result<int32_t> PropertyAsInt(const std::map<std::string, std::string>& properties,
                              std::string_view key, int32_t fallback) {
  auto it = properties.find(std::string(key));
  if (it == properties.end()) return fallback;
  const std::string& text = it->second;
  int32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument("iceberg: table property '{}' must be an int, got '{}'", key,
                                   text);
  }
  return value;
}

Result<const Snapshot*> TableMetadata::SnapshotAsOfTime(int64_t timestamp_ms) const {
  if (!f_.snapshot_log.empty()) {
    const SnapshotLogEntry* found = nullptr;
    for (const SnapshotLogEntry& entry : f_.snapshot_log) {
      if (entry.timestamp_ms <= timestamp_ms) found = &entry;
    }
    if (found == nullptr) {
      return Status::NotFound(
          "iceberg: table {} has no snapshot at or before {}: its snapshot log starts at {}",
          f_.location, TimeText(timestamp_ms), TimeText(f_.snapshot_log.front().timestamp_ms));
    }
    const Snapshot* snapshot = SnapshotById(found->snapshot_id);
    if (snapshot == nullptr) {
      return Status::NotFound(
          "iceberg: table {}: snapshot {}, current at {}, has expired and cannot be read",
          f_.location, found->snapshot_id, TimeText(timestamp_ms));
    }
    return snapshot;
  }
  // No snapshot log (it is optional): the main branch's history.
  if (f_.current_snapshot_id.has_value()) {
    for (const Snapshot* snapshot : Ancestors(*f_.current_snapshot_id)) {
      if (snapshot->timestamp_ms <= timestamp_ms) return snapshot;
    }
  }
  return Status::NotFound(
      "iceberg: table {} has no snapshot at or before {} (no snapshot log; the current "
      "snapshot's history has none that old)",
      f_.location, TimeText(timestamp_ms));
}

std::vector<const Snapshot*> TableMetadata::Ancestors(int64_t snapshot_id) const {
  std::vector<const Snapshot*> out;
  const Snapshot* snapshot = SnapshotById(snapshot_id);
  // Bounded by the snapshot count, so a (corrupt) parent cycle ends too.
  while (snapshot != nullptr && out.size() < f_.snapshots.size()) {
    out.push_back(snapshot);
    if (!snapshot->parent_snapshot_id.has_value()) break;
    snapshot = SnapshotById(*snapshot->parent_snapshot_id);
  }
  return out;
}

bool TableMetadata::IsAncestorOf(int64_t snapshot_id, int64_t ancestor_id) const {
  for (const Snapshot* snapshot : Ancestors(snapshot_id)) {
    if (snapshot->snapshot_id == ancestor_id) return true;
  }
  return false;
}

bool TableMetadata::IsCurrentAncestor(int64_t snapshot_id) const {
  return f_.current_snapshot_id.has_value() && IsAncestorOf(*f_.current_snapshot_id, snapshot_id);
}

bool operator==(const TableMetadata& a, const TableMetadata& b) {
  const TableMetadata::Fields& x = a.f_;
  const TableMetadata::Fields& y = b.f_;
  if (x.snapshots.size() != y.snapshots.size()) return false;
  for (size_t i = 0; i < x.snapshots.size(); ++i) {
    if (!(*x.snapshots[i] == *y.snapshots[i])) return false;
  }
  return x.format_version == y.format_version && x.table_uuid == y.table_uuid &&
         x.location == y.location && x.last_sequence_number == y.last_sequence_number &&
         x.last_updated_ms == y.last_updated_ms && x.last_column_id == y.last_column_id &&
         x.schemas == y.schemas && x.current_schema_id == y.current_schema_id &&
         x.partition_specs == y.partition_specs && x.default_spec_id == y.default_spec_id &&
         x.last_partition_id == y.last_partition_id && x.properties == y.properties &&
         x.current_snapshot_id == y.current_snapshot_id && x.snapshot_log == y.snapshot_log &&
         x.metadata_log == y.metadata_log && x.sort_orders == y.sort_orders &&
         x.default_sort_order_id == y.default_sort_order_id && x.refs == y.refs &&
         x.statistics == y.statistics && x.partition_statistics == y.partition_statistics &&
         x.next_row_id == y.next_row_id && x.encryption_keys == y.encryption_keys;
}

}  // namespace floe::iceberg
