// Reading and writing table metadata files through a FileIO.
//
// Every catalog commits the same way: the new metadata goes to a new file
// (`<metadata folder>/<NNNNN>-<uuid>.metadata.json`, NNNNN one above the
// version of the file it replaces), written create-if-absent so it can never
// replace anything; only then does the catalog swap its pointer. A metadata
// file that lost the swap was never visible and may be deleted; one whose
// swap outcome is unknown must be kept.
//
// Thread-safety: stateless functions; `io` must be usable from the caller's thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/table_metadata.h"
#include "io/file_io.h"

namespace floe::iceberg {

// Reads and validates the metadata file at `location` (plain, gzip or zstd).
Result<std::shared_ptr<const TableMetadata>> ReadTableMetadata(FileIO& io,
                                                               std::string_view location);

// Where new metadata files of `metadata` go: the `write.metadata.path`
// property, else `<location>/metadata`.
std::string MetadataFolder(const TableMetadata& metadata);

// Writes `metadata` to a new file named after the version of
// `previous_location` (+1; 0 for a new table) and returns its location.
// AlreadyExists if that name is taken; CommitStateUnknown if the publish may
// have happened.
Result<std::string> WriteNewMetadataFile(FileIO& io, const TableMetadata& metadata,
                                         std::optional<std::string_view> previous_location);

// A table opened by its folder: the current metadata file (version hint, else
// the newest; see metadata_file_locator.h) and its contents.
struct TableAtPath {
  std::string metadata_location;
  std::shared_ptr<const TableMetadata> metadata;
};
Result<TableAtPath> LoadTableFromFolder(FileIO& io, std::string_view table_location);

}  // namespace floe::iceberg
