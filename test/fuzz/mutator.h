// Mutate: deterministic mutations of a seed for the replay, in the spirit of
// libFuzzer's: bit flips, bytes and 32-bit integers set to interesting values,
// truncations, and block duplications (a block copied over, or inserted at,
// another place). One to four are stacked. Half of the positions fall in the
// last 4 KiB, where a Parquet file keeps its footer.
//
// The result depends only on the seed's bytes and `key`, on every platform
// and compiler, so a failure found in CI reproduces anywhere.
//
// Thread-safety: stateless.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

#include "fuzz/fuzz_util.h"

namespace floe::fuzz {

inline std::vector<uint8_t> Mutate(std::span<const uint8_t> seed, uint64_t key) {
  std::vector<uint8_t> out(seed.begin(), seed.end());
  SplitMix64 rng(key);
  // A position in [0, n): uniform, or within the last 4 KiB.
  auto position = [&](size_t n) -> size_t {
    if (n == 0) return 0;
    if (rng.Below(2) == 0 || n <= 4096) return rng.Below(n);
    return n - 1 - rng.Below(4096);
  };
  static constexpr uint8_t kBytes[] = {0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff, 0x40, 0x10};
  static constexpr uint32_t kInts[] = {0u,          1u,          0x7fffffffu, 0x80000000u,
                                       0xffffffffu, 0x00010000u, 0x7ffffff0u, 255u};
  const int count = 1 + static_cast<int>(rng.Below(4));
  for (int m = 0; m < count; ++m) {
    switch (rng.Below(out.empty() ? 1 : 8)) {
      case 0: {  // insert a random byte (the only one that can grow an empty input)
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(position(out.size() + 1)),
                   static_cast<uint8_t>(rng.Next()));
        break;
      }
      case 1:
      case 2: {  // flip a bit
        const size_t at = position(out.size());
        out[at] ^= static_cast<uint8_t>(1u << rng.Below(8));
        break;
      }
      case 3: {  // set a byte
        const size_t at = position(out.size());
        const uint64_t pick = rng.Below(std::size(kBytes) + 1);
        out[at] = pick < std::size(kBytes) ? kBytes[pick] : static_cast<uint8_t>(rng.Next());
        break;
      }
      case 4: {  // set a 32-bit little-endian integer (lengths, counts, offsets)
        if (out.size() < 4) break;
        const size_t at = position(out.size() - 3);
        const uint32_t v = kInts[rng.Below(std::size(kInts))];
        for (int i = 0; i < 4; ++i) out[at + i] = static_cast<uint8_t>(v >> (8 * i));
        break;
      }
      case 5: {  // truncate
        out.resize(rng.Below(out.size()));
        break;
      }
      case 6: {  // duplicate a block: insert a copy of it elsewhere
        const size_t from = rng.Below(out.size());
        const size_t length = 1 + rng.Below(std::min<size_t>(out.size() - from, 256));
        const std::vector<uint8_t> block(out.begin() + static_cast<std::ptrdiff_t>(from),
                                         out.begin() + static_cast<std::ptrdiff_t>(from + length));
        const size_t to = position(out.size() + 1);
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(to), block.begin(), block.end());
        break;
      }
      default: {  // copy a block over another place
        const size_t from = rng.Below(out.size());
        const size_t to = position(out.size());
        const size_t length =
            1 + rng.Below(std::min<size_t>({out.size() - from, out.size() - to, 256}));
        const std::vector<uint8_t> block(out.begin() + static_cast<std::ptrdiff_t>(from),
                                         out.begin() + static_cast<std::ptrdiff_t>(from + length));
        std::copy(block.begin(), block.end(), out.begin() + static_cast<std::ptrdiff_t>(to));
        break;
      }
    }
  }
  return out;
}

}  // namespace floe::fuzz
