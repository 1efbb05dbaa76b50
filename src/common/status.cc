#include "common/status.h"

namespace floe {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kSyntaxError:
      return "SyntaxError";
    case StatusCode::kBindError:
      return "BindError";
    case StatusCode::kCommitConflict:
      return "CommitConflict";
    case StatusCode::kCommitStateUnknown:
      return "CommitStateUnknown";
    case StatusCode::kIOError:
      return "IOError";
    case StatusCode::kCorruption:
      return "Corruption";
    case StatusCode::kNotSupported:
      return "NotSupported";
    case StatusCode::kCancelled:
      return "Cancelled";
    case StatusCode::kInternal:
      return "Internal";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;  // an OK status never carries state
  state_ = std::make_unique<State>();
  state_->code = code;
  state_->message = std::move(message);
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

Status::State& Status::MutableState() { return *state_; }

Status Status::WithRetryable(bool retryable) const& {
  return Status(*this).WithRetryable(retryable);
}
Status Status::WithRetryable(bool retryable) && {
  if (state_) state_->retryable = retryable;
  return std::move(*this);
}
Status Status::WithSqlPosition(int64_t position) const& {
  return Status(*this).WithSqlPosition(position);
}
Status Status::WithSqlPosition(int64_t position) && {
  if (state_) state_->sql_position = position;
  return std::move(*this);
}
Status Status::WithHttpStatus(int http_status) const& {
  return Status(*this).WithHttpStatus(http_status);
}
Status Status::WithHttpStatus(int http_status) && {
  if (state_) state_->http_status = http_status;
  return std::move(*this);
}

Status Status::PrependContext(std::string context) const {
  Status copy(*this);
  copy.MutableState().message = context + ": " + copy.state_->message;
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return fmt::format("{}: {}", StatusCodeName(state_->code), state_->message);
}

bool operator==(const Status& a, const Status& b) {
  if (a.ok() || b.ok()) return a.ok() == b.ok();
  const auto& x = *a.state_;
  const auto& y = *b.state_;
  return x.code == y.code && x.message == y.message && x.retryable == y.retryable &&
         x.sql_position == y.sql_position && x.http_status == y.http_status;
}

}  // namespace floe
