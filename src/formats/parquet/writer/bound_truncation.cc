#include "formats/parquet/writer/bound_truncation.h"

#include <vector>

#include "common/utf8.h"

namespace floe::parquet {

namespace {

std::optional<std::string> IncrementBytes(std::string prefix) {
  while (!prefix.empty()) {
    auto last = static_cast<uint8_t>(prefix.back());
    if (last != 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::nullopt;
}

}  // namespace

std::string TruncateLowerBound(std::string_view value, int64_t max_length, bool utf8) {
  if (static_cast<int64_t>(value.size()) <= max_length) return std::string(value);
  const size_t length = utf8 ? Utf8PrefixBytes(value, max_length) : static_cast<size_t>(max_length);
  return std::string(value.substr(0, length));
}

std::optional<std::string> TruncateUpperBound(std::string_view value, int64_t max_length,
                                              bool utf8) {
  if (static_cast<int64_t>(value.size()) <= max_length) return std::string(value);
  if (!utf8) return IncrementBytes(std::string(value.substr(0, static_cast<size_t>(max_length))));
  const std::string_view prefix = value.substr(0, Utf8PrefixBytes(value, max_length));
  std::optional<std::vector<uint32_t>> cps = DecodeUtf8(prefix);
  if (!cps) return IncrementBytes(std::string(value.substr(0, static_cast<size_t>(max_length))));
  while (!cps->empty()) {
    uint32_t next = cps->back() + 1;
    if (next >= 0xD800 && next <= 0xDFFF) next = 0xE000;  // surrogates are not characters
    if (next <= 0x10FFFF) {
      cps->back() = next;
      std::string out;
      for (uint32_t cp : *cps) AppendUtf8(out, cp);
      // An incremented code point may need more bytes than it had.
      if (static_cast<int64_t>(out.size()) <= max_length) return out;
      cps->pop_back();
      continue;
    }
    cps->pop_back();
  }
  return std::nullopt;
}

}  // namespace floe::parquet
