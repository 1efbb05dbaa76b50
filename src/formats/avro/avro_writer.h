// AvroWriter: writes an Avro object container file (specification, "Object Container Files")
// through FileIO, from generic datums.
//
// The header carries "avro.schema" (the schema's JSON), "avro.codec" and the caller's metadata
// (Iceberg's "schema", "partition-spec", "partition-spec-id", "format-version", "content", ...),
// then a 16-byte sync marker, random unless the options fix it. Records are encoded (and checked
// against the schema, see EncodeDatum) into the current block, which is compressed and appended
// once it reaches block_size bytes, and at Close().
//
// Publishing follows FileIO's contract: nothing is visible before Close() returns OK; Abort()
// and the destructor of an unclosed writer publish nothing. A failed append or flush leaves the
// writer failed: later calls return that error and Close() publishes nothing.
//
// Thread-safety: not thread-safe; one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "formats/avro/avro_block_codec.h"
#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_schema.h"
#include "io/file_io.h"

namespace floe::avro {

struct AvroWriterOptions {
  AvroCodec codec = AvroCodec::kDeflate;
  // The codec's level (deflate 0..9, zstandard 1..22); nullopt for its default.
  std::optional<int> codec_level;
  // A block is written once its encoded records reach this many bytes (before compression).
  int64_t block_size = 64 * 1024;
  // Header metadata besides "avro.schema" and "avro.codec", which the writer sets; values are
  // bytes. Written in this order.
  std::vector<std::pair<std::string, std::string>> metadata;
  WriteMode mode = WriteMode::kCreateIfAbsent;
  // Fixes the sync marker (reproducible files for tests); random when absent.
  std::optional<std::array<uint8_t, 16>> sync_marker;
};

class AvroWriter {
  struct Token {
    explicit Token() = default;
  };

 public:
  // InvalidArgument for metadata that sets "avro.schema" or "avro.codec" or repeats a key, or a
  // block_size that is not positive; errors of FileIO::OpenWrite.
  static Result<std::unique_ptr<AvroWriter>> Make(FileIO& io, std::string_view location,
                                                  std::shared_ptr<const AvroSchema> schema,
                                                  const AvroWriterOptions& options = {});

  // Use Make(); only this class can make the Token.
  AvroWriter(Token, std::unique_ptr<OutputStream> stream, std::shared_ptr<const AvroSchema> schema,
             std::unique_ptr<AvroBlockCodec> codec, const AvroWriterOptions& options);
  // Aborts an unclosed writer: publishes nothing.
  ~AvroWriter();
  AvroWriter(const AvroWriter&) = delete;
  AvroWriter& operator=(const AvroWriter&) = delete;

  const std::string& location() const { return stream_->location(); }
  const AvroSchema& schema() const { return *schema_; }
  const std::array<uint8_t, 16>& sync_marker() const { return sync_; }

  // Appends one record, a value of the schema. InvalidArgument (naming the field) when it is not
  // one; the writer stays usable after that.
  Status Write(const AvroDatum& record);
  // Ends the current block now (a no-op when it is empty).
  Status Flush();
  // Writes the last block and publishes the file.
  Status Close();
  // Discards the file. Idempotent.
  Status Abort();

  int64_t records_written() const { return records_written_; }
  // Bytes handed to the stream so far; the file's size once Close() succeeded.
  int64_t bytes_written() const { return bytes_written_; }

 private:
  Status WriteHeader(const std::vector<std::pair<std::string, std::string>>& metadata);
  Status Append(std::string_view bytes);
  Status Fail(Status status);

  std::unique_ptr<OutputStream> stream_;
  std::shared_ptr<const AvroSchema> schema_;
  std::unique_ptr<AvroBlockCodec> codec_;
  int64_t block_size_;
  std::array<uint8_t, 16> sync_{};

  std::string block_;  // encoded records of the current block
  int64_t block_records_ = 0;
  int64_t records_written_ = 0;
  int64_t bytes_written_ = 0;
  Status failed_;
  bool finished_ = false;  // closed or aborted
};

}  // namespace floe::avro
