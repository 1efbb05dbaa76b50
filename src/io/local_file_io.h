// LocalFileIO: FileIO over the local file system (plain paths and file://).
//
// Writes go to a hidden temporary file beside the target
// (".<name>.<random>.floe-tmp"), are fsync'ed, then published by rename
// (kOverwrite) or by a no-replace rename (kCreateIfAbsent), and the folder is
// fsync'ed so the publish survives a power cut. A killed writer leaves at most
// a temporary file, which List() never reports and orphan cleanup removes;
// no partial file is ever visible under the final name.
//
// Folders are created as needed on write, so paths behave like object keys.
//
// Thread-safety: see FileIO.
#pragma once

#include <string>

#include "io/file_io.h"

namespace floe {

class LocalFileIO final : public FileIO {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenRead(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenWrite(std::string_view location,
                                                  WriteMode mode) override;
  Status Delete(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;
  Result<FileInfo> Stat(std::string_view location) override;

  // True for the names of in-progress writes' temporary files.
  static bool IsTemporaryFileName(std::string_view file_name);
};

}  // namespace floe
