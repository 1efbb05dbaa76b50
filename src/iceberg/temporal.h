// Calendar arithmetic and ISO-8601 text for Iceberg's dates, times and
// timestamps: what the JSON single-value form (spec Appendix D) and the
// human-readable partition values in paths are made of.
//
// Text follows java.time's ISO formatters, which Iceberg's reference
// implementation uses, so that what Floe writes reads the same everywhere:
//   date       "2017-11-16"; years past 9999 as "+10000-01-01", before year 0
//              as "-0001-01-01" (proleptic Gregorian, year 0 exists)
//   time       "22:31:08", "22:31:08.1", "22:31:08.000001" - seconds always,
//              the fraction without trailing zeros
//   timestamp  "<date>T<time>", with "+00:00" appended for the zoned types
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace floe::iceberg {

enum class TimeUnit : uint8_t { kMicros, kNanos };

constexpr int64_t TicksPerSecond(TimeUnit unit) {
  return unit == TimeUnit::kMicros ? 1000000 : 1000000000;
}

// Division rounding toward negative infinity, and the matching remainder
// (0 <= FloorMod(a, b) < b for b > 0). `b` must be positive.
constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }
constexpr int64_t FloorMod(int64_t a, int64_t b) { return a % b < 0 ? a % b + b : a % b; }

struct CivilDate {
  int64_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

// Days since 1970-01-01 <-> proleptic Gregorian date.
CivilDate CivilFromDays(int64_t days);
int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day);

std::string FormatIsoDate(int64_t days);
// `nanos_of_day` in [0, 86400 * 10^9).
std::string FormatIsoTime(int64_t nanos_of_day);
std::string FormatIsoTimestamp(int64_t ticks, TimeUnit unit, bool with_zone);
// java.time.LocalTime.toString(): "HH:MM" when seconds and fraction are zero,
// else "HH:MM:SS" plus the fraction in groups of 3, 6 or 9 digits. Java's
// Transform.toHumanString writes time values this way.
std::string FormatJavaLocalTime(int64_t nanos_of_day);

// Parsers for the forms above. Seconds may be omitted ("22:31"), the fraction
// has 1-9 digits and digits below `unit` must be zero (no silent truncation),
// the 'T' may be lowercase. Timestamps without zone refuse an offset; with
// zone require one that is zero ("+00:00", "Z", "-00:00", "+00:00:00"), as the
// spec demands for JSON single values. Out-of-range values are errors.
Result<int32_t> ParseIsoDate(std::string_view text);
Result<int64_t> ParseIsoTime(std::string_view text, TimeUnit unit);
Result<int64_t> ParseIsoTimestamp(std::string_view text, TimeUnit unit, bool with_zone);

}  // namespace floe::iceberg
