// Random bits for names that must not collide: UUIDs, snapshot ids, temp file
// suffixes. They come from the kernel on every call (getrandom), never from a
// per-process generator, because a forked child would repeat its parent's
// sequence and two processes would then write the "unique" name.
//
// Thread-safety: safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace floe {

// Fills `out` with `size` random bytes.
void FillRandom(void* out, size_t size);

inline uint64_t RandomUint64() {
  uint64_t value;
  FillRandom(&value, sizeof(value));
  return value;
}

}  // namespace floe
