// SqlLogicRecord / SqlLogicFile: a parsed sqllogictest file, one record per directive.
//
// Produced by ParseSqlLogicTest (sqllogic_parser.h), consumed by SqlLogicTestRunner. Loops are
// already unrolled: a record inside `loop i 0 3` appears three times, with the variable
// substituted and `loop_context` saying which iteration ("i=2").
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace floe::test {

enum class RecordKind : uint8_t {
  kStatementOk,     // statement ok: must succeed
  kStatementError,  // statement error: must fail (optionally with a message)
  kQuery,           // query <types> [sort] [label]: must return the expected rows
  kRequire,         // require <feature>: skip the rest of the file without it
  kModeSkip,        // mode skip: skip the records that follow ...
  kModeUnskip,      // ... until mode unskip
  kHalt,            // halt: stop the file here
};

enum class SortMode : uint8_t {
  kNoSort,     // rows must come in the expected order
  kRowSort,    // expected and actual rows are sorted before comparing
  kValueSort,  // all values are sorted individually before comparing
};

struct SqlLogicRecord {
  RecordKind kind = RecordKind::kStatementOk;
  // 1-based line of the directive in the file.
  int line = 0;
  // "i=2" (or "i=2, j=0") for a record unrolled from a loop; empty otherwise.
  std::string loop_context;
  // Engine names from `skipif <engine>` / `onlyif <engine>` lines before the record.
  std::vector<std::string> skip_if;
  std::vector<std::string> only_if;

  // Statements and queries.
  std::string sql;
  // statement error: the substring the error message must contain (lines after ----, joined
  // with '\n'); std::nullopt accepts any error.
  std::optional<std::string> expected_error;

  // Queries.
  std::string column_types;  // one letter per column: I integer, R real, T text, B bool, ...
  SortMode sort_mode = SortMode::kNoSort;
  std::string label;
  // Whether the query had a ---- line; without one it expects no rows, or the label's result.
  bool has_expected = false;
  std::vector<std::string> expected_lines;

  // require.
  std::string feature;
};

struct SqlLogicFile {
  std::string path;
  std::vector<SqlLogicRecord> records;
};

}  // namespace floe::test
