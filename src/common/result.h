// Result<T>: either a value of type T or a non-OK Status.
//
// Named like std::expected (has_value, value, error) so moving to C++23 later
// is a type alias. value() on an error is a bug and aborts with the error's
// message; check has_value() first or use FLOE_ASSIGN_OR_RETURN.
//
// Thread-safety: a value type, like T.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "common/macros.h"
#include "common/status.h"

namespace floe {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Status>, "use Status, not Result<Status>");
  static_assert(!std::is_reference_v<T>, "Result<T&> is not supported; use a pointer");

 public:
  // A value (implicit, so `return value;` works).
  template <typename U = T, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                        !std::is_same_v<std::decay_t<U>, Status> &&
                                                        !std::is_same_v<std::decay_t<U>, Result>>>
  Result(U&& value) : storage_(std::in_place_index<1>, std::forward<U>(value)) {}  // NOLINT

  // An error (implicit, so `return Status::NotFound(...);` works). An OK
  // status carries no value, which is a bug: it becomes an Internal error.
  Result(Status status)  // NOLINT
      : storage_(std::in_place_index<0>,
                 status.ok() ? Status::Internal("Result constructed from an OK Status")
                             : std::move(status)) {}

  bool has_value() const { return storage_.index() == 1; }
  explicit operator bool() const { return has_value(); }
  bool ok() const { return has_value(); }

  const T& value() const& {
    CheckHasValue();
    return std::get<1>(storage_);
  }
  T& value() & {
    CheckHasValue();
    return std::get<1>(storage_);
  }
  T&& value() && {
    CheckHasValue();
    return std::get<1>(std::move(storage_));
  }

  // The error; calling it on a value is a bug.
  const Status& error() const& {
    FLOE_CHECK(!has_value(), "Result::error() called on a value");
    return std::get<0>(storage_);
  }
  Status&& error() && {
    FLOE_CHECK(!has_value(), "Result::error() called on a value");
    return std::get<0>(std::move(storage_));
  }

  // OK when holding a value, else the error.
  Status status() const { return has_value() ? Status::OK() : std::get<0>(storage_); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<1>(storage_) : static_cast<T>(std::forward<U>(fallback));
  }
  template <typename U>
  T value_or(U&& fallback) && {
    return has_value() ? std::get<1>(std::move(storage_))
                       : static_cast<T>(std::forward<U>(fallback));
  }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  void CheckHasValue() const {
    if (!has_value()) {
      internal::DieWith("Result::value() called on an error", std::get<0>(storage_).ToString());
    }
  }

  std::variant<Status, T> storage_;
};

namespace internal {
inline const Status& GenericToStatus(const Status& st) { return st; }
inline Status GenericToStatus(Status&& st) { return std::move(st); }
template <typename T>
Status GenericToStatus(const Result<T>& r) {
  return r.status();
}
template <typename T>
Status GenericToStatus(Result<T>&& r) {
  return r.has_value() ? Status::OK() : std::move(r).error();
}
}  // namespace internal

}  // namespace floe

// Returns from the enclosing function if `expr` (a Status or Result) failed.
#define FLOE_RETURN_NOT_OK(expr)                                                            \
  do {                                                                                      \
    auto&& _floe_st = (expr);                                                               \
    if (FLOE_UNLIKELY(!_floe_st.ok())) {                                                    \
      return ::floe::internal::GenericToStatus(std::forward<decltype(_floe_st)>(_floe_st)); \
    }                                                                                       \
  } while (false)

#define FLOE_CONCAT_INNER(a, b) a##b
#define FLOE_CONCAT(a, b) FLOE_CONCAT_INNER(a, b)

#define FLOE_ASSIGN_OR_RETURN_IMPL(result_name, lhs, rexpr) \
  auto result_name = (rexpr);                               \
  if (FLOE_UNLIKELY(!result_name.has_value())) {            \
    return std::move(result_name).error();                  \
  }                                                         \
  lhs = std::move(result_name).value()

// FLOE_ASSIGN_OR_RETURN(auto x, MakeX()); declares or assigns x, or returns
// the error from the enclosing function.
#define FLOE_ASSIGN_OR_RETURN(lhs, rexpr) \
  FLOE_ASSIGN_OR_RETURN_IMPL(FLOE_CONCAT(_floe_result_, __COUNTER__), lhs, rexpr)
