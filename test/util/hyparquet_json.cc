#include "util/hyparquet_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include "common/utf8.h"
#include "io/local_file_io.h"

namespace floe::test {

using nlohmann::json;
using parquet::ConvertedType;
using parquet::MappedNode;
using parquet::PhysicalType;
using parquet::SchemaNode;
using parquet::ValueConversion;

Result<ParquetRows> ReadParquetRows(const std::string& path,
                                    parquet::ParquetReaderOptions options) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto reader, parquet::ParquetReader::Open(io, path, std::move(options)));
  ParquetRows out;
  out.metadata = reader->metadata();
  out.fields = reader->projected_fields();
  for (const parquet::ParquetField& f : out.fields) {
    FLOE_ASSIGN_OR_RETURN(MappedNode node,
                          parquet::MapParquetNodeTree(out.metadata->schema(), f.node_index));
    out.nodes.push_back(std::move(node));
  }
  FLOE_ASSIGN_OR_RETURN(DataChunk chunk, reader->MakeChunk());
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(chunk));
    if (!more) break;
    for (int64_t r = 0; r < chunk.size(); ++r) {
      std::vector<Value> row;
      row.reserve(chunk.column_count());
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.GetValue(c, r));
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

// ---- JavaScript behaviours ----

double V8PowTenNegative(int scale) {
  // node -e 'for (let s = 0; s <= 38; s++) console.log(String(10 ** -s))' (node 20, V8 11.3).
  // V8 evaluates 10 ** -s by repeated multiplication, so a few entries are not the double
  // nearest to 10^-s (std::pow(10.0, -4) is 1e-4, V8's is 9.999999999999999e-5).
  static constexpr double kTable[] = {1,
                                      0.1,
                                      0.01,
                                      0.001,
                                      0.00009999999999999999,
                                      0.000009999999999999999,
                                      1e-6,
                                      1e-7,
                                      1e-8,
                                      1e-9,
                                      1e-10,
                                      1e-11,
                                      1e-12,
                                      1e-13,
                                      1e-14,
                                      1e-15,
                                      1e-16,
                                      9.999999999999999e-18,
                                      1e-18,
                                      1e-19,
                                      1.0000000000000001e-20,
                                      1.0000000000000001e-21,
                                      1e-22,
                                      1.0000000000000001e-23,
                                      1.0000000000000001e-24,
                                      1e-25,
                                      1e-26,
                                      1e-27,
                                      1e-28,
                                      1.0000000000000001e-29,
                                      1e-30,
                                      1e-31,
                                      9.999999999999999e-33,
                                      1e-33,
                                      1e-34,
                                      1e-35,
                                      1e-36,
                                      1e-37,
                                      1e-38};
  static_assert(sizeof(kTable) / sizeof(kTable[0]) == 39);
  FLOE_CHECK(scale >= 0 && scale <= 38, "V8PowTenNegative: scale out of range");
  return kTable[scale];
}

std::optional<std::string> JsIsoString(int64_t millis) {
  constexpr int64_t kMaxTime = 8640000000000000;  // ECMAScript TimeClip bound
  if (millis > kMaxTime || millis < -kMaxTime) return std::nullopt;
  constexpr int64_t kMsPerDay = 86400000;
  int64_t days = millis / kMsPerDay;
  int64_t rest = millis % kMsPerDay;
  if (rest < 0) {
    rest += kMsPerDay;
    --days;
  }
  // civil_from_days (H. Hinnant).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t year = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) ++year;
  char year_text[16];
  if (year >= 0 && year <= 9999) {
    std::snprintf(year_text, sizeof(year_text), "%04lld", static_cast<long long>(year));
  } else {
    std::snprintf(year_text, sizeof(year_text), "%c%06lld", year < 0 ? '-' : '+',
                  static_cast<long long>(year < 0 ? -year : year));
  }
  char text[64];
  std::snprintf(text, sizeof(text), "%s-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year_text,
                static_cast<long long>(month), static_cast<long long>(day),
                static_cast<long long>(rest / 3600000), static_cast<long long>(rest / 60000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return std::string(text);
}

namespace {}  // namespace

std::string WhatwgUtf8Decode(std::string_view bytes) {
  // The UTF-8 decoder of the WHATWG Encoding standard (section 9.1.2), with the BOM sniffing of
  // TextDecoder.decode() when ignoreBOM is false.
  constexpr uint32_t kReplacement = 0xFFFD;
  size_t i = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  std::string out;
  out.reserve(bytes.size());
  uint32_t code_point = 0;
  int needed = 0, seen = 0;
  uint8_t lower = 0x80, upper = 0xBF;
  while (i < bytes.size()) {
    const uint8_t b = static_cast<uint8_t>(bytes[i]);
    if (needed == 0) {
      ++i;
      if (b <= 0x7F) {
        out.push_back(static_cast<char>(b));
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        code_point = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2;
        code_point = b & 0xF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3;
        code_point = b & 0x7;
      } else {
        AppendUtf8(out, kReplacement);
      }
      continue;
    }
    if (b < lower || b > upper) {
      // Error; the byte is processed again as the start of a sequence.
      code_point = 0;
      needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      AppendUtf8(out, kReplacement);
      continue;
    }
    ++i;
    lower = 0x80;
    upper = 0xBF;
    code_point = (code_point << 6) | (b & 0x3F);
    if (++seen == needed) {
      AppendUtf8(out, code_point);
      code_point = 0;
      needed = seen = 0;
    }
  }
  if (needed != 0) AppendUtf8(out, kReplacement);
  return out;
}

std::string JsNumberToString(double value) {
  FLOE_CHECK(std::isfinite(value), "JsNumberToString: not finite");
  if (value == 0) return "0";
  if (value < 0) return "-" + JsNumberToString(-value);
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  FLOE_CHECK(ec == std::errc(), "JsNumberToString: to_chars failed");
  std::string sci(buf, end);  // shortest digits: d[.ddd]e[+-]XX
  size_t e_pos = sci.find('e');
  std::string digits = sci.substr(0, e_pos);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exponent = std::stoi(sci.substr(e_pos + 1));
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) return digits + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21) return digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(n);
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  const int e = n - 1;
  std::string mantissa = k == 1 ? digits : digits.substr(0, 1) + "." + digits.substr(1);
  return mantissa + "e" + (e < 0 ? "-" : "+") + std::to_string(e < 0 ? -e : e);
}

// ---- The comparison ----

namespace {

constexpr int128_t kMaxSafeInteger = (int128_t{1} << 53);

int128_t JsonInteger(const json& j) {
  if (j.is_number_unsigned()) return static_cast<int128_t>(j.get<uint64_t>());
  return static_cast<int128_t>(j.get<int64_t>());
}

std::string Short(const json& j) {
  std::string s = j.dump();
  if (s.size() > 160) s = s.substr(0, 157) + "...";
  return s;
}

std::string TypeName(const json& j) {
  if (j.is_number()) return "number";
  return j.type_name();
}

}  // namespace

std::string CompareJsJson(const json& actual, const json& expected, const std::string& path) {
  auto differ = [&](const std::string& why) {
    return path + ": " + why + ": floe " + Short(actual) + ", expected " + Short(expected);
  };
  if (actual.is_number() && expected.is_number()) {
    if (actual.is_number_integer() && expected.is_number_integer()) {
      int128_t a = JsonInteger(actual), e = JsonInteger(expected);
      bool safe = a <= kMaxSafeInteger && a >= -kMaxSafeInteger && e <= kMaxSafeInteger &&
                  e >= -kMaxSafeInteger;
      if (safe ? a == e : static_cast<double>(a) == static_cast<double>(e)) return "";
      return differ("numbers differ");
    }
    if (actual.get<double>() == expected.get<double>()) return "";
    return differ("numbers differ");
  }
  if (TypeName(actual) != TypeName(expected)) return differ("kinds differ");
  if (actual.is_array()) {
    if (actual.size() != expected.size()) {
      return differ(fmt::format("{} elements, expected {}", actual.size(), expected.size()));
    }
    for (size_t i = 0; i < actual.size(); ++i) {
      std::string d = CompareJsJson(actual[i], expected[i], fmt::format("{}[{}]", path, i));
      if (!d.empty()) return d;
    }
    return "";
  }
  if (actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) return differ("key '" + key + "' missing");
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) return differ("unexpected key '" + key + "'");
      std::string d = CompareJsJson(value, expected[key], path + "." + key);
      if (!d.empty()) return d;
    }
    return "";
  }
  return actual == expected ? "" : differ("values differ");
}

// ---- Replaying hyparquet ----

namespace {

// A JSON number as JSON.stringify writes a double: NaN and the infinities become null.
json JsDouble(double d) { return std::isfinite(d) ? json(d) : json(nullptr); }

json JsDate(int64_t millis, bool* out_of_range) {
  std::optional<std::string> iso = JsIsoString(millis);
  if (!iso.has_value()) {
    *out_of_range = true;
    return json(nullptr);
  }
  return json(*iso);
}

// A little WKB reader that follows hyparquet's src/wkb.js.
class WkbReader {
 public:
  explicit WkbReader(std::string_view bytes) : bytes_(bytes) {}

  Result<json> Geometry() {
    FLOE_ASSIGN_OR_RETURN(Flags flags, ReadFlags());
    json out = json::object();
    switch (flags.type) {
      case 1: {
        FLOE_ASSIGN_OR_RETURN(out["coordinates"], Position(flags));
        out["type"] = "Point";
        return out;
      }
      case 2: {
        FLOE_ASSIGN_OR_RETURN(out["coordinates"], Line(flags, flags.count));
        out["type"] = "LineString";
        return out;
      }
      case 3: {
        FLOE_ASSIGN_OR_RETURN(out["coordinates"], Polygon(flags));
        out["type"] = "Polygon";
        return out;
      }
      case 4:
      case 5:
      case 6: {
        json parts = json::array();
        for (uint32_t i = 0; i < flags.count; ++i) {
          FLOE_ASSIGN_OR_RETURN(Flags inner, ReadFlags());
          json part;
          if (flags.type == 4) {
            FLOE_ASSIGN_OR_RETURN(part, Position(inner));
          } else if (flags.type == 5) {
            FLOE_ASSIGN_OR_RETURN(part, Line(inner, inner.count));
          } else {
            FLOE_ASSIGN_OR_RETURN(part, Polygon(inner));
          }
          parts.push_back(std::move(part));
        }
        out["coordinates"] = std::move(parts);
        out["type"] = flags.type == 4   ? "MultiPoint"
                      : flags.type == 5 ? "MultiLineString"
                                        : "MultiPolygon";
        return out;
      }
      case 7: {
        json geometries = json::array();
        for (uint32_t i = 0; i < flags.count; ++i) {
          FLOE_ASSIGN_OR_RETURN(json g, Geometry());
          geometries.push_back(std::move(g));
        }
        out["geometries"] = std::move(geometries);
        out["type"] = "GeometryCollection";
        return out;
      }
      default:
        return Status::NotSupported("hyparquet throws: unsupported WKB geometry type {}",
                                    flags.type);
    }
  }

 private:
  struct Flags {
    bool little_endian;
    uint32_t type;
    int dim;
    uint32_t count;
  };

  Result<uint32_t> U32(bool little_endian) {
    if (offset_ + 4 > bytes_.size()) return Status::InvalidArgument("WKB truncated");
    uint8_t b[4];
    std::memcpy(b, bytes_.data() + offset_, 4);
    offset_ += 4;
    return little_endian ? (uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 |
                            uint32_t{b[3]} << 24)
                         : (uint32_t{b[3]} | uint32_t{b[2]} << 8 | uint32_t{b[1]} << 16 |
                            uint32_t{b[0]} << 24);
  }

  Result<double> F64(bool little_endian) {
    if (offset_ + 8 > bytes_.size()) return Status::InvalidArgument("WKB truncated");
    uint8_t b[8];
    std::memcpy(b, bytes_.data() + offset_, 8);
    offset_ += 8;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= uint64_t{b[little_endian ? i : 7 - i]} << (8 * i);
    double d;
    std::memcpy(&d, &bits, sizeof(d));
    return d;
  }

  Result<Flags> ReadFlags() {
    if (offset_ >= bytes_.size()) return Status::InvalidArgument("WKB truncated");
    Flags f{};
    f.little_endian = static_cast<uint8_t>(bytes_[offset_++]) == 1;
    FLOE_ASSIGN_OR_RETURN(uint32_t raw_type, U32(f.little_endian));
    f.type = raw_type % 1000;
    uint32_t dims = raw_type / 1000;
    if (f.type > 1 && f.type <= 7) {
      FLOE_ASSIGN_OR_RETURN(f.count, U32(f.little_endian));
    }
    f.dim = 2 + (dims != 0 ? 1 : 0) + (dims == 3 ? 1 : 0);
    return f;
  }

  Result<json> Position(const Flags& f) {
    json point = json::array();
    for (int i = 0; i < f.dim; ++i) {
      FLOE_ASSIGN_OR_RETURN(double d, F64(f.little_endian));
      point.push_back(JsDouble(d));
    }
    return point;
  }

  Result<json> Line(const Flags& f, uint32_t count) {
    json line = json::array();
    for (uint32_t i = 0; i < count; ++i) {
      FLOE_ASSIGN_OR_RETURN(json p, Position(f));
      line.push_back(std::move(p));
    }
    return line;
  }

  Result<json> Polygon(const Flags& f) {
    json rings = json::array();
    for (uint32_t r = 0; r < f.count; ++r) {
      FLOE_ASSIGN_OR_RETURN(uint32_t n, U32(f.little_endian));
      FLOE_ASSIGN_OR_RETURN(json ring, Line(f, n));
      rings.push_back(std::move(ring));
    }
    return rings;
  }

  std::string_view bytes_;
  size_t offset_ = 0;
};

std::string UuidText(std::string_view bytes) {
  std::string hex;
  char buf[3];
  for (unsigned char c : bytes) {
    std::snprintf(buf, sizeof(buf), "%02x", c);
    hex += buf;
  }
  // String.prototype.slice() past the end yields "".
  auto slice = [&](size_t begin, size_t n) {
    return begin < hex.size() ? hex.substr(begin, n) : std::string();
  };
  return slice(0, 8) + "-" + slice(8, 4) + "-" + slice(12, 4) + "-" + slice(16, 4) + "-" +
         slice(20, 12);
}

// The physical value in the file, as far as Floe's converted value keeps it.
struct RawValue {
  enum class Kind { kBool, kInt, kWide, kDouble, kBytes, kInt96Micros, kLost } kind = Kind::kLost;
  bool b = false;
  int64_t i = 0;      // kInt: INT32/INT64 as stored; kInt96Micros: Floe's microseconds
  int128_t wide = 0;  // kWide: a decimal's unscaled value whose bytes Floe does not keep
  double d = 0;
  std::string bytes;
  std::string lost;  // kLost: why
};

RawValue RawFromFloe(const MappedNode& node, const SchemaNode& element, const Value& v) {
  RawValue raw;
  using K = RawValue::Kind;
  switch (node.conversion) {
    case ValueConversion::kBoolean:
      raw.kind = K::kBool;
      raw.b = v.GetBool();
      break;
    case ValueConversion::kInt32:
    case ValueConversion::kInt32ToInt8:
    case ValueConversion::kInt32ToInt16:
    case ValueConversion::kUint8ToInt16:
    case ValueConversion::kUint16ToInt32:
    case ValueConversion::kInt64:
      raw.kind = K::kInt;
      raw.i = v.GetInt64();
      break;
    case ValueConversion::kUint32ToInt64:
      raw.kind = K::kInt;
      raw.i = static_cast<int32_t>(static_cast<uint32_t>(v.GetInt64()));
      break;
    case ValueConversion::kUint64ToDecimal:
      raw.kind = K::kInt;
      raw.i = static_cast<int64_t>(static_cast<uint64_t>(v.GetDecimal()));
      break;
    case ValueConversion::kTimeMillisToMicros:
    case ValueConversion::kTimestampMillisToMicros:
      raw.kind = K::kInt;
      raw.i = v.GetInt64() / 1000;  // exact: Floe multiplied by 1000
      break;
    case ValueConversion::kTimeNanosToMicros:
      raw.lost = "TIME(NANOS) is read as microseconds";
      break;
    case ValueConversion::kInt96ToTimestampMicros:
      raw.kind = K::kInt96Micros;
      raw.i = v.GetInt64();
      break;
    case ValueConversion::kFloat:
    case ValueConversion::kFloat16ToFloat:
      raw.kind = K::kDouble;
      raw.d = v.GetFloat();
      break;
    case ValueConversion::kDouble:
      raw.kind = K::kDouble;
      raw.d = v.GetDouble();
      break;
    case ValueConversion::kInt32ToDecimal:
    case ValueConversion::kInt64ToDecimal:
      raw.kind = K::kInt;
      raw.i = static_cast<int64_t>(v.GetDecimal());
      break;
    case ValueConversion::kBytesToDecimal:
      if (element.physical_type == PhysicalType::kFixedLenByteArray && element.type_length &&
          *element.type_length > 0 && *element.type_length <= 16) {
        // The big-endian two's complement of fixed width is the stored value.
        raw.kind = K::kBytes;
        int128_t u = v.GetDecimal();
        for (int32_t k = *element.type_length - 1; k >= 0; --k) {
          raw.bytes.insert(raw.bytes.begin(), static_cast<char>(static_cast<uint8_t>(u & 0xFF)));
          u >>= 8;
        }
      } else {
        raw.kind = K::kWide;
        raw.wide = v.GetDecimal();
      }
      break;
    case ValueConversion::kFixed:
    case ValueConversion::kBinary:
      raw.kind = K::kBytes;
      raw.bytes = v.GetString();
      break;
  }
  return raw;
}

// parseDecimal() of hyparquet's convert.js: big-endian two's complement, Number() of it. Up to 16
// bytes (Floe's decimals have at most 38 digits); nullopt for wider values.
std::optional<double> ParseDecimalBytes(const std::string& bytes) {
  if (bytes.empty()) return 0.0;
  if (bytes.size() > 16) return std::nullopt;
  uint128_t bits = 0;
  for (unsigned char c : bytes) bits = (bits << 8) | c;
  if (bytes.size() < 16 && (static_cast<unsigned char>(bytes[0]) & 0x80) != 0) {
    bits |= ~uint128_t{0} << (8 * bytes.size());  // sign-extend
  }
  return static_cast<double>(static_cast<int128_t>(bits));
}

}  // namespace

HyparquetConvention::HyparquetConvention(const parquet::ParquetFileMetadata& metadata)
    : metadata_(metadata) {
  // markGeoColumns() of hyparquet's src/geoparquet.js, loop quirks included.
  const auto& thrift = metadata.thrift();
  // GEOGRAPHY (edges "spherical") and GEOMETRY decode the same way.
  std::set<std::string> columns;
  for (const auto& kv : thrift.key_value_metadata) {
    if (kv.key != "geo" || !kv.__isset.value) continue;
    json geo = json::parse(kv.value, nullptr, false);
    if (geo.is_discarded() || !geo.is_object() || !geo.contains("columns") ||
        !geo["columns"].is_object()) {
      break;
    }
    for (const auto& [name, column] : geo["columns"].items()) {
      if (!column.is_object() || column.value("encoding", json()) != json("WKB")) continue;
      columns.insert(name);
    }
    break;
  }
  for (size_t i = 1; i < thrift.schema.size(); ++i) {
    const auto& element = thrift.schema[i];
    if (element.__isset.num_children && element.num_children != 0) {
      i += static_cast<size_t>(element.num_children);
      continue;
    }
    if (element.__isset.type && element.type == parquet::format::Type::BYTE_ARRAY &&
        !element.__isset.logicalType) {
      if (columns.count(element.name) != 0) geo_columns_.push_back(static_cast<int32_t>(i));
    }
  }
}

bool HyparquetConvention::IsGeoColumn(int32_t node_index) const {
  return std::find(geo_columns_.begin(), geo_columns_.end(), node_index) != geo_columns_.end();
}

Result<nlohmann::json> HyparquetConvention::LeafToJson(const MappedNode& node,
                                                       const Value& value) const {
  const SchemaNode& el = metadata_.schema().node(node.node_index);
  const std::string where = metadata_.schema().NodePath(node.node_index);
  const std::optional<ConvertedType> ct = el.converted_type;
  const parquet::format::LogicalType* lt = el.logical_type ? &*el.logical_type : nullptr;
  const PhysicalType pt = *el.physical_type;
  const RawValue raw = RawFromFloe(node, el, value);
  using K = RawValue::Kind;
  if (raw.kind == K::kLost) {
    return Status::NotSupported("column '{}': {}: hyparquet's raw value is not comparable", where,
                                raw.lost);
  }
  bool out_of_range = false;
  auto date = [&](int64_t millis) -> Result<json> {
    json j = JsDate(millis, &out_of_range);
    if (out_of_range) {
      return Status::NotSupported("column '{}': {} ms is outside JavaScript's Date range", where,
                                  millis);
    }
    return j;
  };
  auto need_int = [&](const char* what) -> Status {
    if (raw.kind == K::kInt) return Status::OK();
    return Status::NotSupported("column '{}': {} over a value Floe does not keep as an integer",
                                where, what);
  };

  if (ct == ConvertedType::kDecimal) {
    const int scale = el.scale.value_or(0);
    if (scale < 0 || scale > 38) {
      return Status::NotSupported("column '{}': decimal scale {}", where, scale);
    }
    double unscaled;
    if (raw.kind == K::kInt) {
      unscaled = static_cast<double>(raw.i);
    } else if (raw.kind == K::kWide) {
      unscaled = static_cast<double>(raw.wide);
    } else if (raw.kind == K::kBytes && ParseDecimalBytes(raw.bytes).has_value()) {
      unscaled = *ParseDecimalBytes(raw.bytes);
    } else {
      return Status::NotSupported("column '{}': DECIMAL of an unexpected Floe value", where);
    }
    return JsDouble(unscaled * V8PowTenNegative(scale));
  }
  if (pt == PhysicalType::kInt96 && !ct.has_value()) {
    if (raw.kind != K::kInt96Micros) {
      return Status::NotSupported("column '{}': INT96 not read as a timestamp", where);
    }
    // hyparquet: Date(Number(nanos / 1000000n)), truncating toward zero. Floe keeps
    // days * 86400e6 + nanos_of_day / 1000 microseconds, which gives the same millisecond unless
    // the instant lies before 1970 and has digits below the microsecond.
    return date(raw.i / 1000);
  }
  if (ct == ConvertedType::kDate) {
    FLOE_RETURN_NOT_OK(need_int("DATE"));
    return date(raw.i * 86400000);
  }
  if (ct == ConvertedType::kTimestampMillis) {
    FLOE_RETURN_NOT_OK(need_int("TIMESTAMP_MILLIS"));
    return date(raw.i);
  }
  if (ct == ConvertedType::kTimestampMicros) {
    FLOE_RETURN_NOT_OK(need_int("TIMESTAMP_MICROS"));
    return date(raw.i / 1000);
  }
  if (ct == ConvertedType::kJson) {
    if (raw.kind != K::kBytes) return Status::NotSupported("column '{}': JSON not bytes", where);
    json parsed = json::parse(WhatwgUtf8Decode(raw.bytes), nullptr, false);
    if (parsed.is_discarded()) {
      return Status::NotSupported("column '{}': hyparquet throws: JSON.parse fails", where);
    }
    return parsed;
  }
  if (ct == ConvertedType::kBson || ct == ConvertedType::kInterval) {
    return Status::NotSupported("column '{}': hyparquet throws: parquet {} not supported", where,
                                ct == ConvertedType::kBson ? "bson" : "interval");
  }
  if ((lt != nullptr && (lt->__isset.GEOMETRY || lt->__isset.GEOGRAPHY)) ||
      IsGeoColumn(node.node_index)) {
    if (raw.kind != K::kBytes) return Status::NotSupported("column '{}': WKB not bytes", where);
    WkbReader reader(raw.bytes);
    return reader.Geometry();
  }
  if (lt != nullptr && lt->__isset.UUID) {
    if (raw.kind != K::kBytes) return Status::NotSupported("column '{}': UUID not bytes", where);
    return json(UuidText(raw.bytes));
  }
  if (ct == ConvertedType::kUtf8 || (lt != nullptr && lt->__isset.STRING) ||
      pt == PhysicalType::kByteArray) {
    if (raw.kind != K::kBytes) {
      return Status::NotSupported(
          "column '{}': hyparquet decodes the BYTE_ARRAY as UTF-8; Floe read it as {} and does "
          "not keep the bytes",
          where, value.type().ToString());
    }
    return json(WhatwgUtf8Decode(raw.bytes));
  }
  const bool int_logical = lt != nullptr && lt->__isset.INTEGER && !lt->INTEGER.isSigned;
  if (ct == ConvertedType::kUint64 || (int_logical && lt->INTEGER.bitWidth == 64)) {
    FLOE_RETURN_NOT_OK(need_int("UINT_64"));
    return json(static_cast<uint64_t>(raw.i));
  }
  if (ct == ConvertedType::kUint32 || (int_logical && lt->INTEGER.bitWidth == 32)) {
    FLOE_RETURN_NOT_OK(need_int("UINT_32"));
    return json(static_cast<int64_t>(static_cast<uint32_t>(static_cast<int32_t>(raw.i))));
  }
  if (lt != nullptr && lt->__isset.FLOAT16) {
    if (raw.kind != K::kDouble) return Status::NotSupported("column '{}': FLOAT16", where);
    return JsDouble(raw.d);
  }
  if (lt != nullptr && lt->__isset.TIMESTAMP) {
    FLOE_RETURN_NOT_OK(need_int("TIMESTAMP"));
    const auto& unit = lt->TIMESTAMP.unit;
    if (unit.__isset.MICROS) return date(raw.i / 1000);
    if (unit.__isset.NANOS) return date(raw.i / 1000000);
    return date(raw.i);
  }
  switch (raw.kind) {
    case K::kBool:
      return json(raw.b);
    case K::kInt:
      return json(raw.i);
    case K::kDouble:
      return JsDouble(raw.d);
    case K::kBytes: {
      json bytes = json::array();
      for (unsigned char c : raw.bytes) bytes.push_back(static_cast<int>(c));
      return bytes;
    }
    default:
      return Status::NotSupported("column '{}': Floe's {} does not keep hyparquet's raw value",
                                  where, value.type().ToString());
  }
}

Result<std::optional<nlohmann::json>> HyparquetConvention::ToJson(const MappedNode& node,
                                                                  const Value& value) const {
  const TypeId id = node.type.id();
  const bool nested = id == TypeId::kStruct || id == TypeId::kList || id == TypeId::kMap;
  if (value.is_null()) {
    if (nested) return std::optional<json>();  // undefined
    return std::optional<json>(json(nullptr));
  }
  if (id == TypeId::kStruct) {
    json out = json::object();
    for (size_t i = 0; i < node.children.size(); ++i) {
      const MappedNode& child = node.children[i];
      FLOE_ASSIGN_OR_RETURN(std::optional<json> j, ToJson(child, value.children()[i]));
      if (j.has_value()) out[metadata_.schema().node(child.node_index).name] = std::move(*j);
    }
    return std::optional<json>(std::move(out));
  }
  if (id == TypeId::kList) {
    // assembleLists() pushes null, not [], for an empty list whose repeated node is the leaf
    // column itself (a bare repeated primitive, or a 2-level LIST of primitives).
    const MappedNode& element = node.children[0];
    if (value.children().empty() && element.is_leaf() &&
        metadata_.schema().node(element.node_index).repetition == parquet::Repetition::kRepeated) {
      return std::optional<json>(json(nullptr));
    }
    json out = json::array();
    for (const Value& e : value.children()) {
      FLOE_ASSIGN_OR_RETURN(std::optional<json> j, ToJson(node.children[0], e));
      out.push_back(j.has_value() ? std::move(*j) : json(nullptr));
    }
    return std::optional<json>(std::move(out));
  }
  if (id == TypeId::kMap) {
    json out = json::object();
    const MappedNode& key_node = node.children[0];
    const MappedNode& value_node = node.children[1];
    for (const Value& entry : value.children()) {
      const Value& key = entry.children()[0];
      if (key.type().IsNested()) return Status::NotSupported("map with a nested key");
      FLOE_ASSIGN_OR_RETURN(std::optional<json> k, ToJson(key_node, key));
      const SchemaNode& key_el = metadata_.schema().node(key_node.node_index);
      const bool key_is_date = key_el.converted_type == ConvertedType::kDate ||
                               key_el.converted_type == ConvertedType::kTimestampMillis ||
                               key_el.converted_type == ConvertedType::kTimestampMicros ||
                               (key_el.logical_type && key_el.logical_type->__isset.TIMESTAMP) ||
                               key_el.physical_type == PhysicalType::kInt96;
      if (key_is_date) return Status::NotSupported("map key is a Date: String(Date) is local time");
      // String(key), as an object property name.
      std::string name;
      if (!k.has_value() || k->is_null()) {
        name = "null";
      } else if (k->is_string()) {
        name = k->get<std::string>();
      } else if (k->is_boolean()) {
        name = k->get<bool>() ? "true" : "false";
      } else if (k->is_number_integer()) {
        name = k->dump();
      } else if (k->is_number_float()) {
        name = JsNumberToString(k->get<double>());
      } else if (k->is_array()) {  // Uint8Array: "1,2,3"
        for (size_t i = 0; i < k->size(); ++i) name += (i ? "," : "") + (*k)[i].dump();
      } else {
        return Status::NotSupported("map key {} has no simple String()", k->dump());
      }
      FLOE_ASSIGN_OR_RETURN(std::optional<json> v, ToJson(value_node, entry.children()[1]));
      out[name] = v.has_value() ? std::move(*v) : json(nullptr);
    }
    return std::optional<json>(std::move(out));
  }
  FLOE_ASSIGN_OR_RETURN(json leaf, LeafToJson(node, value));
  return std::optional<json>(std::move(leaf));
}

}  // namespace floe::test
