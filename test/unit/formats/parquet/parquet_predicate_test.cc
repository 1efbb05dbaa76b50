// ParquetPredicate against hand-made statistics and page indexes: every rule
// of parquet_predicate.h, one case at a time.
#include "formats/parquet/parquet_predicate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "unit/formats/parquet/parquet_test_files.h"
#include "unit/formats/parquet/schema_builders.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using test::Rep;
namespace pq = ::floe::parquet::format;

template <typename T>
std::string Bytes(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

pq::Statistics Stats(std::optional<std::string> min, std::optional<std::string> max,
                     std::optional<int64_t> nulls) {
  pq::Statistics s;
  if (min.has_value()) s.__set_min_value(*min);
  if (max.has_value()) s.__set_max_value(*max);
  if (nulls.has_value()) s.__set_null_count(*nulls);
  return s;
}

// One leaf column of the test file.
struct Column {
  std::vector<pq::SchemaElement> elements;  // the field, depth first
  std::vector<std::string> path;            // the leaf's path
  pq::Type::type type;
  std::optional<pq::Statistics> stats;
  int64_t num_values = 100;
};

struct FileOptions {
  bool type_defined_order = true;
  std::string created_by = "parquet-mr version 1.13.1 (build x)";
  int64_t num_rows = 100;
};

std::shared_ptr<const ParquetFileMetadata> MakeFile(std::vector<Column> columns,
                                                    FileOptions options = {}) {
  auto meta = std::make_unique<pq::FileMetaData>();
  std::vector<pq::SchemaElement> schema = {
      test::RootElement("schema", static_cast<int32_t>(columns.size()))};
  pq::RowGroup rg;
  std::vector<pq::ColumnChunk> chunks;
  std::vector<pq::ColumnOrder> orders;
  for (const Column& c : columns) {
    schema.insert(schema.end(), c.elements.begin(), c.elements.end());
    pq::ColumnChunk chunk = test::ColumnChunkAt(c.path, c.type, 4, 16, c.num_values);
    if (c.stats.has_value()) chunk.meta_data.__set_statistics(*c.stats);
    chunks.push_back(chunk);
    pq::ColumnOrder order;
    order.__set_TYPE_ORDER(pq::TypeDefinedOrder());
    orders.push_back(order);
  }
  meta->__set_version(1);
  meta->__set_schema(schema);
  meta->__set_num_rows(options.num_rows);
  rg.__set_columns(chunks);
  rg.__set_num_rows(options.num_rows);
  rg.__set_total_byte_size(16);
  meta->__set_row_groups({rg});
  meta->__set_created_by(options.created_by);
  if (options.type_defined_order) meta->__set_column_orders(orders);
  auto made = ParquetFileMetadata::Make("t.parquet", 1 << 20, 1000, std::move(meta));
  EXPECT_TRUE(made.has_value()) << made.error().ToString();
  return std::move(made).value();
}

Column Leaf(std::string name, pq::Type::type type, std::optional<pq::Statistics> stats,
            Rep::type rep = Rep::OPTIONAL) {
  return Column{{test::Leaf(name, type, rep)}, {name}, type, std::move(stats)};
}
Column WithElement(Column c, pq::SchemaElement e) {
  c.elements = {std::move(e)};
  return c;
}

// Evaluates one term on row group 0.
PruneResult Eval(const std::shared_ptr<const ParquetFileMetadata>& meta, PredicateTerm term) {
  auto bound = BoundParquetPredicate::Bind(ParquetPredicate({std::move(term)}), meta);
  EXPECT_TRUE(bound.has_value()) << bound.error().ToString();
  return bound.has_value() ? bound->EvaluateRowGroup(0) : PruneResult::kSome;
}

constexpr auto kNone = PruneResult::kNone;
constexpr auto kSome = PruneResult::kSome;
constexpr auto kAll = PruneResult::kAll;

PredicateTerm Cmp(std::string column, PredicateOp op, Value v) {
  return ParquetPredicate::Compare(std::move(column), op, std::move(v));
}
using Op = PredicateOp;

TEST(ParquetPredicateTest, IntegerBounds) {
  auto meta =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0))});
  auto i = [](int32_t v) { return Value::Int32(v); };
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, i(5))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, i(10))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, i(21))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kNotEqual, i(15))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kNotEqual, i(25))), kAll);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLess, i(10))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLess, i(11))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLess, i(21))), kAll);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLessEqual, i(9))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLessEqual, i(10))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLessEqual, i(20))), kAll);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreater, i(20))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreater, i(19))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreater, i(9))), kAll);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreaterEqual, i(21))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreaterEqual, i(20))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kGreaterEqual, i(10))), kAll);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {i(1), i(2), i(30)})), kNone);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {i(1), i(15)})), kSome);
  EXPECT_EQ(Eval(meta, ParquetPredicate::IsNull("i")), kNone);
  EXPECT_EQ(Eval(meta, ParquetPredicate::IsNotNull("i")), kAll);
}

TEST(ParquetPredicateTest, SingleValueChunk) {
  auto meta =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(7), Bytes<int32_t>(7), 0))});
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Int32(7))), kAll);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kNotEqual, Value::Int32(7))), kNone);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {Value::Int32(3), Value::Int32(7)})), kAll);
}

TEST(ParquetPredicateTest, NullCounts) {
  auto with_nulls =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 5))});
  EXPECT_EQ(Eval(with_nulls, Cmp("i", Op::kLess, Value::Int32(100))), kSome);  // NULLs do not match
  EXPECT_EQ(Eval(with_nulls, ParquetPredicate::IsNull("i")), kSome);
  EXPECT_EQ(Eval(with_nulls, ParquetPredicate::IsNotNull("i")), kSome);
  EXPECT_EQ(Eval(with_nulls, Cmp("i", Op::kNotEqual, Value::Int32(100))), kSome);

  // All NULL: num_values == null_count, no bounds.
  auto all_null = MakeFile({Leaf("i", pq::Type::INT32, Stats(std::nullopt, std::nullopt, 100))});
  EXPECT_EQ(Eval(all_null, Cmp("i", Op::kEqual, Value::Int32(1))), kNone);
  EXPECT_EQ(Eval(all_null, Cmp("i", Op::kNotEqual, Value::Int32(1))), kNone);
  EXPECT_EQ(Eval(all_null, ParquetPredicate::In("i", {Value::Int32(1)})), kNone);
  EXPECT_EQ(Eval(all_null, ParquetPredicate::IsNotNull("i")), kNone);
  EXPECT_EQ(Eval(all_null, ParquetPredicate::IsNull("i")), kAll);

  // Unknown null count: IS NULL might match; no "all" verdicts.
  auto unknown =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), {}))});
  EXPECT_EQ(Eval(unknown, ParquetPredicate::IsNull("i")), kSome);
  EXPECT_EQ(Eval(unknown, Cmp("i", Op::kLess, Value::Int32(100))), kSome);
  EXPECT_EQ(Eval(unknown, Cmp("i", Op::kLess, Value::Int32(1))), kNone);

  // A required column has no NULLs, statistics or not.
  auto required = MakeFile({Leaf("r", pq::Type::INT32, std::nullopt, Rep::REQUIRED)});
  EXPECT_EQ(Eval(required, ParquetPredicate::IsNull("r")), kNone);
  EXPECT_EQ(Eval(required, ParquetPredicate::IsNotNull("r")), kAll);
  EXPECT_EQ(Eval(required, Cmp("r", Op::kEqual, Value::Int32(1))), kSome);
}

TEST(ParquetPredicateTest, AbsentStatisticsMightMatch) {
  auto meta = MakeFile({Leaf("i", pq::Type::INT32, std::nullopt)});
  for (Op op :
       {Op::kEqual, Op::kNotEqual, Op::kLess, Op::kLessEqual, Op::kGreater, Op::kGreaterEqual}) {
    EXPECT_EQ(Eval(meta, Cmp("i", op, Value::Int32(1))), kSome);
  }
  EXPECT_EQ(Eval(meta, ParquetPredicate::IsNull("i")), kSome);
  EXPECT_EQ(Eval(meta, ParquetPredicate::IsNotNull("i")), kSome);
}

TEST(ParquetPredicateTest, NullLiterals) {
  auto meta = MakeFile({Leaf("i", pq::Type::INT32, std::nullopt)});
  const Value null = Value::Null(LogicalType::Int32());
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, null)), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kNotEqual, null)), kNone);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {null})), kNone);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {null, Value::Int32(3)})), kSome);
}

TEST(ParquetPredicateTest, LiteralsAreCoercedExactlyOrNotUsed) {
  auto meta =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0)),
                Leaf("l", pq::Type::INT64, Stats(Bytes<int64_t>(10), Bytes<int64_t>(20), 0)),
                Leaf("d", pq::Type::DOUBLE, Stats(Bytes<double>(10), Bytes<double>(20), 0))});
  // Exact: compared in the column's type.
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Int64(5))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Int8(15))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Double(5.0))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("l", Op::kLess, Value::Int32(10))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("d", Op::kLess, Value::Int32(10))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("d", Op::kLess, Value::Float(10.0f))), kNone);
  ASSERT_OK_AND_ASSIGN(Value dec, Value::Decimal(2500, 5, 2));  // 25.00
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, dec)), kNone);
  // Not representable: no pruning, though some could prune in theory.
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Int64(int64_t{1} << 40))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Double(5.5))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kLess, Value::Double(5.5))), kSome);
  ASSERT_OK_AND_ASSIGN(Value dec_frac, Value::Decimal(505, 5, 2));  // 5.05
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, dec_frac)), kSome);
  EXPECT_EQ(Eval(meta, Cmp("d", Op::kEqual, Value::Int64((int64_t{1} << 53) + 1))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("d", Op::kEqual, Value::Double(std::nan("")))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::String("5"))), kSome);
  EXPECT_EQ(Eval(meta, ParquetPredicate::In("i", {Value::Int32(1), Value::Double(2.5)})), kSome);
}

TEST(ParquetPredicateTest, FloatingPointNaNAndZero) {
  auto no_nan_count =
      MakeFile({Leaf("f", pq::Type::FLOAT, Stats(Bytes<float>(1), Bytes<float>(2), 0))});
  // NaN rows are outside min/max: >, >= and != cannot prune on bounds alone.
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kGreater, Value::Float(5))), kSome);
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kGreaterEqual, Value::Float(5))), kSome);
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kLess, Value::Float(1))), kNone);
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kLessEqual, Value::Float(0.5))), kNone);
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kEqual, Value::Float(5))), kNone);
  EXPECT_EQ(Eval(no_nan_count, Cmp("f", Op::kLess, Value::Float(5))), kSome);  // not all: NaN

  pq::Statistics s = Stats(Bytes<float>(1), Bytes<float>(2), 0);
  s.__set_nan_count(0);
  auto no_nans = MakeFile({Leaf("f", pq::Type::FLOAT, s)});
  EXPECT_EQ(Eval(no_nans, Cmp("f", Op::kGreater, Value::Float(5))), kNone);
  EXPECT_EQ(Eval(no_nans, Cmp("f", Op::kLess, Value::Float(5))), kAll);

  pq::Statistics one = Stats(Bytes<float>(1), Bytes<float>(1), 0);
  EXPECT_EQ(
      Eval(MakeFile({Leaf("f", pq::Type::FLOAT, one)}), Cmp("f", Op::kNotEqual, Value::Float(1))),
      kSome);
  one.__set_nan_count(0);
  EXPECT_EQ(
      Eval(MakeFile({Leaf("f", pq::Type::FLOAT, one)}), Cmp("f", Op::kNotEqual, Value::Float(1))),
      kNone);

  // A NaN bound drops the bounds.
  auto nan_bound = MakeFile(
      {Leaf("d", pq::Type::DOUBLE, Stats(Bytes<double>(std::nan("")), Bytes<double>(2), 0))});
  EXPECT_EQ(Eval(nan_bound, Cmp("d", Op::kEqual, Value::Double(100))), kSome);

  // Zeros: a +0.0 min may stand for -0.0 values and a -0.0 max for +0.0.
  pq::Statistics zeros = Stats(Bytes<double>(0.0), Bytes<double>(-0.0), 0);
  zeros.__set_nan_count(0);
  auto z = MakeFile({Leaf("d", pq::Type::DOUBLE, zeros)});
  EXPECT_EQ(Eval(z, Cmp("d", Op::kEqual, Value::Double(-0.0))), kAll);
  EXPECT_EQ(Eval(z, Cmp("d", Op::kEqual, Value::Double(0.0))), kAll);
  EXPECT_EQ(Eval(z, Cmp("d", Op::kLess, Value::Double(0.0))), kNone);
  EXPECT_EQ(Eval(z, Cmp("d", Op::kGreater, Value::Double(-0.0))), kNone);
  EXPECT_EQ(Eval(z, Cmp("d", Op::kNotEqual, Value::Double(0.0))), kNone);
}

TEST(ParquetPredicateTest, StringsTruncatedAndUnsigned) {
  auto string_leaf = [](pq::Statistics s) {
    return WithElement(
        Leaf("s", pq::Type::BYTE_ARRAY, s),
        test::Converted(test::Leaf("s", pq::Type::BYTE_ARRAY), pq::ConvertedType::UTF8));
  };
  // Unknown exactness: bounds, but never "all equal".
  auto inexact = MakeFile({string_leaf(Stats("abc", "abc", 0))});
  EXPECT_EQ(Eval(inexact, Cmp("s", Op::kEqual, Value::String("abc"))), kSome);
  EXPECT_EQ(Eval(inexact, Cmp("s", Op::kNotEqual, Value::String("abc"))), kSome);
  EXPECT_EQ(Eval(inexact, Cmp("s", Op::kEqual, Value::String("abd"))), kNone);
  EXPECT_EQ(Eval(inexact, Cmp("s", Op::kLess, Value::String("abd"))), kAll);  // max < "abd"

  pq::Statistics exact = Stats("abc", "abc", 0);
  exact.__set_is_min_value_exact(true);
  exact.__set_is_max_value_exact(true);
  auto e = MakeFile({string_leaf(exact)});
  EXPECT_EQ(Eval(e, Cmp("s", Op::kEqual, Value::String("abc"))), kAll);
  EXPECT_EQ(Eval(e, Cmp("s", Op::kNotEqual, Value::String("abc"))), kNone);

  // Truncated: "abc" <= values <= "abd" (the max was rounded up).
  pq::Statistics truncated = Stats("abc", "abd", 0);
  truncated.__set_is_min_value_exact(false);
  truncated.__set_is_max_value_exact(false);
  auto t = MakeFile({string_leaf(truncated)});
  EXPECT_EQ(Eval(t, Cmp("s", Op::kEqual, Value::String("abcdefgh"))), kSome);
  EXPECT_EQ(Eval(t, Cmp("s", Op::kEqual, Value::String("abb"))), kNone);
  EXPECT_EQ(Eval(t, Cmp("s", Op::kGreater, Value::String("abd"))), kNone);
  EXPECT_EQ(Eval(t, Cmp("s", Op::kLess, Value::String("abc"))), kNone);

  // Unsigned bytes: "\xff" sorts last.
  auto u = MakeFile({string_leaf(Stats("a", "\xff", 0))});
  EXPECT_EQ(Eval(u, Cmp("s", Op::kEqual, Value::String("\x80"))), kSome);
  EXPECT_EQ(Eval(u, Cmp("s", Op::kGreater, Value::String("\xff"))), kNone);
  EXPECT_EQ(Eval(u, Cmp("s", Op::kEqual, Value::Binary("\x01"))), kNone);  // binary literal
}

TEST(ParquetPredicateTest, LegacyStatistics) {
  // Deprecated min/max: trusted for signed types, never for byte arrays.
  pq::Statistics legacy_int;
  legacy_int.__set_min(Bytes<int32_t>(10));
  legacy_int.__set_max(Bytes<int32_t>(20));
  legacy_int.__set_null_count(0);
  pq::Statistics legacy_string;
  legacy_string.__set_min("b");
  legacy_string.__set_max("c");
  FileOptions old;
  old.type_defined_order = false;
  old.created_by = "parquet-mr version 1.6.0";
  auto meta = MakeFile(
      {Leaf("i", pq::Type::INT32, legacy_int), Leaf("s", pq::Type::BYTE_ARRAY, legacy_string)},
      old);
  EXPECT_EQ(Eval(meta, Cmp("i", Op::kEqual, Value::Int32(5))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("s", Op::kEqual, Value::Binary("a"))), kSome);

  // min_value/max_value without column orders: meaning undefined, unused.
  auto no_order =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0))}, old);
  EXPECT_EQ(Eval(no_order, Cmp("i", Op::kEqual, Value::Int32(5))), kSome);
  EXPECT_EQ(Eval(no_order, ParquetPredicate::IsNull("i")), kNone);  // null counts still count

  // Parquet.Net: bounds ignored.
  FileOptions net;
  net.created_by = "Parquet.Net version 4.25.0 (build x)";
  auto pnet =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0))}, net);
  EXPECT_EQ(Eval(pnet, Cmp("i", Op::kEqual, Value::Int32(5))), kSome);

  // min > max: ignored.
  auto inverted =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(20), Bytes<int32_t>(10), 0))});
  EXPECT_EQ(Eval(inverted, Cmp("i", Op::kEqual, Value::Int32(15))), kSome);
  EXPECT_EQ(Eval(inverted, Cmp("i", Op::kEqual, Value::Int32(5))), kSome);

  // INT(8) bounds beyond int8 would wrap like the values: ignored.
  auto tiny = [](pq::Statistics s) {
    return WithElement(Leaf("t", pq::Type::INT32, s),
                       test::Logical(test::Leaf("t", pq::Type::INT32), test::IntLogical(8, true)));
  };
  auto wrapped = MakeFile({tiny(Stats(Bytes<int32_t>(-100), Bytes<int32_t>(200), 0))});
  EXPECT_EQ(Eval(wrapped, Cmp("t", Op::kEqual, Value::Int8(100))), kSome);
  auto fine = MakeFile({tiny(Stats(Bytes<int32_t>(-100), Bytes<int32_t>(50), 0))});
  EXPECT_EQ(Eval(fine, Cmp("t", Op::kEqual, Value::Int8(100))), kNone);
  EXPECT_EQ(Eval(fine, Cmp("t", Op::kEqual, Value::Int32(1000))), kSome);  // out of int8 range
}

TEST(ParquetPredicateTest, DecimalsAndTimestamps) {
  auto dec =
      WithElement(Leaf("dec", pq::Type::INT32, Stats(Bytes<int32_t>(100), Bytes<int32_t>(250), 0)),
                  test::ConvertedDecimal(test::Leaf("dec", pq::Type::INT32), 5, 2));
  auto ts =
      WithElement(Leaf("ts", pq::Type::INT64, Stats(Bytes<int64_t>(5000), Bytes<int64_t>(9000), 0)),
                  test::Logical(test::Leaf("ts", pq::Type::INT64),
                                test::TimestampLogical(test::Unit::kNanos, false)));
  auto meta = MakeFile({dec, ts});
  ASSERT_OK_AND_ASSIGN(Value three, Value::Decimal(30, 3, 1));  // 3.0
  ASSERT_OK_AND_ASSIGN(Value two, Value::Decimal(2, 1, 0));     // 2
  EXPECT_EQ(Eval(meta, Cmp("dec", Op::kEqual, three)), kNone);
  EXPECT_EQ(Eval(meta, Cmp("dec", Op::kEqual, two)), kSome);
  EXPECT_EQ(Eval(meta, Cmp("dec", Op::kLess, Value::Int32(1))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("dec", Op::kLessEqual, Value::Int32(1))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("dec", Op::kLess, Value::Double(1.0))), kSome);  // not coerced
  // Microsecond literals against a nanosecond column.
  EXPECT_EQ(Eval(meta, Cmp("ts", Op::kLess, Value::Timestamp(5))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("ts", Op::kLess, Value::Timestamp(6))), kSome);
  EXPECT_EQ(Eval(meta, Cmp("ts", Op::kGreater, Value::Timestamp(9))), kNone);
  EXPECT_EQ(Eval(meta, Cmp("ts", Op::kLess, Value::TimestampTz(6))), kSome);  // zone differs
  EXPECT_EQ(Eval(meta, Cmp("ts", Op::kEqual, Value::TimestampNs(4999))), kNone);
}

TEST(ParquetPredicateTest, NestedColumns) {
  Column in_struct{{test::Group("st", 1), test::Leaf("a", pq::Type::INT32)},
                   {"st", "a"},
                   pq::Type::INT32,
                   Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0)};
  Column in_list{{test::Logical(test::Group("lst", 1), test::ListLogical()),
                  test::Group("list", 1, Rep::REPEATED), test::Leaf("element", pq::Type::INT32)},
                 {"lst", "list", "element"},
                 pq::Type::INT32,
                 Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0)};
  auto meta = MakeFile({in_struct, in_list});
  EXPECT_EQ(Eval(meta, Cmp("st.a", Op::kEqual, Value::Int32(5))), kNone);
  // Inside a list: what a row matches is not per value; never prunes.
  EXPECT_EQ(Eval(meta, Cmp("lst.list.element", Op::kEqual, Value::Int32(5))), kSome);
  EXPECT_EQ(Eval(meta, ParquetPredicate::IsNull("lst.list.element")), kSome);

  ASSERT_STATUS(
      kNotFound, "no column 'nope'",
      BoundParquetPredicate::Bind(ParquetPredicate({ParquetPredicate::IsNull("nope")}), meta));
  ASSERT_STATUS(
      kInvalidArgument, "is a group",
      BoundParquetPredicate::Bind(ParquetPredicate({ParquetPredicate::IsNull("st")}), meta));
  ASSERT_STATUS(
      kInvalidArgument, "literals",
      BoundParquetPredicate::Bind(ParquetPredicate({PredicateTerm{"st.a", Op::kEqual, {}}}), meta));
  ASSERT_STATUS(
      kInvalidArgument, "literals",
      BoundParquetPredicate::Bind(
          ParquetPredicate({PredicateTerm{"st.a", Op::kIsNull, {Value::Int32(1)}}}), meta));
}

TEST(ParquetPredicateTest, ConjunctionAndText) {
  auto meta =
      MakeFile({Leaf("i", pq::Type::INT32, Stats(Bytes<int32_t>(10), Bytes<int32_t>(20), 0)),
                Leaf("j", pq::Type::INT32, Stats(Bytes<int32_t>(0), Bytes<int32_t>(5), 0))});
  ParquetPredicate p;
  p.And(Cmp("i", Op::kGreaterEqual, Value::Int32(10))).And(Cmp("j", Op::kLess, Value::Int32(3)));
  EXPECT_EQ(p.ToString(), "i >= 10 AND j < 3");
  ASSERT_OK_AND_ASSIGN(auto bound, BoundParquetPredicate::Bind(p, meta));
  EXPECT_EQ(bound.EvaluateRowGroup(0), kSome);
  p.And(Cmp("j", Op::kGreater, Value::Int32(5)));
  ASSERT_OK_AND_ASSIGN(bound, BoundParquetPredicate::Bind(p, meta));
  EXPECT_EQ(bound.EvaluateRowGroup(0), kNone);
  ASSERT_OK_AND_ASSIGN(bound, BoundParquetPredicate::Bind(ParquetPredicate(), meta));
  EXPECT_EQ(bound.EvaluateRowGroup(0), kAll);
  EXPECT_EQ(ParquetPredicate().ToString(), "TRUE");
  EXPECT_EQ(ParquetPredicate::In("s", {Value::String("a"), Value::Int32(1)}).ToString(),
            "s IN ('a', 1)");
}

// Page-level pruning from hand-made page indexes.
TEST(ParquetPredicateTest, PagesToRowRanges) {
  auto meta = MakeFile(
      {Leaf("i", pq::Type::INT32, std::nullopt), Leaf("f", pq::Type::FLOAT, std::nullopt)});
  auto page = [](std::optional<Value> min, std::optional<Value> max, int64_t nulls,
                 bool null_page) {
    PageStatistics p;
    p.min = std::move(min);
    p.max = std::move(max);
    p.null_count = nulls;
    p.null_page = null_page;
    return p;
  };
  ColumnChunkPageIndex i;
  i.column = 0;
  i.offset_index = OffsetIndex{{{4, 10, 0}, {14, 10, 10}, {24, 10, 25}, {34, 10, 60}}};
  i.column_index = ColumnIndex{{page(Value::Int32(0), Value::Int32(9), 0, false),
                                page(Value::Int32(10), Value::Int32(19), 3, false),
                                page(std::nullopt, std::nullopt, 35, true),
                                page(Value::Int32(5), Value::Int32(30), 0, false)},
                               BoundaryOrder::kUnordered,
                               true};
  ColumnChunkPageIndex f;
  f.column = 1;
  f.offset_index = OffsetIndex{{{44, 10, 0}, {54, 10, 50}}};
  f.column_index = ColumnIndex{{page(Value::Float(1), Value::Float(2), 0, false),
                                page(Value::Float(5), Value::Float(6), 0, false)},
                               BoundaryOrder::kAscending,
                               true};
  std::vector<ColumnChunkPageIndex> indexes = {i, f};
  auto rows = [&](ParquetPredicate p) {
    auto bound = BoundParquetPredicate::Bind(p, meta);
    EXPECT_TRUE(bound.has_value());
    return bound->EvaluatePages(0, indexes).ToString();
  };
  EXPECT_EQ(rows(ParquetPredicate({Cmp("i", Op::kEqual, Value::Int32(7))})), "[0, 10) [60, 100)");
  EXPECT_EQ(rows(ParquetPredicate({Cmp("i", Op::kGreater, Value::Int32(19))})), "[60, 100)");
  EXPECT_EQ(rows(ParquetPredicate({ParquetPredicate::IsNull("i")})), "[10, 60)");
  EXPECT_EQ(rows(ParquetPredicate({ParquetPredicate::IsNotNull("i")})), "[0, 25) [60, 100)");
  EXPECT_EQ(rows(ParquetPredicate({Cmp("i", Op::kEqual, Value::Int32(100))})), "{}");
  // Float pages: > cannot prune without NaN counts, < can.
  EXPECT_EQ(rows(ParquetPredicate({Cmp("f", Op::kGreater, Value::Float(3))})), "[0, 100)");
  EXPECT_EQ(rows(ParquetPredicate({Cmp("f", Op::kLess, Value::Float(3))})), "[0, 50)");
  indexes[1].column_index->pages[0].nan_count = 0;
  EXPECT_EQ(rows(ParquetPredicate({Cmp("f", Op::kGreater, Value::Float(3))})), "[50, 100)");
  // Terms intersect across columns whose pages differ.
  EXPECT_EQ(rows(ParquetPredicate({Cmp("i", Op::kGreaterEqual, Value::Int32(10)),
                                   Cmp("f", Op::kLess, Value::Float(3))})),
            "[10, 25)");
  // A column without an index narrows nothing.
  indexes.pop_back();
  EXPECT_EQ(rows(ParquetPredicate({Cmp("f", Op::kLess, Value::Float(0))})), "[0, 100)");
}

}  // namespace
}  // namespace floe::parquet
