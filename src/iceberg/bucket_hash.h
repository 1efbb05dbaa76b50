// The 32-bit hash behind the bucket[N] transform (spec Appendix B): Murmur3,
// x86 variant, 32 bits, seed 0, over a canonical byte form of each type:
//   int, long, date, time, timestamp[tz]  the value as a long, 8 bytes LE
//                                         (so int and long hash alike)
//   timestamp[tz]_ns                      converted to microseconds (floor)
//   decimal                               minimum big-endian two's complement
//                                         of the unscaled value (scale ignored)
//   string                                UTF-8 bytes
//   uuid                                  16 bytes big-endian
//   fixed, binary                         the bytes
//   boolean                               as the int 0 or 1
//   float, double                         doubleToLongBits(double(v)) as a long,
//                                         NaN canonical, -0.0 as 0.0
// Booleans, floats and doubles cannot be bucketed today; the spec defines
// their hash for the future and so does this.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "vector/value.h"

namespace floe::iceberg {

// MurmurHash3_x86_32 of `bytes`, as a Java int.
int32_t Murmur3Hash32(std::string_view bytes, uint32_t seed = 0);

// The hash of a non-NULL value; NULL or a type without a hash (nested,
// tinyint, smallint) is InvalidArgument.
Result<int32_t> BucketHash(const Value& value);

}  // namespace floe::iceberg
