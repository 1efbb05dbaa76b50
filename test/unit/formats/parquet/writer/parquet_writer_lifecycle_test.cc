// ParquetWriter's life cycle: Close publishes, Abort and the destructor of an
// unclosed writer publish nothing, refused input leaves the writer usable,
// and I/O failures at any point leave no file (fault sweep).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/fault_injecting_file_io.h"
#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;

std::vector<WriterField> Fields() {
  return {WriterField::FromType("id", LogicalType::Int64(), 1, false),
          WriterField::FromType("name", LogicalType::String(), 2),
          WriterField::FromType("tags", LogicalType::List(LogicalType::String(), 4), 3)};
}

std::vector<std::vector<Value>> Rows(int64_t first, int64_t n) {
  const LogicalType tags = LogicalType::List(LogicalType::String(), 4);
  std::vector<std::vector<Value>> rows;
  for (int64_t i = first; i < first + n; ++i) {
    rows.push_back(
        {Value::Int64(i), Value::String(fmt::format("name {}", i)),
         Value::List(tags, {Value::String("t"), Value::String(std::to_string(i % 7))}).value()});
  }
  return rows;
}

DataChunk Chunk(const std::vector<std::vector<Value>>& rows) {
  return MakeChunk(TypesOf(Fields()), rows).value();
}

// Every file in `dir`, temporary ones included.
std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ParquetWriterLifecycleTest, AbortPublishesNothing) {
  TempDir dir;
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, dir.path() + "/a.parquet", Fields()));
  ASSERT_OK(writer->Write(Chunk(Rows(0, 100))));
  EXPECT_EQ(FilesIn(dir.path()).size(), 1u);  // the temporary file
  ASSERT_OK(writer->Abort());
  ASSERT_OK(writer->Abort());  // idempotent
  EXPECT_TRUE(FilesIn(dir.path()).empty());
  ASSERT_STATUS(kInvalidArgument, "aborted", writer->Write(Chunk(Rows(0, 1))));
  ASSERT_STATUS(kInvalidArgument, "aborted", writer->Close());
  EXPECT_TRUE(FilesIn(dir.path()).empty());
}

TEST(ParquetWriterLifecycleTest, DestroyingAnUnclosedWriterPublishesNothing) {
  TempDir dir;
  LocalFileIO io;
  {
    ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, dir.path() + "/a.parquet", Fields()));
    ASSERT_OK(writer->Write(Chunk(Rows(0, 2000))));
  }
  {
    // Also after row groups went out to the stream.
    ParquetWriterOptions options;
    options.max_row_group_rows = 100;
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ParquetWriter::Open(io, dir.path() + "/b.parquet", Fields(), options));
    ASSERT_OK(writer->Write(Chunk(Rows(0, 2000))));
    EXPECT_GT(writer->EstimatedFileSize(), 1000);
  }
  EXPECT_TRUE(FilesIn(dir.path()).empty());
}

TEST(ParquetWriterLifecycleTest, CloseOnceThenNothingMore) {
  TempDir dir;
  LocalFileIO io;
  const std::string path = dir.path() + "/a.parquet";
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, path, Fields()));
  ASSERT_OK(writer->Write(Chunk(Rows(0, 10))));
  EXPECT_EQ(writer->rows_written(), 10);
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, writer->Close());
  EXPECT_EQ(result.record_count, 10);
  ASSERT_STATUS(kInvalidArgument, "already closed", writer->Close());
  ASSERT_STATUS(kInvalidArgument, "already closed", writer->Write(Chunk(Rows(0, 1))));
  ASSERT_OK(writer->Abort());  // a no-op: the file stays
  writer.reset();
  EXPECT_EQ(FilesIn(dir.path()), (std::vector<std::string>{"a.parquet"}));
  // Create-if-absent refuses an existing file.
  ASSERT_STATUS(kAlreadyExists, "already exists",
                ParquetWriter::Open(io, path, Fields(), {}, WriteMode::kCreateIfAbsent));
}

TEST(ParquetWriterLifecycleTest, RefusedInputLeavesTheWriterUsable) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  TempDir dir;
  LocalFileIO io;
  const std::string path = dir.path() + "/a.parquet";
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(io, path, Fields()));
  ASSERT_OK(writer->Write(Chunk(Rows(0, 10))));

  // Wrong shape.
  ASSERT_OK_AND_ASSIGN(DataChunk two_columns,
                       DataChunk::Make({LogicalType::Int64(), LogicalType::String()}));
  ASSERT_STATUS(kInvalidArgument, "a chunk of 2 columns for 3 fields", writer->Write(two_columns));
  ASSERT_OK_AND_ASSIGN(
      DataChunk wrong_type,
      DataChunk::Make({LogicalType::Int32(), LogicalType::String(), Fields()[2].type}));
  ASSERT_STATUS(kInvalidArgument, "column 0 ('id') is int, not long", writer->Write(wrong_type));

  // A NULL in the required column, in a small chunk and in one so large that
  // it is written in several slices: either way no row of it is taken.
  for (int64_t n : {int64_t{50}, int64_t{30000}}) {
    auto rows = Rows(1000, n);
    rows.back()[0] = Value::Null(LogicalType::Int64());
    ASSERT_STATUS(kInvalidArgument, "field 'id' is required but holds a NULL",
                  writer->Write(Chunk(rows)));
  }
  EXPECT_EQ(writer->rows_written(), 10);
  ASSERT_OK(writer->Write(Chunk(Rows(10, 20000))));
  ASSERT_OK_AND_ASSIGN(ParquetWriteResult result, writer->Close());
  EXPECT_EQ(result.record_count, 20010);
  ASSERT_OK_AND_ASSIGN(QueryResult read, ReadWithDuckDb(*oracle, path));
  EXPECT_EQ(read.rows, CanonicalRows(Rows(0, 20010)));
}

TEST(ParquetWriterLifecycleTest, InvalidSchemasAndOptionsPublishNothing) {
  TempDir dir;
  LocalFileIO io;
  const std::string path = dir.path() + "/a.parquet";
  ParquetWriterOptions deflate;
  deflate.compression = CompressionKind::kDeflate;
  ASSERT_STATUS(kInvalidArgument, "compression deflate",
                ParquetWriter::Open(io, path, Fields(), deflate));
  ParquetWriterOptions zero_page;
  zero_page.page_size = 0;
  ASSERT_STATUS(kInvalidArgument, "page_size must be positive",
                ParquetWriter::Open(io, path, Fields(), zero_page));
  std::vector<WriterField> twice = Fields();
  twice.push_back(twice[0]);
  ASSERT_STATUS(kInvalidArgument, "two top-level fields are named 'id'",
                ParquetWriter::Open(io, path, twice));
  WriterField map =
      WriterField::FromType("m", LogicalType::Map(LogicalType::String(), LogicalType::Int32()));
  map.children[0].nullable = true;
  ASSERT_STATUS(kInvalidArgument, "map key 'm.key' must be required",
                ParquetWriter::Open(io, path, {map}));
  EXPECT_TRUE(FilesIn(dir.path()).empty());
}

// Fails the n-th operation of kind `op` for every n a clean run performs and
// checks that no file is published and the writer reports the failure.
void SweepFaults(FileOp op, FaultKind kind) {
  TempDir dir;
  LocalFileIO local;
  FaultInjectingFileIO io(local);
  ParquetWriterOptions options;
  options.max_row_group_rows = 700;  // several row groups, so appends happen throughout
  auto run = [&](const std::string& path) -> Status {
    FLOE_ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(io, path, Fields(), options));
    for (int64_t first = 0; first < 3000; first += 1000) {
      FLOE_RETURN_NOT_OK(writer->Write(Chunk(Rows(first, 1000))));
    }
    Status close = writer->Close().status();
    // After a failure every call reports one, and nothing is published.
    if (!close.ok()) {
      if (writer->Write(Chunk(Rows(0, 1))).ok()) return Status::Internal("write after failure");
    }
    return close;
  };
  ASSERT_OK(run(dir.path() + "/clean.parquet"));
  const int64_t count = io.count(op);
  ASSERT_GT(count, 0);
  for (int64_t n = 1; n <= count; ++n) {
    SCOPED_TRACE(n);
    io.Reset();
    io.AddFault(FaultRule{op, n, kind});
    const std::string name = fmt::format("f{}.parquet", n);
    const Status st = run(dir.path() + "/" + name);
    ASSERT_FALSE(st.ok());
    const std::vector<std::string> files = FilesIn(dir.path());
    if (kind == FaultKind::kErrorAfter && op == FileOp::kClose) {
      // The publish happened but its reply was lost: the caller is told so.
      EXPECT_TRUE(st.IsCommitStateUnknown()) << st.ToString();
    } else {
      EXPECT_EQ(files, (std::vector<std::string>{"clean.parquet"})) << st.ToString();
    }
  }
}

TEST(ParquetWriterLifecycleTest, FailedAppendsPublishNothing) {
  SweepFaults(FileOp::kAppend, FaultKind::kError);
}

TEST(ParquetWriterLifecycleTest, FailedClosePublishesNothing) {
  SweepFaults(FileOp::kClose, FaultKind::kError);
  SweepFaults(FileOp::kClose, FaultKind::kErrorAfter);
}

TEST(ParquetWriterLifecycleTest, FailedOpenReportsTheError) {
  TempDir dir;
  LocalFileIO local;
  FaultInjectingFileIO io(local);
  io.AddFault(FaultRule{FileOp::kOpenWrite, 1, FaultKind::kError});
  EXPECT_FALSE(ParquetWriter::Open(io, dir.path() + "/a.parquet", Fields()).has_value());
  EXPECT_TRUE(FilesIn(dir.path()).empty());
}

}  // namespace
}  // namespace floe::parquet::test
