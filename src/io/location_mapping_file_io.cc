#include "io/location_mapping_file_io.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace floe {
namespace {

// Drops a file: scheme (keeping the path's leading '/') and a leading "./".
std::string_view Normalise(std::string_view location) {
  if (location.substr(0, 7) == "file://") {
    location.remove_prefix(7);
  } else if (location.substr(0, 5) == "file:") {
    location.remove_prefix(5);
  }
  while (location.substr(0, 2) == "./") location.remove_prefix(2);
  return location;
}

// The rest of `location` after `prefix` when `prefix` matches at a boundary.
std::optional<std::string_view> MatchPrefix(std::string_view location, std::string_view prefix) {
  if (location.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = location.substr(prefix.size());
  if (!rest.empty() && rest.front() != '/' && !prefix.empty() && prefix.back() != '/') {
    return std::nullopt;
  }
  return rest;
}

std::string StripTrailingSlash(std::string_view s) {
  while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

// The wrapped file, under the name the caller opened it by.
class MappedFile final : public RandomAccessFile {
 public:
  MappedFile(std::unique_ptr<RandomAccessFile> base, std::string location)
      : base_(std::move(base)), location_(std::move(location)) {}
  const std::string& location() const override { return location_; }
  int64_t size() const override { return base_->size(); }
  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    return base_->ReadAt(offset, length, out);
  }
  Result<std::vector<std::shared_ptr<const Buffer>>> ReadRanges(
      std::span<const ReadRange> ranges) override {
    return base_->ReadRanges(ranges);
  }

 private:
  std::unique_ptr<RandomAccessFile> base_;
  std::string location_;
};

class MappedStream final : public OutputStream {
 public:
  MappedStream(std::unique_ptr<OutputStream> base, std::string location)
      : base_(std::move(base)), location_(std::move(location)) {}
  const std::string& location() const override { return location_; }
  Status Append(const void* data, int64_t length) override { return base_->Append(data, length); }
  int64_t position() const override { return base_->position(); }
  Status Close() override { return base_->Close(); }
  Status Abort() override { return base_->Abort(); }

 private:
  std::unique_ptr<OutputStream> base_;
  std::string location_;
};

}  // namespace

LocationMappingFileIO::LocationMappingFileIO(FileIO& base, std::vector<LocationMapping> mappings)
    : base_(&base) {
  for (auto& m : mappings) {
    mappings_.push_back({StripTrailingSlash(Normalise(m.from)), StripTrailingSlash(m.to)});
  }
  std::stable_sort(mappings_.begin(), mappings_.end(),
                   [](const LocationMapping& a, const LocationMapping& b) {
                     return a.from.size() > b.from.size();
                   });
}

std::string LocationMappingFileIO::Map(std::string_view location) const {
  const std::string_view normal = Normalise(location);
  for (const LocationMapping& m : mappings_) {
    if (auto rest = MatchPrefix(normal, m.from)) return m.to + std::string(*rest);
  }
  return std::string(location);
}

Result<std::unique_ptr<RandomAccessFile>> LocationMappingFileIO::OpenRead(
    std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto file, base_->OpenRead(Map(location)));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<MappedFile>(std::move(file), std::string(location)));
}

Result<std::unique_ptr<OutputStream>> LocationMappingFileIO::OpenWrite(std::string_view location,
                                                                       WriteMode mode) {
  FLOE_ASSIGN_OR_RETURN(auto stream, base_->OpenWrite(Map(location), mode));
  return std::unique_ptr<OutputStream>(
      std::make_unique<MappedStream>(std::move(stream), std::string(location)));
}

Status LocationMappingFileIO::Delete(std::string_view location) {
  return base_->Delete(Map(location));
}

Result<std::vector<FileInfo>> LocationMappingFileIO::List(std::string_view prefix) {
  const std::string mapped = Map(prefix);
  FLOE_ASSIGN_OR_RETURN(std::vector<FileInfo> files, base_->List(mapped));
  if (mapped == prefix) return files;
  // Name the files as the caller does: swap the mapped prefix back.
  const size_t common = mapped.size();
  for (FileInfo& f : files) {
    if (f.location.compare(0, common, mapped) == 0) {
      f.location = std::string(prefix) + f.location.substr(common);
    }
  }
  return files;
}

Result<FileInfo> LocationMappingFileIO::Stat(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(FileInfo info, base_->Stat(Map(location)));
  info.location = std::string(location);
  return info;
}

}  // namespace floe
