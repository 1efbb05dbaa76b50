#include "util/canonical_floe_value.h"

#include <cstdio>

#include "util/canonical_value.h"

namespace floe::test {
namespace {

std::string UuidText(const std::string& b) {
  std::string out;
  char buf[3];
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    std::snprintf(buf, sizeof(buf), "%02x", static_cast<unsigned char>(b[i]));
    out += buf;
  }
  return out;
}

bool IsNested(const LogicalType& t) {
  return t.id() == TypeId::kStruct || t.id() == TypeId::kList || t.id() == TypeId::kMap;
}

std::string Element(const Value& v) {
  return NestedElement(CanonicalCell(v),
                       IsNested(v.type()) ? NestedKind::kNested : NestedKind::kScalar);
}

}  // namespace

QueryCell CanonicalCell(const Value& v) {
  if (v.is_null()) return std::nullopt;
  const LogicalType& t = v.type();
  switch (t.id()) {
    case TypeId::kBoolean:
      return CanonicalBool(v.GetBool());
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return CanonicalInteger(v.GetInt64());
    case TypeId::kFloat:
      return CanonicalFloat(v.GetFloat());
    case TypeId::kDouble:
      return CanonicalDouble(v.GetDouble());
    case TypeId::kDecimal:
      return CanonicalDecimal(v.GetDecimal(), t.scale());
    case TypeId::kDate:
      return CanonicalDate(static_cast<int32_t>(v.GetInt64()));
    case TypeId::kTime:
      return CanonicalTime(v.GetInt64());
    case TypeId::kTimestamp:
      return CanonicalTimestamp(v.GetInt64());
    case TypeId::kTimestampTz:
      return CanonicalTimestampTz(v.GetInt64());
    case TypeId::kTimestampNs: {
      // DuckDB shows TIMESTAMP_NS with nanosecond digits; render micros + the rest.
      __int128 ns = v.GetInt64();
      __int128 us = ns >= 0 ? ns / 1000 : -((-ns + 999) / 1000);  // floor
      int64_t rest = static_cast<int64_t>(ns - us * 1000);
      std::string s = CanonicalTimestamp(static_cast<int64_t>(us));
      if (rest != 0) {
        if (s.find('.') == std::string::npos) s += ".000000";
        while (s.size() - s.find('.') < 7) s += "0";
        char buf[4];
        std::snprintf(buf, sizeof(buf), "%03d", static_cast<int>(rest));
        s += buf;
        while (s.back() == '0') s.pop_back();
      }
      return s;
    }
    // DuckDB has no nanosecond TIMESTAMPTZ: it truncates to microseconds
    // toward zero, and so does this rendering.
    case TypeId::kTimestampTzNs:
      return CanonicalTimestampTz(v.GetInt64() / 1000);
    case TypeId::kString:
      return v.GetString();
    case TypeId::kBinary:
    case TypeId::kFixed:
      return CanonicalBlob(v.GetString());
    case TypeId::kUuid:
      return UuidText(v.GetString());
    case TypeId::kList: {
      std::vector<std::string> elements;
      for (const Value& e : v.children()) elements.push_back(Element(e));
      return CanonicalList(elements);
    }
    case TypeId::kStruct: {
      std::vector<std::pair<std::string, std::string>> fields;
      for (size_t i = 0; i < v.children().size(); ++i) {
        fields.emplace_back(t.children()[i].name, Element(v.children()[i]));
      }
      return CanonicalStruct(fields);
    }
    case TypeId::kMap: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (const Value& kv : v.children()) {
        entries.emplace_back(Element(kv.children()[0]), Element(kv.children()[1]));
      }
      return CanonicalMap(entries);
    }
  }
  return std::nullopt;
}

void AppendCanonicalRows(const DataChunk& chunk, QueryResult& result) {
  for (int64_t r = 0; r < chunk.size(); ++r) {
    QueryRow row;
    for (size_t c = 0; c < chunk.column_count(); ++c)
      row.push_back(CanonicalCell(chunk.GetValue(c, r)));
    result.rows.push_back(std::move(row));
  }
}

}  // namespace floe::test
