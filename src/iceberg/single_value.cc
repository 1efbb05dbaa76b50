#include "iceberg/single_value.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "iceberg/error_context.h"
#include "iceberg/temporal.h"

namespace floe::iceberg {

namespace {

Status CheckValueType(const Type& type, const Value& value, const LogicalType& expected) {
  if (!(value.type() == expected)) {
    return Status::InvalidArgument("iceberg: a {} value is not of type {}", value.type().ToString(),
                                   type.ToString());
  }
  return Status::OK();
}

template <typename T>
std::string LittleEndian(T v) {
  static_assert(std::is_integral_v<T>);
  std::string out(sizeof(T), '\0');
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(v);
  for (size_t i = 0; i < sizeof(T); ++i) {
    out[i] = static_cast<char>(u & 0xff);
    u = static_cast<U>(u >> 8);
  }
  return out;
}

template <typename T>
T FromLittleEndian(std::string_view bytes) {
  using U = std::make_unsigned_t<T>;
  U u = 0;
  for (size_t i = sizeof(T); i-- > 0;) {
    u = static_cast<U>((u << 8) | static_cast<unsigned char>(bytes[i]));
  }
  return static_cast<T>(u);
}

Status WrongLength(const Type& type, size_t got, std::string_view expected) {
  return Status::InvalidArgument("iceberg: a {} value needs {} bytes, got {}", type.ToString(),
                                 expected, got);
}

constexpr char kHex[] = "0123456789abcdef";

std::string ToHex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> FromHex(std::string_view text) {
  if (text.size() % 2 != 0) {
    return Status::InvalidArgument("hex string has an odd number of digits ({})", text.size());
  }
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = HexDigit(text[2 * i]);
    const int lo = HexDigit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Status::InvalidArgument("'{}' is not a hex string", text);
    }
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

Status CannotParse(const Type& type, const Json& json, std::string_view why = {}) {
  std::string text = DumpJson(json);
  if (text.size() > 100) text = text.substr(0, 100) + "...";
  return Status::InvalidArgument("iceberg: cannot read {} as a {} value{}{}", text, type.ToString(),
                                 why.empty() ? "" : ": ", why);
}

Result<Json> ToJsonImpl(const Type& type, const Value& value);

Result<Value> FromJsonImpl(const Type& type, const LogicalType& logical, const Json& json);

}  // namespace

std::string DecimalToMinimalBytes(int128_t unscaled) {
  int n = 1;
  while (n < 16) {
    const int128_t limit = int128_t{1} << (8 * n - 1);
    if (unscaled >= -limit && unscaled < limit) break;
    ++n;
  }
  std::string out(static_cast<size_t>(n), '\0');
  uint128_t u = static_cast<uint128_t>(unscaled);
  for (int i = n - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(static_cast<uint8_t>(u & 0xff));
    u >>= 8;
  }
  return out;
}

Result<int128_t> DecimalFromString(std::string_view text, int32_t precision, int32_t scale) {
  auto malformed = [&] { return Status::InvalidArgument("'{}' is not a decimal number", text); };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  std::string digits;
  int64_t fraction_digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      digits += c;
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return malformed();
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      negative_exponent = text[pos++] == '-';
    }
    const size_t start = pos;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      if (pos - start >= 9) return malformed();
      exponent = exponent * 10 + (text[pos] - '0');
    }
    if (pos == start) return malformed();
    if (negative_exponent) exponent = -exponent;
  }
  if (pos != text.size()) return malformed();
  const int64_t text_scale = fraction_digits - exponent;
  if (text_scale != scale) {
    return Status::InvalidArgument("'{}' has scale {}, the type's scale is {}", text, text_scale,
                                   scale);
  }
  const size_t first = digits.find_first_not_of('0');
  const std::string_view significant =
      first == std::string::npos ? std::string_view() : std::string_view(digits).substr(first);
  if (significant.size() > static_cast<size_t>(precision)) {
    return Status::InvalidArgument("'{}' has more than {} digits", text, precision);
  }
  int128_t unscaled = 0;
  for (char c : significant) unscaled = unscaled * 10 + (c - '0');
  return negative ? -unscaled : unscaled;
}

std::string UuidToString(std::string_view bytes) {
  const std::string hex = ToHex(bytes);
  if (hex.size() != 32) return hex;
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

Result<std::string> UuidFromString(std::string_view text) {
  auto malformed = [&] {
    return Status::InvalidArgument("'{}' is not a UUID (expected 8-4-4-4-12 hex digits)", text);
  };
  if (text.size() != 36) return malformed();
  std::string hex;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return malformed();
    } else {
      if (HexDigit(text[i]) < 0) return malformed();
      hex += text[i];
    }
  }
  return FromHex(hex);
}

namespace {

// The LogicalType of a type's Values; types without one have no Values and
// so no single-value form in Floe.
Result<LogicalType> ValueType(const Type& type, std::string_view form) {
  auto logical = ToLogicalType(type);
  if (!logical.has_value()) {
    return Status::NotSupported("iceberg: {} values have no {} single-value form in Floe ({})",
                                type.ToString(), form, logical.error().message());
  }
  return logical;
}

}  // namespace

Result<std::string> SingleValueToBinary(const Type& type, const Value& value) {
  FLOE_ASSIGN_OR_RETURN(LogicalType logical, ValueType(type, "binary"));
  FLOE_RETURN_NOT_OK(CheckValueType(type, value, logical));
  if (value.is_null()) {
    return Status::InvalidArgument("iceberg: a NULL {} has no binary single-value form",
                                   type.ToString());
  }
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return std::string(1, value.GetBool() ? '\x01' : '\x00');
    case TypeKind::kInt:
    case TypeKind::kDate:
      return LittleEndian(static_cast<int32_t>(value.GetInt64()));
    case TypeKind::kLong:
    case TypeKind::kTime:
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampTz:
    case TypeKind::kTimestampNs:
    case TypeKind::kTimestampTzNs:
      return LittleEndian(value.GetInt64());
    case TypeKind::kFloat:
      return LittleEndian(std::bit_cast<uint32_t>(value.GetFloat()));
    case TypeKind::kDouble:
      return LittleEndian(std::bit_cast<uint64_t>(value.GetDouble()));
    case TypeKind::kDecimal:
      return DecimalToMinimalBytes(value.GetDecimal());
    case TypeKind::kString:
    case TypeKind::kUuid:
    case TypeKind::kFixed:
    case TypeKind::kBinary:
      return value.GetString();
    default:
      return Status::NotSupported("iceberg: {} has no binary single-value form", type.ToString());
  }
}

Result<Value> SingleValueFromBinary(const Type& type, std::string_view bytes) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      if (bytes.size() != 1) return WrongLength(type, bytes.size(), "1");
      return Value::Boolean(bytes[0] != 0);
    case TypeKind::kInt:
      if (bytes.size() != 4) return WrongLength(type, bytes.size(), "4");
      return Value::Int32(FromLittleEndian<int32_t>(bytes));
    case TypeKind::kDate:
      if (bytes.size() != 4) return WrongLength(type, bytes.size(), "4");
      return Value::Date(FromLittleEndian<int32_t>(bytes));
    case TypeKind::kLong:
      if (bytes.size() == 4) return Value::Int64(FromLittleEndian<int32_t>(bytes));  // was int
      if (bytes.size() != 8) return WrongLength(type, bytes.size(), "8 (or 4, written as int)");
      return Value::Int64(FromLittleEndian<int64_t>(bytes));
    case TypeKind::kFloat:
      if (bytes.size() != 4) return WrongLength(type, bytes.size(), "4");
      return Value::Float(std::bit_cast<float>(FromLittleEndian<uint32_t>(bytes)));
    case TypeKind::kDouble:
      if (bytes.size() == 4) {  // written as float
        return Value::Double(std::bit_cast<float>(FromLittleEndian<uint32_t>(bytes)));
      }
      if (bytes.size() != 8) return WrongLength(type, bytes.size(), "8 (or 4, written as float)");
      return Value::Double(std::bit_cast<double>(FromLittleEndian<uint64_t>(bytes)));
    case TypeKind::kTime:
      if (bytes.size() != 8) return WrongLength(type, bytes.size(), "8");
      return Value::Time(FromLittleEndian<int64_t>(bytes));
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNs: {
      const bool nanos = type.kind() == TypeKind::kTimestampNs;
      int64_t ticks = 0;
      if (bytes.size() == 4) {  // written as date
        const int64_t per_day =
            TicksPerSecond(nanos ? TimeUnit::kNanos : TimeUnit::kMicros) * 86400;
        if (__builtin_mul_overflow(int64_t{FromLittleEndian<int32_t>(bytes)}, per_day, &ticks)) {
          return Status::InvalidArgument("iceberg: date bound {} is out of range for {}",
                                         FromLittleEndian<int32_t>(bytes), type.ToString());
        }
      } else if (bytes.size() == 8) {
        ticks = FromLittleEndian<int64_t>(bytes);
      } else {
        return WrongLength(type, bytes.size(), "8 (or 4, written as date)");
      }
      return nanos ? Value::TimestampNs(ticks) : Value::Timestamp(ticks);
    }
    case TypeKind::kTimestampTz:
      if (bytes.size() != 8) return WrongLength(type, bytes.size(), "8");
      return Value::TimestampTz(FromLittleEndian<int64_t>(bytes));
    case TypeKind::kTimestampTzNs:
      if (bytes.size() != 8) return WrongLength(type, bytes.size(), "8");
      return Value::TimestampTzNs(FromLittleEndian<int64_t>(bytes));
    case TypeKind::kString:
      return Value::String(bytes);
    case TypeKind::kBinary:
      return Value::Binary(bytes);
    case TypeKind::kUuid:
      if (bytes.size() != 16) return WrongLength(type, bytes.size(), "16");
      return Value::Uuid(bytes);
    case TypeKind::kFixed:
      if (bytes.size() != static_cast<size_t>(type.fixed_length())) {
        return WrongLength(type, bytes.size(), std::to_string(type.fixed_length()));
      }
      return Value::Fixed(bytes);
    case TypeKind::kDecimal: {
      if (bytes.empty() || bytes.size() > 16) return WrongLength(type, bytes.size(), "1 to 16");
      // Sign-extend the big-endian two's complement bytes.
      uint128_t u = (static_cast<unsigned char>(bytes[0]) & 0x80) != 0 ? ~uint128_t{0} : 0;
      for (unsigned char c : bytes) u = (u << 8) | c;
      auto value = Value::Decimal(static_cast<int128_t>(u), type.precision(), type.scale());
      if (!value.has_value()) return IcebergContext(value.error(), "decimal bound");
      return value;
    }
    default:
      return Status::NotSupported("iceberg: {} has no binary single-value form", type.ToString());
  }
}

namespace {

Result<Json> ToJsonImpl(const Type& type, const Value& value) {
  if (value.is_null()) return Json(nullptr);
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return Json(value.GetBool());
    case TypeKind::kInt:
    case TypeKind::kLong:
      return Json(value.GetInt64());
    case TypeKind::kFloat:
    case TypeKind::kDouble: {
      const double v = type.kind() == TypeKind::kFloat ? static_cast<double>(value.GetFloat())
                                                       : value.GetDouble();
      if (!std::isfinite(v)) {
        return Status::InvalidArgument("iceberg: {} value {} cannot be written as JSON",
                                       type.ToString(), v);
      }
      if (type.kind() == TypeKind::kFloat) {
        // The shortest text that reads back as this float ("0.34234", not the
        // double expansion of the float).
        char buffer[32];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value.GetFloat());
        if (ec == std::errc()) return Json(std::strtod(std::string(buffer, end).c_str(), nullptr));
      }
      return Json(v);
    }
    case TypeKind::kDecimal:
      return Json(DecimalToString(value.GetDecimal(), type.scale()));
    case TypeKind::kDate:
      return Json(FormatIsoDate(value.GetInt64()));
    case TypeKind::kTime:
      return Json(FormatIsoTime(FloorMod(value.GetInt64(), int64_t{86400} * 1000000) * 1000));
    case TypeKind::kTimestamp:
      return Json(FormatIsoTimestamp(value.GetInt64(), TimeUnit::kMicros, false));
    case TypeKind::kTimestampTz:
      return Json(FormatIsoTimestamp(value.GetInt64(), TimeUnit::kMicros, true));
    case TypeKind::kTimestampNs:
      return Json(FormatIsoTimestamp(value.GetInt64(), TimeUnit::kNanos, false));
    case TypeKind::kTimestampTzNs:
      return Json(FormatIsoTimestamp(value.GetInt64(), TimeUnit::kNanos, true));
    case TypeKind::kString:
      return Json(value.GetString());
    case TypeKind::kUuid:
      return Json(UuidToString(value.GetString()));
    case TypeKind::kFixed:
    case TypeKind::kBinary:
      return Json(ToHex(value.GetString()));
    case TypeKind::kStruct: {
      Json out = Json::object();
      const auto& fields = type.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        const Value& child = value.children()[i];
        if (child.is_null()) continue;
        FLOE_ASSIGN_OR_RETURN(Json json, ToJsonImpl(fields[i].type, child));
        out[std::to_string(fields[i].id)] = std::move(json);
      }
      return out;
    }
    case TypeKind::kList: {
      Json out = Json::array();
      for (const Value& element : value.children()) {
        FLOE_ASSIGN_OR_RETURN(Json json, ToJsonImpl(type.element().type, element));
        out.push_back(std::move(json));
      }
      return out;
    }
    case TypeKind::kMap: {
      Json keys = Json::array();
      Json values = Json::array();
      for (const Value& entry : value.children()) {
        FLOE_ASSIGN_OR_RETURN(Json key, ToJsonImpl(type.key().type, entry.children()[0]));
        FLOE_ASSIGN_OR_RETURN(Json val, ToJsonImpl(type.value().type, entry.children()[1]));
        keys.push_back(std::move(key));
        values.push_back(std::move(val));
      }
      Json out = Json::object();
      out["keys"] = std::move(keys);
      out["values"] = std::move(values);
      return out;
    }
    default:
      return Status::NotSupported("iceberg: {} values have no JSON single-value form",
                                  type.ToString());
  }
}

Result<Value> FromJsonImpl(const Type& type, const LogicalType& logical, const Json& json) {
  if (json.is_null()) return Value::Null(logical);
  switch (type.kind()) {
    case TypeKind::kBoolean:
      if (!json.is_boolean()) return CannotParse(type, json);
      return Value::Boolean(json.get<bool>());
    case TypeKind::kInt: {
      auto v = JsonToInt32(json, "value");
      if (!v.has_value()) return CannotParse(type, json);
      return Value::Int32(*v);
    }
    case TypeKind::kLong: {
      auto v = JsonToInt64(json, "value");
      if (!v.has_value()) return CannotParse(type, json);
      return Value::Int64(*v);
    }
    case TypeKind::kFloat: {
      if (!json.is_number()) return CannotParse(type, json);
      const double v = json.get<double>();
      if (std::fabs(v) > std::numeric_limits<float>::max()) {
        return CannotParse(type, json, "out of range for a float");
      }
      return Value::Float(static_cast<float>(v));
    }
    case TypeKind::kDouble:
      if (!json.is_number()) return CannotParse(type, json);
      return Value::Double(json.get<double>());
    default:
      break;
  }
  // Every other primitive is a JSON string.
  if (type.is_primitive()) {
    if (!json.is_string()) return CannotParse(type, json, "expected a string");
    const std::string& text = json.get_ref<const std::string&>();
    auto parsed = [&]() -> Result<Value> {
      switch (type.kind()) {
        case TypeKind::kDecimal: {
          FLOE_ASSIGN_OR_RETURN(int128_t unscaled,
                                DecimalFromString(text, type.precision(), type.scale()));
          return Value::Decimal(unscaled, type.precision(), type.scale());
        }
        case TypeKind::kDate: {
          FLOE_ASSIGN_OR_RETURN(int32_t days, ParseIsoDate(text));
          return Value::Date(days);
        }
        case TypeKind::kTime: {
          FLOE_ASSIGN_OR_RETURN(int64_t micros, ParseIsoTime(text, TimeUnit::kMicros));
          return Value::Time(micros);
        }
        case TypeKind::kTimestamp: {
          FLOE_ASSIGN_OR_RETURN(int64_t t, ParseIsoTimestamp(text, TimeUnit::kMicros, false));
          return Value::Timestamp(t);
        }
        case TypeKind::kTimestampTz: {
          FLOE_ASSIGN_OR_RETURN(int64_t t, ParseIsoTimestamp(text, TimeUnit::kMicros, true));
          return Value::TimestampTz(t);
        }
        case TypeKind::kTimestampNs: {
          FLOE_ASSIGN_OR_RETURN(int64_t t, ParseIsoTimestamp(text, TimeUnit::kNanos, false));
          return Value::TimestampNs(t);
        }
        case TypeKind::kTimestampTzNs: {
          FLOE_ASSIGN_OR_RETURN(int64_t t, ParseIsoTimestamp(text, TimeUnit::kNanos, true));
          return Value::TimestampTzNs(t);
        }
        case TypeKind::kString:
          return Value::String(text);
        case TypeKind::kUuid: {
          FLOE_ASSIGN_OR_RETURN(std::string bytes, UuidFromString(text));
          return Value::Uuid(bytes);
        }
        case TypeKind::kFixed: {
          FLOE_ASSIGN_OR_RETURN(std::string bytes, FromHex(text));
          if (bytes.size() != static_cast<size_t>(type.fixed_length())) {
            return Status::InvalidArgument("{} bytes, expected {}", bytes.size(),
                                           type.fixed_length());
          }
          return Value::Fixed(bytes);
        }
        case TypeKind::kBinary: {
          FLOE_ASSIGN_OR_RETURN(std::string bytes, FromHex(text));
          return Value::Binary(bytes);
        }
        default:
          return Status::NotSupported("no JSON single-value form");
      }
    }();
    if (!parsed.has_value()) {
      if (parsed.error().IsNotSupported()) {
        return Status::NotSupported("iceberg: {} values have no JSON single-value form",
                                    type.ToString());
      }
      return CannotParse(type, json, parsed.error().message());
    }
    return parsed;
  }
  switch (type.kind()) {
    case TypeKind::kStruct: {
      if (!json.is_object()) return CannotParse(type, json, "expected an object keyed by field id");
      const auto& fields = type.fields();
      for (auto it = json.begin(); it != json.end(); ++it) {
        bool known = false;
        for (const NestedField& field : fields) known |= it.key() == std::to_string(field.id);
        if (!known) {
          return CannotParse(type, json, fmt::format("'{}' is not a field id of it", it.key()));
        }
      }
      std::vector<Value> children;
      children.reserve(fields.size());
      for (size_t i = 0; i < fields.size(); ++i) {
        auto member = json.find(std::to_string(fields[i].id));
        const Json& child = member == json.end() ? Json(nullptr) : *member;
        FLOE_ASSIGN_OR_RETURN(Value value,
                              FromJsonImpl(fields[i].type, logical.child_type(i), child));
        children.push_back(std::move(value));
      }
      return Value::Struct(logical, std::move(children));
    }
    case TypeKind::kList: {
      if (!json.is_array()) return CannotParse(type, json, "expected an array");
      std::vector<Value> elements;
      elements.reserve(json.size());
      for (const Json& element : json) {
        FLOE_ASSIGN_OR_RETURN(Value value,
                              FromJsonImpl(type.element().type, logical.child_type(0), element));
        elements.push_back(std::move(value));
      }
      return Value::List(logical, std::move(elements));
    }
    case TypeKind::kMap: {
      auto keys = json.is_object() ? json.find("keys") : json.end();
      auto values = json.is_object() ? json.find("values") : json.end();
      if (keys == json.end() || values == json.end() || !keys->is_array() || !values->is_array() ||
          keys->size() != values->size()) {
        return CannotParse(type, json,
                           "expected {\"keys\": [...], \"values\": [...]} of equal length");
      }
      std::vector<std::pair<Value, Value>> entries;
      for (size_t i = 0; i < keys->size(); ++i) {
        FLOE_ASSIGN_OR_RETURN(Value key,
                              FromJsonImpl(type.key().type, logical.child_type(0), (*keys)[i]));
        FLOE_ASSIGN_OR_RETURN(Value value,
                              FromJsonImpl(type.value().type, logical.child_type(1), (*values)[i]));
        entries.emplace_back(std::move(key), std::move(value));
      }
      auto map = Value::Map(logical, std::move(entries));
      if (!map.has_value()) return CannotParse(type, json, map.error().message());
      return map;
    }
    default:
      return Status::NotSupported("iceberg: {} values have no JSON single-value form",
                                  type.ToString());
  }
}

}  // namespace

Result<Json> SingleValueToJson(const Type& type, const Value& value) {
  FLOE_ASSIGN_OR_RETURN(LogicalType logical, ValueType(type, "JSON"));
  FLOE_RETURN_NOT_OK(CheckValueType(type, value, logical));
  return ToJsonImpl(type, value);
}

Result<Value> SingleValueFromJson(const Type& type, const Json& json) {
  FLOE_ASSIGN_OR_RETURN(LogicalType logical, ValueType(type, "JSON"));
  return FromJsonImpl(type, logical, json);
}

}  // namespace floe::iceberg
