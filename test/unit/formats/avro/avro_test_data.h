// Test data for the Avro tests: an Iceberg-manifest-like schema with generated records, and a
// record of every Avro type. Datums are views: the storage lives in the returned struct.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_schema.h"

namespace floe::avro::testdata {

// Iceberg v2's manifest_entry, as Java's Iceberg writes it (maps with int keys as arrays of
// key/value records, field ids everywhere), plus a string map.
inline constexpr const char* kManifestLikeSchema = R"({
 "type": "record", "name": "manifest_entry", "fields": [
  {"name": "status", "type": "int", "field-id": 0},
  {"name": "snapshot_id", "type": ["null", "long"], "default": null, "field-id": 1},
  {"name": "sequence_number", "type": ["null", "long"], "default": null, "field-id": 3},
  {"name": "file_sequence_number", "type": ["null", "long"], "default": null, "field-id": 4},
  {"name": "data_file", "field-id": 2, "type": {"type": "record", "name": "r2", "fields": [
   {"name": "content", "type": "int", "field-id": 134},
   {"name": "file_path", "type": "string", "field-id": 100},
   {"name": "file_format", "type": "string", "field-id": 101},
   {"name": "partition", "field-id": 102, "type": {"type": "record", "name": "r102",
    "fields": [{"name": "day", "type": ["null", {"type": "int", "logicalType": "date"}],
                "default": null, "field-id": 1000}]}},
   {"name": "record_count", "type": "long", "field-id": 103},
   {"name": "file_size_in_bytes", "type": "long", "field-id": 104},
   {"name": "column_sizes", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k117_v118", "fields": [
      {"name": "key", "type": "int", "field-id": 117},
      {"name": "value", "type": "long", "field-id": 118}]}}], "default": null, "field-id": 108},
   {"name": "value_counts", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k119_v120", "fields": [
      {"name": "key", "type": "int", "field-id": 119},
      {"name": "value", "type": "long", "field-id": 120}]}}], "default": null, "field-id": 109},
   {"name": "null_value_counts", "type": ["null", {"type": "array", "logicalType": "map",
     "items": {"type": "record", "name": "k121_v122", "fields": [
      {"name": "key", "type": "int", "field-id": 121},
      {"name": "value", "type": "long", "field-id": 122}]}}], "default": null, "field-id": 110},
   {"name": "lower_bounds", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k126_v127", "fields": [
      {"name": "key", "type": "int", "field-id": 126},
      {"name": "value", "type": "bytes", "field-id": 127}]}}], "default": null, "field-id": 125},
   {"name": "upper_bounds", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k129_v130", "fields": [
      {"name": "key", "type": "int", "field-id": 129},
      {"name": "value", "type": "bytes", "field-id": 130}]}}], "default": null, "field-id": 128},
   {"name": "key_metadata", "type": ["null", "bytes"], "default": null, "field-id": 131},
   {"name": "split_offsets", "type": ["null", {"type": "array", "items": "long",
     "element-id": 133}], "default": null, "field-id": 132},
   {"name": "properties", "type": ["null", {"type": "map", "values": "string", "key-id": 201,
     "value-id": 202}], "default": null, "field-id": 200},
   {"name": "sort_order_id", "type": ["null", "int"], "default": null, "field-id": 140}]}}]})";

struct Data {
  std::shared_ptr<const AvroSchema> schema;
  std::vector<AvroDatum> records;
  std::deque<std::vector<AvroDatum>> nodes;
  std::deque<std::string> strings;

  std::string_view Keep(std::string s) {
    strings.push_back(std::move(s));
    return strings.back();
  }
  std::span<const AvroDatum> Keep(std::vector<AvroDatum> v) {
    nodes.push_back(std::move(v));
    return nodes.back();
  }
};

// `n` manifest entries with `columns` columns of statistics each.
inline std::unique_ptr<Data> MakeManifestLike(int n, int columns, uint64_t seed = 1) {
  auto data = std::make_unique<Data>();
  data->schema = AvroSchema::Parse(kManifestLikeSchema).value();
  std::mt19937_64 rng(seed);
  for (int r = 0; r < n; ++r) {
    auto kv_longs = [&](int base) {
      std::vector<AvroDatum> items;
      for (int c = 0; c < columns; ++c) {
        const AvroDatum* kv = data->Keep({AvroDatum::Int(base + c),
                                          AvroDatum::Long(static_cast<int64_t>(rng() % 100000))})
                                  .data();
        items.push_back(AvroDatum::Record({kv, 2}));
      }
      return AvroDatum::Array(data->Keep(std::move(items))).WithBranch(1);
    };
    auto kv_bytes = [&](int salt) {
      std::vector<AvroDatum> items;
      for (int c = 0; c < columns; ++c) {
        std::string bound(8, '\0');
        const uint64_t v = rng() ^ static_cast<uint64_t>(salt);
        for (int i = 0; i < 8; ++i) bound[i] = static_cast<char>(v >> (8 * i));
        const AvroDatum* kv =
            data->Keep({AvroDatum::Int(c + 1), AvroDatum::Bytes(data->Keep(bound))}).data();
        items.push_back(AvroDatum::Record({kv, 2}));
      }
      return AvroDatum::Array(data->Keep(std::move(items))).WithBranch(1);
    };
    std::vector<AvroDatum> partition = {r % 5 == 0 ? AvroDatum::Null()
                                                   : AvroDatum::Int(19000 + r % 365).WithBranch(1)};
    std::vector<AvroDatum> properties = {AvroDatum::String("writer"),
                                         AvroDatum::String("floe-test"), AvroDatum::String("row"),
                                         AvroDatum::String(data->Keep(std::to_string(r)))};
    std::vector<AvroDatum> offsets = {AvroDatum::Long(4), AvroDatum::Long(4 + r * 1024)};
    std::vector<AvroDatum> file = {
        AvroDatum::Int(0),
        AvroDatum::String(data->Keep(
            fmt::format("s3://bucket/warehouse/db/table/data/day={}/00000-{}-{:016x}.parquet",
                        r % 365, r, rng()))),
        AvroDatum::String("PARQUET"),
        AvroDatum::Record(data->Keep(std::move(partition))),
        AvroDatum::Long(static_cast<int64_t>(rng() % 1000000)),
        AvroDatum::Long(static_cast<int64_t>(rng() % (int64_t{1} << 34))),
        kv_longs(1),
        kv_longs(1),
        kv_longs(1),
        kv_bytes(1),
        kv_bytes(2),
        r % 3 == 0 ? AvroDatum::Bytes(data->Keep(std::string("\x01\x02\x03", 3))).WithBranch(1)
                   : AvroDatum::Null(),
        AvroDatum::Array(data->Keep(std::move(offsets))).WithBranch(1),
        r % 2 == 0 ? AvroDatum::Map(data->Keep(std::move(properties))).WithBranch(1)
                   : AvroDatum::Null(),
        r % 4 == 0 ? AvroDatum::Null() : AvroDatum::Int(r % 7).WithBranch(1)};
    std::vector<AvroDatum> entry = {
        AvroDatum::Int(r % 3), AvroDatum::Long(static_cast<int64_t>(rng() >> 1)).WithBranch(1),
        r % 2 == 0 ? AvroDatum::Null() : AvroDatum::Long(r).WithBranch(1),
        AvroDatum::Long(r).WithBranch(1), AvroDatum::Record(data->Keep(std::move(file)))};
    data->records.push_back(AvroDatum::Record(data->Keep(std::move(entry))));
  }
  return data;
}

inline constexpr const char* kAllTypesSchema = R"({
 "type": "record", "name": "all_types", "namespace": "floe.test", "fields": [
  {"name": "n", "type": "null"},
  {"name": "b", "type": "boolean"},
  {"name": "i", "type": "int"},
  {"name": "l", "type": "long"},
  {"name": "f", "type": "float"},
  {"name": "d", "type": "double"},
  {"name": "s", "type": "string"},
  {"name": "by", "type": "bytes"},
  {"name": "fx", "type": {"type": "fixed", "name": "three", "size": 3}},
  {"name": "e", "type": {"type": "enum", "name": "suit", "symbols": ["SPADES", "HEARTS"]}},
  {"name": "arr", "type": {"type": "array", "items": "int"}},
  {"name": "m", "type": {"type": "map", "values": "double"}},
  {"name": "u", "type": ["null", "string", "long"]},
  {"name": "nested", "type": {"type": "record", "name": "inner", "fields": [
    {"name": "again", "type": ["null", "three"]},
    {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
    {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10,
                             "scale": 2}}]}}]})";

// Records of every type, with edge values (extremes, NaN, infinities, empty strings, UTF-8).
inline std::unique_ptr<Data> MakeAllTypes(int n) {
  auto data = std::make_unique<Data>();
  data->schema = AvroSchema::Parse(kAllTypesSchema).value();
  const int64_t longs[] = {0, -1, INT64_MAX, INT64_MIN, 1234567890123};
  const double doubles[] = {0.0,
                            -0.0,
                            1e308,
                            -2.5,
                            std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::infinity(),
                            5e-324};
  const float floats[] = {0.0f,
                          1.5f,
                          -3.25e38f,
                          std::numeric_limits<float>::quiet_NaN(),
                          -std::numeric_limits<float>::infinity(),
                          0.1f};
  const char* strings[] = {"", "plain", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", "q\"uote\\",
                           "line\nbreak"};
  for (int r = 0; r < n; ++r) {
    std::vector<AvroDatum> arr;
    for (int k = 0; k < r % 4; ++k) arr.push_back(AvroDatum::Int(k * r - 7));
    std::vector<AvroDatum> map;
    for (int k = 0; k < r % 3; ++k) {
      map.push_back(AvroDatum::String(data->Keep("key" + std::to_string(k))));
      map.push_back(AvroDatum::Double(doubles[(r + k) % 7]));
    }
    AvroDatum u = r % 3 == 0   ? AvroDatum::Null()
                  : r % 3 == 1 ? AvroDatum::String(strings[r % 5]).WithBranch(1)
                               : AvroDatum::Long(longs[r % 5]).WithBranch(2);
    std::string fixed = {static_cast<char>(r), '\xff', '\0'};
    std::string_view kept_fixed = data->Keep(fixed);
    std::vector<AvroDatum> inner = {
        r % 2 == 0 ? AvroDatum::Null() : AvroDatum::Fixed(kept_fixed).WithBranch(1),
        AvroDatum::Long(1700000000000000 + r),
        AvroDatum::Bytes(data->Keep(std::string(1 + r % 3, static_cast<char>(0x80 + r % 16))))};
    std::vector<AvroDatum> fields = {
        AvroDatum::Null(),
        AvroDatum::Boolean(r % 2 == 1),
        AvroDatum::Int(r % 2 == 0 ? INT32_MIN + r : INT32_MAX - r),
        AvroDatum::Long(longs[r % 5]),
        AvroDatum::Float(floats[r % 6]),
        AvroDatum::Double(doubles[r % 7]),
        AvroDatum::String(strings[r % 5]),
        AvroDatum::Bytes(data->Keep(std::string(static_cast<size_t>(r % 5), '\x00'))),
        AvroDatum::Fixed(kept_fixed),
        AvroDatum::Enum(r % 2),
        AvroDatum::Array(data->Keep(std::move(arr))),
        AvroDatum::Map(data->Keep(std::move(map))),
        u,
        AvroDatum::Record(data->Keep(std::move(inner)))};
    data->records.push_back(AvroDatum::Record(data->Keep(std::move(fields))));
  }
  return data;
}

}  // namespace floe::avro::testdata
