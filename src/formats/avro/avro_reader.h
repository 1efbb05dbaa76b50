// AvroReader: reads an Avro object container file (specification, "Object Container Files")
// through FileIO, block by block, into AvroRecordBatches of generic datums.
//
// Layout: magic "Obj\x01", the header metadata (a map of string to bytes, which must hold
// "avro.schema" and may hold "avro.codec" and anything else, such as Iceberg's "schema",
// "partition-spec", "partition-spec-id", "format-version" and "content"), a 16-byte sync marker,
// then blocks: record count, byte size, the (compressed) records, the sync marker again.
//
// I/O: a file of at most whole_file_read_bytes (manifests, manifest lists) is read with a single
// ranged read at Open; a larger one in windows of read_chunk_bytes, a window always holding a
// whole block. Decoded bytes and strings point into the block's bytes (no copies for the null
// codec), kept alive by the batch.
//
// Nothing from the file is trusted: a block's count and size are checked against what the file
// has left before anything is read or allocated, the sync marker is checked after every block,
// decompression is capped at max_block_bytes, a block's records must use exactly its bytes, and
// the number of datums a block may expand to is bounded (see AvroResolvedDecoder). Every error
// names the file and what is wrong where: "avro: data/m0.avro: block 3 at offset 4096: declares
// 1099511627776 bytes but the file has 1200 left". Corruption for a damaged file, NotSupported
// for a codec Floe does not read (bzip2, xz), InvalidArgument when the reader's schema cannot
// read the writer's (resolution), IOError from storage.
//
// Thread-safety: not thread-safe; one reader per thread (open one per file to read in parallel).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "formats/avro/avro_block_codec.h"
#include "formats/avro/avro_decoder_cache.h"
#include "formats/avro/avro_record_batch.h"
#include "formats/avro/avro_resolved_decoder.h"
#include "formats/avro/avro_schema.h"
#include "io/file_io.h"

namespace floe::avro {

inline constexpr std::string_view kAvroMagic{"Obj\x01", 4};
inline constexpr size_t kAvroSyncSize = 16;

struct AvroReaderOptions {
  // The schema records are read as; null reads them as the writer's schema.
  std::shared_ptr<const AvroSchema> reader_schema;
  // Chooses the reader schema once the writer's is known, for readers whose schema depends on
  // the file (an Iceberg manifest's partition struct differs from spec to spec); called once by
  // Open, and overrides reader_schema. Its error fails Open.
  std::function<Result<std::shared_ptr<const AvroSchema>>(const AvroSchema& writer_schema)>
      reader_schema_for;
  AvroResolutionOptions resolution;
  // Shares parsed schemas and resolved decoders across the readers of many files (a table's
  // manifests); null parses and resolves each file's schema anew.
  std::shared_ptr<AvroDecoderCache> decoder_cache;
  // The largest block accepted, compressed or decompressed.
  int64_t max_block_bytes = int64_t{256} << 20;
  // The largest header (magic, metadata, sync) accepted.
  int64_t max_header_bytes = int64_t{64} << 20;
  // Files up to this size are read whole, in one request.
  int64_t whole_file_read_bytes = int64_t{16} << 20;
  // Larger files are read in windows of at least this size.
  int64_t read_chunk_bytes = int64_t{8} << 20;
};

class AvroReader {
  struct Token {
    explicit Token() = default;
  };

 public:
  static Result<std::unique_ptr<AvroReader>> Open(FileIO& io, std::string_view location,
                                                  const AvroReaderOptions& options = {});
  static Result<std::unique_ptr<AvroReader>> Open(std::unique_ptr<RandomAccessFile> file,
                                                  const AvroReaderOptions& options = {});

  // Use Open(); only this class can make the Token.
  AvroReader(Token, std::unique_ptr<RandomAccessFile> file, const AvroReaderOptions& options);
  AvroReader(const AvroReader&) = delete;
  AvroReader& operator=(const AvroReader&) = delete;

  const std::string& location() const { return file_->location(); }
  const std::shared_ptr<const AvroSchema>& writer_schema() const { return writer_schema_; }
  // The schema of the records in the batches.
  const AvroSchema& reader_schema() const { return decoder_->reader_schema(); }
  AvroCodec codec() const { return codec_->codec(); }
  // Every header metadata entry, in file order (values are bytes).
  const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
  // The value of a metadata key (the last one if the file repeats it), or nullopt.
  std::optional<std::string_view> metadata_value(std::string_view key) const;
  const std::array<uint8_t, kAvroSyncSize>& sync_marker() const { return sync_; }

  // Decodes the next block into `batch`, which is cleared first. false at the end of the file.
  // On error the batch is left empty.
  Result<bool> Next(AvroRecordBatch& batch);
  // Appends every remaining record to `batch`.
  Status ReadAll(AvroRecordBatch& batch);

  int64_t blocks_read() const { return blocks_read_; }
  int64_t records_read() const { return records_read_; }

 private:
  Status ReadHeader();
  // Makes [offset, offset + length) of the file available in window_.
  Status EnsureWindow(int64_t offset, int64_t length);
  Result<bool> ReadBlock(AvroRecordBatch& batch);
  std::span<const uint8_t> WindowSpan(int64_t offset, int64_t length) const {
    return {window_->data() + (offset - window_offset_), static_cast<size_t>(length)};
  }

  std::unique_ptr<RandomAccessFile> file_;
  AvroReaderOptions options_;
  int64_t file_size_ = 0;
  std::shared_ptr<const Buffer> window_;
  int64_t window_offset_ = 0;

  std::vector<std::pair<std::string, std::string>> metadata_;
  std::array<uint8_t, kAvroSyncSize> sync_{};
  std::shared_ptr<const AvroSchema> writer_schema_;
  std::shared_ptr<const AvroResolvedDecoder> decoder_;
  std::unique_ptr<AvroBlockCodec> codec_;

  int64_t position_ = 0;  // offset of the next block
  int64_t blocks_read_ = 0;
  int64_t records_read_ = 0;
};

}  // namespace floe::avro
