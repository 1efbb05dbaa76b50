#include "io/fault_injecting_file_io.h"

#include <thread>

namespace floe {

std::string_view FileOpName(FileOp op) {
  switch (op) {
    case FileOp::kOpenRead:
      return "open-read";
    case FileOp::kRead:
      return "read";
    case FileOp::kOpenWrite:
      return "open-write";
    case FileOp::kAppend:
      return "append";
    case FileOp::kClose:
      return "close";
    case FileOp::kDelete:
      return "delete";
    case FileOp::kList:
      return "list";
    case FileOp::kStat:
      return "stat";
  }
  return "unknown";
}

void FaultInjectingFileIO::AddFault(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(ActiveRule{std::move(rule)});
}

void FaultInjectingFileIO::Reset() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  for (auto& c : counts_) c = 0;
  faults_injected_ = 0;
  crashed_ = false;
}

int64_t FaultInjectingFileIO::count(FileOp op) const {
  std::lock_guard lock(mutex_);
  return counts_[static_cast<int>(op)];
}

int64_t FaultInjectingFileIO::total_count() const {
  std::lock_guard lock(mutex_);
  int64_t total = 0;
  for (int64_t c : counts_) total += c;
  return total;
}

int64_t FaultInjectingFileIO::faults_injected() const {
  std::lock_guard lock(mutex_);
  return faults_injected_;
}

bool FaultInjectingFileIO::crashed() const {
  std::lock_guard lock(mutex_);
  return crashed_;
}

FaultInjectingFileIO::Decision FaultInjectingFileIO::Enter(FileOp op, std::string_view location) {
  if (int64_t us = latency_us_.load(); us > 0) {
    std::this_thread::sleep_for(std::chrono::microseconds(us));
  }
  std::lock_guard lock(mutex_);
  int64_t n = ++counts_[static_cast<int>(op)];
  if (crashed_) {
    return {FaultKind::kCrash, Status::IOError("injected crash: {} '{}' after the kill point",
                                               FileOpName(op), location)};
  }
  for (ActiveRule& r : rules_) {
    if (r.fired) continue;
    if (r.rule.op.has_value() && *r.rule.op != op) continue;
    if (!r.rule.location_contains.empty() &&
        location.find(r.rule.location_contains) == std::string_view::npos) {
      continue;
    }
    if (++r.seen != r.rule.nth) continue;
    r.fired = true;
    ++faults_injected_;
    FaultKind kind = r.rule.kind;
    if (kind == FaultKind::kTornWrite && op != FileOp::kClose) kind = FaultKind::kError;
    if (kind == FaultKind::kCrash) crashed_ = true;
    Status error = Status::IOError("injected fault: {} #{} of '{}'", FileOpName(op), n, location)
                       .WithRetryable(r.rule.retryable);
    if (kind == FaultKind::kErrorAfter && op == FileOp::kClose) {
      error = Status::CommitStateUnknown("injected fault: reply to {} #{} of '{}' lost",
                                         FileOpName(op), n, location);
    }
    return {kind, std::move(error)};
  }
  return {};
}

namespace {

class FaultInjectingRandomAccessFile final : public RandomAccessFile {
 public:
  FaultInjectingRandomAccessFile(FaultInjectingFileIO& io, std::unique_ptr<RandomAccessFile> base)
      : io_(&io), base_(std::move(base)) {}

  const std::string& location() const override { return base_->location(); }
  int64_t size() const override { return base_->size(); }

  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    auto d = io_->Enter(FileOp::kRead, location());
    if (d.fault == FaultKind::kErrorAfter) {
      base_->ReadAt(offset, length, out).IgnoreError();
      return d.error;
    }
    if (d.fault) return d.error;
    return base_->ReadAt(offset, length, out);
  }
  using RandomAccessFile::ReadAt;

 private:
  FaultInjectingFileIO* io_;
  std::unique_ptr<RandomAccessFile> base_;
};

class FaultInjectingOutputStream final : public OutputStream {
 public:
  FaultInjectingOutputStream(FaultInjectingFileIO& io, std::unique_ptr<OutputStream> base,
                             WriteMode mode)
      : io_(&io), base_(std::move(base)), mode_(mode) {}

  const std::string& location() const override { return base_->location(); }
  int64_t position() const override { return base_->position(); }

  Status Append(const void* data, int64_t length) override {
    auto d = io_->Enter(FileOp::kAppend, location());
    if (d.fault && d.fault != FaultKind::kErrorAfter) return d.error;
    Status st = base_->Append(data, length);
    // Kept so a torn Close can publish a prefix; fault tests use small files.
    if (st.ok()) written_.append(static_cast<const char*>(data), static_cast<size_t>(length));
    return d.fault ? d.error : st;
  }

  Status Close() override {
    auto d = io_->Enter(FileOp::kClose, location());
    if (!d.fault) return base_->Close();
    switch (*d.fault) {
      case FaultKind::kError:
      case FaultKind::kCrash:
        base_->Abort().IgnoreError();
        return d.error;
      case FaultKind::kErrorAfter: {
        Status st = base_->Close();
        return st.ok() ? d.error : st;
      }
      case FaultKind::kTornWrite: {
        base_->Abort().IgnoreError();
        auto torn = io_->base().OpenWrite(location(), mode_);
        if (torn.has_value()) {
          std::string_view half(written_.data(), written_.size() / 2);
          Status st = (*torn)->Append(half);
          if (st.ok())
            (*torn)->Close().IgnoreError();
          else
            (*torn)->Abort().IgnoreError();
        }
        return d.error;
      }
    }
    return d.error;
  }

  Status Abort() override { return base_->Abort(); }

 private:
  FaultInjectingFileIO* io_;
  std::unique_ptr<OutputStream> base_;
  WriteMode mode_;
  std::string written_;
};

}  // namespace

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileIO::OpenRead(
    std::string_view location) {
  auto d = Enter(FileOp::kOpenRead, location);
  if (d.fault) return d.error;
  FLOE_ASSIGN_OR_RETURN(auto file, base_->OpenRead(location));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<FaultInjectingRandomAccessFile>(*this, std::move(file)));
}

Result<std::unique_ptr<OutputStream>> FaultInjectingFileIO::OpenWrite(std::string_view location,
                                                                      WriteMode mode) {
  auto d = Enter(FileOp::kOpenWrite, location);
  if (d.fault) return d.error;
  FLOE_ASSIGN_OR_RETURN(auto out, base_->OpenWrite(location, mode));
  return std::unique_ptr<OutputStream>(
      std::make_unique<FaultInjectingOutputStream>(*this, std::move(out), mode));
}

Status FaultInjectingFileIO::Delete(std::string_view location) {
  auto d = Enter(FileOp::kDelete, location);
  if (d.fault == FaultKind::kErrorAfter) {
    base_->Delete(location).IgnoreError();
    return d.error;
  }
  if (d.fault) return d.error;
  return base_->Delete(location);
}

Result<std::vector<FileInfo>> FaultInjectingFileIO::List(std::string_view prefix) {
  auto d = Enter(FileOp::kList, prefix);
  if (d.fault) return d.error;
  return base_->List(prefix);
}

Result<FileInfo> FaultInjectingFileIO::Stat(std::string_view location) {
  auto d = Enter(FileOp::kStat, location);
  if (d.fault) return d.error;
  return base_->Stat(location);
}

}  // namespace floe
