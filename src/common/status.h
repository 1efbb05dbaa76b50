// Status: the outcome of an operation that can fail, Floe's only error channel.
//
// Many failures in a lakehouse are expected outcomes that callers decide on:
// a commit conflict means "refresh and retry", an unknown commit state means
// "do not clean up", a retryable I/O error means "back off and try again".
// So a Status carries a small decision-oriented code, a message that says
// what, where and why, and optional detail (SQL position, HTTP status,
// retryability). OK is a null pointer: creating, copying and testing an OK
// Status costs nothing.
//
// Thread-safety: a Status is a value; distinct objects may be used from
// distinct threads, and a const Status may be read concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace floe {

enum class StatusCode : uint8_t {
  kOk = 0,
  kNotFound,            // a table, file, key... does not exist
  kAlreadyExists,       // create-if-absent found something there
  kInvalidArgument,     // bad input from a caller or user
  kSyntaxError,         // SQL (or another language) did not parse
  kBindError,           // SQL parsed but names/types do not resolve
  kCommitConflict,      // optimistic commit lost a race: refresh and retry
  kCommitStateUnknown,  // the commit may or may not have happened: never clean up
  kIOError,             // storage failed; see retryable()
  kCorruption,          // stored data violates its format
  kNotSupported,        // valid input Floe does not handle (yet)
  kCancelled,           // the operation was interrupted on request
  kInternal,            // a bug in Floe
};

// "NotFound", "IOError", ... as shown in messages.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(StatusCode code, std::string message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status OK() { return Status(); }

  // Factories: Status::NotFound("table {} does not exist", name).
#define FLOE_STATUS_FACTORY(Name)                                                         \
  template <typename... Args>                                                             \
  static Status Name(fmt::format_string<Args...> format, Args&&... args) {                \
    return Status(StatusCode::k##Name, fmt::format(format, std::forward<Args>(args)...)); \
  }
  FLOE_STATUS_FACTORY(NotFound)
  FLOE_STATUS_FACTORY(AlreadyExists)
  FLOE_STATUS_FACTORY(InvalidArgument)
  FLOE_STATUS_FACTORY(SyntaxError)
  FLOE_STATUS_FACTORY(BindError)
  FLOE_STATUS_FACTORY(CommitConflict)
  FLOE_STATUS_FACTORY(CommitStateUnknown)
  FLOE_STATUS_FACTORY(IOError)
  FLOE_STATUS_FACTORY(Corruption)
  FLOE_STATUS_FACTORY(NotSupported)
  FLOE_STATUS_FACTORY(Cancelled)
  FLOE_STATUS_FACTORY(Internal)
#undef FLOE_STATUS_FACTORY

  // An I/O error the caller may retry (throttling, a dropped connection).
  template <typename... Args>
  static Status RetryableIOError(fmt::format_string<Args...> format, Args&&... args) {
    return IOError(format, std::forward<Args>(args)...).WithRetryable(true);
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // The message without the code name; empty when OK.
  const std::string& message() const;

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code() == StatusCode::kAlreadyExists; }
  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsSyntaxError() const { return code() == StatusCode::kSyntaxError; }
  bool IsBindError() const { return code() == StatusCode::kBindError; }
  bool IsCommitConflict() const { return code() == StatusCode::kCommitConflict; }
  bool IsCommitStateUnknown() const { return code() == StatusCode::kCommitStateUnknown; }
  bool IsIOError() const { return code() == StatusCode::kIOError; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsNotSupported() const { return code() == StatusCode::kNotSupported; }
  bool IsCancelled() const { return code() == StatusCode::kCancelled; }
  bool IsInternal() const { return code() == StatusCode::kInternal; }

  // Detail. Each With* returns a copy with the detail set (no-op on OK).
  bool retryable() const { return state_ && state_->retryable; }
  // Byte offset into the SQL text the error refers to.
  std::optional<int64_t> sql_position() const {
    return state_ ? state_->sql_position : std::nullopt;
  }
  // HTTP status a server should answer with (or a client received).
  std::optional<int> http_status() const { return state_ ? state_->http_status : std::nullopt; }

  Status WithRetryable(bool retryable) const&;
  Status WithRetryable(bool retryable) &&;
  Status WithSqlPosition(int64_t position) const&;
  Status WithSqlPosition(int64_t position) &&;
  Status WithHttpStatus(int http_status) const&;
  Status WithHttpStatus(int http_status) &&;

  // Adds where the error happened in front of the message, keeping code and
  // detail: st.WithContext("parquet: {}", path) -> "parquet: a.parquet: <msg>".
  template <typename... Args>
  Status WithContext(fmt::format_string<Args...> format, Args&&... args) const {
    if (ok()) return *this;
    return PrependContext(fmt::format(format, std::forward<Args>(args)...));
  }

  // "IOError: <message>", or "OK".
  std::string ToString() const;

  // Marks a Status as deliberately not examined (best-effort cleanup paths).
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b);

 private:
  struct State {
    StatusCode code;
    bool retryable = false;
    std::optional<int64_t> sql_position;
    std::optional<int> http_status;
    std::string message;
  };
  Status PrependContext(std::string context) const;
  State& MutableState();

  std::unique_ptr<State> state_;
};

}  // namespace floe

template <>
struct fmt::formatter<floe::Status> : fmt::formatter<std::string_view> {
  auto format(const floe::Status& s, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(s.ToString(), ctx);
  }
};
