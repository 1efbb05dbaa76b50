// A large file (1M rows, 5 columns) written with bounded memory: the heap
// grows by about one row group, not by the file. Also prints the write
// throughput (informational; measure it on the release build).
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kHeapIsMeasurable = false;  // ASan's allocator does not report to mallinfo2
#else
constexpr bool kHeapIsMeasurable = true;
#endif

int64_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

TEST(ParquetWriterLargeTest, MillionRowsWithBoundedMemory) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  const std::string path = dir.path() + "/large.parquet";
  constexpr int64_t kRows = 1000000;
  constexpr int64_t kChunkRows = 2048;
  const std::vector<WriterField> fields = {
      WriterField::FromType("id", LogicalType::Int64(), 1, false),
      WriterField::FromType("qty", LogicalType::Int32(), 2),
      WriterField::FromType("price", LogicalType::Double(), 3),
      WriterField::FromType("comment", LogicalType::String(), 4),  // distinct: falls back to PLAIN
      WriterField::FromType("status", LogicalType::String(), 5)};  // 5 values: stays a dictionary
  ParquetWriterOptions options;
  options.row_group_size = 4 << 20;
  const char* statuses[] = {"open", "shipped", "returned", "lost", "delivered"};
  static constexpr char kAlphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
  ASSERT_OK_AND_ASSIGN(DataChunk chunk, DataChunk::Make(TypesOf(fields), {}, kChunkRows));
  std::mt19937_64 rng(11);
  int64_t sum_qty = 0;
  int64_t comment_bytes = 0;
  int64_t null_comments = 0;

  LocalFileIO io;
  const int64_t baseline = HeapInUse();
  int64_t peak = baseline;
  double write_seconds = 0;
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, path, fields, options));
  for (int64_t first = 0; first < kRows; first += kChunkRows) {
    const int64_t n = std::min(kChunkRows, kRows - first);
    chunk.Reset();
    auto* ids = chunk.column(0).GetData<int64_t>();
    auto* qty = chunk.column(1).GetData<int32_t>();
    auto* price = chunk.column(2).GetData<double>();
    for (int64_t i = 0; i < n; ++i) {
      ids[i] = first + i;
      qty[i] = static_cast<int32_t>(rng() % 100);
      sum_qty += qty[i];
      price[i] = static_cast<double>(rng() % 10000000) / 100;
      // 32 characters of 6 random bits each: about 24 bytes per row that no
      // codec can shrink, so the file is large.
      char comment[32];
      const int length = 24 + static_cast<int>(rng() % 9);
      for (int k = 0; k < length; ++k) comment[k] = kAlphabet[rng() % 64];
      if ((first + i) % 17 == 0) {
        chunk.column(3).SetNull(i);
        ++null_comments;
      } else {
        ASSERT_OK(chunk.column(3).SetString(i, std::string_view(comment, length)));
        comment_bytes += length;
      }
      ASSERT_OK(chunk.column(4).SetString(i, statuses[rng() % 5]));
    }
    ASSERT_OK(chunk.SetSize(n));
    const auto start = std::chrono::steady_clock::now();
    ASSERT_OK(writer->Write(chunk));
    write_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    peak = std::max(peak, HeapInUse());
  }
  const auto start = std::chrono::steady_clock::now();
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, writer->Close());
  write_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  writer.reset();

  const double mb = static_cast<double>(result.file_size) / (1 << 20);
  std::printf(
      "[ parquet writer ] %lld rows, %.1f MiB file, %zu row groups, %.3f s writing: "
      "%.2f M rows/s, %.1f MiB/s of file; heap growth %.1f MiB\n",
      static_cast<long long>(kRows), mb, result.split_offsets.size(), write_seconds,
      static_cast<double>(kRows) / write_seconds / 1e6, mb / write_seconds,
      static_cast<double>(peak - baseline) / (1 << 20));
  EXPECT_EQ(result.record_count, kRows);
  EXPECT_GE(result.split_offsets.size(), 3u);
  if (kHeapIsMeasurable) {
    // About one row group (4 MiB of encoded data, its buffers up to twice
    // that while they grow) plus per-column dictionaries (1 MiB each at
    // most) and page scratch - far below the file.
    EXPECT_LT(peak - baseline, int64_t{24} << 20);
    EXPECT_LT(peak - baseline, result.file_size / 2);
  }

  ASSERT_OK_AND_ASSIGN(
      QueryResult read,
      oracle->Query(fmt::format(
          "SELECT count(*), sum(id), min(id), max(id), sum(qty), count(comment), "
          "sum(length(comment)), count(DISTINCT status), count(*) FILTER (id % 17 = 0 AND "
          "comment IS NULL) FROM read_parquet('{}')",
          path)));
  EXPECT_EQ(
      read.rows,
      (std::vector<QueryRow>{{std::to_string(kRows), std::to_string(kRows * (kRows - 1) / 2), "0",
                              std::to_string(kRows - 1), std::to_string(sum_qty),
                              std::to_string(kRows - null_comments), std::to_string(comment_bytes),
                              "5", std::to_string(null_comments)}}));
  // Rows come back in order, with their values: spot-check a window.
  ASSERT_OK_AND_ASSIGN(
      QueryResult window,
      oracle->Query(fmt::format("SELECT count(*) FROM read_parquet('{}', file_row_number = true) "
                                "WHERE file_row_number <> id",
                                path)));
  EXPECT_EQ(window.rows, (std::vector<QueryRow>{{"0"}}));
}

}  // namespace
}  // namespace floe::parquet::test
