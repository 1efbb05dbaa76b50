// 128-bit signed integers: the storage of decimals with more than 18 digits.
//
// We use the compiler's __int128 directly rather than a wrapper class: g++ and
// clang generate good code for it, and a wrapper would only add operators.
// What the standard library lacks (printing, powers of ten) lives here.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>

namespace floe {

using int128_t = __int128;
using uint128_t = unsigned __int128;

// 10^exponent for exponent in [0, 38].
constexpr int128_t Pow10Int128(int exponent) {
  int128_t result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Decimal digits of `value`, with a leading '-' when negative.
inline std::string Int128ToString(int128_t value) {
  // Work on the magnitude as unsigned so that the minimum value does not overflow.
  uint128_t magnitude =
      value < 0 ? uint128_t{0} - static_cast<uint128_t>(value) : static_cast<uint128_t>(value);
  char buffer[48];
  int pos = sizeof(buffer);
  do {
    buffer[--pos] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) buffer[--pos] = '-';
  return std::string(buffer + pos, sizeof(buffer) - pos);
}

// A decimal's text with exactly `scale` (>= 0) fraction digits: "14.20", "-0.05", "7".
inline std::string DecimalToString(int128_t unscaled, int32_t scale) {
  std::string digits = Int128ToString(unscaled);
  const bool negative = unscaled < 0;
  if (negative) digits.erase(0, 1);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

}  // namespace floe
