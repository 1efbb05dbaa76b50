// Nested types (struct, list, map, and each inside the others) written by
// ParquetWriter and read back by DuckDB: NULL versus empty collections, NULL
// structs, NULL map values, required children, and page splits inside
// repeated columns.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;

LogicalType Struct(std::vector<StructField> fields) {
  return LogicalType::Struct(std::move(fields)).value();
}

Value List(const LogicalType& type, std::vector<Value> elements) {
  return Value::List(type, std::move(elements)).value();
}

Value Map(const LogicalType& type, std::vector<std::pair<Value, Value>> entries) {
  return Value::Map(type, std::move(entries)).value();
}

Value StructValue(const LogicalType& type, std::vector<Value> fields) {
  return Value::Struct(type, std::move(fields)).value();
}

void ExpectSameRows(const QueryResult& read, const std::vector<std::vector<Value>>& rows) {
  const std::vector<QueryRow> expected = CanonicalRows(rows);
  ASSERT_EQ(read.rows.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(read.rows[i], expected[i]) << "row " << i;
  }
}

TEST(ParquetWriterNestedTest, NullVersusEmptyCollectionsAndNullStructs) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/nulls.parquet";
  const LogicalType ints = LogicalType::List(LogicalType::Int32(), 11);
  const LogicalType point =
      Struct({{"x", LogicalType::Int32(), 21}, {"y", LogicalType::String(), 22}});
  const LogicalType dict = LogicalType::Map(LogicalType::String(), LogicalType::Int64(), 31, 32);
  const std::vector<WriterField> fields = {
      WriterField::FromType("id", LogicalType::Int32(), 1, false),
      WriterField::FromType("ints", ints, 10), WriterField::FromType("point", point, 20),
      WriterField::FromType("dict", dict, 30)};
  const Value null_int = Value::Null(LogicalType::Int32());
  const Value null_string = Value::Null(LogicalType::String());
  const Value null_long = Value::Null(LogicalType::Int64());
  auto s = [](const char* text) { return Value::String(text); };
  const std::vector<std::vector<Value>> rows = {
      {Value::Int32(0), Value::Null(ints), Value::Null(point), Value::Null(dict)},
      {Value::Int32(1), List(ints, {}), StructValue(point, {null_int, null_string}), Map(dict, {})},
      {Value::Int32(2), List(ints, {null_int}), StructValue(point, {Value::Int32(5), null_string}),
       Map(dict, {{s("a"), null_long}})},
      {Value::Int32(3), List(ints, {Value::Int32(1), null_int, Value::Int32(3)}),
       StructValue(point, {null_int, s("")}),
       Map(dict, {{s("a"), Value::Int64(1)}, {s("b"), null_long}, {s(""), Value::Int64(-3)}})},
      {Value::Int32(4), List(ints, {null_int, null_int}), Value::Null(point), Map(dict, {})},
      {Value::Int32(5), Value::Null(ints), StructValue(point, {Value::Int32(-1), s("y")}),
       Value::Null(dict)},
  };
  for (DataPageVersion version : {DataPageVersion::kV1, DataPageVersion::kV2}) {
    ParquetWriterOptions options;
    options.data_page_version = version;
    ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, options));
    ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
    ExpectSameRows(read, rows);
    // DuckDB tells NULL from empty: count them on its side.
    ASSERT_OK_AND_ASSIGN(
        QueryResult counts,
        oracle->Query(
            fmt::format("SELECT count(*) FILTER (ints IS NULL), count(*) FILTER (len(ints) = 0), "
                        "count(*) FILTER (point IS NULL), count(*) FILTER (point.x IS NULL), "
                        "count(*) FILTER (dict IS NULL), count(*) FILTER (cardinality(dict) = 0) "
                        "FROM read_parquet('{}')",
                        path)));
    EXPECT_EQ(counts.rows, (std::vector<QueryRow>{{"2", "1", "2", "4", "2", "2"}}));

    // Levels: one per row for a NULL or empty list, one per element otherwise.
    EXPECT_EQ(result.columns[1].dotted_path, "ints.list.element");
    EXPECT_EQ(result.columns[1].value_count, 2 + 1 + 1 + 3 + 2);
    EXPECT_EQ(result.columns[1].null_count, 2 + 1 + 1 + 1 + 2);
    EXPECT_EQ(result.columns[4].dotted_path, "dict.key_value.key");
    EXPECT_EQ(result.columns[4].value_count, 1 + 1 + 1 + 3 + 1 + 1);
    EXPECT_EQ(result.columns[5].dotted_path, "dict.key_value.value");
    EXPECT_EQ(result.columns[5].null_count, 4 + 2);  // NULL or empty maps, NULL values
  }
}

TEST(ParquetWriterNestedTest, CollectionsInsideCollections) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/deep.parquet";
  const LogicalType strings = LogicalType::List(LogicalType::String());
  const LogicalType item = Struct({{"a", LogicalType::Int32()}, {"tags", strings}});
  const LogicalType items = LogicalType::List(item);
  const LogicalType matrix = LogicalType::List(LogicalType::List(LogicalType::Int64()));
  const LogicalType by_key =
      LogicalType::Map(LogicalType::Int32(), LogicalType::List(LogicalType::Double()));
  const LogicalType inner_map = LogicalType::Map(LogicalType::String(), LogicalType::String());
  const LogicalType wrapper =
      Struct({{"inner", Struct({{"m", inner_map}, {"z", LogicalType::Boolean()}})}});
  const LogicalType list_of_maps = LogicalType::List(inner_map);
  const std::vector<WriterField> fields = {
      WriterField::FromType("items", items), WriterField::FromType("matrix", matrix),
      WriterField::FromType("by_key", by_key), WriterField::FromType("wrapper", wrapper),
      WriterField::FromType("list_of_maps", list_of_maps)};
  auto s = [](const std::string& text) { return Value::String(text); };
  const Value null_string = Value::Null(LogicalType::String());
  const LogicalType longs = LogicalType::List(LogicalType::Int64());
  const LogicalType doubles = LogicalType::List(LogicalType::Double());
  const LogicalType inner = wrapper.child_type(0);
  std::vector<std::vector<Value>> rows = {
      {List(items, {StructValue(item, {Value::Int32(1), List(strings, {s("x"), null_string})}),
                    Value::Null(item),
                    StructValue(item, {Value::Null(LogicalType::Int32()), Value::Null(strings)}),
                    StructValue(item, {Value::Int32(2), List(strings, {})})}),
       List(matrix, {List(longs, {Value::Int64(1), Value::Int64(2)}), List(longs, {}),
                     Value::Null(longs), List(longs, {Value::Null(LogicalType::Int64())})}),
       Map(by_key, {{Value::Int32(1), List(doubles, {Value::Double(0.5)})},
                    {Value::Int32(2), Value::Null(doubles)},
                    {Value::Int32(3), List(doubles, {})}}),
       StructValue(wrapper, {StructValue(inner, {Map(inner_map, {{s("k"), s("v")}}),
                                                 Value::Boolean(true)})}),
       List(list_of_maps,
            {Map(inner_map, {}), Value::Null(inner_map), Map(inner_map, {{s("a"), null_string}})})},
      {List(items, {}), List(matrix, {}), Map(by_key, {}),
       StructValue(wrapper, {Value::Null(inner)}), List(list_of_maps, {})},
      {Value::Null(items), Value::Null(matrix), Value::Null(by_key), Value::Null(wrapper),
       Value::Null(list_of_maps)},
      {List(items, {Value::Null(item)}), List(matrix, {Value::Null(longs)}),
       Map(by_key, {{Value::Int32(-7), Value::Null(doubles)}}),
       StructValue(wrapper, {StructValue(inner, {Value::Null(inner_map),
                                                 Value::Null(LogicalType::Boolean())})}),
       List(list_of_maps, {Value::Null(inner_map)})},
  };
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);
  std::vector<std::string> paths;
  for (const ParquetColumnMetrics& c : result.columns) paths.push_back(c.dotted_path);
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "items.list.element.a", "items.list.element.tags.list.element",
                       "matrix.list.element.list.element", "by_key.key_value.key",
                       "by_key.key_value.value.list.element", "wrapper.inner.m.key_value.key",
                       "wrapper.inner.m.key_value.value", "wrapper.inner.z",
                       "list_of_maps.list.element.key_value.key",
                       "list_of_maps.list.element.key_value.value"}));
}

// A random value of `type`: NULLs, empty collections, and nesting.
Value RandomValue(std::mt19937_64& rng, const LogicalType& type, bool nullable) {
  if (nullable && rng() % 5 == 0) return Value::Null(type);
  switch (type.id()) {
    case TypeId::kInt32:
      return Value::Int32(static_cast<int32_t>(rng() % 1000) - 500);
    case TypeId::kInt64:
      return Value::Int64(static_cast<int64_t>(rng()));
    case TypeId::kString:
      return Value::String(std::string(rng() % 6, static_cast<char>('a' + rng() % 26)));
    case TypeId::kDouble:
      return Value::Double(static_cast<double>(rng() % 100000) / 8);
    case TypeId::kBoolean:
      return Value::Boolean(rng() & 1);
    case TypeId::kList: {
      std::vector<Value> elements;
      const size_t n = rng() % 4;
      for (size_t i = 0; i < n; ++i) elements.push_back(RandomValue(rng, type.child_type(0), true));
      return List(type, std::move(elements));
    }
    case TypeId::kMap: {
      std::vector<std::pair<Value, Value>> entries;
      const size_t n = rng() % 4;
      for (size_t i = 0; i < n; ++i) {
        // Distinct keys: DuckDB refuses duplicate map keys.
        Value key = type.child_type(0).id() == TypeId::kString
                        ? Value::String("k" + std::to_string(i))
                        : Value::Int32(static_cast<int32_t>(i * 7));
        entries.emplace_back(key, RandomValue(rng, type.child_type(1), true));
      }
      return Map(type, std::move(entries));
    }
    case TypeId::kStruct: {
      std::vector<Value> values;
      for (const StructField& f : type.children()) values.push_back(RandomValue(rng, f.type, true));
      return StructValue(type, std::move(values));
    }
    default:
      ADD_FAILURE() << "unexpected type " << type.ToString();
      return Value::Null(type);
  }
}

struct PageLayout {
  DataPageVersion version;
  int64_t page_size;
  int64_t max_rows_per_page;
};

class ParquetWriterNestedRandomTest : public ::testing::TestWithParam<PageLayout> {};

TEST_P(ParquetWriterNestedRandomTest, RandomNestedValuesReadBackInDuckDb) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/random.parquet";
  const LogicalType leaf_struct =
      Struct({{"n", LogicalType::Int32()}, {"names", LogicalType::List(LogicalType::String())}});
  const std::vector<WriterField> fields = {
      WriterField::FromType("id", LogicalType::Int64(), 1, false),
      WriterField::FromType("a", LogicalType::List(LogicalType::List(LogicalType::Int32()))),
      WriterField::FromType("b", LogicalType::Map(LogicalType::String(), leaf_struct)),
      WriterField::FromType(
          "c", Struct({{"d", LogicalType::List(leaf_struct)},
                       {"e", LogicalType::Double()},
                       {"f", LogicalType::Map(LogicalType::Int32(),
                                              LogicalType::List(LogicalType::Boolean()))}})),
      WriterField::FromType(
          "g", LogicalType::List(LogicalType::Map(LogicalType::String(),
                                                  LogicalType::List(LogicalType::Int64()))))};
  std::mt19937_64 rng(1234);
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 3000; ++i) {
    std::vector<Value> row = {Value::Int64(i)};
    for (size_t f = 1; f < fields.size(); ++f)
      row.push_back(RandomValue(rng, fields[f].type, true));
    rows.push_back(std::move(row));
  }
  ParquetWriterOptions options;
  options.data_page_version = GetParam().version;
  options.page_size = GetParam().page_size;
  options.max_rows_per_page = GetParam().max_rows_per_page;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, options, 1000));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);

  // Pages start on row boundaries: the offset index's first rows ascend, and
  // with a row limit every page but the last of a chunk holds exactly it.
  ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
  ASSERT_OK_AND_ASSIGN(std::vector<format::OffsetIndex> indexes, ReadOffsetIndexes(path, *footer));
  ASSERT_EQ(indexes.size(), result.columns.size());
  for (const format::OffsetIndex& index : indexes) {
    ASSERT_FALSE(index.page_locations.empty());
    EXPECT_EQ(index.page_locations[0].first_row_index, 0);
    for (size_t p = 1; p < index.page_locations.size(); ++p) {
      const int64_t rows_in_page =
          index.page_locations[p].first_row_index - index.page_locations[p - 1].first_row_index;
      EXPECT_GT(rows_in_page, 0);
      EXPECT_LE(rows_in_page, GetParam().max_rows_per_page);
      if (GetParam().page_size > (int64_t{1} << 20)) {
        EXPECT_EQ(rows_in_page, GetParam().max_rows_per_page);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, ParquetWriterNestedRandomTest,
                         ::testing::Values(PageLayout{DataPageVersion::kV1, int64_t{1} << 20,
                                                      20000},
                                           PageLayout{DataPageVersion::kV1, 300, 20000},
                                           PageLayout{DataPageVersion::kV2, 300, 20000},
                                           PageLayout{DataPageVersion::kV1, int64_t{1} << 30, 7},
                                           PageLayout{DataPageVersion::kV2, int64_t{1} << 30, 1}),
                         [](const ::testing::TestParamInfo<PageLayout>& info) {
                           return fmt::format(
                               "{}_page{}_rows{}",
                               info.param.version == DataPageVersion::kV1 ? "v1" : "v2",
                               info.param.page_size, info.param.max_rows_per_page);
                         });

TEST(ParquetWriterNestedTest, FieldIdsAndRepetitionOnEveryNode) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/ids.parquet";
  // Ids from the LogicalType (struct fields, list element, map key/value) and
  // from the WriterField tree (which also says what is required).
  const LogicalType point =
      Struct({{"x", LogicalType::Int32(), 4}, {"y", LogicalType::Int32(), 5}});
  WriterField points = WriterField::FromType("points", LogicalType::List(point, 3), 2);
  points.children[0].nullable = false;              // required element
  points.children[0].children[1].nullable = false;  // required y
  WriterField tags = WriterField::FromType(
      "tags", LogicalType::Map(LogicalType::String(), LogicalType::String()), 6);
  tags.children[0].field_id = 7;
  tags.children[1].field_id = 8;
  tags.children[1].nullable = false;  // required map value
  const std::vector<WriterField> fields = {
      WriterField::FromType("id", LogicalType::Int64(), 1, false), points, tags};
  const LogicalType map_type = fields[2].type;
  const std::vector<std::vector<Value>> rows = {
      {Value::Int64(1),
       List(fields[1].type,
            {StructValue(point, {Value::Null(LogicalType::Int32()), Value::Int32(2)})}),
       Map(map_type, {{Value::String("a"), Value::String("b")}})},
      {Value::Int64(2), Value::Null(fields[1].type), Value::Null(map_type)},
  };
  ASSERT_OK(WriteRows(path, fields, rows));
  ASSERT_OK_AND_ASSIGN(
      QueryResult schema,
      oracle->Query(fmt::format("SELECT name, repetition_type, field_id, converted_type FROM "
                                "parquet_schema('{}')",
                                path)));
  const QueryCell null = std::nullopt;
  EXPECT_EQ(schema.rows, (std::vector<QueryRow>{
                             {"schema", null, null, null},
                             {"id", "REQUIRED", "1", null},
                             {"points", "OPTIONAL", "2", "LIST"},
                             {"list", "REPEATED", null, null},
                             {"element", "REQUIRED", "3", null},
                             {"x", "OPTIONAL", "4", null},
                             {"y", "REQUIRED", "5", null},
                             {"tags", "OPTIONAL", "6", "MAP"},
                             {"key_value", "REPEATED", null, null},
                             {"key", "REQUIRED", "7", "UTF8"},
                             {"value", "REQUIRED", "8", "UTF8"},
                         }));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);
}

TEST(ParquetWriterNestedTest, NullInARequiredChildIsRefused) {
  TempDir dir;
  const LogicalType point = Struct({{"x", LogicalType::Int32()}});
  WriterField field = WriterField::FromType("p", LogicalType::List(point));
  field.children[0].children[0].nullable = false;
  const std::vector<WriterField> fields = {field};
  const Value null_x = StructValue(point, {Value::Null(LogicalType::Int32())});
  // A NULL struct above the required field is fine; a NULL x in a present
  // struct is not.
  ASSERT_OK(WriteRows(dir.path() + "/ok.parquet", fields,
                      {{List(field.type, {Value::Null(point)})}, {Value::Null(field.type)}}));
  ASSERT_STATUS(kInvalidArgument, "field 'p.element.x' is required but holds a NULL",
                WriteRows(dir.path() + "/bad.parquet", fields, {{List(field.type, {null_x})}}));
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(std::vector<FileInfo> files, io.List(dir.path() + "/"));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].location, dir.path() + "/ok.parquet");
}

}  // namespace
}  // namespace floe::parquet::test
