// DeserializeThrift / SerializeThrift: round trips, bytes consumed (what a
// page reader needs to find the page after its header), and bad input.
#include "formats/parquet/thrift_serde.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/parquet/parquet_types.h"
#include "formats/parquet/thrift_enum.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace pq = format;

pq::PageHeader DataPageHeader() {
  pq::DataPageHeader data;
  data.__set_num_values(100);
  data.__set_encoding(pq::Encoding::RLE_DICTIONARY);
  data.__set_definition_level_encoding(pq::Encoding::RLE);
  data.__set_repetition_level_encoding(pq::Encoding::RLE);
  pq::PageHeader header;
  header.__set_type(pq::PageType::DATA_PAGE);
  header.__set_uncompressed_page_size(4096);
  header.__set_compressed_page_size(1234);
  header.__set_crc(-17);
  header.__set_data_page_header(data);
  return header;
}

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

TEST(ThriftSerdeTest, RoundTripReportsBytesConsumed) {
  ASSERT_OK_AND_ASSIGN(std::string header, SerializeThrift(DataPageHeader()));
  // The page's bytes follow the header in a file.
  const std::string bytes = header + std::string(1234, '\x7f');
  pq::PageHeader parsed;
  ASSERT_OK_AND_ASSIGN(
      uint32_t consumed,
      DeserializeThrift(Bytes(bytes), static_cast<uint32_t>(bytes.size()), &parsed));
  EXPECT_EQ(consumed, header.size());
  EXPECT_EQ(ThriftEnumValue(parsed.type), pq::PageType::DATA_PAGE);
  EXPECT_EQ(parsed.compressed_page_size, 1234);
  EXPECT_EQ(parsed.crc, -17);
  ASSERT_TRUE(parsed.__isset.data_page_header);
  EXPECT_EQ(parsed.data_page_header.num_values, 100);
  EXPECT_EQ(ThriftEnumValue(parsed.data_page_header.encoding), pq::Encoding::RLE_DICTIONARY);
}

TEST(ThriftSerdeTest, EveryTruncationIsCorrupt) {
  ASSERT_OK_AND_ASSIGN(std::string header, SerializeThrift(DataPageHeader()));
  for (size_t size = 0; size < header.size(); ++size) {
    SCOPED_TRACE(size);
    pq::PageHeader parsed;
    auto result = DeserializeThrift(Bytes(header), static_cast<uint32_t>(size), &parsed);
    ASSERT_FALSE(result.has_value());
    EXPECT_TRUE(result.error().IsCorruption()) << result.error().ToString();
  }
  pq::PageHeader parsed;
  ASSERT_STATUS(kCorruption, "the data ends inside the structure (0 bytes available)",
                DeserializeThrift(nullptr, 0, &parsed));
}

TEST(ThriftSerdeTest, MissingRequiredFieldIsCorrupt) {
  // A dictionary page header read as a Bloom filter header: field 2 has the
  // wrong type and is skipped, so the required `algorithm` is missing.
  pq::DictionaryPageHeader dictionary;
  dictionary.__set_num_values(3);
  dictionary.__set_encoding(pq::Encoding::PLAIN);
  ASSERT_OK_AND_ASSIGN(std::string bytes, SerializeThrift(dictionary));
  pq::BloomFilterHeader wrong;
  ASSERT_STATUS(kCorruption, "invalid or missing field",
                DeserializeThrift(Bytes(bytes), static_cast<uint32_t>(bytes.size()), &wrong));
}

TEST(ThriftSerdeTest, UnknownFieldsAreSkipped) {
  // A newer writer's field 100 (a string, in the long field form) before the
  // struct's stop byte.
  ASSERT_OK_AND_ASSIGN(std::string header, SerializeThrift(DataPageHeader()));
  ASSERT_EQ(header.back(), '\0');
  const std::string bytes =
      header.substr(0, header.size() - 1) + std::string("\x08\xc8\x01\x03new\x00", 8);
  pq::PageHeader parsed;
  ASSERT_OK_AND_ASSIGN(
      uint32_t consumed,
      DeserializeThrift(Bytes(bytes), static_cast<uint32_t>(bytes.size()), &parsed));
  EXPECT_EQ(consumed, bytes.size());
  EXPECT_EQ(parsed.compressed_page_size, 1234);
}

}  // namespace
}  // namespace floe::parquet
