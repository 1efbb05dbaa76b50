// Truncation of BYTE_ARRAY statistics bounds, so that a long string does not
// bloat the footer or the page index.
//
// A truncated lower bound is a prefix of the value (never greater than it).
// A truncated upper bound is a prefix with its last unit incremented (so
// greater than every value with that prefix). For UTF-8 strings both cut at a
// character boundary and the upper bound increments a code point, so bounds
// stay valid UTF-8, as the specification asks ("valid values within the
// column's logical type"); binary values are cut and incremented per byte.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floe::parquet {

// The first at most `max_length` bytes of `value` (fewer for UTF-8, to end on
// a character boundary).
std::string TruncateLowerBound(std::string_view value, int64_t max_length, bool utf8);

// A value of at most `max_length` bytes that is greater than every value
// starting with `value`'s first max_length bytes, or nullopt when there is
// none (a prefix of only 0xFF bytes, or of only U+10FFFF).
std::optional<std::string> TruncateUpperBound(std::string_view value, int64_t max_length,
                                              bool utf8);

}  // namespace floe::parquet
