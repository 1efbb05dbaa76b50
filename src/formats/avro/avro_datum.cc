#include "formats/avro/avro_datum.h"

#include <algorithm>

namespace floe::avro {

namespace {
constexpr size_t kMinChunk = 4096;
constexpr size_t kMaxChunk = size_t{1} << 20;
}  // namespace

AvroDatum* AvroDatumArena::Allocate(size_t n) {
  allocated_ += n;
  if (n == 0) return nullptr;
  while (current_ < chunks_.size()) {
    Chunk& c = chunks_[current_];
    if (c.capacity - c.used >= n) {
      AvroDatum* out = c.data.get() + c.used;
      c.used += n;
      last_ = out;
      return out;
    }
    ++current_;
  }
  size_t capacity = chunks_.empty() ? kMinChunk : std::min(kMaxChunk, chunks_.back().capacity * 2);
  capacity = std::max(capacity, n);
  chunks_.push_back(Chunk{std::make_unique<AvroDatum[]>(capacity), capacity, n});
  current_ = chunks_.size() - 1;
  last_ = chunks_.back().data.get();
  return last_;
}

AvroDatum* AvroDatumArena::Extend(AvroDatum* run, size_t old_n, size_t new_n) {
  if (run == nullptr || old_n == 0) return Allocate(new_n);
  FLOE_DCHECK(new_n >= old_n);
  const size_t more = new_n - old_n;
  if (run == last_ && current_ < chunks_.size()) {
    Chunk& c = chunks_[current_];
    if (c.data.get() + c.used == run + old_n && c.capacity - c.used >= more) {
      c.used += more;
      allocated_ += more;
      return run;
    }
  }
  AvroDatum* out = Allocate(new_n);
  std::memcpy(static_cast<void*>(out), run, old_n * sizeof(AvroDatum));
  return out;
}

void AvroDatumArena::Clear() {
  for (Chunk& c : chunks_) c.used = 0;
  current_ = 0;
  last_ = nullptr;
  allocated_ = 0;
}

}  // namespace floe::avro
