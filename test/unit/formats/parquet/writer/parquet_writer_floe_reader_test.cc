// Files written by ParquetWriter read back by Floe's own ParquetReader: every
// value and type comes back equal (decimals, nanosecond timestamps and UUIDs
// included, which the JavaScript peers cannot render exactly), and page CRCs
// pass the reader's verification.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/parquet_reader.h"
#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;

Result<std::vector<std::vector<Value>>> ReadWithFloe(const std::string& path,
                                                     std::vector<LogicalType>* types) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(io, path));
  for (const ParquetField& f : reader->projected_fields()) types->push_back(f.type);
  FLOE_ASSIGN_OR_RETURN(DataChunk chunk, reader->MakeChunk());
  std::vector<std::vector<Value>> rows;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(chunk));
    if (!more) break;
    for (int64_t r = 0; r < chunk.size(); ++r) {
      std::vector<Value> row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.GetValue(c, r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

TEST(ParquetWriterFloeReaderTest, EveryTypeRoundTrips) {
  TempDir dir;
  const std::string path = dir.path() + "/all.parquet";
  const LogicalType point = LogicalType::Struct({{"x", LogicalType::Decimal(38, 4).value(), 11},
                                                 {"t", LogicalType::TimestampTzNs(), 12}})
                                .value();
  const LogicalType points = LogicalType::List(point, 13);
  const LogicalType by_id =
      LogicalType::Map(LogicalType::Uuid(), LogicalType::Decimal(18, 2).value(), 15, 16);
  const std::vector<WriterField> fields = {
      WriterField::FromType("d9", LogicalType::Decimal(9, 3).value(), 1),
      WriterField::FromType("d30", LogicalType::Decimal(30, 0).value(), 2),
      WriterField::FromType("ns", LogicalType::TimestampNs(), 3),
      WriterField::FromType("tzns", LogicalType::TimestampTzNs(), 4),
      WriterField::FromType("u", LogicalType::Uuid(), 5),
      WriterField::FromType("f", LogicalType::Float(), 6),
      WriterField::FromType("s", LogicalType::String(), 7, false),
      WriterField::FromType("points", points, 10),
      WriterField::FromType("by_id", by_id, 14)};
  std::mt19937_64 rng(99);
  auto bytes16 = [&] {
    std::string s(16, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  };
  auto dec = [&](int p, int s) {
    int128_t v = (static_cast<int128_t>(rng()) << 64 | rng()) % Pow10Int128(p);
    return Value::Decimal(v, p, s).value();
  };
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 3000; ++i) {
    const bool null = rng() % 7 == 0;
    std::vector<Value> elements;
    for (size_t k = rng() % 3; k > 0; --k) {
      elements.push_back(
          rng() % 5 == 0 ? Value::Null(point)
                         : Value::Struct(point, {dec(38, 4),
                                                 Value::TimestampTzNs(static_cast<int64_t>(rng()))})
                               .value());
    }
    std::vector<std::pair<Value, Value>> entries;
    for (size_t k = rng() % 3; k > 0; --k) {
      entries.emplace_back(
          Value::Uuid(bytes16()).value(),
          rng() % 4 == 0 ? Value::Null(LogicalType::Decimal(18, 2).value()) : dec(18, 2));
    }
    rows.push_back(
        {null ? Value::Null(fields[0].type) : dec(9, 3), dec(30, 0),
         Value::TimestampNs(static_cast<int64_t>(rng())),
         Value::TimestampTzNs(static_cast<int64_t>(rng())), Value::Uuid(bytes16()).value(),
         Value::Float(static_cast<float>(static_cast<int64_t>(rng() % 2000000) - 1000000) / 7),
         Value::String(std::string(rng() % 30, static_cast<char>('a' + i % 26))),
         null ? Value::Null(points) : Value::List(points, elements).value(),
         Value::Map(by_id, entries).value()});
  }
  for (DataPageVersion version : {DataPageVersion::kV1, DataPageVersion::kV2}) {
    SCOPED_TRACE(version == DataPageVersion::kV1 ? "v1" : "v2");
    ParquetWriterOptions options;
    options.data_page_version = version;
    options.write_page_crc = true;  // the reader verifies them
    options.page_size = 4096;
    ASSERT_OK(WriteRows(path, fields, rows, options));
    std::vector<LogicalType> types;
    ASSERT_OK_AND_ASSIGN(auto read, ReadWithFloe(path, &types));
    ASSERT_EQ(types.size(), fields.size());
    for (size_t c = 0; c < fields.size(); ++c) {
      EXPECT_EQ(types[c], fields[c].type)
          << types[c].ToString() << " vs " << fields[c].type.ToString();
    }
    ASSERT_EQ(read.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < fields.size(); ++c) {
        ASSERT_EQ(read[r][c], rows[r][c])
            << "row " << r << " column " << c << ": " << read[r][c].ToString() << " vs "
            << rows[r][c].ToString();
      }
    }
  }
}

}  // namespace
}  // namespace floe::parquet::test
