#include "formats/parquet/writer/page_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "formats/parquet/thrift_serde.h"

namespace floe::parquet {

namespace {

namespace pf = ::floe::parquet::format;

constexpr int64_t kMaxPageSize = std::numeric_limits<int32_t>::max();

Status CheckPageSize(int64_t size) {
  if (size > kMaxPageSize) {
    return Status::InvalidArgument("parquet writer: a page of {} bytes exceeds the 2 GiB limit",
                                   size);
  }
  return Status::OK();
}

}  // namespace

Result<pf::CompressionCodec::type> ThriftCompressionCodec(CompressionKind kind) {
  switch (kind) {
    case CompressionKind::kUncompressed:
      return pf::CompressionCodec::UNCOMPRESSED;
    case CompressionKind::kSnappy:
      return pf::CompressionCodec::SNAPPY;
    case CompressionKind::kGzip:
      return pf::CompressionCodec::GZIP;
    case CompressionKind::kZstd:
      return pf::CompressionCodec::ZSTD;
    case CompressionKind::kLz4Raw:
      return pf::CompressionCodec::LZ4_RAW;
    case CompressionKind::kLz4Hadoop:
      return pf::CompressionCodec::LZ4;
    case CompressionKind::kBrotli:
      return pf::CompressionCodec::BROTLI;
    case CompressionKind::kDeflate:
      break;
  }
  return Status::InvalidArgument("parquet writer: Parquet has no codec for {}",
                                 CompressionKindName(kind));
}

Result<std::span<const uint8_t>> PageWriter::Compress(std::span<const uint8_t> input) {
  if (codec_.kind() == CompressionKind::kUncompressed) return input;
  compressed_.resize(
      static_cast<size_t>(codec_.MaxCompressedLength(static_cast<int64_t>(input.size()))));
  FLOE_ASSIGN_OR_RETURN(int64_t length, codec_.Compress(input, compressed_));
  return std::span<const uint8_t>(compressed_.data(), static_cast<size_t>(length));
}

Status PageWriter::Append(std::vector<uint8_t>& out, pf::PageHeader& header,
                          std::span<const uint8_t> part1, std::span<const uint8_t> part2,
                          std::span<const uint8_t> part3) {
  if (write_crc_) {
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::span<const uint8_t> part : {part1, part2, part3}) {
      if (!part.empty()) crc = crc32(crc, part.data(), static_cast<uInt>(part.size()));
    }
    header.__set_crc(static_cast<int32_t>(static_cast<uint32_t>(crc)));
  }
  FLOE_ASSIGN_OR_RETURN(std::string serialized, SerializeThrift(header));
  const size_t at = out.size();
  out.resize(at + serialized.size() + part1.size() + part2.size() + part3.size());
  uint8_t* p = out.data() + at;
  std::memcpy(p, serialized.data(), serialized.size());
  p += serialized.size();
  for (std::span<const uint8_t> part : {part1, part2, part3}) {
    if (!part.empty()) std::memcpy(p, part.data(), part.size());
    p += part.size();
  }
  total_compressed_ += static_cast<int64_t>(serialized.size()) + header.compressed_page_size;
  total_uncompressed_ += static_cast<int64_t>(serialized.size()) + header.uncompressed_page_size;
  return Status::OK();
}

void PageWriter::CountEncoding(pf::Encoding::type encoding) {
  for (auto& [e, count] : data_page_encodings_) {
    if (e == encoding) {
      ++count;
      return;
    }
  }
  data_page_encodings_.emplace_back(encoding, 1);
}

Status PageWriter::WriteDataPageV1(std::span<const uint8_t> body, int32_t num_values,
                                   pf::Encoding::type encoding, int64_t first_row) {
  FLOE_RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(body.size())));
  FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> stored, Compress(body));
  FLOE_RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(stored.size())));
  pf::DataPageHeader data;
  data.__set_num_values(num_values);
  data.__set_encoding(encoding);
  data.__set_definition_level_encoding(pf::Encoding::RLE);
  data.__set_repetition_level_encoding(pf::Encoding::RLE);
  pf::PageHeader header;
  header.__set_type(pf::PageType::DATA_PAGE);
  header.__set_uncompressed_page_size(static_cast<int32_t>(body.size()));
  header.__set_compressed_page_size(static_cast<int32_t>(stored.size()));
  header.__set_data_page_header(data);
  const auto offset = static_cast<int64_t>(data_pages_.size());
  FLOE_RETURN_NOT_OK(Append(data_pages_, header, stored, {}, {}));
  locations_.push_back(
      {offset, static_cast<int32_t>(static_cast<int64_t>(data_pages_.size()) - offset), first_row});
  CountEncoding(encoding);
  return Status::OK();
}

Status PageWriter::WriteDataPageV2(std::span<const uint8_t> rep_levels,
                                   std::span<const uint8_t> def_levels,
                                   std::span<const uint8_t> values, int32_t num_values,
                                   int32_t num_nulls, int32_t num_rows, pf::Encoding::type encoding,
                                   int64_t first_row) {
  const auto levels = static_cast<int64_t>(rep_levels.size() + def_levels.size());
  FLOE_RETURN_NOT_OK(CheckPageSize(levels + static_cast<int64_t>(values.size())));
  FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> stored, Compress(values));
  FLOE_RETURN_NOT_OK(CheckPageSize(levels + static_cast<int64_t>(stored.size())));
  pf::DataPageHeaderV2 data;
  data.__set_num_values(num_values);
  data.__set_num_nulls(num_nulls);
  data.__set_num_rows(num_rows);
  data.__set_encoding(encoding);
  data.__set_definition_levels_byte_length(static_cast<int32_t>(def_levels.size()));
  data.__set_repetition_levels_byte_length(static_cast<int32_t>(rep_levels.size()));
  data.__set_is_compressed(codec_.kind() != CompressionKind::kUncompressed);
  pf::PageHeader header;
  header.__set_type(pf::PageType::DATA_PAGE_V2);
  header.__set_uncompressed_page_size(
      static_cast<int32_t>(levels + static_cast<int64_t>(values.size())));
  header.__set_compressed_page_size(
      static_cast<int32_t>(levels + static_cast<int64_t>(stored.size())));
  header.__set_data_page_header_v2(data);
  const auto offset = static_cast<int64_t>(data_pages_.size());
  FLOE_RETURN_NOT_OK(Append(data_pages_, header, rep_levels, def_levels, stored));
  locations_.push_back(
      {offset, static_cast<int32_t>(static_cast<int64_t>(data_pages_.size()) - offset), first_row});
  CountEncoding(encoding);
  return Status::OK();
}

Status PageWriter::WriteDictionaryPage(std::span<const uint8_t> body, int32_t num_entries) {
  FLOE_CHECK(dictionary_page_.empty(), "parquet writer: a second dictionary page for a chunk");
  FLOE_RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(body.size())));
  FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> stored, Compress(body));
  FLOE_RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(stored.size())));
  pf::DictionaryPageHeader dict;
  dict.__set_num_values(num_entries);
  dict.__set_encoding(pf::Encoding::PLAIN);
  pf::PageHeader header;
  header.__set_type(pf::PageType::DICTIONARY_PAGE);
  header.__set_uncompressed_page_size(static_cast<int32_t>(body.size()));
  header.__set_compressed_page_size(static_cast<int32_t>(stored.size()));
  header.__set_dictionary_page_header(dict);
  return Append(dictionary_page_, header, stored, {}, {});
}

void PageWriter::Reset() {
  dictionary_page_.clear();
  data_pages_.clear();
  locations_.clear();
  data_page_encodings_.clear();
  total_compressed_ = 0;
  total_uncompressed_ = 0;
}

}  // namespace floe::parquet
