// Transform: a partition (and sort) transform (spec "Partition Transforms"):
// identity, bucket[N], truncate[W], year, month, day, hour and void, and the
// transforms Floe does not know, which are kept verbatim so that metadata
// written by newer engines still reads and writes back unchanged (v3 readers
// must tolerate them; such fields are ignored for filtering and cannot be
// written to).
//
//   source types                          result
//   identity   any primitive except         the source type
//              geometry/geography
//   bucket[N]  int long decimal date time   int: (hash & INT_MAX) % N with
//              timestamp[tz][_ns] string    the hash of bucket_hash.h
//              uuid fixed binary
//   truncate[W] int long decimal string     the source type: v - floormod(v, W);
//              binary                       decimals on the unscaled value;
//                                           strings to W code points, binary
//                                           to W bytes
//   year month date timestamp[tz][_ns]      int: years / months since 1970-01
//   day                                     date: days since 1970-01-01
//   hour       timestamp[tz][_ns]           int: hours since the epoch
//   void       any                          the source type, always null
// Temporal transforms floor toward the past, so 1969-12-31T23:59:59 is year
// -1, month -1, day -1, hour -1. An int/long truncated below its type's
// minimum wraps, as Iceberg's Java implementation does (its partition values
// are the ones in existing tables); a truncated decimal that no longer fits
// its precision is InvalidArgument.
//
// Thread-safety: an immutable value; share freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "iceberg/type.h"
#include "vector/value.h"

namespace floe::iceberg {

enum class TransformKind : uint8_t {
  kIdentity,
  kBucket,
  kTruncate,
  kYear,
  kMonth,
  kDay,
  kHour,
  kVoid,
  kUnknown,  // a transform Floe does not know; see Transform::Unknown
};

class Transform {
 public:
  static Transform Identity() { return Transform(TransformKind::kIdentity); }
  static Transform Year() { return Transform(TransformKind::kYear); }
  static Transform Month() { return Transform(TransformKind::kMonth); }
  static Transform Day() { return Transform(TransformKind::kDay); }
  static Transform Hour() { return Transform(TransformKind::kHour); }
  static Transform Void() { return Transform(TransformKind::kVoid); }
  // N > 0.
  static Result<Transform> Bucket(int32_t num_buckets);
  // W > 0.
  static Result<Transform> Truncate(int32_t width);
  // A transform Floe cannot apply, kept by its text (non-empty).
  static Result<Transform> Unknown(std::string text);

  // "identity", "bucket[16]", "truncate[10]", "year", "month", "day", "hour",
  // "void", case-insensitively (as Java's Transforms.fromString). Any other
  // text is an Unknown transform; "bucket[0]" or a width beyond int32 is
  // InvalidArgument.
  static Result<Transform> FromString(std::string_view text);

  TransformKind kind() const { return kind_; }
  // N of bucket[N], W of truncate[W]; 0 otherwise.
  int32_t param() const { return param_; }
  // The canonical text; an Unknown transform's text as it was read.
  std::string ToString() const;

  // Whether the transform accepts `source` (the table above). Unknown
  // transforms accept anything: they cannot be checked.
  bool CanTransform(const Type& source) const;
  // The type of the transform's values for `source`; InvalidArgument when it
  // does not accept `source`. A source of type unknown (a dropped column)
  // gives the fixed result type (int, date), or unknown. Unknown transforms
  // give string, as Iceberg's Java implementation does.
  Result<Type> ResultType(const Type& source) const;

  // The partition value of one source value, of ToLogicalType(ResultType(...)).
  // NULL in, NULL out. InvalidArgument for a value this transform does not
  // accept (tinyint/smallint, which Iceberg lacks, included); NotSupported for
  // Unknown transforms.
  Result<Value> Apply(const Value& value) const;

  // The human-readable form of a partition value (a result of Apply), as
  // Iceberg's Java Transform.toHumanString writes it into paths: "null";
  // year "2017", month "2017-11", day "2017-11-16", hour "2017-11-16-22";
  // identity/truncate values by type: dates as days, times as
  // java.time.LocalTime ("22:31", "22:31:08.123"), timestamps ISO
  // ("2017-11-16T22:31:08", zoned with "+00:00"), binary and fixed in
  // base64, decimals as java.math.BigDecimal, floats as Java's
  // Float/Double.toString ("1.0", "1.0E10"), uuids lowercase.
  std::string ToHumanString(const Value& value) const;

  // Whether the transform keeps the order of its source values (identity,
  // truncate and the temporal transforms).
  bool PreservesOrder() const;

  friend bool operator==(const Transform& a, const Transform& b) {
    return a.kind_ == b.kind_ && a.param_ == b.param_ && a.unknown_text() == b.unknown_text();
  }

 private:
  explicit Transform(TransformKind kind, int32_t param = 0) : kind_(kind), param_(param) {}
  const std::string& unknown_text() const;

  TransformKind kind_;
  int32_t param_;
  std::shared_ptr<const std::string> unknown_;  // the text of an Unknown transform
};

// URL form-encoding of a partition path component as Java's URLEncoder
// (UTF-8): letters, digits and ".-*_" stay, space becomes '+', every other
// byte %XX.
std::string UrlEncodePathComponent(std::string_view text);

}  // namespace floe::iceberg
