#include "formats/parquet/writer/bound_truncation.h"

#include <vector>

namespace floe::parquet {

namespace {

bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// Bytes of the longest prefix of at most `max_length` bytes that ends on a
// UTF-8 character boundary.
size_t Utf8PrefixLength(std::string_view value, int64_t max_length) {
  size_t length = static_cast<size_t>(max_length);
  if (length >= value.size()) return value.size();
  while (length > 0 && IsContinuation(value[length])) --length;
  return length;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The code points of `text`; nullopt if it is not valid UTF-8.
std::optional<std::vector<uint32_t>> DecodeUtf8(std::string_view text) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<uint8_t>(text[i]);
    int extra;
    uint32_t cp;
    if (b < 0x80) {
      extra = 0;
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      extra = 1;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3;
      cp = b & 0x07;
    } else {
      return std::nullopt;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= text.size() || !IsContinuation(text[i + k])) return std::nullopt;
      cp = (cp << 6) | (static_cast<uint8_t>(text[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(extra) + 1;
  }
  return out;
}

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
  const size_t length =
      utf8 ? Utf8PrefixLength(value, max_length) : static_cast<size_t>(max_length);
  return std::string(value.substr(0, length));
}

std::optional<std::string> TruncateUpperBound(std::string_view value, int64_t max_length,
                                              bool utf8) {
  if (static_cast<int64_t>(value.size()) <= max_length) return std::string(value);
  if (!utf8) return IncrementBytes(std::string(value.substr(0, static_cast<size_t>(max_length))));
  const std::string_view prefix = value.substr(0, Utf8PrefixLength(value, max_length));
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
