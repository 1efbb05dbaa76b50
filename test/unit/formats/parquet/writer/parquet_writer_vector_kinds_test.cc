// Input vectors of every kind - flat, constant, dictionary, nested ones
// included - written by ParquetWriter and read back by DuckDB.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;

// A flat vector holding `values`.
std::shared_ptr<const Vector> FlatOf(const LogicalType& type, const std::vector<Value>& values) {
  Vector v = Vector::Make(type, static_cast<int64_t>(values.size())).value();
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_OK(v.SetValue(static_cast<int64_t>(i), values[i]));
  return std::make_shared<const Vector>(std::move(v));
}

TEST(ParquetWriterVectorKindsTest, ConstantAndDictionaryVectors) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/kinds.parquet";
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  const LogicalType point =
      LogicalType::Struct(
          {{"x", LogicalType::Int32()}, {"tags", LogicalType::List(LogicalType::String())}})
          .value();
  const LogicalType dict_map = LogicalType::Map(LogicalType::String(), LogicalType::Int64());
  const std::vector<WriterField> fields = {
      WriterField::FromType("flat", LogicalType::Int64(), 1, false),
      WriterField::FromType("const_int", LogicalType::Int32(), 2),
      WriterField::FromType("const_str", LogicalType::String(), 3),
      WriterField::FromType("const_null", LogicalType::Double(), 4),
      WriterField::FromType("const_list", ints, 5),
      WriterField::FromType("const_struct", point, 6),
      WriterField::FromType("dict_str", LogicalType::String(), 7),
      WriterField::FromType("dict_list", ints, 8),
      WriterField::FromType("dict_struct", point, 9),
      WriterField::FromType("dict_map", dict_map, 10),
      WriterField::FromType("const_null_list", ints, 11)};
  const LogicalType tags = point.child_type(1);
  const Value a_point =
      Value::Struct(
          point,
          {Value::Int32(7),
           Value::List(tags, {Value::String("p"), Value::Null(LogicalType::String())}).value()})
          .value();
  const auto str_dict =
      FlatOf(LogicalType::String(),
             {Value::String("a long dictionary entry beyond inline"),
              Value::Null(LogicalType::String()), Value::String("b"), Value::String("")});
  const auto list_dict =
      FlatOf(ints, {Value::List(ints, {Value::Int32(1), Value::Int32(2)}).value(),
                    Value::Null(ints), Value::List(ints, {}).value(),
                    Value::List(ints, {Value::Null(LogicalType::Int32())}).value()});
  const auto struct_dict = FlatOf(
      point,
      {a_point, Value::Null(point),
       Value::Struct(point, {Value::Null(LogicalType::Int32()), Value::Null(tags)}).value()});
  const auto map_dict = FlatOf(
      dict_map, {Value::Map(dict_map, {{Value::String("k"), Value::Int64(1)}}).value(),
                 Value::Map(dict_map, {}).value(), Value::Null(dict_map),
                 Value::Map(dict_map, {{Value::String("x"), Value::Null(LogicalType::Int64())},
                                       {Value::String("y"), Value::Int64(-1)}})
                     .value()});

  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, path, fields));
  std::vector<std::vector<Value>> expected;
  std::mt19937_64 rng(3);
  for (int batch = 0; batch < 3; ++batch) {
    const int64_t n = 1000 + batch * 500;
    ASSERT_OK_AND_ASSIGN(DataChunk chunk, DataChunk::Make(TypesOf(fields), {}, n));
    for (int64_t i = 0; i < n; ++i) {
      ASSERT_OK(chunk.column(0).SetValue(i, Value::Int64(batch * 10000 + i)));
    }
    ASSERT_OK(chunk.SetSize(n));
    auto set = [&](size_t column, Result<Vector> vector) {
      ASSERT_TRUE(vector.has_value()) << vector.error().ToString();
      ASSERT_OK(chunk.SetColumn(column, std::move(vector).value()));
    };
    set(1, Vector::MakeConstant(Value::Int32(batch)));
    set(2, Vector::MakeConstant(Value::String(fmt::format("constant string number {}", batch))));
    set(3, Vector::MakeConstant(Value::Null(LogicalType::Double())));
    set(4,
        Vector::MakeConstant(
            Value::List(ints, {Value::Int32(batch), Value::Null(LogicalType::Int32())}).value()));
    set(5, Vector::MakeConstant(batch == 1 ? Value::Null(point) : a_point));
    auto indices = [&](size_t size) {
      std::vector<uint32_t> out(static_cast<size_t>(n));
      for (uint32_t& i : out) i = static_cast<uint32_t>(rng() % size);
      return out;
    };
    set(6, Vector::MakeDictionary(str_dict, indices(4)));
    set(7, Vector::MakeDictionary(list_dict, indices(4)));
    set(8, Vector::MakeDictionary(struct_dict, indices(3)));
    set(9, Vector::MakeDictionary(map_dict, indices(4)));
    set(10, Vector::MakeConstant(Value::Null(ints)));
    for (int64_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (size_t c = 0; c < fields.size(); ++c) row.push_back(chunk.GetValue(c, i));
      expected.push_back(std::move(row));
    }
    ASSERT_OK(writer->Write(chunk));
  }
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, writer->Close());
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  const std::vector<QueryRow> rows = CanonicalRows(expected);
  ASSERT_EQ(read.rows.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(read.rows[i], rows[i]) << "row " << i;
  // The constant NULL column has no bounds, the constant list one value.
  EXPECT_FALSE(result.columns[3].lower_bound.has_value());
  EXPECT_EQ(result.columns[3].null_count, 4500);
}

}  // namespace
}  // namespace floe::parquet::test
