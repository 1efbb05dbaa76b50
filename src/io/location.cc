#include "io/location.h"

#include <cctype>

namespace floe {

std::string_view LocationScheme(std::string_view location) {
  // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
  // A single letter before ':' is not taken as a scheme (C:\ on Windows-made paths).
  size_t colon = location.find(':');
  if (colon == std::string_view::npos || colon < 2) return {};
  if (!std::isalpha(static_cast<unsigned char>(location[0]))) return {};
  for (size_t i = 1; i < colon; ++i) {
    char c = location[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return {};
    }
  }
  return location.substr(0, colon);
}

Result<std::string> LocalPathOf(std::string_view location) {
  std::string_view scheme = LocationScheme(location);
  if (scheme.empty()) {
    if (location.empty()) return Status::InvalidArgument("empty location");
    return std::string(location);
  }
  if (scheme != "file") {
    return Status::InvalidArgument("location '{}' is not a local path (scheme '{}')", location,
                                   scheme);
  }
  std::string_view rest = location.substr(5);  // after "file:"
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") {
      return Status::InvalidArgument("location '{}' names remote host '{}'", location, host);
    }
    if (slash == std::string_view::npos)
      return Status::InvalidArgument("location '{}' has no path", location);
    rest.remove_prefix(slash);
  }
  if (rest.empty()) return Status::InvalidArgument("location '{}' has no path", location);
  return std::string(rest);
}

std::string JoinLocation(std::string_view base, std::string_view name) {
  std::string out(base);
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  if (out.empty()) return std::string(name);
  if (out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

}  // namespace floe
