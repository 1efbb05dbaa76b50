// SnapshotRef: a named reference to a snapshot (spec "Snapshot References") -
// a branch, which commits move forward, or a tag, which labels one snapshot -
// with its retention settings, and its JSON form (Appendix C's `refs` values,
// REST's SnapshotReference).
//
// The `main` branch always exists when a table has a current snapshot and
// points at it (table_metadata.h keeps the two in step).
//
// Thread-safety: plain values; share freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/json_util.h"

namespace floe::iceberg {

inline constexpr std::string_view kMainBranch = "main";

enum class SnapshotRefType : uint8_t { kBranch, kTag };

// "branch", "tag".
std::string_view SnapshotRefTypeName(SnapshotRefType type);

struct SnapshotRef {
  int64_t snapshot_id = 0;
  SnapshotRefType type = SnapshotRefType::kBranch;
  // Branches only: snapshots to keep while expiring (positive).
  std::optional<int32_t> min_snapshots_to_keep;
  // Branches only: the oldest snapshot age to keep (positive).
  std::optional<int64_t> max_snapshot_age_ms;
  // How long the ref itself is kept (positive; main never expires).
  std::optional<int64_t> max_ref_age_ms;

  static SnapshotRef Branch(int64_t snapshot_id) {
    return SnapshotRef{snapshot_id, SnapshotRefType::kBranch, {}, {}, {}};
  }
  static SnapshotRef Tag(int64_t snapshot_id) {
    return SnapshotRef{snapshot_id, SnapshotRefType::kTag, {}, {}, {}};
  }

  bool is_branch() const { return type == SnapshotRefType::kBranch; }

  // Retention values positive; tags without branch-only settings.
  Status Validate() const;

  friend bool operator==(const SnapshotRef& a, const SnapshotRef& b) = default;
};

// {"snapshot-id": 1, "type": "branch", "min-snapshots-to-keep"?, ...}. The
// type is read in any case.
Result<SnapshotRef> SnapshotRefFromJson(const Json& json);
Json SnapshotRefToJson(const SnapshotRef& ref);

}  // namespace floe::iceberg
