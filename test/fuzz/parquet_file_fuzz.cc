// (a) A whole Parquet file: the input is the file. ParquetReader::Open on a
// MemoryFileIO, then every batch read and every cell turned into a Value (so
// ASan sees each byte a vector points at), twice:
//   - keep_dictionary = false, verify_crc = true,  default batch size;
//   - keep_dictionary = true,  verify_crc = false, batches of 100 rows (records
//     that straddle batches; CRCs off so mutated pages reach the decoders).
// Any outcome but a Status is a bug. (Values are not formatted with
// ToString: that is the display path, not the reader's.)
//
// Bounds: a few bytes of RLE levels can describe 2^27 rows per page, so the
// harness stops after kMaxRows rows per pass; and as one nested cell can hold
// thousands of values, only the first kMaxCells cells become Values.
#include <algorithm>
#include <cstring>
#include <string>

#include "formats/parquet/parquet_reader.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"
#include "io/memory_file_io.h"

namespace floe::fuzz {
namespace {

constexpr int64_t kMaxRows = int64_t{1} << 17;
constexpr int64_t kMaxCells = int64_t{1} << 12;
constexpr std::string_view kLocation = "mem://fuzz.parquet";

void ReadAll(MemoryFileIO& io, bool keep_dictionary) {
  parquet::ParquetReaderOptions options;
  options.keep_dictionary = keep_dictionary;
  options.verify_crc = !keep_dictionary;
  if (keep_dictionary) options.batch_size = 100;
  auto reader = parquet::ParquetReader::Open(io, kLocation, options);
  if (!reader.has_value()) return;
  auto chunk = (*reader)->MakeChunk();
  if (!chunk.has_value()) return;
  int64_t rows = 0;
  int64_t cells = 0;
  while (rows < kMaxRows) {
    Result<bool> more = (*reader)->Next(*chunk);
    if (!more.has_value() || !*more) break;
    rows += chunk->size();
    for (size_t c = 0; c < chunk->column_count() && cells < kMaxCells; ++c) {
      for (int64_t r = 0; r < chunk->size() && cells < kMaxCells; ++r, ++cells) {
        // Building the Value copies every byte the vector points at; comparing
        // it with itself reads them all again.
        const Value value = chunk->GetValue(c, r);
        FLOE_FUZZ_CHECK(value == value);
      }
    }
  }
}

}  // namespace

int FuzzParquetFile(const uint8_t* data, size_t size) {
  MemoryFileIO io;
  auto buffer = Buffer::Allocate(static_cast<int64_t>(size));
  if (!buffer.has_value()) return 0;
  if (size > 0) std::memcpy((*buffer)->mutable_data(), data, size);
  if (!io.Publish(std::string(kLocation), std::move(buffer).value(), WriteMode::kOverwrite).ok()) {
    return 0;
  }
  ReadAll(io, /*keep_dictionary=*/false);
  ReadAll(io, /*keep_dictionary=*/true);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzParquetFile(data, size);
}
#endif
