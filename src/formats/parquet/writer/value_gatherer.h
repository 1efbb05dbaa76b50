// ValueGatherer: reads a leaf's non-null values out of Floe's vector layout
// (logical_type.h) into the Parquet value type the column writer encodes:
//   bool         boolean (1 byte per value in the vector)
//   int32_t      int8, int16, int32, date, decimal(p <= 9) (stored as int64)
//   int64_t      int64, time, timestamps, decimal(10 <= p <= 18)
//   float/double float, double
//   string_view  string and binary (BYTE_ARRAY), fixed and uuid (their bytes),
//                decimal(p > 18): the int128 as big-endian two's complement in
//                the column's FIXED_LEN_BYTE_ARRAY width
//
// Thread-safety: one thread per gatherer. What Gather() returns lives until
// the next call, and byte arrays point into the vector (or into the
// gatherer, for decimals).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/int128.h"
#include "formats/parquet/writer/writer_schema.h"
#include "vector/string_ref.h"
#include "vector/vector.h"

namespace floe::parquet {

template <typename T>
class ValueGatherer {
 public:
  explicit ValueGatherer(const LeafColumn& leaf) : leaf_(leaf) {}

  std::span<const T> Gather(const Vector& base, std::span<const uint32_t> indices) {
    const size_t n = indices.size();
    if (n > capacity_) {
      capacity_ = std::max(n, capacity_ * 2);
      values_ = std::make_unique<T[]>(capacity_);
    }
    T* out = values_.get();
    const TypeId id = leaf_.type.id();
    if constexpr (std::is_same_v<T, bool>) {
      const auto* data = base.GetData<uint8_t>();
      for (size_t i = 0; i < n; ++i) out[i] = data[indices[i]] != 0;
    } else if constexpr (std::is_same_v<T, int32_t>) {
      switch (id) {
        case TypeId::kInt8:
          Copy(base.GetData<int8_t>(), indices, out);
          break;
        case TypeId::kInt16:
          Copy(base.GetData<int16_t>(), indices, out);
          break;
        case TypeId::kDecimal:
          Copy(base.GetData<int64_t>(), indices, out);
          break;
        default:
          Copy(base.GetData<int32_t>(), indices, out);
          break;
      }
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      if (base.type().physical_type() == PhysicalType::kString) {
        const auto* refs = base.GetData<StringRef>();
        for (size_t i = 0; i < n; ++i) out[i] = refs[indices[i]].view();
      } else if (id == TypeId::kDecimal) {
        GatherDecimals(base.GetData<int128_t>(), indices, out);
      } else {
        const auto width = static_cast<size_t>(leaf_.type_length);
        const auto* data = reinterpret_cast<const char*>(base.GetData<uint8_t>());
        for (size_t i = 0; i < n; ++i) out[i] = std::string_view(data + indices[i] * width, width);
      }
    } else {
      Copy(base.GetData<T>(), indices, out);
    }
    return std::span<const T>(out, n);
  }

 private:
  template <typename S>
  static void Copy(const S* data, std::span<const uint32_t> indices, T* out) {
    for (size_t i = 0; i < indices.size(); ++i) out[i] = static_cast<T>(data[indices[i]]);
  }

  void GatherDecimals(const int128_t* data, std::span<const uint32_t> indices, T* out) {
    const auto width = static_cast<size_t>(leaf_.type_length);
    bytes_.resize(indices.size() * width);
    for (size_t i = 0; i < indices.size(); ++i) {
      auto v = static_cast<uint128_t>(data[indices[i]]);
      char* p = bytes_.data() + i * width;
      for (size_t b = 0; b < width; ++b) {
        p[width - 1 - b] = static_cast<char>(static_cast<uint8_t>(v & 0xFF));
        v >>= 8;
      }
      out[i] = std::string_view(p, width);
    }
  }

  const LeafColumn& leaf_;
  std::unique_ptr<T[]> values_;
  size_t capacity_ = 0;
  std::vector<char> bytes_;
};

}  // namespace floe::parquet
