// Finding a table's current metadata file from its folder, for tables opened
// by path rather than through a catalog (Hadoop-style tables, copies).
//
// The rule other engines follow: `metadata/version-hint.text` (or `.txt`)
// names the version - a number N means `vN.metadata.json`, anything else is
// the metadata file's name without `.metadata.json`; compressed variants
// (`.gz.metadata.json`, `.metadata.json.gz`) count too. Without a usable hint
// (missing, empty, or naming a file that is not there), the newest metadata
// file wins: the one with the highest `last-updated-ms`, as the caller's
// parser reports it, then the highest version number in its name.
//
// Thread-safety: stateless functions; `io` must be safe to use from the caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "io/file_io.h"

namespace floe::iceberg {

// True for "v3.metadata.json", "00001-<uuid>.metadata.json", "x.gz.metadata.json",
// "x.metadata.json.gz".
bool IsMetadataFileName(std::string_view file_name);

// The version a metadata file name carries: 3 for "v3.metadata.json", 1 for
// "00001-<uuid>.metadata.json"; nullopt when it carries none.
std::optional<int64_t> MetadataFileVersion(std::string_view file_name);

// Reads a metadata file's last-updated-ms (the caller parses the JSON).
using LastUpdatedMsReader = std::function<Result<int64_t>(const std::string& location)>;

// The location of the current metadata file of the table at `table_location`
// (the folder holding `metadata/`). NotFound when there is none.
Result<std::string> FindCurrentMetadataFile(FileIO& io, std::string_view table_location,
                                            const LastUpdatedMsReader& last_updated_ms);

}  // namespace floe::iceberg
