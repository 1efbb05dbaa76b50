// The file-level layout ParquetWriter produces - row groups, codecs,
// dictionary fallback, page index, footer fields and the write result - as
// DuckDB's parquet_metadata / parquet_schema / parquet_file_metadata report
// it, and as the Thrift structures read back byte for byte.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/version.h"
#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;
namespace pf = ::floe::parquet::format;

// id (0, 1, 2...), a random string of 20 letters, a double, a low-cardinality string.
std::vector<WriterField> MixedFields() {
  return {WriterField::FromType("id", LogicalType::Int64(), 1, false),
          WriterField::FromType("s", LogicalType::String(), 2),
          WriterField::FromType("x", LogicalType::Double(), 3),
          WriterField::FromType("color", LogicalType::String(), 4)};
}

std::vector<std::vector<Value>> MixedRows(int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* colors[] = {"red", "green", "blue"};
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < n; ++i) {
    std::string s(20, 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 26);
    rows.push_back({Value::Int64(i),
                    i % 10 == 3 ? Value::Null(LogicalType::String()) : Value::String(s),
                    Value::Double(static_cast<double>(rng() % 1000000) / 7),
                    Value::String(colors[rng() % 3])});
  }
  return rows;
}

Status ExpectSameRows(::floe::test::DuckDbOracle& oracle, const std::string& path,
                      const std::vector<std::vector<Value>>& rows) {
  FLOE_ASSIGN_OR_RETURN(QueryResult read, ReadWithDuckDb(oracle, path));
  const std::vector<QueryRow> expected = CanonicalRows(rows);
  if (read.rows.size() != expected.size()) {
    return Status::Internal("{} rows read, {} written", read.rows.size(), expected.size());
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    if (read.rows[i] != expected[i]) return Status::Internal("row {} differs", i);
  }
  return Status::OK();
}

int64_t ToInt(const QueryCell& cell) { return cell ? std::stoll(*cell) : -1; }

TEST(ParquetWriterMetadataTest, RowGroupsFollowTheSizeTarget) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/groups.parquet";
  const auto rows = MixedRows(100000, 1);
  ParquetWriterOptions options;
  options.row_group_size = 256 * 1024;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, MixedFields(), rows, options));
  ASSERT_OK(ExpectSameRows(*oracle, path, rows));
  ASSERT_GE(result.split_offsets.size(), 5u);

  ASSERT_OK_AND_ASSIGN(
      QueryResult groups,
      oracle->Query(fmt::format(
          "SELECT row_group_id, any_value(row_group_num_rows), "
          "min(coalesce(dictionary_page_offset, data_page_offset)), sum(total_compressed_size), "
          "any_value(row_group_compressed_bytes), sum(total_uncompressed_size) "
          "FROM parquet_metadata('{}') GROUP BY ALL "
          "ORDER BY row_group_id",
          path)));
  ASSERT_EQ(groups.rows.size(), result.split_offsets.size());
  int64_t total_rows = 0;
  for (size_t g = 0; g < groups.rows.size(); ++g) {
    total_rows += ToInt(groups.rows[g][1]);
    // Split offsets are where each row group's first page starts.
    EXPECT_EQ(ToInt(groups.rows[g][2]), result.split_offsets[g]) << g;
    EXPECT_EQ(ToInt(groups.rows[g][3]), ToInt(groups.rows[g][4])) << g;
    // The target is compared with what is buffered: compressed pages and the
    // open pages as encoded, before compression. Here every page is still
    // open at the flush, so the row groups' encoded sizes meet the target
    // (to within one 2048-row chunk) and compression makes them smaller.
    if (g + 1 < groups.rows.size()) {
      EXPECT_GE(ToInt(groups.rows[g][5]), 256 * 1024) << g;
      EXPECT_LE(ToInt(groups.rows[g][5]), 256 * 1024 + 2048 * 60) << g;
      EXPECT_LT(ToInt(groups.rows[g][3]), ToInt(groups.rows[g][5])) << g;
    }
  }
  EXPECT_EQ(total_rows, 100000);
  EXPECT_EQ(result.split_offsets[0], 4);
}

TEST(ParquetWriterMetadataTest, MaxRowGroupRowsIsExact) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/rows.parquet";
  const auto rows = MixedRows(10000, 2);
  ParquetWriterOptions options;
  options.max_row_group_rows = 3000;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result,
                       WriteRows(path, MixedFields(), rows, options, /*chunk_rows=*/2048));
  ASSERT_OK(ExpectSameRows(*oracle, path, rows));
  ASSERT_OK_AND_ASSIGN(
      QueryResult groups,
      oracle->Query(fmt::format("SELECT DISTINCT row_group_id, row_group_num_rows FROM "
                                "parquet_metadata('{}') ORDER BY row_group_id",
                                path)));
  EXPECT_EQ(groups.rows,
            (std::vector<QueryRow>{{"0", "3000"}, {"1", "3000"}, {"2", "3000"}, {"3", "1000"}}));
  EXPECT_EQ(result.split_offsets.size(), 4u);
}

TEST(ParquetWriterMetadataTest, EveryCodec) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const auto rows = MixedRows(20000, 3);
  struct Case {
    CompressionKind kind;
    std::optional<int> level;
    const char* duckdb_name;
  };
  const Case cases[] = {{CompressionKind::kUncompressed, std::nullopt, "UNCOMPRESSED"},
                        {CompressionKind::kSnappy, std::nullopt, "SNAPPY"},
                        {CompressionKind::kGzip, std::nullopt, "GZIP"},
                        {CompressionKind::kGzip, 9, "GZIP"},
                        {CompressionKind::kZstd, std::nullopt, "ZSTD"},
                        {CompressionKind::kZstd, 19, "ZSTD"},
                        {CompressionKind::kLz4Raw, std::nullopt, "LZ4_RAW"},
                        {CompressionKind::kBrotli, std::nullopt, "BROTLI"}};
  int64_t uncompressed_size = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.duckdb_name);
    const std::string path =
        fmt::format("{}/{}_{}.parquet", dir.path(), c.duckdb_name, c.level.value_or(0));
    ParquetWriterOptions options;
    options.compression = c.kind;
    options.compression_level = c.level;
    ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, MixedFields(), rows, options));
    ASSERT_OK(ExpectSameRows(*oracle, path, rows));
    ASSERT_OK_AND_ASSIGN(QueryResult md,
                         oracle->Query(fmt::format(
                             "SELECT DISTINCT compression FROM parquet_metadata('{}')", path)));
    EXPECT_EQ(md.rows, (std::vector<QueryRow>{{c.duckdb_name}}));
    if (c.kind == CompressionKind::kUncompressed) {
      uncompressed_size = result.file_size;
    } else {
      EXPECT_LT(result.file_size, uncompressed_size);
    }
  }
}

// The page headers of a column chunk, in file order, read at the offsets the
// offset index gives.
Result<std::vector<pf::PageHeader>> ReadPageHeaders(const std::string& path,
                                                    const pf::OffsetIndex& index) {
  std::vector<pf::PageHeader> headers;
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  for (const pf::PageLocation& page : index.page_locations) {
    FLOE_ASSIGN_OR_RETURN(auto bytes, file->ReadAt(page.offset, page.compressed_page_size));
    pf::PageHeader header;
    FLOE_ASSIGN_OR_RETURN(
        uint32_t used,
        DeserializeThrift(bytes->data(), static_cast<uint32_t>(page.compressed_page_size),
                          &header));
    if (used + static_cast<uint32_t>(header.compressed_page_size) !=
        static_cast<uint32_t>(page.compressed_page_size)) {
      return Status::Corruption("page at {}: header {} + body {} != {}", page.offset, used,
                                header.compressed_page_size, page.compressed_page_size);
    }
    headers.push_back(std::move(header));
  }
  return headers;
}

Result<pf::PageHeader> ReadPageHeaderAt(const std::string& path, int64_t offset) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  FLOE_ASSIGN_OR_RETURN(auto bytes,
                        file->ReadAt(offset, std::min<int64_t>(1024, file->size() - offset)));
  pf::PageHeader header;
  FLOE_RETURN_NOT_OK(
      DeserializeThrift(bytes->data(), static_cast<uint32_t>(bytes->size()), &header).status());
  return header;
}

int32_t EncodingStatsCount(const pf::ColumnMetaData& md, pf::PageType::type type,
                           pf::Encoding::type encoding) {
  for (const pf::PageEncodingStats& s : md.encoding_stats) {
    if (s.page_type == type && s.encoding == encoding) return s.count;
  }
  return 0;
}

TEST(ParquetWriterMetadataTest, DictionaryFallsBackToPlainMidChunk) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/fallback.parquet";
  // 200k distinct 20-letter strings (4.8 MB as a dictionary) against the
  // default 1 MiB limit, and a 3-value column that never falls back.
  const auto rows = MixedRows(200000, 4);
  ParquetWriterOptions options;
  options.max_row_group_rows = 120000;  // the second row group starts a new dictionary
  ASSERT_OK(WriteRows(path, MixedFields(), rows, options));
  ASSERT_OK(ExpectSameRows(*oracle, path, rows));
  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format("SELECT row_group_id, path_in_schema, encodings FROM "
                                "parquet_metadata('{}') ORDER BY row_group_id, column_id",
                                path)));
  EXPECT_EQ(md.rows[1], (QueryRow{"0", "s", "PLAIN, RLE, RLE_DICTIONARY"}));
  EXPECT_EQ(md.rows[3], (QueryRow{"0", "color", "PLAIN, RLE, RLE_DICTIONARY"}));

  ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
  ASSERT_OK_AND_ASSIGN(std::vector<pf::OffsetIndex> indexes, ReadOffsetIndexes(path, *footer));
  for (int32_t rg = 0; rg < 2; ++rg) {
    SCOPED_TRACE(rg);
    const pf::ColumnMetaData& s = footer->column_chunk(rg, 1).meta_data;
    const int32_t dict_pages =
        EncodingStatsCount(s, pf::PageType::DATA_PAGE, pf::Encoding::RLE_DICTIONARY);
    const int32_t plain_pages = EncodingStatsCount(s, pf::PageType::DATA_PAGE, pf::Encoding::PLAIN);
    EXPECT_EQ(EncodingStatsCount(s, pf::PageType::DICTIONARY_PAGE, pf::Encoding::PLAIN), 1);
    EXPECT_GE(dict_pages, 1);
    EXPECT_GE(plain_pages, 1);
    // The dictionary page comes first and holds about the limit; dictionary
    // pages precede PLAIN ones.
    ASSERT_TRUE(s.__isset.dictionary_page_offset);
    ASSERT_OK_AND_ASSIGN(pf::PageHeader dict_header,
                         ReadPageHeaderAt(path, s.dictionary_page_offset));
    EXPECT_EQ(dict_header.type, pf::PageType::DICTIONARY_PAGE);
    // Entries of 4 + 20 bytes, up to the limit and at most one mini batch past it.
    EXPECT_GE(dict_header.uncompressed_page_size, 1 << 20);
    EXPECT_LE(dict_header.uncompressed_page_size, (1 << 20) + 512 * 24);
    EXPECT_EQ(dict_header.dictionary_page_header.num_values * 24,
              dict_header.uncompressed_page_size);
    ASSERT_OK_AND_ASSIGN(std::vector<pf::PageHeader> headers,
                         ReadPageHeaders(path, indexes[static_cast<size_t>(rg) * 4 + 1]));
    ASSERT_EQ(headers.size(), static_cast<size_t>(dict_pages + plain_pages));
    for (size_t p = 0; p < headers.size(); ++p) {
      EXPECT_EQ(headers[p].data_page_header.encoding, static_cast<int32_t>(p) < dict_pages
                                                          ? pf::Encoding::RLE_DICTIONARY
                                                          : pf::Encoding::PLAIN)
          << p;
    }
    const pf::ColumnMetaData& color = footer->column_chunk(rg, 3).meta_data;
    EXPECT_EQ(EncodingStatsCount(color, pf::PageType::DATA_PAGE, pf::Encoding::PLAIN), 0);
    EXPECT_GE(EncodingStatsCount(color, pf::PageType::DATA_PAGE, pf::Encoding::RLE_DICTIONARY), 1);
  }
}

TEST(ParquetWriterMetadataTest, FooterFields) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/footer.parquet";
  ParquetWriterOptions options;
  options.key_value_metadata = {{"iceberg.schema", "{\"type\":\"struct\"}"}, {"writer", "floe"}};
  ASSERT_OK(WriteRows(path, MixedFields(), MixedRows(10, 5), options));
  ASSERT_OK_AND_ASSIGN(
      QueryResult kv,
      oracle->Query(
          fmt::format("SELECT decode(key), decode(value) FROM parquet_kv_metadata('{}')", path)));
  EXPECT_EQ(kv.rows, (std::vector<QueryRow>{{"iceberg.schema", "{\"type\":\"struct\"}"},
                                            {"writer", "floe"}}));
  ASSERT_OK_AND_ASSIGN(
      QueryResult file,
      oracle->Query(fmt::format("SELECT created_by, num_rows, num_row_groups, format_version, "
                                "column_orders FROM parquet_file_metadata('{}')",
                                path)));
  const std::string order = "'ColumnOrder(TYPE_ORDER=TypeDefinedOrder())'";
  EXPECT_EQ(file.rows,
            (std::vector<QueryRow>{{fmt::format("floe version {} (build unknown)", kVersion), "10",
                                    "1", "1", fmt::format("[{0}, {0}, {0}, {0}]", order)}}));
}

TEST(ParquetWriterMetadataTest, EmptyFile) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/empty.parquet";
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, MixedFields(), {}));
  EXPECT_EQ(result.record_count, 0);
  EXPECT_TRUE(result.split_offsets.empty());
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  EXPECT_TRUE(read.rows.empty());
  EXPECT_EQ(read.column_names, (std::vector<std::string>{"id", "s", "x", "color"}));
  for (const ParquetColumnMetrics& c : result.columns) {
    EXPECT_EQ(c.value_count, 0);
    EXPECT_FALSE(c.lower_bound.has_value());
  }
}

TEST(ParquetWriterMetadataTest, WriteResultAgreesWithTheFooter) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/result.parquet";
  const auto rows = MixedRows(50000, 6);
  ParquetWriterOptions options;
  options.row_group_size = 300 * 1024;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, MixedFields(), rows, options));
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(FileInfo info, io.Stat(path));
  EXPECT_EQ(result.file_size, info.size);
  EXPECT_EQ(result.location, path);
  EXPECT_EQ(result.record_count, 50000);
  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format(
          "SELECT column_id, sum(num_values), sum(stats_null_count), sum(total_compressed_size), "
          "sum(total_uncompressed_size), min(stats_min_value), max(stats_max_value) "
          "FROM parquet_metadata('{}') GROUP BY column_id ORDER BY column_id",
          path)));
  ASSERT_EQ(md.rows.size(), 4u);
  for (size_t c = 0; c < 4; ++c) {
    const ParquetColumnMetrics& m = result.columns[c];
    EXPECT_EQ(m.field_id, static_cast<int32_t>(c + 1));
    EXPECT_EQ(m.value_count, ToInt(md.rows[c][1])) << c;
    EXPECT_EQ(m.null_count, ToInt(md.rows[c][2])) << c;
    EXPECT_EQ(m.compressed_size, ToInt(md.rows[c][3])) << c;
    EXPECT_EQ(m.uncompressed_size, ToInt(md.rows[c][4])) << c;
  }
  // The deprecated min/max (always signed order) only where the column's
  // order is signed: not for strings.
  ASSERT_OK_AND_ASSIGN(
      QueryResult legacy,
      oracle->Query(fmt::format("SELECT column_id, bool_and(stats_min IS NOT NULL), "
                                "bool_and(stats_max IS NOT NULL) FROM parquet_metadata('{}') "
                                "GROUP BY column_id ORDER BY column_id",
                                path)));
  EXPECT_EQ(legacy.rows, (std::vector<QueryRow>{{"0", "true", "true"},
                                                {"1", "false", "false"},
                                                {"2", "true", "true"},
                                                {"3", "false", "false"}}));
  // Bounds are the extremes over all row groups.
  EXPECT_EQ(*result.columns[0].lower_bound, Bytes<int64_t>(0));
  EXPECT_EQ(*result.columns[0].upper_bound, Bytes<int64_t>(49999));
  std::string min_s = "~", max_s;
  for (const auto& row : rows) {
    if (row[1].is_null()) continue;
    min_s = std::min(min_s, row[1].GetString());
    max_s = std::max(max_s, row[1].GetString());
  }
  EXPECT_EQ(*result.columns[1].lower_bound, min_s);
  EXPECT_EQ(*result.columns[1].upper_bound, max_s);
  EXPECT_EQ(md.rows[1][5], min_s);  // DuckDB's min over the row groups' minima
  EXPECT_EQ(md.rows[1][6], max_s);
  EXPECT_EQ(result.columns[2].nan_count, 0);
  EXPECT_FALSE(result.columns[1].nan_count.has_value());
  EXPECT_EQ(result.FindByFieldId(3), &result.columns[2]);
  EXPECT_EQ(result.FindByPath("color"), &result.columns[3]);
  EXPECT_EQ(result.FindByFieldId(99), nullptr);
}

TEST(ParquetWriterMetadataTest, PageIndex) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/index.parquet";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<WriterField> fields = {
      WriterField::FromType("up", LogicalType::Int32()),
      WriterField::FromType("down", LogicalType::String()),
      WriterField::FromType("random", LogicalType::Int64()),
      WriterField::FromType("sparse", LogicalType::Double()),     // some pages all NULL
      WriterField::FromType("nan_page", LogicalType::Double())};  // one page only NaN
  std::mt19937_64 rng(7);
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 1000; ++i) {
    rows.push_back(
        {i % 100 == 5 ? Value::Null(LogicalType::Int32()) : Value::Int32(i),
         Value::String(fmt::format("{:05d}", 1000 - i)),
         Value::Int64(static_cast<int64_t>(rng() % 1000)),
         (i / 100) % 2 == 1 ? Value::Double(i * 0.5) : Value::Null(LogicalType::Double()),
         Value::Double(i >= 300 && i < 400 ? nan : i * -1.0)});
  }
  ParquetWriterOptions options;
  options.max_rows_per_page = 100;
  ASSERT_OK(WriteRows(path, fields, rows, options));
  ASSERT_OK(ExpectSameRows(*oracle, path, rows));

  ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
  ASSERT_OK_AND_ASSIGN(std::vector<pf::OffsetIndex> offsets, ReadOffsetIndexes(path, *footer));
  ASSERT_OK_AND_ASSIGN(auto columns, ReadColumnIndexes(path, *footer));
  ASSERT_EQ(offsets.size(), 5u);
  for (size_t c = 0; c < 5; ++c) {
    SCOPED_TRACE(c);
    const pf::ColumnMetaData& md = footer->column_chunk(0, static_cast<int32_t>(c)).meta_data;
    const std::vector<pf::PageLocation>& pages = offsets[c].page_locations;
    ASSERT_EQ(pages.size(), 10u);
    // Pages are contiguous after the dictionary page, start at 100-row steps,
    // and each location holds a page header.
    EXPECT_EQ(pages[0].offset, md.data_page_offset);
    int64_t data_bytes = 0;
    for (size_t p = 0; p < pages.size(); ++p) {
      EXPECT_EQ(pages[p].first_row_index, static_cast<int64_t>(p) * 100);
      if (p > 0) {
        EXPECT_EQ(pages[p].offset, pages[p - 1].offset + pages[p - 1].compressed_page_size);
      }
      data_bytes += pages[p].compressed_page_size;
    }
    const int64_t dict_bytes =
        md.__isset.dictionary_page_offset ? md.data_page_offset - md.dictionary_page_offset : 0;
    EXPECT_EQ(dict_bytes + data_bytes, md.total_compressed_size);
    ASSERT_OK_AND_ASSIGN(std::vector<pf::PageHeader> headers, ReadPageHeaders(path, offsets[c]));
    for (const pf::PageHeader& h : headers) {
      EXPECT_EQ(h.type, pf::PageType::DATA_PAGE);
      EXPECT_EQ(h.data_page_header.num_values, 100);
    }
  }
  // up: ascending, a NULL in each page.
  ASSERT_TRUE(columns[0].has_value());
  EXPECT_EQ(columns[0]->boundary_order, pf::BoundaryOrder::ASCENDING);
  EXPECT_EQ(columns[0]->null_counts, std::vector<int64_t>(10, 1));
  for (int p = 0; p < 10; ++p) {
    EXPECT_EQ(columns[0]->min_values[static_cast<size_t>(p)], Bytes<int32_t>(p * 100)) << p;
    EXPECT_EQ(columns[0]->max_values[static_cast<size_t>(p)], Bytes<int32_t>(p * 100 + 99)) << p;
  }
  // down: descending strings.
  ASSERT_TRUE(columns[1].has_value());
  EXPECT_EQ(columns[1]->boundary_order, pf::BoundaryOrder::DESCENDING);
  EXPECT_EQ(columns[1]->min_values[0], "00901");
  EXPECT_EQ(columns[1]->max_values[0], "01000");
  // random: unordered.
  ASSERT_TRUE(columns[2].has_value());
  EXPECT_EQ(columns[2]->boundary_order, pf::BoundaryOrder::UNORDERED);
  // sparse: every other page is all NULL, with empty bounds; the rest ascend.
  ASSERT_TRUE(columns[3].has_value());
  for (size_t p = 0; p < 10; ++p) {
    EXPECT_EQ(columns[3]->null_pages[p], p % 2 == 0) << p;
    EXPECT_EQ(columns[3]->null_counts[p], p % 2 == 0 ? 100 : 0) << p;
    if (p % 2 == 0) {
      EXPECT_EQ(columns[3]->min_values[p], "");
    }
  }
  EXPECT_EQ(columns[3]->boundary_order, pf::BoundaryOrder::ASCENDING);
  EXPECT_EQ(columns[3]->nan_counts, std::vector<int64_t>(10, 0));
  // nan_page: a page of only NaN forbids the column index (TypeDefinedOrder).
  EXPECT_FALSE(columns[4].has_value());
  EXPECT_FALSE(footer->column_chunk(0, 4).__isset.column_index_offset);
  EXPECT_TRUE(footer->column_chunk(0, 4).__isset.offset_index_offset);
}

TEST(ParquetWriterMetadataTest, PageCrcAndOptionalParts) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/crc.parquet";
  const auto rows = MixedRows(5000, 8);
  ParquetWriterOptions options;
  options.write_page_crc = true;
  options.write_statistics = false;
  options.write_page_index = false;
  options.page_size = 8 * 1024;
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, WriteRows(path, MixedFields(), rows, options));
  ASSERT_OK(ExpectSameRows(*oracle, path, rows));
  ASSERT_OK_AND_ASSIGN(
      QueryResult md,
      oracle->Query(fmt::format("SELECT count(stats_min_value), count(stats_null_count) FROM "
                                "parquet_metadata('{}')",
                                path)));
  EXPECT_EQ(md.rows, (std::vector<QueryRow>{{"0", "0"}}));
  // The write result still has the metrics.
  EXPECT_TRUE(result.columns[0].lower_bound.has_value());

  // Walk the pages of every chunk and check each CRC against zlib's crc32 of
  // the page body as stored.
  ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(path));
  int pages = 0;
  for (int32_t c = 0; c < 4; ++c) {
    const pf::ColumnChunk& chunk = footer->column_chunk(0, c);
    EXPECT_FALSE(chunk.__isset.column_index_offset);
    EXPECT_FALSE(chunk.__isset.offset_index_offset);
    const pf::ColumnMetaData& cmd = chunk.meta_data;
    int64_t pos =
        cmd.__isset.dictionary_page_offset ? cmd.dictionary_page_offset : cmd.data_page_offset;
    const int64_t end = pos + cmd.total_compressed_size;
    while (pos < end) {
      ASSERT_OK_AND_ASSIGN(auto bytes, file->ReadAt(pos, std::min<int64_t>(end - pos, 1024)));
      pf::PageHeader header;
      ASSERT_OK_AND_ASSIGN(
          uint32_t used,
          DeserializeThrift(bytes->data(), static_cast<uint32_t>(bytes->size()), &header));
      ASSERT_OK_AND_ASSIGN(auto body, file->ReadAt(pos + used, header.compressed_page_size));
      ASSERT_TRUE(header.__isset.crc);
      const uLong crc = crc32(0L, body->data(), static_cast<uInt>(body->size()));
      EXPECT_EQ(static_cast<uint32_t>(header.crc), static_cast<uint32_t>(crc));
      pos += used + header.compressed_page_size;
      ++pages;
    }
    EXPECT_EQ(pos, end);
  }
  EXPECT_GE(pages, 8);
}

}  // namespace
}  // namespace floe::parquet::test
