#include "sqllogictest/result_comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <variant>

namespace floe::test {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr size_t kMaxListedRows = 100;

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> values;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    values.emplace_back(
        line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return values;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}

Rows ActualRows(const QueryResult& result) {
  Rows rows;
  rows.reserve(result.rows.size());
  for (const QueryRow& row : result.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const QueryCell& cell : row) cells.push_back(DisplayCell(cell));
    rows.push_back(std::move(cells));
  }
  return rows;
}

// Splits expected lines into rows of `columns` values; a message when they do not fit.
std::variant<Rows, std::string> ExpectedRows(const std::vector<std::string>& lines,
                                             size_t columns) {
  Rows rows;
  bool all_fit = true;
  bool all_single = true;
  for (const std::string& line : lines) {
    rows.push_back(SplitTabs(line));
    all_fit = all_fit && rows.back().size() == columns;
    all_single = all_single && rows.back().size() == 1;
  }
  if (all_fit) return rows;
  if (columns > 1 && all_single && lines.size() % columns == 0) {
    // Classic sqllogictest: one value per line.
    Rows grouped;
    for (size_t i = 0; i < lines.size(); i += columns) {
      grouped.emplace_back(lines.begin() + static_cast<std::ptrdiff_t>(i),
                           lines.begin() + static_cast<std::ptrdiff_t>(i + columns));
    }
    return grouped;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != columns) {
      return fmt::format(
          "expected row {} has {} tab-separated value(s) but the query declares {} column(s)",
          i + 1, rows[i].size(), columns);
    }
  }
  return fmt::format("cannot read the expected rows as {} column(s)", columns);
}

// Applies the sort mode; valuesort leaves one value per row.
Rows Sorted(Rows rows, SortMode mode) {
  if (mode == SortMode::kRowSort) {
    std::sort(rows.begin(), rows.end());
  } else if (mode == SortMode::kValueSort) {
    std::vector<std::string> values;
    for (auto& row : rows) {
      for (auto& value : row) values.push_back(std::move(value));
    }
    std::sort(values.begin(), values.end());
    rows.clear();
    for (auto& value : values) rows.push_back({std::move(value)});
  }
  return rows;
}

std::string JoinRow(const std::vector<std::string>& row) {
  return fmt::format("{}", fmt::join(row, "\t"));
}

std::string Listing(const char* what, const Rows& rows) {
  std::string out = fmt::format("{} ({} row{}):\n", what, rows.size(), rows.size() == 1 ? "" : "s");
  for (size_t i = 0; i < rows.size() && i < kMaxListedRows; ++i) {
    out += "  " + JoinRow(rows[i]) + "\n";
  }
  if (rows.size() > kMaxListedRows) {
    out += fmt::format("  ... {} more\n", rows.size() - kMaxListedRows);
  }
  return out;
}

}  // namespace

std::string DisplayCell(const QueryCell& cell) {
  if (!cell.has_value()) return "NULL";
  if (cell->empty()) return "(empty)";
  return *cell;
}

bool CellMatches(std::string_view expected, std::string_view actual, char type) {
  if (expected == actual) return true;
  if (type != 'R') return false;
  std::optional<double> e = ParseNumber(expected);
  std::optional<double> a = ParseNumber(actual);
  if (!e.has_value() || !a.has_value()) return false;
  if (std::isnan(*e) || std::isnan(*a)) return std::isnan(*e) && std::isnan(*a);
  if (std::isinf(*e) || std::isinf(*a)) return *e == *a;
  double diff = std::fabs(*a - *e);
  return diff <= kRealAbsoluteTolerance ||
         diff <= kRealRelativeTolerance * std::max(std::fabs(*a), std::fabs(*e));
}

std::vector<std::string> DisplayLines(const QueryResult& result, SortMode sort_mode) {
  std::vector<std::string> lines;
  for (const auto& row : Sorted(ActualRows(result), sort_mode)) lines.push_back(JoinRow(row));
  return lines;
}

std::optional<std::string> CompareQueryResult(const SqlLogicRecord& query,
                                              const std::vector<std::string>& expected_lines,
                                              const QueryResult& actual) {
  const std::string& types = query.column_types;
  const size_t columns = types.size();
  Rows actual_rows = Sorted(ActualRows(actual), query.sort_mode);
  if (actual.column_count() != columns) {
    return fmt::format("the query declares {} column(s) ({}) but the result has {}: {}\n{}",
                       columns, types, actual.column_count(), fmt::join(actual.column_names, ", "),
                       Listing("actual", actual_rows));
  }
  auto parsed = ExpectedRows(expected_lines, columns);
  if (auto* message = std::get_if<std::string>(&parsed)) {
    return *message + "\n" + Listing("actual", actual_rows);
  }
  Rows expected_rows = Sorted(std::get<Rows>(std::move(parsed)), query.sort_mode);

  auto describe = [&](const std::string& what) {
    return what + "\n" + Listing("expected", expected_rows) + Listing("actual", actual_rows);
  };
  if (expected_rows.size() != actual_rows.size()) {
    return describe(
        fmt::format("expected {} row(s), got {}", expected_rows.size(), actual_rows.size()));
  }
  const bool all_real = std::all_of(types.begin(), types.end(), [](char c) { return c == 'R'; });
  for (size_t r = 0; r < expected_rows.size(); ++r) {
    for (size_t c = 0; c < expected_rows[r].size(); ++c) {
      char type = query.sort_mode == SortMode::kValueSort ? (all_real ? 'R' : 'T') : types[c];
      if (!CellMatches(expected_rows[r][c], actual_rows[r][c], type)) {
        if (query.sort_mode == SortMode::kValueSort) {
          return describe(fmt::format("value {} (after valuesort): expected '{}', actual '{}'",
                                      r + 1, expected_rows[r][c], actual_rows[r][c]));
        }
        return describe(fmt::format("row {}, column {}: expected '{}', actual '{}'", r + 1, c + 1,
                                    expected_rows[r][c], actual_rows[r][c]));
      }
    }
  }
  return std::nullopt;
}

}  // namespace floe::test
