#include "iceberg/temporal.h"

#include <limits>

#include <fmt/format.h>

namespace floe::iceberg {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosPerSecond = 1000000000;
// java.time's limits (LocalDate.MIN/MAX), which keep day arithmetic far from
// int64 overflow.
constexpr int64_t kMaxYear = 999999999;

std::string FormatYear(int64_t year) {
  if (year > 9999) return fmt::format("+{}", year);
  if (year < 0) return fmt::format("-{:04}", -year);
  return fmt::format("{:04}", year);
}

// The fraction digits of `nanos` (1..999999999) without trailing zeros.
std::string Fraction(int64_t nanos) {
  std::string digits = fmt::format("{:09}", nanos);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return digits;
}

// A cursor over text being parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `count` digits.
  bool Digits(int count, int64_t* out) {
    int64_t v = 0;
    for (int i = 0; i < count; ++i) {
      const char c = Peek();
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
      ++pos_;
    }
    *out = v;
    return true;
  }
  // `min`..`max` digits; returns how many were read (0 = failure).
  int DigitRun(int min, int max, int64_t* out) {
    int64_t v = 0;
    int n = 0;
    while (n < max && Peek() >= '0' && Peek() <= '9') {
      v = v * 10 + (Peek() - '0');
      ++pos_;
      ++n;
    }
    if (n < min) return 0;
    *out = v;
    return n;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

Status Malformed(std::string_view what, std::string_view text, std::string_view expected) {
  return Status::InvalidArgument("malformed {} '{}' (expected {})", what, text, expected);
}

// [+-]YYYY-MM-DD; returns days since the epoch.
bool ScanDate(Scanner& s, int64_t* days) {
  bool negative = false;
  bool sign = false;
  if (s.Consume('+')) {
    sign = true;
  } else if (s.Consume('-')) {
    sign = negative = true;
  }
  int64_t year = 0, month = 0, day = 0;
  const int n = s.DigitRun(4, 9, &year);
  if (n == 0 || (n > 4 && !sign)) return false;
  if (!s.Consume('-') || !s.Digits(2, &month) || !s.Consume('-') || !s.Digits(2, &day)) {
    return false;
  }
  if (negative) year = -year;
  if (year > kMaxYear || year < -kMaxYear || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int64_t month_days = kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > month_days) return false;
  *days = DaysFromCivil(year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  return true;
}

// HH:MM[:SS[.fraction]]; nanoseconds of the day.
bool ScanTime(Scanner& s, int64_t* nanos_of_day) {
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  if (!s.Digits(2, &hour) || !s.Consume(':') || !s.Digits(2, &minute)) return false;
  if (s.Consume(':')) {
    if (!s.Digits(2, &second)) return false;
    if (s.Consume('.')) {
      const int n = s.DigitRun(1, 9, &fraction);
      if (n == 0) return false;
      for (int i = n; i < 9; ++i) fraction *= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  *nanos_of_day = ((hour * 60 + minute) * 60 + second) * kNanosPerSecond + fraction;
  return true;
}

Result<int64_t> NanosToUnit(int64_t nanos, TimeUnit unit, std::string_view what,
                            std::string_view text) {
  if (unit == TimeUnit::kNanos) return nanos;
  if (nanos % 1000 != 0) {
    return Status::InvalidArgument("{} '{}' has more precision than microseconds", what, text);
  }
  return nanos / 1000;
}

}  // namespace

CivilDate CivilFromDays(int64_t days) {
  // Howard Hinnant's civil_from_days.
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), static_cast<int32_t>(month),
                   static_cast<int32_t>(day)};
}

int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day) {
  // Howard Hinnant's days_from_civil.
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t mp = month > 2 ? month - 3 : month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string FormatIsoDate(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  return fmt::format("{}-{:02}-{:02}", FormatYear(date.year), date.month, date.day);
}

std::string FormatIsoTime(int64_t nanos_of_day) {
  const int64_t seconds = nanos_of_day / kNanosPerSecond;
  const int64_t fraction = nanos_of_day % kNanosPerSecond;
  std::string out =
      fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (fraction != 0) out += "." + Fraction(fraction);
  return out;
}

std::string FormatIsoTimestamp(int64_t ticks, TimeUnit unit, bool with_zone) {
  const int64_t ticks_per_day = TicksPerSecond(unit) * kSecondsPerDay;
  const int64_t days = FloorDiv(ticks, ticks_per_day);
  const int64_t time_of_day = FloorMod(ticks, ticks_per_day);
  const int64_t nanos_of_day = unit == TimeUnit::kMicros ? time_of_day * 1000 : time_of_day;
  return fmt::format("{}T{}{}", FormatIsoDate(days), FormatIsoTime(nanos_of_day),
                     with_zone ? "+00:00" : "");
}

std::string FormatJavaLocalTime(int64_t nanos_of_day) {
  const int64_t seconds = nanos_of_day / kNanosPerSecond;
  const int64_t nanos = nanos_of_day % kNanosPerSecond;
  std::string out = fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
  if (seconds % 60 == 0 && nanos == 0) return out;
  out += fmt::format(":{:02}", seconds % 60);
  if (nanos == 0) return out;
  if (nanos % 1000000 == 0) return out + fmt::format(".{:03}", nanos / 1000000);
  if (nanos % 1000 == 0) return out + fmt::format(".{:06}", nanos / 1000);
  return out + fmt::format(".{:09}", nanos);
}

Result<int32_t> ParseIsoDate(std::string_view text) {
  Scanner s(text);
  int64_t days = 0;
  if (!ScanDate(s, &days) || !s.AtEnd()) return Malformed("date", text, "YYYY-MM-DD");
  if (days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidArgument("date '{}' is out of range", text);
  }
  return static_cast<int32_t>(days);
}

Result<int64_t> ParseIsoTime(std::string_view text, TimeUnit unit) {
  Scanner s(text);
  int64_t nanos = 0;
  if (!ScanTime(s, &nanos) || !s.AtEnd()) return Malformed("time", text, "HH:MM:SS[.ffffff]");
  return NanosToUnit(nanos, unit, "time", text);
}

Result<int64_t> ParseIsoTimestamp(std::string_view text, TimeUnit unit, bool with_zone) {
  const std::string_view expected =
      with_zone ? "YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00" : "YYYY-MM-DDTHH:MM:SS[.ffffff]";
  Scanner s(text);
  int64_t days = 0, nanos = 0;
  if (!ScanDate(s, &days) || !(s.Consume('T') || s.Consume('t')) || !ScanTime(s, &nanos)) {
    return Malformed("timestamp", text, expected);
  }
  if (with_zone) {
    if (!s.Consume('Z') && !s.Consume('z')) {
      if (!s.Consume('+') && !s.Consume('-')) {
        return Status::InvalidArgument("timestamptz '{}' lacks a zone offset (expected +00:00)",
                                       text);
      }
      int64_t hours = 0, minutes = 0, seconds = 0;
      if (!s.Digits(2, &hours) || !s.Consume(':') || !s.Digits(2, &minutes) ||
          (s.Consume(':') && !s.Digits(2, &seconds))) {
        return Malformed("timestamp", text, expected);
      }
      if (hours != 0 || minutes != 0 || seconds != 0) {
        return Status::InvalidArgument("timestamptz '{}': the zone offset must be +00:00", text);
      }
    }
  } else if (!s.AtEnd() && (s.Peek() == '+' || s.Peek() == '-' || s.Peek() == 'Z')) {
    return Status::InvalidArgument("timestamp '{}' must not have a zone offset", text);
  }
  if (!s.AtEnd()) return Malformed("timestamp", text, expected);
  FLOE_ASSIGN_OR_RETURN(int64_t time_ticks, NanosToUnit(nanos, unit, "timestamp", text));
  int64_t day_ticks = 0, ticks = 0;
  if (__builtin_mul_overflow(days, TicksPerSecond(unit) * kSecondsPerDay, &day_ticks) ||
      __builtin_add_overflow(day_ticks, time_ticks, &ticks)) {
    return Status::InvalidArgument("timestamp '{}' is out of range for {}", text,
                                   unit == TimeUnit::kMicros ? "microseconds" : "nanoseconds");
  }
  return ticks;
}

}  // namespace floe::iceberg
