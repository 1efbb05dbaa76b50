// The REST spec's JSON form of every TableUpdate: each action's members as the
// open-api document names them parse to the right update and write back to
// the same JSON.
#include "iceberg/table_update.h"

#include <gtest/gtest.h>

#include <set>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Json Parse(std::string_view text) { return ParseJson(text, "test").value(); }

TableUpdate FromText(std::string_view text) {
  auto update = TableUpdateFromJson(Parse(text));
  EXPECT_TRUE(update.has_value()) << update.error().ToString();
  return update.has_value() ? *update : TableUpdate{};
}

// One example per action, in the REST spec's form.
const std::vector<std::string_view>& Examples() {
  static const std::vector<std::string_view> kExamples = {
      R"({"action": "assign-uuid", "uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1"})",
      R"({"action": "upgrade-format-version", "format-version": 3})",
      R"({"action": "add-schema", "schema": {"type": "struct", "schema-id": 1,
          "identifier-field-ids": [1], "fields": [
          {"id": 1, "name": "id", "required": true, "type": "long"},
          {"id": 2, "name": "data", "required": false, "type": "string", "doc": "payload"}]},
          "last-column-id": 2})",
      R"({"action": "set-current-schema", "schema-id": -1})",
      R"({"action": "add-spec", "spec": {"spec-id": 1, "fields": [
          {"name": "id_bucket", "transform": "bucket[16]", "source-id": 1, "field-id": 1000}]}})",
      R"({"action": "set-default-spec", "spec-id": 1})",
      R"({"action": "add-sort-order", "sort-order": {"order-id": 1, "fields": [
          {"transform": "identity", "source-id": 2, "direction": "desc",
           "null-order": "nulls-last"}]}})",
      R"({"action": "set-default-sort-order", "sort-order-id": -1})",
      R"({"action": "add-snapshot", "snapshot": {"sequence-number": 2,
          "snapshot-id": 3055729675574597004, "parent-snapshot-id": 3051729675574597004,
          "timestamp-ms": 1555100955770, "summary": {"operation": "append",
          "added-data-files": "1"}, "manifest-list": "s3://a/b/2.avro", "schema-id": 1}})",
      R"({"action": "set-snapshot-ref", "ref-name": "main", "snapshot-id": 3055729675574597004,
          "type": "branch", "min-snapshots-to-keep": 5, "max-snapshot-age-ms": 86400000,
          "max-ref-age-ms": 604800000})",
      R"({"action": "remove-snapshots", "snapshot-ids": [1, 3051729675574597004]})",
      R"({"action": "remove-snapshot-ref", "ref-name": "audit"})",
      R"({"action": "set-location", "location": "s3://bucket/new"})",
      R"({"action": "set-properties", "updates": {"owner": "floe", "write.format.default": "parquet"}})",
      R"({"action": "remove-properties", "removals": ["owner", "comment"]})",
      R"({"action": "set-statistics", "snapshot-id": 7, "statistics": {"snapshot-id": 7,
          "statistics-path": "s3://a/stats.puffin", "file-size-in-bytes": 413,
          "file-footer-size-in-bytes": 42, "blob-metadata": [{"type": "ndv",
          "snapshot-id": 7, "sequence-number": 2, "fields": [1, 2],
          "properties": {"ndv": "12"}}]}})",
      R"({"action": "remove-statistics", "snapshot-id": 7})",
      R"({"action": "set-partition-statistics", "partition-statistics": {"snapshot-id": 7,
          "statistics-path": "s3://a/partition-stats.parquet", "file-size-in-bytes": 43}})",
      R"({"action": "remove-partition-statistics", "snapshot-id": 7})",
      R"({"action": "remove-partition-specs", "spec-ids": [0, 2]})",
      R"({"action": "remove-schemas", "schema-ids": [0]})",
      R"({"action": "add-encryption-key", "encryption-key": {"key-id": "k1",
          "encrypted-key-metadata": "AAEC", "encrypted-by-id": "master",
          "properties": {"KEY_TIMESTAMP": "1"}}})",
      R"({"action": "remove-encryption-key", "key-id": "k1"})",
  };
  return kExamples;
}

TEST(IcebergTableUpdateTest, EveryActionRoundTripsTheRestForm) {
  std::set<size_t> kinds;
  for (std::string_view text : Examples()) {
    SCOPED_TRACE(text);
    ASSERT_OK_AND_ASSIGN(TableUpdate update, TableUpdateFromJson(Parse(text)));
    kinds.insert(update.index());
    ASSERT_OK_AND_ASSIGN(Json written, TableUpdateToJson(update));
    EXPECT_EQ(written.begin().key(), "action");
    EXPECT_EQ(written["action"].get<std::string>(), TableUpdateAction(update));
    EXPECT_EQ(nlohmann::json::parse(DumpJson(written)), nlohmann::json::parse(text));
    ASSERT_OK_AND_ASSIGN(TableUpdate again, TableUpdateFromJson(written));
    EXPECT_EQ(again, update);
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<TableUpdate>);  // every action has an example
}

TEST(IcebergTableUpdateTest, ParsedMembers) {
  auto schema = std::get<AddSchemaUpdate>(FromText(Examples()[2]));
  EXPECT_EQ(schema.schema.schema_id(), 1);
  EXPECT_EQ(schema.schema.identifier_field_ids(), std::vector<int32_t>{1});
  EXPECT_EQ(schema.last_column_id, 2);
  EXPECT_EQ(std::get<SetCurrentSchemaUpdate>(FromText(Examples()[3])).schema_id, kLastAdded);
  auto spec = std::get<AddPartitionSpecUpdate>(FromText(Examples()[4]));
  EXPECT_EQ(spec.spec.fields()[0].transform, Transform::Bucket(16).value());
  auto snapshot = std::get<AddSnapshotUpdate>(FromText(Examples()[8]));
  EXPECT_EQ(snapshot.snapshot.operation, SnapshotOperation::kAppend);
  EXPECT_EQ(snapshot.snapshot.SummaryValue("added-data-files"), "1");
  auto ref = std::get<SetSnapshotRefUpdate>(FromText(Examples()[9]));
  EXPECT_EQ(ref.ref_name, "main");
  EXPECT_EQ(ref.ref.snapshot_id, 3055729675574597004);
  EXPECT_EQ(ref.ref.min_snapshots_to_keep, 5);
  EXPECT_EQ(ref.ref.max_ref_age_ms, 604800000);
  auto removals = std::get<RemovePropertiesUpdate>(FromText(Examples()[14]));
  EXPECT_EQ(removals.removals, (std::vector<std::string>{"owner", "comment"}));
  auto stats = std::get<SetStatisticsUpdate>(FromText(Examples()[15]));
  EXPECT_EQ(stats.statistics.blob_metadata[0].fields, (std::vector<int32_t>{1, 2}));
}

TEST(IcebergTableUpdateTest, LenientForms) {
  // Java's legacy member names for properties.
  EXPECT_EQ(std::get<SetPropertiesUpdate>(
                FromText(R"({"action": "set-properties", "updated": {"a": "1"}})"))
                .updates,
            (std::map<std::string, std::string>{{"a", "1"}}));
  EXPECT_EQ(std::get<RemovePropertiesUpdate>(
                FromText(R"({"action": "remove-properties", "removed": ["a"]})"))
                .removals,
            std::vector<std::string>{"a"});
  // add-spec's spec-id and field ids may be left to the server.
  auto spec = std::get<AddPartitionSpecUpdate>(FromText(R"({"action": "add-spec", "spec": {
      "fields": [{"name": "d", "transform": "day", "source-id": 3}]}})"));
  EXPECT_EQ(spec.spec.fields()[0].field_id, 1000);
  // add-schema without the deprecated last-column-id; set-statistics without
  // the deprecated snapshot-id.
  EXPECT_EQ(std::get<AddSchemaUpdate>(FromText(R"({"action": "add-schema", "schema": {
      "type": "struct", "fields": []}})"))
                .last_column_id,
            std::nullopt);
  ASSERT_OK(TableUpdateFromJson(Parse(R"({"action": "set-statistics", "statistics": {
      "snapshot-id": 7, "statistics-path": "p", "file-size-in-bytes": 1,
      "file-footer-size-in-bytes": 1, "blob-metadata": []}})")));
}

TEST(IcebergTableUpdateTest, ErrorsNameTheAction) {
  ASSERT_STATUS(kInvalidArgument, "iceberg: table update: missing required 'action'",
                TableUpdateFromJson(Parse(R"({"uuid": "x"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'add-view-version': unknown table update action "
                "'add-view-version'",
                TableUpdateFromJson(Parse(R"({"action": "add-view-version"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'add-snapshot': snapshot 1: missing required "
                "'timestamp-ms'",
                TableUpdateFromJson(Parse(R"({"action": "add-snapshot", "snapshot": {
                    "snapshot-id": 1, "manifest-list": "m"}})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'set-snapshot-ref': missing required 'ref-name'",
                TableUpdateFromJson(Parse(R"({"action": "set-snapshot-ref",
                    "snapshot-id": 1, "type": "branch"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'remove-snapshots': element 1 of 'snapshot-ids' must be "
                "an integer, got string",
                TableUpdateFromJson(Parse(R"({"action": "remove-snapshots",
                    "snapshot-ids": [1, "2"]})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'add-schema': schema 0: 'type' must be \"struct\"",
                TableUpdateFromJson(Parse(R"({"action": "add-schema", "schema": {
                    "type": "list", "fields": []}})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table update 'upgrade-format-version': missing required "
                "'format-version'",
                TableUpdateFromJson(Parse(R"({"action": "upgrade-format-version"})")));
  ASSERT_STATUS(kInvalidArgument, "a table update must be an object",
                TableUpdateFromJson(Parse(R"("assign-uuid")")));
}

}  // namespace
}  // namespace floe::iceberg
