// ParseSqlLogicTest: reads a .test file in DuckDB's sqllogictest dialect into records.
//
// Records are separated by blank lines; '#' starts a comment line.
//
//   statement ok                  statement error            query II rowsort [label]
//   CREATE TABLE t(a INT)         SELECT * FROM missing      SELECT a, b FROM t
//                                 ----                       ----
//                                 does not exist             1<tab>NULL
//                                                            2<tab>(empty)
//
// - statement error: the lines after ---- form a substring the error message must contain.
// - query <types>: one letter per column (I integer, R real, T text, B bool; any upper-case
//   letter is accepted, only R changes how values compare), then an optional sort mode
//   (nosort, rowsort, valuesort) and an optional label. Expected rows follow ----, values
//   separated by tabs (or, as in classic sqllogictest, one value per line), up to a blank line.
//   NULL is written NULL and the empty string (empty).
// - skipif <engine> / onlyif <engine> on the line(s) before a record.
// - require <feature>, mode skip, mode unskip, halt.
// - loop <var> <from> <to> ... endloop (to exclusive) and foreach <var> <v1> <v2> ... endloop,
//   nestable; ${var} is substituted everywhere inside.
// Anything else (an unknown directive, a record without SQL, a REGEX error expectation) is a
// SyntaxError naming file:line, so a file can never silently test less than it says.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "sqllogictest/sqllogic_record.h"

namespace floe::test {

// Parses `text`; `path` is used in records and messages.
Result<SqlLogicFile> ParseSqlLogicTest(std::string_view path, std::string_view text);

// Reads and parses the file at `path`.
Result<SqlLogicFile> ParseSqlLogicTestFile(const std::string& path);

}  // namespace floe::test
