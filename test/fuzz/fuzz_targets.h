// The fuzz targets: one entry point per parser, each in its own
// <name>_fuzz.cc. Built twice:
//   - with clang and -DFLOE_LIBFUZZER, each file also defines
//     LLVMFuzzerTestOneInput and becomes the libFuzzer binary floe_fuzz_<name>;
//   - with any compiler, all of them link into floe_fuzz_replay, which runs
//     the corpus, deterministic mutations of it and the saved regressions
//     through every entry point (a ctest).
//
// An entry point must accept any bytes: bad input is a Status inside the
// library, never a crash, leak, hang or huge allocation. Each bounds its own
// work (values decoded, rows read, output sizes) so that one input costs at
// most a few hundred milliseconds and a few hundred MiB even where the format
// itself lets a few bytes describe unbounded data. A violated invariant of the
// harness's own checks (a round trip that does not round-trip) aborts via
// FLOE_FUZZ_CHECK, which libFuzzer and the replay both report as a crash.
//
// Thread-safety: every entry point is stateless and reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace floe::fuzz {

using FuzzEntry = int (*)(const uint8_t* data, size_t size);

// (a) A whole Parquet file: ParquetReader::Open and read every batch, with and
//     without dictionary vectors.
int FuzzParquetFile(const uint8_t* data, size_t size);
// (b) Thrift: one PageHeader; one FileMetaData followed by everything built
//     from it without the file's data (schema, type mapping, statistics,
//     column chunk ranges, record assemblers).
int FuzzThriftPageHeader(const uint8_t* data, size_t size);
int FuzzThriftFileMetadata(const uint8_t* data, size_t size);
// The bytes of one column chunk through PageReader (codec from byte 0).
int FuzzPageReader(const uint8_t* data, size_t size);
// (c) Value decoders. Byte 0 (and for some the next 3) control the decoder,
//     the rest is the encoded data; see each file for the layout.
int FuzzRleBitPacked(const uint8_t* data, size_t size);
int FuzzDeltaBinaryPacked(const uint8_t* data, size_t size);
int FuzzDeltaLengthByteArray(const uint8_t* data, size_t size);
int FuzzDeltaByteArray(const uint8_t* data, size_t size);
int FuzzPlain(const uint8_t* data, size_t size);
int FuzzByteStreamSplit(const uint8_t* data, size_t size);
// (d) Every codec's Decompress: byte 0 = codec, bytes 1..3 = output size.
int FuzzCodec(const uint8_t* data, size_t size);
// (e) A whole Avro object container file: AvroReader, every block and datum, a round trip
//     through AvroWriter, and a pass that skips every value.
int FuzzAvroFile(const uint8_t* data, size_t size);

struct FuzzTarget {
  std::string_view name;  // floe_fuzz_<name>, test/fuzz/regressions/<name>/
  FuzzEntry entry;
};

inline constexpr FuzzTarget kFuzzTargets[] = {
    {"parquet_file", &FuzzParquetFile},
    {"thrift_page_header", &FuzzThriftPageHeader},
    {"thrift_file_metadata", &FuzzThriftFileMetadata},
    {"page_reader", &FuzzPageReader},
    {"rle_bit_packed", &FuzzRleBitPacked},
    {"delta_binary_packed", &FuzzDeltaBinaryPacked},
    {"delta_length_byte_array", &FuzzDeltaLengthByteArray},
    {"delta_byte_array", &FuzzDeltaByteArray},
    {"plain", &FuzzPlain},
    {"byte_stream_split", &FuzzByteStreamSplit},
    {"codec", &FuzzCodec},
    {"avro_file", &FuzzAvroFile},
};

}  // namespace floe::fuzz
