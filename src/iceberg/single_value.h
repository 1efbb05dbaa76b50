// Single-value serialization (spec Appendix D): one Value of an Iceberg type
// as bytes - the form of manifest lower/upper bounds - or as JSON - the form
// of default values in schemas (and later of REST expressions and partition
// statistics).
//
// Binary: booleans one byte; int, date 4 bytes and long, time, timestamps 8
// bytes little-endian; float/double IEEE 754 little-endian; string UTF-8;
// uuid 16 bytes big-endian; fixed/binary raw; decimal the unscaled value as
// minimum-length two's-complement big-endian. Reading follows the spec's
// promotion table for bounds written before a type promotion: a long from 4
// bytes was an int, a double from 4 bytes a float, a timestamp/timestamp_ns
// from 4 bytes a date; decimals of any length up to 16 bytes. Nested, unknown,
// variant and geospatial types are NotSupported.
//
// JSON: booleans and numbers as JSON literals; decimal a string with exactly
// `scale` fraction digits ("14.20"; reading also accepts an exponent whose
// resulting scale matches, as Java's BigDecimal); date/time/timestamps ISO-8601
// strings (temporal.h; zoned ones with "+00:00"); uuid lowercase
// 8-4-4-4-12; fixed/binary lowercase hex (read in either case); struct an
// object keyed by field id (NULL fields omitted, missing ones NULL); list an
// array; map {"keys": [...], "values": [...]}. JSON null is a NULL Value.
// NaN and infinities cannot be written (JSON has no literal for them).
//
// Values are of ToLogicalType(type) (type.h); a Value of another type is
// InvalidArgument.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

#include "common/int128.h"  // DecimalToString
#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/type.h"
#include "vector/value.h"

namespace floe::iceberg {

Result<std::string> SingleValueToBinary(const Type& type, const Value& value);
Result<Value> SingleValueFromBinary(const Type& type, std::string_view bytes);

Result<Json> SingleValueToJson(const Type& type, const Value& value);
Result<Value> SingleValueFromJson(const Type& type, const Json& json);

// The unscaled value of a decimal as minimum-length two's-complement
// big-endian bytes (1 to 16), as bounds and bucket hashing use it.
std::string DecimalToMinimalBytes(int128_t unscaled);

// Parses "14.20", "-1.5E+1", ".5", "7." into an unscaled value with the given
// scale: the text's own scale (fraction digits minus exponent) must equal
// `scale`, and it must have at most `precision` digits.
Result<int128_t> DecimalFromString(std::string_view text, int32_t precision, int32_t scale);

// "f79c3e09-677c-4bbd-a479-3f349cb785e7" <-> 16 bytes, big-endian.
std::string UuidToString(std::string_view bytes);
Result<std::string> UuidFromString(std::string_view text);

}  // namespace floe::iceberg
