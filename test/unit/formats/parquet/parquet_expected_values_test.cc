// ParquetReader against the corpus's expected values, independent of DuckDB: every Parquet file
// whose features Floe supports must read with exactly the contents its source says it holds.
//
//   - parquet-extra/hyparquet/files/<name>.parquet with <name>.json (every row as hyparquet
//     decoded it; test/util/hyparquet_json.h documents and replays hyparquet's conventions) and
//     <name>.metadata.json (the footer as hyparquet decoded it);
//   - parquet-extra/arrow-testing/data/parquet/generated_simple_numerics/blogs.parquet with
//     blogs.json.
//
// A file that does not match completely must be listed with its reason; a listed reason that no
// longer applies fails the test too, so the list stays true.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/thrift_enum.h"
#include "io/local_file_io.h"
#include "util/corpus.h"
#include "util/hyparquet_json.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::HyparquetConvention;

Result<json> ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open {}", path);
  json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("{} is not JSON", path);
  return j;
}

Result<std::shared_ptr<const ParquetFileMetadata>> ReadFooter(const std::string& path) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  return ReadParquetFooter(*file);
}

std::string HyparquetDir() { return *test::CorpusRoot() + "/parquet-extra/hyparquet/files"; }

std::vector<std::string> HyparquetFileNames() {
  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(HyparquetDir())) {
    if (f.path().extension() == ".parquet") names.push_back(f.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// ---------------------------------------------------------------------------------------------
// Rows: <name>.json

// The top-level columns Floe can read (by position among the root's children), and why the
// others cannot be read.
struct ReadableColumns {
  std::vector<std::string> names;
  std::vector<size_t> positions;
  std::vector<std::string> unreadable;
};

ReadableColumns FindReadableColumns(const ParquetFileMetadata& metadata) {
  ReadableColumns out;
  const ParquetSchema& schema = metadata.schema();
  for (size_t i = 0; i < schema.root().children.size(); ++i) {
    int32_t child = schema.root().children[i];
    Result<LogicalType> type = MapParquetNode(schema, child);
    if (type.has_value()) {
      out.names.push_back(schema.node(child).name);
      out.positions.push_back(i);
    } else {
      out.unreadable.push_back(type.error().message());
    }
  }
  return out;
}

struct HyparquetOutcome {
  int rows = 0;
  std::string mismatch;        // the first difference
  std::string floe_error;      // Floe could not read the file
  std::string not_comparable;  // the convention cannot replay a value
  std::vector<std::string> unreadable_columns;

  bool matched() const {
    return mismatch.empty() && floe_error.empty() && not_comparable.empty() &&
           unreadable_columns.empty();
  }
  std::string Describe() const {
    std::string s;
    if (!floe_error.empty()) s += " floe error: " + floe_error + ";";
    if (!mismatch.empty()) s += " mismatch: " + mismatch + ";";
    if (!not_comparable.empty()) s += " not comparable: " + not_comparable + ";";
    for (const auto& u : unreadable_columns) s += " unreadable column: " + u + ";";
    return s;
  }
};

// Reads `parquet_path` with Floe (every column it can read) and compares each value with the
// hyparquet row file's.
HyparquetOutcome CompareWithHyparquetJson(const std::string& parquet_path, const json& expected,
                                          bool keep_dictionary = false, int64_t batch_size = 1000) {
  HyparquetOutcome out;
  auto footer = ReadFooter(parquet_path);
  if (!footer.has_value()) {
    out.floe_error = footer.error().ToString();
    return out;
  }
  ReadableColumns readable = FindReadableColumns(**footer);
  out.unreadable_columns = readable.unreadable;
  ParquetReaderOptions options;
  options.batch_size = batch_size;
  options.keep_dictionary = keep_dictionary;
  if (!readable.unreadable.empty()) options.column_names = readable.names;
  auto rows = test::ReadParquetRows(parquet_path, options);
  if (!rows.has_value()) {
    out.floe_error = rows.error().ToString();
    return out;
  }
  out.rows = static_cast<int>(rows->rows.size());
  if (!expected.is_array()) {
    out.mismatch = "the expected rows are not a JSON array";
    return out;
  }
  if (rows->rows.size() != expected.size()) {
    out.mismatch = fmt::format("{} rows, expected {}", rows->rows.size(), expected.size());
    return out;
  }
  HyparquetConvention convention(*rows->metadata);
  const size_t columns = (*footer)->schema().root().children.size();
  for (size_t r = 0; r < rows->rows.size(); ++r) {
    const json& want = expected[r];
    if (!want.is_array() || want.size() != columns) {
      out.mismatch =
          fmt::format("row {}: {} expected cells for {} columns", r, want.size(), columns);
      return out;
    }
    for (size_t c = 0; c < rows->fields.size(); ++c) {
      auto got = convention.ToJson(rows->nodes[c], rows->rows[r][c]);
      if (!got.has_value()) {
        if (out.not_comparable.empty()) {
          out.not_comparable = fmt::format("row {}: {}", r, got.error().message());
        }
        continue;
      }
      // toJson() turns a top-level undefined into null.
      std::string diff =
          test::CompareJsJson(got->value_or(json(nullptr)), want[readable.positions[c]],
                              fmt::format("row {} column '{}'", r, rows->fields[c].name));
      if (!diff.empty()) {
        out.mismatch = diff;
        return out;
      }
    }
  }
  return out;
}

// The hyparquet files Floe does not match completely, with a text the outcome must contain.
// Floe does not read Variant (formats/parquet/type_mapping.h); the other columns of those files
// are still compared and must match.
const std::map<std::string, std::string> kHyparquetExceptions = {
    {"shredded-array", "VARIANT is not supported"},
    {"shredded-bool", "VARIANT is not supported"},
    {"shredded-int", "VARIANT is not supported"},
    {"shredded-nested-object", "VARIANT is not supported"},
    {"shredded-object", "VARIANT is not supported"},
    {"shredded-partial-object", "VARIANT is not supported"},
    {"shredded-sparse-timestamp", "VARIANT is not supported"},
    {"shredded-type-mismatch", "VARIANT is not supported"},
};

TEST(ParquetExpectedValuesTest, HyparquetFilesMatchTheirRows) {
  FLOE_REQUIRE_CORPUS();
  int checked = 0, matched = 0, excepted = 0, rows = 0;
  std::vector<std::string> failures;
  for (const std::string& name : HyparquetFileNames()) {
    ASSERT_OK_AND_ASSIGN(json expected, ReadJsonFile(HyparquetDir() + "/" + name + ".json"));
    const std::string path = HyparquetDir() + "/" + name + ".parquet";
    HyparquetOutcome o = CompareWithHyparquetJson(path, expected);
    // Dictionary vectors and batches of 7 rows (page and row group edges fall inside batches)
    // must give the same values.
    HyparquetOutcome dict = CompareWithHyparquetJson(path, expected, true, 7);
    if (dict.Describe() != o.Describe()) {
      failures.push_back(name + ": with dictionaries and 7-row batches:" + dict.Describe() +
                         " but otherwise:" + o.Describe());
    }
    ++checked;
    rows += o.rows;
    auto exception = kHyparquetExceptions.find(name);
    if (o.matched()) {
      ++matched;
      if (exception != kHyparquetExceptions.end()) {
        failures.push_back(name + ": listed as an exception but matches: update the list");
      }
      continue;
    }
    // An exception excuses only what it names: the rest of the file must still match.
    const bool excused = exception != kHyparquetExceptions.end() && o.mismatch.empty() &&
                         o.floe_error.empty() && o.not_comparable.empty() &&
                         o.Describe().find(exception->second) != std::string::npos;
    if (excused) {
      ++excepted;
    } else {
      failures.push_back(name + ":" + o.Describe());
    }
  }
  for (const auto& f : failures) ADD_FAILURE() << f.substr(0, 1000);
  std::cout << "hyparquet rows: " << checked << " files checked (" << rows
            << " rows, each file read twice: flat vectors, and dictionaries in 7-row batches), "
            << matched << " matched, " << excepted << " justified exceptions (Variant columns)\n";
  EXPECT_EQ(checked, 63);
  EXPECT_EQ(matched, 55);
}

// The comparison must be able to fail: change one value of each kind in the expected rows of a
// few files and it must report exactly that place.
TEST(ParquetExpectedValuesTest, HyparquetComparisonDetectsChangedValues) {
  FLOE_REQUIRE_CORPUS();
  struct Case {
    std::string file;
    std::function<void(json&)> change;
    std::string place;
  };
  const std::vector<Case> cases = {
      // an integer
      {"signs", [](json& j) { j[1][0] = 126; }, "row 1 column 'unsigned_int8'"},
      // a UINT_64 beyond 2^53: a change below double precision cannot show, one above must
      {"signs", [](json& j) { j[3][3] = 18446744073709500000.0; }, "row 3 column 'unsigned_int64'"},
      // a decimal (as a double)
      {"issue115decimal", [](json& j) { j[0][0] = -12345.669999999998; }, "row 0 column"},
      // a string, a timestamp and a NULL
      {"duckdb5533", [](json& j) { j[0][0] = "2022-11-27T17:42:43.515Z"; }, "row 0 column"},
      {"strings", [](json& j) { j[2][1] = "Charlie"; }, "row 2 column"},
      {"mostlyempty", [](json& j) { j[3][0] = 0; }, "row 3 column"},
      // a float, a float16 NaN (null) and a UUID
      {"byte_stream_split.zstd", [](json& j) { j[7][0] = -0.1513572037220001; }, "row 7 column"},
      {"float16_nonzeros_and_nans", [](json& j) { j[3][0] = 0; }, "row 3 column"},
      {"uuid", [](json& j) { j[1][0] = "6ba7b810-9dad-11d1-80b4-00c04fd430c9"; }, "row 1 column"},
      // nested: a list element, a struct key, a map entry, GeoJSON
      {"nullable.impala", [](json& j) { j[1][1][2] = 3; }, "row 1 column 'int_array'[2]"},
      {"hyparquet_struct", [](json& j) { j[2][0]["address"] = nullptr; }, "row 2 column"},
      {"nonnullable.impala", [](json& j) { j[0][3]["k2"] = -1; }, "row 0 column"},
      {"geospatial", [](json& j) { j[0][2]["coordinates"][1] = 10.000000000000002; },
       "row 0 column"},
      // a whole row too many
      {"rowgroups", [](json& j) { j.push_back(j.back()); }, "15 rows, expected 16"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    ASSERT_OK_AND_ASSIGN(json expected, ReadJsonFile(HyparquetDir() + "/" + c.file + ".json"));
    ASSERT_TRUE(
        CompareWithHyparquetJson(HyparquetDir() + "/" + c.file + ".parquet", expected).matched());
    c.change(expected);
    HyparquetOutcome o =
        CompareWithHyparquetJson(HyparquetDir() + "/" + c.file + ".parquet", expected);
    EXPECT_NE(o.mismatch.find(c.place), std::string::npos) << o.Describe();
  }
}

// ---------------------------------------------------------------------------------------------
// Footers: <name>.metadata.json

// Collects differences between a footer fact as Floe has it and as hyparquet decoded it.
class FooterCheck {
 public:
  explicit FooterCheck(std::string file) : file_(std::move(file)) {}

  template <typename A, typename B>
  void Equal(const A& floe, const B& expected, const std::string& what) {
    ++facts_;
    if (!(floe == expected)) {
      std::ostringstream out;
      out << file_ << ": " << what << ": floe " << floe << ", hyparquet " << expected;
      diffs_.push_back(out.str());
    }
  }
  // `j[key]`, which must be a number, equals `floe`; absent keys are skipped unless required.
  void Number(int64_t floe, const json& j, const char* key, const std::string& what,
              bool required = false) {
    if (!j.contains(key)) {
      if (required) Fail(what + ": missing in metadata.json");
      return;
    }
    if (!j[key].is_number_integer()) return Fail(what + ": not an integer in metadata.json");
    Equal(floe, j[key].get<int64_t>(), what);
  }
  void Text(std::string_view floe, const json& j, const char* key, const std::string& what) {
    if (!j.contains(key)) return;
    Equal(std::string(floe), j[key].is_string() ? j[key].get<std::string>() : j[key].dump(), what);
  }
  void Fail(const std::string& why) {
    ++facts_;
    diffs_.push_back(file_ + ": " + why);
  }

  int facts() const { return facts_; }
  const std::vector<std::string>& diffs() const { return diffs_; }

 private:
  std::string file_;
  int facts_ = 0;
  std::vector<std::string> diffs_;
};

// hyparquet's name of a logical type (src/metadata.js logicalType()), "" if none.
std::string LogicalTypeName(const format::LogicalType& t) {
  const auto& s = t.__isset;
  if (s.STRING) return "STRING";
  if (s.MAP) return "MAP";
  if (s.LIST) return "LIST";
  if (s.ENUM) return "ENUM";
  if (s.DECIMAL) return "DECIMAL";
  if (s.DATE) return "DATE";
  if (s.TIME) return "TIME";
  if (s.TIMESTAMP) return "TIMESTAMP";
  if (s.INTEGER) return "INTEGER";
  if (s.UNKNOWN) return "NULL";
  if (s.JSON) return "JSON";
  if (s.BSON) return "BSON";
  if (s.UUID) return "UUID";
  if (s.FLOAT16) return "FLOAT16";
  if (s.VARIANT) return "VARIANT";
  if (s.GEOMETRY) return "GEOMETRY";
  if (s.GEOGRAPHY) return "GEOGRAPHY";
  return "";
}

std::string UnitName(const format::TimeUnit& u) {
  return u.__isset.MILLIS ? "MILLIS" : u.__isset.MICROS ? "MICROS" : "NANOS";
}

void CheckFooter(const ParquetFileMetadata& md, const json& m, FooterCheck& check) {
  const format::FileMetaData& t = md.thrift();
  check.Number(md.num_rows(), m, "num_rows", "num_rows", /*required=*/true);
  check.Number(t.version, m, "version", "version");
  check.Number(md.footer_length(), m, "metadata_length", "footer length");
  check.Text(md.created_by(), m, "created_by", "created_by");
  const json kv = m.value("key_value_metadata", json::array());
  check.Equal(t.key_value_metadata.size(), kv.size(), "key/value metadata count");
  for (size_t i = 0; i < std::min(kv.size(), t.key_value_metadata.size()); ++i) {
    const auto& e = t.key_value_metadata[i];
    check.Text(e.key, kv[i], "key", fmt::format("key_value_metadata[{}].key", i));
    if (kv[i].contains("value")) {
      check.Equal(e.__isset.value, true, fmt::format("key_value_metadata[{}] has a value", i));
      check.Text(e.value, kv[i], "value", fmt::format("key_value_metadata[{}].value", i));
    }
  }

  // The schema tree, element by element (node i is SchemaElement i).
  const ParquetSchema& schema = md.schema();
  const json& elements = m["schema"];
  check.Equal(static_cast<size_t>(schema.num_nodes()), elements.size(), "schema elements");
  const HyparquetConvention geo_probe(md);
  for (int32_t i = 0; i < std::min(schema.num_nodes(), static_cast<int32_t>(elements.size()));
       ++i) {
    const SchemaNode& n = schema.node(i);
    const json& e = elements[static_cast<size_t>(i)];
    const std::string at = fmt::format("schema[{}] '{}'", i, n.name);
    check.Text(n.name, e, "name", at + " name");
    check.Number(static_cast<int64_t>(n.children.size()), e, "num_children", at + " children");
    // The root is a message, not a field: Floe keeps only its name and children (some writers
    // give it field id -1, as delta_length_byte_array.parquet does).
    if (i == 0) continue;
    check.Text(RepetitionName(n.repetition), e, "repetition_type", at + " repetition");
    if (n.physical_type) check.Text(PhysicalTypeName(*n.physical_type), e, "type", at + " type");
    check.Equal(n.physical_type.has_value(), e.contains("type"), at + " is a leaf");
    if (n.type_length) check.Number(*n.type_length, e, "type_length", at + " type_length");
    check.Equal(n.converted_type.has_value(), e.contains("converted_type"),
                at + " has a converted type");
    if (n.converted_type) {
      check.Text(ConvertedTypeName(*n.converted_type), e, "converted_type", at + " converted");
    }
    check.Equal(n.field_id.has_value(), e.contains("field_id"), at + " has a field id");
    if (n.field_id) check.Number(*n.field_id, e, "field_id", at + " field_id");
    if (n.precision) check.Number(*n.precision, e, "precision", at + " precision");
    if (n.scale) check.Number(*n.scale, e, "scale", at + " scale");
    // hyparquet writes the GEOMETRY it infers from GeoParquet metadata into its decoded footer;
    // only logical types the file itself holds are compared.
    if (n.logical_type) {
      const format::LogicalType& lt = *n.logical_type;
      const json l = e.value("logical_type", json::object());
      check.Text(LogicalTypeName(lt), l, "type", at + " logical type");
      if (lt.__isset.TIMESTAMP) {
        check.Text(UnitName(lt.TIMESTAMP.unit), l, "unit", at + " timestamp unit");
        check.Equal(lt.TIMESTAMP.isAdjustedToUTC, l.value("isAdjustedToUTC", false),
                    at + " isAdjustedToUTC");
      }
      if (lt.__isset.INTEGER) {
        check.Number(lt.INTEGER.bitWidth, l, "bitWidth", at + " bitWidth");
        check.Equal(lt.INTEGER.isSigned, l.value("isSigned", !lt.INTEGER.isSigned),
                    at + " isSigned");
      }
      if (lt.__isset.DECIMAL) {
        check.Number(lt.DECIMAL.precision, l, "precision", at + " decimal precision");
        check.Number(lt.DECIMAL.scale, l, "scale", at + " decimal scale");
      }
    } else if (e.contains("logical_type") && !geo_probe.IsGeoColumn(i)) {
      check.Fail(at + ": hyparquet has logical type " + e["logical_type"].dump() + ", Floe none");
    }
  }

  // Row groups and column chunks.
  const json& groups = m["row_groups"];
  check.Equal(static_cast<size_t>(md.num_row_groups()), groups.size(), "row groups");
  for (int32_t g = 0; g < std::min(md.num_row_groups(), static_cast<int32_t>(groups.size())); ++g) {
    const format::RowGroup& rg = md.row_group(g);
    const json& jg = groups[static_cast<size_t>(g)];
    const std::string at = fmt::format("row group {}", g);
    check.Number(rg.num_rows, jg, "num_rows", at + " num_rows", /*required=*/true);
    check.Number(rg.total_byte_size, jg, "total_byte_size", at + " total_byte_size");
    check.Equal(rg.columns.size(), jg["columns"].size(), at + " columns");
    for (int32_t c = 0;
         c < std::min(schema.num_columns(), static_cast<int32_t>(jg["columns"].size())); ++c) {
      const format::ColumnMetaData& cm = md.column_chunk(g, c).meta_data;
      const json& jc = jg["columns"][static_cast<size_t>(c)]["meta_data"];
      const std::string col = fmt::format("{} column {} '{}'", at, c, schema.column(c).dotted_path);
      check.Equal(json(schema.column(c).path), jc["path_in_schema"], col + " path_in_schema");
      check.Equal(json(cm.path_in_schema), jc["path_in_schema"], col + " chunk path");
      check.Text(PhysicalTypeName(schema.column(c).physical_type), jc, "type", col + " type");
      check.Text(
          ThriftEnumName(format::_CompressionCodec_VALUES_TO_NAMES, ThriftEnumValue(cm.codec)), jc,
          "codec", col + " codec");
      json encodings = json::array();
      for (const auto& enc : cm.encodings) {
        encodings.push_back(
            ThriftEnumName(format::_Encoding_VALUES_TO_NAMES, ThriftEnumValue(enc)));
      }
      check.Equal(encodings, jc.value("encodings", json::array()), col + " encodings");
      check.Number(cm.num_values, jc, "num_values", col + " num_values", true);
      check.Number(cm.total_compressed_size, jc, "total_compressed_size", col + " compressed");
      check.Number(cm.total_uncompressed_size, jc, "total_uncompressed_size",
                   col + " uncompressed");
      check.Number(cm.data_page_offset, jc, "data_page_offset", col + " data_page_offset", true);
      check.Equal(cm.__isset.dictionary_page_offset, jc.contains("dictionary_page_offset"),
                  col + " has a dictionary page offset");
      if (cm.__isset.dictionary_page_offset) {
        check.Number(cm.dictionary_page_offset, jc, "dictionary_page_offset", col + " dict offset");
      }
    }
  }
}

TEST(ParquetExpectedValuesTest, HyparquetFootersMatchTheirMetadata) {
  FLOE_REQUIRE_CORPUS();
  int checked = 0, matched = 0, facts = 0, field_ids = 0;
  std::vector<std::string> failures;
  for (const std::string& name : HyparquetFileNames()) {
    const std::string path = HyparquetDir() + "/" + name + ".parquet";
    ASSERT_OK_AND_ASSIGN(json m, ReadJsonFile(HyparquetDir() + "/" + name + ".metadata.json"));
    ASSERT_OK_AND_ASSIGN(auto md, ReadFooter(path));
    FooterCheck check(name);
    CheckFooter(*md, m, check);
    // What the reader exposes: one field per readable top-level column, with its field id.
    ReadableColumns readable = FindReadableColumns(*md);
    ParquetReaderOptions options;
    if (!readable.unreadable.empty()) options.column_names = readable.names;
    LocalFileIO io;
    auto reader = ParquetReader::Open(io, path, options);
    if (!reader.has_value()) {
      check.Fail("open: " + reader.error().ToString());
    } else {
      const auto& fields = (*reader)->fields();
      check.Equal(fields.size(), readable.names.size(), "readable top-level fields");
      for (size_t i = 0; i < std::min(fields.size(), readable.positions.size()); ++i) {
        const json& e =
            m["schema"][static_cast<size_t>(md->schema().root().children[readable.positions[i]])];
        check.Text(fields[i].name, e, "name", "field " + std::to_string(i) + " name");
        check.Equal(fields[i].field_id.has_value(), e.contains("field_id"),
                    "field " + std::to_string(i) + " has a field id");
        if (fields[i].field_id) {
          ++field_ids;
          check.Number(*fields[i].field_id, e, "field_id", "field " + std::to_string(i) + " id");
          check.Equal((*reader)->FindFieldById(*fields[i].field_id), static_cast<int32_t>(i),
                      "FindFieldById");
        }
      }
    }
    ++checked;
    facts += check.facts();
    if (check.diffs().empty()) ++matched;
    for (const auto& d : check.diffs()) failures.push_back(d);
  }
  for (const auto& f : failures) ADD_FAILURE() << f;
  std::cout << "hyparquet footers: " << checked << " files checked, " << matched << " matched ("
            << facts << " facts, " << field_ids << " top-level field ids), 0 exceptions\n";
  EXPECT_EQ(matched, 63);
}

// ---------------------------------------------------------------------------------------------
// arrow-testing's generated_simple_numerics/blogs.json: one object per row, a NULL value's key
// left out (at the top level and inside the struct), integers written exactly.

std::string CompareBlogValue(const Value& v, const json& expected, const std::string& at) {
  if (v.type().id() == TypeId::kStruct) {
    if (!expected.is_object()) return at + ": expected " + expected.dump() + ", floe a struct";
    std::set<std::string> seen;
    for (size_t i = 0; i < v.children().size(); ++i) {
      const std::string& name = v.type().children()[i].name;
      const Value& child = v.children()[i];
      if (!expected.contains(name)) {
        if (!child.is_null()) return at + "." + name + ": floe " + child.ToString() + ", absent";
        continue;
      }
      seen.insert(name);
      if (child.is_null())
        return at + "." + name + ": floe NULL, expected " + expected[name].dump();
      std::string d = CompareBlogValue(child, expected[name], at + "." + name);
      if (!d.empty()) return d;
    }
    for (const auto& [key, value] : expected.items()) {
      if (seen.count(key) == 0) return at + ": unexpected key '" + key + "'";
    }
    return "";
  }
  if (!expected.is_number_integer()) return at + ": expected " + expected.dump();
  const int64_t want = expected.is_number_unsigned()
                           ? static_cast<int64_t>(expected.get<uint64_t>())
                           : expected.get<int64_t>();
  if (expected.is_number_unsigned() && expected.get<uint64_t>() > INT64_MAX) {
    return at + ": expected " + expected.dump() + " beyond int64";
  }
  if (v.GetInt64() != want) return at + ": floe " + v.ToString() + ", expected " + expected.dump();
  return "";
}

TEST(ParquetExpectedValuesTest, ArrowBlogsMatchesItsJson) {
  FLOE_REQUIRE_CORPUS();
  const std::string dir =
      *test::CorpusRoot() + "/parquet-extra/arrow-testing/data/parquet/generated_simple_numerics";
  ASSERT_OK_AND_ASSIGN(json expected, ReadJsonFile(dir + "/blogs.json"));
  ASSERT_OK_AND_ASSIGN(test::ParquetRows rows, test::ReadParquetRows(dir + "/blogs.parquet"));
  ASSERT_EQ(rows.fields.size(), 2u);
  EXPECT_EQ(rows.fields[0].type.ToString(), "struct<reply_id: int, next_id: int>");
  EXPECT_EQ(rows.fields[1].type.ToString(), "long");
  ASSERT_EQ(rows.rows.size(), expected.size());
  ASSERT_EQ(rows.rows.size(), 500u);
  int matched = 0, nulls = 0;
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    // The row is a struct of its columns.
    std::vector<StructField> fields;
    for (const auto& f : rows.fields) fields.push_back({f.name, f.type, f.field_id});
    ASSERT_OK_AND_ASSIGN(LogicalType row_type, LogicalType::Struct(fields));
    ASSERT_OK_AND_ASSIGN(Value row, Value::Struct(row_type, rows.rows[r]));
    for (const Value& v : rows.rows[r]) nulls += v.is_null() ? 1 : 0;
    std::string d = CompareBlogValue(row, expected[r], fmt::format("row {}", r));
    EXPECT_TRUE(d.empty()) << d;
    if (d.empty()) ++matched;
  }
  std::cout << "arrow-testing blogs: 1 file checked, " << matched << "/" << rows.rows.size()
            << " rows matched (" << nulls << " NULL top-level values), 0 exceptions\n";
  EXPECT_EQ(matched, 500);
  // And it can fail: a changed integer deep in a struct is reported.
  json changed = expected;
  changed[2]["reply"]["next_id"] = -1804048738;
  std::vector<StructField> fields;
  for (const auto& f : rows.fields) fields.push_back({f.name, f.type, f.field_id});
  ASSERT_OK_AND_ASSIGN(LogicalType row_type, LogicalType::Struct(fields));
  ASSERT_OK_AND_ASSIGN(Value row2, Value::Struct(row_type, rows.rows[2]));
  EXPECT_EQ(CompareBlogValue(row2, changed[2], "row 2"),
            "row 2.reply.next_id: floe -1804048739, expected -1804048738");
}

// ---------------------------------------------------------------------------------------------
// The JavaScript behaviours the hyparquet convention replays.

TEST(HyparquetConventionTest, V8PowersOfTen) {
  EXPECT_EQ(test::V8PowTenNegative(0), 1.0);
  EXPECT_EQ(test::V8PowTenNegative(2), 0.01);
  // V8 is not correctly rounded here; the C library is.
  EXPECT_EQ(test::V8PowTenNegative(4), 0.00009999999999999999);
  EXPECT_NE(test::V8PowTenNegative(4), 1e-4);
  EXPECT_EQ(test::V8PowTenNegative(38), 1e-38);
  // -1234567 * 10 ** -2 in node is -12345.67 (hyparquet's issue115decimal.json).
  EXPECT_EQ(-1234567.0 * test::V8PowTenNegative(2), -12345.67);
  EXPECT_EQ(1003858.0 * test::V8PowTenNegative(3), 1003.8580000000001);
}

TEST(HyparquetConventionTest, IsoStrings) {
  EXPECT_EQ(test::JsIsoString(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(test::JsIsoString(1669570963514), "2022-11-27T17:42:43.514Z");
  EXPECT_EQ(test::JsIsoString(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(253402300800000), "+010000-01-01T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(-62198755200000), "-000001-01-01T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(-62167219200000), "0000-01-01T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(8640000000000000), "+275760-09-13T00:00:00.000Z");
  EXPECT_EQ(test::JsIsoString(8640000000000001), std::nullopt);
}

TEST(HyparquetConventionTest, Utf8DecodingReplacesLikeTextDecoder) {
  EXPECT_EQ(test::WhatwgUtf8Decode("abc\xC3\xA9"), "abc\xC3\xA9");
  EXPECT_EQ(test::WhatwgUtf8Decode("\xEF\xBB\xBF"
                                   "a"),
            "a");  // a leading BOM is dropped
  EXPECT_EQ(test::WhatwgUtf8Decode("a\xEF\xBB\xBF"), "a\xEF\xBB\xBF");
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(test::WhatwgUtf8Decode("\xFF"
                                   "a"),
            r + "a");
  EXPECT_EQ(test::WhatwgUtf8Decode("\xC3"), r);  // truncated at the end
  EXPECT_EQ(test::WhatwgUtf8Decode("\xE2\x82"
                                   "a"),
            r + "a");                                            // one U+FFFD per maximal subpart
  EXPECT_EQ(test::WhatwgUtf8Decode("\xED\xA0\x80"), r + r + r);  // a surrogate: three errors
  EXPECT_EQ(test::WhatwgUtf8Decode("\xF0\x9F\x9A\x80"), "\xF0\x9F\x9A\x80");
  EXPECT_EQ(test::WhatwgUtf8Decode("\xC0\xAF"), r + r);  // overlong
}

TEST(HyparquetConventionTest, NumberToString) {
  EXPECT_EQ(test::JsNumberToString(1), "1");
  EXPECT_EQ(test::JsNumberToString(-0.0), "0");
  EXPECT_EQ(test::JsNumberToString(1.5), "1.5");
  EXPECT_EQ(test::JsNumberToString(0.000001), "0.000001");
  EXPECT_EQ(test::JsNumberToString(1e-7), "1e-7");
  EXPECT_EQ(test::JsNumberToString(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(test::JsNumberToString(1e21), "1e+21");
  EXPECT_EQ(test::JsNumberToString(1.25e22), "1.25e+22");
  EXPECT_EQ(test::JsNumberToString(0.1 + 0.2), "0.30000000000000004");
}

TEST(HyparquetConventionTest, ComparisonIsExactBelowTwoToThe53) {
  using test::CompareJsJson;
  EXPECT_EQ(CompareJsJson(json(1), json(1.0), "x"), "");
  EXPECT_NE(CompareJsJson(json(int64_t{9007199254740991}), json(int64_t{9007199254740990}), "x"),
            "");
  // Beyond 2^53 JSON.parse keeps only the double.
  EXPECT_EQ(CompareJsJson(json(int64_t{94251302258849571}), json(int64_t{94251302258849570}), "x"),
            "");
  EXPECT_EQ(CompareJsJson(json(uint64_t{18446744073709551615u}), json(18446744073709551616.0), "x"),
            "");
  EXPECT_EQ(CompareJsJson(json(-0.0), json(0), "x"), "");
  EXPECT_NE(CompareJsJson(json(nullptr), json(0), "x"), "");
  EXPECT_NE(CompareJsJson(json("1"), json(1), "x"), "");
  EXPECT_NE(CompareJsJson(json::object({{"a", 1}}), json::object(), "x"), "");
  EXPECT_NE(CompareJsJson(json::array({1, 2}), json::array({2, 1}), "x"), "");
}

}  // namespace
}  // namespace floe::parquet
