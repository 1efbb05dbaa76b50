// ExtractSeeds: turns one Parquet file into inputs for every fuzz target, in
// each target's input layout (see fuzz_targets.h): the file, its footer,
// each column chunk, page header and compressed page, each page's levels and
// values section in its encoding (PLAIN, dictionary indices, DELTA_*,
// BYTE_STREAM_SPLIT, RLE booleans). Real pages from many writers make far
// better starting points for the decoder targets than random bytes.
//
// Nothing is trusted: the footer is read with Floe's reader, every page
// header is checked before use, and a file that is not Parquet, or is
// corrupt, yields what could be taken from it before the first problem.
//
// Thread-safety: stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace floe::fuzz {

struct Seed {
  std::string_view target;  // a name from kFuzzTargets
  std::vector<uint8_t> bytes;
};

struct SeedLimits {
  // Seeds larger than this are left out (libFuzzer's -max_len).
  size_t max_seed_size = 64 * 1024;
  // Per column chunk, only the first pages give seeds.
  int max_pages_per_chunk = 4;
  // Per file, at most this many column chunks give seeds.
  int max_chunks = 64;
};

std::vector<Seed> ExtractSeeds(std::span<const uint8_t> file, const SeedLimits& limits = {});

}  // namespace floe::fuzz
