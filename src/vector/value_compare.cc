#include "vector/value_compare.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace floe {
namespace {

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// a * 10^exponent compared with b, without overflowing (|a|, |b| < 10^38).
int CompareScaled(int128_t a, int exponent, int128_t b) {
  int128_t scaled = a;
  for (int i = 0; i < exponent; ++i) {
    if (__builtin_mul_overflow(scaled, int128_t{10}, &scaled)) {
      // |a * 10^k| exceeds every int128, so it exceeds |b|: a's sign decides.
      return a < 0 ? -1 : 1;
    }
  }
  return Sign(scaled, b);
}

int CompareDecimals(const Value& a, const Value& b) {
  const int sa = a.type().scale();
  const int sb = b.type().scale();
  if (sa == sb) return Sign(a.GetDecimal(), b.GetDecimal());
  if (sa < sb) return CompareScaled(a.GetDecimal(), sb - sa, b.GetDecimal());
  return -CompareScaled(b.GetDecimal(), sa - sb, a.GetDecimal());
}

int CompareBytes(const std::string& a, const std::string& b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);  // memcmp is unsigned
  if (c != 0) return c < 0 ? -1 : 1;
  return Sign(a.size(), b.size());
}

}  // namespace

bool IsNaN(const Value& value) {
  if (value.is_null()) return false;
  if (value.type().id() == TypeId::kFloat) return std::isnan(value.GetFloat());
  if (value.type().id() == TypeId::kDouble) return std::isnan(value.GetDouble());
  return false;
}

std::optional<int> CompareValues(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  const TypeId id = a.type().id();
  if (id == TypeId::kDecimal && b.type().id() == TypeId::kDecimal) return CompareDecimals(a, b);
  if (!(a.type() == b.type())) return std::nullopt;
  switch (id) {
    case TypeId::kBoolean:
      return Sign(a.GetBool(), b.GetBool());
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return Sign(a.GetInt64(), b.GetInt64());
    case TypeId::kFloat:
      if (std::isnan(a.GetFloat()) || std::isnan(b.GetFloat())) return std::nullopt;
      return Sign(a.GetFloat(), b.GetFloat());
    case TypeId::kDouble:
      if (std::isnan(a.GetDouble()) || std::isnan(b.GetDouble())) return std::nullopt;
      return Sign(a.GetDouble(), b.GetDouble());
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kFixed:
    case TypeId::kUuid:
      return CompareBytes(a.GetString(), b.GetString());
    case TypeId::kDecimal:  // handled above
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace floe
