// AvroWriter and AvroReader: container files round trip with every codec, the header metadata,
// publishing, and damaged or hostile files.
#include <gtest/gtest.h>
#include <zstd.h>

#include <nlohmann/json.hpp>

#include <thread>

#include "formats/avro/avro_datum_encoder.h"
#include "formats/avro/avro_encoder.h"
#include "formats/avro/avro_reader.h"
#include "formats/avro/avro_writer.h"
#include "io/memory_file_io.h"
#include "unit/formats/avro/avro_test_data.h"
#include "util/avro_peer.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

using Json = nlohmann::json;
using test::AvroCanonicalJson;

constexpr AvroCodec kCodecs[] = {AvroCodec::kNull, AvroCodec::kDeflate, AvroCodec::kSnappy,
                                 AvroCodec::kZstandard};

Json Canonical(std::span<const AvroDatum> records, const AvroSchema& schema) {
  Json out = Json::array();
  for (const AvroDatum& r : records) out.push_back(AvroCanonicalJson(r, schema.root()));
  return out;
}

Status WriteFile(FileIO& io, const std::string& location, const testdata::Data& data,
                 AvroWriterOptions options) {
  FLOE_ASSIGN_OR_RETURN(auto writer, AvroWriter::Make(io, location, data.schema, options));
  for (const AvroDatum& r : data.records) FLOE_RETURN_NOT_OK(writer->Write(r));
  return writer->Close();
}

Result<Json> ReadFile(FileIO& io, const std::string& location, AvroReaderOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(auto reader, AvroReader::Open(io, location, options));
  AvroRecordBatch batch;
  FLOE_RETURN_NOT_OK(reader->ReadAll(batch));
  return Canonical(batch.records(), reader->reader_schema());
}

std::string FileBytes(MemoryFileIO& io, const std::string& location) {
  auto bytes = io.ReadAll(location);
  EXPECT_TRUE(bytes.has_value());
  return bytes.value_or("");
}

Status Publish(MemoryFileIO& io, const std::string& location, const std::string& bytes) {
  return io.WriteAll(location, bytes, WriteMode::kOverwrite);
}

TEST(AvroContainerTest, RoundTripsWithEveryCodec) {
  auto data = testdata::MakeManifestLike(300, 8);
  const Json expected = Canonical(data->records, *data->schema);
  for (AvroCodec codec : kCodecs) {
    SCOPED_TRACE(std::string(AvroCodecName(codec)));
    MemoryFileIO io;
    AvroWriterOptions options;
    options.codec = codec;
    options.block_size = 16 * 1024;  // several blocks
    options.metadata = {{"schema", R"({"type":"struct"})"},
                        {"partition-spec", "[]"},
                        {"partition-spec-id", "0"},
                        {"format-version", "2"},
                        {"content", "data"},
                        {"binary", std::string("\0\xff", 2)}};
    ASSERT_OK(WriteFile(io, "mem://m.avro", *data, options));
    ASSERT_OK_AND_ASSIGN(auto reader, AvroReader::Open(io, "mem://m.avro"));
    EXPECT_EQ(reader->codec(), codec);
    EXPECT_EQ(reader->metadata_value("avro.codec"), AvroCodecName(codec));
    EXPECT_EQ(reader->metadata_value("partition-spec-id"), "0");
    EXPECT_EQ(reader->metadata_value("content"), "data");
    EXPECT_EQ(reader->metadata_value("binary"), std::string_view("\0\xff", 2));
    EXPECT_FALSE(reader->metadata_value("missing").has_value());
    ASSERT_EQ(reader->metadata().size(), 8u);
    EXPECT_EQ(reader->metadata()[0].first, "avro.schema");
    EXPECT_EQ(Json::parse(reader->metadata()[0].second), Json::parse(data->schema->ToJson()));
    // Block by block, with one reused batch.
    AvroRecordBatch batch;
    Json got = Json::array();
    int blocks = 0;
    while (true) {
      ASSERT_OK_AND_ASSIGN(bool more, reader->Next(batch));
      if (!more) break;
      ++blocks;
      for (const AvroDatum& r : batch.records()) {
        got.push_back(AvroCanonicalJson(r, reader->reader_schema().root()));
      }
    }
    EXPECT_GT(blocks, 3);
    EXPECT_EQ(reader->blocks_read(), blocks);
    EXPECT_EQ(reader->records_read(), 300);
    EXPECT_EQ(got, expected);
  }
}

TEST(AvroContainerTest, EveryTypeRoundTrips) {
  auto data = testdata::MakeAllTypes(40);
  for (AvroCodec codec : kCodecs) {
    MemoryFileIO io;
    AvroWriterOptions options;
    options.codec = codec;
    options.block_size = 512;
    ASSERT_OK(WriteFile(io, "mem://t.avro", *data, options));
    ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://t.avro"));
    EXPECT_EQ(got, Canonical(data->records, *data->schema)) << AvroCodecName(codec);
  }
}

TEST(AvroContainerTest, ReaderSchemaProjectsById) {
  auto data = testdata::MakeManifestLike(50, 3);
  MemoryFileIO io;
  ASSERT_OK(WriteFile(io, "mem://m.avro", *data, {}));
  // Only the file path (renamed) and the record count, by field id.
  ASSERT_OK_AND_ASSIGN(auto reader_schema, AvroSchema::Parse(R"({"type": "record", "name": "e",
    "fields": [{"name": "data_file", "field-id": 2, "type": {"type": "record", "name": "f",
      "fields": [{"name": "path", "type": "string", "field-id": 100},
                 {"name": "rows", "type": "long", "field-id": 103}]}}]})"));
  AvroReaderOptions options;
  options.reader_schema = reader_schema;
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://m.avro", options));
  const Json all = Canonical(data->records, *data->schema);
  ASSERT_EQ(got.size(), all.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["data_file"]["path"], all[i]["data_file"]["file_path"]);
    EXPECT_EQ(got[i]["data_file"]["rows"], all[i]["data_file"]["record_count"]);
    EXPECT_EQ(got[i]["data_file"].size(), 2u);
  }
}

// The reader schema can be chosen from the writer's (Iceberg manifests embed the file's own
// partition struct in the schema they read with).
TEST(AvroContainerTest, ReaderSchemaChosenFromTheWritersSchema) {
  auto data = testdata::MakeManifestLike(5, 2);
  MemoryFileIO io;
  ASSERT_OK(WriteFile(io, "mem://m.avro", *data, {}));
  ASSERT_OK_AND_ASSIGN(auto rows_only, AvroSchema::Parse(R"({"type": "record", "name": "e",
    "fields": [{"name": "data_file", "field-id": 2, "type": {"type": "record", "name": "f",
      "fields": [{"name": "rows", "type": "long", "field-id": 103}]}}]})"));
  AvroReaderOptions options;
  std::string seen_root;
  options.reader_schema_for = [&](const AvroSchema& writer) {
    seen_root = writer.root().full_name;
    return Result<std::shared_ptr<const AvroSchema>>(rows_only);
  };
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://m.avro", options));
  EXPECT_EQ(seen_root, data->schema->root().full_name);
  const Json all = Canonical(data->records, *data->schema);
  ASSERT_EQ(got.size(), all.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["data_file"]["rows"], all[i]["data_file"]["record_count"]);
    EXPECT_EQ(got[i]["data_file"].size(), 1u);
  }
  // Its error fails Open.
  options.reader_schema_for = [](const AvroSchema&) -> Result<std::shared_ptr<const AvroSchema>> {
    return Status::InvalidArgument("no schema for you");
  };
  ASSERT_STATUS(kInvalidArgument, "no schema for you", ReadFile(io, "mem://m.avro", options));
}

TEST(AvroContainerTest, LargeFilesAreReadInWindows) {
  auto data = testdata::MakeManifestLike(400, 4);
  MemoryFileIO io;
  AvroWriterOptions wo;
  wo.block_size = 8 * 1024;
  ASSERT_OK(WriteFile(io, "mem://big.avro", *data, wo));
  AvroReaderOptions options;
  options.whole_file_read_bytes = 0;
  options.read_chunk_bytes = 1000;  // smaller than a block: every block gets its own window
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://big.avro", options));
  EXPECT_EQ(got, Canonical(data->records, *data->schema));
  // A header longer than the first window is read by growing it.
  AvroWriterOptions big_meta;
  big_meta.metadata = {{"blob", std::string(200000, 'x')}};
  ASSERT_OK(WriteFile(io, "mem://meta.avro", *data, big_meta));
  ASSERT_OK_AND_ASSIGN(auto reader, AvroReader::Open(io, "mem://meta.avro", options));
  EXPECT_EQ(reader->metadata_value("blob")->size(), 200000u);
  AvroReaderOptions small_header = options;
  small_header.max_header_bytes = 100000;
  ASSERT_STATUS(kCorruption, "header is larger than the limit of 100000 bytes",
                AvroReader::Open(io, "mem://meta.avro", small_header));
}

TEST(AvroContainerTest, EmptyFileHasNoRecords) {
  testdata::Data empty;
  empty.schema = AvroSchema::Parse(R"("long")").value();
  MemoryFileIO io;
  ASSERT_OK(WriteFile(io, "mem://e.avro", empty, {}));
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://e.avro"));
  EXPECT_EQ(got, Json::array());
}

TEST(AvroContainerTest, PublishesOnlyAtClose) {
  auto data = testdata::MakeManifestLike(10, 2);
  MemoryFileIO io;
  {
    ASSERT_OK_AND_ASSIGN(auto writer, AvroWriter::Make(io, "mem://a.avro", data->schema));
    ASSERT_OK(writer->Write(data->records[0]));
    ASSERT_OK(writer->Flush());
    ASSERT_OK_AND_ASSIGN(bool exists, io.Exists("mem://a.avro"));
    EXPECT_FALSE(exists);
  }  // destroyed unclosed: nothing published
  ASSERT_OK_AND_ASSIGN(bool after_destructor, io.Exists("mem://a.avro"));
  EXPECT_FALSE(after_destructor);
  {
    ASSERT_OK_AND_ASSIGN(auto writer, AvroWriter::Make(io, "mem://a.avro", data->schema));
    ASSERT_OK(writer->Write(data->records[0]));
    ASSERT_OK(writer->Abort());
    ASSERT_OK(writer->Abort());  // idempotent
    ASSERT_STATUS(kInvalidArgument, "write after close", writer->Write(data->records[0]));
  }
  ASSERT_OK_AND_ASSIGN(bool after_abort, io.Exists("mem://a.avro"));
  EXPECT_FALSE(after_abort);
  ASSERT_OK_AND_ASSIGN(auto writer, AvroWriter::Make(io, "mem://a.avro", data->schema));
  ASSERT_OK(writer->Write(data->records[0]));
  ASSERT_OK(writer->Close());
  EXPECT_EQ(writer->records_written(), 1);
  EXPECT_EQ(writer->bytes_written(), static_cast<int64_t>(FileBytes(io, "mem://a.avro").size()));
  ASSERT_STATUS(kInvalidArgument, "already closed", writer->Close());
  // Create-if-absent (the default) refuses to replace it; overwrite does.
  auto again = AvroWriter::Make(io, "mem://a.avro", data->schema);
  if (again.has_value()) {
    ASSERT_OK((*again)->Write(data->records[1]));
    ASSERT_STATUS(kAlreadyExists, "", (*again)->Close());
  } else {
    EXPECT_TRUE(again.error().IsAlreadyExists()) << again.error().ToString();
  }
  AvroWriterOptions overwrite;
  overwrite.mode = WriteMode::kOverwrite;
  ASSERT_OK_AND_ASSIGN(auto replacing,
                       AvroWriter::Make(io, "mem://a.avro", data->schema, overwrite));
  ASSERT_OK(replacing->Write(data->records[1]));
  ASSERT_OK(replacing->Write(data->records[2]));
  ASSERT_OK(replacing->Close());
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://a.avro"));
  EXPECT_EQ(got.size(), 2u);
}

TEST(AvroContainerTest, RejectsBadWriterInput) {
  auto data = testdata::MakeManifestLike(3, 2);
  MemoryFileIO io;
  AvroWriterOptions reserved;
  reserved.metadata = {{"avro.schema", "x"}};
  ASSERT_STATUS(kInvalidArgument, "'avro.schema' is set by the writer",
                AvroWriter::Make(io, "mem://x.avro", data->schema, reserved));
  AvroWriterOptions twice;
  twice.metadata = {{"k", "1"}, {"k", "2"}};
  ASSERT_STATUS(kInvalidArgument, "given twice",
                AvroWriter::Make(io, "mem://x.avro", data->schema, twice));
  AvroWriterOptions zero;
  zero.block_size = 0;
  ASSERT_STATUS(kInvalidArgument, "block_size",
                AvroWriter::Make(io, "mem://x.avro", data->schema, zero));
  // A datum that is not a value of the schema: refused with its path; the writer goes on.
  ASSERT_OK_AND_ASSIGN(auto writer, AvroWriter::Make(io, "mem://x.avro", data->schema));
  std::vector<AvroDatum> fields(data->records[0].fields().begin(), data->records[0].fields().end());
  fields[0] = AvroDatum::String("not an int");
  ASSERT_STATUS(kInvalidArgument,
                "record 0: field 'status': a string datum cannot be written as int",
                writer->Write(AvroDatum::Record(fields)));
  std::vector<AvroDatum> file(fields[4].fields().begin(), fields[4].fields().end());
  file[13] = AvroDatum::Long(5);  // properties: ["null", map]
  fields =
      std::vector<AvroDatum>(data->records[0].fields().begin(), data->records[0].fields().end());
  fields[4] = AvroDatum::Record(file);
  ASSERT_STATUS(kInvalidArgument,
                "field 'data_file': field 'properties': a long datum matches no "
                "branch of the union",
                writer->Write(AvroDatum::Record(fields)));
  ASSERT_STATUS(kInvalidArgument, "the datum has 1 fields, the record 5",
                writer->Write(AvroDatum::Record(std::span<const AvroDatum>(fields).first(1))));
  ASSERT_OK(writer->Write(data->records[1]));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://x.avro"));
  EXPECT_EQ(got, Canonical(std::span<const AvroDatum>(data->records).subspan(1, 1), *data->schema));
}

// ---- Damaged and hostile files ----

// A container file made by hand: header with `metadata` (avro.schema first), then blocks.
struct Crafted {
  std::string bytes;
  std::string sync = std::string(16, '\x5a');
  void Header(const std::string& schema, const std::string& codec,
              std::vector<std::pair<std::string, std::string>> extra = {}) {
    bytes.assign(kAvroMagic);
    AvroEncoder enc(bytes);
    enc.WriteBlockCount(2 + static_cast<int64_t>(extra.size()));
    enc.WriteString("avro.schema");
    enc.WriteBytes(schema);
    enc.WriteString("avro.codec");
    enc.WriteBytes(codec);
    for (const auto& [k, v] : extra) {
      enc.WriteString(k);
      enc.WriteBytes(v);
    }
    enc.WriteBlockCount(0);
    bytes += sync;
  }
  void Block(int64_t count, const std::string& data) {
    AvroEncoder enc(bytes);
    enc.WriteLong(count);
    enc.WriteLong(static_cast<int64_t>(data.size()));
    bytes += data + sync;
  }
};

std::string Longs(std::initializer_list<int64_t> values) {
  std::string out;
  AvroEncoder enc(out);
  for (int64_t v : values) enc.WriteLong(v);
  return out;
}

Status ReadBytes(const std::string& bytes, AvroReaderOptions options = {}) {
  MemoryFileIO io;
  FLOE_RETURN_NOT_OK(Publish(io, "mem://bad.avro", bytes));
  FLOE_ASSIGN_OR_RETURN(auto reader, AvroReader::Open(io, "mem://bad.avro", options));
  AvroRecordBatch batch;
  return reader->ReadAll(batch);
}

TEST(AvroContainerTest, HandCraftedFileReads) {
  Crafted f;
  f.Header(R"("long")", "null");
  f.Block(3, Longs({1, -2, 3}));
  f.Block(1, Longs({INT64_MIN}));
  MemoryFileIO io;
  ASSERT_OK(Publish(io, "mem://c.avro", f.bytes));
  ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://c.avro"));
  EXPECT_EQ(got, Json::parse("[1, -2, 3, -9223372036854775808]"));
}

TEST(AvroContainerTest, DamagedFilesGiveClearErrors) {
  Crafted good;
  good.Header(R"("long")", "null");
  good.Block(2, Longs({5, 6}));

  ASSERT_STATUS(kCorruption,
                "mem://bad.avro: not an Avro object container file: it starts with "
                "'PAR1'",
                ReadBytes("PAR1" + good.bytes.substr(4)));
  ASSERT_STATUS(kCorruption, "2 bytes is too short", ReadBytes("Ob"));

  std::string bad_sync = good.bytes;
  bad_sync.back() ^= 1;
  ASSERT_STATUS(kCorruption, "block 0 at offset", ReadBytes(bad_sync));
  ASSERT_STATUS(kCorruption, "does not match the header's", ReadBytes(bad_sync));

  Crafted huge;
  huge.Header(R"("long")", "null");
  huge.bytes += Longs({1, int64_t{1} << 40}) + "abc";
  ASSERT_STATUS(kCorruption, "declares 1099511627776 bytes but the file has 3 left",
                ReadBytes(huge.bytes));

  Crafted negative;
  negative.Header(R"("long")", "null");
  negative.Block(-1, Longs({5}));
  ASSERT_STATUS(kCorruption, "negative record count -1", ReadBytes(negative.bytes));

  Crafted too_many;
  too_many.Header(R"("long")", "null");
  too_many.Block(int64_t{1} << 50, Longs({5}));
  ASSERT_STATUS(kCorruption, "1125899906842624 records cannot fit in its 1 bytes",
                ReadBytes(too_many.bytes));

  Crafted nulls;  // records that take no bytes: bounded by the values budget
  nulls.Header(R"("null")", "null");
  nulls.Block(int64_t{1} << 50, "");
  ASSERT_STATUS(kCorruption, "exceed the limit of", ReadBytes(nulls.bytes));

  Crafted left_over;
  left_over.Header(R"("long")", "null");
  left_over.Block(1, Longs({5, 6}));
  ASSERT_STATUS(kCorruption, "1 bytes are left after its 1 records", ReadBytes(left_over.bytes));

  Crafted short_block;
  short_block.Header(R"("long")", "null");
  short_block.Block(2, Longs({5}) + "\x80");  // the second record's varint is cut
  ASSERT_STATUS(kCorruption, "block 0 at offset", ReadBytes(short_block.bytes));
  ASSERT_STATUS(kCorruption, "record 1 of 2: at byte 1: a long needs 1 more byte(s)",
                ReadBytes(short_block.bytes));

  // A nested field's string claims more bytes than its block has: the message names the path.
  Crafted nested;
  nested.Header(R"({"type": "record", "name": "r", "fields": [{"name": "a", "type": "long"},
    {"name": "b", "type": {"type": "record", "name": "in", "fields": [
      {"name": "s", "type": "string"}]}}]})",
                "null");
  const size_t block_offset = nested.bytes.size();  // the block follows the header
  nested.Block(1, Longs({7, 100}) + "x");
  ASSERT_STATUS(kCorruption,
                fmt::format("block 0 at offset {}: record 0 of 1: field 'b': field 's': at byte 1: "
                            "length 100 exceeds the 1 bytes left after it",
                            block_offset),
                ReadBytes(nested.bytes));
  // The same when the field is skipped (the reader wants only "a").
  AvroReaderOptions only_a;
  only_a.reader_schema =
      AvroSchema::Parse(
          R"({"type": "record", "name": "r", "fields": [{"name": "a", "type": "long"}]})")
          .value();
  ASSERT_STATUS(kCorruption, "record 0 of 1: field 'b': field 's': at byte 1: length 100",
                ReadBytes(nested.bytes, only_a));

  Crafted no_schema;
  no_schema.bytes.assign(kAvroMagic);
  no_schema.bytes += Longs({0}) + std::string(16, 'x');
  ASSERT_STATUS(kCorruption, "the header has no 'avro.schema'", ReadBytes(no_schema.bytes));

  Crafted bad_schema;
  bad_schema.Header(R"({"type": "recrod"})", "null");
  ASSERT_STATUS(kCorruption, "header 'avro.schema': avro schema: unknown type name 'recrod'",
                ReadBytes(bad_schema.bytes));

  Crafted xz;
  xz.Header(R"("long")", "xz");
  ASSERT_STATUS(kNotSupported, "codec 'xz' is not supported", ReadBytes(xz.bytes));

  std::string many_meta(kAvroMagic);
  many_meta += Longs({int64_t{1} << 40});
  ASSERT_STATUS(kCorruption, "metadata block of 1099511627776 entries", ReadBytes(many_meta));

  Crafted truncated_header;
  truncated_header.Header(R"("long")", "null");
  ASSERT_STATUS(kCorruption, "header (magic, metadata, sync marker)",
                ReadBytes(truncated_header.bytes.substr(0, truncated_header.bytes.size() - 3)));
}

TEST(AvroContainerTest, CodecDamageIsDetected) {
  auto data = testdata::MakeManifestLike(20, 2);
  for (AvroCodec codec : {AvroCodec::kDeflate, AvroCodec::kSnappy, AvroCodec::kZstandard}) {
    SCOPED_TRACE(std::string(AvroCodecName(codec)));
    MemoryFileIO io;
    AvroWriterOptions options;
    options.codec = codec;
    ASSERT_OK(WriteFile(io, "mem://z.avro", *data, options));
    const std::string bytes = FileBytes(io, "mem://z.avro");
    // Flip one byte in the middle of the only block's data (the sync marker stays intact).
    std::string damaged = bytes;
    damaged[bytes.size() - 16 - 40] ^= 0x55;
    Status st = ReadBytes(damaged);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("block 0 at offset"), std::string::npos) << st.ToString();
  }
  // Snappy's CRC catches a change the decompressor cannot: edit the CRC itself.
  MemoryFileIO io;
  AvroWriterOptions options;
  options.codec = AvroCodec::kSnappy;
  ASSERT_OK(WriteFile(io, "mem://s.avro", *data, options));
  std::string bytes = FileBytes(io, "mem://s.avro");
  bytes[bytes.size() - 16 - 1] ^= 1;
  ASSERT_STATUS(kCorruption, "snappy block CRC-32", ReadBytes(bytes));
}

TEST(AvroContainerTest, DecompressionIsBounded) {
  // 4 MiB of zero bytes: one record of a 4 MiB fixed, deflated to a few KiB.
  std::string zeros(4 << 20, '\0');
  const std::string schema = R"({"type": "fixed", "name": "f", "size": 4194304})";
  for (AvroCodec codec : {AvroCodec::kDeflate, AvroCodec::kZstandard, AvroCodec::kSnappy}) {
    SCOPED_TRACE(std::string(AvroCodecName(codec)));
    ASSERT_OK_AND_ASSIGN(auto block_codec, AvroBlockCodec::Make(codec));
    ASSERT_OK_AND_ASSIGN(std::string compressed, block_codec->Compress(zeros));
    ASSERT_LT(compressed.size(), 300000u);
    Crafted f;
    f.Header(schema, std::string(AvroCodecName(codec)));
    f.Block(1, compressed);
    EXPECT_OK(ReadBytes(f.bytes));
    AvroReaderOptions small;
    small.max_block_bytes = 1 << 20;
    ASSERT_STATUS(kCorruption, "more than the limit of 1048576", ReadBytes(f.bytes, small));
  }
}

TEST(AvroContainerTest, ZstandardFramesWithoutContentSizeAndSeveralFrames) {
  // Streaming writers (Java's ZstdOutputStream) do not record the frame's content size.
  const std::string values = Longs({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  std::string compressed(ZSTD_compressBound(values.size()) + 64, '\0');
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ASSERT_FALSE(ZSTD_isError(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_contentSizeFlag, 0)));
  ZSTD_inBuffer in{values.data(), values.size(), 0};
  ZSTD_outBuffer out{compressed.data(), compressed.size(), 0};
  ASSERT_EQ(ZSTD_compressStream2(cctx.get(), &out, &in, ZSTD_e_end), 0u);
  compressed.resize(out.pos);
  ASSERT_EQ(ZSTD_getFrameContentSize(compressed.data(), compressed.size()),
            ZSTD_CONTENTSIZE_UNKNOWN);
  // Two frames: the first half of the values, then the rest.
  std::string half1 = Longs({1, 2, 3, 4, 5}), half2 = Longs({6, 7, 8, 9, 10});
  std::string two(ZSTD_compressBound(10) * 2 + 64, '\0');
  size_t a = ZSTD_compress(two.data(), two.size(), half1.data(), half1.size(), 3);
  size_t b = ZSTD_compress(two.data() + a, two.size() - a, half2.data(), half2.size(), 3);
  two.resize(a + b);
  for (const std::string& block : {compressed, two}) {
    Crafted f;
    f.Header(R"("long")", "zstandard");
    f.Block(10, block);
    MemoryFileIO io;
    ASSERT_OK(Publish(io, "mem://z.avro", f.bytes));
    ASSERT_OK_AND_ASSIGN(Json got, ReadFile(io, "mem://z.avro"));
    EXPECT_EQ(got, Json::parse("[1,2,3,4,5,6,7,8,9,10]"));
  }
  // A truncated stream is an error.
  Crafted cut;
  cut.Header(R"("long")", "zstandard");
  cut.Block(10, compressed.substr(0, compressed.size() - 2));
  ASSERT_STATUS(kCorruption, "zstandard codec", ReadBytes(cut.bytes));
}

// Cuts a small file at every length: each prefix is an error, or (at a block boundary) a valid
// file holding exactly the records of the blocks before the cut.
TEST(AvroContainerTest, EveryTruncationIsAnErrorOrAShorterFile) {
  auto data = testdata::MakeAllTypes(12);
  for (AvroCodec codec : kCodecs) {
    SCOPED_TRACE(std::string(AvroCodecName(codec)));
    MemoryFileIO io;
    AvroWriterOptions options;
    options.codec = codec;
    options.block_size = 200;  // a block every few records
    ASSERT_OK(WriteFile(io, "mem://t.avro", *data, options));
    const std::string bytes = FileBytes(io, "mem://t.avro");
    // Where each block ends, and the records up to there.
    std::map<size_t, int64_t> boundaries;
    {
      ASSERT_OK_AND_ASSIGN(auto reader, AvroReader::Open(io, "mem://t.avro"));
      AvroRecordBatch batch;
      int64_t records = 0;
      size_t header_end =
          bytes.find(std::string(reader->sync_marker().begin(), reader->sync_marker().end()));
      ASSERT_NE(header_end, std::string::npos);
      boundaries[header_end + 16] = 0;
      size_t pos = header_end + 16;
      while (true) {
        ASSERT_OK_AND_ASSIGN(bool more, reader->Next(batch));
        if (!more) break;
        records += static_cast<int64_t>(batch.size());
        pos = bytes.find(std::string(reader->sync_marker().begin(), reader->sync_marker().end()),
                         pos) +
              16;
        boundaries[pos] = records;
      }
      ASSERT_EQ(boundaries.rbegin()->first, bytes.size());
      ASSERT_GT(boundaries.size(), 3u);
    }
    int errors = 0, shorter = 0;
    for (size_t n = 0; n < bytes.size(); ++n) {
      MemoryFileIO cut;
      ASSERT_OK(Publish(cut, "mem://cut.avro", bytes.substr(0, n)));
      auto reader = AvroReader::Open(cut, "mem://cut.avro");
      Status st = reader.status();
      AvroRecordBatch batch;
      if (st.ok()) st = (*reader)->ReadAll(batch);
      if (st.ok()) {
        auto it = boundaries.find(n);
        ASSERT_NE(it, boundaries.end())
            << "a cut at " << n << " of " << bytes.size() << " bytes read as a valid file";
        EXPECT_EQ(static_cast<int64_t>(batch.size()), it->second);
        ++shorter;
      } else {
        EXPECT_TRUE(st.IsCorruption()) << st.ToString();
        EXPECT_NE(st.message().find("mem://cut.avro"), std::string::npos) << st.ToString();
        ++errors;
      }
    }
    EXPECT_EQ(shorter, static_cast<int>(boundaries.size()) - 1);
    EXPECT_GT(errors, 0);
  }
}

// Flips every bit of a small file, one at a time: whatever happens must be a Status.
TEST(AvroContainerTest, EveryBitFlipIsHandled) {
  auto data = testdata::MakeAllTypes(6);
  for (AvroCodec codec : {AvroCodec::kNull, AvroCodec::kDeflate}) {
    MemoryFileIO io;
    AvroWriterOptions options;
    options.codec = codec;
    options.block_size = 300;
    ASSERT_OK(WriteFile(io, "mem://f.avro", *data, options));
    const std::string bytes = FileBytes(io, "mem://f.avro");
    int failures = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
        if (!ReadBytes(flipped).ok()) ++failures;
      }
    }
    // Most flips are caught (sync markers, lengths, the schema's JSON); some change a value.
    EXPECT_GT(failures, static_cast<int>(bytes.size()));
  }
}

TEST(AvroContainerTest, DecoderCacheSharesSchemasAcrossFilesAndThreads) {
  auto data = testdata::MakeManifestLike(30, 3);
  auto other = testdata::MakeAllTypes(10);
  MemoryFileIO io;
  for (int i = 0; i < 8; ++i) {
    ASSERT_OK(WriteFile(io, fmt::format("mem://m{}.avro", i), i % 4 == 3 ? *other : *data, {}));
  }
  AvroReaderOptions options;
  options.decoder_cache = std::make_shared<AvroDecoderCache>();
  std::vector<Json> got(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 8; i += 4) {
        auto read = ReadFile(io, fmt::format("mem://m{}.avro", i), options);
        if (read.has_value()) got[i] = *read;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    const testdata::Data& d = i % 4 == 3 ? *other : *data;
    EXPECT_EQ(got[i], Canonical(d.records, *d.schema)) << i;
  }
  // Two schemas, each parsed and resolved once (a race may parse one twice, never more often
  // than there are threads); every other lookup hits.
  EXPECT_EQ(options.decoder_cache->hits() + options.decoder_cache->misses(), 16);
  EXPECT_GE(options.decoder_cache->misses(), 4);
  EXPECT_LE(options.decoder_cache->misses(), 16);
  // Sequentially, a third read of each schema only hits.
  const int64_t misses = options.decoder_cache->misses();
  ASSERT_OK(ReadFile(io, "mem://m0.avro", options).status());
  ASSERT_OK(ReadFile(io, "mem://m3.avro", options).status());
  EXPECT_EQ(options.decoder_cache->misses(), misses);
  // A bad schema is still reported per file, not cached.
  Crafted bad;
  bad.Header(R"({"type": "nope"})", "null");
  ASSERT_OK(Publish(io, "mem://bad.avro", bad.bytes));
  ASSERT_STATUS(kCorruption, "header 'avro.schema'", ReadFile(io, "mem://bad.avro", options));
  ASSERT_STATUS(kCorruption, "header 'avro.schema'", ReadFile(io, "mem://bad.avro", options));
}

}  // namespace
}  // namespace floe::avro
