// Every primitive type written by ParquetWriter and read back by DuckDB.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::DuckDbOracle;
using ::floe::test::TempDir;

LogicalType Dec(int p, int s) { return LogicalType::Decimal(p, s).value(); }
LogicalType Fixed(int n) { return LogicalType::Fixed(n).value(); }

std::vector<WriterField> AllPrimitiveFields(bool nullable) {
  std::vector<WriterField> fields;
  int id = 1;
  auto add = [&](std::string name, LogicalType type) {
    fields.push_back(WriterField::FromType(std::move(name), std::move(type), id++, nullable));
  };
  add("b", LogicalType::Boolean());
  add("i8", LogicalType::Int8());
  add("i16", LogicalType::Int16());
  add("i32", LogicalType::Int32());
  add("i64", LogicalType::Int64());
  add("f32", LogicalType::Float());
  add("f64", LogicalType::Double());
  add("d9", Dec(9, 2));
  add("d18", Dec(18, 4));
  add("d38", Dec(38, 10));
  add("date", LogicalType::Date());
  add("time", LogicalType::Time());
  add("ts", LogicalType::Timestamp());
  add("tstz", LogicalType::TimestampTz());
  add("ts_ns", LogicalType::TimestampNs());
  add("tstz_ns", LogicalType::TimestampTzNs());
  add("s", LogicalType::String());
  add("bin", LogicalType::Binary());
  add("fx", Fixed(5));
  add("u", LogicalType::Uuid());
  return fields;
}

std::string RandomBytes(std::mt19937_64& rng, size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// One random row; NULLs with probability `null_rate` per cell.
std::vector<Value> RandomRow(std::mt19937_64& rng, const std::vector<WriterField>& fields,
                             double null_rate) {
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Value> row;
  for (const WriterField& f : fields) {
    if (f.nullable && unit(rng) < null_rate) {
      row.push_back(Value::Null(f.type));
      continue;
    }
    const auto r = static_cast<int64_t>(rng());
    switch (f.type.id()) {
      case TypeId::kBoolean:
        row.push_back(Value::Boolean(r & 1));
        break;
      case TypeId::kInt8:
        row.push_back(Value::Int8(static_cast<int8_t>(r)));
        break;
      case TypeId::kInt16:
        row.push_back(Value::Int16(static_cast<int16_t>(r)));
        break;
      case TypeId::kInt32:
        row.push_back(Value::Int32(static_cast<int32_t>(r)));
        break;
      case TypeId::kInt64:
        row.push_back(Value::Int64(r));
        break;
      case TypeId::kFloat: {
        // An odd mantissa makes the exact decimal expansion longer than the
        // shortest round-trip digits, so there is no tie to break between
        // them, where C++'s and JavaScript's renderings differ.
        auto f = static_cast<float>(unit(rng) * 2000 - 1000);
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        bits |= 1;
        std::memcpy(&f, &bits, 4);
        row.push_back(Value::Float(f));
        break;
      }
      case TypeId::kDouble:
        row.push_back(Value::Double(unit(rng) * 2e12 - 1e12));
        break;
      case TypeId::kDecimal: {
        const int128_t bound = Pow10Int128(f.type.precision());
        int128_t v = (static_cast<int128_t>(static_cast<uint64_t>(rng())) << 64 |
                      static_cast<uint64_t>(rng())) %
                     bound;
        if (v < 0) v = -v;
        if (r & 1) v = -v;
        row.push_back(Value::Decimal(v, f.type.precision(), f.type.scale()).value());
        break;
      }
      case TypeId::kDate:
        row.push_back(Value::Date(static_cast<int32_t>(r % 100000)));
        break;
      case TypeId::kTime:
        row.push_back(Value::Time(static_cast<int64_t>(static_cast<uint64_t>(r) % 86400000000ULL)));
        break;
      case TypeId::kTimestamp:
        row.push_back(Value::Timestamp(r % 4000000000000000LL));
        break;
      case TypeId::kTimestampTz:
        row.push_back(Value::TimestampTz(r % 4000000000000000LL));
        break;
      case TypeId::kTimestampNs:
        row.push_back(Value::TimestampNs(r % 4000000000000000000LL));
        break;
      case TypeId::kTimestampTzNs:
        row.push_back(Value::TimestampTzNs(r % 4000000000000000000LL));
        break;
      case TypeId::kString: {
        std::string s;
        const size_t n = static_cast<size_t>(rng() % 40);
        for (size_t i = 0; i < n; ++i) s += static_cast<char>('a' + rng() % 26);
        if (r % 5 == 0) s += "\xC3\xA9\xE2\x82\xAC";  // é€
        row.push_back(Value::String(s));
        break;
      }
      case TypeId::kBinary:
        row.push_back(Value::Binary(RandomBytes(rng, static_cast<size_t>(rng() % 20))));
        break;
      case TypeId::kFixed:
        row.push_back(Value::Fixed(RandomBytes(rng, 5)).value());
        break;
      case TypeId::kUuid:
        row.push_back(Value::Uuid(RandomBytes(rng, 16)).value());
        break;
      default:
        ADD_FAILURE() << "unexpected type";
    }
  }
  return row;
}

std::vector<std::vector<Value>> RandomRows(const std::vector<WriterField>& fields, size_t n,
                                           double null_rate, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Value>> rows;
  for (size_t i = 0; i < n; ++i) rows.push_back(RandomRow(rng, fields, null_rate));
  return rows;
}

const std::vector<std::string> kAllPrimitiveDuckDbTypes = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(9,2)",
    "DECIMAL(18,4)", "DECIMAL(38,10)", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE",
    "TIMESTAMP_NS",
    // DuckDB has no nanosecond TIMESTAMP WITH TIME ZONE and reads microseconds.
    "TIMESTAMP WITH TIME ZONE", "VARCHAR", "BLOB", "BLOB", "UUID"};

void ExpectSameRows(const QueryResult& read, const std::vector<std::vector<Value>>& rows) {
  const std::vector<QueryRow> expected = CanonicalRows(rows);
  ASSERT_EQ(read.rows.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(read.rows[i], expected[i]) << "row " << i;
  }
}

// (page version, dictionary, codec): every combination of the layouts that
// change how values are encoded.
struct Layout {
  DataPageVersion version;
  bool dictionary;
  CompressionKind codec;
};

class ParquetWriterLayoutTest : public ::testing::TestWithParam<Layout> {
 protected:
  ParquetWriterOptions Options() const {
    ParquetWriterOptions options;
    options.data_page_version = GetParam().version;
    options.enable_dictionary = GetParam().dictionary;
    options.compression = GetParam().codec;
    options.page_size = 4096;  // many pages per column
    return options;
  }
};

TEST_P(ParquetWriterLayoutTest, EveryPrimitiveTypeWithNullsReadsBackInDuckDb) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/all.parquet";
  const std::vector<WriterField> fields = AllPrimitiveFields(true);
  const auto rows = RandomRows(fields, 5000, 0.2, 42);
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, Options()));
  EXPECT_EQ(result.record_count, 5000);
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  EXPECT_EQ(read.column_types, kAllPrimitiveDuckDbTypes);
  ExpectSameRows(read, rows);
}

TEST_P(ParquetWriterLayoutTest, RequiredColumnsReadBackInDuckDb) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/required.parquet";
  const std::vector<WriterField> fields = AllPrimitiveFields(false);
  const auto rows = RandomRows(fields, 3000, 0, 7);
  ASSERT_OK(WriteRows(path, fields, rows, Options()));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);
  ASSERT_OK_AND_ASSIGN(
      QueryResult schema,
      oracle->Query(fmt::format("SELECT DISTINCT repetition_type FROM parquet_schema('{}') "
                                "WHERE name <> 'schema'",
                                path)));
  EXPECT_EQ(schema.rows, (std::vector<QueryRow>{{"REQUIRED"}}));
}

TEST_P(ParquetWriterLayoutTest, NullHeavyAndAllNullColumns) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/nulls.parquet";
  // 99% NULL, then a copy of the fields that is entirely NULL.
  std::vector<WriterField> fields = AllPrimitiveFields(true);
  const size_t n = fields.size();
  for (size_t i = 0; i < n; ++i) {
    WriterField copy = fields[i];
    copy.name = "null_" + copy.name;
    copy.field_id = static_cast<int32_t>(100 + i);
    fields.push_back(copy);
  }
  auto rows = RandomRows(fields, 4000, 0.99, 9);
  for (auto& row : rows) {
    for (size_t i = n; i < row.size(); ++i) row[i] = Value::Null(fields[i].type);
  }
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, Options()));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);

  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format("SELECT path_in_schema, stats_null_count, stats_min_value, "
                                "stats_max_value, num_values FROM parquet_metadata('{}') "
                                "ORDER BY column_id",
                                path)));
  ASSERT_EQ(md.rows.size(), fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    int64_t nulls = 0;
    for (const auto& row : rows) nulls += row[i].is_null() ? 1 : 0;
    EXPECT_EQ(md.rows[i][1], std::to_string(nulls)) << fields[i].name;
    EXPECT_EQ(md.rows[i][4], "4000") << fields[i].name;
    EXPECT_EQ(result.columns[i].null_count, nulls) << fields[i].name;
    EXPECT_EQ(result.columns[i].value_count, 4000) << fields[i].name;
    if (i >= n) {
      EXPECT_EQ(md.rows[i][2], std::nullopt) << fields[i].name;
      EXPECT_EQ(md.rows[i][3], std::nullopt) << fields[i].name;
      EXPECT_FALSE(result.columns[i].lower_bound.has_value()) << fields[i].name;
      EXPECT_FALSE(result.columns[i].upper_bound.has_value()) << fields[i].name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, ParquetWriterLayoutTest,
    ::testing::Values(Layout{DataPageVersion::kV1, true, CompressionKind::kZstd},
                      Layout{DataPageVersion::kV1, false, CompressionKind::kSnappy},
                      Layout{DataPageVersion::kV2, true, CompressionKind::kZstd},
                      Layout{DataPageVersion::kV2, false, CompressionKind::kUncompressed}),
    [](const ::testing::TestParamInfo<Layout>& info) {
      return fmt::format("{}_{}_{}", info.param.version == DataPageVersion::kV1 ? "v1" : "v2",
                         info.param.dictionary ? "dict" : "plain",
                         CompressionKindName(info.param.codec));
    });

TEST(ParquetWriterTypesTest, DecimalsOfEveryPhysicalWidth) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/decimals.parquet";
  // One column per precision from 1 to 38: INT32 up to 9, INT64 up to 18,
  // then FIXED_LEN_BYTE_ARRAY of the fewest bytes.
  std::vector<WriterField> fields;
  for (int p = 1; p <= 38; ++p) {
    fields.push_back(WriterField::FromType(fmt::format("d{}", p), Dec(p, p / 3), p));
  }
  std::vector<std::vector<Value>> rows;
  auto row_of = [&](auto unscaled_of) {
    std::vector<Value> row;
    for (int p = 1; p <= 38; ++p) {
      row.push_back(Value::Decimal(unscaled_of(Pow10Int128(p) - 1), p, p / 3).value());
    }
    rows.push_back(std::move(row));
  };
  row_of([](int128_t max) { return max; });
  row_of([](int128_t max) { return -max; });
  row_of([](int128_t) { return int128_t{0}; });
  row_of([](int128_t) { return int128_t{-1}; });
  row_of([](int128_t) { return int128_t{1}; });
  row_of([](int128_t max) { return max / 2 + 1; });
  row_of([](int128_t max) { return -(max / 3); });
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);

  ASSERT_OK_AND_ASSIGN(
      QueryResult schema,
      oracle->Query(fmt::format("SELECT name, type, type_length, precision, scale, field_id, "
                                "converted_type FROM parquet_schema('{}') WHERE name <> 'schema'",
                                path)));
  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format("SELECT stats_min_value, stats_max_value, stats_min, stats_max "
                                "FROM parquet_metadata('{}') ORDER BY column_id",
                                path)));
  for (int p = 1; p <= 38; ++p) {
    const QueryRow& s = schema.rows[static_cast<size_t>(p - 1)];
    const std::string physical = p <= 9 ? "INT32" : p <= 18 ? "INT64" : "FIXED_LEN_BYTE_ARRAY";
    EXPECT_EQ(s[1], physical) << p;
    if (p > 18) {
      // The fewest bytes whose signed range holds 10^p - 1.
      int bytes = 1;
      while (static_cast<uint128_t>(Pow10Int128(p) - 1) >= (uint128_t{1} << (8 * bytes - 1))) {
        ++bytes;
      }
      EXPECT_EQ(s[2], std::to_string(bytes)) << p;
      EXPECT_EQ(WriterSchema::DecimalByteWidth(p), bytes);
    }
    EXPECT_EQ(s[3], std::to_string(p));
    EXPECT_EQ(s[4], std::to_string(p / 3));
    EXPECT_EQ(s[5], std::to_string(p));
    EXPECT_EQ(s[6], "DECIMAL");
    // Signed order: the extremes are -max and max, in both the new and the
    // deprecated statistics fields.
    const std::string max = ::floe::test::CanonicalDecimal(Pow10Int128(p) - 1, p / 3);
    const std::string min = ::floe::test::CanonicalDecimal(-(Pow10Int128(p) - 1), p / 3);
    const QueryRow& m = md.rows[static_cast<size_t>(p - 1)];
    EXPECT_EQ(m, (QueryRow{min, max, min, max})) << p;
    const ParquetColumnMetrics& metrics = result.columns[static_cast<size_t>(p - 1)];
    EXPECT_TRUE(metrics.lower_bound_exact && metrics.upper_bound_exact);
  }
  // FIXED_LEN_BYTE_ARRAY bounds are big-endian two's complement.
  const ParquetColumnMetrics& d38 = result.columns[37];
  EXPECT_EQ(Hex(*d38.upper_bound), "4b3b4ca85a86c47a098a223fffffffff");
  EXPECT_EQ(Hex(*d38.lower_bound), "b4c4b357a5793b85f675ddc000000001");
}

TEST(ParquetWriterTypesTest, FloatStatisticsLeaveOutNaNAndSignZeros) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/floats.parquet";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<WriterField> fields = {
      WriterField::FromType("mixed", LogicalType::Double(), 1),
      WriterField::FromType("all_nan", LogicalType::Double(), 2),
      WriterField::FromType("zeros", LogicalType::Float(), 3),
      WriterField::FromType("neg_zero_max", LogicalType::Double(), 4),
      WriterField::FromType("pos_zero_min", LogicalType::Float(), 5),
      WriterField::FromType("inf", LogicalType::Double(), 6)};
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<Value>> rows = {
      {Value::Double(nan), Value::Double(nan), Value::Float(0.0f), Value::Double(-0.0),
       Value::Float(0.0f), Value::Double(-inf)},
      {Value::Double(3.5), Value::Double(-nan), Value::Float(-0.0f), Value::Double(-2.0),
       Value::Float(1.5f), Value::Double(inf)},
      {Value::Double(-1.25), Value::Null(LogicalType::Double()), Value::Float(0.0f),
       Value::Double(nan), Value::Float(nan), Value::Double(1.0)},
      {Value::Double(nan), Value::Double(nan), Value::Null(LogicalType::Float()),
       Value::Double(-7.0), Value::Float(2.0f), Value::Null(LogicalType::Double())},
  };
  for (bool dictionary : {true, false}) {
    ParquetWriterOptions options;
    options.enable_dictionary = dictionary;
    ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, options));
    ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
    ExpectSameRows(read, rows);
    ASSERT_OK_AND_ASSIGN(
        QueryResult md,
        oracle->Query(fmt::format("SELECT stats_min_value, stats_max_value, stats_min, stats_max, "
                                  "stats_null_count FROM parquet_metadata('{}') ORDER BY column_id",
                                  path)));
    using R = QueryRow;
    const QueryCell null = std::nullopt;
    EXPECT_EQ(md.rows[0], (R{"-1.25", "3.5", "-1.25", "3.5", "0"}));
    EXPECT_EQ(md.rows[1], (R{null, null, null, null, "1"}));  // only NaN: no bounds
    EXPECT_EQ(md.rows[2], (R{"-0.0", "0.0", "-0.0", "0.0", "1"}));
    EXPECT_EQ(md.rows[3], (R{"-7.0", "0.0", "-7.0", "0.0", "0"}));  // max -0.0 written as +0.0
    EXPECT_EQ(md.rows[4], (R{"-0.0", "2.0", "-0.0", "2.0", "0"}));  // min +0.0 written as -0.0
    // DuckDB shows no statistics for infinite bounds (its own writer writes
    // none either); the footer has them.
    EXPECT_EQ(md.rows[5], (R{null, null, null, null, "1"}));
    ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
    const format::Statistics& inf_stats = footer->column_chunk(0, 5).meta_data.statistics;
    EXPECT_EQ(inf_stats.min_value, Bytes(-inf));
    EXPECT_EQ(inf_stats.max_value, Bytes(inf));
    EXPECT_EQ(result.columns[0].nan_count, 2);
    EXPECT_EQ(result.columns[1].nan_count, 3);
    EXPECT_EQ(result.columns[2].nan_count, 0);
    EXPECT_EQ(result.columns[3].nan_count, 1);
    EXPECT_EQ(result.columns[4].nan_count, 1);
    EXPECT_FALSE(result.columns[1].lower_bound.has_value());
    // -0.0 as a float's little-endian bytes.
    EXPECT_EQ(Hex(*result.columns[2].lower_bound), "00000080");
    EXPECT_EQ(Hex(*result.columns[2].upper_bound), "00000000");
  }
}

TEST(ParquetWriterTypesTest, LongStringsRoundTripAndTheirBoundsAreTruncated) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/long.parquet";
  const std::vector<WriterField> fields = {WriterField::FromType("s", LogicalType::String(), 1),
                                           WriterField::FromType("b", LogicalType::Binary(), 2)};
  std::mt19937_64 rng(5);
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 60; ++i) {
    // Up to 300 KB, and some multi-byte characters straddling the cut.
    std::string s = i == 0 ? std::string(5000, 'a') : std::string(4094, 'b');
    s += i == 1 ? "\xE2\x82\xAC\xE2\x82\xAC" : "\xC3\xA9";
    const size_t extra = static_cast<size_t>(rng() % 300000);
    for (size_t k = 0; k < extra; ++k) s += static_cast<char>('a' + rng() % 26);
    std::string b = i == 2 ? std::string(5000, '\xff') : RandomBytes(rng, extra / 2 + 5000);
    if (i == 3) b = std::string(4096, '\xff') + "x";
    rows.push_back({Value::String(s), Value::Binary(b)});
  }
  ParquetWriterOptions options;
  options.page_size = 64 * 1024;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, fields, rows, options));
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  ExpectSameRows(read, rows);

  // Lower bound: a 4096-byte prefix (cut before the 'é' that would straddle
  // the limit); upper bound: a prefix with its last character incremented.
  const ParquetColumnMetrics& s = result.columns[0];
  ASSERT_TRUE(s.lower_bound && s.upper_bound);
  EXPECT_FALSE(s.lower_bound_exact);
  EXPECT_FALSE(s.upper_bound_exact);
  EXPECT_EQ(*s.lower_bound, std::string(4096, 'a'));
  EXPECT_EQ(*s.upper_bound, std::string(4093, 'b') + "c");
  // Binary: the maximum is 5000 0xFF bytes, which no shorter value bounds,
  // so it is kept whole.
  const ParquetColumnMetrics& b = result.columns[1];
  EXPECT_TRUE(b.upper_bound_exact);
  EXPECT_TRUE(*b.upper_bound == std::string(5000, '\xff'));
  EXPECT_FALSE(b.lower_bound_exact);
  EXPECT_EQ(b.lower_bound->size(), 4096u);
  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format("SELECT min_is_exact, max_is_exact, length(stats_min_value), "
                                "length(stats_max_value) FROM parquet_metadata('{}') "
                                "ORDER BY column_id",
                                path)));
  EXPECT_EQ(md.rows[0], (QueryRow{"false", "false", "4096", "4094"}));
}

}  // namespace
}  // namespace floe::parquet::test
