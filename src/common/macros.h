// Assertion and branch-hint macros.
//
// FLOE_CHECK is always on: it guards invariants whose violation would corrupt
// data. FLOE_DCHECK is for debug builds only: cheap-to-state invariants on hot
// paths. Neither is for input validation; bad input gets a Status.
#pragma once

#include <string_view>

#define FLOE_LIKELY(x) (__builtin_expect(!!(x), 1))
#define FLOE_UNLIKELY(x) (__builtin_expect(!!(x), 0))

namespace floe::internal {
// Prints "floe: fatal: <what>: <detail> (file:line)" to stderr and aborts.
[[noreturn]] void DieWith(std::string_view what, std::string_view detail,
                          const char* file = __builtin_FILE(), int line = __builtin_LINE());
}  // namespace floe::internal

#define FLOE_CHECK(cond, msg)                                                           \
  do {                                                                                  \
    if (FLOE_UNLIKELY(!(cond))) ::floe::internal::DieWith("check failed: " #cond, msg); \
  } while (false)

#ifdef NDEBUG
#define FLOE_DCHECK(cond) \
  do {                    \
  } while (false && (cond))
#else
#define FLOE_DCHECK(cond) FLOE_CHECK(cond, "")
#endif

#define FLOE_DISALLOW_COPY_AND_ASSIGN(T) \
  T(const T&) = delete;                  \
  T& operator=(const T&) = delete
