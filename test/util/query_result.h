// QueryResult: what a SQL engine under test returned for one statement, as text.
//
// Every engine adapter (DuckDB through the oracle, Floe later) fills it with canonical cell text
// (see test/util/canonical_value.h), so results from different engines compare with ==.
// Cells hold the value's own text: SQL NULL is std::nullopt and an empty string is "". The
// sqllogictest runner is what displays them as NULL and (empty).
//
// Thread-safety: a plain value.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace floe::test {

using QueryCell = std::optional<std::string>;
using QueryRow = std::vector<QueryCell>;

struct QueryResult {
  std::vector<std::string> column_names;
  // The engine's own type names ("INTEGER", "DECIMAL(10,2)", "VARCHAR[]"); informational only.
  std::vector<std::string> column_types;
  std::vector<QueryRow> rows;

  size_t column_count() const { return column_names.size(); }
  friend bool operator==(const QueryResult&, const QueryResult&) = default;
};

}  // namespace floe::test
