// Floe's manifests and manifest lists read by an independent Avro implementation, Apache Avro's
// Python library (python3-avro): every record as Floe meant it, in every codec, and the writer
// schema in each header carrying the spec's field names, ids, requiredness and Iceberg's map
// encoding, with the header metadata the spec requires.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "iceberg/manifest_list.h"
#include "iceberg/manifest_writer.h"
#include "iceberg/partition_spec.h"
#include "iceberg/schema_json.h"
#include "iceberg/single_value.h"
#include "io/local_file_io.h"
#include "util/avro_peer.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using NJson = nlohmann::json;

#define REQUIRE_PYTHON_AVRO()                                                                 \
  do {                                                                                        \
    auto _python = test::FindPythonAvro();                                                    \
    if (!_python.has_value()) {                                                               \
      GTEST_SKIP() << "python3-avro is not available, so Floe's manifests cannot be checked " \
                      "against it: "                                                          \
                   << _python.error().message();                                              \
    }                                                                                         \
  } while (false)

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

NJson Bytes(std::string_view b) { return NJson{{"$bytes", Hex(b)}}; }

// 1: id long, 2: ts timestamp, 3: s string, 4: amount decimal(10,2), 5: u uuid, 6: f fixed[3],
// 7: x float.
Schema TableSchema() {
  return Schema::Make({NestedField::Required(1, "id", Type::Long()),
                       NestedField::Optional(2, "ts", Type::Timestamp()),
                       NestedField::Optional(3, "s", Type::String()),
                       NestedField::Optional(4, "amount", Type::Decimal(10, 2).value()),
                       NestedField::Optional(5, "u", Type::Uuid()),
                       NestedField::Optional(6, "f", Type::Fixed(3).value()),
                       NestedField::Optional(7, "x", Type::Float())},
                      1)
      .value();
}

PartitionSpec Spec() {
  auto t = [](const char* text) { return Transform::FromString(text).value(); };
  return PartitionSpec::Make(4, {PartitionField::Make(1, 1000, "id_bucket", t("bucket[8]")),
                                 PartitionField::Make(2, 1001, "ts_day", t("day")),
                                 PartitionField::Make(3, 1002, "s_trunc", t("truncate[2]")),
                                 PartitionField::Make(4, 1003, "amount", t("identity")),
                                 PartitionField::Make(5, 1004, "u", t("identity")),
                                 PartitionField::Make(6, 1005, "f", t("identity")),
                                 PartitionField::Make(7, 1006, "x", t("identity"))})
      .value();
}

// Partition tuples of a few rows; the last is all nulls.
std::vector<std::vector<Value>> Partitions() {
  const PartitionSpec spec = Spec();
  const std::string uuid("\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef", 16);
  std::vector<std::vector<Value>> sources = {
      {Value::Int64(34), Value::Timestamp(1'700'000'000'000'000), Value::String("hello"),
       Value::Decimal(-12345, 10, 2).value(), Value::Uuid(uuid).value(),
       Value::Fixed("abc").value(), Value::Float(2.5f)},
      {Value::Int64(-1), Value::Timestamp(-1), Value::String("é"),
       Value::Decimal(9999999999, 10, 2).value(), Value::Uuid(std::string(16, '\0')).value(),
       Value::Fixed(std::string(3, '\xff')).value(),
       Value::Float(std::numeric_limits<float>::quiet_NaN())},
  };
  std::vector<std::vector<Value>> out;
  for (const auto& row : sources) {
    std::vector<Value> p;
    for (size_t i = 0; i < row.size(); ++i)
      p.push_back(spec.fields()[i].transform.Apply(row[i]).value());
    out.push_back(std::move(p));
  }
  std::vector<Value> nulls;
  for (const auto& v : out[0]) nulls.push_back(Value::Null(v.type()));
  out.push_back(nulls);
  return out;
}

// What python3-avro should read for a partition value (logical types stripped: the Avro type
// underneath).
NJson RawPartitionValue(const Value& v, const Type& type) {
  if (v.is_null()) return nullptr;
  switch (type.kind()) {
    case TypeKind::kFloat:
      return std::isnan(v.GetFloat()) ? NJson("NaN") : NJson(static_cast<double>(v.GetFloat()));
    case TypeKind::kString:
      return v.GetString();
    case TypeKind::kUuid:
    case TypeKind::kFixed:
      return Bytes(v.GetString());
    case TypeKind::kDecimal: {
      // fixed(5) for precision 10: the minimal bytes, sign-extended.
      std::string minimal = DecimalToMinimalBytes(v.GetDecimal());
      return Bytes(std::string(5 - minimal.size(), v.GetDecimal() < 0 ? '\xff' : '\0') + minimal);
    }
    default:
      return v.GetInt64();
  }
}

NJson Counts(const ColumnCounts& counts) {
  if (counts.empty()) return nullptr;
  NJson out = NJson::array();
  for (const auto& [k, v] : counts) out.push_back({{"key", k}, {"value", v}});
  return out;
}

NJson Bounds(const ColumnBounds& bounds) {
  if (bounds.empty()) return nullptr;
  NJson out = NJson::array();
  for (const auto& [k, v] : bounds) out.push_back({{"key", k}, {"value", Bytes(v)}});
  return out;
}

template <typename T>
NJson Opt(const std::optional<T>& v) {
  return v.has_value() ? NJson(*v) : NJson();
}

NJson ExpectedRecord(const ManifestEntry& e, const Type& ptype, int format_version) {
  const DataFile& d = e.data_file;
  NJson partition = NJson::object();
  for (size_t i = 0; i < ptype.fields().size(); ++i) {
    partition[ptype.fields()[i].name] = RawPartitionValue(d.partition[i], ptype.fields()[i].type);
  }
  NJson df = {{"content", static_cast<int>(d.content)},
              {"file_path", d.file_path},
              {"file_format", std::string(FileFormatName(d.file_format))},
              {"partition", partition},
              {"record_count", d.record_count},
              {"file_size_in_bytes", d.file_size_in_bytes},
              {"column_sizes", Counts(d.column_sizes)},
              {"value_counts", Counts(d.value_counts)},
              {"null_value_counts", Counts(d.null_value_counts)},
              {"nan_value_counts", Counts(d.nan_value_counts)},
              {"lower_bounds", Bounds(d.lower_bounds)},
              {"upper_bounds", Bounds(d.upper_bounds)},
              {"key_metadata", d.key_metadata ? Bytes(*d.key_metadata) : NJson()},
              {"split_offsets", d.split_offsets.empty() ? NJson() : NJson(d.split_offsets)},
              {"equality_ids", d.equality_ids.empty() ? NJson() : NJson(d.equality_ids)},
              {"sort_order_id", Opt(d.sort_order_id)},
              {"referenced_data_file", Opt(d.referenced_data_file)}};
  if (format_version >= 3) {
    df["first_row_id"] = Opt(d.first_row_id);
    df["content_offset"] = Opt(d.content_offset);
    df["content_size_in_bytes"] = Opt(d.content_size_in_bytes);
  }
  return {{"status", static_cast<int>(e.status)},
          {"snapshot_id", Opt(e.snapshot_id)},
          {"sequence_number", Opt(e.sequence_number)},
          {"file_sequence_number", Opt(e.file_sequence_number)},
          {"data_file", df}};
}

// The fields of an Avro record schema (JSON) as "name:id" (id -1 when absent) and whether each
// is optional (a union with null and default null).
std::vector<std::string> FieldsOf(const NJson& record) {
  std::vector<std::string> out;
  for (const NJson& f : record["fields"]) {
    const bool optional = f["type"].is_array() && f["type"][0] == "null" && f.contains("default") &&
                          f["default"].is_null();
    out.push_back(fmt::format("{}:{}{}", f["name"].get<std::string>(), f.value("field-id", -1),
                              optional ? "?" : ""));
  }
  return out;
}

const NJson& FieldType(const NJson& record, std::string_view name) {
  for (const NJson& f : record["fields"]) {
    if (f["name"] == name) return f["type"].is_array() ? f["type"][1] : f["type"];
  }
  static const NJson none;
  ADD_FAILURE() << "no field " << name;
  return none;
}

// Iceberg's map encoding: an array of key/value records with logicalType "map".
void ExpectMap(const NJson& type, int key_id, int value_id, const char* value_type) {
  SCOPED_TRACE(type.dump());
  EXPECT_EQ(type["type"], "array");
  EXPECT_EQ(type["logicalType"], "map");
  EXPECT_EQ(FieldsOf(type["items"]), (std::vector<std::string>{fmt::format("key:{}", key_id),
                                                               fmt::format("value:{}", value_id)}));
  EXPECT_EQ(type["items"]["fields"][0]["type"], "int");
  EXPECT_EQ(type["items"]["fields"][1]["type"], value_type);
}

struct Written {
  std::string path;
  std::vector<ManifestEntry> entries;
  ManifestFile manifest;
};

Result<Written> WriteDataManifest(FileIO& io, const std::string& path, int format_version,
                                  avro::AvroCodec codec) {
  ManifestWriterOptions options;
  options.format_version = format_version;
  options.snapshot_id = 31;
  options.codec = codec;
  FLOE_ASSIGN_OR_RETURN(auto writer,
                        ManifestWriter::Make(io, path, TableSchema(), Spec(), options));
  Written w{path, {}, {}};
  int i = 0;
  for (auto& partition : Partitions()) {
    ManifestEntry e;
    e.status = i == 1 ? ManifestEntryStatus::kExisting : ManifestEntryStatus::kAdded;
    e.snapshot_id = i == 1 ? 30 : 31;
    if (i == 1) {
      e.sequence_number = 4;
      e.file_sequence_number = 5;
    }
    DataFile& d = e.data_file;
    d.file_path = fmt::format("s3://b/t/data/{}.parquet", i);
    d.spec_id = 4;
    d.partition = partition;
    d.record_count = 1000 + i;
    d.file_size_in_bytes = 50000 + i;
    d.column_sizes = {{1, 100}, {3, 300}};
    d.value_counts = {{1, 1000}};
    d.null_value_counts = {{1, 0}, {2, 7}};
    d.nan_value_counts = {{7, 1}};
    d.lower_bounds = {{1, SingleValueToBinary(Type::Long(), Value::Int64(-5)).value()}};
    d.upper_bounds = {{1, SingleValueToBinary(Type::Long(), Value::Int64(5)).value()}, {3, "zz"}};
    if (i == 0) d.key_metadata = std::string("\0\x01", 2);
    d.split_offsets = {4, 40000};
    d.sort_order_id = 1;
    if (format_version >= 3 && i == 1) d.first_row_id = 77;
    FLOE_RETURN_NOT_OK(writer->Write(e));
    w.entries.push_back(std::move(e));
    ++i;
  }
  FLOE_ASSIGN_OR_RETURN(w.manifest, writer->Close());
  return w;
}

TEST(IcebergManifestPeerTest, PythonAvroReadsFloesManifestsAndLists) {
  REQUIRE_PYTHON_AVRO();
  test::TempDir dir;
  LocalFileIO io;
  const Type ptype = Spec().PartitionType(TableSchema()).value();
  std::vector<std::string> paths;
  std::vector<NJson> expected;
  std::vector<std::string> kinds;
  const std::pair<int, avro::AvroCodec> variants[] = {
      {2, avro::AvroCodec::kDeflate},
      {2, avro::AvroCodec::kNull},
      {2, avro::AvroCodec::kSnappy},
      {3, avro::AvroCodec::kZstandard},
  };
  std::vector<ManifestFile> manifests;
  for (const auto& [version, codec] : variants) {
    const std::string path =
        fmt::format("{}/m-v{}-{}.avro", dir.path(), version, avro::AvroCodecName(codec));
    ASSERT_OK_AND_ASSIGN(Written w, WriteDataManifest(io, path, version, codec));
    NJson records = NJson::array();
    for (const auto& e : w.entries) records.push_back(ExpectedRecord(e, ptype, version));
    paths.push_back(path);
    expected.push_back(records);
    kinds.push_back(fmt::format("manifest v{}", version));
    if (version == 2) manifests.push_back(w.manifest);
  }
  // A delete manifest.
  {
    const std::string path = dir.path() + "/deletes.avro";
    ManifestWriterOptions options;
    options.content = ManifestContent::kDeletes;
    options.snapshot_id = 31;
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ManifestWriter::Make(io, path, TableSchema(), Spec(), options));
    DataFile eq;
    eq.content = DataFileContent::kEqualityDeletes;
    eq.file_path = "s3://b/t/data/eq.parquet";
    eq.spec_id = 4;
    eq.partition = Partitions()[2];
    eq.record_count = 3;
    eq.file_size_in_bytes = 700;
    eq.equality_ids = {1, 3};
    ASSERT_OK(writer->Add(eq));
    ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close());
    ManifestEntry e;
    e.status = ManifestEntryStatus::kAdded;
    e.snapshot_id = 31;
    e.data_file = eq;
    paths.push_back(path);
    expected.push_back(NJson::array({ExpectedRecord(e, ptype, 2)}));
    kinds.push_back("delete manifest");
    manifests.push_back(m);
  }
  // Manifest lists, v2 and v3.
  for (int version : {2, 3}) {
    const std::string path = fmt::format("{}/snap-v{}.avro", dir.path(), version);
    ManifestListWriterOptions lo;
    lo.format_version = version;
    lo.snapshot_id = 31;
    lo.parent_snapshot_id = version == 2 ? std::optional<int64_t>(30) : std::nullopt;
    lo.sequence_number = 6;
    if (version == 3) lo.first_row_id = 500;
    ASSERT_OK_AND_ASSIGN(auto writer, ManifestListWriter::Make(io, path, lo));
    NJson records = NJson::array();
    for (const ManifestFile& m : manifests) {
      ASSERT_OK_AND_ASSIGN(ManifestFile placed, writer->Add(m));
      NJson partitions = NJson::array();
      for (const auto& s : *placed.partitions) {
        partitions.push_back({{"contains_null", s.contains_null},
                              {"contains_nan", Opt(s.contains_nan)},
                              {"lower_bound", s.lower_bound ? Bytes(*s.lower_bound) : NJson()},
                              {"upper_bound", s.upper_bound ? Bytes(*s.upper_bound) : NJson()}});
      }
      NJson r = {{"manifest_path", placed.manifest_path},
                 {"manifest_length", placed.manifest_length},
                 {"partition_spec_id", 4},
                 {"content", static_cast<int>(placed.content)},
                 {"sequence_number", 6},
                 {"min_sequence_number", *placed.min_sequence_number},
                 {"added_snapshot_id", 31},
                 {"added_files_count", *placed.added_files_count},
                 {"existing_files_count", *placed.existing_files_count},
                 {"deleted_files_count", *placed.deleted_files_count},
                 {"added_rows_count", *placed.added_rows_count},
                 {"existing_rows_count", *placed.existing_rows_count},
                 {"deleted_rows_count", *placed.deleted_rows_count},
                 {"partitions", partitions},
                 {"key_metadata", nullptr}};
      if (version == 3) r["first_row_id"] = Opt(placed.first_row_id);
      records.push_back(r);
    }
    ASSERT_OK(writer->Close());
    paths.push_back(path);
    expected.push_back(records);
    kinds.push_back(fmt::format("manifest list v{}", version));
  }

  ASSERT_OK_AND_ASSIGN(auto peer, test::ReadWithPythonAvro(paths));
  ASSERT_EQ(peer.size(), paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    SCOPED_TRACE(kinds[i] + " " + paths[i]);
    ASSERT_TRUE(peer[i]["ok"].get<bool>()) << peer[i].dump();
    EXPECT_EQ(peer[i]["records"], expected[i])
        << "python: " << peer[i]["records"].dump() << "\nexpected: " << expected[i].dump();
  }

  // The headers as python3-avro read them.
  auto meta = [&](size_t i, const char* key) {
    return Unhex(peer[i]["meta"].value(key, std::string()));
  };
  for (size_t i = 0; i < 5; ++i) {  // the manifests
    SCOPED_TRACE(paths[i]);
    ASSERT_OK_AND_ASSIGN(Schema schema, SchemaFromJsonString(meta(i, "schema")));
    EXPECT_EQ(schema, TableSchema());
    EXPECT_EQ(meta(i, "schema-id"), "1");
    ASSERT_OK_AND_ASSIGN(Json spec_json, ParseJson(meta(i, "partition-spec"), "spec"));
    ASSERT_OK_AND_ASSIGN(PartitionSpec spec, PartitionSpecFromFieldsJson(spec_json, 4));
    EXPECT_EQ(spec, Spec());
    EXPECT_EQ(meta(i, "partition-spec-id"), "4");
    EXPECT_EQ(meta(i, "format-version"), i == 3 ? "3" : "2");
    EXPECT_EQ(meta(i, "content"), i == 4 ? "deletes" : "data");
    EXPECT_EQ(
        meta(i, "avro.codec"),
        std::string(avro::AvroCodecName(i < 4 ? variants[i].second : avro::AvroCodec::kDeflate)));

    // The writer schema: the spec's names, ids and requiredness.
    const NJson avro = NJson::parse(meta(i, "avro.schema"));
    EXPECT_EQ(avro["name"], "manifest_entry");
    EXPECT_EQ(FieldsOf(avro),
              (std::vector<std::string>{"status:0", "snapshot_id:1?", "sequence_number:3?",
                                        "file_sequence_number:4?", "data_file:2"}));
    const NJson& df = FieldType(avro, "data_file");
    std::vector<std::string> df_fields = {
        "content:134",           "file_path:100",      "file_format:101",
        "partition:102",         "record_count:103",   "file_size_in_bytes:104",
        "column_sizes:108?",     "value_counts:109?",  "null_value_counts:110?",
        "nan_value_counts:137?", "lower_bounds:125?",  "upper_bounds:128?",
        "key_metadata:131?",     "split_offsets:132?", "equality_ids:135?",
        "sort_order_id:140?"};
    if (i == 3) df_fields.push_back("first_row_id:142?");
    df_fields.push_back("referenced_data_file:143?");
    if (i == 3) {
      df_fields.push_back("content_offset:144?");
      df_fields.push_back("content_size_in_bytes:145?");
    }
    EXPECT_EQ(FieldsOf(df), df_fields);
    ExpectMap(FieldType(df, "column_sizes"), 117, 118, "long");
    ExpectMap(FieldType(df, "value_counts"), 119, 120, "long");
    ExpectMap(FieldType(df, "null_value_counts"), 121, 122, "long");
    ExpectMap(FieldType(df, "nan_value_counts"), 138, 139, "long");
    ExpectMap(FieldType(df, "lower_bounds"), 126, 127, "bytes");
    ExpectMap(FieldType(df, "upper_bounds"), 129, 130, "bytes");
    EXPECT_EQ(FieldType(df, "split_offsets")["element-id"], 133);
    EXPECT_EQ(FieldType(df, "split_offsets")["items"], "long");
    EXPECT_EQ(FieldType(df, "equality_ids")["element-id"], 136);
    EXPECT_EQ(FieldType(df, "equality_ids")["items"], "int");
    // The partition struct: the spec's field ids and names, optional, result types (Appendix A).
    const NJson& part = FieldType(df, "partition");
    EXPECT_EQ(FieldsOf(part),
              (std::vector<std::string>{"id_bucket:1000?", "ts_day:1001?", "s_trunc:1002?",
                                        "amount:1003?", "u:1004?", "f:1005?", "x:1006?"}));
    EXPECT_EQ(FieldType(part, "id_bucket"), "int");
    EXPECT_EQ(FieldType(part, "ts_day"), (NJson{{"type", "int"}, {"logicalType", "date"}}));
    EXPECT_EQ(FieldType(part, "s_trunc"), "string");
    const NJson& amount = FieldType(part, "amount");
    EXPECT_EQ(amount["type"], "fixed");
    EXPECT_EQ(amount["size"], 5);
    EXPECT_EQ(amount["logicalType"], "decimal");
    EXPECT_EQ(amount["precision"], 10);
    EXPECT_EQ(amount["scale"], 2);
    EXPECT_EQ(FieldType(part, "u")["size"], 16);
    EXPECT_EQ(FieldType(part, "u")["logicalType"], "uuid");
    EXPECT_EQ(FieldType(part, "f")["size"], 3);
    EXPECT_EQ(FieldType(part, "x"), "float");
  }
  for (size_t i = 5; i < 7; ++i) {  // the manifest lists
    SCOPED_TRACE(paths[i]);
    const int version = i == 5 ? 2 : 3;
    EXPECT_EQ(meta(i, "snapshot-id"), "31");
    EXPECT_EQ(meta(i, "parent-snapshot-id"), version == 2 ? "30" : "null");
    EXPECT_EQ(meta(i, "sequence-number"), "6");
    EXPECT_EQ(meta(i, "format-version"), std::to_string(version));
    EXPECT_EQ(meta(i, "first-row-id"), version == 3 ? "500" : "");
    const NJson avro = NJson::parse(meta(i, "avro.schema"));
    EXPECT_EQ(avro["name"], "manifest_file");
    std::vector<std::string> fields = {"manifest_path:500",        "manifest_length:501",
                                       "partition_spec_id:502",    "content:517",
                                       "sequence_number:515",      "min_sequence_number:516",
                                       "added_snapshot_id:503",    "added_files_count:504",
                                       "existing_files_count:505", "deleted_files_count:506",
                                       "added_rows_count:512",     "existing_rows_count:513",
                                       "deleted_rows_count:514",   "partitions:507?",
                                       "key_metadata:519?"};
    if (version == 3) fields.push_back("first_row_id:520?");
    EXPECT_EQ(FieldsOf(avro), fields);
    const NJson& partitions = FieldType(avro, "partitions");
    EXPECT_EQ(partitions["element-id"], 508);
    EXPECT_EQ(FieldsOf(partitions["items"]),
              (std::vector<std::string>{"contains_null:509", "contains_nan:518?",
                                        "lower_bound:510?", "upper_bound:511?"}));
  }
}

}  // namespace
}  // namespace floe::iceberg
