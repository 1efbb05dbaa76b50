#include "iceberg/snapshot.h"

#include <charconv>

#include "iceberg/error_context.h"

namespace floe::iceberg {

std::string_view SnapshotOperationName(SnapshotOperation operation) {
  switch (operation) {
    case SnapshotOperation::kAppend:
      return "append";
    case SnapshotOperation::kReplace:
      return "replace";
    case SnapshotOperation::kOverwrite:
      return "overwrite";
    case SnapshotOperation::kDelete:
      return "delete";
  }
  return "unknown";
}

Result<SnapshotOperation> SnapshotOperationFromString(std::string_view text) {
  for (SnapshotOperation op : {SnapshotOperation::kAppend, SnapshotOperation::kReplace,
                               SnapshotOperation::kOverwrite, SnapshotOperation::kDelete}) {
    if (text == SnapshotOperationName(op)) return op;
  }
  return Status::InvalidArgument(
      "unknown snapshot operation '{}' (expected append, replace, overwrite or delete)", text);
}

Status Snapshot::Validate() const {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument("iceberg: snapshot {}: {}", snapshot_id, why);
  };
  if (!manifest_list.empty() && !manifests.empty()) {
    return fail("has both 'manifest-list' and 'manifests'");
  }
  if (sequence_number < 0) return fail("negative 'sequence-number'");
  if (first_row_id.has_value() && *first_row_id < 0) return fail("negative 'first-row-id'");
  if (added_rows.has_value() && *added_rows < 0) return fail("negative 'added-rows'");
  if (summary.count(std::string(snapshot_summary::kOperation)) != 0) {
    return fail("'operation' belongs in the operation, not among the other summary entries");
  }
  return Status::OK();
}

std::optional<std::string_view> Snapshot::SummaryValue(std::string_view key) const {
  if (key == snapshot_summary::kOperation) {
    if (!operation.has_value()) return std::nullopt;
    return SnapshotOperationName(*operation);
  }
  auto it = summary.find(std::string(key));
  if (it == summary.end()) return std::nullopt;
  return std::string_view(it->second);
}

Result<std::optional<int64_t>> Snapshot::SummaryLong(std::string_view key) const {
  std::optional<std::string_view> text = SummaryValue(key);
  if (!text.has_value()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || text->empty()) {
    return Status::InvalidArgument("iceberg: snapshot {}: summary '{}' is not a long: '{}'",
                                   snapshot_id, key, *text);
  }
  return std::optional<int64_t>(value);
}

namespace {

Status ReadSummary(const Json& json, Snapshot& snapshot) {
  FLOE_ASSIGN_OR_RETURN(const Json* summary, GetOptionalObject(json, "summary"));
  if (summary == nullptr) return Status::OK();
  FLOE_ASSIGN_OR_RETURN(snapshot.summary, GetOptionalStringMap(json, "summary"));
  auto op = snapshot.summary.find(std::string(snapshot_summary::kOperation));
  if (op != snapshot.summary.end()) {
    FLOE_ASSIGN_OR_RETURN(snapshot.operation, SnapshotOperationFromString(op->second));
    snapshot.summary.erase(op);
  } else if (!snapshot.summary.empty()) {
    // Java's reader: a summary without its operation is taken as an overwrite.
    snapshot.operation = SnapshotOperation::kOverwrite;
  }
  return Status::OK();
}

Status ReadSnapshot(const Json& json, Snapshot& snapshot) {
  FLOE_ASSIGN_OR_RETURN(auto parent, GetOptionalSnapshotId(json, "parent-snapshot-id"));
  snapshot.parent_snapshot_id = parent;
  FLOE_ASSIGN_OR_RETURN(auto sequence_number, GetOptionalInt64(json, "sequence-number"));
  snapshot.sequence_number = sequence_number.value_or(Snapshot::kInitialSequenceNumber);
  FLOE_ASSIGN_OR_RETURN(snapshot.timestamp_ms, GetInt64(json, "timestamp-ms"));
  FLOE_ASSIGN_OR_RETURN(auto manifest_list, GetOptionalString(json, "manifest-list"));
  if (manifest_list.has_value()) {
    if (manifest_list->empty()) {
      return Status::InvalidArgument("'manifest-list' must not be empty");
    }
    snapshot.manifest_list = std::move(*manifest_list);
  } else {
    FLOE_ASSIGN_OR_RETURN(const Json* manifests, GetOptionalArray(json, "manifests"));
    if (manifests == nullptr) {
      return Status::InvalidArgument("missing required 'manifest-list' (or v1 'manifests')");
    }
    FLOE_ASSIGN_OR_RETURN(snapshot.manifests, GetStringList(json, "manifests"));
  }
  FLOE_RETURN_NOT_OK(ReadSummary(json, snapshot));
  FLOE_ASSIGN_OR_RETURN(snapshot.schema_id, GetOptionalInt32(json, "schema-id"));
  FLOE_ASSIGN_OR_RETURN(snapshot.first_row_id, GetOptionalInt64(json, "first-row-id"));
  FLOE_ASSIGN_OR_RETURN(snapshot.added_rows, GetOptionalInt64(json, "added-rows"));
  FLOE_ASSIGN_OR_RETURN(snapshot.key_id, GetOptionalString(json, "key-id"));
  return snapshot.Validate();
}

}  // namespace

Result<Snapshot> SnapshotFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a snapshot must be an object, got {}",
                                   JsonTypeName(json));
  }
  Snapshot snapshot;
  auto id = GetSnapshotId(json, "snapshot-id");
  if (!id.has_value()) return IcebergContext(id.error(), "snapshot");
  snapshot.snapshot_id = *id;
  Status st = ReadSnapshot(json, snapshot);
  if (!st.ok()) return IcebergContext(st, "snapshot {}", snapshot.snapshot_id);
  return snapshot;
}

Json SnapshotToJson(const Snapshot& snapshot, int format_version) {
  Json out = Json::object();
  if (format_version >= 2) out["sequence-number"] = snapshot.sequence_number;
  out["snapshot-id"] = snapshot.snapshot_id;
  if (snapshot.parent_snapshot_id.has_value()) {
    out["parent-snapshot-id"] = *snapshot.parent_snapshot_id;
  }
  out["timestamp-ms"] = snapshot.timestamp_ms;
  if (snapshot.operation.has_value() || !snapshot.summary.empty()) {
    Json summary = Json::object();
    if (snapshot.operation.has_value()) {
      summary["operation"] = SnapshotOperationName(*snapshot.operation);
    }
    for (const auto& [key, value] : snapshot.summary) summary[key] = value;
    out["summary"] = std::move(summary);
  }
  if (!snapshot.manifest_list.empty()) {
    out["manifest-list"] = snapshot.manifest_list;
  } else {
    out["manifests"] = snapshot.manifests;
  }
  if (snapshot.schema_id.has_value()) out["schema-id"] = *snapshot.schema_id;
  if (snapshot.first_row_id.has_value()) out["first-row-id"] = *snapshot.first_row_id;
  if (snapshot.added_rows.has_value()) out["added-rows"] = *snapshot.added_rows;
  if (snapshot.key_id.has_value()) out["key-id"] = *snapshot.key_id;
  return out;
}

}  // namespace floe::iceberg
