// Files DuckDB writes — every type it shares with Floe, NULLs, nesting, each
// codec, both page versions — read in Floe equal to what DuckDB reads back.
#include <gtest/gtest.h>

#include "formats/parquet/parquet_reader.h"
#include "io/local_file_io.h"
#include "util/canonical_floe_value.h"
#include "util/duckdb_oracle.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

constexpr const char* kTable = R"(
  SELECT
    i::BOOLEAN AND (i % 3 = 0) AS b,
    (i % 120)::TINYINT AS i8, ((i * 7) % 30000)::SMALLINT AS i16, ((i * 1000003) % 2000000000)::INTEGER AS i32,
    (i * 1000000007)::BIGINT AS i64,
    (i / 7.0)::FLOAT AS f32, (i / 3.0)::DOUBLE AS f64,
    (i * 1.25)::DECIMAL(9,2) AS d9, (i * -12345.6789)::DECIMAL(18,4) AS d18,
    (i::HUGEINT * 12345678901234567890)::DECIMAL(38,0) AS d38,
    DATE '1970-01-01' + (i * 37)::INTEGER AS dt,
    TIME '00:00:00' + INTERVAL (i * 1234567) MICROSECOND AS tm,
    TIMESTAMP '2000-01-01' + INTERVAL (i * 987654321) MICROSECOND AS ts,
    TIMESTAMPTZ '2000-01-01 00:00:00+00' + INTERVAL (i * 1000003) SECOND AS tstz,
    'str' || (i % 17)::VARCHAR AS s_low, md5(i::VARCHAR) AS s_high, '' AS s_empty,
    ('\x00\xFF' || i::VARCHAR)::BLOB AS bin,
    uuid_extract_timestamp IS NULL AS dummy,
    [i, i + 1, NULL] AS l_int, CASE WHEN i % 4 = 0 THEN [] ELSE ['a', NULL, 'c'] END AS l_str,
    {'x': i, 'y': 'v' || i::VARCHAR, 'z': [i]} AS st,
    MAP {'k' || (i % 3)::VARCHAR: i} AS m,
    [[i], [], NULL] AS ll
  FROM range(0, 3000) t(i))";

TEST(DuckDbWrittenFilesTest, EveryTypeAndCodecReadsEqual) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto duck);
  test::TempDir dir;
  LocalFileIO io;
  // Sprinkle NULLs over every column: row i is NULL in column j when (i + j) % 5 == 0.
  std::string table = kTable;
  table.replace(table.find("uuid_extract_timestamp IS NULL AS dummy,"),
                strlen("uuid_extract_timestamp IS NULL AS dummy,"), "");
  int checked = 0;
  for (const char* codec : {"uncompressed", "snappy", "gzip", "zstd", "brotli", "lz4"}) {
    for (const char* version : {"V1", "V2"}) {
      std::string path = fmt::format("{}/{}_{}.parquet", dir.path(), codec, version);
      std::string copy = fmt::format(
          "COPY (SELECT CASE WHEN hash(COLUMNS(*)) % 5 = 0 THEN NULL ELSE COLUMNS(*) END FROM "
          "({})) "
          "TO '{}' (FORMAT parquet, COMPRESSION {}, PARQUET_VERSION {}, ROW_GROUP_SIZE 1000)",
          table, path, codec, version);
      auto wrote = duck->Query(copy);
      ASSERT_OK(wrote.status());
      ASSERT_OK_AND_ASSIGN(auto theirs, duck->Query("SELECT * FROM '" + path + "'"));
      ASSERT_EQ(theirs.rows.size(), 3000u);
      for (bool keep : {false, true}) {
        ParquetReaderOptions options;
        options.keep_dictionary = keep;
        ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(io, path, options));
        test::QueryResult ours;
        ASSERT_OK_AND_ASSIGN(DataChunk chunk, reader->MakeChunk());
        while (true) {
          ASSERT_OK_AND_ASSIGN(bool more, reader->Next(chunk));
          if (!more) break;
          test::AppendCanonicalRows(chunk, ours);
        }
        ASSERT_EQ(ours.rows.size(), theirs.rows.size());
        for (size_t r = 0; r < ours.rows.size(); ++r) {
          for (size_t c = 0; c < theirs.column_names.size(); ++c) {
            ASSERT_EQ(ours.rows[r][c], theirs.rows[r][c])
                << codec << " " << version << " row " << r << " column " << theirs.column_names[c]
                << " (" << theirs.column_types[c] << ")";
          }
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 24);
}

}  // namespace
}  // namespace floe::parquet
