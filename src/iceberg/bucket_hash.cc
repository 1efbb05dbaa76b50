#include "iceberg/bucket_hash.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "iceberg/single_value.h"
#include "iceberg/temporal.h"

namespace floe::iceberg {

namespace {

constexpr uint32_t kC1 = 0xcc9e2d51;
constexpr uint32_t kC2 = 0x1b873593;

uint32_t MixK1(uint32_t k1) {
  k1 *= kC1;
  k1 = std::rotl(k1, 15);
  return k1 * kC2;
}

uint32_t MixH1(uint32_t h1, uint32_t k1) {
  h1 ^= k1;
  h1 = std::rotl(h1, 13);
  return h1 * 5 + 0xe6546b64;
}

uint32_t Finalize(uint32_t h1, uint32_t length) {
  h1 ^= length;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return h1;
}

int32_t HashLong(int64_t v) {
  char bytes[8];
  uint64_t u = static_cast<uint64_t>(v);
  for (char& b : bytes) {
    b = static_cast<char>(u & 0xff);
    u >>= 8;
  }
  return Murmur3Hash32(std::string_view(bytes, 8));
}

int32_t HashDouble(double v) {
  if (std::isnan(v)) return HashLong(0x7ff8000000000000LL);
  if (v == 0.0) v = 0.0;  // -0.0 hashes as 0.0
  return HashLong(std::bit_cast<int64_t>(v));
}

}  // namespace

int32_t Murmur3Hash32(std::string_view bytes, uint32_t seed) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t length = bytes.size();
  const size_t blocks = length / 4;
  uint32_t h1 = seed;
  for (size_t i = 0; i < blocks; ++i) {
    const unsigned char* p = data + 4 * i;
    const uint32_t k1 = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                        static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
    h1 = MixH1(h1, MixK1(k1));
  }
  const unsigned char* tail = data + 4 * blocks;
  uint32_t k1 = 0;
  switch (length & 3) {
    case 3:
      k1 ^= static_cast<uint32_t>(tail[2]) << 16;
      [[fallthrough]];
    case 2:
      k1 ^= static_cast<uint32_t>(tail[1]) << 8;
      [[fallthrough]];
    case 1:
      k1 ^= tail[0];
      h1 ^= MixK1(k1);
  }
  return static_cast<int32_t>(Finalize(h1, static_cast<uint32_t>(length)));
}

Result<int32_t> BucketHash(const Value& value) {
  if (value.is_null()) return Status::InvalidArgument("iceberg: cannot hash a NULL value");
  switch (value.type().id()) {
    case floe::TypeId::kBoolean:
      return HashLong(value.GetBool() ? 1 : 0);
    case floe::TypeId::kInt32:
    case floe::TypeId::kInt64:
    case floe::TypeId::kDate:
    case floe::TypeId::kTime:
    case floe::TypeId::kTimestamp:
    case floe::TypeId::kTimestampTz:
      return HashLong(value.GetInt64());
    case floe::TypeId::kTimestampNs:
    case floe::TypeId::kTimestampTzNs:
      return HashLong(FloorDiv(value.GetInt64(), 1000));
    case floe::TypeId::kFloat:
      return HashDouble(static_cast<double>(value.GetFloat()));
    case floe::TypeId::kDouble:
      return HashDouble(value.GetDouble());
    case floe::TypeId::kDecimal:
      return Murmur3Hash32(DecimalToMinimalBytes(value.GetDecimal()));
    case floe::TypeId::kString:
    case floe::TypeId::kBinary:
    case floe::TypeId::kFixed:
    case floe::TypeId::kUuid:
      return Murmur3Hash32(value.GetString());
    default:
      return Status::InvalidArgument("iceberg: values of type {} have no Iceberg hash",
                                     value.type().ToString());
  }
}

}  // namespace floe::iceberg
