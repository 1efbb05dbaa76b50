// Canonical cell text: how every engine under test renders a value, so that results from Floe and
// from DuckDB (and the expected rows of a .test file) compare as plain strings.
//
// The rules are DuckDB's own VARCHAR text, pinned down where DuckDB leaves room:
//
//   NULL        no text (std::nullopt in a QueryResult); the sqllogictest runner shows "NULL"
//   BOOLEAN     true, false
//   integers    decimal digits at any width: -170141183460469231731687303715884105728
//   DECIMAL     exact, with exactly `scale` fractional digits: 1.50, -0.05, 12 (scale 0)
//   DOUBLE      the shortest digits that read back as the same double, laid out like Python's
//               repr(): for decimal exponent E in [-4, 16) fixed notation with at least one
//               fractional digit (1.0, 0.0001, 123.25, 1000000000000000.0), otherwise
//               d[.ddd]e±XX with at least two exponent digits (1e-05, 1.5e+16, 5e-324);
//               nan (every NaN), inf, -inf; -0.0 keeps its sign
//   FLOAT       the same, with the shortest digits that read back as the same 32-bit float
//               (0.1, not 0.10000000149011612)
//   VARCHAR     the string itself; "" stays "" (the runner shows it as "(empty)")
//   BLOB        printable ASCII as itself, other bytes as \xHH (upper-case hex)
//   DATE        YYYY-MM-DD, years past 9999 in full; year N BC as "000N-MM-DD (BC)"; infinity,
//               -infinity
//   TIME        HH:MM:SS[.ffffff] with trailing zeros of the fraction dropped
//   TIMESTAMP   "<date> <time>" with the same rules (BC: "0044-03-15 (BC) 01:02:03")
//   TIMESTAMPTZ the instant in UTC followed by "+00"
//   LIST        [e1, e2]      STRUCT  {'name': e}      MAP  {k=v, k2=v2}
//               a nested NULL is NULL; a nested scalar is quoted with '...' (a backslash put
//               before each ' and backslash) only when it is empty, is "null" in any letter
//               case, starts or ends with white space, or holds one of " ' ( ) , : = [ ] { };
//               nested lists, structs, maps are never quoted; struct field names always are.
//
// test/peers/duckdb_query.mjs applies the same rules to DuckDB's values; the DuckDB oracle's tests
// check both against DuckDB's own casts.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/int128.h"

namespace floe::test {

std::string CanonicalBool(bool value);
std::string CanonicalInteger(int128_t value);
std::string CanonicalUnsigned(uint128_t value);
// `unscaled` / 10^scale, for scale in [0, 38].
std::string CanonicalDecimal(int128_t unscaled, int scale);
std::string CanonicalDouble(double value);
std::string CanonicalFloat(float value);
std::string CanonicalBlob(std::string_view bytes);
// Days since 1970-01-01; INT32_MAX / -INT32_MAX are infinity / -infinity.
std::string CanonicalDate(int32_t days);
// Microseconds since midnight.
std::string CanonicalTime(int64_t micros);
// Microseconds since 1970-01-01 00:00:00; INT64_MAX / -INT64_MAX are infinity / -infinity.
std::string CanonicalTimestamp(int64_t micros);
// The same instant, in UTC with "+00".
std::string CanonicalTimestampTz(int64_t micros);

// What kind of value sits inside a list, struct or map (it decides quoting).
enum class NestedKind {
  kScalar,  // quoted when needed
  kNested,  // a list, struct or map: already rendered, never quoted
};

// One element of a list / struct / map: "NULL" for null, else `text` quoted when needed.
std::string NestedElement(const std::optional<std::string>& text, NestedKind kind);
// [e1, e2] from elements made by NestedElement.
std::string CanonicalList(const std::vector<std::string>& elements);
// {'name': e, ...} from (field name, element made by NestedElement).
std::string CanonicalStruct(const std::vector<std::pair<std::string, std::string>>& fields);
// {k=v, ...} from (key element, value element), both made by NestedElement.
std::string CanonicalMap(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace floe::test
