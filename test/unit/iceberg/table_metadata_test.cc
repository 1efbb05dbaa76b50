// TableMetadata's validation (Make), lookups, time travel and ancestry.
#include "iceberg/table_metadata.h"

#include <gtest/gtest.h>

#include <functional>

#include "iceberg/table_metadata_json.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

// A v2 table with this history:
//
//   1 (t=1000) <- 2 (t=2000) <- 3 (t=3000)      main
//                      ^------- 4 (t=2500)      branch "dev"
//   tag "v1" at 1
//
// and a snapshot log in which main went 1, 2, 3.
Json HistoryDoc() {
  return Json::parse(R"({
    "format-version": 2, "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
    "location": "s3://bucket/t", "last-sequence-number": 4, "last-updated-ms": 4000,
    "last-column-id": 2, "current-schema-id": 0,
    "schemas": [{"type": "struct", "schema-id": 0, "fields": [
      {"id": 1, "name": "id", "required": true, "type": "long"},
      {"id": 2, "name": "ts", "required": false, "type": "timestamptz"}]}],
    "default-spec-id": 0,
    "partition-specs": [{"spec-id": 0, "fields": [
      {"name": "ts_day", "transform": "day", "source-id": 2, "field-id": 1000}]}],
    "last-partition-id": 1000, "default-sort-order-id": 0,
    "sort-orders": [{"order-id": 0, "fields": []}],
    "properties": {"write.metadata.previous-versions-max": "5", "bad.int": "x5"},
    "current-snapshot-id": 3,
    "refs": {"main": {"snapshot-id": 3, "type": "branch"},
             "dev": {"snapshot-id": 4, "type": "branch"},
             "v1": {"snapshot-id": 1, "type": "tag"}},
    "snapshots": [
      {"snapshot-id": 1, "sequence-number": 1, "timestamp-ms": 1000,
       "summary": {"operation": "append"}, "manifest-list": "s3://bucket/t/m1.avro"},
      {"snapshot-id": 2, "parent-snapshot-id": 1, "sequence-number": 2, "timestamp-ms": 2000,
       "summary": {"operation": "overwrite"}, "manifest-list": "s3://bucket/t/m2.avro"},
      {"snapshot-id": 3, "parent-snapshot-id": 2, "sequence-number": 3, "timestamp-ms": 3000,
       "summary": {"operation": "append"}, "manifest-list": "s3://bucket/t/m3.avro"},
      {"snapshot-id": 4, "parent-snapshot-id": 2, "sequence-number": 4, "timestamp-ms": 2500,
       "summary": {"operation": "delete"}, "manifest-list": "s3://bucket/t/m4.avro"}],
    "snapshot-log": [{"timestamp-ms": 1000, "snapshot-id": 1},
                     {"timestamp-ms": 2000, "snapshot-id": 2},
                     {"timestamp-ms": 3000, "snapshot-id": 3}],
    "metadata-log": []})");
}

std::shared_ptr<const TableMetadata> Load(const Json& json) {
  auto metadata = TableMetadataFromJson(json);
  EXPECT_TRUE(metadata.has_value()) << metadata.error().ToString();
  return metadata.has_value() ? *metadata : nullptr;
}

std::vector<int64_t> Ids(const std::vector<const Snapshot*>& snapshots) {
  std::vector<int64_t> ids;
  for (const Snapshot* s : snapshots) ids.push_back(s->snapshot_id);
  return ids;
}

int64_t IdAsOf(const TableMetadata& metadata, int64_t timestamp_ms) {
  auto snapshot = metadata.SnapshotAsOfTime(timestamp_ms);
  EXPECT_TRUE(snapshot.has_value()) << snapshot.error().ToString();
  return snapshot.has_value() ? (*snapshot)->snapshot_id : -1;
}

TEST(IcebergTableMetadataTest, Lookups) {
  auto m = Load(HistoryDoc());
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->current_schema().schema_id(), 0);
  EXPECT_EQ(m->SchemaById(0), &m->current_schema());
  EXPECT_EQ(m->SchemaById(1), nullptr);
  EXPECT_EQ(m->default_spec().fields().size(), 1u);
  EXPECT_EQ(m->SpecById(0), &m->default_spec());
  EXPECT_EQ(m->SpecById(7), nullptr);
  EXPECT_TRUE(m->default_sort_order().is_unsorted());
  EXPECT_EQ(m->SortOrderById(0), &m->default_sort_order());
  EXPECT_EQ(m->SortOrderById(1), nullptr);
  ASSERT_NE(m->current_snapshot(), nullptr);
  EXPECT_EQ(m->current_snapshot()->snapshot_id, 3);
  EXPECT_EQ(m->SnapshotById(4)->timestamp_ms, 2500);
  EXPECT_EQ(m->SnapshotById(5), nullptr);
  EXPECT_EQ(m->SnapshotForRef("main"), m->current_snapshot());
  EXPECT_EQ(m->SnapshotForRef("dev")->snapshot_id, 4);
  EXPECT_EQ(m->SnapshotForRef("v1")->snapshot_id, 1);
  EXPECT_EQ(m->Ref("v1")->type, SnapshotRefType::kTag);
  EXPECT_EQ(m->SnapshotForRef("nope"), nullptr);
  EXPECT_EQ(m->Property("write.metadata.previous-versions-max"), "5");
  EXPECT_EQ(m->Property("absent"), std::nullopt);
  EXPECT_EQ(m->PropertyAsInt("write.metadata.previous-versions-max", 100).value(), 5);
  EXPECT_EQ(m->PropertyAsInt("absent", 100).value(), 100);
  ASSERT_STATUS(kInvalidArgument, "table property 'bad.int' must be an int, got 'x5'",
                m->PropertyAsInt("bad.int", 1));
}

TEST(IcebergTableMetadataTest, AncestryWalksParents) {
  auto m = Load(HistoryDoc());
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(Ids(m->Ancestors(3)), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(Ids(m->Ancestors(4)), (std::vector<int64_t>{4, 2, 1}));
  EXPECT_EQ(Ids(m->Ancestors(1)), (std::vector<int64_t>{1}));
  EXPECT_TRUE(m->Ancestors(99).empty());
  EXPECT_TRUE(m->IsAncestorOf(3, 1));
  EXPECT_TRUE(m->IsAncestorOf(3, 3));
  EXPECT_FALSE(m->IsAncestorOf(3, 4));
  EXPECT_FALSE(m->IsAncestorOf(1, 3));
  EXPECT_TRUE(m->IsCurrentAncestor(2));
  EXPECT_TRUE(m->IsCurrentAncestor(3));
  EXPECT_FALSE(m->IsCurrentAncestor(4));  // only on dev
  EXPECT_FALSE(m->IsCurrentAncestor(99));

  // An expired parent ends the walk.
  Json doc = HistoryDoc();
  doc["snapshots"].erase(0);  // snapshot 1
  doc["refs"].erase("v1");
  auto expired = Load(doc);
  ASSERT_NE(expired, nullptr);
  EXPECT_EQ(Ids(expired->Ancestors(3)), (std::vector<int64_t>{3, 2}));
  EXPECT_FALSE(expired->IsCurrentAncestor(1));

  // A corrupt parent cycle does not loop forever.
  doc = HistoryDoc();
  doc["snapshots"][0]["parent-snapshot-id"] = 3;
  auto cycle = Load(doc);
  ASSERT_NE(cycle, nullptr);
  EXPECT_EQ(cycle->Ancestors(3).size(), 4u);
}

TEST(IcebergTableMetadataTest, TimeTravelReadsTheSnapshotLog) {
  auto m = Load(HistoryDoc());
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(IdAsOf(*m, 1000), 1);
  EXPECT_EQ(IdAsOf(*m, 1999), 1);
  EXPECT_EQ(IdAsOf(*m, 2000), 2);
  // Snapshot 4 (t=2500) was never main: at 2600 the table was at 2.
  EXPECT_EQ(IdAsOf(*m, 2600), 2);
  EXPECT_EQ(IdAsOf(*m, 3000), 3);
  EXPECT_EQ(IdAsOf(*m, 1LL << 50), 3);
  ASSERT_STATUS(kNotFound,
                "iceberg: table s3://bucket/t has no snapshot at or before 999 "
                "(1970-01-01T00:00:00.999+00:00): its snapshot log starts at 1000",
                m->SnapshotAsOfTime(999));

  // The log, not the ancestry, says what was current: main moved to 4 at
  // 2500 and back to 3 at 3500 (a rollback), so at 3200 the table was at 4
  // although 4 is no ancestor of 3.
  Json doc = HistoryDoc();
  doc["snapshot-log"] = Json::parse(R"([{"timestamp-ms": 1000, "snapshot-id": 1},
      {"timestamp-ms": 2000, "snapshot-id": 2}, {"timestamp-ms": 2500, "snapshot-id": 4},
      {"timestamp-ms": 3500, "snapshot-id": 3}])");
  auto rolled_back = Load(doc);
  ASSERT_NE(rolled_back, nullptr);
  EXPECT_EQ(IdAsOf(*rolled_back, 3200), 4);
  EXPECT_EQ(IdAsOf(*rolled_back, 3600), 3);

  // A snapshot that was current but has expired cannot be read.
  doc = HistoryDoc();
  doc["snapshots"].erase(0);
  doc["refs"].erase("v1");
  auto expired = Load(doc);
  ASSERT_NE(expired, nullptr);
  ASSERT_STATUS(kNotFound, "snapshot 1, current at 1500 (1970-01-01T00:00:01.5+00:00), has expired",
                expired->SnapshotAsOfTime(1500));
  EXPECT_EQ(IdAsOf(*expired, 2000), 2);
}

TEST(IcebergTableMetadataTest, TimeTravelWithoutASnapshotLogWalksMain) {
  Json doc = HistoryDoc();
  doc.erase("snapshot-log");
  auto m = Load(doc);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(IdAsOf(*m, 1500), 1);
  EXPECT_EQ(IdAsOf(*m, 2600), 2);  // 4 is on dev, not main
  EXPECT_EQ(IdAsOf(*m, 3000), 3);
  ASSERT_STATUS(kNotFound, "has no snapshot at or before 999", m->SnapshotAsOfTime(999));

  // An empty table has nothing to travel to.
  doc = HistoryDoc();
  doc.erase("snapshot-log");
  doc.erase("refs");
  doc["snapshots"] = Json::array();
  doc["current-snapshot-id"] = -1;
  auto empty = Load(doc);
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->current_snapshot(), nullptr);
  ASSERT_STATUS(kNotFound, "has no snapshot at or before", empty->SnapshotAsOfTime(5000));
}

TEST(IcebergTableMetadataTest, MainFollowsTheCurrentSnapshot) {
  // v1/v2 metadata without refs: main is the current snapshot.
  Json doc = HistoryDoc();
  doc.erase("refs");
  auto m = Load(doc);
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->refs().size(), 1u);
  EXPECT_EQ(*m->Ref("main"), SnapshotRef::Branch(3));
  // refs without main (iceberg-rust's examples): main is added too.
  doc = HistoryDoc();
  doc["refs"].erase("main");
  m = Load(doc);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->refs().size(), 3u);
  EXPECT_EQ(m->SnapshotForRef("main")->snapshot_id, 3);
  // No current snapshot: no main.
  doc = HistoryDoc();
  doc.erase("refs");
  doc["current-snapshot-id"] = nullptr;
  m = Load(doc);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->refs().empty());
  EXPECT_EQ(m->current_snapshot_id(), std::nullopt);
}

// Each broken variant of HistoryDoc and the error Make gives it.
struct Broken {
  std::string what;
  std::function<void(Json&)> change;
  StatusCode code;
  std::string message;
};

TEST(IcebergTableMetadataTest, MakeRefusesInconsistentMetadata) {
  const std::vector<Broken> cases = {
      {"v4", [](Json& d) { d["format-version"] = 4; }, StatusCode::kNotSupported,
       "format-version 4 is not supported (Floe reads and writes format versions 1 to 3)"},
      {"v0", [](Json& d) { d["format-version"] = 0; }, StatusCode::kInvalidArgument,
       "'format-version' 0 is not valid"},
      {"no uuid", [](Json& d) { d.erase("table-uuid"); }, StatusCode::kInvalidArgument,
       "'table-uuid' is required in format v2"},
      {"empty location", [](Json& d) { d["location"] = ""; }, StatusCode::kInvalidArgument,
       "'location' is required"},
      {"schema ids", [](Json& d) { d["schemas"].push_back(d["schemas"][0]); },
       StatusCode::kInvalidArgument, "schema id 0 is used twice"},
      {"spec ids", [](Json& d) { d["partition-specs"].push_back(d["partition-specs"][0]); },
       StatusCode::kInvalidArgument, "partition spec id 0 is used twice"},
      {"default spec", [](Json& d) { d["default-spec-id"] = 3; }, StatusCode::kInvalidArgument,
       "'default-spec-id' 3 is not among the partition specs"},
      {"default spec source",
       [](Json& d) { d["partition-specs"][0]["fields"][0]["source-id"] = 9; },
       StatusCode::kInvalidArgument,
       "partition spec 0: field 1000 'ts_day': source column 9 does not exist in schema 0"},
      {"sort order ids", [](Json& d) { d["sort-orders"].push_back(d["sort-orders"][0]); },
       StatusCode::kInvalidArgument, "sort order id 0 is used twice"},
      {"default order", [](Json& d) { d["default-sort-order-id"] = 2; },
       StatusCode::kInvalidArgument, "'default-sort-order-id' 2 is not among the sort orders"},
      {"snapshot ids", [](Json& d) { d["snapshots"].push_back(d["snapshots"][0]); },
       StatusCode::kInvalidArgument, "snapshot id 1 is used twice"},
      {"sequence number", [](Json& d) { d["last-sequence-number"] = 3; },
       StatusCode::kInvalidArgument,
       "snapshot 4 has sequence number 4, above 'last-sequence-number' 3"},
      {"current snapshot", [](Json& d) { d["current-snapshot-id"] = 9; },
       StatusCode::kInvalidArgument, "'current-snapshot-id' 9 is not among the snapshots"},
      {"ref target", [](Json& d) { d["refs"]["dev"]["snapshot-id"] = 9; },
       StatusCode::kInvalidArgument, "branch 'dev' points at snapshot 9, which does not exist"},
      {"main elsewhere", [](Json& d) { d["refs"]["main"]["snapshot-id"] = 2; },
       StatusCode::kInvalidArgument,
       "'current-snapshot-id' 3 differs from branch 'main' at "
       "snapshot 2"},
      {"main a tag", [](Json& d) { d["refs"]["main"]["type"] = "tag"; },
       StatusCode::kInvalidArgument, "'main' must be a branch, not a tag"},
      {"main without current", [](Json& d) { d["current-snapshot-id"] = -1; },
       StatusCode::kInvalidArgument,
       "branch 'main' points at snapshot 3 but the table has no 'current-snapshot-id'"},
      {"empty ref name", [](Json& d) { d["refs"][""] = d["refs"]["v1"]; },
       StatusCode::kInvalidArgument, "a snapshot reference has an empty name"},
      {"negative sequence", [](Json& d) { d["last-sequence-number"] = -1; },
       StatusCode::kInvalidArgument, "negative 'last-sequence-number' -1"},
      {"duplicate key",
       [](Json& d) {
         d["format-version"] = 3;
         d["next-row-id"] = 0;
         d["encryption-keys"] = Json::parse(R"([{"key-id": "k", "encrypted-key-metadata": "AA=="},
             {"key-id": "k", "encrypted-key-metadata": "AQ=="}])");
       },
       StatusCode::kInvalidArgument, "encryption key 'k' is listed twice"},
      {"negative next-row-id",
       [](Json& d) {
         d["format-version"] = 3;
         d["next-row-id"] = -5;
       },
       StatusCode::kInvalidArgument, "negative 'next-row-id' -5"},
  };
  ASSERT_NE(Load(HistoryDoc()), nullptr);
  for (const Broken& c : cases) {
    SCOPED_TRACE(c.what);
    Json doc = HistoryDoc();
    c.change(doc);
    auto result = TableMetadataFromJson(doc);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), c.code) << result.error().ToString();
    EXPECT_NE(result.error().message().find(c.message), std::string::npos)
        << result.error().message();
    EXPECT_EQ(result.error().message().rfind("iceberg: table metadata: ", 0), 0u)
        << result.error().message();
  }
}

TEST(IcebergTableMetadataTest, V1RulesAndEquality) {
  Json doc = HistoryDoc();
  doc["format-version"] = 1;
  for (Json& snapshot : doc["snapshots"]) snapshot.erase("sequence-number");
  auto v1 = Load(doc);
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ(v1->last_sequence_number(), 0);  // not read in v1
  EXPECT_EQ(v1->SnapshotById(3)->sequence_number, 0);

  // v1 metadata cannot claim a sequence number.
  TableMetadata::Fields fields = v1->fields();
  fields.last_sequence_number = 2;
  ASSERT_STATUS(kInvalidArgument, "'last-sequence-number' must be 0 in v1, got 2",
                TableMetadata::Make(fields));
  // v1 needs no uuid.
  fields = v1->fields();
  fields.table_uuid.clear();
  ASSERT_OK(TableMetadata::Make(fields));

  // Equality compares snapshots by value, not pointer.
  ASSERT_OK_AND_ASSIGN(auto copy, TableMetadata::Make(v1->fields()));
  EXPECT_TRUE(*copy == *v1);
  fields = v1->fields();
  Snapshot changed = *fields.snapshots[0];
  changed.summary["x"] = "y";
  fields.snapshots[0] = std::make_shared<const Snapshot>(changed);
  ASSERT_OK_AND_ASSIGN(auto different, TableMetadata::Make(fields));
  EXPECT_FALSE(*different == *v1);
}

}  // namespace
}  // namespace floe::iceberg
