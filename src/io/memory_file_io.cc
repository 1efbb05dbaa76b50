#include "io/memory_file_io.h"

#include <chrono>
#include <cstring>

namespace floe {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class MemoryRandomAccessFile final : public RandomAccessFile {
 public:
  MemoryRandomAccessFile(std::string location, std::shared_ptr<const Buffer> data)
      : location_(std::move(location)), data_(std::move(data)) {}

  const std::string& location() const override { return location_; }
  int64_t size() const override { return data_->size(); }
  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    FLOE_RETURN_NOT_OK(CheckRange(offset, length));
    if (length > 0) std::memcpy(out, data_->data() + offset, static_cast<size_t>(length));
    return Status::OK();
  }
  using RandomAccessFile::ReadAt;

 private:
  std::string location_;
  std::shared_ptr<const Buffer> data_;
};

class MemoryOutputStream final : public OutputStream {
 public:
  MemoryOutputStream(MemoryFileIO& io, std::string location, WriteMode mode)
      : io_(&io), location_(std::move(location)), mode_(mode) {}

  const std::string& location() const override { return location_; }
  int64_t position() const override { return static_cast<int64_t>(data_.size()); }

  Status Append(const void* data, int64_t length) override {
    if (closed_) return Status::InvalidArgument("memory: append to closed stream '{}'", location_);
    if (length < 0) return Status::InvalidArgument("memory: append of {} bytes", length);
    if (static_cast<int64_t>(data_.size()) + length > Buffer::kMaxSize) {
      return Status::IOError("memory: '{}' would exceed {} bytes", location_, Buffer::kMaxSize);
    }
    data_.append(static_cast<const char*>(data), static_cast<size_t>(length));
    return Status::OK();
  }

  Status Close() override {
    if (closed_) return Status::InvalidArgument("memory: stream '{}' is already closed", location_);
    closed_ = true;
    return io_->Publish(location_, Buffer::FromString(std::move(data_)), mode_);
  }

  Status Abort() override {
    closed_ = true;
    data_.clear();
    return Status::OK();
  }

 private:
  MemoryFileIO* io_;
  std::string location_;
  WriteMode mode_;
  std::string data_;
  bool closed_ = false;
};

}  // namespace

Result<std::unique_ptr<RandomAccessFile>> MemoryFileIO::OpenRead(std::string_view location) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(location);
  if (it == files_.end()) return Status::NotFound("memory: '{}' does not exist", location);
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<MemoryRandomAccessFile>(std::string(location), it->second.data));
}

Result<std::unique_ptr<OutputStream>> MemoryFileIO::OpenWrite(std::string_view location,
                                                              WriteMode mode) {
  if (location.empty()) return Status::InvalidArgument("memory: empty location");
  if (mode == WriteMode::kCreateIfAbsent) {
    std::lock_guard lock(mutex_);
    if (files_.count(location) != 0) {
      return Status::AlreadyExists("memory: '{}' already exists (create-if-absent)", location);
    }
  }
  return std::unique_ptr<OutputStream>(
      std::make_unique<MemoryOutputStream>(*this, std::string(location), mode));
}

Status MemoryFileIO::Publish(const std::string& location, std::shared_ptr<const Buffer> data,
                             WriteMode mode) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = files_.try_emplace(location);
  if (!inserted && mode == WriteMode::kCreateIfAbsent) {
    return Status::AlreadyExists("memory: '{}' already exists (create-if-absent)", location);
  }
  it->second = Entry{std::move(data), NowMs()};
  return Status::OK();
}

Status MemoryFileIO::Delete(std::string_view location) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(location);
  if (it == files_.end()) return Status::NotFound("memory: delete '{}': does not exist", location);
  files_.erase(it);
  return Status::OK();
}

Result<std::vector<FileInfo>> MemoryFileIO::List(std::string_view prefix) {
  std::lock_guard lock(mutex_);
  std::vector<FileInfo> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(FileInfo{it->first, it->second.data->size(), it->second.last_modified_ms});
  }
  return out;
}

Result<FileInfo> MemoryFileIO::Stat(std::string_view location) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(location);
  if (it == files_.end()) return Status::NotFound("memory: '{}' does not exist", location);
  return FileInfo{it->first, it->second.data->size(), it->second.last_modified_ms};
}

int64_t MemoryFileIO::total_bytes() const {
  std::lock_guard lock(mutex_);
  int64_t total = 0;
  for (const auto& [_, entry] : files_) total += entry.data->size();
  return total;
}

}  // namespace floe
