// ParquetReader against the known answers in parquet-extra/duckdb/expected.jsonl: DuckDB's own
// sqllogictest assertions on its Parquet test files, with their rows as DuckDB's tests print
// them. No DuckDB runs here; the answers are fixed text.
//
// Floe's reader answers, without a SQL engine, the queries that only scan one file:
//   [SELECT <*|col, ...>] FROM <{file} | read_parquet({file}[, opts]) | parquet_scan({file}[,
//   opts])> [LIMIT n] [OFFSET n]
// with no WHERE, ORDER BY, GROUP BY, expression or metadata function. Rows of such a query come
// in file order (the answers are "as given", except "rowsort" ones, sorted on both sides).
// Understood: the options binary_as_string (an un-annotated BYTE_ARRAY prints as text),
// utf8_validation and encryption_config (the corpus has no keys: Floe must refuse), and settings
// that do not change a scan's values (metadata cache, prefetching, serializer checks, TimeZone
// UTC). A query with any other option or setting is not checked.
//
// A cell matches when Floe's value, in canonical text (test/util/canonical_value.h: DuckDB's
// VARCHAR cast), equals the answer, with what this answer file does on top:
//   - a NUL byte in a VARCHAR is written \0; a TIME adjusted to UTC is DuckDB's TIMETZ ("+00");
//   - utf8_validation='replace' turns each byte that is not valid UTF-8 into '?'; with 'ignore'
//     the answers (JSON) lost those bytes, so they are left out;
//   - DuckDB's runner compares a scalar cell by value after casting the answer to the column's
//     type, and the tests rely on it: "0.1" for a DECIMAL(3,2) 0.10, "24.0" for INTEGER 24, "1"
//     for true. Here integers and decimals must then be exactly equal, a boolean must be 1/0, and
//     a FLOAT/DOUBLE must print as the answer when rounded to the answer's decimals;
//   - nested values compare as text only, and older tests print their DOUBLEs with six decimals
//     ("[3105.735731]"): a nested cell also matches when it equals Floe's value printed that way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "io/local_file_io.h"
#include "util/canonical_floe_value.h"
#include "util/canonical_value.h"
#include "util/corpus.h"
#include "util/hyparquet_json.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using nlohmann::json;
using Cells = std::vector<std::optional<std::string>>;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A plain scan, parsed from the query text.
struct Scan {
  std::vector<std::string> columns;  // empty: *
  std::optional<int64_t> limit, offset;
  bool binary_as_string = false;
  std::string utf8_validation;  // "", "ignore", "replace"
  bool needs_key = false;       // the file is encrypted; the corpus has no keys
};

// The plain scan `query` is, or why it is not one.
Result<Scan> ParseScan(const json& answer) {
  static const std::string ident = R"((?:"[^"]+"|[A-Za-z_][A-Za-z0-9_]*))";
  static const std::regex scan(
      R"(^\s*(?:select\s+(\*|)" + ident + R"((?:\s*,\s*)" + ident +
          R"()*)\s+)?from\s+(?:\{file\}|(?:read_parquet|parquet_scan)\(\s*\{file\}\s*(?:,\s*([^()]*))?\))\s*(?:limit\s+(\d+))?\s*(?:offset\s+(\d+))?\s*;?\s*$)",
      std::regex::icase | std::regex::ECMAScript);
  const std::string query = answer["query"];
  std::smatch m;
  if (!std::regex_match(query, m, scan)) return Status::NotSupported("not a plain scan");
  if (answer.contains("reads_files")) return Status::NotSupported("a glob");
  Scan s;
  if (m[1].matched && m[1].str() != "*") {
    static const std::regex one(ident);
    const std::string list = m[1].str();
    for (auto it = std::sregex_iterator(list.begin(), list.end(), one);
         it != std::sregex_iterator(); ++it) {
      std::string name = it->str();
      if (name.front() == '"') name = name.substr(1, name.size() - 2);
      s.columns.push_back(name);
    }
  }
  if (m[3].matched) s.limit = std::stoll(m[3].str());
  if (m[4].matched) s.offset = std::stoll(m[4].str());
  // Settings first, then the call's own options.
  const json settings = answer.value("settings", json::object());
  for (const auto& [key, value] : settings.items()) {
    if (!value.is_string()) return Status::NotSupported("setting {}", key);
    const std::string v = Lower(value.get<std::string>());
    if (key == "binary_as_string") {
      s.binary_as_string = v == "true" || v == "1";
    } else if (key == "timezone" && v != "utc") {
      return Status::NotSupported("time zone {}", v);
    } else if (key != "parquet_metadata_cache" && key != "disable_parquet_prefetching" &&
               key != "debug_verify_serializer" && key != "binary_as_sting" && key != "timezone") {
      return Status::NotSupported("setting {}", key);
    }
  }
  if (m[2].matched) {
    static const std::regex option(R"(\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^,]*?)\s*(?:,|$))");
    const std::string opts = m[2].str();
    for (auto it = std::sregex_iterator(opts.begin(), opts.end(), option);
         it != std::sregex_iterator(); ++it) {
      const std::string key = Lower((*it)[1].str());
      std::string value = Lower((*it)[2].str());
      if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
      if (key == "binary_as_string") {
        s.binary_as_string = value == "true" || value == "1";
      } else if (key == "utf8_validation") {
        s.utf8_validation = value;
      } else if (key == "encryption_config") {
        s.needs_key = true;
      } else {
        return Status::NotSupported("option {}", key);
      }
    }
  }
  return s;
}

// Every byte that is not part of valid UTF-8 becomes `replacement` (DuckDB's
// utf8_validation='replace' writes '?').
std::string ReplaceInvalidUtf8(const std::string& s, std::string_view replacement) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + static_cast<size_t>(n) <= s.size();
    for (int k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n > 1) {
      // Reject overlong forms and surrogates / values past U+10FFFF, as a validator does.
      const std::string valid = test::WhatwgUtf8Decode(s.substr(i, n));
      ok = valid == s.substr(i, n);
    }
    if (ok) {
      out.append(s, i, static_cast<size_t>(n));
      i += static_cast<size_t>(n);
    } else {
      out.append(replacement);
      ++i;
    }
  }
  return out;
}

// How DOUBLE and FLOAT values print inside a nested value: DuckDB's VARCHAR today, or "%.6f" as
// older DuckDB printed them (answers in older test files; DuckDB's runner compares nested values
// as text only).
enum class FloatStyle { kShortest, kSixDecimals };

struct RenderOptions {
  const ParquetSchema* schema;
  const Scan* scan;
  FloatStyle floats;
};

std::optional<std::string> Render(const Value& v, const MappedNode& node, const RenderOptions& o) {
  if (v.is_null()) return std::nullopt;
  const TypeId id = v.type().id();
  auto element = [&](const Value& e, const MappedNode& n) {
    return test::NestedElement(Render(e, n, o), e.type().IsNested() ? test::NestedKind::kNested
                                                                    : test::NestedKind::kScalar);
  };
  switch (id) {
    case TypeId::kList: {
      std::vector<std::string> elements;
      for (const Value& e : v.children()) elements.push_back(element(e, node.children[0]));
      return test::CanonicalList(elements);
    }
    case TypeId::kStruct: {
      std::vector<std::pair<std::string, std::string>> fields;
      for (size_t i = 0; i < v.children().size(); ++i) {
        fields.emplace_back(v.type().children()[i].name,
                            element(v.children()[i], node.children[i]));
      }
      return test::CanonicalStruct(fields);
    }
    case TypeId::kMap: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (const Value& kv : v.children()) {
        entries.emplace_back(element(kv.children()[0], node.children[0]),
                             element(kv.children()[1], node.children[1]));
      }
      return test::CanonicalMap(entries);
    }
    case TypeId::kBinary:
      if (o.scan->binary_as_string) return v.GetString();
      break;
    case TypeId::kString: {
      std::string s = v.GetString();
      if (o.scan->utf8_validation == "replace") s = ReplaceInvalidUtf8(s, "?");
      // With 'ignore' DuckDB returns the bytes as they are; the answer file, being JSON, could not
      // hold the invalid ones and lost them, so they are left out here too.
      if (o.scan->utf8_validation == "ignore") s = ReplaceInvalidUtf8(s, "");
      std::string out;
      for (char c : s) {
        if (c == '\0') {
          out += "\\0";
        } else {
          out.push_back(c);
        }
      }
      return out;
    }
    case TypeId::kTime: {
      const SchemaNode& leaf = o.schema->node(node.node_index);
      std::string text = *test::CanonicalCell(v);
      if (leaf.logical_type && leaf.logical_type->__isset.TIME &&
          leaf.logical_type->TIME.isAdjustedToUTC) {
        text += "+00";  // DuckDB reads it as TIMETZ
      }
      return text;
    }
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (o.floats == FloatStyle::kSixDecimals) {
        double d = id == TypeId::kFloat ? v.GetFloat() : v.GetDouble();
        if (std::isfinite(d)) return fmt::format("{:.6f}", d);
      }
      break;
    default:
      break;
  }
  return test::CanonicalCell(v);
}

// An exact decimal number "-12.50" as (digits, scale); nullopt for anything else.
std::optional<std::pair<int128_t, int>> ParseDecimalText(const std::string& s) {
  static const std::regex number(R"(^(-?)(\d+)(?:\.(\d+))?$)");
  std::smatch m;
  if (!std::regex_match(s, m, number) || m[2].length() + m[3].length() > 36) return std::nullopt;
  int128_t digits = 0;
  for (char c : m[2].str() + m[3].str()) digits = digits * 10 + (c - '0');
  return std::make_pair(m[1].length() ? -digits : digits, static_cast<int>(m[3].length()));
}

// DuckDB's runner compares a numeric column by value when the texts differ ("0.1" passes for a
// DECIMAL(3,2) that prints 0.10, "24.0" for INTEGER 24). Here: integers and decimals must be equal
// exactly; a FLOAT/DOUBLE must print as the answer when rounded to the answer's decimals.
bool NumericallyEqual(const Value& v, const std::string& answer) {
  auto parsed = ParseDecimalText(answer);
  if (!parsed.has_value()) return false;
  auto [digits, scale] = *parsed;
  switch (v.type().id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDecimal: {
      int128_t unscaled = v.type().id() == TypeId::kDecimal ? v.GetDecimal() : v.GetInt64();
      const int floe_scale = v.type().id() == TypeId::kDecimal ? v.type().scale() : 0;
      // Bring both to the larger scale.
      const int common = std::max(scale, floe_scale);
      int128_t a, b;
      if (common > 38 || __builtin_mul_overflow(unscaled, Pow10Int128(common - floe_scale), &a) ||
          __builtin_mul_overflow(digits, Pow10Int128(common - scale), &b)) {
        return false;
      }
      return a == b;
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      const double d = v.type().id() == TypeId::kFloat ? v.GetFloat() : v.GetDouble();
      return fmt::format("{:.{}f}", d, scale) == answer;
    }
    default:
      return false;
  }
}

struct Outcome {
  std::string skipped;  // why the query is not a plain scan
  std::string floe_error;
  std::string mismatch;
  int numeric_cells = 0;      // equal by value, not by text
  int six_decimal_cells = 0;  // nested values equal with doubles printed "%.6f"
};

Outcome Check(const json& answer) {
  Outcome o;
  auto scan = ParseScan(answer);
  if (!scan.has_value()) {
    o.skipped = scan.error().message();
    return o;
  }
  const std::string path = *test::CorpusRoot() + "/" + answer["file"].get<std::string>();
  ParquetReaderOptions options;
  if (!scan->columns.empty()) {
    // DuckDB binds names case-insensitively.
    LocalFileIO io;
    std::vector<std::string> all;
    {
      auto file = io.OpenRead(path);
      auto footer = file.has_value()
                        ? ReadParquetFooter(**file)
                        : Result<std::shared_ptr<const ParquetFileMetadata>>(file.error());
      if (!footer.has_value()) {
        o.floe_error = footer.error().ToString();
        return o;
      }
      const ParquetSchema& schema = (*footer)->schema();
      for (int32_t child : schema.root().children) all.push_back(schema.node(child).name);
    }
    std::vector<std::string> names;
    for (const std::string& want : scan->columns) {
      std::string found = want;
      for (const std::string& n : all) {
        if (Lower(n) == Lower(want)) found = n;
      }
      names.push_back(found);
    }
    options.column_names = names;
  }
  auto rows = test::ReadParquetRows(path, options);
  if (!rows.has_value()) {
    o.floe_error = rows.error().ToString();
    return o;
  }
  if (scan->needs_key) {
    o.mismatch = "Floe read an encrypted file without its key";
    return o;
  }
  std::vector<std::vector<Value>> got;
  const size_t begin = static_cast<size_t>(
      std::min<int64_t>(scan->offset.value_or(0), static_cast<int64_t>(rows->rows.size())));
  size_t end = rows->rows.size();
  if (scan->limit) end = std::min(end, begin + static_cast<size_t>(*scan->limit));
  for (size_t r = begin; r < end; ++r) {
    got.push_back(rows->rows[r]);
  }
  std::vector<Cells> want;
  for (const json& row : answer["rows"]) {
    Cells cells;
    for (const json& cell : row) {
      cells.push_back(cell.is_null() ? std::nullopt
                                     : std::optional<std::string>(cell.get<std::string>()));
    }
    want.push_back(std::move(cells));
  }
  const RenderOptions shortest{&rows->metadata->schema(), &*scan, FloatStyle::kShortest};
  const RenderOptions six{&rows->metadata->schema(), &*scan, FloatStyle::kSixDecimals};
  auto text = [&](const std::vector<Value>& row) {
    Cells cells;
    for (size_t c = 0; c < row.size(); ++c)
      cells.push_back(Render(row[c], rows->nodes[c], shortest));
    return cells;
  };
  if (answer["sort"] == "rowsort") {
    std::sort(got.begin(), got.end(),
              [&](const auto& a, const auto& b) { return text(a) < text(b); });
    std::sort(want.begin(), want.end());
  }
  if (got.size() != want.size()) {
    o.mismatch = fmt::format("{} rows, the answer has {}", got.size(), want.size());
    return o;
  }
  for (size_t r = 0; r < got.size(); ++r) {
    if (got[r].size() != want[r].size()) {
      o.mismatch =
          fmt::format("row {}: {} columns, the answer has {}", r, got[r].size(), want[r].size());
      return o;
    }
    for (size_t c = 0; c < got[r].size(); ++c) {
      const Value& v = got[r][c];
      const std::optional<std::string> mine = Render(v, rows->nodes[c], shortest);
      if (mine == want[r][c]) continue;
      if (!v.is_null() && want[r][c].has_value()) {
        // DuckDB's runner casts the answer to the column's type: "1" is true.
        if (v.type().id() == TypeId::kBoolean && *want[r][c] == (v.GetBool() ? "1" : "0")) {
          ++o.numeric_cells;
          continue;
        }
        if (v.type().IsNested() && Render(v, rows->nodes[c], six) == want[r][c]) {
          ++o.six_decimal_cells;
          continue;
        }
        if (!v.type().IsNested() && NumericallyEqual(v, *want[r][c])) {
          ++o.numeric_cells;
          continue;
        }
      }
      o.mismatch = fmt::format("row {} column {}: floe {}, answer {}", r, c, mine.value_or("NULL"),
                               want[r][c].value_or("NULL"));
      return o;
    }
  }
  return o;
}

// Why Floe may fail on a plain scan DuckDB answered: text the error must contain.
struct ExpectedError {
  std::string file_contains;  // in the answer's "file"
  std::string error_contains;
  std::string why;
};

const std::vector<ExpectedError> kExpectedErrors = {
    {"variant", "VARIANT is not supported",
     "Floe does not read Variant yet (formats/parquet/type_mapping.h)"},
    {"bigdecimal.parquet", "DECIMAL precision 77 exceeds the maximum of 38",
     "Floe's decimals, like Iceberg's, have at most 38 digits; DuckDB reads DECIMAL(77) as DOUBLE"},
    {"encryption/", "encrypt",
     "encrypted file whose key the corpus does not hold (DuckDB's answer used its test key)"},
};

TEST(ParquetDuckDbAnswersTest, PlainScansMatchTheAnswers) {
  FLOE_REQUIRE_CORPUS();
  std::ifstream in(*test::CorpusRoot() + "/parquet-extra/duckdb/expected.jsonl");
  ASSERT_TRUE(in.good());
  int total = 0, checkable = 0, matched = 0, numeric = 0, six = 0;
  std::map<std::string, int> excepted;  // why -> count
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json answer = json::parse(line, nullptr, false);
    ASSERT_FALSE(answer.is_discarded()) << line;
    ++total;
    Outcome o = Check(answer);
    if (!o.skipped.empty()) continue;
    ++checkable;
    const std::string file = answer["file"].get<std::string>();
    const std::string what =
        file + " [" + answer["query"].get<std::string>() + "] (" + answer.value("origin", "") + ")";
    if (o.floe_error.empty() && o.mismatch.empty()) {
      ++matched;
      numeric += o.numeric_cells;
      six += o.six_decimal_cells;
      continue;
    }
    bool justified = false;
    for (const ExpectedError& e : kExpectedErrors) {
      if (file.find(e.file_contains) != std::string::npos &&
          Lower(o.floe_error).find(Lower(e.error_contains)) != std::string::npos) {
        ++excepted[e.why];
        justified = true;
      }
    }
    if (!justified) {
      ADD_FAILURE() << what << ": " << (o.floe_error.empty() ? o.mismatch : o.floe_error);
    }
  }
  int excepted_total = 0;
  for (const auto& [why, n] : excepted) {
    std::cout << "  " << n << " x " << why << "\n";
    excepted_total += n;
  }
  std::cout << "duckdb expected.jsonl: " << total << " queries, " << checkable
            << " plain scans checked, " << matched << " matched (" << numeric
            << " cells equal by value, " << six << " nested cells with 6-decimal doubles), "
            << excepted_total << " justified exceptions\n";
  EXPECT_EQ(total, 293);
  EXPECT_EQ(checkable, 147);
  EXPECT_EQ(matched + excepted_total, checkable);
}

// The comparison can fail: answers changed by one digit, one row, or one NULL are caught.
TEST(ParquetDuckDbAnswersTest, ChangedAnswersAreCaught) {
  FLOE_REQUIRE_CORPUS();
  const json dbp = json::parse(
      R"({"file": "parquet-extra/duckdb/data/parquet-testing/dbp_small_decimal.parquet",
          "query": "select * from {file} ;", "rows": [["1", "10.0", "diez"], ["2", "20.0", "vente"]],
          "sort": "as given"})");
  EXPECT_EQ(Check(dbp).mismatch, "");
  json changed = dbp;
  changed["rows"][1][1] = "20.1";
  EXPECT_EQ(Check(changed).mismatch, "row 1 column 1: floe 20.0, answer 20.1");
  changed = dbp;
  changed["rows"][0][2] = nullptr;
  EXPECT_EQ(Check(changed).mismatch, "row 0 column 2: floe diez, answer NULL");
  changed = dbp;
  changed["rows"].erase(1);
  EXPECT_EQ(Check(changed).mismatch, "2 rows, the answer has 1");
  changed = dbp;
  changed["query"] = "select * from {file} limit 1";
  EXPECT_EQ(Check(changed).mismatch, "1 rows, the answer has 2");
  changed["query"] = "select * from {file} where 1 = 1";
  EXPECT_EQ(Check(changed).skipped, "not a plain scan");
}

}  // namespace
}  // namespace floe::parquet
