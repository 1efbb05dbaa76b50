#include "iceberg/snapshot.h"

#include <gtest/gtest.h>

#include "iceberg/snapshot_ref.h"
#include "iceberg/statistics_file.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Json Parse(std::string_view text) { return ParseJson(text, "test").value(); }

// Appendix C's snapshot example, with a v2 sequence number and summary.
constexpr std::string_view kSnapshot = R"({
  "sequence-number": 7, "snapshot-id": 3051729675574597004, "parent-snapshot-id": 1,
  "timestamp-ms": 1515100955770,
  "summary": {"operation": "append", "added-data-files": "3", "total-records": "120",
              "engine-name": "spark"},
  "manifest-list": "s3://b/wh/.../s1.avro", "schema-id": 0})";

TEST(IcebergSnapshotTest, ReadsAndWritesTheSpecForm) {
  ASSERT_OK_AND_ASSIGN(Snapshot snapshot, SnapshotFromJson(Parse(kSnapshot)));
  EXPECT_EQ(snapshot.snapshot_id, 3051729675574597004);
  EXPECT_EQ(snapshot.parent_snapshot_id, 1);
  EXPECT_EQ(snapshot.sequence_number, 7);
  EXPECT_EQ(snapshot.timestamp_ms, 1515100955770);
  EXPECT_EQ(snapshot.manifest_list, "s3://b/wh/.../s1.avro");
  EXPECT_TRUE(snapshot.manifests.empty());
  EXPECT_EQ(snapshot.operation, SnapshotOperation::kAppend);
  EXPECT_EQ(snapshot.summary.size(), 3u);  // "operation" is kept apart
  EXPECT_EQ(snapshot.schema_id, 0);
  EXPECT_EQ(snapshot.first_row_id, std::nullopt);
  EXPECT_EQ(DumpJson(SnapshotToJson(snapshot, 2)),
            R"({"sequence-number":7,"snapshot-id":3051729675574597004,"parent-snapshot-id":1,)"
            R"("timestamp-ms":1515100955770,"summary":{"operation":"append",)"
            R"("added-data-files":"3","engine-name":"spark","total-records":"120"},)"
            R"("manifest-list":"s3://b/wh/.../s1.avro","schema-id":0})");
  ASSERT_OK_AND_ASSIGN(Snapshot again, SnapshotFromJson(SnapshotToJson(snapshot, 2)));
  EXPECT_EQ(again, snapshot);
  // v1 must not write sequence numbers.
  EXPECT_FALSE(SnapshotToJson(snapshot, 1).contains("sequence-number"));
}

TEST(IcebergSnapshotTest, SummaryHelpers) {
  ASSERT_OK_AND_ASSIGN(Snapshot snapshot, SnapshotFromJson(Parse(kSnapshot)));
  EXPECT_EQ(snapshot.SummaryValue(snapshot_summary::kOperation), "append");
  EXPECT_EQ(snapshot.SummaryValue(snapshot_summary::kEngineName), "spark");
  EXPECT_EQ(snapshot.SummaryValue(snapshot_summary::kDeletedRecords), std::nullopt);
  EXPECT_EQ(snapshot.SummaryLong(snapshot_summary::kTotalRecords).value(), 120);
  EXPECT_EQ(snapshot.SummaryLong(snapshot_summary::kAddedDataFiles).value(), 3);
  EXPECT_EQ(snapshot.SummaryLong(snapshot_summary::kDeletedRecords).value(), std::nullopt);
  snapshot.summary["total-records"] = "12x";
  ASSERT_STATUS(kInvalidArgument, "summary 'total-records' is not a long: '12x'",
                snapshot.SummaryLong(snapshot_summary::kTotalRecords));
  snapshot.summary["total-records"] = "";
  EXPECT_FALSE(snapshot.SummaryLong(snapshot_summary::kTotalRecords).has_value());
  EXPECT_EQ(snapshot_summary::kAddedDeleteFiles, "added-delete-files");
  EXPECT_EQ(snapshot_summary::kChangedPartitionCount, "changed-partition-count");
}

TEST(IcebergSnapshotTest, OperationsAndTheirDefaults) {
  for (SnapshotOperation op : {SnapshotOperation::kAppend, SnapshotOperation::kReplace,
                               SnapshotOperation::kOverwrite, SnapshotOperation::kDelete}) {
    EXPECT_EQ(SnapshotOperationFromString(SnapshotOperationName(op)).value(), op);
  }
  ASSERT_STATUS(kInvalidArgument, "unknown snapshot operation 'merge'",
                SnapshotOperationFromString("merge"));
  // Java's reader: a summary without an operation is an overwrite; no
  // summary, no operation.
  ASSERT_OK_AND_ASSIGN(Snapshot no_op, SnapshotFromJson(Parse(
                                           R"({"snapshot-id": 1, "timestamp-ms": 5,
      "summary": {"added-records": "1"}, "manifest-list": "m"})")));
  EXPECT_EQ(no_op.operation, SnapshotOperation::kOverwrite);
  ASSERT_OK_AND_ASSIGN(Snapshot no_summary, SnapshotFromJson(Parse(
                                                R"({"snapshot-id": 1, "timestamp-ms": 5,
      "manifest-list": "m"})")));
  EXPECT_EQ(no_summary.operation, std::nullopt);
  EXPECT_EQ(no_summary.sequence_number, 0);
  EXPECT_FALSE(SnapshotToJson(no_summary, 2).contains("summary"));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: snapshot 1: unknown snapshot operation 'upsert' (expected append, "
                "replace, overwrite or delete)",
                SnapshotFromJson(Parse(R"({"snapshot-id": 1, "timestamp-ms": 5,
                    "summary": {"operation": "upsert"}, "manifest-list": "m"})")));
}

TEST(IcebergSnapshotTest, V1ManifestsAndV3Fields) {
  ASSERT_OK_AND_ASSIGN(Snapshot v1, SnapshotFromJson(Parse(R"({"snapshot-id": 2,
      "timestamp-ms": 5, "manifests": ["a.avro", "b.avro"]})")));
  EXPECT_TRUE(v1.manifest_list.empty());
  EXPECT_EQ(v1.manifests, (std::vector<std::string>{"a.avro", "b.avro"}));
  EXPECT_EQ(DumpJson(SnapshotToJson(v1, 1)),
            R"({"snapshot-id":2,"timestamp-ms":5,"manifests":["a.avro","b.avro"]})");
  ASSERT_OK_AND_ASSIGN(Snapshot v3, SnapshotFromJson(Parse(R"({"snapshot-id": 3,
      "sequence-number": 4, "timestamp-ms": 5, "manifest-list": "m",
      "summary": {"operation": "delete"}, "first-row-id": 1000, "added-rows": 375,
      "key-id": "k1"})")));
  EXPECT_EQ(v3.first_row_id, 1000);
  EXPECT_EQ(v3.added_rows, 375);
  EXPECT_EQ(v3.key_id, "k1");
  EXPECT_EQ(SnapshotFromJson(SnapshotToJson(v3, 3)).value(), v3);
}

TEST(IcebergSnapshotTest, ErrorsNameTheSnapshotAndMember) {
  ASSERT_STATUS(kInvalidArgument, "iceberg: snapshot: missing required 'snapshot-id'",
                SnapshotFromJson(Parse(R"({"timestamp-ms": 1, "manifest-list": "m"})")));
  ASSERT_STATUS(kInvalidArgument, "iceberg: snapshot 9: missing required 'timestamp-ms'",
                SnapshotFromJson(Parse(R"({"snapshot-id": 9, "manifest-list": "m"})")));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: snapshot 9: missing required 'manifest-list' (or v1 'manifests')",
                SnapshotFromJson(Parse(R"({"snapshot-id": 9, "timestamp-ms": 1})")));
  ASSERT_STATUS(kInvalidArgument, "iceberg: snapshot 9: 'timestamp-ms' must be an integer",
                SnapshotFromJson(Parse(R"({"snapshot-id": 9, "timestamp-ms": "1",
                    "manifest-list": "m"})")));
  ASSERT_STATUS(kInvalidArgument, "'added-records' of 'summary' must be a string, got int",
                SnapshotFromJson(Parse(R"({"snapshot-id": 9, "timestamp-ms": 1,
                    "manifest-list": "m", "summary": {"operation": "append",
                    "added-records": 1}})")));
  // As in Java's reader, `manifests` is ignored beside a `manifest-list`; a
  // snapshot made with both is invalid.
  ASSERT_OK_AND_ASSIGN(Snapshot both, SnapshotFromJson(Parse(R"({"snapshot-id": 9,
      "timestamp-ms": 1, "manifest-list": "m", "manifests": ["a"]})")));
  EXPECT_TRUE(both.manifests.empty());
  both.manifests = {"a"};
  ASSERT_STATUS(kInvalidArgument, "iceberg: snapshot 9: has both 'manifest-list' and 'manifests'",
                both.Validate());
  ASSERT_STATUS(kInvalidArgument, "negative 'added-rows'",
                SnapshotFromJson(Parse(R"({"snapshot-id": 9, "timestamp-ms": 1,
                    "manifest-list": "m", "added-rows": -1})")));
  ASSERT_STATUS(kInvalidArgument, "iceberg: a snapshot must be an object, got array",
                SnapshotFromJson(Parse("[]")));
}

TEST(IcebergSnapshotRefTest, BranchesTagsAndRetention) {
  ASSERT_OK_AND_ASSIGN(SnapshotRef branch, SnapshotRefFromJson(Parse(R"({"snapshot-id": 5,
      "type": "branch", "min-snapshots-to-keep": 2, "max-snapshot-age-ms": 100,
      "max-ref-age-ms": 1000})")));
  EXPECT_TRUE(branch.is_branch());
  EXPECT_EQ(branch.min_snapshots_to_keep, 2);
  EXPECT_EQ(DumpJson(SnapshotRefToJson(branch)),
            R"({"snapshot-id":5,"type":"branch","min-snapshots-to-keep":2,)"
            R"("max-snapshot-age-ms":100,"max-ref-age-ms":1000})");
  EXPECT_EQ(SnapshotRefFromJson(SnapshotRefToJson(branch)).value(), branch);
  // The spec's example tag; the type is read in any case.
  ASSERT_OK_AND_ASSIGN(SnapshotRef tag, SnapshotRefFromJson(Parse(R"({
      "snapshot-id": 123456789000, "type": "TAG", "max-ref-age-ms": 10000000})")));
  EXPECT_EQ(tag.type, SnapshotRefType::kTag);
  EXPECT_EQ(DumpJson(SnapshotRefToJson(tag)),
            R"({"snapshot-id":123456789000,"type":"tag","max-ref-age-ms":10000000})");
  EXPECT_EQ(SnapshotRef::Branch(3), (SnapshotRef{3, SnapshotRefType::kBranch, {}, {}, {}}));
  EXPECT_EQ(kMainBranch, "main");

  ASSERT_STATUS(kInvalidArgument, "tag of snapshot 5: a tag has no 'min-snapshots-to-keep'",
                SnapshotRefFromJson(Parse(R"({"snapshot-id": 5, "type": "tag",
                    "min-snapshots-to-keep": 1})")));
  ASSERT_STATUS(kInvalidArgument, "'max-ref-age-ms' must be positive",
                SnapshotRefFromJson(Parse(R"({"snapshot-id": 5, "type": "tag",
                    "max-ref-age-ms": 0})")));
  ASSERT_STATUS(kInvalidArgument, "unknown reference 'type' 'label'",
                SnapshotRefFromJson(Parse(R"({"snapshot-id": 5, "type": "label"})")));
  ASSERT_STATUS(kInvalidArgument, "missing required 'type'",
                SnapshotRefFromJson(Parse(R"({"snapshot-id": 5})")));
}

TEST(IcebergStatisticsFileTest, SpecFormsRoundTrip) {
  ASSERT_OK_AND_ASSIGN(StatisticsFile file, StatisticsFileFromJson(Parse(R"({
      "snapshot-id": 3055729675574597004, "statistics-path": "s3://a/b/stats.puffin",
      "file-size-in-bytes": 413, "file-footer-size-in-bytes": 42,
      "blob-metadata": [{"type": "apache-datasketches-theta-v1",
        "snapshot-id": 3055729675574597004, "sequence-number": 1, "fields": [1],
        "properties": {"ndv": "3"}}]})")));
  ASSERT_EQ(file.blob_metadata.size(), 1u);
  EXPECT_EQ(file.blob_metadata[0].type, "apache-datasketches-theta-v1");
  EXPECT_EQ(file.blob_metadata[0].fields, std::vector<int32_t>{1});
  EXPECT_EQ(file.blob_metadata[0].properties.at("ndv"), "3");
  EXPECT_EQ(StatisticsFileFromJson(StatisticsFileToJson(file)).value(), file);
  ASSERT_STATUS(kInvalidArgument,
                "statistics file of snapshot 1: blob 0: missing required 'sequence-number'",
                StatisticsFileFromJson(Parse(R"({"snapshot-id": 1, "statistics-path": "p",
                    "file-size-in-bytes": 1, "file-footer-size-in-bytes": 1,
                    "blob-metadata": [{"type": "t", "snapshot-id": 1, "fields": []}]})")));

  ASSERT_OK_AND_ASSIGN(PartitionStatisticsFile partition_file,
                       PartitionStatisticsFileFromJson(Parse(R"({"snapshot-id": 7,
      "statistics-path": "s3://a/b/partition-stats.parquet", "file-size-in-bytes": 43})")));
  EXPECT_EQ(partition_file.file_size_in_bytes, 43);
  EXPECT_EQ(PartitionStatisticsFileFromJson(PartitionStatisticsFileToJson(partition_file)).value(),
            partition_file);
  ASSERT_STATUS(kInvalidArgument, "'file-size-in-bytes' must not be negative",
                PartitionStatisticsFileFromJson(Parse(R"({"snapshot-id": 7,
                    "statistics-path": "p", "file-size-in-bytes": -1})")));
}

}  // namespace
}  // namespace floe::iceberg
