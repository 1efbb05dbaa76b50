// The JSON form of table metadata (spec Appendix C, "Table Metadata and
// Snapshots"): the metadata.json files of every table, and REST's
// TableMetadata.
//
// Reading takes what v1, v2 and v3 writers produce:
//   - v1: the deprecated `schema` and `partition-spec` (a bare field list)
//     when `schemas` / `partition-specs` are absent; `schemas` without
//     `current-schema-id` when `schema` says which is current; specs without
//     `default-spec-id` (the highest spec id, as iceberg-rust reads them);
//     missing `last-partition-id` (the highest partition field id), sort
//     orders (unsorted) and sequence numbers (0);
//   - an empty `partition-specs` with `default-spec-id` 0 (iceberg-rust's REST
//     responses) as the unpartitioned spec 0;
//   - `current-snapshot-id` -1 or null for "none"; a v3 document without
//     `next-row-id` (DuckDB writes some) reads as 0;
//   - members that are not part of the spec are ignored.
// v2 and v3 documents must have what the spec requires of them (`schemas`,
// `partition-specs`, `last-partition-id`, `sort-orders`, ...). Errors name
// the member: "iceberg: table metadata: missing required 'last-partition-id'
// (format v2)"; a format version above 3 is NotSupported.
//
// Writing produces the document of the metadata's own format version, in
// Java's member order: v1 also writes `schema` and `partition-spec` for old
// readers and no sequence numbers; v2 and v3 write what they require; v3
// writes `next-row-id` and a null `current-snapshot-id` for an empty table.
//
// Compressed files: metadata.json may be gzip-compressed (`.gz.metadata.json`,
// `.metadata.json.gz`); zstd frames are read too. ParseTableMetadata finds
// the compression from the bytes' magic, not the name.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/table_metadata.h"

namespace floe::iceberg {

// The largest metadata document ParseTableMetadata inflates by default.
inline constexpr size_t kMaxTableMetadataBytes = size_t{1} << 30;

Result<std::shared_ptr<const TableMetadata>> TableMetadataFromJson(const Json& json);
Result<Json> TableMetadataToJson(const TableMetadata& metadata);

// Serialized text; `indent` < 0 is compact.
Result<std::string> TableMetadataToJsonString(const TableMetadata& metadata, int indent = -1);

// The JSON text of a metadata file's bytes: inflated when they start with
// gzip's or zstd's magic (at most `max_bytes`; more is Corruption), else the
// bytes themselves.
Result<std::string> DecompressTableMetadata(std::string_view bytes,
                                            size_t max_bytes = kMaxTableMetadataBytes);

// A metadata file's bytes, compressed or not, to validated metadata.
Result<std::shared_ptr<const TableMetadata>> ParseTableMetadata(
    std::string_view bytes, size_t max_bytes = kMaxTableMetadataBytes);

}  // namespace floe::iceberg
