// The Avro schemas of manifests and manifest lists: the `manifest_entry` and `manifest_file`
// structs of the spec ("Manifests", "Manifest Lists") in the Avro form of Appendix A, with the
// spec's field names and ids, as Floe writes them (format versions 2 and 3), and the pieces
// ManifestReader builds its reader schemas from.
//
// Appendix A forms: optional fields are ["null", T] with default null; maps with int keys are
// arrays of {key, value} records with logicalType "map" (records named k<key id>_v<value id>);
// lists carry "element-id"; date is int/date, time long/time-micros, timestamps
// long/timestamp-micros (or timestamp-nanos) with "adjust-to-utc"; decimals fixed of the
// minimum size for their precision with logicalType decimal; uuid fixed[16]/uuid. The `partition`
// struct (record r102) has one optional field per partition field, named after it (made a valid
// Avro name as needed) and carrying its field id.
//
// Field order follows Iceberg's Java writer, so that Floe's files look like everyone else's.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/type.h"

namespace floe::iceberg {

// The format versions Floe writes manifests and manifest lists in.
inline constexpr int kMinManifestWriteVersion = 2;
inline constexpr int kMaxManifestWriteVersion = 3;

// The writer schema of a manifest's entries in `format_version` (2 or 3) whose partition tuples
// are of `partition_type` (a struct of primitives; PartitionSpec::PartitionType). NotSupported
// for partition fields of types without an Avro form here (unknown, variant, geospatial).
Result<std::string> ManifestEntryAvroSchema(int format_version, const Type& partition_type);

// The writer schema of a manifest list in `format_version` (2 or 3).
Result<std::string> ManifestListAvroSchema(int format_version);

// `name` when it is a valid Avro name ([A-Za-z_][A-Za-z0-9_]*); otherwise each invalid character
// becomes "_x" and its byte in upper-case hex, and a leading digit gets a "_" in front - the
// rule Iceberg's Java implementation applies (it encodes UTF-16 units where Floe encodes bytes,
// so non-ASCII names differ; readers match fields by id, so a name only has to be valid).
std::string AvroCompatibleName(std::string_view name);

// The size of the Avro fixed that stores decimal(precision, *) values: the fewest bytes whose
// two's complement holds 10^precision - 1.
int32_t DecimalFixedSize(int32_t precision);

// Building blocks (JSON values of Avro schemas).
namespace avro_json {

// The Avro form of a primitive Iceberg type. Named types (fixed) are defined at their first use
// and referred to by name after that; `defined` tracks the names defined so far.
Result<Json> PrimitiveType(const Type& type, std::set<std::string>& defined);
// A required field: {"name", "type", "field-id"}.
Json Field(std::string_view name, Json type, int32_t field_id);
// An optional field: type ["null", type] with default null.
Json OptionalField(std::string_view name, Json type, int32_t field_id);
// An Iceberg map with non-string keys: an array of records k<key_id>_v<value_id> with
// logicalType "map".
Json MapArray(int32_t key_id, Json key_type, int32_t value_id, Json value_type);
// An Iceberg list.
Json List(int32_t element_id, Json element_type);

}  // namespace avro_json

}  // namespace floe::iceberg
