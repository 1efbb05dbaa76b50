// Round trips: random tables of every type, nested and null-heavy, written by
// Floe's writer under random options, must read back identically through
// Floe's reader and cell by cell the same through DuckDB.
#include <gtest/gtest.h>

#include <random>

#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/writer/parquet_writer.h"
#include "io/local_file_io.h"
#include "util/canonical_floe_value.h"
#include "util/duckdb_oracle.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

class RandomTable {
 public:
  explicit RandomTable(uint32_t seed) : rng_(seed) {}

  LogicalType RandomType(int depth) {
    int pick = static_cast<int>(rng_() % (depth < 2 ? 22 : 18));
    switch (pick) {
      case 0:
        return LogicalType::Boolean();
      case 1:
        return LogicalType::Int8();
      case 2:
        return LogicalType::Int16();
      case 3:
        return LogicalType::Int32();
      case 4:
        return LogicalType::Int64();
      case 5:
        return LogicalType::Float();
      case 6:
        return LogicalType::Double();
      case 7:
        return LogicalType::Decimal(9, 2).value();
      case 8:
        return LogicalType::Decimal(18, 4).value();
      case 9:
        return LogicalType::Decimal(38, 10).value();
      case 10:
        return LogicalType::Date();
      case 11:
        return LogicalType::Time();
      case 12:
        return LogicalType::Timestamp();
      case 13:
        return LogicalType::TimestampTz();
      case 14:
        return LogicalType::String();
      case 15:
        return LogicalType::Binary();
      case 16:
        return LogicalType::Uuid();
      case 17:
        return LogicalType::Fixed(5).value();
      case 18:
        return LogicalType::List(RandomType(depth + 1));
      case 19:
        return LogicalType::Map(LogicalType::String(), RandomType(depth + 1));
      default: {
        std::vector<StructField> fields;
        int n = 1 + static_cast<int>(rng_() % 3);
        for (int i = 0; i < n; ++i) {
          fields.push_back(StructField{"f" + std::to_string(i), RandomType(depth + 1)});
        }
        return LogicalType::Struct(std::move(fields)).value();
      }
    }
  }

  Value RandomValue(const LogicalType& t, double null_rate) {
    if (std::uniform_real_distribution<double>(0, 1)(rng_) < null_rate) return Value::Null(t);
    auto r64 = [&] { return static_cast<int64_t>(rng_()); };
    switch (t.id()) {
      case TypeId::kBoolean:
        return Value::Boolean(rng_() % 2);
      case TypeId::kInt8:
        return Value::Int8(static_cast<int8_t>(r64()));
      case TypeId::kInt16:
        return Value::Int16(static_cast<int16_t>(r64()));
      case TypeId::kInt32:
        return Value::Int32(static_cast<int32_t>(r64() % 1000));
      case TypeId::kInt64:
        return Value::Int64(rng_() % 4 == 0 ? INT64_MIN + (r64() & 3) : r64());
      case TypeId::kFloat: {
        float special[] = {0.0f, -0.0f, 1.5f, -3.25e10f, std::numeric_limits<float>::infinity()};
        return Value::Float(special[rng_() % 5]);
      }
      case TypeId::kDouble:
        return Value::Double(static_cast<double>(r64()) / 7.0);
      case TypeId::kDecimal: {
        int128_t v = static_cast<int128_t>(r64() % 1000000000);
        if (t.precision() > 18) v = v * 1000000000000000000LL + (r64() & 0xffff);
        if (rng_() % 2) v = -v;
        return Value::Decimal(v, t.precision(), t.scale()).value();
      }
      case TypeId::kDate:
        return Value::Date(static_cast<int32_t>(r64() % 100000));
      case TypeId::kTime:
        return Value::Time((r64() & 0x7fffffff) % 86400000000LL);
      case TypeId::kTimestamp:
        return Value::Timestamp(r64() % 4000000000000000LL);
      case TypeId::kTimestampTz:
        return Value::TimestampTz(r64() % 4000000000000000LL);
      case TypeId::kString: {
        // Few distinct values (dictionary) or many (fallback), some long.
        int kind = static_cast<int>(rng_() % 3);
        if (kind == 0) return Value::String("v" + std::to_string(rng_() % 5));
        if (kind == 1) return Value::String(std::string(rng_() % 40, 'x') + std::to_string(rng_()));
        return Value::String("");
      }
      case TypeId::kBinary: {
        std::string b(rng_() % 20, '\0');
        for (auto& c : b) c = static_cast<char>(rng_());
        return Value::Binary(b);
      }
      case TypeId::kUuid: {
        std::string b(16, '\0');
        for (auto& c : b) c = static_cast<char>(rng_());
        return Value::Uuid(b).value();
      }
      case TypeId::kFixed: {
        std::string b(static_cast<size_t>(t.fixed_length()), '\0');
        for (auto& c : b) c = static_cast<char>(rng_());
        return Value::Fixed(b).value();
      }
      case TypeId::kList: {
        std::vector<Value> elems;
        int n = static_cast<int>(rng_() % 4);
        for (int i = 0; i < n; ++i) elems.push_back(RandomValue(t.children()[0].type, 0.2));
        return Value::List(t, std::move(elems)).value();
      }
      case TypeId::kMap: {
        std::vector<std::pair<Value, Value>> entries;
        int n = static_cast<int>(rng_() % 3);
        for (int i = 0; i < n; ++i) {
          entries.emplace_back(Value::String("k" + std::to_string(i)),
                               RandomValue(MapValueType(t), 0.2));
        }
        return Value::Map(t, std::move(entries)).value();
      }
      case TypeId::kStruct: {
        std::vector<Value> fields;
        for (const auto& f : t.children()) fields.push_back(RandomValue(f.type, 0.2));
        return Value::Struct(t, std::move(fields)).value();
      }
      default:
        return Value::Null(t);
    }
  }

  static LogicalType MapValueType(const LogicalType& map) {
    return map.children()[1].type;  // {key, value}
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

TEST(ParquetRoundTripTest, RandomTablesReadBackIdentically) {
  test::TempDir dir;
  LocalFileIO io;
  auto duck = test::DuckDbOracle::Start();
  int duck_checked = 0;
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    RandomTable gen(seed);
    std::vector<LogicalType> types;
    std::vector<std::string> names;
    std::vector<WriterField> fields;
    int ncols = 1 + static_cast<int>(gen.rng()() % 6);
    for (int c = 0; c < ncols; ++c) {
      types.push_back(gen.RandomType(0));
      names.push_back("c" + std::to_string(c));
      fields.push_back(WriterField::FromType(names.back(), types.back(), c + 1));
    }
    ParquetWriterOptions options;
    const CompressionKind codecs[] = {CompressionKind::kUncompressed, CompressionKind::kSnappy,
                                      CompressionKind::kGzip,         CompressionKind::kZstd,
                                      CompressionKind::kLz4Raw,       CompressionKind::kBrotli};
    options.compression = codecs[seed % 6];
    options.max_rows_per_page = 1 + static_cast<int64_t>(gen.rng()() % 300);
    options.max_row_group_rows = 1 + static_cast<int64_t>(gen.rng()() % 2000);
    options.enable_dictionary = seed % 3 != 0;
    options.dictionary_page_size_limit = seed % 4 == 0 ? 64 : (1 << 20);
    options.data_page_version = seed % 2 ? DataPageVersion::kV1 : DataPageVersion::kV2;
    std::string path = dir.path() + "/t" + std::to_string(seed) + ".parquet";
    ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, path, fields, options));

    const double null_rate = seed % 5 == 0 ? 0.9 : 0.1;
    const int64_t rows = static_cast<int64_t>(gen.rng()() % 3000);
    std::vector<std::vector<Value>> expected;
    ASSERT_OK_AND_ASSIGN(DataChunk chunk, DataChunk::Make(types, names));
    for (int64_t r = 0; r < rows; ++r) {
      std::vector<Value> row;
      for (const auto& t : types) row.push_back(gen.RandomValue(t, null_rate));
      ASSERT_OK(chunk.AppendRow(row));
      expected.push_back(std::move(row));
      if (chunk.size() == chunk.capacity() || r == rows - 1) {
        ASSERT_OK(writer->Write(chunk));
        chunk.Reset();
      }
    }
    ASSERT_OK_AND_ASSIGN(auto result, writer->Close());
    SCOPED_TRACE(fmt::format("seed {} rows {} codec {} page v{}", seed, rows,
                             CompressionKindName(options.compression),
                             options.data_page_version == DataPageVersion::kV1 ? 1 : 2));

    for (bool keep : {false, true}) {
      ParquetReaderOptions ro;
      ro.keep_dictionary = keep;
      ro.batch_size = 1 + static_cast<int64_t>(gen.rng()() % 2048);
      ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(io, path, ro));
      ASSERT_EQ(reader->projected_fields().size(), types.size());
      for (size_t c = 0; c < types.size(); ++c) {
        EXPECT_EQ(reader->projected_fields()[c].type, types[c]) << c;
        EXPECT_EQ(reader->projected_fields()[c].field_id, static_cast<int32_t>(c + 1));
      }
      ASSERT_OK_AND_ASSIGN(DataChunk out, reader->MakeChunk());
      size_t row = 0;
      while (true) {
        ASSERT_OK_AND_ASSIGN(bool more, reader->Next(out));
        if (!more) break;
        for (int64_t r = 0; r < out.size(); ++r, ++row) {
          ASSERT_LT(row, expected.size());
          for (size_t c = 0; c < types.size(); ++c) {
            ASSERT_EQ(out.GetValue(c, r), expected[row][c])
                << "row " << row << " col " << c << ": " << out.GetValue(c, r).ToString() << " vs "
                << expected[row][c].ToString();
          }
        }
      }
      EXPECT_EQ(row, expected.size());
    }

    // DuckDB reads the same cells (where it has the types: it renders uuid,
    // fixed and timestamps in its own text, which the canonical form matches).
    if (duck.has_value()) {
      auto theirs = (*duck)->Query("SELECT * FROM read_parquet('" + path + "')");
      ASSERT_OK(theirs.status());
      ASSERT_EQ(theirs->rows.size(), expected.size());
      for (size_t r = 0; r < expected.size(); ++r) {
        for (size_t c = 0; c < types.size(); ++c) {
          ASSERT_EQ(theirs->rows[r][c], test::CanonicalCell(expected[r][c]))
              << "duckdb row " << r << " col " << c << " type " << types[c].ToString();
        }
      }
      ++duck_checked;
    }
  }
  if (duck.has_value()) {
    EXPECT_EQ(duck_checked, 40);
  }
}

}  // namespace
}  // namespace floe::parquet
