#include "iceberg/manifest_entry.h"

namespace floe::iceberg {

std::string_view ManifestEntryStatusName(ManifestEntryStatus status) {
  switch (status) {
    case ManifestEntryStatus::kExisting:
      return "EXISTING";
    case ManifestEntryStatus::kAdded:
      return "ADDED";
    case ManifestEntryStatus::kDeleted:
      return "DELETED";
  }
  return "?";
}

Result<ManifestEntryStatus> ManifestEntryStatusFromInt(int64_t code) {
  if (code < 0 || code > 2) {
    return Status::InvalidArgument("status {} is not 0 (EXISTING), 1 (ADDED) or 2 (DELETED)", code);
  }
  return static_cast<ManifestEntryStatus>(code);
}

}  // namespace floe::iceberg
