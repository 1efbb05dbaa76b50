// AvroRecordBatch: records decoded from an Avro container file, with everything their datums
// point into (the decompressed blocks, the arena of child datums, the resolved schema's default
// values).
//
// Each record is an AvroDatum of the reader's schema (AvroReader::reader_schema()). The datums
// stay valid until the batch is cleared, reused or destroyed; copy out what must live longer.
// Reusing one batch for every AvroReader::Next call keeps its memory.
//
// Thread-safety: not thread-safe; a const batch may be read from several threads.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "formats/avro/avro_datum.h"

namespace floe::avro {

class AvroRecordBatch {
 public:
  AvroRecordBatch() = default;
  AvroRecordBatch(AvroRecordBatch&&) = default;
  AvroRecordBatch& operator=(AvroRecordBatch&&) = default;

  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  const AvroDatum& operator[](size_t i) const { return records_[i]; }
  std::span<const AvroDatum> records() const { return records_; }

  void Clear() {
    records_.clear();
    arena_.Clear();
    owners_.clear();
  }

  // For decoders.
  AvroDatumArena& arena() { return arena_; }
  void Add(const AvroDatum& record) { records_.push_back(record); }
  void Reserve(size_t n) { records_.reserve(n); }
  // Keeps `owner` alive as long as the batch's datums may point into it.
  void KeepAlive(std::shared_ptr<const void> owner) { owners_.push_back(std::move(owner)); }

 private:
  std::vector<AvroDatum> records_;
  AvroDatumArena arena_;
  std::vector<std::shared_ptr<const void>> owners_;
};

}  // namespace floe::avro
