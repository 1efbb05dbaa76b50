#include "fuzz/seed_extractor.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#include "common/buffer.h"
#include "formats/compression/codec.h"
#include "formats/parquet/column_chunk_range.h"
#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/rle_bit_packed.h"
#include "formats/parquet/footer_reader.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/thrift_enum.h"
#include "formats/parquet/thrift_serde.h"
#include "io/memory_file_io.h"

namespace floe::fuzz {
namespace {

using parquet::ThriftEnumValue;
namespace format = parquet::format;

using Bytes = std::span<const uint8_t>;

// Pages that decompress to more are left alone.
constexpr int64_t kMaxPageSize = int64_t{64} << 20;
// The codec target's output size limit.
constexpr int64_t kMaxCodecOutput = int64_t{1} << 20;
// Levels decoded to count a v1 page's non-null values.
constexpr int64_t kMaxLevels = int64_t{1} << 20;

std::vector<uint8_t> LittleEndian(uint64_t v, int n) {
  std::vector<uint8_t> out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  return out;
}

uint32_t LoadLittleEndian32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Parquet's CompressionCodec values to Floe's codecs; LZO is not read.
std::optional<CompressionKind> CodecOf(int32_t codec) {
  switch (codec) {
    case format::CompressionCodec::UNCOMPRESSED:
      return CompressionKind::kUncompressed;
    case format::CompressionCodec::SNAPPY:
      return CompressionKind::kSnappy;
    case format::CompressionCodec::GZIP:
      return CompressionKind::kGzip;
    case format::CompressionCodec::BROTLI:
      return CompressionKind::kBrotli;
    case format::CompressionCodec::LZ4:
      return CompressionKind::kLz4Hadoop;
    case format::CompressionCodec::ZSTD:
      return CompressionKind::kZstd;
    case format::CompressionCodec::LZ4_RAW:
      return CompressionKind::kLz4Raw;
    default:
      return std::nullopt;
  }
}

class Extractor {
 public:
  Extractor(Bytes file, const SeedLimits& limits) : file_(file), limits_(limits) {}

  std::vector<Seed> Run() {
    if (file_.size() <= limits_.max_seed_size) Add("parquet_file", {}, file_);
    if (file_.size() < 12) return std::move(seeds_);
    const uint32_t footer_length = LoadLittleEndian32(file_.data() + file_.size() - 8);
    if (std::memcmp(file_.data() + file_.size() - 4, "PAR1", 4) != 0 ||
        footer_length > file_.size() - 12) {
      return std::move(seeds_);
    }
    Add("thrift_file_metadata", {}, file_.subspan(file_.size() - 8 - footer_length, footer_length));

    MemoryFileIO io;
    auto buffer = Buffer::Allocate(static_cast<int64_t>(file_.size()));
    if (!buffer.has_value()) return std::move(seeds_);
    std::memcpy((*buffer)->mutable_data(), file_.data(), file_.size());
    if (!io.Publish("seed.parquet", std::move(buffer).value(), WriteMode::kOverwrite).ok()) {
      return std::move(seeds_);
    }
    auto opened = io.OpenRead("seed.parquet");
    if (!opened.has_value()) return std::move(seeds_);
    auto metadata = parquet::ReadParquetFooter(**opened);
    if (!metadata.has_value()) return std::move(seeds_);
    int chunks = 0;
    for (int32_t rg = 0; rg < (*metadata)->num_row_groups(); ++rg) {
      for (int32_t c = 0; c < (*metadata)->schema().num_columns(); ++c) {
        if (chunks++ >= limits_.max_chunks) return std::move(seeds_);
        Chunk(**metadata, rg, c);
      }
    }
    return std::move(seeds_);
  }

 private:
  // Adds prefix + payload, cut to the size limit (a cut page still starts
  // like a real one).
  void Add(std::string_view target, std::vector<uint8_t> prefix, Bytes payload) {
    Seed seed{target, std::move(prefix)};
    if (seed.bytes.size() > limits_.max_seed_size) return;
    const size_t room = limits_.max_seed_size - seed.bytes.size();
    const size_t n = std::min(room, payload.size());
    seed.bytes.insert(seed.bytes.end(), payload.data(), payload.data() + n);
    seeds_.push_back(std::move(seed));
  }

  struct Column {
    int32_t type = 0;  // Thrift Type
    int width = 0;     // bytes of a fixed-width value, 0 for BYTE_ARRAY
    int16_t max_def = 0;
    int16_t max_rep = 0;
  };

  void Chunk(const parquet::ParquetFileMetadata& m, int32_t rg, int32_t c) {
    const parquet::ColumnDescriptor& d = m.schema().column(c);
    const parquet::SchemaNode& node = m.schema().node(d.node_index);
    Column column;
    column.type = static_cast<int32_t>(d.physical_type);
    switch (d.physical_type) {
      case parquet::PhysicalType::kBoolean:
        column.width = 1;
        break;
      case parquet::PhysicalType::kInt32:
      case parquet::PhysicalType::kFloat:
        column.width = 4;
        break;
      case parquet::PhysicalType::kInt64:
      case parquet::PhysicalType::kDouble:
        column.width = 8;
        break;
      case parquet::PhysicalType::kInt96:
        column.width = 12;
        break;
      case parquet::PhysicalType::kByteArray:
        column.width = 0;
        break;
      case parquet::PhysicalType::kFixedLenByteArray:
        column.width = node.type_length.value_or(0);
        break;
    }
    column.max_def = d.max_definition_level;
    column.max_rep = d.max_repetition_level;

    auto range = parquet::ColumnChunkRange(m, rg, c);
    if (!range.has_value()) return;
    if (range->offset + range->length > static_cast<int64_t>(file_.size())) return;
    Bytes chunk =
        file_.subspan(static_cast<size_t>(range->offset), static_cast<size_t>(range->length));
    const int32_t codec_value = ThriftEnumValue(m.column_chunk(rg, c).meta_data.codec);
    if (codec_value < 0 || codec_value > 7) return;
    Add("page_reader", {static_cast<uint8_t>(codec_value | 8)}, chunk);
    const std::optional<CompressionKind> codec = CodecOf(codec_value);

    size_t pos = 0;
    for (int p = 0; p < limits_.max_pages_per_chunk && pos < chunk.size(); ++p) {
      format::PageHeader h;
      const size_t remaining = chunk.size() - pos;
      auto consumed = parquet::DeserializeThrift(
          chunk.data() + pos, static_cast<uint32_t>(std::min<size_t>(remaining, UINT32_MAX)), &h);
      if (!consumed.has_value()) return;
      Add("thrift_page_header", {}, chunk.subspan(pos, *consumed));
      const int64_t compressed = h.compressed_page_size;
      const int64_t uncompressed = h.uncompressed_page_size;
      if (compressed < 0 || uncompressed < 0 || uncompressed > kMaxPageSize ||
          compressed > static_cast<int64_t>(remaining - *consumed)) {
        return;
      }
      Bytes body = chunk.subspan(pos + *consumed, static_cast<size_t>(compressed));
      pos += *consumed + static_cast<size_t>(compressed);
      if (!codec.has_value()) continue;
      Page(column, *codec, h, body);
    }
  }

  // The page's decompressed bytes, adding a codec seed on the way.
  std::optional<std::vector<uint8_t>> Decompress(CompressionKind codec, Bytes in,
                                                 int64_t out_size) {
    if (out_size < 0) return std::nullopt;
    if (codec == CompressionKind::kUncompressed) {
      if (static_cast<int64_t>(in.size()) != out_size) return std::nullopt;
      return std::vector<uint8_t>(in.begin(), in.end());
    }
    if (out_size <= kMaxCodecOutput) {
      std::vector<uint8_t> prefix = {static_cast<uint8_t>(codec)};
      std::vector<uint8_t> size = LittleEndian(static_cast<uint64_t>(out_size), 3);
      prefix.insert(prefix.end(), size.begin(), size.end());
      Add("codec", std::move(prefix), in);
    }
    auto c = Codec::Make(codec);
    if (!c.has_value()) return std::nullopt;
    std::vector<uint8_t> out(static_cast<size_t>(out_size));
    if (!(*c)->Decompress(in, out).ok()) return std::nullopt;
    return out;
  }

  void Page(const Column& column, CompressionKind codec, const format::PageHeader& h, Bytes body) {
    const int32_t type = ThriftEnumValue(h.type);
    if (type == format::PageType::DICTIONARY_PAGE && h.__isset.dictionary_page_header) {
      auto data = Decompress(codec, body, h.uncompressed_page_size);
      if (!data.has_value()) return;
      Plain(column, h.dictionary_page_header.num_values, *data);
    } else if (type == format::PageType::DATA_PAGE && h.__isset.data_page_header) {
      const format::DataPageHeader& d = h.data_page_header;
      auto data = Decompress(codec, body, h.uncompressed_page_size);
      if (!data.has_value() || d.num_values < 0 || d.num_values > kMaxLevels) return;
      Bytes rest(*data);
      int64_t non_null = d.num_values;
      if (column.max_rep > 0) {
        if (ThriftEnumValue(d.repetition_level_encoding) != format::Encoding::RLE) return;
        auto levels = V1Levels(rest, column.max_rep, d.num_values, nullptr);
        if (!levels.has_value()) return;
        rest = rest.subspan(*levels);
      }
      if (column.max_def > 0) {
        if (ThriftEnumValue(d.definition_level_encoding) != format::Encoding::RLE) return;
        auto levels = V1Levels(rest, column.max_def, d.num_values, &non_null);
        if (!levels.has_value()) return;
        rest = rest.subspan(*levels);
      }
      Values(column, ThriftEnumValue(d.encoding), non_null, rest);
    } else if (type == format::PageType::DATA_PAGE_V2 && h.__isset.data_page_header_v2) {
      const format::DataPageHeaderV2& d = h.data_page_header_v2;
      const int64_t rep = d.repetition_levels_byte_length;
      const int64_t def = d.definition_levels_byte_length;
      if (rep < 0 || def < 0 || rep + def > static_cast<int64_t>(body.size())) return;
      if (column.max_rep > 0) Levels(column.max_rep, body.subspan(0, static_cast<size_t>(rep)));
      if (column.max_def > 0) {
        Levels(column.max_def, body.subspan(static_cast<size_t>(rep), static_cast<size_t>(def)));
      }
      Bytes values_in = body.subspan(static_cast<size_t>(rep + def));
      const bool compressed = !d.__isset.is_compressed || d.is_compressed;
      std::optional<std::vector<uint8_t>> values;
      if (compressed && !values_in.empty()) {
        values = Decompress(codec, values_in, h.uncompressed_page_size - rep - def);
      } else {
        values = std::vector<uint8_t>(values_in.begin(), values_in.end());
      }
      if (!values.has_value()) return;
      Values(column, ThriftEnumValue(d.encoding), int64_t{d.num_values} - d.num_nulls, *values);
    }
  }

  void Levels(int16_t max_level, Bytes runs) {
    Add("rle_bit_packed",
        {static_cast<uint8_t>(parquet::BitWidth(static_cast<uint64_t>(max_level)))}, runs);
  }

  // A v1 page's length-prefixed RLE levels at the start of `data`: adds a
  // seed, counts the entries equal to the maximum into `*at_max` when
  // asked, returns the bytes they take.
  std::optional<size_t> V1Levels(Bytes data, int16_t max_level, int64_t count, int64_t* at_max) {
    if (data.size() < 4) return std::nullopt;
    const uint32_t length = LoadLittleEndian32(data.data());
    if (length > data.size() - 4) return std::nullopt;
    Bytes runs = data.subspan(4, length);
    Levels(max_level, runs);
    if (at_max != nullptr) {
      const int width = parquet::BitWidth(static_cast<uint64_t>(max_level));
      auto dec =
          parquet::RleBitPackedDecoder::Make(runs.data(), static_cast<int64_t>(runs.size()), width);
      if (!dec.has_value()) return std::nullopt;
      std::vector<int16_t> levels(static_cast<size_t>(count));
      auto got = dec->GetBatch(levels.data(), count);
      if (!got.has_value() || *got != count) return std::nullopt;
      *at_max = std::count(levels.begin(), levels.end(), max_level);
    }
    return 4 + static_cast<size_t>(length);
  }

  // A PLAIN section of `n` values: the plain target's control byte and count.
  void Plain(const Column& column, int64_t n, Bytes data) {
    if (n < 0) return;
    uint8_t control;
    switch (column.type) {
      case format::Type::BOOLEAN:
        control = 3;
        break;
      case format::Type::BYTE_ARRAY:
        control = 0;
        break;
      case format::Type::FIXED_LEN_BYTE_ARRAY:
        if (column.width > 63) return;
        control = static_cast<uint8_t>(2 | column.width << 2);
        break;
      default:
        control = static_cast<uint8_t>(1 | column.width << 2);
        break;
    }
    std::vector<uint8_t> prefix = {control};
    std::vector<uint8_t> count =
        LittleEndian(static_cast<uint64_t>(std::min<int64_t>(n, 0xffffff)), 3);
    prefix.insert(prefix.end(), count.begin(), count.end());
    Add("plain", std::move(prefix), data);
  }

  void Values(const Column& column, int32_t encoding, int64_t n, Bytes data) {
    if (n < 0) return;
    const auto count = LittleEndian(static_cast<uint64_t>(std::min<int64_t>(n, 0xffffff)), 3);
    switch (encoding) {
      case format::Encoding::PLAIN:
        Plain(column, n, data);
        break;
      case format::Encoding::PLAIN_DICTIONARY:
      case format::Encoding::RLE_DICTIONARY:
        // Bit width byte, then runs: the target's layout as it is.
        Add("rle_bit_packed", {}, data);
        break;
      case format::Encoding::RLE:
        if (data.size() >= 4) {
          const uint32_t length = LoadLittleEndian32(data.data());
          if (length <= data.size() - 4) Add("rle_bit_packed", {1}, data.subspan(4, length));
        }
        break;
      case format::Encoding::DELTA_BINARY_PACKED:
        Add("delta_binary_packed", {static_cast<uint8_t>(column.type == format::Type::INT64)},
            data);
        break;
      case format::Encoding::DELTA_LENGTH_BYTE_ARRAY:
        Add("delta_length_byte_array", count, data);
        break;
      case format::Encoding::DELTA_BYTE_ARRAY:
        Add("delta_byte_array", count, data);
        break;
      case format::Encoding::BYTE_STREAM_SPLIT:
        if (column.width >= 1 && column.width <= 32) {
          Add("byte_stream_split", {static_cast<uint8_t>(column.width - 1)}, data);
        }
        break;
      default:
        break;
    }
  }

  Bytes file_;
  SeedLimits limits_;
  std::vector<Seed> seeds_;
};

}  // namespace

std::vector<Seed> ExtractSeeds(std::span<const uint8_t> file, const SeedLimits& limits) {
  return Extractor(file, limits).Run();
}

}  // namespace floe::fuzz
