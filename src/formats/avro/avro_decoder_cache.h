// AvroDecoderCache: parsed writer schemas and resolved decoders, shared by the readers of many
// files written with the same schema.
//
// Planning a scan reads thousands of manifests whose headers carry one of a few schemas; parsing
// the schema's JSON and resolving it against the reader's cost more than decoding a small
// manifest's records (measured in docs/decisions.md). With a cache in AvroReaderOptions, each
// distinct schema text is parsed once and each (writer schema, reader schema, options) resolved
// once. Schemas are keyed by their exact JSON text, decoders by the identity of the two schema
// objects (the cache keeps them alive, so an address is never reused while its entry exists).
// When an entry count reaches its capacity the cache is emptied: simple, and a table has far
// fewer schemas than that.
//
// Thread-safety: thread-safe; readers on many threads may share one cache.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "common/result.h"
#include "formats/avro/avro_resolved_decoder.h"
#include "formats/avro/avro_schema.h"

namespace floe::avro {

class AvroDecoderCache {
 public:
  explicit AvroDecoderCache(size_t capacity = 256) : capacity_(capacity) {}

  // The schema of `json`, parsed on a miss (errors are not cached).
  Result<std::shared_ptr<const AvroSchema>> GetSchema(std::string_view json);
  // The decoder from `writer` to `reader`, made on a miss.
  Result<std::shared_ptr<const AvroResolvedDecoder>> GetDecoder(
      const std::shared_ptr<const AvroSchema>& writer,
      const std::shared_ptr<const AvroSchema>& reader, const AvroResolutionOptions& options);

  int64_t hits() const;
  int64_t misses() const;

 private:
  using DecoderKey = std::tuple<const AvroSchema*, const AvroSchema*, bool>;

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const AvroSchema>, std::less<>> schemas_;
  std::map<DecoderKey, std::shared_ptr<const AvroResolvedDecoder>> decoders_;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
};

}  // namespace floe::avro
