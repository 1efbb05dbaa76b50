// ColumnChunkReader::MakeIndexed: reading only the pages that hold chosen
// rows gives exactly those rows; an offset index that disagrees with the
// pages is caught, and a reader facing one falls back to reading whole; a
// repeated column whose pages do not start rows is read correctly anyway.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "formats/parquet/column_chunk_range.h"
#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/footer_reader.h"
#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/thrift_serde.h"
#include "io/local_file_io.h"
#include "unit/formats/parquet/parquet_test_files.h"
#include "util/corpus.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace pq = ::floe::parquet::format;

// The cells of a column without repetition: one optional byte string per row.
using Cells = std::vector<std::optional<std::string>>;

void AppendCells(const ColumnBatch& batch, int16_t max_def, Cells& out) {
  const DecodedValues& v = batch.is_dictionary() ? *batch.dictionary : batch.values;
  int64_t value = 0;
  for (int64_t i = 0; i < batch.num_levels; ++i) {
    if (max_def > 0 && batch.def_levels[i] < max_def) {
      out.emplace_back(std::nullopt);
      continue;
    }
    const int64_t k = batch.is_dictionary() ? batch.indices[value] : value;
    ++value;
    if (!v.binary.empty()) {
      out.emplace_back(std::string(v.binary[k].view()));
    } else {
      out.emplace_back(
          std::string(reinterpret_cast<const char*>(v.fixed.data()) + k * v.width, v.width));
    }
  }
}

struct Chunk {
  std::shared_ptr<const ParquetFileMetadata> meta;
  ReadRange range;
  std::shared_ptr<const Buffer> bytes;
  OffsetIndex index;
};

Result<Chunk> LoadChunk(RandomAccessFile& file, int32_t column) {
  Chunk c;
  FLOE_ASSIGN_OR_RETURN(c.meta, ReadParquetFooter(file));
  FLOE_ASSIGN_OR_RETURN(c.range, ColumnChunkRange(*c.meta, 0, column));
  FLOE_ASSIGN_OR_RETURN(c.bytes, file.ReadAt(c.range.offset, c.range.length));
  std::vector<PageIndexRequest> requests = {{column, false}};
  FLOE_ASSIGN_OR_RETURN(auto indexes, ReadPageIndexes(file, *c.meta, 0, requests));
  if (!indexes[0].offset_index.has_value()) return Status::NotFound("no offset index");
  c.index = *indexes[0].offset_index;
  return c;
}

// The segments holding the pages that overlap `rows`, and the bytes before
// the first page.
std::vector<ChunkSegment> Segments(const Chunk& c, const RowRanges& rows, int64_t num_rows) {
  std::vector<ChunkSegment> out;
  auto slice = [&](int64_t offset, int64_t length) {
    auto b = Buffer::Allocate(length);
    EXPECT_TRUE(b.has_value());
    std::memcpy((*b)->mutable_data(), c.bytes->data() + (offset - c.range.offset), length);
    out.push_back({offset, std::shared_ptr<const Buffer>(std::move(*b))});
  };
  if (c.range.offset < c.index.pages[0].offset) {
    slice(c.range.offset, c.index.pages[0].offset - c.range.offset);
  }
  for (size_t p = 0; p < c.index.pages.size(); ++p) {
    const PageLocation& loc = c.index.pages[p];
    if (rows.Overlaps(loc.first_row_index, c.index.PageRowEnd(p, num_rows))) {
      slice(loc.offset, loc.compressed_page_size);
    }
  }
  return out;
}

TEST(ColumnChunkReaderIndexTest, PartialFetchReadsExactlyTheChosenRows) {
  FLOE_REQUIRE_CORPUS();
  for (const char* name : {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet"}) {
    const std::string path = *::floe::test::CorpusRoot() + "/parquet-testing/data/" + name;
    LocalFileIO io;
    ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(path));
    for (int32_t column : {0, 1, 5, 9}) {  // int, boolean, bigint, string
      SCOPED_TRACE(fmt::format("{} column {}", name, column));
      ASSERT_OK_AND_ASSIGN(Chunk c, LoadChunk(*file, column));
      const int64_t num_rows = c.meta->row_group(0).num_rows;
      const int16_t max_def = c.meta->schema().column(column).max_definition_level;
      // Every cell, read plainly.
      Cells all;
      ASSERT_OK_AND_ASSIGN(auto plain,
                           ColumnChunkReader::Make(c.meta, 0, column, c.bytes, c.range.offset));
      ColumnBatch batch;
      ASSERT_OK_AND_ASSIGN(int64_t n, plain->ReadRecords(num_rows, batch));
      ASSERT_EQ(n, num_rows);
      AppendCells(batch, max_def, all);
      std::mt19937 rng(static_cast<uint32_t>(column));
      int64_t pages_skipped = 0;
      for (int iter = 0; iter < 30; ++iter) {
        RowRanges rows;
        const int pieces = 1 + static_cast<int>(rng() % 6);
        for (int i = 0; i < pieces; ++i) {
          const int64_t begin = rng() % num_rows;
          rows.Add(begin, std::min<int64_t>(num_rows, begin + 1 + rng() % 300));
        }
        for (bool keep_dictionary : {false, true}) {
          ASSERT_OK_AND_ASSIGN(auto reader, ColumnChunkReader::MakeIndexed(
                                                c.meta, 0, column, Segments(c, rows, num_rows),
                                                c.index, {keep_dictionary, true}));
          Cells got, expect;
          int64_t at = 0;
          for (const RowRanges::Range& r : rows.ranges()) {
            ASSERT_OK_AND_ASSIGN(int64_t skipped, reader->SkipRecords(r.begin - at));
            ASSERT_EQ(skipped, r.begin - at);
            ColumnBatch b;
            // In two reads, the second starting mid-page.
            const int64_t half = (r.end - r.begin) / 2;
            ASSERT_OK_AND_ASSIGN(int64_t got1, reader->ReadRecords(half, b));
            ASSERT_OK_AND_ASSIGN(int64_t got2, reader->ReadRecords(r.end - r.begin - half, b));
            ASSERT_EQ(got1 + got2, r.end - r.begin) << rows.ToString();
            AppendCells(b, max_def, got);
            expect.insert(expect.end(), all.begin() + r.begin, all.begin() + r.end);
            at = r.end;
          }
          (void)at;
          EXPECT_EQ(got, expect) << rows.ToString();
          pages_skipped += reader->pages_skipped();
        }
      }
      EXPECT_GT(pages_skipped, 100);
    }
  }
}

TEST(ColumnChunkReaderIndexTest, IndexThatDisagreesWithPagesIsRefused) {
  FLOE_REQUIRE_CORPUS();
  const std::string path =
      *::floe::test::CorpusRoot() + "/parquet-testing/data/alltypes_tiny_pages.parquet";
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(path));
  ASSERT_OK_AND_ASSIGN(Chunk c, LoadChunk(*file, 0));
  const int64_t num_rows = c.meta->row_group(0).num_rows;
  RowRanges rows;
  rows.Add(3000, 3001);
  // A row count that the page header contradicts.
  OffsetIndex shifted = c.index;
  const size_t p = shifted.PageOfRow(3000);
  shifted.pages[p].first_row_index += 1;
  ASSERT_STATUS(kCorruption, "the index says",
                ColumnChunkReader::MakeIndexed(c.meta, 0, 0, Segments(c, rows, num_rows), shifted));
  // A page size that the header contradicts (the next page moves with it).
  OffsetIndex resized = c.index;
  resized.pages[p].compressed_page_size -= 1;
  ASSERT_STATUS(kCorruption, "offset index page",
                ColumnChunkReader::MakeIndexed(c.meta, 0, 0, Segments(c, rows, num_rows), resized));
  // A segment that cuts a page.
  std::vector<ChunkSegment> cut = Segments(c, rows, num_rows);
  auto shorter = Buffer::Allocate(cut.back().data->size() - 1);
  ASSERT_TRUE(shorter.has_value());
  std::memcpy((*shorter)->mutable_data(), cut.back().data->data(), (*shorter)->size());
  cut.back().data = std::shared_ptr<const Buffer>(std::move(*shorter));
  ASSERT_STATUS(kInvalidArgument, "cuts page",
                ColumnChunkReader::MakeIndexed(c.meta, 0, 0, cut, c.index));
  // Reading a page that was not fetched is the caller's error.
  ASSERT_OK_AND_ASSIGN(auto reader, ColumnChunkReader::MakeIndexed(
                                        c.meta, 0, 0, Segments(c, rows, num_rows), c.index));
  ColumnBatch batch;
  ASSERT_OK_AND_ASSIGN(int64_t n, reader->ReadRecords(5, batch));
  EXPECT_EQ(n, 0);  // page 0 was not fetched: the fetched run is empty
  ASSERT_OK_AND_ASSIGN(int64_t skipped, reader->SkipRecords(3000));
  EXPECT_EQ(skipped, 3000);
  ASSERT_OK_AND_ASSIGN(n, reader->ReadRecords(1, batch));
  EXPECT_EQ(n, 1);
}

// A file whose offset index for `id` lies about a page's first row (in a way
// the structural checks cannot see): the reader notices at the page header
// and reads the row group whole - same rows, no error.
TEST(ColumnChunkReaderIndexTest, ReaderFallsBackOnALyingIndex) {
  FLOE_REQUIRE_CORPUS();
  const std::string path =
      *::floe::test::CorpusRoot() + "/parquet-testing/data/alltypes_tiny_pages.parquet";
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(std::string contents, io.ReadAll(path));
  ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(path));
  ASSERT_OK_AND_ASSIGN(Chunk c, LoadChunk(*file, 0));
  const pq::ColumnChunk& chunk = c.meta->column_chunk(0, 0);
  pq::OffsetIndex thrift;
  ASSERT_OK(DeserializeThrift(
                reinterpret_cast<const uint8_t*>(contents.data()) + chunk.offset_index_offset,
                static_cast<uint32_t>(chunk.offset_index_length), &thrift)
                .status());
  ParquetPredicate predicate(
      {ParquetPredicate::Compare("id", PredicateOp::kGreaterEqual, Value::Int32(3000)),
       ParquetPredicate::Compare("id", PredicateOp::kLessEqual, Value::Int32(3005))});
  ParquetReaderOptions options;
  options.predicate = predicate;
  // Lie about a page the predicate selects.
  size_t p = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto honest, ParquetReader::Open(io, path, options));
    ASSERT_OK_AND_ASSIGN(DataChunk out, honest->MakeChunk());
    ASSERT_OK_AND_ASSIGN(bool more, honest->Next(out));
    ASSERT_TRUE(more);
    ASSERT_GT(honest->pruning_stats().pages_skipped, 0);
    p = c.index.PageOfRow(honest->current_row_ranges().ranges()[0].begin);
  }
  thrift.page_locations[p].first_row_index += 2;  // same varint length
  ASSERT_OK_AND_ASSIGN(std::string patched, SerializeThrift(thrift));
  ASSERT_EQ(patched.size(), static_cast<size_t>(chunk.offset_index_length));
  contents.replace(static_cast<size_t>(chunk.offset_index_offset), patched.size(), patched);

  auto in_memory = std::make_unique<test::CountingFile>(path, contents);
  ASSERT_OK_AND_ASSIGN(auto meta, ReadParquetFooter(*in_memory));
  ASSERT_OK_AND_ASSIGN(auto reader,
                       ParquetReader::OpenWithMetadata(std::move(in_memory), meta, options));
  ASSERT_OK_AND_ASSIGN(DataChunk out, reader->MakeChunk());
  std::vector<int64_t> ids;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, reader->Next(out));
    if (!more) break;
    for (int64_t r = 0; r < out.size(); ++r) {
      Value v = out.GetValue(0, r);
      if (!v.is_null() && v.GetInt64() >= 3000 && v.GetInt64() <= 3005) ids.push_back(v.GetInt64());
    }
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{3000, 3001, 3002, 3003, 3004, 3005}));
  EXPECT_EQ(reader->pruning_stats().page_indexes_ignored, 1);
  EXPECT_EQ(reader->pruning_stats().pages_skipped, 0);
}

// A repeated INT32 column "a" in two pages whose second page continues the
// second record: records [1, 2], [3 | 4, 5], [6].
struct RepeatedChunk {
  std::shared_ptr<const ParquetFileMetadata> meta;
  std::shared_ptr<const Buffer> bytes;
  int64_t page0_size = 0;
  int64_t page1_size = 0;
};

std::string DataPage(const std::string& rep, const std::vector<int32_t>& values) {
  std::string body = test::LittleEndian32(static_cast<uint32_t>(rep.size())) + rep;
  const std::string def = {static_cast<char>(values.size() << 1), '\x01'};  // RLE run of 1s
  body += test::LittleEndian32(static_cast<uint32_t>(def.size())) + def;
  for (int32_t v : values) body += test::LittleEndian32(static_cast<uint32_t>(v));
  pq::DataPageHeader d;
  d.__set_num_values(static_cast<int32_t>(values.size()));
  d.__set_encoding(pq::Encoding::PLAIN);
  d.__set_definition_level_encoding(pq::Encoding::RLE);
  d.__set_repetition_level_encoding(pq::Encoding::RLE);
  pq::PageHeader h;
  h.__set_type(pq::PageType::DATA_PAGE);
  h.__set_uncompressed_page_size(static_cast<int32_t>(body.size()));
  h.__set_compressed_page_size(static_cast<int32_t>(body.size()));
  h.__set_data_page_header(d);
  auto header = SerializeThrift(h);
  EXPECT_TRUE(header.has_value());
  return *header + body;
}

RepeatedChunk MakeRepeatedChunk() {
  // Bit-packed runs of one group: rep levels 0,1,0 and 1,1,0.
  const std::string page0 = DataPage(std::string("\x03\x02", 2), {1, 2, 3});
  const std::string page1 = DataPage(std::string("\x03\x03", 2), {4, 5, 6});
  RepeatedChunk out;
  out.page0_size = static_cast<int64_t>(page0.size());
  out.page1_size = static_cast<int64_t>(page1.size());
  out.bytes = Buffer::FromString(page0 + page1);
  auto meta = std::make_unique<pq::FileMetaData>();
  meta->__set_version(1);
  meta->__set_schema({test::RootElement("schema", 1),
                      test::LeafElement("a", pq::Type::INT32, pq::FieldRepetitionType::REPEATED)});
  meta->__set_num_rows(3);
  pq::RowGroup rg;
  rg.__set_columns({test::ColumnChunkAt({"a"}, pq::Type::INT32, 4, out.bytes->size(), 6)});
  rg.__set_num_rows(3);
  rg.__set_total_byte_size(out.bytes->size());
  meta->__set_row_groups({rg});
  auto made = ParquetFileMetadata::Make("repeated.parquet", 1 << 20, 100, std::move(meta));
  EXPECT_TRUE(made.has_value()) << made.error().ToString();
  out.meta = std::move(made).value();
  return out;
}

std::vector<int32_t> Ints(const ColumnBatch& b) {
  std::vector<int32_t> out(b.values.count);
  if (!out.empty()) std::memcpy(out.data(), b.values.fixed.data(), out.size() * 4);
  return out;
}

TEST(ColumnChunkReaderIndexTest, RepeatedPagesThatDoNotStartRows) {
  RepeatedChunk c = MakeRepeatedChunk();
  // Writers disagree on what first_row_index means for a page that
  // continues a row: the first row starting in it (2), or the row in
  // progress (1). Neither may make the reader split a record.
  for (int64_t second_page_row : {1, 2}) {
    SCOPED_TRACE(second_page_row);
    OffsetIndex index{{{4, c.page0_size, 0}, {4 + c.page0_size, c.page1_size, second_page_row}}};
    for (int64_t skip : {0, 1, 2}) {
      SCOPED_TRACE(skip);
      ASSERT_OK_AND_ASSIGN(auto reader,
                           ColumnChunkReader::MakeIndexed(c.meta, 0, 0, {{4, c.bytes}}, index));
      ASSERT_OK_AND_ASSIGN(int64_t skipped, reader->SkipRecords(skip));
      ASSERT_EQ(skipped, skip);
      ColumnBatch batch;
      ASSERT_OK_AND_ASSIGN(int64_t n, reader->ReadRecords(1, batch));
      ASSERT_EQ(n, 1);
      const std::vector<std::vector<int32_t>> records = {{1, 2}, {3, 4, 5}, {6}};
      EXPECT_EQ(Ints(batch), records[static_cast<size_t>(skip)]);
      ColumnBatch rest;
      ASSERT_OK_AND_ASSIGN(n, reader->ReadRecords(10, rest));
      EXPECT_EQ(n, 2 - skip);
    }
  }
}

TEST(ColumnChunkReaderIndexTest, RepeatedPagesThatStartRowsAreSkipped) {
  // Records [1, 2], [3], [4, 5], [6]: the second page starts record 2.
  const std::string page0 = DataPage(std::string("\x03\x02", 2), {1, 2, 3});
  const std::string page1 = DataPage(std::string("\x03\x02", 2), {4, 5, 6});
  RepeatedChunk c = MakeRepeatedChunk();
  auto meta = std::make_unique<pq::FileMetaData>(c.meta->thrift());
  meta->row_groups[0].columns[0].meta_data.__set_total_compressed_size(
      static_cast<int64_t>(page0.size() + page1.size()));
  meta->row_groups[0].__set_num_rows(4);
  meta->__set_num_rows(4);
  ASSERT_OK_AND_ASSIGN(auto m,
                       ParquetFileMetadata::Make("r.parquet", 1 << 20, 100, std::move(meta)));
  OffsetIndex index{
      {{4, static_cast<int64_t>(page0.size()), 0},
       {4 + static_cast<int64_t>(page0.size()), static_cast<int64_t>(page1.size()), 2}}};
  ASSERT_OK_AND_ASSIGN(auto reader, ColumnChunkReader::MakeIndexed(
                                        m, 0, 0, {{4, Buffer::FromString(page0 + page1)}}, index));
  ASSERT_OK_AND_ASSIGN(int64_t skipped, reader->SkipRecords(3));
  EXPECT_EQ(skipped, 3);
  EXPECT_EQ(reader->pages_skipped(), 1);
  ColumnBatch batch;
  ASSERT_OK_AND_ASSIGN(int64_t n, reader->ReadRecords(1, batch));
  ASSERT_EQ(n, 1);
  EXPECT_EQ(Ints(batch), std::vector<int32_t>({6}));
}

}  // namespace
}  // namespace floe::parquet
