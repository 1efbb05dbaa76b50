#include "formats/avro/avro_writer.h"

#include <sys/random.h>

#include <chrono>
#include <cstring>
#include <set>

#include "formats/avro/avro_datum_encoder.h"
#include "formats/avro/avro_encoder.h"
#include "formats/avro/avro_reader.h"

namespace floe::avro {

namespace {

std::array<uint8_t, 16> RandomSyncMarker() {
  std::array<uint8_t, 16> out{};
  size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t n = getrandom(out.data() + filled, out.size() - filled, 0);
    if (n <= 0) break;
    filled += static_cast<size_t>(n);
  }
  if (filled < out.size()) {
    // No kernel randomness: a marker only has to be unlikely to occur in the data.
    uint64_t a =
        static_cast<uint64_t>(std::chrono::high_resolution_clock::now().time_since_epoch().count());
    uint64_t b = reinterpret_cast<uintptr_t>(&out) * 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 3; ++i) {
      a = (a ^ (a >> 31)) * 0xbf58476d1ce4e5b9ULL;
      b = (b ^ (b >> 29)) * 0x94d049bb133111ebULL + a;
    }
    std::memcpy(out.data(), &a, 8);
    std::memcpy(out.data() + 8, &b, 8);
  }
  return out;
}

}  // namespace

AvroWriter::AvroWriter(Token, std::unique_ptr<OutputStream> stream,
                       std::shared_ptr<const AvroSchema> schema,
                       std::unique_ptr<AvroBlockCodec> codec, const AvroWriterOptions& options)
    : stream_(std::move(stream)),
      schema_(std::move(schema)),
      codec_(std::move(codec)),
      block_size_(options.block_size),
      sync_(options.sync_marker.value_or(RandomSyncMarker())) {}

AvroWriter::~AvroWriter() {
  if (!finished_) stream_->Abort().IgnoreError();
}

Result<std::unique_ptr<AvroWriter>> AvroWriter::Make(FileIO& io, std::string_view location,
                                                     std::shared_ptr<const AvroSchema> schema,
                                                     const AvroWriterOptions& options) {
  if (schema == nullptr) return Status::InvalidArgument("avro: {}: no schema to write", location);
  if (options.block_size <= 0) {
    return Status::InvalidArgument("avro: {}: block_size must be positive, not {}", location,
                                   options.block_size);
  }
  std::set<std::string_view> keys;
  for (const auto& [key, value] : options.metadata) {
    if (key == "avro.schema" || key == "avro.codec") {
      return Status::InvalidArgument("avro: {}: metadata '{}' is set by the writer", location, key);
    }
    if (!keys.insert(key).second) {
      return Status::InvalidArgument("avro: {}: metadata key '{}' is given twice", location, key);
    }
  }
  auto codec = AvroBlockCodec::Make(options.codec, options.codec_level);
  if (!codec.has_value()) return codec.error().WithContext("avro: {}", location);
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> stream, io.OpenWrite(location, options.mode));
  auto writer = std::make_unique<AvroWriter>(Token{}, std::move(stream), std::move(schema),
                                             std::move(codec).value(), options);
  FLOE_RETURN_NOT_OK(writer->WriteHeader(options.metadata));
  return writer;
}

Status AvroWriter::WriteHeader(const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string header(kAvroMagic);
  AvroEncoder enc(header);
  enc.WriteBlockCount(static_cast<int64_t>(metadata.size()) + 2);
  enc.WriteString("avro.schema");
  enc.WriteBytes(schema_->ToJson());
  enc.WriteString("avro.codec");
  enc.WriteBytes(AvroCodecName(codec_->codec()));
  for (const auto& [key, value] : metadata) {
    enc.WriteString(key);
    enc.WriteBytes(value);
  }
  enc.WriteBlockCount(0);
  enc.WriteFixed(std::string_view(reinterpret_cast<const char*>(sync_.data()), sync_.size()));
  return Append(header);
}

Status AvroWriter::Fail(Status status) {
  if (failed_.ok()) failed_ = status;
  return status;
}

Status AvroWriter::Append(std::string_view bytes) {
  Status st = stream_->Append(bytes);
  if (!st.ok()) return Fail(st.WithContext("avro: {}", location()));
  bytes_written_ += static_cast<int64_t>(bytes.size());
  return Status::OK();
}

Status AvroWriter::Write(const AvroDatum& record) {
  if (finished_) return Status::InvalidArgument("avro: {}: write after close", location());
  FLOE_RETURN_NOT_OK(failed_);
  const size_t before = block_.size();
  AvroEncoder enc(block_);
  Status st = EncodeDatum(record, schema_->root(), enc);
  if (!st.ok()) {
    block_.resize(before);
    return st.WithContext("avro: {}: record {}", location(), records_written_);
  }
  ++block_records_;
  ++records_written_;
  if (static_cast<int64_t>(block_.size()) >= block_size_) return Flush();
  return Status::OK();
}

Status AvroWriter::Flush() {
  if (finished_) return Status::InvalidArgument("avro: {}: flush after close", location());
  FLOE_RETURN_NOT_OK(failed_);
  if (block_records_ == 0) return Status::OK();
  auto compressed = codec_->Compress(block_);
  if (!compressed.has_value()) {
    return Fail(compressed.error().WithContext("avro: {}: compressing a block", location()));
  }
  std::string head;
  AvroEncoder enc(head);
  enc.WriteLong(block_records_);
  enc.WriteLong(static_cast<int64_t>(compressed->size()));
  FLOE_RETURN_NOT_OK(Append(head));
  FLOE_RETURN_NOT_OK(Append(*compressed));
  FLOE_RETURN_NOT_OK(
      Append(std::string_view(reinterpret_cast<const char*>(sync_.data()), sync_.size())));
  block_.clear();
  block_records_ = 0;
  return Status::OK();
}

Status AvroWriter::Close() {
  if (finished_) return Status::InvalidArgument("avro: {}: already closed", location());
  Status st = failed_.ok() ? Flush() : failed_;
  if (!st.ok()) {
    Abort().IgnoreError();
    return st;
  }
  finished_ = true;
  Status closed = stream_->Close();
  if (!closed.ok()) return closed.WithContext("avro: {}", location());
  return Status::OK();
}

Status AvroWriter::Abort() {
  if (finished_) return Status::OK();
  finished_ = true;
  return stream_->Abort();
}

}  // namespace floe::avro
