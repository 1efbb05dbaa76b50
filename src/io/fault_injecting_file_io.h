// FaultInjectingFileIO: wraps another FileIO and makes chosen operations fail,
// for fault sweeps and crash tests of every commit path.
//
// A sweep first runs a statement with no faults to count its operations, then
// runs it again N times, failing the 1st, 2nd, ... Nth operation (of one kind
// or of any kind), and checks that each failure leaves the table as before.
// Fault kinds model what storage really does:
//   kError       the operation fails and has no effect;
//   kErrorAfter  the operation takes effect, then reports failure (a lost
//                reply); a Close reports CommitStateUnknown;
//   kTornWrite   a Close publishes only the first half of the bytes and
//                reports an IOError (a non-atomic store, or a bug to catch);
//   kCrash       this operation and every later one fail with no effect, as
//                if the process died here (a kill point).
// Latency can be added to every operation to widen race windows.
//
// Thread-safety: see FileIO; rules and counters are behind a mutex.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/file_io.h"

namespace floe {

enum class FileOp : uint8_t {
  kOpenRead,
  kRead,  // ReadAt, and each range of ReadRanges
  kOpenWrite,
  kAppend,
  kClose,  // OutputStream::Close, i.e. the publish
  kDelete,
  kList,
  kStat,
};
inline constexpr int kFileOpCount = 8;
std::string_view FileOpName(FileOp op);

enum class FaultKind : uint8_t { kError, kErrorAfter, kTornWrite, kCrash };

struct FaultRule {
  std::optional<FileOp> op;  // nullopt: operations of any kind count
  int64_t nth = 1;           // the nth matching operation after AddFault (1-based) fails
  FaultKind kind = FaultKind::kError;
  bool retryable = false;         // the injected IOError says it may be retried
  std::string location_contains;  // only operations on such locations count; "" = all
};

class FaultInjectingFileIO final : public FileIO {
 public:
  // `base` must outlive this object.
  explicit FaultInjectingFileIO(FileIO& base) : base_(&base) {}

  void AddFault(FaultRule rule);
  // Forgets rules and counters and un-crashes.
  void Reset();
  void SetLatency(std::chrono::microseconds per_operation) { latency_us_ = per_operation.count(); }

  // Operations attempted since Reset (including failed ones).
  int64_t count(FileOp op) const;
  int64_t total_count() const;
  int64_t faults_injected() const;
  bool crashed() const;

  Result<std::unique_ptr<RandomAccessFile>> OpenRead(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenWrite(std::string_view location,
                                                  WriteMode mode) override;
  Status Delete(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;
  Result<FileInfo> Stat(std::string_view location) override;

  // What to do with one operation; used by the wrapped files and streams.
  struct Decision {
    std::optional<FaultKind> fault;  // nullopt: go ahead
    Status error;                    // the error to report when faulted
  };
  Decision Enter(FileOp op, std::string_view location);
  FileIO& base() { return *base_; }

 private:
  struct ActiveRule {
    FaultRule rule;
    int64_t seen = 0;
    bool fired = false;
  };

  FileIO* base_;
  std::atomic<int64_t> latency_us_{0};
  mutable std::mutex mutex_;
  std::vector<ActiveRule> rules_;
  int64_t counts_[kFileOpCount] = {};
  int64_t faults_injected_ = 0;
  bool crashed_ = false;
};

}  // namespace floe
