// MemoryFileIO: a FileIO whose files live in memory, keyed by the exact
// location string. For tests and for scratch space; behaves like an object
// store (no folders, string-prefix listing, atomic whole-object publish).
//
// Thread-safety: see FileIO. All state is behind one mutex; readers keep the
// published bytes alive, so overwriting or deleting never disturbs an open
// reader (as with an object store's GET in flight).
#pragma once

#include <map>
#include <mutex>

#include "io/file_io.h"

namespace floe {

class MemoryFileIO final : public FileIO {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenRead(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenWrite(std::string_view location,
                                                  WriteMode mode) override;
  Status Delete(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;
  Result<FileInfo> Stat(std::string_view location) override;

  // Publishes `data` under `location` (used by streams at Close).
  Status Publish(const std::string& location, std::shared_ptr<const Buffer> data, WriteMode mode);
  // Total bytes held, for tests of memory use.
  int64_t total_bytes() const;

 private:
  struct Entry {
    std::shared_ptr<const Buffer> data;
    int64_t last_modified_ms = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> files_;
};

}  // namespace floe
