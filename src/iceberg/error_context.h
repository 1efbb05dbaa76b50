// Adding where an error happened to a message from the iceberg layer, which
// begins with "iceberg: " already when it comes from a function that callers
// also use alone (Transform::FromString, Schema::Make, ...). The prefix is
// kept once: "iceberg: partition spec 0: field 'x': bucket[0]: ...", not
// "iceberg: partition spec 0: field 'x': iceberg: bucket[0]: ...".
//
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "common/status.h"

namespace floe::iceberg {

inline constexpr std::string_view kErrorPrefix = "iceberg: ";

// Meant for validation errors, which carry no detail: when the inner message
// has the prefix, the Status is rebuilt with the same code and message only.
template <typename... Args>
Status IcebergContext(const Status& status, fmt::format_string<Args...> format, Args&&... args) {
  if (status.ok()) return status;
  std::string_view inner = status.message();
  if (inner.substr(0, kErrorPrefix.size()) != kErrorPrefix) {
    return status.WithContext("iceberg: {}", fmt::format(format, std::forward<Args>(args)...));
  }
  inner.remove_prefix(kErrorPrefix.size());
  return Status(
      status.code(),
      fmt::format("iceberg: {}: {}", fmt::format(format, std::forward<Args>(args)...), inner));
}

}  // namespace floe::iceberg
