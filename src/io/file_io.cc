#include "io/file_io.h"

#include "io/local_file_io.h"
#include "io/location.h"

namespace floe {

Status RandomAccessFile::CheckRange(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
    return Status::InvalidArgument(
        "{}: read of {} bytes at offset {} is outside the file of {} bytes", location(), length,
        offset, size());
  }
  return Status::OK();
}

Result<std::shared_ptr<const Buffer>> RandomAccessFile::ReadAt(int64_t offset, int64_t length) {
  FLOE_RETURN_NOT_OK(CheckRange(offset, length));
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<Buffer> buffer, Buffer::Allocate(length));
  FLOE_RETURN_NOT_OK(ReadAt(offset, length, buffer->mutable_data()));
  return std::shared_ptr<const Buffer>(std::move(buffer));
}

Result<std::vector<std::shared_ptr<const Buffer>>> RandomAccessFile::ReadRanges(
    std::span<const ReadRange> ranges) {
  std::vector<std::shared_ptr<const Buffer>> out;
  out.reserve(ranges.size());
  for (const ReadRange& r : ranges) {
    FLOE_ASSIGN_OR_RETURN(auto buffer, ReadAt(r.offset, r.length));
    out.push_back(std::move(buffer));
  }
  return out;
}

Result<bool> FileIO::Exists(std::string_view location) {
  Result<FileInfo> info = Stat(location);
  if (info.has_value()) return true;
  if (info.error().IsNotFound()) return false;
  return info.error();
}

Result<std::string> FileIO::ReadAll(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto file, OpenRead(location));
  std::string data(static_cast<size_t>(file->size()), '\0');
  if (!data.empty()) {
    FLOE_RETURN_NOT_OK(file->ReadAt(0, file->size(), reinterpret_cast<uint8_t*>(data.data())));
  }
  return data;
}

Status FileIO::WriteAll(std::string_view location, std::string_view data, WriteMode mode) {
  FLOE_ASSIGN_OR_RETURN(auto out, OpenWrite(location, mode));
  Status st = out->Append(data);
  if (!st.ok()) {
    out->Abort().IgnoreError();
    return st;
  }
  return out->Close();
}

Result<std::unique_ptr<FileIO>> MakeFileIOFor(std::string_view location) {
  std::string_view scheme = LocationScheme(location);
  if (scheme.empty() || scheme == "file")
    return std::unique_ptr<FileIO>(std::make_unique<LocalFileIO>());
  return Status::NotSupported("no FileIO for scheme '{}' in location '{}'", scheme, location);
}

}  // namespace floe
