// Comparing a query's actual result with the rows a .test file expects.
//
// Display. A cell is shown as its canonical text (test/util/canonical_value.h), SQL NULL as
// "NULL" and the empty string as "(empty)"; a .test file writes expected values the same way.
//
// Layout. Expected values are tab-separated, one row per line; when the query has several
// columns and every line holds a single value, the lines are read as classic sqllogictest's one
// value per line, row after row.
//
// Sorting. rowsort sorts the rows of both sides (as tuples of displayed strings, byte order)
// before comparing; valuesort sorts all values of both sides individually.
//
// Equality. Values compare as exact strings, except in a column whose type letter is R (real):
// there two values that both parse as numbers (strtod, the whole string) are equal when
//   |actual - expected| <= 1e-6 * max(|actual|, |expected|)   or   |actual - expected| <= 1e-12,
// i.e. about six significant digits, so results may differ by summation order (parallel
// aggregation) and hand-written values may be rounded (0.3333333 for 1/3; write at least seven
// significant digits). nan equals nan, inf and -inf only themselves. With valuesort, the R rule
// applies when every column is R. I (integer), T (text), B (bool) and other letters are exact.
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqllogictest/sqllogic_record.h"
#include "util/query_result.h"

namespace floe::test {

inline constexpr double kRealRelativeTolerance = 1e-6;
inline constexpr double kRealAbsoluteTolerance = 1e-12;

// "NULL", "(empty)" or the cell's text.
std::string DisplayCell(const QueryCell& cell);

// Whether `actual` (displayed) matches `expected` in a column of type letter `type`.
bool CellMatches(std::string_view expected, std::string_view actual, char type);

// The rows of `result` as displayed text, tab-separated, one line per row, sorted as `sort_mode`
// says (valuesort: one value per line). This is what a label remembers.
std::vector<std::string> DisplayLines(const QueryResult& result, SortMode sort_mode);

// std::nullopt when `actual` is what `query` (its column types and sort mode) expects given
// `expected_lines`; otherwise a multi-line description of the first difference followed by the
// expected and the actual rows.
std::optional<std::string> CompareQueryResult(const SqlLogicRecord& query,
                                              const std::vector<std::string>& expected_lines,
                                              const QueryResult& actual);

}  // namespace floe::test
