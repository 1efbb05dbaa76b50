// TypedStatistics: the minimum, maximum, null count and NaN count of the
// values of one page, column chunk or file, for one Parquet value type, and
// their encoding into Parquet's statistics form.
//
// T is the writer's value type: bool, int32_t, int64_t, float, double, or
// std::string_view for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY (then the bounds
// are copied, so the values need only live during Update()).
//
// Orders follow the column's ColumnOrder (TypeDefinedOrder): signed integers,
// IEEE floats with NaN left out of the bounds (and counted), byte arrays
// compared as unsigned bytes, and decimals in FIXED_LEN_BYTE_ARRAY compared as
// big-endian two's-complement integers ("signed bytes"). Encoded, a zero
// minimum is written as -0.0 and a zero maximum as +0.0, as the specification
// asks, since -0.0 and +0.0 compare equal.
//
// Thread-safety: one thread per object.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "formats/parquet/writer/bound_truncation.h"

namespace floe::parquet {

// Statistics in Parquet's form: PLAIN-encoded bounds without a length prefix.
struct EncodedStatistics {
  std::optional<std::string> min;
  std::optional<std::string> max;
  bool min_exact = false;
  bool max_exact = false;
  int64_t null_count = 0;
  int64_t non_null_count = 0;  // values that are not NULL (NaN included)
  int64_t nan_count = 0;
};

// How byte-array bounds may be shortened.
struct BoundTruncation {
  int64_t max_length = INT64_MAX;
  bool allowed = false;  // false for FIXED_LEN_BYTE_ARRAY, whose bounds keep their width
  bool utf8 = false;
};

template <typename T>
class TypedStatistics {
  static constexpr bool kIsBytes = std::is_same_v<T, std::string_view>;
  static constexpr bool kIsFloat = std::is_floating_point_v<T>;

 public:
  // How a bound is kept: byte arrays as owned copies.
  using Stored = std::conditional_t<kIsBytes, std::string, T>;

  // `signed_bytes`: byte arrays are big-endian two's-complement integers.
  explicit TypedStatistics(bool signed_bytes = false) : signed_bytes_(signed_bytes) {}

  // Adds non-null values.
  void Update(const T* values, int64_t count) {
    non_null_count_ += count;
    int64_t i = 0;
    if constexpr (kIsFloat) {
      while (i < count && std::isnan(values[i])) {
        ++nan_count_;
        ++i;
      }
    }
    if (i == count) return;
    T lo = values[i];
    T hi = values[i];
    for (++i; i < count; ++i) {
      const T& v = values[i];
      if constexpr (kIsFloat) {
        if (std::isnan(v)) {
          ++nan_count_;
          continue;
        }
      }
      if (Less(v, lo)) lo = v;
      if (Less(hi, v)) hi = v;
    }
    MergeBounds(lo, hi);
  }
  void AddNulls(int64_t count) { null_count_ += count; }

  void Merge(const TypedStatistics& other) {
    null_count_ += other.null_count_;
    nan_count_ += other.nan_count_;
    non_null_count_ += other.non_null_count_;
    if (other.has_bounds_) MergeBounds(View(other.min_), View(other.max_));
  }

  void Reset() { *this = TypedStatistics(signed_bytes_); }

  // Whether some non-null, non-NaN value was seen.
  bool has_bounds() const { return has_bounds_; }
  const Stored& min() const { return min_; }
  const Stored& max() const { return max_; }
  int64_t null_count() const { return null_count_; }
  int64_t nan_count() const { return nan_count_; }
  int64_t non_null_count() const { return non_null_count_; }

  // Negative, zero or positive as a sorts before, with or after b.
  int Compare(const T& a, const T& b) const { return Less(a, b) ? -1 : (Less(b, a) ? 1 : 0); }

  EncodedStatistics Encode(const BoundTruncation& truncation) const {
    EncodedStatistics out;
    out.null_count = null_count_;
    out.non_null_count = non_null_count_;
    out.nan_count = nan_count_;
    if (!has_bounds_) return out;
    if constexpr (kIsBytes) {
      if (truncation.allowed) {
        out.min = TruncateLowerBound(min_, truncation.max_length, truncation.utf8);
        out.max = TruncateUpperBound(max_, truncation.max_length, truncation.utf8);
        if (!out.max) out.max = max_;  // cannot be shortened: keep it whole
      } else {
        out.min = min_;
        out.max = max_;
      }
      out.min_exact = out.min->size() == min_.size();
      out.max_exact = out.max->size() == max_.size();
    } else {
      T lo = min_;
      T hi = max_;
      if constexpr (kIsFloat) {
        if (lo == 0) lo = -T{0};
        if (hi == 0) hi = T{0};
      }
      out.min = EncodePlain(lo);
      out.max = EncodePlain(hi);
      out.min_exact = true;
      out.max_exact = true;
    }
    return out;
  }

  // The PLAIN encoding of one value, as statistics store it.
  static std::string EncodePlain(const T& value) {
    if constexpr (kIsBytes) {
      return std::string(value);
    } else if constexpr (std::is_same_v<T, bool>) {
      return std::string(1, value ? '\1' : '\0');
    } else {
      std::string out(sizeof(T), '\0');
      std::memcpy(out.data(), &value, sizeof(T));
      return out;
    }
  }

  static T View(const Stored& stored) {
    if constexpr (kIsBytes) {
      return std::string_view(stored);
    } else {
      return stored;
    }
  }

 private:
  bool Less(const T& a, const T& b) const {
    if constexpr (kIsBytes) {
      if (signed_bytes_ && !a.empty() && !b.empty() && a[0] != b[0]) {
        return static_cast<int8_t>(a[0]) < static_cast<int8_t>(b[0]);
      }
      return a < b;  // std::char_traits<char> compares as unsigned char
    } else {
      return a < b;
    }
  }

  void MergeBounds(const T& lo, const T& hi) {
    if (!has_bounds_) {
      min_ = Stored(lo);
      max_ = Stored(hi);
      has_bounds_ = true;
      return;
    }
    if (Less(lo, View(min_))) min_ = Stored(lo);
    if (Less(View(max_), hi)) max_ = Stored(hi);
  }

  bool signed_bytes_;
  bool has_bounds_ = false;
  Stored min_{};
  Stored max_{};
  int64_t null_count_ = 0;
  int64_t nan_count_ = 0;
  int64_t non_null_count_ = 0;
};

}  // namespace floe::parquet
