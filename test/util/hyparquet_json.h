// Hyparquet's JSON convention: the JSON that hyparquet (hyparam/hyparquet, an independent
// JavaScript Parquet reader) writes for a Parquet value, computed from the value Floe read, so
// that Floe's reads compare exactly with the `<name>.json` row files of the corpus
// (parquet-extra/hyparquet/files).
//
// Those files hold what hyparquet's own test asserts with
//   expect(JSON.parse(JSON.stringify(toJson(rows)))).toEqual(JSON.parse(<name>.json))
// where rows come from parquetRead() with its defaults (utf8 on, default parsers, geoparquet on).
// HyparquetConvention replays, for one Floe value, exactly what that pipeline does to the
// physical value in the file (src/convert.js, src/assemble.js, src/wkb.js, src/utils.js toJson at
// hyparquet commit f6f674a7):
//
//   annotation (checked in this order)  hyparquet value             JSON in the file
//   converted DECIMAL                   Number(unscaled)*10**-scale a double (V8's 10**-s, which
//                                                                   is not always the nearest
//                                                                   double: 10**-4 = 9.99..e-5)
//   INT96, no converted type            Date(nanos / 1e6, trunc)    ISO text "...T..:..:..sssZ"
//   converted DATE                      Date(days * 86400000)       ISO text
//   converted TIMESTAMP_MILLIS/MICROS   Date(ms) / Date(us/1000)    ISO text (us truncated to ms
//                                                                   toward zero, as BigInt /)
//   converted JSON                      JSON.parse(text)            the parsed JSON
//   converted BSON, INTERVAL            hyparquet throws            -> NotSupported here
//   logical GEOMETRY/GEOGRAPHY, or a    GeoJSON from the WKB        {"type": ..., "coordinates"}
//     GeoParquet "geo" WKB column
//   logical UUID                        8-4-4-4-12 lower-case hex   the text
//   converted UTF8, logical STRING, or  TextDecoder().decode()      the text (invalid UTF-8
//     any BYTE_ARRAY                                                becomes U+FFFD, BOM dropped)
//   UINT_64 / INTEGER(64, unsigned)     BigUint64 -> Number         integer (a double past 2^53)
//   UINT_32 / INTEGER(32, unsigned)     unsigned number             integer
//   logical FLOAT16                     the half as a Number        double; NaN -> null
//   logical TIMESTAMP(unit)             Date(trunc(v / unit))       ISO text
//   none of these                       INT32 number, INT64 BigInt  integer (a double past 2^53),
//                                       -> Number, FLOAT/DOUBLE,    float widened to double,
//                                       BOOLEAN, FIXED_LEN_BYTE_    NaN/Infinity -> null, -0 -> 0,
//                                       ARRAY Uint8Array            true/false, [byte, ...]
//   list                                array                       [..], NULL element -> null;
//                                                                   an empty list of a repeated
//                                                                   leaf (bare repeated primitive,
//                                                                   2-level LIST) -> null
//   struct                              object of field name        {..}; a NULL leaf field is
//                                                                   null, a NULL nested field
//                                                                   (struct/list/map) is undefined
//                                                                   and its key is omitted
//   map                                 object keyed String(key)    {"k": v}; later duplicate keys
//                                                                   win; NULL value -> null
//   NULL top-level value                null / undefined            null
//
// TIME columns have no conversion in hyparquet: TIME_MILLIS compares as milliseconds, TIME_MICROS
// as microseconds; TIME(NANOS), which Floe reads as microseconds, cannot be compared
// (NotSupported).
//
// Note what the convention cannot tell apart, and what the comparison therefore cannot check:
// integers beyond 2^53 only to double precision; NaN, +-Infinity and NULL of a float column (all
// null); -0 and 0; timestamps below the millisecond; decimals beyond double precision; binary
// bytes that are not UTF-8 (all U+FFFD); an empty 2-level list and a NULL one; map key order and
// the type of map keys. Everything else is compared exactly (CompareJsJson).
//
// Thread-safety: HyparquetConvention is immutable after construction; the free functions are
// stateless.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/type_mapping.h"
#include "vector/value.h"

namespace floe::test {

// Every row Floe reads from a Parquet file, with the type mapping of each projected column.
struct ParquetRows {
  std::shared_ptr<const parquet::ParquetFileMetadata> metadata;
  std::vector<parquet::ParquetField> fields;  // the projected columns, in order
  std::vector<parquet::MappedNode> nodes;     // one per field
  std::vector<std::vector<Value>> rows;       // one Value per field
};

Result<ParquetRows> ReadParquetRows(const std::string& path,
                                    parquet::ParquetReaderOptions options = {});

class HyparquetConvention {
 public:
  explicit HyparquetConvention(const parquet::ParquetFileMetadata& metadata);

  // What hyparquet's pipeline leaves in the JSON for `value`, read through `node`; nullopt for
  // `undefined` (an omitted key inside an object, null elsewhere). NotSupported when hyparquet
  // cannot read the value (it throws) or when Floe's value does not keep enough of the physical
  // value to replay hyparquet's conversion (the message says which).
  Result<std::optional<nlohmann::json>> ToJson(const parquet::MappedNode& node,
                                               const Value& value) const;

  // Whether hyparquet's markGeoColumns() reads node `node_index` as GeoParquet WKB.
  bool IsGeoColumn(int32_t node_index) const;

 private:
  Result<nlohmann::json> LeafToJson(const parquet::MappedNode& node, const Value& value) const;

  const parquet::ParquetFileMetadata& metadata_;
  // Node indexes hyparquet's markGeoColumns() marks as GEOMETRY or GEOGRAPHY.
  std::vector<int32_t> geo_columns_;
};

// "" when `actual` equals `expected` as JavaScript sees two JSON texts after JSON.parse: numbers
// are compared as integers where both are integers of magnitude <= 2^53, otherwise as doubles
// (so -0 equals 0); strings, booleans and null exactly; arrays in order; objects by key set.
// Otherwise the first difference, naming its place below `path`.
std::string CompareJsJson(const nlohmann::json& actual, const nlohmann::json& expected,
                          const std::string& path);

// ---- The JavaScript behaviours the convention depends on (exposed for their own tests). ----

// V8's `10 ** -scale` for scale in [0, 38].
double V8PowTenNegative(int scale);
// Date.prototype.toISOString() of `millis` since the epoch; nullopt where JavaScript throws
// (|millis| > 8.64e15).
std::optional<std::string> JsIsoString(int64_t millis);
// new TextDecoder().decode(bytes): WHATWG UTF-8 decode with replacement, leading BOM dropped.
std::string WhatwgUtf8Decode(std::string_view bytes);
// String(number) for a finite double, as ECMAScript Number::toString(10) writes it.
std::string JsNumberToString(double value);

}  // namespace floe::test
