// FileIO: one interface for file systems and object stores, addressed by
// location (a plain path, file://..., and later s3://...).
//
// It offers what a table format needs and nothing that an object store cannot
// do: whole-object streaming writes published atomically at Close(), random
// reads, create-if-absent (the building block of atomic metadata publishes),
// delete, list by prefix and stat. There are no directories, no appends to
// published files, and no renames.
//
// Write contract, for every implementation:
//   - Nothing is visible under the final location before Close() returns OK.
//   - Close() publishes all bytes or none. With WriteMode::kCreateIfAbsent it
//     fails with AlreadyExists if the location was published meanwhile, and
//     exactly one of several racing writers wins.
//   - Abort() and the destructor of an unclosed stream publish nothing.
//   - A Close() that fails after the publish may have taken effect says so
//     with CommitStateUnknown; any other failure published nothing.
//
// Thread-safety: a FileIO may be used from many threads at once. A
// RandomAccessFile's ReadAt/ReadRanges are safe to call concurrently. An
// OutputStream is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"

namespace floe {

// A byte range of a file: [offset, offset + length).
struct ReadRange {
  int64_t offset = 0;
  int64_t length = 0;
  friend bool operator==(const ReadRange&, const ReadRange&) = default;
};

struct FileInfo {
  std::string location;  // in the same form as the location or prefix asked for
  int64_t size = 0;
  std::optional<int64_t> last_modified_ms;  // milliseconds since the epoch, when known
};

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;

  virtual const std::string& location() const = 0;
  // Size of the file as of opening.
  virtual int64_t size() const = 0;

  // Reads exactly `length` bytes at `offset` into `out`. A range that does not
  // lie within the file is an error (InvalidArgument), never a short read.
  virtual Status ReadAt(int64_t offset, int64_t length, uint8_t* out) = 0;

  // Reads one range into a new buffer.
  Result<std::shared_ptr<const Buffer>> ReadAt(int64_t offset, int64_t length);

  // Reads several ranges; the result has one buffer per range, in order.
  // Object stores override this to coalesce nearby ranges into fewer requests.
  virtual Result<std::vector<std::shared_ptr<const Buffer>>> ReadRanges(
      std::span<const ReadRange> ranges);

 protected:
  // InvalidArgument unless [offset, offset+length) lies within [0, size()).
  Status CheckRange(int64_t offset, int64_t length) const;
};

class OutputStream {
 public:
  // Aborts if neither Close() nor Abort() was called: never publishes.
  virtual ~OutputStream() = default;

  virtual const std::string& location() const = 0;
  virtual Status Append(const void* data, int64_t length) = 0;
  Status Append(std::string_view data) {
    return Append(data.data(), static_cast<int64_t>(data.size()));
  }
  // Bytes appended so far.
  virtual int64_t position() const = 0;

  // Makes the file durable and visible under its location, atomically. After
  // Close (OK or not) the stream accepts nothing more. A failed Close has
  // published nothing, except when it returns CommitStateUnknown: then the
  // file may be visible (the publish happened but a later step, such as the
  // directory sync or an object store's reply, failed), and a caller must not
  // delete it as if it were its own garbage.
  virtual Status Close() = 0;
  // Discards everything written; nothing is published. Idempotent.
  virtual Status Abort() = 0;
};

enum class WriteMode : uint8_t {
  kOverwrite,       // replace whatever is there, atomically
  kCreateIfAbsent,  // fail with AlreadyExists if the location exists at publish
};

class FileIO {
 public:
  virtual ~FileIO() = default;

  // NotFound if the file does not exist.
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenRead(std::string_view location) = 0;
  // Starts a write. kCreateIfAbsent may already fail here when the location
  // exists; the authoritative check is in Close().
  virtual Result<std::unique_ptr<OutputStream>> OpenWrite(std::string_view location,
                                                          WriteMode mode) = 0;
  // NotFound if the file does not exist.
  virtual Status Delete(std::string_view location) = 0;
  // Every file whose location starts with `prefix` (string prefix, as object
  // stores define it; "dir/" lists a folder recursively), sorted by location.
  virtual Result<std::vector<FileInfo>> List(std::string_view prefix) = 0;
  // NotFound if the file does not exist.
  virtual Result<FileInfo> Stat(std::string_view location) = 0;

  Result<bool> Exists(std::string_view location);
  // Whole-file helpers for small files (metadata JSON, version hints).
  Result<std::string> ReadAll(std::string_view location);
  Status WriteAll(std::string_view location, std::string_view data, WriteMode mode);
};

// A FileIO for `location`'s scheme: plain paths and file:// go to the local
// file system. NotSupported for schemes Floe does not know yet.
Result<std::unique_ptr<FileIO>> MakeFileIOFor(std::string_view location);

}  // namespace floe
