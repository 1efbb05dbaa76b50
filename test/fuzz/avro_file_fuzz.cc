// (e) A whole Avro object container file: the input is the file. AvroReader::Open on a
// MemoryFileIO and every block read, every datum walked (every byte a bytes/string datum points
// at is read, so ASan sees it), in two passes:
//   - as the writer's schema; when that succeeds, the records are written again with AvroWriter
//     and read back: the two reads must agree value for value (a round trip);
//   - when the root is a record, as a record of no fields, so every value is skipped (the
//     resolved decoder's skipping path, with array/map block sizes).
// Any outcome but a Status is a bug.
//
// Bounds: blocks are capped at 16 MiB (compressed and decompressed), and at most kMaxRecords
// records are read per pass (a few bytes can hold many records of nulls).
#include <cstring>
#include <string>

#include "formats/avro/avro_reader.h"
#include "formats/avro/avro_writer.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"
#include "io/memory_file_io.h"

namespace floe::fuzz {
namespace {

using avro::AvroDatum;
using avro::AvroNode;
using avro::AvroType;

constexpr int64_t kMaxRecords = int64_t{1} << 14;
constexpr std::string_view kLocation = "mem://fuzz.avro";
constexpr std::string_view kRoundTrip = "mem://roundtrip.avro";

// A hash of a datum's every value, following the schema it was read as.
uint64_t Hash(const AvroDatum& d, const AvroNode& schema, uint64_t h) {
  if (schema.type == AvroType::kUnion) {
    FLOE_FUZZ_CHECK(d.branch() < schema.branches.size());
    h = Fnv1a(&d, 0, h ^ d.branch());
    return Hash(d, *schema.branches[d.branch()], h);
  }
  FLOE_FUZZ_CHECK(d.type() == schema.type);
  const auto type = static_cast<uint8_t>(d.type());
  h = Fnv1a(&type, 1, h);
  switch (d.type()) {
    case AvroType::kNull:
      return h;
    case AvroType::kBoolean:
      return h ^ (d.boolean_value() ? 1 : 2);
    case AvroType::kInt: {
      const int32_t v = d.int_value();
      return Fnv1a(&v, sizeof v, h);
    }
    case AvroType::kLong: {
      const int64_t v = d.long_value();
      return Fnv1a(&v, sizeof v, h);
    }
    case AvroType::kFloat: {
      const float v = d.float_value();
      return Fnv1a(&v, sizeof v, h);
    }
    case AvroType::kDouble: {
      const double v = d.double_value();
      return Fnv1a(&v, sizeof v, h);
    }
    case AvroType::kBytes:
    case AvroType::kString:
    case AvroType::kFixed: {
      const std::string_view v = d.bytes_value();
      return Fnv1a(v.data(), v.size(), h ^ v.size());
    }
    case AvroType::kEnum: {
      FLOE_FUZZ_CHECK(d.enum_index() >= 0 &&
                      static_cast<size_t>(d.enum_index()) < schema.symbols.size());
      return h ^ static_cast<uint64_t>(d.enum_index());
    }
    case AvroType::kArray:
      for (const AvroDatum& item : d.items()) h = Hash(item, *schema.items, h);
      return h ^ d.size();
    case AvroType::kMap:
      for (size_t i = 0; i < d.size(); ++i) {
        const std::string_view k = d.map_key(i);
        h = Fnv1a(k.data(), k.size(), h);
        h = Hash(d.map_value(i), *schema.values, h);
      }
      return h ^ d.size();
    case AvroType::kRecord:
      FLOE_FUZZ_CHECK(d.size() == schema.fields.size());
      for (size_t i = 0; i < d.size(); ++i) h = Hash(d.field(i), *schema.fields[i].type, h);
      return h;
    case AvroType::kUnion:
      break;
  }
  FLOE_FUZZ_CHECK(false);
  return h;
}

avro::AvroReaderOptions Options() {
  avro::AvroReaderOptions options;
  options.max_block_bytes = int64_t{16} << 20;
  options.max_header_bytes = int64_t{1} << 20;
  return options;
}

// Reads up to kMaxRecords records; their hashes, or nothing on error.
struct Pass {
  bool ok = false;
  std::vector<uint64_t> hashes;
};

Pass ReadPass(MemoryFileIO& io, std::string_view location, const avro::AvroReaderOptions& options) {
  Pass pass;
  auto reader = avro::AvroReader::Open(io, location, options);
  if (!reader.has_value()) return pass;
  avro::AvroRecordBatch batch;
  while (static_cast<int64_t>(pass.hashes.size()) < kMaxRecords) {
    Result<bool> more = (*reader)->Next(batch);
    if (!more.has_value()) return Pass{};
    if (!*more) break;
    for (const AvroDatum& r : batch.records()) {
      pass.hashes.push_back(Hash(r, (*reader)->reader_schema().root(), 0));
    }
  }
  pass.ok = true;
  return pass;
}

}  // namespace

int FuzzAvroFile(const uint8_t* data, size_t size) {
  MemoryFileIO io;
  auto buffer = Buffer::Allocate(static_cast<int64_t>(size));
  if (!buffer.has_value()) return 0;
  if (size > 0) std::memcpy((*buffer)->mutable_data(), data, size);
  if (!io.Publish(std::string(kLocation), std::move(buffer).value(), WriteMode::kOverwrite).ok()) {
    return 0;
  }
  const avro::AvroReaderOptions options = Options();

  // Pass 1, with a round trip through the writer.
  auto reader = avro::AvroReader::Open(io, kLocation, options);
  if (!reader.has_value()) return 0;
  std::vector<uint64_t> hashes;
  avro::AvroWriterOptions wo;
  wo.codec = avro::AvroCodec::kNull;
  wo.mode = WriteMode::kOverwrite;
  auto writer = avro::AvroWriter::Make(io, kRoundTrip, (*reader)->writer_schema(), wo);
  FLOE_FUZZ_CHECK(writer.has_value());
  bool complete = true;
  avro::AvroRecordBatch batch;
  while (true) {
    Result<bool> more = (*reader)->Next(batch);
    if (!more.has_value()) {
      complete = false;
      break;
    }
    if (!*more) break;
    for (const AvroDatum& r : batch.records()) {
      hashes.push_back(Hash(r, (*reader)->reader_schema().root(), 0));
      // What Floe read as a value of the schema, Floe writes as one.
      Status st = (*writer)->Write(r);
      FLOE_FUZZ_CHECK(st.ok());
    }
    if (static_cast<int64_t>(hashes.size()) >= kMaxRecords) {
      complete = false;
      break;
    }
  }
  if (complete) {
    FLOE_FUZZ_CHECK((*writer)->Close().ok());
    Pass again = ReadPass(io, kRoundTrip, options);
    FLOE_FUZZ_CHECK(again.ok);
    FLOE_FUZZ_CHECK(again.hashes == hashes);
  }

  // Pass 2: everything skipped.
  if ((*reader)->writer_schema()->root().type == AvroType::kRecord) {
    auto empty = avro::AvroSchema::Parse(R"({"type": "record", "name": "nothing", "fields": []})");
    FLOE_FUZZ_CHECK(empty.has_value());
    avro::AvroReaderOptions skip = options;
    skip.reader_schema = *empty;
    Pass skipped = ReadPass(io, kLocation, skip);
    // Skipping reads less than decoding, so it may succeed where decoding failed, never the
    // other way round.
    if (complete) FLOE_FUZZ_CHECK(skipped.ok && skipped.hashes.size() == hashes.size());
  }
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzAvroFile(data, size);
}
#endif
