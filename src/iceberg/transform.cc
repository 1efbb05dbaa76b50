#include "iceberg/transform.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "common/utf8.h"
#include "iceberg/bucket_hash.h"
#include "iceberg/error_context.h"
#include "iceberg/single_value.h"
#include "iceberg/temporal.h"

namespace floe::iceberg {

namespace {

constexpr int64_t kMicrosPerHour = int64_t{3600} * 1000000;
constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

bool IsTimestamp(TypeKind kind) {
  return kind == TypeKind::kTimestamp || kind == TypeKind::kTimestampTz ||
         kind == TypeKind::kTimestampNs || kind == TypeKind::kTimestampTzNs;
}

bool IsNanos(TypeKind kind) {
  return kind == TypeKind::kTimestampNs || kind == TypeKind::kTimestampTzNs;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// v - floormod(v, w), computed without overflow; a result below the int
// range wraps, as Java's int arithmetic does for it.
int32_t TruncateInt32(int32_t v, int32_t w) {
  const int64_t truncated = int64_t{v} - FloorMod(v, w);
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(truncated)));
}

// The same for longs (|v % w| < w, so only the subtraction can overflow).
int64_t TruncateInt64(int64_t v, int64_t w) {
  const int64_t m = FloorMod(v, w);
  return static_cast<int64_t>(static_cast<uint64_t>(v) - static_cast<uint64_t>(m));
}

Result<int32_t> ToInt32(int64_t v, const Transform& transform, const Value& value) {
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidArgument("iceberg: {} of {} does not fit an int", transform.ToString(),
                                   value.ToString());
  }
  return static_cast<int32_t>(v);
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    const bool two = i + 1 < bytes.size();
    if (two) n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += two ? kAlphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// java.lang.Double.toString / Float.toString (shortest digits that read back
// as the value; plain for 1e-3 <= |v| < 1e7, else d.dddE<n>).
template <typename T>
std::string JavaFloatingString(T v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), v, std::chars_format::scientific);
  if (ec != std::errc()) return fmt::format("{}", v);
  const std::string_view text(buffer, static_cast<size_t>(end - buffer));
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c >= '0' && c <= '9') digits += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  std::string out = v < 0 ? "-" : "";
  const double magnitude = std::fabs(static_cast<double>(v));
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const size_t integer_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= integer_digits) {
        out += digits + std::string(integer_digits - digits.size(), '0') + ".0";
      } else {
        out += digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
      }
    } else {
      out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
    return out;
  }
  out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return out + fmt::format("E{}", exponent);
}

// java.math.BigDecimal.toString() for a non-negative scale: plain unless the
// adjusted exponent is below -6, then scientific ("1E-7", "0E-10").
std::string JavaBigDecimalString(int128_t unscaled, int32_t scale) {
  std::string digits = Int128ToString(unscaled);
  const bool negative = unscaled < 0;
  if (negative) digits.erase(0, 1);
  const int64_t adjusted = -int64_t{scale} + static_cast<int64_t>(digits.size()) - 1;
  if (adjusted >= -6) return DecimalToString(unscaled, scale);
  std::string out = negative ? "-" : "";
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  return out + fmt::format("E{}", adjusted);
}

std::string HumanYear(int64_t years) { return fmt::format("{:04}", 1970 + years); }

std::string HumanMonth(int64_t months) {
  return fmt::format("{:04}-{:02}", 1970 + FloorDiv(months, 12), 1 + FloorMod(months, 12));
}

std::string HumanDay(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string HumanHour(int64_t hours) {
  const CivilDate date = CivilFromDays(FloorDiv(hours, 24));
  return fmt::format("{:04}-{:02}-{:02}-{:02}", date.year, date.month, date.day,
                     FloorMod(hours, 24));
}

// A value by its type, as Java's default Transform.toHumanString.
std::string HumanValue(const Value& value) {
  switch (value.type().id()) {
    case floe::TypeId::kBoolean:
      return value.GetBool() ? "true" : "false";
    case floe::TypeId::kFloat:
      return JavaFloatingString(value.GetFloat());
    case floe::TypeId::kDouble:
      return JavaFloatingString(value.GetDouble());
    case floe::TypeId::kDecimal:
      return JavaBigDecimalString(value.GetDecimal(), value.type().scale());
    case floe::TypeId::kDate:
      return HumanDay(value.GetInt64());
    case floe::TypeId::kTime:
      return FormatJavaLocalTime(FloorMod(value.GetInt64(), kMicrosPerDay) * 1000);
    case floe::TypeId::kTimestamp:
      return FormatIsoTimestamp(value.GetInt64(), TimeUnit::kMicros, false);
    case floe::TypeId::kTimestampTz:
      return FormatIsoTimestamp(value.GetInt64(), TimeUnit::kMicros, true);
    case floe::TypeId::kTimestampNs:
      return FormatIsoTimestamp(value.GetInt64(), TimeUnit::kNanos, false);
    case floe::TypeId::kTimestampTzNs:
      return FormatIsoTimestamp(value.GetInt64(), TimeUnit::kNanos, true);
    case floe::TypeId::kString:
      return value.GetString();
    case floe::TypeId::kBinary:
    case floe::TypeId::kFixed:
      return Base64(value.GetString());
    case floe::TypeId::kUuid:
      return UuidToString(value.GetString());
    default:
      return value.ToString();
  }
}

}  // namespace

Result<Transform> Transform::Bucket(int32_t num_buckets) {
  if (num_buckets <= 0) {
    return Status::InvalidArgument("iceberg: bucket[{}]: the number of buckets must be > 0",
                                   num_buckets);
  }
  return Transform(TransformKind::kBucket, num_buckets);
}

Result<Transform> Transform::Truncate(int32_t width) {
  if (width <= 0) {
    return Status::InvalidArgument("iceberg: truncate[{}]: the width must be > 0", width);
  }
  return Transform(TransformKind::kTruncate, width);
}

Result<Transform> Transform::Unknown(std::string text) {
  if (text.empty()) return Status::InvalidArgument("iceberg: a transform cannot be empty");
  Transform transform(TransformKind::kUnknown);
  transform.unknown_ = std::make_shared<const std::string>(std::move(text));
  return transform;
}

Result<Transform> Transform::FromString(std::string_view text) {
  const std::string lower = Lower(text);
  // name[digits], like Java's (\w+)\[(\d+)\].
  const size_t open = lower.find('[');
  if (open != std::string::npos && open > 0 && lower.back() == ']') {
    const std::string_view name = std::string_view(lower).substr(0, open);
    const std::string_view digits =
        std::string_view(lower).substr(open + 1, lower.size() - open - 2);
    const bool all_digits =
        !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
    if (all_digits && (name == "bucket" || name == "truncate")) {
      int64_t n = 0;
      for (char c : digits) {
        n = n * 10 + (c - '0');
        if (n > std::numeric_limits<int32_t>::max()) {
          return Status::InvalidArgument("iceberg: transform '{}': {} is out of range", text,
                                         digits);
        }
      }
      return name == "bucket" ? Bucket(static_cast<int32_t>(n)) : Truncate(static_cast<int32_t>(n));
    }
  }
  if (lower == "identity") return Identity();
  if (lower == "year") return Year();
  if (lower == "month") return Month();
  if (lower == "day") return Day();
  if (lower == "hour") return Hour();
  if (lower == "void") return Void();
  return Unknown(std::string(text));
}

const std::string& Transform::unknown_text() const {
  static const std::string empty;
  return unknown_ ? *unknown_ : empty;
}

std::string Transform::ToString() const {
  switch (kind_) {
    case TransformKind::kIdentity:
      return "identity";
    case TransformKind::kBucket:
      return fmt::format("bucket[{}]", param_);
    case TransformKind::kTruncate:
      return fmt::format("truncate[{}]", param_);
    case TransformKind::kYear:
      return "year";
    case TransformKind::kMonth:
      return "month";
    case TransformKind::kDay:
      return "day";
    case TransformKind::kHour:
      return "hour";
    case TransformKind::kVoid:
      return "void";
    case TransformKind::kUnknown:
      return unknown_text();
  }
  return "?";
}

bool Transform::CanTransform(const Type& source) const {
  const TypeKind kind = source.kind();
  switch (kind_) {
    case TransformKind::kIdentity:
      return source.is_primitive() && kind != TypeKind::kGeometry && kind != TypeKind::kGeography;
    case TransformKind::kBucket:
      switch (kind) {
        case TypeKind::kInt:
        case TypeKind::kLong:
        case TypeKind::kDecimal:
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kString:
        case TypeKind::kUuid:
        case TypeKind::kFixed:
        case TypeKind::kBinary:
          return true;
        default:
          return IsTimestamp(kind);
      }
    case TransformKind::kTruncate:
      return kind == TypeKind::kInt || kind == TypeKind::kLong || kind == TypeKind::kDecimal ||
             kind == TypeKind::kString || kind == TypeKind::kBinary;
    case TransformKind::kYear:
    case TransformKind::kMonth:
    case TransformKind::kDay:
      return kind == TypeKind::kDate || IsTimestamp(kind);
    case TransformKind::kHour:
      return IsTimestamp(kind);
    case TransformKind::kVoid:
    case TransformKind::kUnknown:
      return true;
  }
  return false;
}

Result<Type> Transform::ResultType(const Type& source) const {
  if (kind_ == TransformKind::kUnknown) return Type::String();
  if (source.kind() != TypeKind::kUnknown && !CanTransform(source)) {
    return Status::InvalidArgument("iceberg: transform {} cannot be applied to a {} column",
                                   ToString(), source.ToString());
  }
  switch (kind_) {
    case TransformKind::kBucket:
    case TransformKind::kYear:
    case TransformKind::kMonth:
    case TransformKind::kHour:
      return Type::Int();
    case TransformKind::kDay:
      return Type::Date();
    default:
      return source;
  }
}

Result<Value> Transform::Apply(const Value& value) const {
  if (kind_ == TransformKind::kUnknown) {
    return Status::NotSupported("iceberg: transform '{}' is not known to Floe", ToString());
  }
  const LogicalType& logical = value.type();
  if (logical.id() == floe::TypeId::kInt8 || logical.id() == floe::TypeId::kInt16) {
    return Status::InvalidArgument("iceberg: transform {}: {} is not an Iceberg type", ToString(),
                                   logical.ToString());
  }
  FLOE_ASSIGN_OR_RETURN(Type source, FromLogicalType(logical, /*require_field_ids=*/false));
  FLOE_ASSIGN_OR_RETURN(Type result_type, ResultType(source));
  if (kind_ == TransformKind::kVoid || kind_ == TransformKind::kIdentity) {
    return kind_ == TransformKind::kVoid ? Value::Null(logical) : value;
  }
  FLOE_ASSIGN_OR_RETURN(LogicalType result_logical, ToLogicalType(result_type));
  if (value.is_null()) return Value::Null(result_logical);

  switch (kind_) {
    case TransformKind::kBucket: {
      FLOE_ASSIGN_OR_RETURN(int32_t hash, BucketHash(value));
      return Value::Int32((hash & std::numeric_limits<int32_t>::max()) % param_);
    }
    case TransformKind::kTruncate:
      switch (source.kind()) {
        case TypeKind::kInt:
          return Value::Int32(TruncateInt32(static_cast<int32_t>(value.GetInt64()), param_));
        case TypeKind::kLong:
          return Value::Int64(TruncateInt64(value.GetInt64(), param_));
        case TypeKind::kDecimal: {
          const int128_t v = value.GetDecimal();
          const int128_t w = param_;
          auto truncated =
              Value::Decimal(v - ((v % w) + w) % w, source.precision(), source.scale());
          if (!truncated.has_value()) {
            return IcebergContext(truncated.error(), "{} of {}", ToString(), value.ToString());
          }
          return truncated;
        }
        case TypeKind::kString:
          return Value::String(Utf8PrefixCodePoints(value.GetString(), param_));
        default:  // binary
          return Value::Binary(
              std::string_view(value.GetString()).substr(0, static_cast<size_t>(param_)));
      }
    default:
      break;
  }
  // year, month, day, hour.
  int64_t days = 0;
  int64_t hours = 0;
  if (source.kind() == TypeKind::kDate) {
    days = value.GetInt64();
  } else {
    const int64_t ticks = value.GetInt64();
    const int64_t per_micro = IsNanos(source.kind()) ? 1000 : 1;
    days = FloorDiv(ticks, kMicrosPerDay * per_micro);
    hours = FloorDiv(ticks, kMicrosPerHour * per_micro);
  }
  const CivilDate date = CivilFromDays(days);
  switch (kind_) {
    case TransformKind::kYear: {
      FLOE_ASSIGN_OR_RETURN(int32_t years, ToInt32(date.year - 1970, *this, value));
      return Value::Int32(years);
    }
    case TransformKind::kMonth: {
      FLOE_ASSIGN_OR_RETURN(int32_t months,
                            ToInt32((date.year - 1970) * 12 + date.month - 1, *this, value));
      return Value::Int32(months);
    }
    case TransformKind::kDay: {
      FLOE_ASSIGN_OR_RETURN(int32_t day, ToInt32(days, *this, value));
      return Value::Date(day);
    }
    default: {  // hour
      FLOE_ASSIGN_OR_RETURN(int32_t hour, ToInt32(hours, *this, value));
      return Value::Int32(hour);
    }
  }
}

std::string Transform::ToHumanString(const Value& value) const {
  if (value.is_null()) return "null";
  const floe::TypeId id = value.type().id();
  const bool integer = id == floe::TypeId::kInt32 || id == floe::TypeId::kDate;
  switch (kind_) {
    case TransformKind::kYear:
      if (integer) return HumanYear(value.GetInt64());
      break;
    case TransformKind::kMonth:
      if (integer) return HumanMonth(value.GetInt64());
      break;
    case TransformKind::kDay:
      if (integer) return HumanDay(value.GetInt64());
      break;
    case TransformKind::kHour:
      if (integer) return HumanHour(value.GetInt64());
      break;
    default:
      break;
  }
  return HumanValue(value);
}

bool Transform::PreservesOrder() const {
  switch (kind_) {
    case TransformKind::kIdentity:
    case TransformKind::kTruncate:
    case TransformKind::kYear:
    case TransformKind::kMonth:
    case TransformKind::kDay:
    case TransformKind::kHour:
      return true;
    default:
      return false;
  }
}

std::string UrlEncodePathComponent(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace floe::iceberg
