// Small Parquet files made in tests: a valid footer for a few-column table,
// and the pieces to break it in chosen ways (a file is "PAR1" + column data +
// compact-protocol FileMetaData + its 4-byte little-endian length + "PAR1").
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_types.h"
#include "formats/parquet/thrift_serde.h"
#include "io/file_io.h"
#include "util/test_macros.h"

namespace floe::parquet::test {

namespace pq = ::floe::parquet::format;

inline pq::SchemaElement GroupElement(std::string name, int32_t num_children,
                                      pq::FieldRepetitionType::type repetition) {
  pq::SchemaElement e;
  e.__set_name(std::move(name));
  e.__set_num_children(num_children);
  e.__set_repetition_type(repetition);
  return e;
}

inline pq::SchemaElement RootElement(std::string name, int32_t num_children) {
  pq::SchemaElement e;
  e.__set_name(std::move(name));
  e.__set_num_children(num_children);
  return e;
}

inline pq::SchemaElement LeafElement(std::string name, pq::Type::type type,
                                     pq::FieldRepetitionType::type repetition) {
  pq::SchemaElement e;
  e.__set_name(std::move(name));
  e.__set_type(type);
  e.__set_repetition_type(repetition);
  return e;
}

// A column chunk of `size` bytes at `offset` holding `num_values` values.
inline pq::ColumnChunk ColumnChunkAt(std::vector<std::string> path, pq::Type::type type,
                                     int64_t offset, int64_t size, int64_t num_values) {
  pq::ColumnMetaData md;
  md.__set_type(type);
  md.__set_encodings({pq::Encoding::PLAIN, pq::Encoding::RLE});
  md.__set_path_in_schema(std::move(path));
  md.__set_codec(pq::CompressionCodec::UNCOMPRESSED);
  md.__set_num_values(num_values);
  md.__set_total_uncompressed_size(size);
  md.__set_total_compressed_size(size);
  md.__set_data_page_offset(offset);
  pq::ColumnChunk chunk;
  chunk.__set_file_offset(0);
  chunk.__set_meta_data(std::move(md));
  return chunk;
}

// Metadata for table (id INT32 REQUIRED, name BYTE_ARRAY OPTIONAL) with
// `num_rows` rows in one row group whose two chunks are the 2 * 16 bytes
// after the leading magic.
inline pq::FileMetaData TwoColumnMetadata(int64_t num_rows = 3) {
  pq::FileMetaData meta;
  meta.__set_version(1);
  meta.__set_schema({RootElement("schema", 2),
                     LeafElement("id", pq::Type::INT32, pq::FieldRepetitionType::REQUIRED),
                     LeafElement("name", pq::Type::BYTE_ARRAY, pq::FieldRepetitionType::OPTIONAL)});
  meta.__set_num_rows(num_rows);
  pq::RowGroup rg;
  rg.__set_columns({ColumnChunkAt({"id"}, pq::Type::INT32, 4, 16, num_rows),
                    ColumnChunkAt({"name"}, pq::Type::BYTE_ARRAY, 20, 16, num_rows)});
  rg.__set_total_byte_size(32);
  rg.__set_num_rows(num_rows);
  meta.__set_row_groups({rg});
  meta.__set_created_by("floe test");
  return meta;
}

inline std::string LittleEndian32(uint32_t v) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i)
    out[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

inline std::string Serialize(const pq::FileMetaData& meta) {
  auto bytes = SerializeThrift(meta);
  EXPECT_TRUE(bytes.has_value()) << bytes.error().ToString();
  return bytes.has_value() ? *bytes : std::string();
}

// "PAR1" + data + footer + length + "PAR1".
inline std::string AssembleFile(std::string_view footer,
                                std::string_view data = std::string(32, 'd'),
                                std::string_view tail_magic = "PAR1") {
  std::string file = "PAR1";
  file.append(data);
  file.append(footer);
  file.append(LittleEndian32(static_cast<uint32_t>(footer.size())));
  file.append(tail_magic);
  return file;
}

// Replaces the one occurrence of `from` in `bytes` (a test that patches wire
// bytes must know exactly what it patches).
inline void ReplaceOnce(std::string& bytes, std::string_view from, std::string_view to) {
  size_t at = bytes.find(from);
  ASSERT_NE(at, std::string::npos) << "pattern not found";
  ASSERT_EQ(bytes.find(from, at + 1), std::string::npos) << "pattern found twice";
  bytes.replace(at, from.size(), to);
}

// A RandomAccessFile over `contents` that counts requests: each ReadAt and
// each ReadRanges call is one.
class CountingFile final : public RandomAccessFile {
 public:
  CountingFile(std::string location, std::string contents)
      : location_(std::move(location)), contents_(std::move(contents)) {}

  const std::string& location() const override { return location_; }
  int64_t size() const override { return static_cast<int64_t>(contents_.size()); }
  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    ++requests_;
    return ReadUncounted(offset, length, out);
  }
  using RandomAccessFile::ReadAt;
  Result<std::vector<std::shared_ptr<const Buffer>>> ReadRanges(
      std::span<const ReadRange> ranges) override {
    ++requests_;
    std::vector<std::shared_ptr<const Buffer>> out;
    for (const ReadRange& r : ranges) {
      FLOE_ASSIGN_OR_RETURN(auto buffer, Buffer::Allocate(r.length));
      FLOE_RETURN_NOT_OK(ReadUncounted(r.offset, r.length, buffer->mutable_data()));
      out.push_back(std::move(buffer));
    }
    return out;
  }

  int requests() const { return requests_; }

 private:
  Status ReadUncounted(int64_t offset, int64_t length, uint8_t* out) {
    FLOE_RETURN_NOT_OK(CheckRange(offset, length));
    std::copy_n(contents_.data() + offset, length, out);
    return Status::OK();
  }

  std::string location_;
  std::string contents_;
  int requests_ = 0;
};

}  // namespace floe::parquet::test
