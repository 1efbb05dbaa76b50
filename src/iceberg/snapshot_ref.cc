#include "iceberg/snapshot_ref.h"

#include <cctype>

namespace floe::iceberg {

std::string_view SnapshotRefTypeName(SnapshotRefType type) {
  return type == SnapshotRefType::kBranch ? "branch" : "tag";
}

Status SnapshotRef::Validate() const {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument("{} of snapshot {}: {}", SnapshotRefTypeName(type), snapshot_id,
                                   why);
  };
  if (min_snapshots_to_keep.has_value() && *min_snapshots_to_keep <= 0) {
    return fail("'min-snapshots-to-keep' must be positive");
  }
  if (max_snapshot_age_ms.has_value() && *max_snapshot_age_ms <= 0) {
    return fail("'max-snapshot-age-ms' must be positive");
  }
  if (max_ref_age_ms.has_value() && *max_ref_age_ms <= 0) {
    return fail("'max-ref-age-ms' must be positive");
  }
  if (type == SnapshotRefType::kTag &&
      (min_snapshots_to_keep.has_value() || max_snapshot_age_ms.has_value())) {
    return fail("a tag has no 'min-snapshots-to-keep' or 'max-snapshot-age-ms' (branches only)");
  }
  return Status::OK();
}

Result<SnapshotRef> SnapshotRefFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a snapshot reference must be an object, got {}",
                                   JsonTypeName(json));
  }
  SnapshotRef ref;
  FLOE_ASSIGN_OR_RETURN(ref.snapshot_id, GetSnapshotId(json, "snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(std::string type, GetString(json, "type"));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type == "branch") {
    ref.type = SnapshotRefType::kBranch;
  } else if (type == "tag") {
    ref.type = SnapshotRefType::kTag;
  } else {
    return Status::InvalidArgument("unknown reference 'type' '{}' (expected branch or tag)", type);
  }
  FLOE_ASSIGN_OR_RETURN(ref.min_snapshots_to_keep, GetOptionalInt32(json, "min-snapshots-to-keep"));
  FLOE_ASSIGN_OR_RETURN(ref.max_snapshot_age_ms, GetOptionalInt64(json, "max-snapshot-age-ms"));
  FLOE_ASSIGN_OR_RETURN(ref.max_ref_age_ms, GetOptionalInt64(json, "max-ref-age-ms"));
  FLOE_RETURN_NOT_OK(ref.Validate());
  return ref;
}

Json SnapshotRefToJson(const SnapshotRef& ref) {
  Json out = Json::object();
  out["snapshot-id"] = ref.snapshot_id;
  out["type"] = SnapshotRefTypeName(ref.type);
  if (ref.min_snapshots_to_keep.has_value()) {
    out["min-snapshots-to-keep"] = *ref.min_snapshots_to_keep;
  }
  if (ref.max_snapshot_age_ms.has_value()) out["max-snapshot-age-ms"] = *ref.max_snapshot_age_ms;
  if (ref.max_ref_age_ms.has_value()) out["max-ref-age-ms"] = *ref.max_ref_age_ms;
  return out;
}

}  // namespace floe::iceberg
