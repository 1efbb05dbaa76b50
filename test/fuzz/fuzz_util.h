// Small helpers shared by the fuzz entry points: a reader of control bytes
// from the front of an input, a deterministic PRNG, and FLOE_FUZZ_CHECK for
// the harness's own invariants.
//
// Thread-safety: FuzzInput and SplitMix64 are used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Aborts with a message when a harness invariant (a round trip, two decodes
// that must agree) fails: libFuzzer and the replay report it as a crash.
#define FLOE_FUZZ_CHECK(cond)                                                                   \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "floe fuzz: check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)

namespace floe::fuzz {

// Consumes control bytes from the front of an input; reads past the end
// yield zeros, so every input is valid for the harness.
class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  uint8_t TakeByte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // `n` (<= 8) bytes, little endian.
  uint64_t TakeLittleEndian(int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t{TakeByte()} << (8 * i);
    return v;
  }
  // What is left: never null, even when empty (decoders may do pointer
  // arithmetic on it).
  const uint8_t* rest() const { return pos_ < size_ ? data_ + pos_ : kEmpty; }
  int64_t rest_size() const { return static_cast<int64_t>(pos_ < size_ ? size_ - pos_ : 0); }

 private:
  static constexpr uint8_t kEmpty[1] = {0};
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// splitmix64: a tiny deterministic PRNG, for batch sizes in the harnesses and
// for the replay's mutations. The same seed gives the same sequence on every
// platform and compiler.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n); 0 when n is 0.
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }

 private:
  uint64_t state_;
};

// Keeps a computed value alive so the work that produced it (touching every
// byte a decoder handed out, for ASan to check) is not optimised away.
template <typename T>
inline void DoNotOptimize(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

// FNV-1a, to seed PRNGs from bytes or names.
inline uint64_t Fnv1a(const void* data, size_t size, uint64_t h = 0xcbf29ce484222325ULL) {
  const auto* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

}  // namespace floe::fuzz
