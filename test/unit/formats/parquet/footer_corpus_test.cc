// ReadParquetFooter and ParquetSchema on the shared corpus: every Parquet
// file written by another engine, every corrupt file and fuzz reproducer
// either parses or fails with a Status (never a crash), and a few files match
// facts checked with DuckDB (parquet_file_metadata / parquet_schema /
// parquet_metadata; levels derived from its repetition types).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "formats/parquet/footer_reader.h"
#include "io/local_file_io.h"
#include "util/corpus.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;

Result<std::shared_ptr<const ParquetFileMetadata>> ReadFooterAt(const std::string& path) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  return ReadParquetFooter(*file);
}

std::string Root() { return *::floe::test::CorpusRoot(); }

Result<std::shared_ptr<const ParquetFileMetadata>> ReadCorpusFile(const std::string& relative) {
  return ReadFooterAt(Root() + "/" + relative);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Is this corpus file (relative path) one that claims to be Parquet?
bool LooksLikeParquet(const std::string& relative) {
  const std::string name = Lower(fs::path(relative).filename().string());
  if (EndsWith(name, ".parquet") || EndsWith(name, ".parq") || EndsWith(name, ".fuzz") ||
      EndsWith(name, ".parquet.encrypted")) {
    return true;
  }
  // Fuzz reproducers have no extension.
  return relative.find("/fuzzing/") != std::string::npos && fs::path(relative).extension().empty();
}

// Every Parquet file of the corpus, relative to its root, sorted: all of
// parquet-testing/ and parquet-extra/, plus the Parquet entries of
// known_inputs.json.
std::vector<std::string> CorpusParquetFiles() {
  std::set<std::string> files;
  for (const char* top : {"parquet-testing", "parquet-extra"}) {
    fs::path dir = fs::path(Root()) / top;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::string relative = fs::relative(entry.path(), Root()).string();
      if (LooksLikeParquet(relative)) files.insert(relative);
    }
  }
  std::ifstream in(Root() + "/known_inputs.json");
  if (in) {
    auto known = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    for (const auto& [list, entries] : known.items()) {
      if (!entries.is_array()) continue;
      for (const auto& entry : entries) {
        std::string path = entry.value("path", "");
        if (path.rfind("parquet-", 0) == 0 && fs::is_regular_file(Root() + "/" + path)) {
          files.insert(path);
        }
      }
    }
  }
  return {files.begin(), files.end()};
}

std::set<std::string> KnownInputs(const std::string& list) {
  std::set<std::string> out;
  std::ifstream in(Root() + "/known_inputs.json");
  auto known = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (known.is_object() && known.contains(list)) {
    for (const auto& entry : known[list]) out.insert(entry.value("path", ""));
  }
  return out;
}

// A short name for why a footer was refused, for the summary.
std::string Category(const Status& st) {
  const std::string& m = st.message();
  if (st.IsNotSupported()) {
    if (m.find("encrypted footer (PARE)") != std::string::npos) return "NotSupported: PARE footer";
    if (m.find("encrypted") != std::string::npos) return "NotSupported: encrypted columns";
    if (m.find("unknown compression codec") != std::string::npos) {
      return "NotSupported: unknown codec";
    }
    if (m.find("unknown encoding") != std::string::npos) return "NotSupported: unknown encoding";
    return "NotSupported: other";
  }
  if (st.IsCorruption()) {
    if (m.find("not a Parquet file") != std::string::npos) return "Corruption: magic/size";
    if (m.find("invalid footer: length") != std::string::npos ||
        m.find("its length is 0") != std::string::npos) {
      return "Corruption: footer length";
    }
    if (m.find("invalid schema") != std::string::npos) return "Corruption: schema";
    if (m.find("invalid footer") != std::string::npos) return "Corruption: thrift decode";
    if (m.find("row group") != std::string::npos) return "Corruption: row group/column chunk";
    return "Corruption: other";
  }
  return "UNEXPECTED " + std::string(StatusCodeName(st.code()));
}

// Checks that hold for every footer that parsed.
void CheckInvariants(const std::string& relative, const ParquetFileMetadata& meta) {
  const ParquetSchema& schema = meta.schema();
  for (int32_t rg = 0; rg < meta.num_row_groups(); ++rg) {
    ASSERT_EQ(meta.row_group(rg).columns.size(), static_cast<size_t>(schema.num_columns()))
        << relative;
  }
  for (const ColumnDescriptor& column : schema.columns()) {
    const SchemaNode& leaf = schema.node(column.node_index);
    ASSERT_TRUE(leaf.is_leaf()) << relative;
    ASSERT_EQ(column.path.size(), static_cast<size_t>(leaf.depth)) << relative;
    ASSERT_LE(column.max_repetition_level, column.max_definition_level) << relative;
    ASSERT_LE(column.max_definition_level, leaf.depth) << relative;
  }
}

TEST(ParquetFooterCorpusTest, EveryFileParsesOrFailsWithAStatus) {
  FLOE_REQUIRE_CORPUS();
  const std::vector<std::string> files = CorpusParquetFiles();
  ASSERT_GT(files.size(), 500u) << "the corpus looks incomplete";
  std::map<std::string, int> categories;
  std::map<std::string, std::vector<std::string>> examples;
  int parsed = 0;
  int path_mismatches = 0;
  for (const std::string& relative : files) {
    SCOPED_TRACE(relative);
    auto result = ReadCorpusFile(relative);
    if (result.has_value()) {
      ++parsed;
      ++categories["OK"];
      CheckInvariants(relative, **result);
      // path_in_schema is informational; count writers that disagree.
      const auto& meta = **result;
      for (int32_t rg = 0; rg < meta.num_row_groups(); ++rg) {
        for (int32_t c = 0; c < meta.schema().num_columns(); ++c) {
          const auto& path = meta.column_chunk(rg, c).meta_data.path_in_schema;
          if (path != meta.schema().column(c).path) {
            ++path_mismatches;
            examples["OK, path_in_schema differs"].push_back(
                relative + ": '" + fmt::format("{}", fmt::join(path, ".")) + "' for '" +
                meta.schema().column(c).dotted_path + "'");
          }
        }
      }
      continue;
    }
    const Status& st = result.error();
    EXPECT_TRUE(st.IsCorruption() || st.IsNotSupported()) << st.ToString();
    EXPECT_NE(st.message().find(relative), std::string::npos)
        << "the message should name the file: " << st.ToString();
    const std::string category = Category(st);
    ++categories[category];
    if (relative.find("/fuzzing/") == std::string::npos) {
      std::string message = st.message();
      const size_t at = message.find(Root() + "/");
      if (at != std::string::npos) message.erase(0, at + Root().size() + 1);
      examples[category].push_back(message);
    }
  }
  std::cout << "[ corpus ] " << files.size() << " Parquet files: " << parsed << " parsed, "
            << files.size() - static_cast<size_t>(parsed) << " refused; " << path_mismatches
            << " column chunks whose path_in_schema differs from the schema\n";
  for (const auto& [category, count] : categories) {
    std::cout << "[ corpus ]   " << count << "  " << category << "\n";
  }
  for (const auto& [category, list] : examples) {
    for (const std::string& line : list) std::cout << "[ " << category << " ] " << line << "\n";
  }
}

// Every file of parquet-testing/data is a valid file from a real writer.
TEST(ParquetFooterCorpusTest, ConformanceFilesAllParse) {
  FLOE_REQUIRE_CORPUS();
  int count = 0;
  for (const auto& entry : fs::directory_iterator(Root() + "/parquet-testing/data")) {
    if (entry.path().extension() != ".parquet") continue;
    ++count;
    const std::string relative = "parquet-testing/data/" + entry.path().filename().string();
    auto result = ReadCorpusFile(relative);
    EXPECT_TRUE(result.has_value()) << relative << ": " << result.error().ToString();
  }
  EXPECT_GT(count, 60);
}

// parquet_file_metadata + parquet_schema from DuckDB 1.5 for every
// parquet-testing/data file it reads: num_rows, row groups, leaf columns.
TEST(ParquetFooterCorpusTest, MatchesDuckDBOnConformanceFiles) {
  FLOE_REQUIRE_CORPUS();
  struct Fact {
    const char* file;
    int64_t num_rows;
    int32_t row_groups;
    int32_t leaves;
  };
  const Fact facts[] = {
      {"alltypes_dictionary.parquet", 2, 1, 11},
      {"alltypes_plain.parquet", 8, 1, 11},
      {"alltypes_plain.snappy.parquet", 2, 1, 11},
      {"alltypes_tiny_pages.parquet", 7300, 1, 13},
      {"alltypes_tiny_pages_plain.parquet", 7300, 1, 13},
      {"binary.parquet", 12, 1, 1},
      {"binary_truncated_min_max.parquet", 12, 1, 6},
      {"byte_array_decimal.parquet", 24, 1, 1},
      {"byte_stream_split.zstd.parquet", 300, 1, 2},
      {"byte_stream_split_extended.gzip.parquet", 200, 1, 14},
      {"column_chunk_key_value_metadata.parquet", 0, 1, 2},
      {"concatenated_gzip_members.parquet", 513, 1, 1},
      {"data_index_bloom_encoding_stats.parquet", 14, 1, 1},
      {"data_index_bloom_encoding_with_length.parquet", 14, 1, 1},
      {"datapage_v1-corrupt-checksum.parquet", 5120, 1, 2},
      {"datapage_v1-snappy-compressed-checksum.parquet", 5120, 1, 2},
      {"datapage_v1-uncompressed-checksum.parquet", 5120, 1, 2},
      {"datapage_v2.snappy.parquet", 5, 1, 5},
      {"datapage_v2_empty_datapage.snappy.parquet", 1, 1, 1},
      {"delta_binary_packed.parquet", 200, 1, 66},
      {"delta_byte_array.parquet", 1000, 1, 9},
      {"delta_encoding_optional_column.parquet", 100, 1, 17},
      {"delta_encoding_required_column.parquet", 100, 1, 17},
      {"delta_length_byte_array.parquet", 1000, 1, 1},
      {"dict-page-offset-zero.parquet", 39, 1, 1},
      {"fixed_length_byte_array.parquet", 1000, 1, 1},
      {"fixed_length_decimal.parquet", 24, 1, 1},
      {"fixed_length_decimal_legacy.parquet", 24, 1, 1},
      {"float16_nonzeros_and_nans.parquet", 8, 1, 1},
      {"float16_zeros_and_nans.parquet", 3, 1, 1},
      {"floating_orders_nan_count.parquet", 50, 5, 6},
      {"hadoop_lz4_compressed.parquet", 4, 1, 3},
      {"hadoop_lz4_compressed_larger.parquet", 10000, 1, 1},
      {"incorrect_map_schema.parquet", 1, 1, 2},
      {"int32_decimal.parquet", 24, 1, 1},
      {"int32_with_null_pages.parquet", 1000, 1, 1},
      {"int64_decimal.parquet", 24, 1, 1},
      {"int96_from_spark.parquet", 6, 1, 1},
      {"large_string_map.brotli.parquet", 2, 1, 2},
      {"list_columns.parquet", 3, 1, 2},
      {"lz4_raw_compressed.parquet", 4, 1, 3},
      {"lz4_raw_compressed_larger.parquet", 10000, 1, 1},
      {"nan_in_stats.parquet", 2, 1, 1},
      {"nation.dict-malformed.parquet", 25, 1, 4},
      {"nested_lists.snappy.parquet", 3, 1, 2},
      {"nested_maps.snappy.parquet", 6, 1, 5},
      {"nested_structs.rust.parquet", 1, 1, 216},
      {"non_hadoop_lz4_compressed.parquet", 4, 1, 3},
      {"nonnullable.impala.parquet", 1, 1, 13},
      {"null_list.parquet", 1, 1, 1},
      {"nullable.impala.parquet", 7, 1, 13},
      {"nulls.snappy.parquet", 8, 1, 1},
      {"old_list_structure.parquet", 1, 1, 1},
      {"overflow_i16_page_cnt.parquet", 40000, 1, 1},
      {"page_v2_empty_compressed.parquet", 10, 1, 1},
      {"plain-dict-uncompressed-checksum.parquet", 1000, 1, 2},
      {"repeated_no_annotation.parquet", 0, 1, 3},
      {"repeated_primitive_no_list.parquet", 4, 1, 4},
      {"rle-dict-snappy-checksum.parquet", 1000, 1, 2},
      {"rle-dict-uncompressed-corrupt-checksum.parquet", 1000, 1, 2},
      {"rle_boolean_encoding.parquet", 68, 1, 1},
      {"single_nan.parquet", 1, 1, 1},
      {"sort_columns.parquet", 6, 2, 2},
      {"unknown-logical-type.parquet", 3, 1, 2},
  };
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.file);
    ASSERT_OK_AND_ASSIGN(auto meta,
                         ReadCorpusFile(std::string("parquet-testing/data/") + fact.file));
    EXPECT_EQ(meta->num_rows(), fact.num_rows);
    EXPECT_EQ(meta->num_row_groups(), fact.row_groups);
    EXPECT_EQ(meta->schema().num_columns(), fact.leaves);
  }
}

std::vector<std::string> ColumnPaths(const ParquetSchema& schema) {
  std::vector<std::string> out;
  for (const ColumnDescriptor& c : schema.columns()) out.push_back(c.dotted_path);
  return out;
}

TEST(ParquetFooterCorpusTest, AllTypesPlain) {
  FLOE_REQUIRE_CORPUS();
  ASSERT_OK_AND_ASSIGN(auto meta, ReadCorpusFile("parquet-testing/data/alltypes_plain.parquet"));
  EXPECT_EQ(meta->num_rows(), 8);
  EXPECT_EQ(meta->num_row_groups(), 1);
  EXPECT_EQ(meta->row_group(0).num_rows, 8);
  EXPECT_EQ(meta->created_by(),
            "impala version 1.3.0-INTERNAL (build 8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)");
  const ParquetSchema& schema = meta->schema();
  EXPECT_EQ(schema.root().name, "schema");
  EXPECT_EQ(ColumnPaths(schema),
            (std::vector<std::string>{"id", "bool_col", "tinyint_col", "smallint_col", "int_col",
                                      "bigint_col", "float_col", "double_col", "date_string_col",
                                      "string_col", "timestamp_col"}));
  const PhysicalType types[] = {
      PhysicalType::kInt32,     PhysicalType::kBoolean, PhysicalType::kInt32,
      PhysicalType::kInt32,     PhysicalType::kInt32,   PhysicalType::kInt64,
      PhysicalType::kFloat,     PhysicalType::kDouble,  PhysicalType::kByteArray,
      PhysicalType::kByteArray, PhysicalType::kInt96};
  for (int32_t i = 0; i < schema.num_columns(); ++i) {
    EXPECT_EQ(schema.column(i).physical_type, types[i]) << schema.column(i).dotted_path;
    EXPECT_EQ(schema.column(i).max_definition_level, 1);  // all OPTIONAL
    EXPECT_EQ(schema.column(i).max_repetition_level, 0);
    EXPECT_EQ(meta->column_chunk(0, i).meta_data.path_in_schema, schema.column(i).path);
  }
}

struct Levels {
  std::string path;
  int16_t max_definition_level;
  int16_t max_repetition_level;
};

void ExpectLevels(const ParquetSchema& schema, const std::vector<Levels>& expected) {
  ASSERT_EQ(schema.num_columns(), static_cast<int32_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    const ColumnDescriptor& c = schema.column(static_cast<int32_t>(i));
    EXPECT_EQ(c.dotted_path, expected[i].path);
    EXPECT_EQ(c.max_definition_level, expected[i].max_definition_level) << c.dotted_path;
    EXPECT_EQ(c.max_repetition_level, expected[i].max_repetition_level) << c.dotted_path;
  }
}

TEST(ParquetFooterCorpusTest, NestedListsAndMapsLevels) {
  FLOE_REQUIRE_CORPUS();
  // a: optional LIST of optional LIST of optional LIST of optional UTF8.
  ASSERT_OK_AND_ASSIGN(auto lists,
                       ReadCorpusFile("parquet-testing/data/nested_lists.snappy.parquet"));
  EXPECT_EQ(lists->num_rows(), 3);
  ExpectLevels(lists->schema(), {{"a.list.element.list.element.list.element", 7, 3}, {"b", 0, 0}});
  const SchemaNode& leaf = lists->schema().node(lists->schema().column(0).node_index);
  EXPECT_EQ(leaf.converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(lists->schema().node(1).converted_type, ConvertedType::kList);

  // a: optional MAP<utf8, optional MAP<int32, boolean>>, b, c required.
  ASSERT_OK_AND_ASSIGN(auto maps,
                       ReadCorpusFile("parquet-testing/data/nested_maps.snappy.parquet"));
  EXPECT_EQ(maps->num_rows(), 6);
  ExpectLevels(maps->schema(), {{"a.key_value.key", 2, 1},
                                {"a.key_value.value.key_value.key", 4, 2},
                                {"a.key_value.value.key_value.value", 4, 2},
                                {"b", 0, 0},
                                {"c", 0, 0}});

  // Two-level legacy list: required a (LIST) { repeated array (LIST) { repeated int32 array } }.
  ASSERT_OK_AND_ASSIGN(auto old_list,
                       ReadCorpusFile("parquet-testing/data/old_list_structure.parquet"));
  ExpectLevels(old_list->schema(), {{"a.array.array", 2, 2}});
  EXPECT_TRUE(old_list->schema().node(1).logical_type->__isset.LIST);

  // The footer says 0 rows but its one row group holds 6 (parquet-rs 0.3).
  ASSERT_OK_AND_ASSIGN(auto no_annotation,
                       ReadCorpusFile("parquet-testing/data/repeated_no_annotation.parquet"));
  EXPECT_EQ(no_annotation->num_rows(), 0);
  EXPECT_EQ(no_annotation->row_group(0).num_rows, 6);
  ExpectLevels(
      no_annotation->schema(),
      {{"id", 0, 0}, {"phoneNumbers.phone.number", 2, 1}, {"phoneNumbers.phone.kind", 3, 1}});

  // 36 required structs of 6 required fields each.
  ASSERT_OK_AND_ASSIGN(auto structs,
                       ReadCorpusFile("parquet-testing/data/nested_structs.rust.parquet"));
  ASSERT_EQ(structs->schema().num_columns(), 216);
  EXPECT_EQ(structs->schema().column(0).dotted_path, "roll_num.min");
  EXPECT_EQ(structs->schema().column(215).dotted_path,
            "ul_tz_offset_minutes_ul_observation_date.variance");
  EXPECT_EQ(structs->schema().column(215).max_definition_level, 0);
  EXPECT_EQ(structs->created_by(), "UrbanLogiq");
}

TEST(ParquetFooterCorpusTest, AnnotationsMatchDuckDB) {
  FLOE_REQUIRE_CORPUS();
  ASSERT_OK_AND_ASSIGN(auto decimal,
                       ReadCorpusFile("parquet-testing/data/byte_array_decimal.parquet"));
  const SchemaNode& value = decimal->schema().node(1);
  EXPECT_EQ(value.name, "value");
  EXPECT_EQ(value.physical_type, PhysicalType::kByteArray);
  EXPECT_EQ(value.converted_type, ConvertedType::kDecimal);
  EXPECT_EQ(value.precision, 4);
  EXPECT_EQ(value.scale, 2);
  EXPECT_EQ(value.field_id, 6);
  EXPECT_EQ(value.repetition, Repetition::kOptional);

  ASSERT_OK_AND_ASSIGN(auto uuid, ReadCorpusFile("parquet-extra/hyparquet/files/uuid.parquet"));
  EXPECT_EQ(uuid->created_by(), "hyparquet");
  EXPECT_EQ(uuid->thrift().version, 2);
  const SchemaNode& u = uuid->schema().node(1);
  EXPECT_EQ(u.physical_type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(u.type_length, 16);
  ASSERT_TRUE(u.logical_type.has_value());
  EXPECT_TRUE(u.logical_type->__isset.UUID);

  // An Iceberg data file: field ids live in the Parquet schema.
  ASSERT_OK_AND_ASSIGN(
      auto iceberg,
      ReadCorpusFile("iceberg/duckdb-iceberg/data/persistent/iceberg_v1_deprecated/default/"
                     "legacy_v1/data/category=beta/"
                     "00000-3-f0ac2992-4f01-4ee2-b833-f46763b728bd-0-00002.parquet"));
  const ParquetSchema& schema = iceberg->schema();
  EXPECT_EQ(ColumnPaths(schema), (std::vector<std::string>{"id", "category", "amount"}));
  EXPECT_EQ(schema.node(1).field_id, 1);
  EXPECT_EQ(schema.node(2).field_id, 2);
  EXPECT_EQ(schema.node(3).field_id, 3);
  EXPECT_TRUE(schema.node(2).logical_type->__isset.STRING);
  EXPECT_EQ(schema.node(3).repetition, Repetition::kOptional);
}

TEST(ParquetFooterCorpusTest, WriterQuirksAreRead) {
  FLOE_REQUIRE_CORPUS();
  // Converted type 24 ("NULL", from old pandas/parquet-cpp) is ignored.
  ASSERT_OK_AND_ASSIGN(auto empty,
                       ReadCorpusFile("parquet-extra/duckdb/data/parquet-testing/empty.parquet"));
  EXPECT_EQ(empty->num_rows(), 0);
  EXPECT_EQ(ColumnPaths(empty->schema()), (std::vector<std::string>{"col1", "__index_level_0__"}));
  EXPECT_FALSE(empty->schema().node(1).converted_type.has_value());
  // Leaves without a repetition type read as REQUIRED.
  ASSERT_OK_AND_ASSIGN(auto strings,
                       ReadCorpusFile("parquet-extra/hyparquet/files/strings.parquet"));
  ExpectLevels(strings->schema(), {{"bytes", 0, 0}, {"c_utf8", 0, 0}, {"l_utf8", 0, 0}});
  // Empty column chunks at offset 0.
  ASSERT_OK_AND_ASSIGN(auto issue97,
                       ReadCorpusFile("parquet-extra/hyparquet/files/issue97.parquet"));
  EXPECT_EQ(issue97->num_rows(), 0);
  // Impala's 100 nested collections.
  ASSERT_OK_AND_ASSIGN(auto deep, ReadCorpusFile("parquet-extra/impala/max_nesting_depth/parquet/"
                                                 "int_map/file.parq"));
  EXPECT_EQ(deep->schema().num_nodes(), 299);
}

TEST(ParquetFooterCorpusTest, EncryptedFilesAreClearlyNotSupported) {
  FLOE_REQUIRE_CORPUS();
  std::vector<std::string> files;
  for (const char* dir : {"parquet-testing/data", "parquet-testing/data/aes256",
                          "parquet-extra/duckdb/data/parquet-testing/encryption"}) {
    if (!fs::is_directory(Root() + "/" + dir)) continue;
    for (const auto& entry : fs::directory_iterator(Root() + "/" + dir)) {
      const std::string name = entry.path().filename().string();
      if (EndsWith(name, ".parquet.encrypted") ||
          (std::string(dir).find("encryption") != std::string::npos &&
           EndsWith(name, ".parquet"))) {
        files.push_back(std::string(dir) + "/" + name);
      }
    }
  }
  ASSERT_GE(files.size(), 15u);
  int footer_encrypted = 0;
  for (const std::string& relative : files) {
    SCOPED_TRACE(relative);
    auto result = ReadCorpusFile(relative);
    ASSERT_FALSE(result.has_value());
    const Status& st = result.error();
    EXPECT_TRUE(st.IsNotSupported()) << st.ToString();
    EXPECT_NE(st.message().find("encrypted"), std::string::npos) << st.ToString();
    if (st.message().find("encrypted footer (PARE) is not supported") != std::string::npos) {
      ++footer_encrypted;
      EXPECT_EQ(st.message(), "parquet: " + Root() + "/" + relative +
                                  ": encrypted footer (PARE) is not supported");
    }
  }
  EXPECT_GT(footer_encrypted, 0);
  // The plaintext-footer variant has a readable footer whose columns are encrypted.
  ASSERT_STATUS(
      kNotSupported, "encrypted columns are not supported",
      ReadCorpusFile("parquet-testing/data/encrypt_columns_plaintext_footer.parquet.encrypted"));
}

TEST(ParquetFooterCorpusTest, CorruptFootersAreRefused) {
  FLOE_REQUIRE_CORPUS();
  const std::string impala = "parquet-extra/impala/data/";
  ASSERT_STATUS(kCorruption, "not a Parquet file",
                ReadCorpusFile(impala + "bad_magic_number.parquet"));
  ASSERT_STATUS(kCorruption, "invalid", ReadCorpusFile(impala + "bad_metadata_len.parquet"));
  ASSERT_STATUS(kCorruption, "invalid footer",
                ReadCorpusFile(impala + "corrupt_footer_len_decr.parquet"));
  ASSERT_STATUS(kCorruption, "invalid footer",
                ReadCorpusFile(impala + "corrupt_footer_len_incr.parquet"));
  ASSERT_STATUS(kCorruption, "is REPEATED",
                ReadCorpusFile(impala + "repeated_root_schema.parquet"));
  ASSERT_STATUS(kNotSupported, "unknown compression codec 5000",
                ReadCorpusFile(impala + "bad_codec.parquet"));
}

// Files that must be rejected somewhere in a reader: the footer layer may
// accept those whose damage is in the pages, but never crashes on any.
TEST(ParquetFooterCorpusTest, MustRejectFilesNeverCrash) {
  FLOE_REQUIRE_CORPUS();
  int refused = 0;
  int accepted = 0;
  for (const std::string& relative : KnownInputs("must_reject")) {
    if (relative.rfind("parquet-", 0) != 0) continue;
    auto result = ReadCorpusFile(relative);
    if (result.has_value()) {
      ++accepted;
    } else {
      ++refused;
      EXPECT_TRUE(result.error().IsCorruption() || result.error().IsNotSupported())
          << relative << ": " << result.error().ToString();
    }
  }
  std::cout << "[ corpus ] must_reject: " << refused << " refused at the footer, " << accepted
            << " left for the page readers\n";
  EXPECT_GT(refused + accepted, 150);
}

}  // namespace
}  // namespace floe::parquet
