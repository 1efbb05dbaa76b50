// ReadParquetFooter on files made here: the request pattern, every way the
// tail can be wrong, metadata that fails validation, and a bit-flip sweep
// over a valid footer.
#include "formats/parquet/footer_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "formats/parquet/thrift_serde.h"
#include "unit/formats/parquet/parquet_test_files.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using test::AssembleFile;
using test::CountingFile;
using test::LittleEndian32;
using test::Serialize;
using test::TwoColumnMetadata;
namespace pq = format;

Result<std::shared_ptr<const ParquetFileMetadata>> ReadBytes(
    std::string contents, std::string location = "mem://t.parquet") {
  CountingFile file(std::move(location), std::move(contents));
  return ReadParquetFooter(file);
}

TEST(ParquetFooterReaderTest, SmallFileTakesOneRequest) {
  std::string footer = Serialize(TwoColumnMetadata(3));
  CountingFile file("mem://small.parquet", AssembleFile(footer));
  ASSERT_OK_AND_ASSIGN(auto meta, ReadParquetFooter(file));
  EXPECT_EQ(file.requests(), 1);
  EXPECT_EQ(meta->location(), "mem://small.parquet");
  EXPECT_EQ(meta->num_rows(), 3);
  EXPECT_EQ(meta->num_row_groups(), 1);
  EXPECT_EQ(meta->footer_length(), footer.size());
  EXPECT_EQ(meta->footer_offset(), 4 + 32);
  EXPECT_EQ(meta->file_size(), static_cast<int64_t>(4 + 32 + footer.size() + 8));
  EXPECT_EQ(meta->created_by(), "floe test");
  ASSERT_EQ(meta->schema().num_columns(), 2);
  EXPECT_EQ(meta->schema().column(1).dotted_path, "name");
  EXPECT_EQ(meta->column_chunk(0, 1).meta_data.data_page_offset, 20);
}

TEST(ParquetFooterReaderTest, LargeFileWithSmallFooterTakesOneRequest) {
  std::string footer = Serialize(TwoColumnMetadata(3));
  CountingFile file("mem://big.parquet", AssembleFile(footer, std::string(300 * 1024, 'd')));
  ASSERT_OK_AND_ASSIGN(auto meta, ReadParquetFooter(file));
  EXPECT_EQ(file.requests(), 1);  // one ReadRanges: the head magic and the tail
  EXPECT_EQ(meta->num_rows(), 3);
}

// Metadata whose serialized footer is exactly `target` bytes long.
std::string FooterOfLength(size_t target) {
  pq::FileMetaData meta = TwoColumnMetadata(3);
  pq::KeyValue kv;
  kv.__set_key("pad");
  kv.__set_value(std::string(1000, 'x'));
  meta.__set_key_value_metadata({kv});
  std::string footer = Serialize(meta);
  // The value's length prefix grows with it, so converge in a few steps.
  for (int i = 0; i < 4 && footer.size() != target; ++i) {
    const size_t value_size = meta.key_value_metadata[0].value.size() + target - footer.size();
    meta.key_value_metadata[0].value.assign(value_size, 'x');
    footer = Serialize(meta);
  }
  EXPECT_EQ(footer.size(), target);
  return footer;
}

TEST(ParquetFooterReaderTest, FooterLongerThanTheTailTakesASecondRequest) {
  for (size_t length : {size_t{kFooterTailReadSize - 9}, size_t{kFooterTailReadSize - 8},
                        size_t{kFooterTailReadSize - 7}, size_t{200 * 1024}}) {
    SCOPED_TRACE(length);
    std::string footer = FooterOfLength(length);
    CountingFile file("mem://wide.parquet", AssembleFile(footer, std::string(100 * 1024, 'd')));
    ASSERT_OK_AND_ASSIGN(auto meta, ReadParquetFooter(file));
    const bool fits = static_cast<int64_t>(length) + 8 <= kFooterTailReadSize;
    EXPECT_EQ(file.requests(), fits ? 1 : 2);
    ASSERT_EQ(meta->thrift().key_value_metadata.size(), 1u);
    EXPECT_EQ(meta->thrift().key_value_metadata[0].key, "pad");
    EXPECT_EQ(meta->footer_length(), length);
  }
}

TEST(ParquetFooterReaderTest, FooterLongerThanASmallFileIsRead) {
  // The whole file is smaller than the tail read, so one request covers it.
  std::string footer = FooterOfLength(40 * 1024);
  CountingFile file("mem://f.parquet", AssembleFile(footer));
  ASSERT_OK(ReadParquetFooter(file));
  EXPECT_EQ(file.requests(), 1);
}

TEST(ParquetFooterReaderTest, TooSmallFilesAreCorrupt) {
  for (size_t size = 0; size < 12; ++size) {
    SCOPED_TRACE(size);
    std::string contents = std::string("PAR1PAR1PAR1PAR1").substr(0, size);
    auto result = ReadBytes(contents, "mem://tiny.parquet");
    ASSERT_FALSE(result.has_value());
    EXPECT_TRUE(result.error().IsCorruption()) << result.error().ToString();
    EXPECT_NE(result.error().message().find("mem://tiny.parquet"), std::string::npos);
  }
  ASSERT_STATUS(kCorruption, "too small", ReadBytes("PAR1PAR1"));
  ASSERT_STATUS(kCorruption, "invalid footer: its length is 0",
                ReadBytes("PAR1" + LittleEndian32(0) + "PAR1"));
}

TEST(ParquetFooterReaderTest, MissingMagicIsCorrupt) {
  std::string good = AssembleFile(Serialize(TwoColumnMetadata()));
  std::string no_tail = good;
  no_tail.replace(no_tail.size() - 4, 4, "PAR2");
  ASSERT_STATUS(kCorruption, "parquet: mem://t.parquet: not a Parquet file: it ends with 'PAR2'",
                ReadBytes(no_tail));
  std::string no_head = good;
  no_head.replace(0, 4, std::string("\x00\x01PA", 4));
  ASSERT_STATUS(kCorruption, "it starts with '\\x00\\x01PA', not 'PAR1'", ReadBytes(no_head));
  // Same checks through the two-range path of a large file.
  std::string big = AssembleFile(Serialize(TwoColumnMetadata()), std::string(100 * 1024, 'd'));
  big.replace(0, 4, "PAR0");
  ASSERT_STATUS(kCorruption, "it starts with 'PAR0'", ReadBytes(big));
}

TEST(ParquetFooterReaderTest, EncryptedFooterIsNotSupported) {
  std::string file = AssembleFile("encrypted bytes", std::string(32, 'd'), "PARE");
  file.replace(0, 4, "PARE");
  ASSERT_STATUS(kNotSupported,
                "parquet: mem://enc.parquet: encrypted footer (PARE) is not supported",
                ReadBytes(file, "mem://enc.parquet"));
}

// A 3 GiB file of zeros with valid magic and a footer length of 2 GiB,
// produced on the fly.
class HugeFile final : public RandomAccessFile {
 public:
  explicit HugeFile(uint32_t footer_length) : tail_(LittleEndian32(footer_length) + "PAR1") {}
  const std::string& location() const override { return location_; }
  int64_t size() const override { return kSize; }
  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    FLOE_RETURN_NOT_OK(CheckRange(offset, length));
    for (int64_t i = 0; i < length; ++i) {
      const int64_t at = offset + i;
      char c = '\0';
      if (at < 4) c = "PAR1"[at];
      if (at >= kSize - 8) c = tail_[static_cast<size_t>(at - (kSize - 8))];
      out[i] = static_cast<uint8_t>(c);
    }
    return Status::OK();
  }
  using RandomAccessFile::ReadAt;

 private:
  static constexpr int64_t kSize = int64_t{3} << 30;
  std::string location_ = "mem://huge.parquet";
  std::string tail_;
};

TEST(ParquetFooterReaderTest, FootersBeyondTheLimitAreNotSupported) {
  HugeFile file(uint32_t{2} << 30);
  ASSERT_STATUS(kNotSupported,
                "parquet: mem://huge.parquet: the footer of 2147483648 bytes is larger than Floe's "
                "limit of 1073741824 bytes",
                ReadParquetFooter(file));
}

TEST(ParquetFooterReaderTest, FooterLengthBeyondTheFileIsCorrupt) {
  std::string file = AssembleFile(Serialize(TwoColumnMetadata()));
  const auto size = static_cast<uint32_t>(file.size());
  for (uint32_t length : {size - 11, size, size + 1, uint32_t{0x7fffffff}, uint32_t{0xffffffff}}) {
    SCOPED_TRACE(length);
    std::string bad = file;
    bad.replace(bad.size() - 8, 4, LittleEndian32(length));
    ASSERT_STATUS(kCorruption, "does not fit in a file of", ReadBytes(bad));
  }
  // The largest length that fits reaches back to the leading magic: the
  // footer then starts with column data and cannot parse.
  std::string bad = file;
  bad.replace(bad.size() - 8, 4, LittleEndian32(size - 12));
  ASSERT_STATUS(kCorruption, "parquet: mem://t.parquet: invalid footer: ", ReadBytes(bad));
}

TEST(ParquetFooterReaderTest, GarbageFooterIsCorrupt) {
  ASSERT_STATUS(kCorruption, "parquet: mem://t.parquet: invalid footer: ",
                ReadBytes(AssembleFile("\xff\xff\xff\xff\xff\xff\xff\xff")));
  // A valid struct that lacks FileMetaData's required fields.
  ASSERT_STATUS(kCorruption, "invalid footer: invalid or missing field",
                ReadBytes(AssembleFile(std::string(1, '\0'))));
  // The footer cut short at the front.
  std::string footer = Serialize(TwoColumnMetadata());
  ASSERT_STATUS(kCorruption, "invalid footer: ", ReadBytes(AssembleFile(footer.substr(0, 20))));
}

TEST(ParquetFooterReaderTest, RandomBytesAreCorrupt) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 200; ++i) {
    std::string contents(static_cast<size_t>(rng() % 4096), '\0');
    for (char& c : contents) c = static_cast<char>(rng());
    if (i % 2 == 1 && contents.size() >= 12) {
      // Valid magic at both ends and a length that fits: the footer parse
      // itself must fail cleanly.
      contents.replace(0, 4, "PAR1");
      contents.replace(contents.size() - 4, 4, "PAR1");
      const auto length = static_cast<uint32_t>(rng() % (contents.size() - 11));
      contents.replace(contents.size() - 8, 4, LittleEndian32(length));
    }
    SCOPED_TRACE(i);
    auto result = ReadBytes(contents);
    ASSERT_FALSE(result.has_value());
    EXPECT_TRUE(result.error().IsCorruption() || result.error().IsNotSupported())
        << result.error().ToString();
  }
}

// Every single-bit change to a valid footer either still parses or fails
// with Corruption/NotSupported; the sanitizers check that none of the
// 8 * footer-length variants misbehaves.
TEST(ParquetFooterReaderTest, BitFlipsInTheFooterFailCleanly) {
  pq::FileMetaData meta = TwoColumnMetadata(3);
  meta.schema[2].__set_converted_type(pq::ConvertedType::UTF8);
  pq::LogicalType logical;
  logical.__set_STRING(pq::StringType());
  meta.schema[2].__set_logicalType(logical);
  meta.row_groups[0].columns[1].meta_data.__set_dictionary_page_offset(20);
  pq::Statistics stats;
  stats.__set_null_count(0);
  stats.__set_min_value("a");
  stats.__set_max_value("z");
  meta.row_groups[0].columns[1].meta_data.__set_statistics(stats);
  const std::string footer = Serialize(meta);
  int parsed = 0;
  int rejected = 0;
  for (size_t byte = 0; byte < footer.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = footer;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      auto result = ReadBytes(AssembleFile(flipped));
      if (result.has_value()) {
        ++parsed;
        continue;
      }
      ++rejected;
      ASSERT_TRUE(result.error().IsCorruption() || result.error().IsNotSupported())
          << "byte " << byte << " bit " << bit << ": " << result.error().ToString();
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(parsed, 0);  // e.g. flips inside string contents
}

TEST(ParquetFooterReaderTest, MetadataIsValidated) {
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.num_rows = -1;
    ASSERT_STATUS(kCorruption, "parquet: mem://t.parquet: invalid footer: negative row count -1",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns.pop_back();
    ASSERT_STATUS(kCorruption,
                  "parquet: mem://t.parquet: row group 0: 1 column chunks, but the schema has 2 "
                  "leaf columns",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups.push_back(meta.row_groups[0]);
    meta.row_groups[1].num_rows = -5;
    ASSERT_STATUS(kCorruption, "row group 1: negative row count -5",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    // The second chunk runs into the footer.
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[1].meta_data.total_compressed_size = 17;
    ASSERT_STATUS(kCorruption,
                  "parquet: mem://t.parquet: row group 0, column 'name': the column chunk's bytes "
                  "[20, 20 + 17) are not within the data before the footer [0, 36)",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[0].meta_data.data_page_offset = -1;
    ASSERT_STATUS(kCorruption, "column 'id': the column chunk's bytes [-1, -1 + 16)",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[0].meta_data.data_page_offset = INT64_MAX - 4;
    ASSERT_STATUS(kCorruption, "are not within the data before the footer",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[1].meta_data.type = pq::Type::INT64;
    ASSERT_STATUS(kCorruption,
                  "column 'name': the column chunk's type INT64 differs from the schema's "
                  "BYTE_ARRAY",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[0].__isset.meta_data = false;
    ASSERT_STATUS(kCorruption, "column 'id': the column chunk has no metadata",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.row_groups[0].columns[0].meta_data.num_values = -1;
    ASSERT_STATUS(kCorruption, "column 'id': negative num_values -1",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    meta.schema[0].num_children = 3;
    ASSERT_STATUS(kCorruption,
                  "parquet: mem://t.parquet: invalid schema: the root 'schema' claims 3 children "
                  "but only 2 elements follow it",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
}

TEST(ParquetFooterReaderTest, DictionaryPageOffsetZeroMeansNone) {
  // Some writers store 0; the chunk then starts at its first data page.
  pq::FileMetaData meta = TwoColumnMetadata(3);
  meta.row_groups[0].columns[1].meta_data.__set_dictionary_page_offset(0);
  ASSERT_OK(ReadBytes(AssembleFile(Serialize(meta))));
}

TEST(ParquetFooterReaderTest, SummaryFileChunksInOtherFilesAreNotRangeChecked) {
  pq::FileMetaData meta = TwoColumnMetadata(3);
  meta.row_groups[0].columns[0].__set_file_path("part-0.parquet");
  meta.row_groups[0].columns[0].meta_data.data_page_offset = 1 << 30;
  ASSERT_OK(ReadBytes(AssembleFile(Serialize(meta))));
}

TEST(ParquetFooterReaderTest, UnknownEnumValuesAreRefused) {
  // Patches the codec on the wire: BROTLI (4) is zigzag 8 after the field
  // header 0x15 (field 4 = previous field + 1, type i32).
  pq::FileMetaData meta = TwoColumnMetadata(3);
  meta.row_groups[0].columns[1].meta_data.codec = pq::CompressionCodec::BROTLI;
  std::string footer = Serialize(meta);
  test::ReplaceOnce(footer, "\x15\x08", "\x15\x90\x4e");  // zigzag(5000) = 10000
  ASSERT_STATUS(kNotSupported,
                "parquet: mem://t.parquet: row group 0, column 'name': unknown compression codec "
                "5000",
                ReadBytes(AssembleFile(footer)));

  // An encoding the IDL does not list (GROUP_VAR_INT, 1, was never used):
  // the list header 0x15 (one i32) follows the field header 0x19, and
  // DELTA_BYTE_ARRAY (7) is zigzag 14.
  meta = TwoColumnMetadata(3);
  meta.row_groups[0].columns[1].meta_data.encodings = {pq::Encoding::DELTA_BYTE_ARRAY};
  footer = Serialize(meta);
  test::ReplaceOnce(footer, "\x19\x15\x0e", "\x19\x15\x02");
  ASSERT_STATUS(kNotSupported, "row group 0, column 'name': unknown encoding 1",
                ReadBytes(AssembleFile(footer)));
}

TEST(ParquetFooterReaderTest, UnknownConvertedTypesAreIgnoredAndCleared) {
  // Old writers stored ConvertedType 24 ("NULL"), which the specification
  // never had. The converted_type of 'name' (field 6, two after name, i32:
  // header 0x25) is patched from UTF8 (zigzag 0) to 24 (zigzag 48).
  pq::FileMetaData meta = TwoColumnMetadata(3);
  meta.schema[2].__set_converted_type(pq::ConvertedType::UTF8);
  std::string footer = Serialize(meta);
  test::ReplaceOnce(footer, std::string("\x04name\x25\x00", 7), std::string("\x04name\x25\x30", 7));
  ASSERT_OK_AND_ASSIGN(auto parsed, ReadBytes(AssembleFile(footer)));
  EXPECT_FALSE(parsed->schema().node(2).converted_type.has_value());
  EXPECT_FALSE(parsed->thrift().schema[2].__isset.converted_type);
  pq::SchemaElement copy = parsed->thrift().schema[2];  // safe to copy now
  EXPECT_EQ(copy.name, "name");
}

TEST(ParquetFooterReaderTest, EncryptedColumnsAreNotSupported) {
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    pq::EncryptionAlgorithm algorithm;
    algorithm.__set_AES_GCM_V1(pq::AesGcmV1());
    meta.__set_encryption_algorithm(algorithm);
    ASSERT_STATUS(kNotSupported, "parquet: mem://t.parquet: encrypted columns are not supported",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
  {
    pq::FileMetaData meta = TwoColumnMetadata(3);
    pq::ColumnCryptoMetaData crypto;
    crypto.__set_ENCRYPTION_WITH_FOOTER_KEY(pq::EncryptionWithFooterKey());
    meta.row_groups[0].columns[1].__set_crypto_metadata(crypto);
    meta.row_groups[0].columns[1].__isset.meta_data = false;
    ASSERT_STATUS(kNotSupported, "row group 0, column 1: encrypted columns are not supported",
                  ReadBytes(AssembleFile(Serialize(meta))));
  }
}

TEST(ParquetFooterReaderTest, HostileLengthsAreRefusedWithoutHugeAllocations) {
  // FileMetaData field 2 (schema), a list of structs claiming 10^9 elements.
  std::string list = "\x15\x02\x19\xfc\x80\x94\xeb\xdc\x03";
  ASSERT_STATUS(kCorruption, "claims more bytes or elements than the data holds",
                ReadBytes(AssembleFile(list + std::string(64, '\0'))));
  // Field 6 (created_by), a string claiming 10^9 bytes.
  std::string str = "\x15\x02\x58\x80\x94\xeb\xdc\x03";
  ASSERT_STATUS(kCorruption, "claims more bytes or elements than the data holds",
                ReadBytes(AssembleFile(str + std::string(64, '\0'))));
  // Unknown struct fields nested 200 deep: skipped under the nesting limit.
  std::string nested;
  for (int i = 0; i < 200; ++i) nested += "\x0c\xc8\x01";  // field 100, struct
  ASSERT_STATUS(kCorruption, "nested more than", ReadBytes(AssembleFile(nested)));
}

}  // namespace
}  // namespace floe::parquet
