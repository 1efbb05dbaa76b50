// Files written by ParquetWriter read back by hyparquet, a second reader
// independent of both Floe and DuckDB (test/peers/hyparquet_read.mjs): every
// value, and the page index. hyparquet decompresses only snappy, so these
// files are snappy or uncompressed; it turns decimals into doubles, so
// decimals are left to the DuckDB tests.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/child_process.h"
#include "util/node_peer.h"
#include "util/temp_dir.h"
#include "writer_test_util.h"

namespace floe::parquet::test {
namespace {

using ::floe::test::TempDir;
using Json = nlohmann::json;

// hyparquet's reading of `path`, or NotFound when node or hyparquet is missing.
Result<Json> ReadWithHyparquet(const std::string& path) {
  FLOE_ASSIGN_OR_RETURN(std::string node, ::floe::test::FindNode());
  FLOE_ASSIGN_OR_RETURN(std::string script,
                        ::floe::test::FindPeerScript("hyparquet_read.mjs", "hyparquet"));
  FLOE_ASSIGN_OR_RETURN(auto child, ::floe::test::ChildProcess::Spawn(node, {script, path}));
  Result<std::string> line = child->ReadLine(std::chrono::milliseconds(120000));
  if (!line.has_value()) {
    return Status::Internal("hyparquet failed: {} ({})", line.error().ToString(),
                            child->stderr_tail());
  }
  return Json::parse(*line);
}

#define FLOE_READ_WITH_HYPARQUET_OR_SKIP(lhs, path)                     \
  auto FLOE_TEST_CONCAT(_hy_, __LINE__) = ReadWithHyparquet(path);      \
  if (!FLOE_TEST_CONCAT(_hy_, __LINE__).has_value() &&                  \
      FLOE_TEST_CONCAT(_hy_, __LINE__).error().IsNotFound()) {          \
    GTEST_SKIP() << FLOE_TEST_CONCAT(_hy_, __LINE__).error().message(); \
  }                                                                     \
  ASSERT_OK_AND_ASSIGN(lhs, std::move(FLOE_TEST_CONCAT(_hy_, __LINE__)))

// JavaScript's Number.prototype.toString of `v` (shortest round-trip digits).
std::string JsNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buf[64];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof(buf), std::fabs(v), std::chars_format::scientific);
  const std::string text(buf, end);
  const size_t e = text.find('e');
  std::string digits = text.substr(0, 1) + (e > 2 ? text.substr(2, e - 2) : "");
  const int n = std::stoi(text.substr(e + 1)) + 1;  // the decimal point's position
  const int k = static_cast<int>(digits.size());
  std::string out = v < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" +
           (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string LowerHex(const std::string& bytes) { return Hex(bytes); }

// `value` as hyparquet_read.mjs renders what hyparquet read for it.
std::optional<std::string> HyText(const Value& value) {
  if (value.is_null()) return std::nullopt;
  auto nested = [](const Value& v) { return HyText(v).value_or("null"); };
  auto quoted = [](const std::string& s) { return Json(s).dump(); };
  switch (value.type().id()) {
    case TypeId::kBoolean:
      return value.GetBool() ? "true" : "false";
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kTime:
      return std::to_string(value.GetInt64());
    case TypeId::kFloat:
      return JsNumber(static_cast<double>(value.GetFloat()));
    case TypeId::kDouble:
      return JsNumber(value.GetDouble());
    case TypeId::kDate:
      return quoted("d:" + std::to_string(value.GetInt64()));
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return quoted("us:" + std::to_string(value.GetInt64()));
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return quoted("ns:" + std::to_string(value.GetInt64()));
    case TypeId::kString:
      return quoted(value.GetString());
    case TypeId::kBinary:
    case TypeId::kFixed:
      return "0x" + LowerHex(value.GetString());
    case TypeId::kUuid:
      return quoted("u:" + LowerHex(value.GetString()));
    case TypeId::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.children().size(); ++i) {
        out += (i ? "," : "") + nested(value.children()[i]);
      }
      return out + "]";
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        out += (i ? "," : "") + quoted(value.type().children()[i].name) + ":" +
               nested(value.children()[i]);
      }
      return out + "}";
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        const Value& entry = value.children()[i];
        out += (i ? "," : "") + quoted(entry.children()[0].GetString()) + ":" +
               nested(entry.children()[1]);
      }
      return out + "}";
    }
    case TypeId::kDecimal:
      break;
  }
  return "unsupported";
}

void ExpectSameRows(const Json& read, const std::vector<std::vector<Value>>& rows) {
  ASSERT_EQ(read["rows"].size(), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const Json& row = read["rows"][r];
    ASSERT_EQ(row.size(), rows[r].size());
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::optional<std::string> expected = HyText(rows[r][c]);
      const std::optional<std::string> got =
          row[c].is_null() ? std::nullopt : std::optional<std::string>(row[c].get<std::string>());
      ASSERT_EQ(got, expected) << "row " << r << " column " << c;
    }
  }
}

TEST(JsNumberTest, MatchesJavaScript) {
  EXPECT_EQ(JsNumber(1.0), "1");
  EXPECT_EQ(JsNumber(-2.5), "-2.5");
  EXPECT_EQ(JsNumber(0.1), "0.1");
  EXPECT_EQ(JsNumber(static_cast<double>(0.1f)), "0.10000000149011612");
  EXPECT_EQ(JsNumber(1e21), "1e+21");
  EXPECT_EQ(JsNumber(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(JsNumber(1e-7), "1e-7");
  EXPECT_EQ(JsNumber(1.5e-6), "0.0000015");
  EXPECT_EQ(JsNumber(-0.0), "-0");
}

std::vector<WriterField> ScalarFields() {
  int id = 1;
  auto f = [&](const char* name, LogicalType type) {
    return WriterField::FromType(name, std::move(type), id++);
  };
  return {f("b", LogicalType::Boolean()),         f("i8", LogicalType::Int8()),
          f("i16", LogicalType::Int16()),         f("i32", LogicalType::Int32()),
          f("i64", LogicalType::Int64()),         f("f32", LogicalType::Float()),
          f("f64", LogicalType::Double()),        f("date", LogicalType::Date()),
          f("time", LogicalType::Time()),         f("ts", LogicalType::Timestamp()),
          f("tstz", LogicalType::TimestampTz()),  f("ts_ns", LogicalType::TimestampNs()),
          f("s", LogicalType::String()),          f("bin", LogicalType::Binary()),
          f("fx", LogicalType::Fixed(3).value()), f("u", LogicalType::Uuid())};
}

std::vector<std::vector<Value>> ScalarRows(const std::vector<WriterField>& fields, int n) {
  std::mt19937_64 rng(21);
  std::vector<std::vector<Value>> rows;
  auto bytes = [&](size_t len) {
    std::string s(len, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  };
  for (int i = 0; i < n; ++i) {
    std::vector<Value> row;
    for (const WriterField& f : fields) {
      if (rng() % 6 == 0) {
        row.push_back(Value::Null(f.type));
        continue;
      }
      const auto r = static_cast<int64_t>(rng());
      switch (f.type.id()) {
        case TypeId::kBoolean:
          row.push_back(Value::Boolean(r & 1));
          break;
        case TypeId::kInt8:
          row.push_back(Value::Int8(static_cast<int8_t>(r)));
          break;
        case TypeId::kInt16:
          row.push_back(Value::Int16(static_cast<int16_t>(r)));
          break;
        case TypeId::kInt32:
          row.push_back(Value::Int32(static_cast<int32_t>(r)));
          break;
        case TypeId::kInt64:
          row.push_back(Value::Int64(r));
          break;
        case TypeId::kFloat:
          row.push_back(Value::Float(i == 0 ? -0.0f : static_cast<float>(r % 100000) / 64.0f));
          break;
        case TypeId::kDouble:
          row.push_back(Value::Double(i == 1 ? std::numeric_limits<double>::quiet_NaN()
                                             : static_cast<double>(r) / 3));
          break;
        case TypeId::kDate:
          row.push_back(Value::Date(static_cast<int32_t>(r % 50000)));
          break;
        case TypeId::kTime:
          row.push_back(
              Value::Time(static_cast<int64_t>(static_cast<uint64_t>(r) % 86400000000ULL)));
          break;
        case TypeId::kTimestamp:
          row.push_back(Value::Timestamp(r % 4000000000000000LL));
          break;
        case TypeId::kTimestampTz:
          row.push_back(Value::TimestampTz(r % 4000000000000000LL));
          break;
        case TypeId::kTimestampNs:
          row.push_back(Value::TimestampNs(r));
          break;
        case TypeId::kString:
          row.push_back(Value::String(fmt::format("s{}\xC3\xA9\"q\\", r % 1000)));
          break;
        case TypeId::kBinary:
          row.push_back(Value::Binary(bytes(static_cast<uint64_t>(r) % 9)));
          break;
        case TypeId::kFixed:
          row.push_back(Value::Fixed(bytes(3)).value());
          break;
        case TypeId::kUuid:
          row.push_back(Value::Uuid(bytes(16)).value());
          break;
        default:
          break;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

class ParquetWriterHyparquetTest : public ::testing::TestWithParam<DataPageVersion> {};

TEST_P(ParquetWriterHyparquetTest, ScalarTypes) {
  TempDir dir;
  const std::string path = dir.path() + "/scalars.parquet";
  const std::vector<WriterField> fields = ScalarFields();
  const auto rows = ScalarRows(fields, 3000);
  for (bool dictionary : {true, false}) {
    ParquetWriterOptions options;
    options.compression = dictionary ? CompressionKind::kSnappy : CompressionKind::kUncompressed;
    options.enable_dictionary = dictionary;
    options.data_page_version = GetParam();
    options.page_size = 2048;
    ASSERT_OK(WriteRows(path, fields, rows, options));
    FLOE_READ_WITH_HYPARQUET_OR_SKIP(Json read, path);
    ExpectSameRows(read, rows);
  }
}

TEST_P(ParquetWriterHyparquetTest, NestedTypes) {
  TempDir dir;
  const std::string path = dir.path() + "/nested.parquet";
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  const LogicalType matrix = LogicalType::List(ints);
  const LogicalType point =
      LogicalType::Struct(
          {{"x", LogicalType::Double()}, {"tags", LogicalType::List(LogicalType::String())}})
          .value();
  const LogicalType by_name = LogicalType::Map(LogicalType::String(), point);
  const LogicalType doc =
      LogicalType::Struct(
          {{"m", LogicalType::Map(LogicalType::String(), LogicalType::Int64())}, {"l", matrix}})
          .value();
  const std::vector<WriterField> fields = {
      WriterField::FromType("id", LogicalType::Int32(), 1, false),
      WriterField::FromType("matrix", matrix, 2), WriterField::FromType("by_name", by_name, 3),
      WriterField::FromType("doc", doc, 4)};
  std::mt19937_64 rng(5);
  auto maybe_null = [&](const LogicalType& type, auto make) {
    return rng() % 5 == 0 ? Value::Null(type) : make();
  };
  std::function<Value(const LogicalType&)> random = [&](const LogicalType& type) -> Value {
    return maybe_null(type, [&]() -> Value {
      switch (type.id()) {
        case TypeId::kInt32:
          return Value::Int32(static_cast<int32_t>(rng() % 100));
        case TypeId::kInt64:
          return Value::Int64(static_cast<int64_t>(rng()));
        case TypeId::kDouble:
          return Value::Double(static_cast<double>(rng() % 1000) / 8);
        case TypeId::kString:
          return Value::String(std::string(rng() % 4, 'z'));
        case TypeId::kList: {
          std::vector<Value> elements;
          for (size_t i = rng() % 4; i > 0; --i) elements.push_back(random(type.child_type(0)));
          return Value::List(type, elements).value();
        }
        case TypeId::kMap: {
          std::vector<std::pair<Value, Value>> entries;
          const size_t n = rng() % 4;
          for (size_t i = 0; i < n; ++i) {
            entries.emplace_back(Value::String("k" + std::to_string(i)),
                                 random(type.child_type(1)));
          }
          return Value::Map(type, entries).value();
        }
        default: {
          std::vector<Value> values;
          for (const StructField& f : type.children()) values.push_back(random(f.type));
          return Value::Struct(type, values).value();
        }
      }
    });
  };
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 2000; ++i) {
    rows.push_back({Value::Int32(i), random(matrix), random(by_name), random(doc)});
  }
  ParquetWriterOptions options;
  options.compression = CompressionKind::kSnappy;
  options.data_page_version = GetParam();
  options.page_size = 1024;
  ASSERT_OK(WriteRows(path, fields, rows, options));
  FLOE_READ_WITH_HYPARQUET_OR_SKIP(Json read, path);
  ExpectSameRows(read, rows);
}

TEST_P(ParquetWriterHyparquetTest, PageIndex) {
  TempDir dir;
  const std::string path = dir.path() + "/index.parquet";
  const std::vector<WriterField> fields = {WriterField::FromType("id", LogicalType::Int64()),
                                           WriterField::FromType("name", LogicalType::String()),
                                           WriterField::FromType("nulls", LogicalType::Double())};
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 5000; ++i) {
    rows.push_back({Value::Int64(i), Value::String(fmt::format("n{:05d}", 5000 - i)),
                    i < 1000 ? Value::Null(LogicalType::Double()) : Value::Double(i % 13)});
  }
  ParquetWriterOptions options;
  options.compression = CompressionKind::kSnappy;
  options.data_page_version = GetParam();
  options.max_rows_per_page = 500;
  options.max_row_group_rows = 3000;
  ASSERT_OK(WriteRows(path, fields, rows, options));
  FLOE_READ_WITH_HYPARQUET_OR_SKIP(Json read, path);
  ExpectSameRows(read, rows);
  ASSERT_OK_AND_ASSIGN(auto footer, ReadFooter(path));
  ASSERT_OK_AND_ASSIGN(std::vector<format::OffsetIndex> offsets, ReadOffsetIndexes(path, *footer));
  const Json& chunks = read["chunks"];
  ASSERT_EQ(chunks.size(), 6u);  // 2 row groups x 3 columns
  for (size_t k = 0; k < chunks.size(); ++k) {
    SCOPED_TRACE(k);
    const Json& chunk = chunks[k];
    const size_t rg = chunk["row_group"].get<size_t>();
    const size_t pages = rg == 0 ? 6 : 4;
    ASSERT_EQ(chunk["offset_index"].size(), pages);
    for (size_t p = 0; p < pages; ++p) {
      const format::PageLocation& ours = offsets[k].page_locations[p];
      EXPECT_EQ(chunk["offset_index"][p][0].get<int64_t>(), ours.offset);
      EXPECT_EQ(chunk["offset_index"][p][1].get<int64_t>(), ours.compressed_page_size);
      EXPECT_EQ(chunk["offset_index"][p][2].get<int64_t>(), static_cast<int64_t>(p) * 500);
    }
    const Json& index = chunk["column_index"];
    ASSERT_FALSE(index.is_null());
    const size_t column = chunk["column"].get<size_t>();
    const int64_t first = rg == 0 ? 0 : 3000;
    for (size_t p = 0; p < pages; ++p) {
      const int64_t lo = first + static_cast<int64_t>(p) * 500;
      const int64_t hi = lo + 499;
      if (column == 0) {
        EXPECT_EQ(index["min_values"][p], std::to_string(lo));
        EXPECT_EQ(index["max_values"][p], std::to_string(hi));
      } else if (column == 1) {
        EXPECT_EQ(index["min_values"][p], Json(fmt::format("n{:05d}", 5000 - hi)).dump());
        EXPECT_EQ(index["max_values"][p], Json(fmt::format("n{:05d}", 5000 - lo)).dump());
      } else {
        EXPECT_EQ(index["null_pages"][p].get<bool>(), hi < 1000);
        EXPECT_EQ(index["null_counts"][p].get<int64_t>(), hi < 1000 ? 500 : 0);
      }
    }
    // The third column's non-null pages all span 0..12: ascending (and
    // descending), reported as ascending.
    EXPECT_EQ(index["boundary_order"], column == 1 ? "DESCENDING" : "ASCENDING");
  }
}

INSTANTIATE_TEST_SUITE_P(PageVersions, ParquetWriterHyparquetTest,
                         ::testing::Values(DataPageVersion::kV1, DataPageVersion::kV2),
                         [](const ::testing::TestParamInfo<DataPageVersion>& info) {
                           return info.param == DataPageVersion::kV1 ? "v1" : "v2";
                         });

}  // namespace
}  // namespace floe::parquet::test
