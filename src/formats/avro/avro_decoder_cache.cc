#include "formats/avro/avro_decoder_cache.h"

namespace floe::avro {

Result<std::shared_ptr<const AvroSchema>> AvroDecoderCache::GetSchema(std::string_view json) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = schemas_.find(json);
    if (it != schemas_.end()) {
      ++hits_;
      return it->second;
    }
    ++misses_;
  }
  // Parsed outside the lock; two threads may both parse a new schema, the first one stays.
  FLOE_ASSIGN_OR_RETURN(std::shared_ptr<const AvroSchema> schema, AvroSchema::Parse(json));
  std::lock_guard<std::mutex> lock(mutex_);
  if (schemas_.size() >= capacity_) schemas_.clear();
  auto [it, inserted] = schemas_.emplace(std::string(json), std::move(schema));
  return it->second;
}

Result<std::shared_ptr<const AvroResolvedDecoder>> AvroDecoderCache::GetDecoder(
    const std::shared_ptr<const AvroSchema>& writer,
    const std::shared_ptr<const AvroSchema>& reader, const AvroResolutionOptions& options) {
  const DecoderKey key{writer.get(), reader.get(), options.match_field_ids};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = decoders_.find(key);
    if (it != decoders_.end()) {
      ++hits_;
      return it->second;
    }
    ++misses_;
  }
  FLOE_ASSIGN_OR_RETURN(std::shared_ptr<const AvroResolvedDecoder> decoder,
                        AvroResolvedDecoder::Make(writer, reader, options));
  std::lock_guard<std::mutex> lock(mutex_);
  if (decoders_.size() >= capacity_) decoders_.clear();
  auto [it, inserted] = decoders_.emplace(key, std::move(decoder));
  return it->second;
}

int64_t AvroDecoderCache::hits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return hits_;
}

int64_t AvroDecoderCache::misses() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return misses_;
}

}  // namespace floe::avro
