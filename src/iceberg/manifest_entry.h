// ManifestEntry: one record of a manifest (spec "Manifest Entry Fields", the `manifest_entry`
// struct): a data or delete file and whether the manifest's snapshot added it, kept it or
// deleted it, with the snapshot and sequence numbers that track its age.
//
// In a file, v2 and later leave the snapshot id and the sequence numbers null for a file a
// commit adds, and readers inherit them from the manifest's entry in the manifest list
// (spec "Sequence Number Inheritance"). Entries from ManifestReader have them filled in wherever
// the spec says what to inherit; a null that remains means the file wrote none and there was
// nothing to inherit (an EXISTING or DELETED entry of a v2 manifest without them, which the spec
// forbids, or a manifest read without its manifest list entry). ManifestWriter writes null for
// what a reader is to inherit.
//
// Thread-safety: a plain value; share const instances freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "iceberg/data_file.h"

namespace floe::iceberg {

enum class ManifestEntryStatus : uint8_t {
  kExisting = 0,
  kAdded = 1,
  kDeleted = 2,
};

// "EXISTING", "ADDED", "DELETED".
std::string_view ManifestEntryStatusName(ManifestEntryStatus status);
// The status of the spec's integer code (0, 1, 2); InvalidArgument otherwise.
Result<ManifestEntryStatus> ManifestEntryStatusFromInt(int64_t code);

struct ManifestEntry {
  ManifestEntryStatus status = ManifestEntryStatus::kAdded;
  // The snapshot that added the file, or deleted it when the status is DELETED.
  std::optional<int64_t> snapshot_id;
  // The data sequence number: the relative age of the file's rows, which decides the deletes
  // that apply to it.
  std::optional<int64_t> sequence_number;
  // The sequence number of the snapshot that added the file.
  std::optional<int64_t> file_sequence_number;
  DataFile data_file;

  // ADDED or EXISTING: part of the snapshot's table state.
  bool is_live() const { return status != ManifestEntryStatus::kDeleted; }

  friend bool operator==(const ManifestEntry& a, const ManifestEntry& b) = default;
};

}  // namespace floe::iceberg
