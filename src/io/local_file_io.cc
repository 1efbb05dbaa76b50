#include "io/local_file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/random.h"
#include "io/location.h"

namespace floe {
namespace {

constexpr std::string_view kTempSuffix = ".floe-tmp";
constexpr size_t kWriteBufferSize = 256 * 1024;

std::string ErrnoText(int err) { return std::strerror(err); }

Status ErrnoStatus(int err, std::string_view what, std::string_view path) {
  if (err == ENOENT || err == ENOTDIR) {
    return Status::NotFound("local: {} '{}': {}", what, path, ErrnoText(err));
  }
  if (err == EEXIST) return Status::AlreadyExists("local: {} '{}': {}", what, path, ErrnoText(err));
  bool retryable = err == EINTR || err == EAGAIN || err == EBUSY;
  return Status::IOError("local: {} '{}': {}", what, path, ErrnoText(err)).WithRetryable(retryable);
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// mkdir -p; an existing folder is fine.
Status MakeDirs(const std::string& dir) {
  if (dir.empty() || dir == "." || dir == "/") return Status::OK();
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::OK();
    return Status::IOError("local: '{}' exists and is not a folder", dir);
  }
  FLOE_RETURN_NOT_OK(MakeDirs(DirName(dir)));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return ErrnoStatus(errno, "create folder", dir);
  }
  return Status::OK();
}

Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open folder for sync", dir);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ErrnoStatus(err, "sync folder", dir);
  return Status::OK();
}

std::string RandomSuffix() {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(RandomUint64()));
  return buf;
}

// Puts the scheme of `like` in front of a local path, so List answers in the
// form it was asked in.
std::string AsLocationLike(std::string_view like, const std::string& path) {
  if (LocationScheme(like) == "file") return "file://" + path;
  return path;
}

class LocalRandomAccessFile final : public RandomAccessFile {
 public:
  LocalRandomAccessFile(std::string location, int fd, int64_t size)
      : location_(std::move(location)), fd_(fd), size_(size) {}
  ~LocalRandomAccessFile() override { ::close(fd_); }

  const std::string& location() const override { return location_; }
  int64_t size() const override { return size_; }

  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    FLOE_RETURN_NOT_OK(CheckRange(offset, length));
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, out + done, static_cast<size_t>(length - done), offset + done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "read", location_);
      }
      if (n == 0) {
        return Status::IOError("local: read '{}': file shrank to {} bytes while open (was {})",
                               location_, offset + done, size_);
      }
      done += n;
    }
    return Status::OK();
  }
  using RandomAccessFile::ReadAt;

 private:
  std::string location_;
  int fd_;
  int64_t size_;
};

class LocalOutputStream final : public OutputStream {
 public:
  LocalOutputStream(std::string location, std::string path, std::string temp_path, int fd,
                    WriteMode mode)
      : location_(std::move(location)),
        path_(std::move(path)),
        temp_path_(std::move(temp_path)),
        fd_(fd),
        mode_(mode) {
    buffer_.reserve(kWriteBufferSize);
  }
  ~LocalOutputStream() override { Abort().IgnoreError(); }

  const std::string& location() const override { return location_; }
  int64_t position() const override { return position_; }

  Status Append(const void* data, int64_t length) override {
    if (fd_ < 0) return Status::InvalidArgument("local: append to closed stream '{}'", location_);
    if (length < 0) return Status::InvalidArgument("local: append of {} bytes", length);
    const auto* bytes = static_cast<const uint8_t*>(data);
    if (buffer_.size() + static_cast<size_t>(length) > kWriteBufferSize) {
      FLOE_RETURN_NOT_OK(Flush());
      if (static_cast<size_t>(length) >= kWriteBufferSize) {
        FLOE_RETURN_NOT_OK(WriteFully(bytes, length));
        position_ += length;
        return Status::OK();
      }
    }
    buffer_.insert(buffer_.end(), bytes, bytes + length);
    position_ += length;
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::InvalidArgument("local: stream '{}' is already closed", location_);
    Status st = Flush();
    if (st.ok() && ::fsync(fd_) != 0) st = ErrnoStatus(errno, "sync", temp_path_);
    if (::close(fd_) != 0 && st.ok()) st = ErrnoStatus(errno, "close", temp_path_);
    fd_ = -1;
    if (st.ok()) st = Publish();
    if (!st.ok() && !st.IsCommitStateUnknown()) ::unlink(temp_path_.c_str());
    return st;
  }

  Status Abort() override {
    if (fd_ < 0) return Status::OK();
    ::close(fd_);
    fd_ = -1;
    if (::unlink(temp_path_.c_str()) != 0 && errno != ENOENT) {
      return ErrnoStatus(errno, "remove temporary file", temp_path_);
    }
    return Status::OK();
  }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status st = WriteFully(buffer_.data(), static_cast<int64_t>(buffer_.size()));
    buffer_.clear();
    return st;
  }

  Status WriteFully(const uint8_t* data, int64_t length) {
    while (length > 0) {
      ssize_t n = ::write(fd_, data, static_cast<size_t>(length));
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "write", temp_path_);
      }
      data += n;
      length -= n;
    }
    return Status::OK();
  }

  Status Publish() {
    if (mode_ == WriteMode::kOverwrite) {
      if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        return ErrnoStatus(errno, "publish (rename) to", path_);
      }
    } else {
      // No-replace rename where the file system has it; else link(2), which
      // also fails with EEXIST, then drop the temporary name.
      int rc = ::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
      if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
        rc = ::link(temp_path_.c_str(), path_.c_str());
        if (rc == 0) ::unlink(temp_path_.c_str());
      }
      if (rc != 0) {
        if (errno == EEXIST) {
          return Status::AlreadyExists("local: '{}' already exists (create-if-absent)", location_);
        }
        return ErrnoStatus(errno, "publish (no-replace rename) to", path_);
      }
    }
    // The file is visible now; if its folder's entry cannot be made durable,
    // the caller cannot know whether it survives a crash.
    Status st = SyncDir(DirName(path_));
    if (!st.ok()) {
      return Status::CommitStateUnknown("local: '{}' was published but not made durable: {}",
                                        location_, st.message());
    }
    return Status::OK();
  }

  std::string location_;
  std::string path_;
  std::string temp_path_;
  int fd_;
  WriteMode mode_;
  int64_t position_ = 0;
  std::vector<uint8_t> buffer_;
};

}  // namespace

bool LocalFileIO::IsTemporaryFileName(std::string_view name) {
  return name.size() > kTempSuffix.size() + 1 && name.front() == '.' &&
         name.substr(name.size() - kTempSuffix.size()) == kTempSuffix;
}

Result<std::unique_ptr<RandomAccessFile>> LocalFileIO::OpenRead(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(std::string path, LocalPathOf(location));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open for reading", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(err, "stat", path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::NotFound("local: '{}' is not a file", path);
  }
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<LocalRandomAccessFile>(std::string(location), fd, st.st_size));
}

Result<std::unique_ptr<OutputStream>> LocalFileIO::OpenWrite(std::string_view location,
                                                             WriteMode mode) {
  FLOE_ASSIGN_OR_RETURN(std::string path, LocalPathOf(location));
  if (path.back() == '/')
    return Status::InvalidArgument("local: cannot write to folder '{}'", path);
  if (mode == WriteMode::kCreateIfAbsent && ::access(path.c_str(), F_OK) == 0) {
    return Status::AlreadyExists("local: '{}' already exists (create-if-absent)", location);
  }
  std::string dir = DirName(path);
  FLOE_RETURN_NOT_OK(MakeDirs(dir));
  std::string temp = dir + "/." + BaseName(path) + "." + RandomSuffix() + std::string(kTempSuffix);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "create temporary file", temp);
  return std::unique_ptr<OutputStream>(
      std::make_unique<LocalOutputStream>(std::string(location), path, temp, fd, mode));
}

Status LocalFileIO::Delete(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(std::string path, LocalPathOf(location));
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status::NotFound("local: delete '{}': is a folder, not a file", path);
  }
  if (::unlink(path.c_str()) != 0) return ErrnoStatus(errno, "delete", path);
  return Status::OK();
}

namespace {

// Appends every regular file under `dir` whose path starts with `prefix`.
Status ListInto(const std::string& dir, const std::string& prefix, std::string_view like, int depth,
                std::vector<FileInfo>* out) {
  if (depth > 256) return Status::IOError("local: list '{}': folders nested too deep", dir);
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::OK();
    return ErrnoStatus(errno, "list", dir);
  }
  Status status;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    if (LocalFileIO::IsTemporaryFileName(name)) continue;
    std::string path = dir == "/" ? "/" + std::string(name) : dir + "/" + std::string(name);
    // Prune subtrees that cannot contain a match.
    size_t common = std::min(path.size(), prefix.size());
    if (path.compare(0, common, prefix, 0, common) != 0) continue;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;  // vanished meanwhile
    if (S_ISDIR(st.st_mode)) {
      status = ListInto(path, prefix, like, depth + 1, out);
      if (!status.ok()) break;
    } else if (S_ISREG(st.st_mode) && path.size() >= prefix.size()) {
      int64_t mtime_ms =
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
      out->push_back(FileInfo{AsLocationLike(like, path), st.st_size, mtime_ms});
    }
  }
  ::closedir(d);
  return status;
}

}  // namespace

Result<std::vector<FileInfo>> LocalFileIO::List(std::string_view prefix) {
  FLOE_ASSIGN_OR_RETURN(std::string path, LocalPathOf(prefix));
  // A prefix "a/b" may match the file "a/b", "a/bc" or anything under "a/b/".
  std::string dir = path.back() == '/' ? path.substr(0, path.size() - 1) : DirName(path);
  if (dir.empty()) dir = "/";
  std::string match = path;
  if (dir == "." && path.rfind("./", 0) != 0) match = "./" + path;
  std::vector<FileInfo> out;
  FLOE_RETURN_NOT_OK(ListInto(dir, match, prefix, 0, &out));
  if (dir == "." && path.rfind("./", 0) != 0) {
    for (FileInfo& f : out) {
      if (f.location.rfind("./", 0) == 0) f.location.erase(0, 2);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.location < b.location; });
  return out;
}

Result<FileInfo> LocalFileIO::Stat(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(std::string path, LocalPathOf(location));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus(errno, "stat", path);
  if (!S_ISREG(st.st_mode)) return Status::NotFound("local: '{}' is not a file", path);
  int64_t mtime_ms = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
  return FileInfo{std::string(location), st.st_size, mtime_ms};
}

}  // namespace floe
