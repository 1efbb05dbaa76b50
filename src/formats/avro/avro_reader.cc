#include "formats/avro/avro_reader.h"

#include <algorithm>
#include <cstring>

#include "formats/avro/avro_decoder.h"

namespace floe::avro {

namespace {

// A block may expand to at most this many datums per byte of its decoded records, and at least
// kMinValuesPerBlock: far above what real data needs (most values take a byte or more), far below
// what would exhaust memory.
constexpr int64_t kValuesPerByte = 8;
constexpr int64_t kMinValuesPerBlock = int64_t{1} << 20;

// A block header is two longs.
constexpr int64_t kMaxBlockHeaderBytes = 20;

std::string Printable(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

}  // namespace

AvroReader::AvroReader(Token, std::unique_ptr<RandomAccessFile> file,
                       const AvroReaderOptions& options)
    : file_(std::move(file)), options_(options), file_size_(file_->size()) {}

Result<std::unique_ptr<AvroReader>> AvroReader::Open(FileIO& io, std::string_view location,
                                                     const AvroReaderOptions& options) {
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, io.OpenRead(location));
  return Open(std::move(file), options);
}

Result<std::unique_ptr<AvroReader>> AvroReader::Open(std::unique_ptr<RandomAccessFile> file,
                                                     const AvroReaderOptions& options) {
  if (file == nullptr) return Status::InvalidArgument("avro: no file to read");
  if (options.max_block_bytes <= 0 || options.max_block_bytes >= (int64_t{1} << 31) ||
      options.read_chunk_bytes <= 0 || options.max_header_bytes <= 0) {
    return Status::InvalidArgument(
        "avro: {}: max_block_bytes must be in (0, 2 GiB), read_chunk_bytes and max_header_bytes "
        "positive",
        file->location());
  }
  auto reader = std::make_unique<AvroReader>(Token{}, std::move(file), options);
  FLOE_RETURN_NOT_OK(reader->ReadHeader());
  return reader;
}

std::optional<std::string_view> AvroReader::metadata_value(std::string_view key) const {
  for (auto it = metadata_.rbegin(); it != metadata_.rend(); ++it) {
    if (it->first == key) return std::string_view(it->second);
  }
  return std::nullopt;
}

Status AvroReader::EnsureWindow(int64_t offset, int64_t length) {
  FLOE_DCHECK(offset >= 0 && length >= 0 && offset + length <= file_size_);
  if (window_ != nullptr && offset >= window_offset_ &&
      offset + length <= window_offset_ + window_->size()) {
    return Status::OK();
  }
  int64_t want = length;
  if (file_size_ <= options_.whole_file_read_bytes) {
    offset = 0;
    want = file_size_;
  } else {
    want = std::min(file_size_ - offset, std::max(length, options_.read_chunk_bytes));
  }
  FLOE_ASSIGN_OR_RETURN(window_, file_->ReadAt(offset, want));
  window_offset_ = offset;
  return Status::OK();
}

Status AvroReader::ReadHeader() {
  const std::string& loc = location();
  if (file_size_ < static_cast<int64_t>(kAvroMagic.size())) {
    return Status::Corruption("avro: {}: {} bytes is too short for an Avro file", loc, file_size_);
  }
  // The header is parsed from a prefix of the file; when the prefix ends first, a longer one is
  // read and the parse starts over.
  int64_t prefix = std::min(
      file_size_,
      std::min(options_.max_header_bytes, std::max<int64_t>(options_.read_chunk_bytes, 64 * 1024)));
  while (true) {
    FLOE_RETURN_NOT_OK(EnsureWindow(0, prefix));
    std::span<const uint8_t> bytes = WindowSpan(0, prefix);
    if (std::memcmp(bytes.data(), kAvroMagic.data(), kAvroMagic.size()) != 0) {
      return Status::Corruption(
          "avro: {}: not an Avro object container file: it starts with '{}', not 'Obj\\x01'", loc,
          Printable(std::string_view(reinterpret_cast<const char*>(bytes.data()), 4)));
    }
    AvroDecoder dec(bytes.subspan(kAvroMagic.size()));
    metadata_.clear();
    Status st = [&]() -> Status {
      while (true) {
        FLOE_ASSIGN_OR_RETURN(AvroBlockHeader block, dec.ReadBlockHeader());
        if (block.count == 0) break;
        // Each entry takes at least two bytes (two lengths).
        if (block.count > static_cast<int64_t>(dec.remaining() / 2)) {
          return Status::Corruption("metadata block of {} entries exceeds the {} bytes left",
                                    block.count, dec.remaining());
        }
        for (int64_t i = 0; i < block.count; ++i) {
          FLOE_ASSIGN_OR_RETURN(std::string_view key, dec.ReadBytes());
          FLOE_ASSIGN_OR_RETURN(std::string_view value, dec.ReadBytes());
          metadata_.emplace_back(std::string(key), std::string(value));
        }
      }
      FLOE_ASSIGN_OR_RETURN(std::string_view sync, dec.ReadFixed(kAvroSyncSize));
      std::memcpy(sync_.data(), sync.data(), kAvroSyncSize);
      return Status::OK();
    }();
    if (st.ok()) {
      position_ = static_cast<int64_t>(kAvroMagic.size() + dec.position());
      break;
    }
    if (dec.exhausted() && prefix < file_size_ && prefix < options_.max_header_bytes) {
      prefix = std::min({file_size_, options_.max_header_bytes, prefix * 2});
      continue;
    }
    if (dec.exhausted() && prefix < file_size_) {
      return Status::Corruption("avro: {}: header is larger than the limit of {} bytes", loc,
                                options_.max_header_bytes);
    }
    return st.WithContext("avro: {}: header (magic, metadata, sync marker) at offset {}", loc,
                          kAvroMagic.size());
  }

  auto schema_json = metadata_value("avro.schema");
  if (!schema_json.has_value()) {
    return Status::Corruption("avro: {}: the header has no 'avro.schema'", loc);
  }
  auto writer = options_.decoder_cache != nullptr ? options_.decoder_cache->GetSchema(*schema_json)
                                                  : AvroSchema::Parse(*schema_json);
  if (!writer.has_value()) {
    return Status::Corruption("avro: {}: header 'avro.schema': {}", loc, writer.error().message());
  }
  writer_schema_ = std::move(writer).value();

  auto codec_name = metadata_value("avro.codec");
  auto codec = ParseAvroCodec(codec_name.value_or("null"));
  if (!codec.has_value()) return codec.error().WithContext("avro: {}: header 'avro.codec'", loc);
  FLOE_ASSIGN_OR_RETURN(codec_, AvroBlockCodec::Make(*codec));

  std::shared_ptr<const AvroSchema> reader =
      options_.reader_schema != nullptr ? options_.reader_schema : writer_schema_;
  if (options_.reader_schema_for) {
    auto chosen = options_.reader_schema_for(*writer_schema_);
    if (!chosen.has_value()) return chosen.error();
    if (*chosen == nullptr)
      return Status::InvalidArgument("avro: {}: no reader schema chosen", loc);
    reader = std::move(chosen).value();
  }
  auto decoder =
      options_.decoder_cache != nullptr
          ? options_.decoder_cache->GetDecoder(writer_schema_, reader, options_.resolution)
          : AvroResolvedDecoder::Make(writer_schema_, reader, options_.resolution);
  if (!decoder.has_value()) return decoder.error().WithContext("avro: {}", loc);
  decoder_ = std::move(decoder).value();
  return Status::OK();
}

Result<bool> AvroReader::Next(AvroRecordBatch& batch) {
  batch.Clear();
  Result<bool> more = ReadBlock(batch);
  if (!more.has_value()) batch.Clear();
  return more;
}

Status AvroReader::ReadAll(AvroRecordBatch& batch) {
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, ReadBlock(batch));
    if (!more) return Status::OK();
  }
}

Result<bool> AvroReader::ReadBlock(AvroRecordBatch& batch) {
  if (position_ >= file_size_) return false;
  const std::string& loc = location();
  const int64_t start = position_;
  const int64_t block = blocks_read_;
  auto where = [&]() { return fmt::format("avro: {}: block {} at offset {}", loc, block, start); };

  // Count and size.
  const int64_t header_room = std::min(kMaxBlockHeaderBytes, file_size_ - start);
  FLOE_RETURN_NOT_OK(EnsureWindow(start, header_room));
  AvroDecoder head(WindowSpan(start, header_room));
  auto count = head.ReadLong();
  if (!count.has_value()) return count.error().WithContext("{}: record count", where());
  auto size = head.ReadLong();
  if (!size.has_value()) return size.error().WithContext("{}: byte size", where());
  if (*count < 0) return Status::Corruption("{}: negative record count {}", where(), *count);
  if (*size < 0) return Status::Corruption("{}: negative byte size {}", where(), *size);
  const int64_t data_start = start + static_cast<int64_t>(head.position());
  const int64_t left = file_size_ - data_start;
  if (*size > left - static_cast<int64_t>(kAvroSyncSize)) {
    return Status::Corruption(
        "{}: declares {} bytes but the file has {} left after the block header (of which the "
        "sync marker takes 16)",
        where(), *size, left);
  }
  if (*size > options_.max_block_bytes) {
    return Status::Corruption("{}: declares {} bytes, more than the limit of {}", where(), *size,
                              options_.max_block_bytes);
  }

  // The whole block and its sync marker.
  FLOE_RETURN_NOT_OK(EnsureWindow(start, data_start - start + *size + kAvroSyncSize));
  std::span<const uint8_t> sync = WindowSpan(data_start + *size, kAvroSyncSize);
  if (std::memcmp(sync.data(), sync_.data(), kAvroSyncSize) != 0) {
    return Status::Corruption(
        "{}: the sync marker after its {} bytes (at offset {}) does not match the header's",
        where(), *size, data_start + *size);
  }

  std::span<const uint8_t> data = WindowSpan(data_start, *size);
  if (codec_->codec() == AvroCodec::kNull) {
    batch.KeepAlive(window_);
  } else {
    auto decompressed = codec_->Decompress(data, options_.max_block_bytes);
    if (!decompressed.has_value()) {
      return decompressed.error().WithContext("{}: {} codec", where(),
                                              AvroCodecName(codec_->codec()));
    }
    auto owned = std::make_shared<const std::string>(std::move(decompressed).value());
    data = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(owned->data()), owned->size());
    batch.KeepAlive(std::move(owned));
  }

  // Records: the count must fit the bytes before anything is allocated for it.
  const int64_t min_size = decoder_->min_value_size();
  const int64_t bytes = static_cast<int64_t>(data.size());
  if (min_size > 0 && *count > bytes / min_size) {
    return Status::Corruption(
        "{}: {} records cannot fit in its {} bytes (a record takes at least {})", where(), *count,
        bytes, min_size);
  }
  const int64_t budget = std::max(kMinValuesPerBlock, kValuesPerByte * bytes);
  if (*count > budget) {
    return Status::Corruption("{}: {} records of {} bytes exceed the limit of {} values", where(),
                              *count, bytes, budget);
  }
  batch.KeepAlive(decoder_);
  batch.Reserve(batch.size() + static_cast<size_t>(*count));
  AvroDecoder dec(data);
  AvroDecodeTarget target{&batch.arena(), budget - *count};
  for (int64_t i = 0; i < *count; ++i) {
    auto record = decoder_->Decode(dec, target);
    if (!record.has_value()) {
      return record.error().WithContext("{}: record {} of {}", where(), i, *count);
    }
    batch.Add(*record);
  }
  if (!dec.at_end()) {
    return Status::Corruption("{}: {} bytes are left after its {} records", where(),
                              dec.remaining(), *count);
  }
  position_ = data_start + *size + static_cast<int64_t>(kAvroSyncSize);
  ++blocks_read_;
  records_read_ += *count;
  return true;
}

}  // namespace floe::avro
