// ParquetReader against the expected contents that come with parquet-testing and the other
// sources, independent of DuckDB:
//
//   - parquet-testing/data/*_expect.csv: all values of the DELTA-encoded file of the same name;
//   - parquet-extra/duckdb/data/parquet-testing/{p2,p2strings}.csv: the rows of p2*.parquet;
//   - the contents that apache/parquet-testing documents for its files in data/README.md and
//     data/*.md (at commit 1a2a751, the commit the corpus holds; those documents are not in the
//     corpus, so the facts are transcribed here with their source);
//   - data/geospatial/*.parquet: the `wkt` column is the text form of the `geometry` column
//     (data/geospatial/README.md);
//   - parquet-extra/iceberg-java-encodings: every encoding decodes to the PLAIN file's values.
//
// CSV conventions. parquet-testing's files have a header row; an unquoted empty field is NULL,
// every other field is the value's text. Header names are compared trimmed (" c_customer_id" in
// two headers has a stray leading space) and without the ':' Spark appended to the names of
// delta_encoding_required_column.parquet. DuckDB's p2*.csv have no header and write NULL
// as "" (a quoted empty field). A value's text is decimal digits for integers and the bytes
// themselves for strings; both compare exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "formats/parquet/parquet_reader.h"
#include "util/canonical_floe_value.h"
#include "util/corpus.h"
#include "util/hyparquet_json.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;
using test::ParquetRows;

std::string Root() { return *test::CorpusRoot(); }
std::string TestingData() { return Root() + "/parquet-testing/data"; }

// ---------------------------------------------------------------------------------------------
// CSV

struct CsvCell {
  std::string text;
  bool quoted = false;
};
using CsvRow = std::vector<CsvCell>;

// RFC 4180: ',' between fields, '"' quotes with "" for a quote, CRLF or LF between records.
Result<std::vector<CsvRow>> ReadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open {}", path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  std::vector<CsvRow> rows;
  CsvRow row;
  CsvCell cell;
  size_t i = 0;
  bool at_field_start = true;
  while (i < data.size()) {
    char c = data[i];
    if (at_field_start && c == '"') {
      cell.quoted = true;
      ++i;
      while (true) {
        if (i >= data.size()) return Status::InvalidArgument("{}: unterminated quote", path);
        if (data[i] == '"') {
          if (i + 1 < data.size() && data[i + 1] == '"') {
            cell.text.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.text.push_back(data[i++]);
      }
      at_field_start = false;
      continue;
    }
    if (c == ',') {
      row.push_back(std::move(cell));
      cell = CsvCell();
      at_field_start = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      row.push_back(std::move(cell));
      cell = CsvCell();
      rows.push_back(std::move(row));
      row.clear();
      at_field_start = true;
      i += (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (!at_field_start && cell.quoted) {
      return Status::InvalidArgument("{}: text after a closing quote", path);
    }
    cell.text.push_back(c);
    at_field_start = false;
    ++i;
  }
  if (!at_field_start || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

enum class CsvNull { kUnquotedEmpty, kQuotedEmpty };

// Compares every value of `parquet` with `csv` (one row per Parquet row); "" when equal.
std::string CompareWithCsv(const std::string& parquet, const std::string& csv, bool header,
                           CsvNull null_is, int* rows_out) {
  auto rows = test::ReadParquetRows(parquet);
  if (!rows.has_value()) return "floe: " + rows.error().ToString();
  auto expected = ReadCsv(csv);
  if (!expected.has_value()) return expected.error().ToString();
  *rows_out = static_cast<int>(rows->rows.size());
  size_t first = 0;
  if (header) {
    const CsvRow& names = (*expected)[0];
    if (names.size() != rows->fields.size()) {
      return fmt::format("{} columns in the CSV header, {} in the file", names.size(),
                         rows->fields.size());
    }
    for (size_t c = 0; c < names.size(); ++c) {
      // Spark named delta_encoding_required_column's columns "c_customer_sk:" (its .md shows
      // the colons); its CSV leaves them out.
      const std::string name = Trim(names[c].text);
      if (name != rows->fields[c].name && name + ":" != rows->fields[c].name) {
        return fmt::format("column {}: CSV '{}', file '{}'", c, names[c].text,
                           rows->fields[c].name);
      }
    }
    first = 1;
  }
  if (expected->size() - first != rows->rows.size()) {
    return fmt::format("{} rows, the CSV has {}", rows->rows.size(), expected->size() - first);
  }
  for (size_t r = 0; r < rows->rows.size(); ++r) {
    const CsvRow& want = (*expected)[first + r];
    if (want.size() != rows->fields.size())
      return fmt::format("CSV row {}: {} fields", r, want.size());
    for (size_t c = 0; c < want.size(); ++c) {
      const bool want_null =
          want[c].text.empty() && want[c].quoted == (null_is == CsvNull::kQuotedEmpty);
      const Value& got = rows->rows[r][c];
      const TypeId id = got.type().id();
      if (id != TypeId::kInt32 && id != TypeId::kInt64 && id != TypeId::kString) {
        return fmt::format("column '{}' is {}: not an integer or string column",
                           rows->fields[c].name, got.type().ToString());
      }
      test::QueryCell text = test::CanonicalCell(got);
      const bool equal = want_null ? !text.has_value() : text == want[c].text;
      if (!equal) {
        return fmt::format("row {} column '{}': floe {}, CSV {}", r, rows->fields[c].name,
                           text.value_or("NULL"), want_null ? "NULL" : "'" + want[c].text + "'");
      }
    }
  }
  return "";
}

TEST(ParquetTestingExpectedTest, ReadsCsvLikeRfc4180) {
  std::string path = (fs::temp_directory_path() / "floe_expected_csv_test.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,\"b\"\r\n1,\"x,\"\"y\"\"\"\n,\"\"\n";
  }
  ASSERT_OK_AND_ASSIGN(auto rows, ReadCsv(path));
  fs::remove(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1].text, "x,\"y\"");
  EXPECT_TRUE(rows[1][1].quoted);
  EXPECT_EQ(rows[2][0].text, "");
  EXPECT_FALSE(rows[2][0].quoted);
  EXPECT_TRUE(rows[2][1].quoted);
}

TEST(ParquetTestingExpectedTest, FilesMatchTheirCsv) {
  FLOE_REQUIRE_CORPUS();
  struct CsvCase {
    std::string parquet, csv;
    bool header;
    CsvNull null_is;
    int rows;
  };
  const std::string duck = Root() + "/parquet-extra/duckdb/data/parquet-testing/";
  const std::vector<CsvCase> cases = {
      {TestingData() + "/delta_binary_packed.parquet",
       TestingData() + "/delta_binary_packed_expect.csv", true, CsvNull::kUnquotedEmpty, 200},
      {TestingData() + "/delta_byte_array.parquet", TestingData() + "/delta_byte_array_expect.csv",
       true, CsvNull::kUnquotedEmpty, 1000},
      {TestingData() + "/delta_encoding_optional_column.parquet",
       TestingData() + "/delta_encoding_optional_column_expect.csv", true, CsvNull::kUnquotedEmpty,
       100},
      {TestingData() + "/delta_encoding_required_column.parquet",
       TestingData() + "/delta_encoding_required_column_expect.csv", true, CsvNull::kUnquotedEmpty,
       100},
      {duck + "p2.parquet", duck + "p2.csv", false, CsvNull::kQuotedEmpty, 4979},
      {duck + "p2strings.parquet", duck + "p2strings.csv", false, CsvNull::kQuotedEmpty, 4979},
  };
  int matched = 0;
  for (const CsvCase& c : cases) {
    int rows = 0;
    std::string diff = CompareWithCsv(c.parquet, c.csv, c.header, c.null_is, &rows);
    EXPECT_EQ(diff, "") << c.parquet;
    EXPECT_EQ(rows, c.rows) << c.parquet;
    if (diff.empty()) ++matched;
  }
  // And it can fail: the same comparison against another file's CSV reports the first value.
  int rows = 0;
  EXPECT_EQ(CompareWithCsv(duck + "p2strings.parquet", duck + "p2.csv", false,
                           CsvNull::kQuotedEmpty, &rows),
            "CSV row 0: 3 fields");
  EXPECT_EQ(CompareWithCsv(TestingData() + "/delta_encoding_required_column.parquet",
                           TestingData() + "/delta_encoding_optional_column_expect.csv", true,
                           CsvNull::kUnquotedEmpty, &rows),
            "row 0 column 'c_customer_sk:': floe 105, CSV '100'");
  std::cout << "expected CSV files: " << cases.size() << " files checked, " << matched
            << " matched, 0 exceptions\n";
}

// ---------------------------------------------------------------------------------------------
// Contents documented by apache/parquet-testing (data/README.md and data/*.md at 1a2a751).

using Diffs = std::vector<std::string>;

void Expect(Diffs& d, bool ok, const std::string& what) {
  if (!ok) d.push_back(what);
}

// "NULL", "nan", "-0", or the value's text.
std::string FloatText(const Value& v) {
  if (v.is_null()) return "NULL";
  double x = v.type().id() == TypeId::kFloat ? v.GetFloat() : v.GetDouble();
  if (std::isnan(x)) return "nan";
  if (x == 0 && std::signbit(x)) return "-0";
  return fmt::format("{}", x);
}

Diffs ColumnTexts(const ParquetRows& rows, size_t column, const std::vector<std::string>& want,
                  const std::function<std::string(const Value&)>& text) {
  Diffs d;
  if (rows.rows.size() != want.size()) {
    d.push_back(fmt::format("{} rows, documented {}", rows.rows.size(), want.size()));
    return d;
  }
  for (size_t r = 0; r < want.size(); ++r) {
    std::string got = text(rows.rows[r][column]);
    Expect(d, got == want[r], fmt::format("row {}: floe {}, documented {}", r, got, want[r]));
  }
  return d;
}

std::string ValueText(const Value& v) { return v.ToString(); }

Diffs TypesAre(const ParquetRows& rows, const std::vector<std::string>& names_and_types) {
  Diffs d;
  std::vector<std::string> got;
  for (const auto& f : rows.fields) got.push_back(f.name + ": " + f.type.ToString());
  Expect(d, got == names_and_types,
         fmt::format("columns [{}], documented [{}]", fmt::join(got, ", "),
                     fmt::join(names_and_types, ", ")));
  return d;
}

void Append(Diffs& to, const Diffs& from) { to.insert(to.end(), from.begin(), from.end()); }

// The big-endian int of a fixed[4] value.
int64_t Be32(const Value& v) {
  const std::string& b = v.GetString();
  uint32_t u = 0;
  for (unsigned char c : b) u = (u << 8) | c;
  return static_cast<int32_t>(u);
}

// Per 100-row page: null count, and min/max of the non-null values (column index of the .md).
struct PageFacts {
  int64_t nulls;
  std::optional<int64_t> min, max;
};

Diffs PagesAre(const ParquetRows& rows, const std::vector<PageFacts>& pages,
               const std::function<int64_t(const Value&)>& number) {
  Diffs d;
  if (rows.rows.size() != pages.size() * 100) {
    d.push_back(fmt::format("{} rows, documented {}", rows.rows.size(), pages.size() * 100));
    return d;
  }
  for (size_t p = 0; p < pages.size(); ++p) {
    PageFacts got{0, std::nullopt, std::nullopt};
    for (size_t r = p * 100; r < (p + 1) * 100; ++r) {
      const Value& v = rows.rows[r][0];
      if (v.is_null()) {
        ++got.nulls;
        continue;
      }
      int64_t x = number(v);
      got.min = got.min ? std::min(*got.min, x) : x;
      got.max = got.max ? std::max(*got.max, x) : x;
    }
    Expect(d, got.nulls == pages[p].nulls && got.min == pages[p].min && got.max == pages[p].max,
           fmt::format("page {}: {} nulls, min {}, max {}; documented {} nulls, min {}, max {}", p,
                       got.nulls, got.min.value_or(0), got.max.value_or(0), pages[p].nulls,
                       pages[p].min.value_or(0), pages[p].max.value_or(0)));
  }
  return d;
}

struct DocumentedFile {
  std::string file;    // below parquet-testing/data
  std::string source;  // the upstream document
  std::function<Diffs(const ParquetRows&)> check;
};

std::vector<DocumentedFile> DocumentedFiles() {
  std::vector<DocumentedFile> files;
  // Float16 files: pyarrow wrote [None, 1, -2, NaN, 0, -1, -0, 2] and [None, 0, NaN].
  files.push_back(
      {"float16_nonzeros_and_nans.parquet", "README.md#float16-files", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"x: float"});
         Append(d,
                ColumnTexts(rows, 0, {"NULL", "1", "-2", "nan", "0", "-1", "-0", "2"}, FloatText));
         return d;
       }});
  files.push_back(
      {"float16_zeros_and_nans.parquet", "README.md#float16-files", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"x: float"});
         Append(d, ColumnTexts(rows, 0, {"NULL", "0", "nan"}, FloatText));
         return d;
       }});
  // pyarrow 0.8.0 wrote [1.0, NaN] (with NaN as the max statistic).
  files.push_back({"nan_in_stats.parquet", "README.md#nan-in-stats", [](const ParquetRows& rows) {
                     Diffs d = TypesAre(rows, {"x: double"});
                     Append(d, ColumnTexts(rows, 0, {"1", "nan"}, FloatText));
                     return d;
                   }});
  // "As microseconds since the epoch, they correspond to: 1704141296123456, ..."
  files.push_back(
      {"int96_from_spark.parquet", "int96_from_spark.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"a: timestamp"});
         Append(d, ColumnTexts(rows, 0,
                               {"1704141296123456", "1704070800000000", "253402225200000000",
                                "1735599600000000", "NULL", "9089380393200000000"},
                               [](const Value& v) {
                                 return v.is_null() ? std::string("NULL")
                                                    : std::to_string(v.GetInt64());
                               }));
         return d;
       }});
  // A MAP with all values null, a MAP without a value field (a list of keys) and a LIST.
  files.push_back(
      {"map_no_value.parquet", "map_no_value.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(
             rows, {"my_map: map<int, int>", "my_map_no_v: list<int>", "my_list: list<int>"});
         Append(d, ColumnTexts(rows, 0,
                               {"{1=NULL, 2=NULL, 3=NULL}", "{4=NULL, 5=NULL, 6=NULL}",
                                "{7=NULL, 8=NULL, 9=NULL}"},
                               ValueText));
         for (size_t c : {1, 2}) {
           Append(d, ColumnTexts(rows, c, {"[1, 2, 3]", "[4, 5, 6]", "[7, 8, 9]"}, ValueText));
         }
         return d;
       }});
  // The legacy two-level list<list<int>> holding [[1, 2], [3, 4]].
  files.push_back(
      {"old_list_structure.parquet", "old_list_structure.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"a: list<list<int>>"});
         Append(d, ColumnTexts(rows, 0, {"[[1, 2], [3, 4]]"}, ValueText));
         return d;
       }});
  // Generated from {"emptylist":[]}.
  files.push_back(
      {"null_list.parquet", "README.md (null_list.parquet)", [](const ParquetRows& rows) {
         Diffs d;
         Expect(d,
                rows.fields.size() == 1 && rows.fields[0].name == "emptylist" &&
                    rows.fields[0].type.id() == TypeId::kList,
                "one list column 'emptylist'");
         if (d.empty()) Append(d, ColumnTexts(rows, 0, {"[]"}, ValueText));
         return d;
       }});
  // REPEATED INT32 and BYTE_ARRAY fields without LIST annotation, 4 rows.
  files.push_back(
      {"repeated_primitive_no_list.parquet",
       "README.md#repeated-primitive-fields-with-no-list-annotation", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"Int32_list: list<int>", "String_list: list<string>",
                                   "group_of_lists: struct<Int32_list_in_group: list<int>, "
                                   "String_list_in_group: list<string>>"});
         Expect(d, rows.rows.size() == 4, "4 rows");
         return d;
       }});
  // parquet-cli cat of the 12 rows.
  files.push_back(
      {"binary_truncated_min_max.parquet", "README.md#binary-truncated-min-and-max-statistics",
       [](const ParquetRows& rows) {
         Diffs d =
             TypesAre(rows, {"utf8_full_truncation: string", "binary_full_truncation: binary",
                             "utf8_partial_truncation: string", "binary_partial_truncation: binary",
                             "utf8_no_truncation: string", "binary_no_truncation: binary"});
         const std::vector<std::string> names = {
             "Blart Versenwald III", "Alice Johnson", "Bob Smith",     "Charlie Brown",
             "Diana Prince",         "Edward Norton", "Fiona Apple",   "George Lucas",
             "Helen Keller",         "Ivan Drago",    "Julia Roberts", "Kevin Bacon"};
         if (!d.empty() || rows.rows.size() != names.size()) {
           d.push_back(fmt::format("{} rows, documented 12", rows.rows.size()));
           return d;
         }
         for (size_t r = 0; r < names.size(); ++r) {
           std::vector<std::string> want(6, names[r]);
           if (r == 1) want[4] = want[5] = "Al";
           if (r == 11) {
             want[2] = "\xF0\x9F\x9A\x80Kevin Bacon";  // U+1F680 rocket
             want[3] = "\xFF\xFF\x01\x02";
             want[4] = want[5] = "Ke";
           }
           for (size_t c = 0; c < 6; ++c) {
             const Value& v = rows.rows[r][c];
             Expect(d, !v.is_null() && v.GetString() == want[c],
                    fmt::format("row {} column {}: floe {}", r, c, v.ToString()));
           }
         }
         return d;
       }});
  // 1000 FIXED_LEN_BYTE_ARRAY(4) values written in descending order with 105 random nulls; the
  // column index gives each 100-row page's null count and bounds.
  files.push_back({"fixed_length_byte_array.parquet", "fixed_length_byte_array.md",
                   [](const ParquetRows& rows) {
                     Diffs d = TypesAre(rows, {"flba_field: fixed[4]"});
                     if (!d.empty()) return d;
                     Append(d, PagesAre(rows,
                                        {{9, 0x385, 0x3E8},
                                         {9, 0x321, 0x384},
                                         {19, 0x2BD, 0x320},
                                         {10, 0x259, 0x2BC},
                                         {13, 0x1F5, 0x258},
                                         {11, 0x191, 0x1F4},
                                         {11, 0x12D, 0x190},
                                         {8, 0xC9, 0x12C},
                                         {9, 0x65, 0xC8},
                                         {6, 0x01, 0x64}},
                                        Be32));
                     std::optional<int64_t> last;
                     for (const auto& row : rows.rows) {
                       if (row[0].is_null()) continue;
                       Expect(d, !last || Be32(row[0]) < *last, "values are not descending");
                       last = Be32(row[0]);
                     }
                     return d;
                   }});
  // 1000 random INT32 values with page index; page 2 is all null.
  files.push_back(
      {"int32_with_null_pages.parquet", "int32_with_null_pages.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"int32_field: int"});
         if (!d.empty()) return d;
         Append(d, PagesAre(rows,
                            {{8, -2135807632, 2144701119},
                             {55, -2104090659, 1745329571},
                             {100, std::nullopt, std::nullopt},
                             {52, -2116849709, 2077105757},
                             {16, -2048691758, 2143189382},
                             {12, -2017923401, 2087827129},
                             {5, -2136906554, 2125689411},
                             {7, -2113313110, 2145722375},
                             {8, -2046900272, 2087168549},
                             {12, -1941944785, 2078586537}},
                            [](const Value& v) { return v.GetInt64(); }));
         return d;
       }});
  // Seven pairs of columns; each BYTE_STREAM_SPLIT column holds its PLAIN twin's values.
  files.push_back(
      {"byte_stream_split_extended.gzip.parquet", "README.md#byte-stream-split",
       [](const ParquetRows& rows) {
         Diffs d = TypesAre(
             rows,
             {"float16_plain: float", "float16_byte_stream_split: float", "float_plain: float",
              "float_byte_stream_split: float", "double_plain: double",
              "double_byte_stream_split: double", "int32_plain: int",
              "int32_byte_stream_split: int", "int64_plain: long", "int64_byte_stream_split: long",
              "flba5_plain: fixed[5]", "flba5_byte_stream_split: fixed[5]",
              "decimal_plain: decimal(7,3)", "decimal_byte_stream_split: decimal(7,3)"});
         Expect(d, rows.rows.size() == 200,
                fmt::format("{} rows, documented 200", rows.rows.size()));
         if (!d.empty()) return d;
         for (size_t r = 0; r < rows.rows.size(); ++r) {
           for (size_t c = 0; c < 14; c += 2) {
             Expect(d, rows.rows[r][c] == rows.rows[r][c + 1],
                    fmt::format("row {} column {}: {} vs {}", r, rows.fields[c + 1].name,
                                rows.rows[r][c + 1].ToString(), rows.rows[r][c].ToString()));
           }
         }
         return d;
       }});
  // "A compressed FLOAT column with DataPageV2, a single row, value is null".
  files.push_back(
      {"datapage_v2_empty_datapage.snappy.parquet", "README.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"value: float"});
         Append(d, ColumnTexts(rows, 0, {"NULL"}, FloatText));
         return d;
       }});
  // "An INT32 column with DataPageV2, all values are null".
  files.push_back({"page_v2_empty_compressed.parquet", "README.md", [](const ParquetRows& rows) {
                     Diffs d;
                     Expect(d,
                            rows.fields.size() == 1 && rows.fields[0].type.id() == TypeId::kInt32,
                            "one INT32 column");
                     Expect(d,
                            static_cast<int64_t>(rows.rows.size()) == rows.metadata->num_rows() &&
                                !rows.rows.empty(),
                            "every row of the footer");
                     for (const auto& row : rows.rows)
                       Expect(d, row[0].is_null(), "a non-null value");
                     return d;
                   }});
  // "INT64 and BYTE_ARRAY columns with first column with nulls first and descending, second column
  // with nulls last and ascending. This file contains two row groups with same data and sorting
  // columns."
  files.push_back(
      {"sort_columns.parquet", "README.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"a: long", "b: string"});
         const auto& md = *rows.metadata;
         Expect(d, md.num_row_groups() == 2, "two row groups");
         if (!d.empty()) return d;
         const int64_t n = md.row_group(0).num_rows;
         Expect(d, md.row_group(1).num_rows == n && rows.rows.size() == 2 * static_cast<size_t>(n),
                "row groups of equal size");
         if (!d.empty()) return d;
         for (int64_t r = 0; r < n; ++r) {
           Expect(d, rows.rows[r] == rows.rows[n + r], fmt::format("row {} differs", r));
         }
         for (int g = 0; g < 2; ++g) {
           const auto& sc = md.row_group(g).sorting_columns;
           Expect(d,
                  sc.size() == 2 && sc[0].column_idx == 0 && sc[0].descending &&
                      sc[0].nulls_first && sc[1].column_idx == 1 && !sc[1].descending &&
                      !sc[1].nulls_first,
                  "sorting_columns");
         }
         // Sorted by (a descending, nulls first; b ascending, nulls last).
         auto before = [](const std::vector<Value>& x, const std::vector<Value>& y) {
           if (x[0].is_null() != y[0].is_null()) return x[0].is_null();
           if (!x[0].is_null() && x[0].GetInt64() != y[0].GetInt64()) {
             return x[0].GetInt64() > y[0].GetInt64();
           }
           if (x[1].is_null() != y[1].is_null()) return !x[1].is_null();
           return !x[1].is_null() && x[1].GetString() < y[1].GetString();
         };
         for (int64_t r = 1; r < n; ++r) {
           Expect(d, !before(rows.rows[r], rows.rows[r - 1]),
                  fmt::format("row {} is out of order", r));
         }
         return d;
       }});
  // "two INT32 columns, one with column chunk key-value metadata {"foo": "bar",
  // "thisiskeywithoutvalue": null}".
  files.push_back(
      {"column_chunk_key_value_metadata.parquet", "README.md", [](const ParquetRows& rows) {
         Diffs d = TypesAre(rows, {"column1: int", "column2: int"});
         const auto& md = *rows.metadata;
         int with_kv = 0;
         for (int g = 0; g < md.num_row_groups(); ++g) {
           for (int c = 0; c < 2; ++c) {
             const auto& cm = md.column_chunk(g, c).meta_data;
             if (cm.key_value_metadata.empty()) continue;
             ++with_kv;
             const auto& kv = cm.key_value_metadata;
             Expect(d,
                    kv.size() == 2 && kv[0].key == "foo" && kv[0].__isset.value &&
                        kv[0].value == "bar" && kv[1].key == "thisiskeywithoutvalue" &&
                        !kv[1].__isset.value,
                    "the column chunk key/value metadata");
           }
         }
         Expect(d, with_kv == 1, fmt::format("{} column chunks with key/value metadata", with_kv));
         return d;
       }});
  // "513 UINT64 numbers compressed using 2 concatenated gzip members in a single data page".
  files.push_back(
      {"concatenated_gzip_members.parquet", "README.md", [](const ParquetRows& rows) {
         Diffs d;
         Expect(d, rows.fields.size() == 1 && rows.fields[0].type.ToString() == "decimal(20,0)",
                "one UINT64 column (Floe: decimal(20,0))");
         Expect(d, rows.rows.size() == 513, fmt::format("{} rows", rows.rows.size()));
         return d;
       }});
  // A LogicalType id no reader knows: the column reads as its physical type.
  files.push_back({"unknown-logical-type.parquet", "README.md", [](const ParquetRows& rows) {
                     return TypesAre(rows, {"column with known type: string",
                                            "column with unknown type: binary"});
                   }});
  return files;
}

// Pairs documented to hold the same data.
struct TwinFiles {
  std::string a, b, source;
};

TEST(ParquetTestingExpectedTest, DocumentedContents) {
  FLOE_REQUIRE_CORPUS();
  int checked = 0, matched = 0;
  for (const DocumentedFile& f : DocumentedFiles()) {
    SCOPED_TRACE(f.file + " (" + f.source + ")");
    ++checked;
    ASSERT_OK_AND_ASSIGN(ParquetRows rows, test::ReadParquetRows(TestingData() + "/" + f.file));
    Diffs d = f.check(rows);
    for (const auto& x : d) ADD_FAILURE() << x;
    if (d.empty()) ++matched;
  }
  const std::vector<TwinFiles> twins = {
      {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet",
       "README.md: the same impala data, dictionary and plain encoded"},
      {"data_index_bloom_encoding_stats.parquet", "data_index_bloom_encoding_with_length.parquet",
       "README.md: the same file with bloom_filter_length populated"},
  };
  for (const TwinFiles& t : twins) {
    SCOPED_TRACE(t.a + " / " + t.b);
    ++checked;
    ASSERT_OK_AND_ASSIGN(ParquetRows a, test::ReadParquetRows(TestingData() + "/" + t.a));
    ASSERT_OK_AND_ASSIGN(ParquetRows b, test::ReadParquetRows(TestingData() + "/" + t.b));
    EXPECT_FALSE(a.rows.empty());
    EXPECT_TRUE(a.rows == b.rows);
    if (!a.rows.empty() && a.rows == b.rows) ++matched;
  }
  // Documented, and deliberately not read here: large_string_map.brotli.parquet (two 1 GiB
  // strings, corpus INDEX section 6) and overflow_i16_page_cnt.parquet (40000 pages; slow under
  // ASan) - the DuckDB comparison reads the latter.
  std::cout << "parquet-testing documented contents: " << checked << " files checked, " << matched
            << " matched, 2 documented files not read (heavy)\n";
  EXPECT_EQ(matched, checked);
}

DocumentedFile Documented(const std::string& file) {
  for (DocumentedFile& f : DocumentedFiles()) {
    if (f.file == file) return f;
  }
  FLOE_CHECK(false, "no documented file");
  return {};
}

TEST(ParquetTestingExpectedTest, DocumentedContentsCanFail) {
  FLOE_REQUIRE_CORPUS();
  // The float16 expectations against the other float16 file, and one changed int96 value.
  ASSERT_OK_AND_ASSIGN(ParquetRows zeros,
                       test::ReadParquetRows(TestingData() + "/float16_zeros_and_nans.parquet"));
  EXPECT_FALSE(Documented("float16_nonzeros_and_nans.parquet").check(zeros).empty());
  ASSERT_OK_AND_ASSIGN(ParquetRows spark,
                       test::ReadParquetRows(TestingData() + "/int96_from_spark.parquet"));
  spark.rows[5][0] = Value::Timestamp(9089380393200000001);
  Diffs d = Documented("int96_from_spark.parquet").check(spark);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], "row 5: floe 9089380393200000001, documented 9089380393200000000");
}

// ---------------------------------------------------------------------------------------------
// data/geospatial: "`wkt` (the human-readable well-known text representation of the geometry)".

// WKT of ISO WKB as the files' writer prints it: "POINT Z (30 10 40)", "POINT EMPTY" (a point of
// NaNs), shortest round-trip numbers, "nan".
class WktWriter {
 public:
  explicit WktWriter(std::string_view wkb) : wkb_(wkb) {}

  Result<std::string> Geometry(bool with_tag = true) {
    if (pos_ >= wkb_.size()) return Status::InvalidArgument("WKB truncated");
    little_ = static_cast<uint8_t>(wkb_[pos_++]) == 1;
    FLOE_ASSIGN_OR_RETURN(uint32_t code, U32());
    const uint32_t type = code % 1000, dims = code / 1000;
    if (type < 1 || type > 7 || dims > 3) return Status::InvalidArgument("WKB type {}", code);
    dim_ = 2 + (dims == 1 || dims == 2 ? 1 : dims == 3 ? 2 : 0);
    static const char* kNames[] = {
        "",           "POINT",           "LINESTRING",   "POLYGON",
        "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};
    static const char* kDims[] = {"", " Z", " M", " ZM"};
    std::string out = with_tag ? std::string(kNames[type]) + kDims[dims] + " " : "";
    if (type == 1) {
      FLOE_ASSIGN_OR_RETURN(std::string p, Position(/*empty_if_nan=*/true));
      return out + (p.empty() ? "EMPTY" : "(" + p + ")");
    }
    FLOE_ASSIGN_OR_RETURN(uint32_t n, U32());
    if (n == 0) return out + "EMPTY";
    std::vector<std::string> parts;
    for (uint32_t i = 0; i < n; ++i) {
      std::string part;
      if (type == 2) {
        FLOE_ASSIGN_OR_RETURN(part, Position(false));
      } else if (type == 3) {
        FLOE_ASSIGN_OR_RETURN(part, Ring());
      } else {
        // Members of a multi-geometry carry their own header; only collections name them.
        FLOE_ASSIGN_OR_RETURN(part, Geometry(/*with_tag=*/type == 7));
      }
      parts.push_back(std::move(part));
    }
    return out + "(" + fmt::format("{}", fmt::join(parts, ", ")) + ")";
  }

 private:
  Result<uint32_t> U32() {
    if (pos_ + 4 > wkb_.size()) return Status::InvalidArgument("WKB truncated");
    uint32_t u = 0;
    for (int i = 0; i < 4; ++i) {
      u |= uint32_t{static_cast<uint8_t>(wkb_[pos_ + (little_ ? i : 3 - i)])} << (8 * i);
    }
    pos_ += 4;
    return u;
  }
  Result<double> F64() {
    if (pos_ + 8 > wkb_.size()) return Status::InvalidArgument("WKB truncated");
    uint64_t u = 0;
    for (int i = 0; i < 8; ++i) {
      u |= uint64_t{static_cast<uint8_t>(wkb_[pos_ + (little_ ? i : 7 - i)])} << (8 * i);
    }
    pos_ += 8;
    double d;
    std::memcpy(&d, &u, sizeof(d));
    return d;
  }
  // "30 10 40"; "" for an all-NaN point when `empty_if_nan`.
  Result<std::string> Position(bool empty_if_nan) {
    std::vector<std::string> coords;
    bool all_nan = true;
    for (int i = 0; i < dim_; ++i) {
      FLOE_ASSIGN_OR_RETURN(double x, F64());
      all_nan = all_nan && std::isnan(x);
      coords.push_back(std::isnan(x) ? "nan" : fmt::format("{}", x));
    }
    if (empty_if_nan && all_nan) return std::string();
    return fmt::format("{}", fmt::join(coords, " "));
  }
  Result<std::string> Ring() {
    FLOE_ASSIGN_OR_RETURN(uint32_t n, U32());
    std::vector<std::string> points;
    for (uint32_t i = 0; i < n; ++i) {
      FLOE_ASSIGN_OR_RETURN(std::string p, Position(false));
      points.push_back(std::move(p));
    }
    return "(" + fmt::format("{}", fmt::join(points, ", ")) + ")";
  }

  std::string_view wkb_;
  size_t pos_ = 0;
  bool little_ = true;
  int dim_ = 2;
};

TEST(ParquetTestingExpectedTest, GeospatialWktMatchesGeometry) {
  FLOE_REQUIRE_CORPUS();
  const std::string dir = TestingData() + "/geospatial/";
  int checked = 0, matched = 0, values = 0;
  for (const char* name : {"geospatial.parquet", "geospatial-with-nan.parquet",
                           "crs-default.parquet", "crs-geography.parquet", "crs-projjson.parquet",
                           "crs-srid.parquet", "crs-arbitrary-value.parquet"}) {
    SCOPED_TRACE(name);
    ++checked;
    ASSERT_OK_AND_ASSIGN(ParquetRows rows, test::ReadParquetRows(dir + name));
    size_t wkt = 0, geo = 0;
    for (size_t c = 0; c < rows.fields.size(); ++c) {
      if (rows.fields[c].name == "wkt") wkt = c;
      if (rows.fields[c].name == "geometry" || rows.fields[c].name == "geography") geo = c;
    }
    ASSERT_EQ(rows.fields[wkt].type.id(), TypeId::kString);
    ASSERT_EQ(rows.fields[geo].type.id(), TypeId::kBinary);  // GEOMETRY/GEOGRAPHY keep the WKB
    int diffs = 0;
    for (size_t r = 0; r < rows.rows.size(); ++r) {
      const Value& text = rows.rows[r][wkt];
      const Value& wkb = rows.rows[r][geo];
      ASSERT_EQ(text.is_null(), wkb.is_null()) << r;
      if (text.is_null()) continue;
      ++values;
      WktWriter writer(wkb.GetString());
      auto got = writer.Geometry();
      EXPECT_TRUE(got.has_value() && *got == text.GetString())
          << "row " << r << ": " << (got.has_value() ? *got : got.error().ToString()) << " vs "
          << text.GetString();
      diffs += got.has_value() && *got == text.GetString() ? 0 : 1;
    }
    if (diffs == 0 && !rows.rows.empty()) ++matched;
  }
  // The CRS each file's README entry names, as the footer keeps it.
  const std::map<std::string, std::string> crs = {
      {"crs-projjson.parquet", "projjson:projjson_epsg_5070"}, {"crs-srid.parquet", "srid:5070"}};
  for (const auto& [name, want] : crs) {
    ASSERT_OK_AND_ASSIGN(ParquetRows rows, test::ReadParquetRows(dir + name));
    const SchemaNode& n = rows.metadata->schema().node(rows.fields[1].node_index);
    ASSERT_TRUE(n.logical_type && n.logical_type->__isset.GEOMETRY) << name;
    EXPECT_EQ(n.logical_type->GEOMETRY.crs, want) << name;
  }
  std::cout << "geospatial wkt/geometry: " << checked << " files checked (" << values
            << " geometries), " << matched << " matched, 0 exceptions\n";
  EXPECT_EQ(matched, checked);
}

// ---------------------------------------------------------------------------------------------
// iceberg-java-encodings: <ENCODING>/<type>.parquet decodes to PLAIN/<type>.parquet's values.

TEST(ParquetTestingExpectedTest, IcebergEncodingsMatchPlain) {
  FLOE_REQUIRE_CORPUS();
  const std::string dir = Root() + "/parquet-extra/iceberg-java-encodings/encodings";
  int checked = 0, matched = 0;
  for (const auto& enc : fs::directory_iterator(dir)) {
    if (enc.path().filename() == "PLAIN") continue;
    for (const auto& f : fs::directory_iterator(enc.path())) {
      SCOPED_TRACE(f.path().string());
      ++checked;
      ASSERT_OK_AND_ASSIGN(ParquetRows rows, test::ReadParquetRows(f.path().string()));
      ASSERT_OK_AND_ASSIGN(ParquetRows plain,
                           test::ReadParquetRows(dir + "/PLAIN/" + f.path().filename().string()));
      EXPECT_EQ(rows.rows.size(), 1000u);
      EXPECT_TRUE(rows.rows == plain.rows);
      if (rows.rows.size() == 1000 && rows.rows == plain.rows) ++matched;
    }
  }
  std::cout << "iceberg-java encodings: " << checked << " files checked against PLAIN, " << matched
            << " matched, 0 exceptions\n";
  EXPECT_EQ(checked, 30);
  EXPECT_EQ(matched, checked);
}

}  // namespace
}  // namespace floe::parquet
