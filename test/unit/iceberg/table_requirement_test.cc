// Every TableRequirement against a table that meets it, one that does not,
// and no table at all; and the REST spec's JSON form of each.
#include "iceberg/table_requirement.h"

#include <gtest/gtest.h>

#include "iceberg/table_metadata_json.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Json Parse(std::string_view text) { return ParseJson(text, "test").value(); }

// uuid 9c12..., last-column-id 3, current schema 1, last-partition-id 1000,
// default spec 0, default sort order 3, main at 2, tag "audit" at 1.
std::shared_ptr<const TableMetadata> Base() {
  return TableMetadataFromJson(Parse(R"({
    "format-version": 2, "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
    "location": "s3://bucket/t", "last-sequence-number": 2, "last-updated-ms": 2000,
    "last-column-id": 3, "current-schema-id": 1,
    "schemas": [{"type": "struct", "schema-id": 0, "fields": [
                  {"id": 1, "name": "x", "required": true, "type": "long"}]},
                {"type": "struct", "schema-id": 1, "fields": [
                  {"id": 1, "name": "x", "required": true, "type": "long"},
                  {"id": 2, "name": "y", "required": false, "type": "long"},
                  {"id": 3, "name": "z", "required": false, "type": "long"}]}],
    "default-spec-id": 0, "partition-specs": [{"spec-id": 0, "fields": [
      {"name": "x", "transform": "identity", "source-id": 1, "field-id": 1000}]}],
    "last-partition-id": 1000, "default-sort-order-id": 3,
    "sort-orders": [{"order-id": 0, "fields": []}, {"order-id": 3, "fields": [
      {"transform": "identity", "source-id": 2, "direction": "asc",
       "null-order": "nulls-first"}]}],
    "current-snapshot-id": 2,
    "refs": {"main": {"snapshot-id": 2, "type": "branch"},
             "audit": {"snapshot-id": 1, "type": "tag"}},
    "snapshots": [
      {"snapshot-id": 1, "sequence-number": 1, "timestamp-ms": 1000,
       "summary": {"operation": "append"}, "manifest-list": "m1"},
      {"snapshot-id": 2, "parent-snapshot-id": 1, "sequence-number": 2, "timestamp-ms": 2000,
       "summary": {"operation": "append"}, "manifest-list": "m2"}]})"))
      .value();
}

TEST(IcebergTableRequirementTest, AssertCreate) {
  EXPECT_OK(Validate(AssertCreate{}, nullptr));
  ASSERT_STATUS(kCommitConflict, "iceberg: requirement failed: the table already exists",
                Validate(AssertCreate{}, Base().get()));
}

TEST(IcebergTableRequirementTest, AssertTableUuid) {
  auto base = Base();
  EXPECT_OK(Validate(AssertTableUuid{"9c12d441-03fe-4693-9a96-a0705ddf69c1"}, base.get()));
  // UUIDs compare without regard to case.
  EXPECT_OK(Validate(AssertTableUuid{"9C12D441-03FE-4693-9A96-A0705DDF69C1"}, base.get()));
  ASSERT_STATUS(kCommitConflict,
                "the table's uuid is 9c12d441-03fe-4693-9a96-a0705ddf69c1, expected "
                "00000000-0000-0000-0000-000000000000 (the table was replaced)",
                Validate(AssertTableUuid{"00000000-0000-0000-0000-000000000000"}, base.get()));
  ASSERT_STATUS(kCommitConflict, "assert-table-uuid: the table does not exist",
                Validate(AssertTableUuid{"x"}, nullptr));
}

TEST(IcebergTableRequirementTest, AssertRefSnapshotId) {
  auto base = Base();
  EXPECT_OK(Validate(AssertRefSnapshotId{"main", 2}, base.get()));
  EXPECT_OK(Validate(AssertRefSnapshotId{"audit", 1}, base.get()));
  ASSERT_STATUS(kCommitConflict, "branch main has changed: expected snapshot 1, found 2",
                Validate(AssertRefSnapshotId{"main", 1}, base.get()));
  ASSERT_STATUS(kCommitConflict, "tag audit has changed: expected snapshot 2, found 1",
                Validate(AssertRefSnapshotId{"audit", 2}, base.get()));
  // A null snapshot id: the ref must not exist.
  EXPECT_OK(Validate(AssertRefSnapshotId{"dev", std::nullopt}, base.get()));
  ASSERT_STATUS(kCommitConflict, "branch main was created concurrently (at snapshot 2)",
                Validate(AssertRefSnapshotId{"main", std::nullopt}, base.get()));
  ASSERT_STATUS(kCommitConflict, "branch or tag dev is missing, expected it at snapshot 2",
                Validate(AssertRefSnapshotId{"dev", 2}, base.get()));
  EXPECT_OK(Validate(AssertRefSnapshotId{"main", std::nullopt}, nullptr));
  ASSERT_STATUS(kCommitConflict, "branch or tag main is missing",
                Validate(AssertRefSnapshotId{"main", 2}, nullptr));
}

TEST(IcebergTableRequirementTest, AssertIdsUnchanged) {
  auto base = Base();
  EXPECT_OK(Validate(AssertLastAssignedFieldId{3}, base.get()));
  ASSERT_STATUS(kCommitConflict, "last assigned field id changed: expected 2, found 3",
                Validate(AssertLastAssignedFieldId{2}, base.get()));
  EXPECT_OK(Validate(AssertCurrentSchemaId{1}, base.get()));
  ASSERT_STATUS(kCommitConflict, "current schema changed: expected id 0, found 1",
                Validate(AssertCurrentSchemaId{0}, base.get()));
  EXPECT_OK(Validate(AssertLastAssignedPartitionId{1000}, base.get()));
  ASSERT_STATUS(kCommitConflict, "last assigned partition id changed: expected 999, found 1000",
                Validate(AssertLastAssignedPartitionId{999}, base.get()));
  EXPECT_OK(Validate(AssertDefaultSpecId{0}, base.get()));
  ASSERT_STATUS(kCommitConflict, "default partition spec changed: expected id 1, found 0",
                Validate(AssertDefaultSpecId{1}, base.get()));
  EXPECT_OK(Validate(AssertDefaultSortOrderId{3}, base.get()));
  ASSERT_STATUS(kCommitConflict, "default sort order changed: expected id 0, found 3",
                Validate(AssertDefaultSortOrderId{0}, base.get()));

  // Without a table: the last-assigned checks pass (as in Java, for create
  // transactions), the others fail.
  EXPECT_OK(Validate(AssertLastAssignedFieldId{0}, nullptr));
  EXPECT_OK(Validate(AssertLastAssignedPartitionId{999}, nullptr));
  ASSERT_STATUS(kCommitConflict, "assert-current-schema-id: the table does not exist",
                Validate(AssertCurrentSchemaId{0}, nullptr));
  ASSERT_STATUS(kCommitConflict, "assert-default-spec-id: the table does not exist",
                Validate(AssertDefaultSpecId{0}, nullptr));
  ASSERT_STATUS(kCommitConflict, "assert-default-sort-order-id: the table does not exist",
                Validate(AssertDefaultSortOrderId{0}, nullptr));
}

// The REST spec's TableRequirement objects: each parses to the right kind and
// writes back to the same JSON.
TEST(IcebergTableRequirementTest, RestJson) {
  const std::vector<std::pair<std::string_view, TableRequirement>> cases = {
      {R"({"type": "assert-create"})", AssertCreate{}},
      {R"({"type": "assert-table-uuid", "uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1"})",
       AssertTableUuid{"9c12d441-03fe-4693-9a96-a0705ddf69c1"}},
      {R"({"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": 3055729675574597004})",
       AssertRefSnapshotId{"main", 3055729675574597004}},
      {R"({"type": "assert-ref-snapshot-id", "ref": "branch", "snapshot-id": null})",
       AssertRefSnapshotId{"branch", std::nullopt}},
      {R"({"type": "assert-last-assigned-field-id", "last-assigned-field-id": 22})",
       AssertLastAssignedFieldId{22}},
      {R"({"type": "assert-current-schema-id", "current-schema-id": 4})", AssertCurrentSchemaId{4}},
      {R"({"type": "assert-last-assigned-partition-id", "last-assigned-partition-id": 1003})",
       AssertLastAssignedPartitionId{1003}},
      {R"({"type": "assert-default-spec-id", "default-spec-id": 2})", AssertDefaultSpecId{2}},
      {R"({"type": "assert-default-sort-order-id", "default-sort-order-id": 1})",
       AssertDefaultSortOrderId{1}},
  };
  ASSERT_EQ(cases.size(), std::variant_size_v<TableRequirement> + 1);
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    ASSERT_OK_AND_ASSIGN(TableRequirement parsed, TableRequirementFromJson(Parse(text)));
    EXPECT_EQ(parsed, expected);
    const Json written = TableRequirementToJson(parsed);
    EXPECT_EQ(nlohmann::json::parse(DumpJson(written)), nlohmann::json::parse(text));
    EXPECT_EQ(written.begin().key(), "type");
    EXPECT_EQ(TableRequirementType(parsed), written["type"].get<std::string>());
  }
}

TEST(IcebergTableRequirementTest, RestJsonErrors) {
  ASSERT_STATUS(kInvalidArgument, "iceberg: table requirement: missing required 'type'",
                TableRequirementFromJson(Parse(R"({"uuid": "x"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table requirement 'assert-view-uuid': unknown requirement type "
                "'assert-view-uuid'",
                TableRequirementFromJson(Parse(R"({"type": "assert-view-uuid", "uuid": "x"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table requirement 'assert-ref-snapshot-id': missing required "
                "'snapshot-id' (null if the ref must not exist)",
                TableRequirementFromJson(Parse(R"({"type": "assert-ref-snapshot-id",
                    "ref": "main"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: table requirement 'assert-current-schema-id': 'current-schema-id' "
                "must be an int, got string",
                TableRequirementFromJson(Parse(R"({"type": "assert-current-schema-id",
                    "current-schema-id": "4"})")));
  ASSERT_STATUS(kInvalidArgument, "a table requirement must be an object",
                TableRequirementFromJson(Parse("[]")));
}

}  // namespace
}  // namespace floe::iceberg
