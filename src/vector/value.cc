#include "vector/value.h"

#include <cmath>

#include <fmt/format.h>

namespace floe {

namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Proleptic Gregorian date of a day number (days since 1970-01-01); Howard
// Hinnant's civil_from_days.
std::string FormatDate(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<uint32_t>(days - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t day = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

// "HH:MM:SS" plus a fraction of `digits` digits when it is not zero.
std::string FormatTimeOfDay(int64_t ticks, int64_t ticks_per_second, int digits) {
  const int64_t seconds = ticks / ticks_per_second;
  const int64_t fraction = ticks % ticks_per_second;
  std::string out =
      fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (fraction != 0) out += fmt::format(".{:0{}}", fraction, digits);
  return out;
}

std::string FormatTimestamp(int64_t ticks, int64_t ticks_per_second, int digits, bool tz) {
  const int64_t ticks_per_day = ticks_per_second * 86400;
  const int64_t days = FloorDiv(ticks, ticks_per_day);
  // Floor modulo: days * ticks_per_day can overflow near INT64_MIN.
  int64_t time_of_day = ticks % ticks_per_day;
  if (time_of_day < 0) time_of_day += ticks_per_day;
  return fmt::format("{} {}{}", FormatDate(days),
                     FormatTimeOfDay(time_of_day, ticks_per_second, digits), tz ? "+00" : "");
}

std::string FormatHex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

bool SameFloat(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

Result<Value> Value::Decimal(int128_t unscaled, int32_t precision, int32_t scale) {
  FLOE_ASSIGN_OR_RETURN(LogicalType type, LogicalType::Decimal(precision, scale));
  const int128_t limit = Pow10Int128(precision);
  if (unscaled >= limit || unscaled <= -limit) {
    return Status::InvalidArgument("decimal({},{}): unscaled value {} has more than {} digits",
                                   precision, scale, Int128ToString(unscaled), precision);
  }
  return Value(std::move(type), unscaled);
}

Result<Value> Value::Fixed(std::string_view bytes) {
  FLOE_ASSIGN_OR_RETURN(LogicalType type, LogicalType::Fixed(static_cast<int64_t>(bytes.size())));
  return Value(std::move(type), std::string(bytes));
}

Result<Value> Value::Uuid(std::string_view bytes) {
  if (bytes.size() != 16) {
    return Status::InvalidArgument("uuid: expected 16 bytes, got {}", bytes.size());
  }
  return Value(LogicalType::Uuid(), std::string(bytes));
}

Result<Value> Value::Struct(const LogicalType& type, std::vector<Value> fields) {
  if (type.id() != TypeId::kStruct) {
    return Status::InvalidArgument("struct value: type {} is not a struct", type.ToString());
  }
  const auto& children = type.children();
  if (fields.size() != children.size()) {
    return Status::InvalidArgument("struct value: {} has {} fields, got {} values", type.ToString(),
                                   children.size(), fields.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!(fields[i].type() == children[i].type)) {
      return Status::InvalidArgument("struct value: field '{}' is {}, got a {} value",
                                     children[i].name, children[i].type.ToString(),
                                     fields[i].type().ToString());
    }
  }
  return Value(type, std::move(fields));
}

Result<Value> Value::List(const LogicalType& type, std::vector<Value> elements) {
  if (type.id() != TypeId::kList) {
    return Status::InvalidArgument("list value: type {} is not a list", type.ToString());
  }
  for (size_t i = 0; i < elements.size(); ++i) {
    if (!(elements[i].type() == type.child_type(0))) {
      return Status::InvalidArgument("list value: element {} of {} is a {} value", i,
                                     type.ToString(), elements[i].type().ToString());
    }
  }
  return Value(type, std::move(elements));
}

Result<Value> Value::Map(const LogicalType& type, std::vector<std::pair<Value, Value>> entries) {
  if (type.id() != TypeId::kMap) {
    return Status::InvalidArgument("map value: type {} is not a map", type.ToString());
  }
  const LogicalType entry_type = type.MapEntryType();
  std::vector<Value> structs;
  structs.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].first.is_null()) {
      return Status::InvalidArgument("map value: key of entry {} is NULL", i);
    }
    std::vector<Value> kv;
    kv.push_back(std::move(entries[i].first));
    kv.push_back(std::move(entries[i].second));
    FLOE_ASSIGN_OR_RETURN(Value entry, Struct(entry_type, std::move(kv)));
    structs.push_back(std::move(entry));
  }
  return Value(type, std::move(structs));
}

std::string Value::ToString() const { return ToStringImpl(/*nested=*/false); }

std::string Value::ToStringImpl(bool nested) const {
  if (is_null()) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean:
      return GetBool() ? "true" : "false";
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return fmt::format("{}", GetInt64());
    case TypeId::kFloat:
      return fmt::format("{}", GetFloat());
    case TypeId::kDouble:
      return fmt::format("{}", GetDouble());
    case TypeId::kDecimal:
      return DecimalToString(GetDecimal(), type_.scale());
    case TypeId::kDate:
      return FormatDate(GetInt64());
    case TypeId::kTime:
      return FormatTimeOfDay(GetInt64(), 1000000, 6);
    case TypeId::kTimestamp:
      return FormatTimestamp(GetInt64(), 1000000, 6, false);
    case TypeId::kTimestampTz:
      return FormatTimestamp(GetInt64(), 1000000, 6, true);
    case TypeId::kTimestampNs:
      return FormatTimestamp(GetInt64(), 1000000000, 9, false);
    case TypeId::kTimestampTzNs:
      return FormatTimestamp(GetInt64(), 1000000000, 9, true);
    case TypeId::kString: {
      if (!nested) return GetString();
      std::string out = "'";
      for (char c : GetString()) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    case TypeId::kBinary:
    case TypeId::kFixed:
      return fmt::format("X'{}'", FormatHex(GetString()));
    case TypeId::kUuid: {
      const std::string hex = FormatHex(GetString());
      return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                         hex.substr(16, 4), hex.substr(20));
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < children().size(); ++i) {
        out += fmt::format("{}{}: {}", i == 0 ? "" : ", ", type_.children()[i].name,
                           children()[i].ToStringImpl(true));
      }
      return out + "}";
    }
    case TypeId::kList: {
      std::string out = "[";
      for (size_t i = 0; i < children().size(); ++i) {
        out += (i == 0 ? "" : ", ") + children()[i].ToStringImpl(true);
      }
      return out + "]";
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < children().size(); ++i) {
        const std::vector<Value>& kv = children()[i].children();
        out += fmt::format("{}{}={}", i == 0 ? "" : ", ", kv[0].ToStringImpl(true),
                           kv[1].ToStringImpl(true));
      }
      return out + "}";
    }
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (!(a.type_ == b.type_) || a.payload_.index() != b.payload_.index()) return false;
  if (const auto* x = std::get_if<float>(&a.payload_)) {
    return SameFloat(*x, *std::get_if<float>(&b.payload_));
  }
  if (const auto* x = std::get_if<double>(&a.payload_)) {
    return SameFloat(*x, *std::get_if<double>(&b.payload_));
  }
  return a.payload_ == b.payload_;
}

}  // namespace floe
