// UTF-8 helpers shared by the Parquet writer (bounds), the Iceberg transforms
// (truncate by code points) and metrics: encoding one code point, strict
// decoding, and prefixes that end on a character boundary.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floe {

// A byte that continues a multi-byte character (10xxxxxx).
inline bool IsUtf8Continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// Appends `code_point` (at most 0x10FFFF) in 1 to 4 bytes.
void AppendUtf8(std::string& out, uint32_t code_point);

// The code points of `text`; nullopt if it is not well-formed UTF-8 (a bad
// lead byte or a missing continuation byte).
std::optional<std::vector<uint32_t>> DecodeUtf8(std::string_view text);

// The first `count` code points of `text` (all of it if it has fewer).
std::string_view Utf8PrefixCodePoints(std::string_view text, int64_t count);

// Bytes of the longest prefix of at most `max_bytes` bytes that ends on a
// character boundary.
size_t Utf8PrefixBytes(std::string_view text, int64_t max_bytes);

}  // namespace floe
