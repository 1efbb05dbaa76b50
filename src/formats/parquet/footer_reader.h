// ReadParquetFooter: opens a Parquet file by its footer.
//
// A Parquet file ends with the Thrift-encoded FileMetaData, its 4-byte
// little-endian length and the magic "PAR1", and starts with "PAR1" too. The
// footer is fetched with as few requests as an object store needs: the last
// min(size, kFooterTailReadSize) bytes together with the first 4 (one
// ReadRanges call, or a single ReadAt for small files), then one more read
// only when the footer is longer than that tail.
//
// Errors say what and where: Corruption for anything that is not a valid
// Parquet footer ("parquet: <location>: invalid footer: <why>"),
// NotSupported for encrypted files (footer magic "PARE", or encrypted
// columns under a plaintext footer) and for footers beyond
// kMaxFooterLength.
//
// Thread-safety: reentrant; concurrent calls may share one RandomAccessFile,
// as its ReadAt/ReadRanges are thread-safe.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "io/file_io.h"

namespace floe::parquet {

// Bytes read from the end of the file in the first request.
inline constexpr int64_t kFooterTailReadSize = 64 * 1024;
// Larger footers are refused rather than buffered.
inline constexpr uint32_t kMaxFooterLength = uint32_t{1} << 30;

Result<std::shared_ptr<const ParquetFileMetadata>> ReadParquetFooter(RandomAccessFile& file);

}  // namespace floe::parquet
