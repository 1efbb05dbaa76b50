// Table metadata JSON: what each format version reads and writes, errors that
// name the member, and compressed metadata files.
#include "iceberg/table_metadata_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <span>

#include "formats/compression/codec.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Json Parse(std::string_view text) { return ParseJson(text, "test").value(); }

// Compares ignoring member order (nlohmann::json sorts members).
void ExpectSameJson(const Json& actual, std::string_view expected) {
  EXPECT_EQ(nlohmann::json::parse(DumpJson(actual)), nlohmann::json::parse(expected))
      << DumpJson(actual, 2);
}

std::vector<std::string> Keys(const Json& json) {
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  return keys;
}

// A v1 table as old writers left it: the deprecated `schema` and
// `partition-spec` (fields without ids), no sort orders, no last-partition-id,
// a snapshot with embedded `manifests`, no refs.
constexpr std::string_view kV1 = R"({
  "format-version": 1, "location": "hdfs://nn/wh/t", "last-updated-ms": 1602638573874,
  "last-column-id": 3,
  "schema": {"type": "struct", "fields": [
    {"id": 1, "name": "x", "required": true, "type": "long"},
    {"id": 2, "name": "y", "required": true, "type": "long", "doc": "comment"},
    {"id": 3, "name": "z", "required": true, "type": "long"}]},
  "partition-spec": [{"name": "x", "transform": "identity", "source-id": 1},
                     {"name": "y_bucket", "transform": "bucket[4]", "source-id": 2}],
  "properties": {"owner": "hive"},
  "current-snapshot-id": 7,
  "snapshots": [{"snapshot-id": 7, "timestamp-ms": 1602638573000,
                 "manifests": ["hdfs://nn/wh/t/metadata/m0.avro"]}]})";

TEST(IcebergTableMetadataJsonTest, ReadsLegacyV1) {
  ASSERT_OK_AND_ASSIGN(auto m, TableMetadataFromJson(Parse(kV1)));
  EXPECT_EQ(m->format_version(), 1);
  EXPECT_EQ(m->table_uuid(), "");
  EXPECT_EQ(m->last_sequence_number(), 0);
  ASSERT_EQ(m->schemas().size(), 1u);
  EXPECT_EQ(m->current_schema_id(), 0);
  ASSERT_EQ(m->partition_specs().size(), 1u);
  EXPECT_EQ(m->default_spec_id(), 0);
  EXPECT_EQ(m->default_spec().fields()[0].field_id, 1000);
  EXPECT_EQ(m->default_spec().fields()[1].field_id, 1001);
  EXPECT_EQ(m->last_partition_id(), 1001);  // the highest partition field id
  ASSERT_EQ(m->sort_orders().size(), 1u);
  EXPECT_TRUE(m->default_sort_order().is_unsorted());
  EXPECT_EQ(m->current_snapshot()->manifests.size(), 1u);
  EXPECT_EQ(m->current_snapshot()->sequence_number, 0);
  EXPECT_EQ(*m->Ref("main"), SnapshotRef::Branch(7));
}

TEST(IcebergTableMetadataJsonTest, WritesV1AsJavaDoes) {
  ASSERT_OK_AND_ASSIGN(auto m, TableMetadataFromJson(Parse(kV1)));
  ASSERT_OK_AND_ASSIGN(Json out, TableMetadataToJson(*m));
  // The deprecated members stay for old readers; no sequence numbers.
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"format-version",
                                                 "location",
                                                 "last-updated-ms",
                                                 "last-column-id",
                                                 "schema",
                                                 "current-schema-id",
                                                 "schemas",
                                                 "partition-spec",
                                                 "default-spec-id",
                                                 "partition-specs",
                                                 "last-partition-id",
                                                 "default-sort-order-id",
                                                 "sort-orders",
                                                 "properties",
                                                 "current-snapshot-id",
                                                 "refs",
                                                 "snapshots",
                                                 "statistics",
                                                 "partition-statistics",
                                                 "snapshot-log",
                                                 "metadata-log"}));
  ExpectSameJson(out["partition-spec"], R"([
      {"name": "x", "transform": "identity", "source-id": 1, "field-id": 1000},
      {"name": "y_bucket", "transform": "bucket[4]", "source-id": 2, "field-id": 1001}])");
  ExpectSameJson(out["snapshots"], R"([{"snapshot-id": 7, "timestamp-ms": 1602638573000,
                 "manifests": ["hdfs://nn/wh/t/metadata/m0.avro"]}])");
  ExpectSameJson(out["refs"], R"({"main": {"snapshot-id": 7, "type": "branch"}})");
  EXPECT_EQ(out["schema"], out["schemas"][0]);
  ASSERT_OK_AND_ASSIGN(auto again, TableMetadataFromJson(out));
  EXPECT_TRUE(*again == *m);
}

TEST(IcebergTableMetadataJsonTest, V1VariantsOtherReadersAccept) {
  // `schemas` without `current-schema-id`: `schema` says which is current.
  Json doc = Parse(kV1);
  doc["schemas"] = Json::array({doc["schema"]});
  ASSERT_OK_AND_ASSIGN(auto m, TableMetadataFromJson(doc));
  EXPECT_EQ(m->current_schema_id(), 0);
  // Without `schema` that is no valid schema configuration.
  doc.erase("schema");
  ASSERT_STATUS(kInvalidArgument,
                "'schemas' without 'current-schema-id' or 'schema' (format v1): no valid schema "
                "configuration",
                TableMetadataFromJson(doc));
  // `partition-specs` without `default-spec-id`: the highest spec id.
  doc = Parse(kV1);
  doc["partition-specs"] = Parse(R"([{"spec-id": 1, "fields": []}, {"spec-id": 2, "fields": []}])");
  ASSERT_OK_AND_ASSIGN(m, TableMetadataFromJson(doc));
  EXPECT_EQ(m->default_spec_id(), 2);
  EXPECT_EQ(m->last_partition_id(), 999);  // unpartitioned specs only
  // No spec at all for an unpartitioned table (iceberg-rust's REST responses).
  doc["partition-specs"] = Json::array();
  doc["default-spec-id"] = 0;
  ASSERT_OK_AND_ASSIGN(m, TableMetadataFromJson(doc));
  EXPECT_EQ(m->default_spec(), PartitionSpec::Unpartitioned());
  doc["default-spec-id"] = 1;
  ASSERT_STATUS(kInvalidArgument, "the table has no partition spec", TableMetadataFromJson(doc));
  doc.erase("schema");
  ASSERT_STATUS(kInvalidArgument, "missing required 'schema' or 'schemas' (format v1)",
                TableMetadataFromJson(doc));
  doc = Parse(kV1);
  doc.erase("partition-spec");
  ASSERT_STATUS(kInvalidArgument,
                "missing required 'partition-spec' or 'partition-specs' (format v1)",
                TableMetadataFromJson(doc));
}

constexpr std::string_view kV2 = R"({
  "format-version": 2, "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
  "location": "s3://bucket/test/location", "last-sequence-number": 34,
  "last-updated-ms": 1602638573590, "last-column-id": 3, "current-schema-id": 0,
  "schemas": [{"type": "struct", "schema-id": 0, "identifier-field-ids": [1], "fields": [
    {"id": 1, "name": "x", "required": true, "type": "long"},
    {"id": 2, "name": "y", "required": true, "type": "long"},
    {"id": 3, "name": "z", "required": true, "type": "long"}]}],
  "default-spec-id": 0,
  "partition-specs": [{"spec-id": 0, "fields": [
    {"name": "x", "transform": "identity", "source-id": 1, "field-id": 1000}]}],
  "last-partition-id": 1000, "default-sort-order-id": 3,
  "sort-orders": [{"order-id": 3, "fields": [
    {"transform": "identity", "source-id": 2, "direction": "asc", "null-order": "nulls-first"},
    {"transform": "bucket[4]", "source-id": 3, "direction": "desc",
     "null-order": "nulls-last"}]}],
  "properties": {"commit.retry.num-retries": "4"},
  "current-snapshot-id": 3055729675574597004,
  "refs": {"main": {"snapshot-id": 3055729675574597004, "type": "branch"},
           "audit": {"snapshot-id": 3051729675574597004, "type": "tag",
                     "max-ref-age-ms": 10000000}},
  "snapshots": [
    {"snapshot-id": 3051729675574597004, "timestamp-ms": 1515100955770, "sequence-number": 0,
     "summary": {"operation": "append"}, "manifest-list": "s3://a/b/1.avro"},
    {"snapshot-id": 3055729675574597004, "parent-snapshot-id": 3051729675574597004,
     "timestamp-ms": 1555100955770, "sequence-number": 1,
     "summary": {"operation": "append"}, "manifest-list": "s3://a/b/2.avro", "schema-id": 0}],
  "statistics": [{"snapshot-id": 3055729675574597004,
    "statistics-path": "s3://a/b/stats.puffin", "file-size-in-bytes": 413,
    "file-footer-size-in-bytes": 42, "blob-metadata": [{"type": "ndv",
      "snapshot-id": 3055729675574597004, "sequence-number": 1, "fields": [1]}]}],
  "partition-statistics": [{"snapshot-id": 3055729675574597004,
    "statistics-path": "s3://a/b/partition-stats.parquet", "file-size-in-bytes": 43}],
  "snapshot-log": [{"snapshot-id": 3051729675574597004, "timestamp-ms": 1515100955770},
                   {"snapshot-id": 3055729675574597004, "timestamp-ms": 1555100955770}],
  "metadata-log": [{"metadata-file": "s3://bucket/.../v1.json", "timestamp-ms": 1515100}]})";

TEST(IcebergTableMetadataJsonTest, V2RoundTripsEveryMember) {
  ASSERT_OK_AND_ASSIGN(auto m, TableMetadataFromJson(Parse(kV2)));
  EXPECT_EQ(m->last_sequence_number(), 34);
  EXPECT_EQ(m->default_sort_order().order_id(), 3);
  EXPECT_EQ(m->refs().size(), 2u);
  EXPECT_EQ(m->statistics().size(), 1u);
  EXPECT_EQ(m->partition_statistics().size(), 1u);
  EXPECT_EQ(m->metadata_log()[0].metadata_file, "s3://bucket/.../v1.json");
  ASSERT_OK_AND_ASSIGN(Json out, TableMetadataToJson(*m));
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"format-version",
                                                 "table-uuid",
                                                 "location",
                                                 "last-sequence-number",
                                                 "last-updated-ms",
                                                 "last-column-id",
                                                 "current-schema-id",
                                                 "schemas",
                                                 "default-spec-id",
                                                 "partition-specs",
                                                 "last-partition-id",
                                                 "default-sort-order-id",
                                                 "sort-orders",
                                                 "properties",
                                                 "current-snapshot-id",
                                                 "refs",
                                                 "snapshots",
                                                 "statistics",
                                                 "partition-statistics",
                                                 "snapshot-log",
                                                 "metadata-log"}));
  // The document read is the document written, member for member.
  ExpectSameJson(out, kV2);
  ASSERT_OK_AND_ASSIGN(std::string text, TableMetadataToJsonString(*m, 2));
  ASSERT_OK_AND_ASSIGN(auto again, ParseTableMetadata(text));
  EXPECT_TRUE(*again == *m);
}

TEST(IcebergTableMetadataJsonTest, V3RowLineageEncryptionAndNullCurrentSnapshot) {
  Json doc = Parse(kV2);
  doc["format-version"] = 3;
  doc["next-row-id"] = 1375;
  doc["snapshots"][1]["first-row-id"] = 1000;
  doc["snapshots"][1]["added-rows"] = 375;
  doc["snapshots"][1]["key-id"] = "k2";
  doc["encryption-keys"] = Parse(R"([{"key-id": "k1", "encrypted-key-metadata": "AAEC",
      "properties": {"KEY_TIMESTAMP": "1781172301703"}},
      {"key-id": "k2", "encrypted-key-metadata": "AwQF", "encrypted-by-id": "k1"}])");
  ASSERT_OK_AND_ASSIGN(auto m, TableMetadataFromJson(doc));
  EXPECT_EQ(m->next_row_id(), 1375);
  EXPECT_EQ(m->current_snapshot()->first_row_id, 1000);
  ASSERT_EQ(m->encryption_keys().size(), 2u);
  EXPECT_EQ(m->encryption_keys()[1].encrypted_by_id, "k1");
  ASSERT_OK_AND_ASSIGN(Json out, TableMetadataToJson(*m));
  ExpectSameJson(out, DumpJson(doc));
  EXPECT_EQ(Keys(out)[15], "next-row-id");
  EXPECT_EQ(Keys(out)[16], "encryption-keys");

  // An empty v3 table writes a null current snapshot (Java), v2 writes -1;
  // both, and an absent one, read as none.
  Json empty = Parse(kV2);
  empty.erase("refs");
  empty.erase("statistics");
  empty.erase("partition-statistics");
  empty["snapshots"] = Json::array();
  empty["snapshot-log"] = Json::array();
  empty["current-snapshot-id"] = -1;
  ASSERT_OK_AND_ASSIGN(auto v2_empty, TableMetadataFromJson(empty));
  EXPECT_EQ(v2_empty->current_snapshot_id(), std::nullopt);
  EXPECT_EQ(TableMetadataToJson(*v2_empty).value()["current-snapshot-id"], -1);
  empty["format-version"] = 3;
  empty["current-snapshot-id"] = nullptr;
  ASSERT_OK_AND_ASSIGN(auto v3_empty, TableMetadataFromJson(empty));
  EXPECT_EQ(v3_empty->next_row_id(), 0);  // absent: 0, as DuckDB leaves some v3 tables
  const Json v3_out = TableMetadataToJson(*v3_empty).value();
  EXPECT_TRUE(v3_out["current-snapshot-id"].is_null());
  EXPECT_EQ(v3_out["next-row-id"], 0);
  empty.erase("current-snapshot-id");
  ASSERT_OK_AND_ASSIGN(auto absent, TableMetadataFromJson(empty));
  EXPECT_EQ(absent->current_snapshot(), nullptr);
}

TEST(IcebergTableMetadataJsonTest, ErrorsNameTheMember) {
  struct Case {
    std::function<void(Json&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](Json& d) { d["last-column-id"] = "3"; },
       "iceberg: table metadata: 'last-column-id' must be an int, got string"},
      {[](Json& d) { d.erase("last-updated-ms"); },
       "iceberg: table metadata: missing required 'last-updated-ms'"},
      {[](Json& d) { d.erase("location"); },
       "iceberg: table metadata: missing required 'location'"},
      {[](Json& d) { d.erase("last-sequence-number"); },
       "iceberg: table metadata: missing required 'last-sequence-number' (format v2)"},
      {[](Json& d) { d.erase("current-schema-id"); },
       "iceberg: table metadata: missing required 'current-schema-id' (format v2)"},
      {[](Json& d) { d.erase("default-spec-id"); },
       "iceberg: table metadata: missing required 'default-spec-id' (format v2)"},
      {[](Json& d) { d.erase("default-sort-order-id"); },
       "iceberg: table metadata: missing required 'default-sort-order-id'"},
      {[](Json& d) { d["properties"]["n"] = 4; },
       "iceberg: table metadata: 'n' of 'properties' must be a string, got int"},
      {[](Json& d) { d["schemas"] = Json::object(); },
       "iceberg: table metadata: 'schemas' must be a list, got object"},
      {[](Json& d) { d["snapshot-log"][1].erase("snapshot-id"); },
       "iceberg: table metadata: 'snapshot-log' element 1: missing required 'snapshot-id'"},
      {[](Json& d) { d["metadata-log"][0]["metadata-file"] = 5; },
       "iceberg: table metadata: 'metadata-log' element 0: 'metadata-file' must be a string"},
      {[](Json& d) { d["snapshots"][1].erase("timestamp-ms"); },
       "iceberg: table metadata: snapshot 3055729675574597004: missing required 'timestamp-ms'"},
      {[](Json& d) { d["refs"]["audit"]["type"] = "label"; },
       "iceberg: table metadata: ref 'audit': unknown reference 'type' 'label'"},
      {[](Json& d) { d["statistics"][0].erase("statistics-path"); },
       "iceberg: table metadata: statistics file of snapshot 3055729675574597004: missing "
       "required 'statistics-path'"},
      {[](Json& d) { d["schemas"][0]["fields"][0].erase("type"); },
       "iceberg: table metadata: schema 0: field 1 'x': missing required 'type'"},
      {[](Json& d) { d["partition-specs"][0]["fields"][0]["source-id"] = "1"; },
       "iceberg: table metadata: partition spec 0: field 'x': 'source-id' must be an int, got "
       "string"},
      {[](Json& d) { d["format-version"] = "2"; },
       "iceberg: table metadata: 'format-version' must be an int, got string"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    Json doc = Parse(kV2);
    c.change(doc);
    ASSERT_STATUS(kInvalidArgument, c.message, TableMetadataFromJson(doc));
  }
  ASSERT_STATUS(kInvalidArgument, "iceberg: table metadata must be a JSON object, got array",
                TableMetadataFromJson(Parse("[]")));
  ASSERT_STATUS(kInvalidArgument, "iceberg: table metadata is not valid JSON (3 bytes)",
                ParseTableMetadata("{\"a"));
}

std::string Compress(CompressionKind kind, const std::string& text) {
  auto codec = Codec::Make(kind).value();
  std::string out(codec->MaxCompressedLength(static_cast<int64_t>(text.size())), '\0');
  const int64_t n =
      codec
          ->Compress(
              std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()),
              std::span<uint8_t>(reinterpret_cast<uint8_t*>(out.data()), out.size()))
          .value();
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(IcebergTableMetadataJsonTest, CompressedMetadataFiles) {
  const std::string text(kV2);
  ASSERT_OK_AND_ASSIGN(auto plain, ParseTableMetadata(text));
  const std::string gzip = Compress(CompressionKind::kGzip, text);
  ASSERT_EQ(static_cast<uint8_t>(gzip[0]), 0x1f);
  ASSERT_OK_AND_ASSIGN(auto from_gzip, ParseTableMetadata(gzip));
  EXPECT_TRUE(*from_gzip == *plain);
  ASSERT_OK_AND_ASSIGN(auto from_zstd, ParseTableMetadata(Compress(CompressionKind::kZstd, text)));
  EXPECT_TRUE(*from_zstd == *plain);
  EXPECT_EQ(DecompressTableMetadata(gzip).value(), text);
  EXPECT_EQ(DecompressTableMetadata(text).value(), text);

  // The inflated size is bounded before anything is allocated.
  ASSERT_STATUS(kCorruption,
                "gzip-compressed table metadata inflates to " + std::to_string(text.size()) +
                    " bytes, more than the limit of 100",
                ParseTableMetadata(gzip, 100));
  // A lying size field: the stream inflates to more than it claims.
  std::string lying = gzip;
  lying[lying.size() - 4] = 10;
  lying[lying.size() - 3] = lying[lying.size() - 2] = lying[lying.size() - 1] = 0;
  ASSERT_STATUS(kCorruption, "iceberg: table metadata: gzip:", ParseTableMetadata(lying));
  // A claim no deflate stream of this length can meet is refused before
  // allocating for it.
  std::string bomb = gzip;
  bomb[bomb.size() - 1] = 0x10;  // ISIZE += 256 MiB
  ASSERT_STATUS(kCorruption, "claims", ParseTableMetadata(bomb));
  ASSERT_STATUS(kCorruption, "more than deflate can produce", ParseTableMetadata(bomb));
  ASSERT_STATUS(kCorruption, "gzip-compressed table metadata is truncated (5 bytes)",
                ParseTableMetadata(gzip.substr(0, 5)));
  std::string corrupt = gzip;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x5a);
  EXPECT_FALSE(ParseTableMetadata(corrupt).has_value());
  const std::string zstd = Compress(CompressionKind::kZstd, text);
  ASSERT_STATUS(kCorruption, "zstd-compressed table metadata inflates to",
                ParseTableMetadata(zstd, 10));
}

TEST(IcebergTableMetadataJsonTest, SnapshotIdsBeyondTheLongRange) {
  // A table in the corpus (duckdb-iceberg's equality_delete_cross_partition)
  // has snapshot id 9876543210123456789: it reads as the long with its bits.
  Json doc = Parse(kV2);
  const std::string text = DumpJson(doc);
  std::string big = text;
  for (size_t at = big.find("3055729675574597004"); at != std::string::npos;
       at = big.find("3055729675574597004")) {
    big.replace(at, 19, "9876543210123456789");
  }
  ASSERT_OK_AND_ASSIGN(auto m, ParseTableMetadata(big));
  EXPECT_EQ(m->current_snapshot()->snapshot_id, static_cast<int64_t>(9876543210123456789ull));
  EXPECT_EQ(m->SnapshotForRef("main"), m->current_snapshot());
  ASSERT_OK_AND_ASSIGN(std::string written, TableMetadataToJsonString(*m));
  EXPECT_NE(written.find("-8570200863586094827"), std::string::npos);
  EXPECT_TRUE(*ParseTableMetadata(written).value() == *m);
}

}  // namespace
}  // namespace floe::iceberg
