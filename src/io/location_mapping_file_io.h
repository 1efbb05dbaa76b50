// LocationMappingFileIO: a FileIO that rewrites location prefixes before
// handing each call to another FileIO.
//
// Iceberg metadata stores absolute locations (s3://bucket/wh/t/..., hdfs://...,
// file:///home/someone/t/...). A table copied to another system still names
// its old places; this wrapper maps them to where the files are now, e.g.
// "s3://bucket/wh" -> "/data/copy/wh". It is how a user reads a table moved
// from another system, and how tests read the corpus tables.
//
// Matching: a `file://` or `file:` scheme and a leading "./" are ignored on
// both sides; a rule matches a location equal to its prefix or continuing it
// with '/'; the longest matching prefix wins; unmatched locations pass through
// unchanged. List() maps its prefix forward and the listed locations back, so
// callers see the names they asked for.
//
// Thread-safety: immutable rules; as thread-safe as the wrapped FileIO.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/file_io.h"

namespace floe {

struct LocationMapping {
  std::string from;  // a location prefix as written in metadata
  std::string to;    // where those files are now
};

class LocationMappingFileIO final : public FileIO {
 public:
  // `base` must outlive this object.
  LocationMappingFileIO(FileIO& base, std::vector<LocationMapping> mappings);

  // `location` with the longest matching rule applied (or unchanged).
  std::string Map(std::string_view location) const;

  Result<std::unique_ptr<RandomAccessFile>> OpenRead(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenWrite(std::string_view location,
                                                  WriteMode mode) override;
  Status Delete(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;
  Result<FileInfo> Stat(std::string_view location) override;

 private:
  FileIO* base_;
  std::vector<LocationMapping> mappings_;  // normalised, longest `from` first
};

}  // namespace floe
