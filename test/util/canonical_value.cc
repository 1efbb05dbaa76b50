#include "util/canonical_value.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace floe::test {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// Lays out shortest round-trip digits given in scientific form ("-1.25e+03") like Python's repr.
std::string LayoutShortest(std::string_view scientific) {
  std::string sign;
  if (!scientific.empty() && scientific.front() == '-') {
    sign = "-";
    scientific.remove_prefix(1);
  }
  size_t e = scientific.find('e');
  std::string_view mantissa = scientific.substr(0, e);
  int exponent = 0;
  std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+' ? 1 : 0),
                  scientific.data() + scientific.size(), exponent);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  if (exponent < -4 || exponent >= 16) {
    std::string fraction = digits.substr(1);
    return fmt::format("{}{}{}{}e{}{:02d}", sign, digits[0], fraction.empty() ? "" : ".", fraction,
                       exponent < 0 ? '-' : '+', std::abs(exponent));
  }
  if (exponent < 0) {
    return sign + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  size_t whole_digits = static_cast<size_t>(exponent) + 1;
  std::string whole = digits.substr(0, whole_digits);
  whole.resize(whole_digits, '0');
  std::string fraction = digits.size() > whole_digits ? digits.substr(whole_digits) : "0";
  return sign + whole + "." + fraction;
}

template <typename Float>
std::string CanonicalFloating(Float value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  return LayoutShortest(std::string_view(buffer, static_cast<size_t>(end - buffer)));
}

// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's algorithm).
void CivilFromDays(int64_t days, int64_t& year, int& month, int& day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
}

// "YYYY-MM-DD" and whether the year is BC (astronomical year <= 0 is year 1 - y BC).
std::pair<std::string, bool> DateText(int64_t days) {
  int64_t year;
  int month, day;
  CivilFromDays(days, year, month, day);
  bool bc = year <= 0;
  return {fmt::format("{:04d}-{:02d}-{:02d}", bc ? 1 - year : year, month, day), bc};
}

std::string TimeText(int64_t micros) {
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t fraction = micros % kMicrosPerSecond;
  std::string text =
      fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (fraction != 0) {
    std::string digits = fmt::format("{:06d}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return text;
}

bool NeedsQuotes(std::string_view text) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
  };
  if (text.empty() || is_space(text.front()) || (text.size() >= 2 && is_space(text.back()))) {
    return true;
  }
  if (text.size() == 4) {
    std::string lower;
    for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "null") return true;
  }
  return text.find_first_of("\"'(),:=[]{}") != std::string_view::npos;
}

std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string CanonicalBool(bool value) { return value ? "true" : "false"; }

std::string CanonicalInteger(int128_t value) { return Int128ToString(value); }

std::string CanonicalUnsigned(uint128_t value) {
  char buffer[48];
  int pos = sizeof(buffer);
  do {
    buffer[--pos] = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  return std::string(buffer + pos, sizeof(buffer) - pos);
}

std::string CanonicalDecimal(int128_t unscaled, int scale) {
  std::string digits = Int128ToString(unscaled);
  if (scale <= 0) return digits;
  bool negative = unscaled < 0;
  if (negative) digits.erase(0, 1);
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  return negative ? "-" + digits : digits;
}

std::string CanonicalDouble(double value) { return CanonicalFloating(value); }

std::string CanonicalFloat(float value) { return CanonicalFloating(value); }

std::string CanonicalBlob(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (unsigned char byte : bytes) {
    if (byte <= 0x1F || byte >= 0x7F || byte == '"' || byte == '\'' || byte == '\\') {
      out += fmt::format("\\x{:02X}", byte);
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

std::string CanonicalDate(int32_t days) {
  if (days == std::numeric_limits<int32_t>::max()) return "infinity";
  if (days == -std::numeric_limits<int32_t>::max()) return "-infinity";
  auto [text, bc] = DateText(days);
  return bc ? text + " (BC)" : text;
}

std::string CanonicalTime(int64_t micros) { return TimeText(micros); }

std::string CanonicalTimestamp(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::max()) return "infinity";
  if (micros == -std::numeric_limits<int64_t>::max()) return "-infinity";
  int64_t days = micros / kMicrosPerDay;
  int64_t time = micros % kMicrosPerDay;
  if (time < 0) {
    time += kMicrosPerDay;
    days -= 1;
  }
  auto [date, bc] = DateText(days);
  return date + (bc ? " (BC) " : " ") + TimeText(time);
}

std::string CanonicalTimestampTz(int64_t micros) {
  std::string text = CanonicalTimestamp(micros);
  if (text == "infinity" || text == "-infinity") return text;
  return text + "+00";
}

std::string NestedElement(const std::optional<std::string>& text, NestedKind kind) {
  if (!text.has_value()) return "NULL";
  if (kind == NestedKind::kNested || !NeedsQuotes(*text)) return *text;
  return Quote(*text);
}

std::string CanonicalList(const std::vector<std::string>& elements) {
  return fmt::format("[{}]", fmt::join(elements, ", "));
}

std::string CanonicalStruct(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += Quote(fields[i].first) + ": " + fields[i].second;
  }
  return out + "}";
}

std::string CanonicalMap(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "{";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += entries[i].first + "=" + entries[i].second;
  }
  return out + "}";
}

}  // namespace floe::test
