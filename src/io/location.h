// Locations: how Floe names files. A location is a plain path ("/w/t/a.parquet",
// "data/a.parquet") or a URI ("file:///w/t/a.parquet", "s3://bucket/key").
// Iceberg metadata stores locations verbatim, so these helpers never rewrite
// more than the scheme.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace floe {

// "s3" for "s3://b/k", "file" for "file:/x", "" for a plain path.
std::string_view LocationScheme(std::string_view location);

// The local path a plain path or file: URI names: "file:///a/b" and
// "file:/a/b" -> "/a/b", "file://localhost/a" -> "/a". InvalidArgument for
// other schemes or remote hosts.
Result<std::string> LocalPathOf(std::string_view location);

// Joins a folder location and a relative name with exactly one '/'.
std::string JoinLocation(std::string_view base, std::string_view name);

}  // namespace floe
