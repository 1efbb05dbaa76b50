// TableMetadataBuilder, NewTableMetadata and CommitUpdates: the effect and the
// validation of every update, and the invariants the builder keeps.
#include "iceberg/table_metadata_builder.h"

#include <gtest/gtest.h>

#include <regex>

#include "iceberg/table_metadata_json.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using Ptr = std::shared_ptr<const TableMetadata>;

Json Parse(std::string_view text) { return ParseJson(text, "test").value(); }

// A CREATE TABLE input with ids that are not the fresh ones: 10 id, 20 data,
// 30 ts; partitioned by bucket[16](id) and day(ts); sorted by id.
Schema InputSchema() {
  return Schema::Make({NestedField::Required(10, "id", Type::Long()),
                       NestedField::Optional(20, "data", Type::String()),
                       NestedField::Optional(30, "ts", Type::TimestampTz())})
      .value();
}
PartitionSpec InputSpec() {
  return PartitionSpec::Make(
             7, {PartitionField::Make(10, 5, "id_bucket", Transform::Bucket(16).value()),
                 PartitionField::Make(30, 6, "ts_day", Transform::Day())})
      .value();
}
SortOrder InputOrder() {
  return SortOrder::Make(9, {SortField::Make(10, Transform::Identity(), SortDirection::kAscending,
                                             NullOrder::kNullsFirst)})
      .value();
}

MetadataBuildOptions At(int64_t timestamp_ms, std::string base_location = "") {
  return MetadataBuildOptions{std::move(base_location), timestamp_ms};
}

Ptr NewTable(int format_version = 2) {
  auto m = NewTableMetadata(InputSchema(), InputSpec(), InputOrder(), "s3://b/t",
                            {{"owner", "floe"}}, format_version, At(1000));
  EXPECT_TRUE(m.has_value()) << m.error().ToString();
  return m.has_value() ? *m : nullptr;
}

Snapshot Snap(int64_t id, std::optional<int64_t> parent, int64_t sequence_number,
              int64_t timestamp_ms) {
  Snapshot s;
  s.snapshot_id = id;
  s.parent_snapshot_id = parent;
  s.sequence_number = sequence_number;
  s.timestamp_ms = timestamp_ms;
  s.manifest_list = "s3://b/t/metadata/snap-" + std::to_string(id) + ".avro";
  s.operation = SnapshotOperation::kAppend;
  s.schema_id = 0;
  return s;
}

// Applies `updates` to `base` in one commit at `timestamp_ms`.
Result<Ptr> Commit(const Ptr& base, std::vector<TableUpdate> updates, int64_t timestamp_ms,
                   std::string base_location = "") {
  return CommitUpdates(base, {}, updates, At(timestamp_ms, std::move(base_location)));
}

// A commit that appends snapshot `id` on main at time `timestamp_ms`.
Ptr Append(const Ptr& base, int64_t id, int64_t timestamp_ms) {
  if (base == nullptr) return nullptr;
  std::optional<int64_t> parent = base->current_snapshot_id();
  Snapshot s = Snap(id, parent, base->last_sequence_number() + 1, timestamp_ms);
  if (base->format_version() == 1) s.sequence_number = 0;
  if (base->format_version() >= 3) {
    s.first_row_id = base->next_row_id();
    s.added_rows = 10;
  }
  auto m =
      Commit(base, {AddSnapshotUpdate{s}, SetSnapshotRefUpdate{"main", SnapshotRef::Branch(id)}},
             timestamp_ms);
  EXPECT_TRUE(m.has_value()) << m.error().ToString();
  return m.has_value() ? *m : nullptr;
}

std::vector<int64_t> LogIds(const TableMetadata& m) {
  std::vector<int64_t> ids;
  for (const SnapshotLogEntry& e : m.snapshot_log()) ids.push_back(e.snapshot_id);
  return ids;
}

TEST(IcebergTableMetadataBuilderTest, NewTableMetadataAssignsFreshIds) {
  Ptr m = NewTable();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->format_version(), 2);
  EXPECT_TRUE(std::regex_match(
      m->table_uuid(),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << m->table_uuid();
  EXPECT_NE(NewTable()->table_uuid(), m->table_uuid());
  EXPECT_EQ(m->location(), "s3://b/t");
  EXPECT_EQ(m->last_updated_ms(), 1000);
  EXPECT_EQ(m->last_sequence_number(), 0);
  // Columns 1, 2, 3; schema 0.
  ASSERT_EQ(m->schemas().size(), 1u);
  EXPECT_EQ(m->current_schema().schema_id(), 0);
  EXPECT_EQ(m->current_schema().FindFieldByName("id").value()->id, 1);
  EXPECT_EQ(m->current_schema().FindFieldByName("ts").value()->id, 3);
  EXPECT_EQ(m->last_column_id(), 3);
  // Spec 0 with fields 1000, 1001 sourced from the fresh column ids.
  ASSERT_EQ(m->partition_specs().size(), 1u);
  EXPECT_EQ(m->default_spec().spec_id(), 0);
  EXPECT_EQ(m->default_spec().fields()[0],
            PartitionField::Make(1, 1000, "id_bucket", Transform::Bucket(16).value()));
  EXPECT_EQ(m->default_spec().fields()[1],
            PartitionField::Make(3, 1001, "ts_day", Transform::Day()));
  EXPECT_EQ(m->last_partition_id(), 1001);
  // Sort order 1 by the fresh id column.
  EXPECT_EQ(m->default_sort_order_id(), 1);
  EXPECT_EQ(m->default_sort_order().fields()[0].source_id(), 1);
  EXPECT_EQ(m->properties(), (std::map<std::string, std::string>{{"owner", "floe"}}));
  EXPECT_TRUE(m->snapshots().empty());
  EXPECT_TRUE(m->refs().empty());
  EXPECT_TRUE(m->metadata_log().empty());
  EXPECT_EQ(m->current_snapshot(), nullptr);
  // What was built is valid metadata that round-trips.
  ASSERT_OK_AND_ASSIGN(auto again, ParseTableMetadata(TableMetadataToJsonString(*m).value()));
  EXPECT_TRUE(*again == *m);
}

TEST(IcebergTableMetadataBuilderTest, NewTableMetadataVersionsAndOrders) {
  // The reserved property picks the version and is not stored.
  auto v1 = NewTableMetadata(InputSchema(), InputSpec(), InputOrder(), "s3://b/t",
                             {{"format-version", "1"}, {"k", "v"}}, 2, At(5));
  ASSERT_OK(v1);
  EXPECT_EQ((*v1)->format_version(), 1);
  EXPECT_EQ((*v1)->properties(), (std::map<std::string, std::string>{{"k", "v"}}));
  Ptr v3 = NewTable(3);
  EXPECT_EQ(v3->format_version(), 3);
  EXPECT_EQ(v3->next_row_id(), 0);
  ASSERT_STATUS(
      kInvalidArgument, "table property 'format-version' must be 1, 2 or 3, got '7'",
      NewTableMetadata(InputSchema(), InputSpec(), InputOrder(), "l", {{"format-version", "7"}}));
  ASSERT_STATUS(kNotSupported, "format version 4 is not supported",
                NewTableMetadata(InputSchema(), InputSpec(), InputOrder(), "l", {}, 4));
  // Unsorted and unpartitioned tables.
  ASSERT_OK_AND_ASSIGN(Ptr plain, NewTableMetadata(InputSchema(), PartitionSpec::Unpartitioned(),
                                                   SortOrder::Unsorted(), "l"));
  EXPECT_EQ(plain->default_sort_order_id(), 0);
  EXPECT_EQ(plain->last_partition_id(), 999);
  // A spec on a column the schema lacks.
  auto bad_spec =
      PartitionSpec::Make(0, {PartitionField::Make(99, 1000, "x", Transform::Identity())});
  ASSERT_STATUS(kInvalidArgument, "CREATE TABLE: source column 99 is not in the schema",
                NewTableMetadata(InputSchema(), *bad_spec, SortOrder::Unsorted(), "l"));
  // v3 types need a v3 table.
  Schema ns = Schema::Make({NestedField::Optional(1, "t", Type::TimestampNs())}).value();
  ASSERT_STATUS(kInvalidArgument, "needs format version 3",
                NewTableMetadata(ns, PartitionSpec::Unpartitioned(), SortOrder::Unsorted(), "l"));
  ASSERT_OK(
      NewTableMetadata(ns, PartitionSpec::Unpartitioned(), SortOrder::Unsorted(), "l", {}, 3));
}

TEST(IcebergTableMetadataBuilderTest, SnapshotsMoveMainAndTheLogs) {
  Ptr m0 = NewTable();
  Ptr m1 = Append(m0, 101, 2000);
  Ptr m2 = Append(m1, 102, 3000);
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->last_sequence_number(), 2);
  EXPECT_EQ(m2->current_snapshot()->snapshot_id, 102);
  EXPECT_EQ(m2->current_snapshot()->parent_snapshot_id, 101);
  EXPECT_EQ(*m2->Ref("main"), SnapshotRef::Branch(102));
  EXPECT_EQ(m2->snapshot_log(), (std::vector<SnapshotLogEntry>{{2000, 101}, {3000, 102}}));
  EXPECT_EQ(m2->last_updated_ms(), 3000);
  EXPECT_TRUE(m2->IsCurrentAncestor(101));
  EXPECT_EQ(m2->SnapshotAsOfTime(2500).value()->snapshot_id, 101);
  // A commit with the base's file records it in the metadata log.
  ASSERT_OK_AND_ASSIGN(Ptr m3, Commit(m2, {SetPropertiesUpdate{{{"a", "b"}}}}, 4000,
                                      "s3://b/t/metadata/00002.metadata.json"));
  EXPECT_EQ(m3->metadata_log(),
            (std::vector<MetadataLogEntry>{{3000, "s3://b/t/metadata/00002.metadata.json"}}));
}

TEST(IcebergTableMetadataBuilderTest, AddSnapshotValidation) {
  Ptr m = Append(NewTable(), 101, 2000);
  ASSERT_NE(m, nullptr);
  auto add = [&](Snapshot s) { return Commit(m, {AddSnapshotUpdate{std::move(s)}}, 3000); };
  ASSERT_OK(add(Snap(102, 101, 2, 2500)));
  // Sequence numbers: above the last one, else another commit took it.
  ASSERT_STATUS(kCommitConflict,
                "add-snapshot 102: sequence number 1 is not above the table's last sequence "
                "number 1 (another commit took it; retry on the current metadata)",
                add(Snap(102, 101, 1, 2500)));
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 102: its parent snapshot 55 does not exist",
                add(Snap(102, 55, 2, 2500)));
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 101: a snapshot with this id already exists",
                add(Snap(101, std::nullopt, 2, 2500)));
  Snapshot s = Snap(102, 101, 2, 2500);
  s.schema_id = 4;
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 102: its schema 4 does not exist", add(s));
  s = Snap(102, 101, 2, 2500);
  s.manifest_list.clear();
  s.manifests = {"m.avro"};
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 102: a v2 snapshot needs a 'manifest-list'",
                add(s));
  s = Snap(102, 101, 2, 2500);
  s.operation.reset();
  ASSERT_STATUS(kInvalidArgument, "a v2 snapshot needs a summary with its 'operation'", add(s));
  s = Snap(102, 101, 2, 2500);
  s.added_rows = -1;
  ASSERT_STATUS(kInvalidArgument, "negative 'added-rows'", add(s));
  // The error names the update in a commit.
  ASSERT_STATUS(
      kCommitConflict, "iceberg: table update 1 'add-snapshot': add-snapshot 103:",
      Commit(m, {SetPropertiesUpdate{{{"a", "b"}}}, AddSnapshotUpdate{Snap(103, 101, 1, 1)}},
             3000));
}

TEST(IcebergTableMetadataBuilderTest, V1TablesHaveNoSequenceNumbers) {
  Ptr v1 = NewTable(1);
  ASSERT_STATUS(kInvalidArgument, "a v1 table has no sequence numbers, got 1",
                Commit(v1, {AddSnapshotUpdate{Snap(1, std::nullopt, 1, 10)}}, 10));
  Snapshot s = Snap(1, std::nullopt, 0, 10);
  s.manifest_list.clear();
  s.manifests = {"m0.avro"};
  ASSERT_OK_AND_ASSIGN(Ptr m, Commit(v1, {AddSnapshotUpdate{s}}, 10));
  ASSERT_OK_AND_ASSIGN(m, Commit(m,
                                 {AddSnapshotUpdate{Snap(2, 1, 0, 20)},
                                  SetSnapshotRefUpdate{"main", SnapshotRef::Branch(2)}},
                                 20));
  EXPECT_EQ(m->last_sequence_number(), 0);
  EXPECT_EQ(m->current_snapshot()->snapshot_id, 2);
  // v1 partition field ids are 1000, 1001, ... in order.
  auto spec =
      PartitionSpec::Make(0, {PartitionField::Make(2, 1005, "data", Transform::Identity())});
  ASSERT_STATUS(kInvalidArgument,
                "add-spec: v1 partition field ids must be 1000, 1001, ... in order; field 0 "
                "'data' has id 1005",
                Commit(m, {AddPartitionSpecUpdate{*spec}}, 30));
}

TEST(IcebergTableMetadataBuilderTest, V3RowLineage) {
  Ptr m = NewTable(3);
  Snapshot s = Snap(1, std::nullopt, 1, 10);
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 1: a v3 snapshot needs a 'first-row-id'",
                Commit(m, {AddSnapshotUpdate{s}}, 10));
  s.first_row_id = 0;
  ASSERT_STATUS(kInvalidArgument, "add-snapshot 1: a v3 snapshot needs 'added-rows'",
                Commit(m, {AddSnapshotUpdate{s}}, 10));
  s.added_rows = 375;
  ASSERT_OK_AND_ASSIGN(m, Commit(m, {AddSnapshotUpdate{s}}, 10));
  EXPECT_EQ(m->next_row_id(), 375);
  Snapshot behind = Snap(2, 1, 2, 20);
  behind.first_row_id = 300;
  behind.added_rows = 5;
  ASSERT_STATUS(kCommitConflict,
                "add-snapshot 2: first-row-id 300 is behind the table's next-row-id 375",
                Commit(m, {AddSnapshotUpdate{behind}}, 20));
  behind.first_row_id = 400;  // a gap is allowed; next-row-id grows by added-rows
  ASSERT_OK_AND_ASSIGN(m, Commit(m, {AddSnapshotUpdate{behind}}, 20));
  EXPECT_EQ(m->next_row_id(), 380);
  EXPECT_EQ(TableMetadataToJson(*m).value()["next-row-id"], 380);
}

TEST(IcebergTableMetadataBuilderTest, RefsBranchesTagsAndRollback) {
  Ptr m = Append(Append(NewTable(), 101, 2000), 102, 3000);
  ASSERT_NE(m, nullptr);
  // A branch and a tag leave main and the log alone.
  ASSERT_OK_AND_ASSIGN(Ptr refs, Commit(m,
                                        {SetSnapshotRefUpdate{"dev", SnapshotRef::Branch(101)},
                                         SetSnapshotRefUpdate{"v1", SnapshotRef::Tag(101)}},
                                        4000));
  EXPECT_EQ(refs->SnapshotForRef("dev")->snapshot_id, 101);
  EXPECT_EQ(refs->Ref("v1")->type, SnapshotRefType::kTag);
  EXPECT_EQ(refs->current_snapshot()->snapshot_id, 102);
  EXPECT_EQ(refs->snapshot_log(), m->snapshot_log());
  // Setting a ref to what it is changes nothing: the base comes back.
  ASSERT_OK_AND_ASSIGN(Ptr same,
                       Commit(refs, {SetSnapshotRefUpdate{"v1", SnapshotRef::Tag(101)}}, 5000));
  EXPECT_EQ(same, refs);
  // Rollback: main to an existing snapshot is logged at this commit's time.
  ASSERT_OK_AND_ASSIGN(
      Ptr back, Commit(refs, {SetSnapshotRefUpdate{"main", SnapshotRef::Branch(101)}}, 6000));
  EXPECT_EQ(back->current_snapshot()->snapshot_id, 101);
  EXPECT_EQ(back->snapshot_log().back(), (SnapshotLogEntry{6000, 101}));
  EXPECT_EQ(back->SnapshotAsOfTime(5000).value()->snapshot_id, 102);
  EXPECT_EQ(back->SnapshotAsOfTime(6000).value()->snapshot_id, 101);
  // Errors.
  ASSERT_STATUS(kInvalidArgument, "set-snapshot-ref: 'main' must be a branch",
                Commit(m, {SetSnapshotRefUpdate{"main", SnapshotRef::Tag(101)}}, 1));
  ASSERT_STATUS(kInvalidArgument, "set-snapshot-ref 'dev': snapshot 7 does not exist",
                Commit(m, {SetSnapshotRefUpdate{"dev", SnapshotRef::Branch(7)}}, 1));
  SnapshotRef bad = SnapshotRef::Tag(101);
  bad.min_snapshots_to_keep = 3;
  ASSERT_STATUS(kInvalidArgument, "set-snapshot-ref 'v2': tag of snapshot 101: a tag has no",
                Commit(m, {SetSnapshotRefUpdate{"v2", bad}}, 1));
  ASSERT_STATUS(kInvalidArgument, "set-snapshot-ref: empty ref name",
                Commit(m, {SetSnapshotRefUpdate{"", SnapshotRef::Tag(101)}}, 1));
  // Removing main empties the table's current state; other refs just go.
  ASSERT_OK_AND_ASSIGN(Ptr no_main,
                       Commit(refs,
                              {RemoveSnapshotRefUpdate{"main"}, RemoveSnapshotRefUpdate{"v1"},
                               RemoveSnapshotRefUpdate{"absent"}},
                              7000));
  EXPECT_EQ(no_main->current_snapshot(), nullptr);
  EXPECT_EQ(no_main->Ref("v1"), nullptr);
  EXPECT_NE(no_main->Ref("dev"), nullptr);
  EXPECT_EQ(TableMetadataToJson(*no_main).value()["current-snapshot-id"], -1);
}

TEST(IcebergTableMetadataBuilderTest, IntermediateSnapshotsAreNotHistory) {
  // One commit adds 102 and 103 and moves main through both (a transaction):
  // only 103 became current as far as readers could see.
  Ptr m = Append(NewTable(), 101, 2000);
  ASSERT_OK_AND_ASSIGN(Ptr t, Commit(m,
                                     {AddSnapshotUpdate{Snap(102, 101, 2, 3000)},
                                      SetSnapshotRefUpdate{"main", SnapshotRef::Branch(102)},
                                      AddSnapshotUpdate{Snap(103, 102, 3, 3100)},
                                      SetSnapshotRefUpdate{"main", SnapshotRef::Branch(103)}},
                                     3200));
  EXPECT_EQ(LogIds(*t), (std::vector<int64_t>{101, 103}));
  EXPECT_EQ(t->snapshot_log().back().timestamp_ms, 3100);
  EXPECT_EQ(t->last_sequence_number(), 3);
}

TEST(IcebergTableMetadataBuilderTest, RemoveSnapshotsDropsTheirHistoryStatisticsAndRefs) {
  Ptr m = Append(Append(Append(NewTable(), 101, 2000), 102, 3000), 103, 4000);
  StatisticsFile stats{102, "s3://b/t/stats.puffin", 10, 5, std::nullopt, {}};
  PartitionStatisticsFile partition_stats{102, "s3://b/t/p.parquet", 7};
  ASSERT_OK_AND_ASSIGN(
      m, Commit(m,
                {SetSnapshotRefUpdate{"v2", SnapshotRef::Tag(102)}, SetStatisticsUpdate{stats},
                 SetPartitionStatisticsUpdate{partition_stats},
                 SetStatisticsUpdate{StatisticsFile{103, "s", 1, 1, {}, {}}}},
                5000));
  ASSERT_EQ(m->statistics().size(), 2u);
  ASSERT_OK_AND_ASSIGN(Ptr r, Commit(m, {RemoveSnapshotsUpdate{{102, 999}}}, 6000));
  EXPECT_EQ(r->SnapshotById(102), nullptr);
  EXPECT_EQ(r->snapshots().size(), 2u);
  EXPECT_EQ(r->Ref("v2"), nullptr);
  ASSERT_EQ(r->statistics().size(), 1u);
  EXPECT_EQ(r->statistics()[0].snapshot_id, 103);
  EXPECT_TRUE(r->partition_statistics().empty());
  // The log loses everything up to the removed snapshot: [101, 103] would
  // claim 101 was current until 103.
  EXPECT_EQ(LogIds(*r), (std::vector<int64_t>{103}));
  EXPECT_EQ(r->Ancestors(103).size(), 1u);  // 102 is gone, the walk ends
  // Removing the current snapshot removes main with it.
  ASSERT_OK_AND_ASSIGN(Ptr empty, Commit(r, {RemoveSnapshotsUpdate{{101, 103}}}, 7000));
  EXPECT_TRUE(empty->snapshots().empty());
  EXPECT_EQ(empty->current_snapshot_id(), std::nullopt);
  EXPECT_TRUE(empty->refs().empty());
  EXPECT_TRUE(empty->snapshot_log().empty());
}

TEST(IcebergTableMetadataBuilderTest, SchemasAreReusedAndIdsGrow) {
  Ptr m = NewTable();
  const Schema wider = Schema::Make({NestedField::Required(1, "id", Type::Long()),
                                     NestedField::Optional(2, "data", Type::String()),
                                     NestedField::Optional(3, "ts", Type::TimestampTz()),
                                     NestedField::Optional(4, "extra", Type::Int())},
                                    /*schema_id=*/77)
                           .value();
  ASSERT_OK_AND_ASSIGN(
      Ptr w,
      Commit(m, {AddSchemaUpdate{wider, std::nullopt}, SetCurrentSchemaUpdate{kLastAdded}}, 10));
  EXPECT_EQ(w->schemas().size(), 2u);
  EXPECT_EQ(w->current_schema_id(), 1);  // the next id, not the one asked for
  EXPECT_EQ(w->last_column_id(), 4);
  // The same schema again is not added twice; -1 names the one it resolved to.
  ASSERT_OK_AND_ASSIGN(
      Ptr again,
      Commit(w, {AddSchemaUpdate{wider, std::nullopt}, SetCurrentSchemaUpdate{kLastAdded}}, 20));
  EXPECT_EQ(again, w);
  // Going back to the first schema reuses schema 0.
  ASSERT_OK_AND_ASSIGN(Ptr back, Commit(w,
                                        {AddSchemaUpdate{m->current_schema(), std::nullopt},
                                         SetCurrentSchemaUpdate{kLastAdded}},
                                        30));
  EXPECT_EQ(back->schemas().size(), 2u);
  EXPECT_EQ(back->current_schema_id(), 0);
  EXPECT_EQ(back->last_column_id(), 4);  // never shrinks
  // last-column-id as the request gives it, but never below what is assigned.
  ASSERT_OK_AND_ASSIGN(Ptr high, Commit(m, {AddSchemaUpdate{wider, 10}}, 40));
  EXPECT_EQ(high->last_column_id(), 10);
  ASSERT_STATUS(kInvalidArgument,
                "add-schema: last-column-id 3 is below the table's last column id 10",
                Commit(high, {AddSchemaUpdate{wider, 3}}, 50));
  ASSERT_STATUS(kInvalidArgument, "add-schema: the schema has field id 4, above last-column-id 3",
                Commit(m, {AddSchemaUpdate{wider, 3}}, 50));
  ASSERT_STATUS(kInvalidArgument, "needs format version 3",
                Commit(m,
                       {AddSchemaUpdate{
                           Schema::Make({NestedField::Optional(9, "v", Type::Variant())}).value(),
                           std::nullopt}},
                       50));
  ASSERT_STATUS(kInvalidArgument,
                "set-current-schema -1 (the last added schema): no schema was added",
                Commit(m, {SetCurrentSchemaUpdate{kLastAdded}}, 50));
  ASSERT_STATUS(kInvalidArgument, "set-current-schema: schema 5 does not exist",
                Commit(m, {SetCurrentSchemaUpdate{5}}, 50));
  // Schemas other than the current one can be removed.
  ASSERT_STATUS(kInvalidArgument, "remove-schemas: schema 1 is the current schema",
                Commit(w, {RemoveSchemasUpdate{{1}}}, 60));
  ASSERT_OK_AND_ASSIGN(Ptr removed, Commit(w, {RemoveSchemasUpdate{{0, 8}}}, 60));
  EXPECT_EQ(removed->schemas().size(), 1u);
}

TEST(IcebergTableMetadataBuilderTest, PartitionSpecsAreReusedAndFieldIdsKept) {
  Ptr m = NewTable();
  // An equal spec (ids aside) is the existing one.
  ASSERT_OK_AND_ASSIGN(
      Ptr same,
      Commit(m, {AddPartitionSpecUpdate{m->default_spec()}, SetDefaultSpecUpdate{kLastAdded}}, 10));
  EXPECT_EQ(same, m);
  // Evolution: keep bucket (1000), drop day, add identity(data) as 1002.
  auto evolved = PartitionSpec::Make(
      0, {PartitionField::Make(1, 1000, "id_bucket", Transform::Bucket(16).value()),
          PartitionField::Make(2, 1002, "data", Transform::Identity())});
  ASSERT_OK_AND_ASSIGN(
      Ptr e, Commit(m, {AddPartitionSpecUpdate{*evolved}, SetDefaultSpecUpdate{kLastAdded}}, 20));
  EXPECT_EQ(e->partition_specs().size(), 2u);
  EXPECT_EQ(e->default_spec_id(), 1);
  EXPECT_EQ(e->last_partition_id(), 1002);
  // A field id names one partition value: it cannot change its meaning.
  auto reused = PartitionSpec::Make(
      0, {PartitionField::Make(2, 1001, "data_bucket", Transform::Bucket(4).value())});
  ASSERT_STATUS(kInvalidArgument,
                "add-spec: partition field id 1001 is 1001: ts_day: day(3) in spec 0; it "
                "cannot become 1001: data_bucket: bucket[4](2)",
                Commit(m, {AddPartitionSpecUpdate{*reused}}, 30));
  auto bad_source =
      PartitionSpec::Make(0, {PartitionField::Make(8, 1003, "x", Transform::Identity())});
  ASSERT_STATUS(kInvalidArgument, "source column 8 does not exist",
                Commit(m, {AddPartitionSpecUpdate{*bad_source}}, 30));
  ASSERT_STATUS(kInvalidArgument, "set-default-spec: partition spec 4 does not exist",
                Commit(m, {SetDefaultSpecUpdate{4}}, 30));
  ASSERT_STATUS(kInvalidArgument, "set-default-spec -1 (the last added spec): no spec was added",
                Commit(m, {SetDefaultSpecUpdate{kLastAdded}}, 30));
  ASSERT_STATUS(kInvalidArgument, "remove-partition-specs: spec 1 is the default spec",
                Commit(e, {RemovePartitionSpecsUpdate{{1}}}, 30));
  ASSERT_OK_AND_ASSIGN(Ptr removed, Commit(e, {RemovePartitionSpecsUpdate{{0}}}, 30));
  EXPECT_EQ(removed->partition_specs().size(), 1u);
  EXPECT_EQ(removed->last_partition_id(), 1002);  // ids are never reused
}

TEST(IcebergTableMetadataBuilderTest, SortOrders) {
  Ptr m = NewTable();
  // Unsorted is order 0, added when missing.
  ASSERT_OK_AND_ASSIGN(
      Ptr u,
      Commit(m, {AddSortOrderUpdate{SortOrder::Unsorted()}, SetDefaultSortOrderUpdate{kLastAdded}},
             10));
  EXPECT_EQ(u->default_sort_order_id(), 0);
  EXPECT_EQ(u->sort_orders().size(), 2u);
  // A new order takes the next id; an equal one is reused.
  auto by_ts = SortOrder::Make(
      1, {SortField::Make(3, Transform::Day(), SortDirection::kDescending, NullOrder::kNullsLast)});
  ASSERT_OK_AND_ASSIGN(
      Ptr t, Commit(u, {AddSortOrderUpdate{*by_ts}, SetDefaultSortOrderUpdate{kLastAdded}}, 20));
  EXPECT_EQ(t->default_sort_order_id(), 2);
  ASSERT_OK_AND_ASSIGN(
      Ptr again,
      Commit(t, {AddSortOrderUpdate{*by_ts}, SetDefaultSortOrderUpdate{kLastAdded}}, 30));
  EXPECT_EQ(again, t);
  ASSERT_OK_AND_ASSIGN(Ptr first, Commit(t,
                                         {AddSortOrderUpdate{m->default_sort_order()},
                                          SetDefaultSortOrderUpdate{kLastAdded}},
                                         30));
  EXPECT_EQ(first->default_sort_order_id(), 1);
  auto bad = SortOrder::Make(
      1, {SortField::Make(1, Transform::Day(), SortDirection::kAscending, NullOrder::kNullsFirst)});
  ASSERT_STATUS(kInvalidArgument, "sort order 1: field 0",
                Commit(m, {AddSortOrderUpdate{*bad}}, 40));
  ASSERT_STATUS(kInvalidArgument, "set-default-sort-order: sort order 9 does not exist",
                Commit(m, {SetDefaultSortOrderUpdate{9}}, 40));
}

TEST(IcebergTableMetadataBuilderTest, PropertiesLocationStatisticsAndKeys) {
  Ptr m = Append(NewTable(3), 101, 2000);
  ASSERT_NE(m, nullptr);
  ASSERT_OK_AND_ASSIGN(
      Ptr p, Commit(m,
                    {SetPropertiesUpdate{{{"a", "1"}, {"owner", "x"}}},
                     RemovePropertiesUpdate{{"a", "absent"}}, SetLocationUpdate{"s3://b/moved"}},
                    3000));
  EXPECT_EQ(p->properties(), (std::map<std::string, std::string>{{"owner", "x"}}));
  EXPECT_EQ(p->location(), "s3://b/moved");
  // Changes to what already is are no changes.
  ASSERT_OK_AND_ASSIGN(Ptr none,
                       Commit(p,
                              {SetPropertiesUpdate{{{"owner", "x"}}}, RemovePropertiesUpdate{{"a"}},
                               SetLocationUpdate{"s3://b/moved"}, RemoveStatisticsUpdate{101}},
                              4000));
  EXPECT_EQ(none, p);
  ASSERT_STATUS(kInvalidArgument, "set-location: empty location",
                Commit(p, {SetLocationUpdate{""}}, 1));
  // Statistics: one file per snapshot, of an existing snapshot.
  ASSERT_STATUS(kInvalidArgument, "set-statistics: snapshot 5 does not exist",
                Commit(p, {SetStatisticsUpdate{StatisticsFile{5, "s", 1, 1, {}, {}}}}, 1));
  ASSERT_STATUS(kInvalidArgument, "set-partition-statistics: snapshot 5 does not exist",
                Commit(p, {SetPartitionStatisticsUpdate{PartitionStatisticsFile{5, "p", 1}}}, 1));
  ASSERT_OK_AND_ASSIGN(Ptr s,
                       Commit(p,
                              {SetStatisticsUpdate{StatisticsFile{101, "old", 1, 1, {}, {}}},
                               SetStatisticsUpdate{StatisticsFile{101, "new", 2, 1, {}, {}}},
                               SetPartitionStatisticsUpdate{PartitionStatisticsFile{101, "p", 1}}},
                              5000));
  ASSERT_EQ(s->statistics().size(), 1u);
  EXPECT_EQ(s->statistics()[0].path, "new");
  ASSERT_OK_AND_ASSIGN(
      Ptr ns, Commit(s, {RemoveStatisticsUpdate{101}, RemovePartitionStatisticsUpdate{101}}, 6000));
  EXPECT_TRUE(ns->statistics().empty());
  EXPECT_TRUE(ns->partition_statistics().empty());
  // Encryption keys: added once; the same key again is nothing; a different
  // key under the same id is an error.
  EncryptedKey key{"k1", "AAEC", std::nullopt, {}};
  ASSERT_OK_AND_ASSIGN(Ptr k, Commit(p, {AddEncryptionKeyUpdate{key}}, 7000));
  ASSERT_EQ(k->encryption_keys().size(), 1u);
  ASSERT_OK_AND_ASSIGN(Ptr k2, Commit(k, {AddEncryptionKeyUpdate{key}}, 8000));
  EXPECT_EQ(k2, k);
  EncryptedKey other{"k1", "BBBB", std::nullopt, {}};
  ASSERT_STATUS(kInvalidArgument, "add-encryption-key: key 'k1' exists with different metadata",
                Commit(k, {AddEncryptionKeyUpdate{other}}, 1));
  ASSERT_OK_AND_ASSIGN(Ptr k3, Commit(k, {RemoveEncryptionKeyUpdate{"k1"}}, 9000));
  EXPECT_TRUE(k3->encryption_keys().empty());
}

TEST(IcebergTableMetadataBuilderTest, FormatVersionOnlyGoesUpAndUuidIsAssignedOnce) {
  Ptr m = Append(NewTable(), 101, 2000);
  ASSERT_OK_AND_ASSIGN(Ptr v3, Commit(m, {UpgradeFormatVersionUpdate{3}}, 3000));
  EXPECT_EQ(v3->format_version(), 3);
  EXPECT_EQ(v3->next_row_id(), 0);
  EXPECT_EQ(v3->SnapshotById(101)->first_row_id, std::nullopt);  // older snapshots keep none
  ASSERT_OK_AND_ASSIGN(Ptr same, Commit(v3, {UpgradeFormatVersionUpdate{3}}, 4000));
  EXPECT_EQ(same, v3);
  ASSERT_STATUS(kInvalidArgument, "cannot downgrade a v3 table to v2",
                Commit(v3, {UpgradeFormatVersionUpdate{2}}, 1));
  ASSERT_STATUS(kNotSupported, "cannot upgrade to format version 4",
                Commit(v3, {UpgradeFormatVersionUpdate{4}}, 1));
  ASSERT_OK_AND_ASSIGN(Ptr same_uuid, Commit(m, {AssignUuidUpdate{m->table_uuid()}}, 1));
  EXPECT_EQ(same_uuid, m);
  ASSERT_STATUS(kInvalidArgument, "assign-uuid: the table already has uuid " + m->table_uuid(),
                Commit(m, {AssignUuidUpdate{"00000000-0000-4000-8000-000000000000"}}, 1));
}

TEST(IcebergTableMetadataBuilderTest, MetadataLogIsBounded) {
  Ptr m = NewTable();
  ASSERT_OK_AND_ASSIGN(
      m, Commit(m,
                {SetPropertiesUpdate{
                    {{std::string(table_properties::kMetadataPreviousVersionsMax), "3"}}}},
                1001, "v0.json"));
  for (int i = 1; i <= 5; ++i) {
    ASSERT_OK_AND_ASSIGN(m, Commit(m, {SetPropertiesUpdate{{{"i", std::to_string(i)}}}}, 1001 + i,
                                   "v" + std::to_string(i) + ".json"));
  }
  EXPECT_EQ(m->metadata_log(), (std::vector<MetadataLogEntry>{
                                   {1003, "v3.json"}, {1004, "v4.json"}, {1005, "v5.json"}}));
  // At least one entry is kept; a bad bound is an error.
  ASSERT_OK_AND_ASSIGN(
      Ptr one, Commit(m,
                      {SetPropertiesUpdate{
                          {{std::string(table_properties::kMetadataPreviousVersionsMax), "0"}}}},
                      2000, "v6.json"));
  EXPECT_EQ(one->metadata_log(), (std::vector<MetadataLogEntry>{{1006, "v6.json"}}));
  ASSERT_STATUS(
      kInvalidArgument,
      "table property 'write.metadata.previous-versions-max' must be an int, got 'many'",
      Commit(m,
             {SetPropertiesUpdate{
                 {{std::string(table_properties::kMetadataPreviousVersionsMax), "many"}}}},
             2000, "v6.json"));
  // The default keeps 100.
  Ptr d = NewTable();
  for (int i = 0; i < 105; ++i) {
    ASSERT_OK_AND_ASSIGN(d, Commit(d, {SetPropertiesUpdate{{{"i", std::to_string(i)}}}}, 2000 + i,
                                   "f" + std::to_string(i)));
  }
  ASSERT_EQ(d->metadata_log().size(), 100u);
  EXPECT_EQ(d->metadata_log().front().metadata_file, "f5");
  EXPECT_EQ(d->metadata_log().back().metadata_file, "f104");
}

TEST(IcebergTableMetadataBuilderTest, FailedUpdatesChangeNothing) {
  Ptr m = Append(NewTable(), 101, 2000);
  TableMetadataBuilder builder = TableMetadataBuilder::BuildFrom(m, At(5000));
  // Each of these fails after some checks passed; none may leave a trace.
  EXPECT_FALSE(builder.AddSnapshot(Snap(102, 101, 1, 3000)).ok());
  EXPECT_FALSE(builder.AddSchema(m->current_schema(), 1).ok());
  EXPECT_FALSE(builder.SetRef("main", SnapshotRef::Tag(101)).ok());
  EXPECT_FALSE(builder.UpgradeFormatVersion(1).ok());
  ASSERT_OK_AND_ASSIGN(Ptr unchanged, builder.Build());
  EXPECT_EQ(unchanged, m);
  ASSERT_OK(builder.SetProperties({{"x", "y"}}));
  ASSERT_OK_AND_ASSIGN(Ptr changed, builder.Build());
  EXPECT_EQ(changed->snapshots().size(), 1u);
  EXPECT_EQ(changed->last_sequence_number(), 1);
  EXPECT_EQ(changed->last_updated_ms(), 5000);
  EXPECT_EQ(changed->Property("x"), "y");
}

TEST(IcebergTableMetadataBuilderTest, CommitChecksRequirementsFirst) {
  Ptr m = Append(NewTable(), 101, 2000);
  ASSERT_STATUS(kCommitConflict, "branch main has changed: expected snapshot 100, found 101",
                CommitUpdates(m, {AssertRefSnapshotId{"main", 100}},
                              {SetPropertiesUpdate{{{"a", "b"}}}}, At(1)));
  ASSERT_STATUS(kCommitConflict, "the table already exists",
                CommitUpdates(m, {AssertCreate{}}, {}, At(1)));
  ASSERT_OK_AND_ASSIGN(
      Ptr ok,
      CommitUpdates(m,
                    {AssertTableUuid{m->table_uuid()}, AssertRefSnapshotId{"main", 101},
                     AssertCurrentSchemaId{0}, AssertDefaultSpecId{0}, AssertDefaultSortOrderId{1},
                     AssertLastAssignedFieldId{3}, AssertLastAssignedPartitionId{1001}},
                    {SetPropertiesUpdate{{{"a", "b"}}}}, At(3000)));
  EXPECT_EQ(ok->Property("a"), "b");
}

// A REST create-table transaction, as clients send it.
TEST(IcebergTableMetadataBuilderTest, CommitCreatesATableFromRestUpdates) {
  const Json request = Parse(R"({
    "requirements": [{"type": "assert-create"}],
    "updates": [
      {"action": "assign-uuid", "uuid": "2cc52516-5e73-41f2-b139-545d41a4e151"},
      {"action": "upgrade-format-version", "format-version": 1},
      {"action": "add-schema", "schema": {"type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "id", "required": true, "type": "long"},
        {"id": 2, "name": "ts", "required": false, "type": "timestamp"}]},
       "last-column-id": 2},
      {"action": "set-current-schema", "schema-id": -1},
      {"action": "add-spec", "spec": {"fields": [
        {"name": "ts_day", "transform": "day", "source-id": 2, "field-id": 1000}]}},
      {"action": "set-default-spec", "spec-id": -1},
      {"action": "add-sort-order", "sort-order": {"order-id": 1, "fields": [
        {"transform": "identity", "source-id": 1, "direction": "asc",
         "null-order": "nulls-first"}]}},
      {"action": "set-default-sort-order", "sort-order-id": -1},
      {"action": "set-location", "location": "s3://warehouse/db/t"},
      {"action": "set-properties", "updates": {"owner": "rest"}}]})");
  std::vector<TableRequirement> requirements;
  for (const Json& r : request["requirements"]) {
    requirements.push_back(TableRequirementFromJson(r).value());
  }
  std::vector<TableUpdate> updates;
  for (const Json& u : request["updates"]) updates.push_back(TableUpdateFromJson(u).value());
  ASSERT_OK_AND_ASSIGN(Ptr created, CommitUpdates(nullptr, requirements, updates, At(42)));
  EXPECT_EQ(created->format_version(), 1);  // from upgrade-format-version
  EXPECT_EQ(created->table_uuid(), "2cc52516-5e73-41f2-b139-545d41a4e151");
  EXPECT_EQ(created->location(), "s3://warehouse/db/t");
  EXPECT_EQ(created->last_column_id(), 2);
  EXPECT_EQ(created->default_spec().fields()[0].field_id, 1000);
  EXPECT_EQ(created->last_partition_id(), 1000);
  EXPECT_EQ(created->default_sort_order_id(), 1);
  EXPECT_EQ(created->last_updated_ms(), 42);
  EXPECT_TRUE(created->metadata_log().empty());
  // The same request once the table exists: someone else created it.
  ASSERT_STATUS(kCommitConflict, "the table already exists",
                CommitUpdates(created, requirements, updates, At(43)));
  // Without a location there is no table.
  updates.erase(updates.begin() + 8);
  ASSERT_STATUS(kInvalidArgument, "'location' is required",
                CommitUpdates(nullptr, requirements, updates, At(44)));
  // A spec before any schema is current.
  ASSERT_STATUS(kInvalidArgument,
                "table update 0 'add-spec': add-spec: the table has no current schema yet",
                CommitUpdates(nullptr, {}, {updates[4]}, At(45)));
}

// Optimistic concurrency: two writers start from the same metadata; the
// second to commit must notice and retry on the first one's result.
TEST(IcebergTableMetadataBuilderTest, ConcurrentAppendsConflictAndRetry) {
  Ptr base = Append(NewTable(), 101, 2000);
  auto append_on = [](const Ptr& on, int64_t id, int64_t ts) {
    std::vector<TableRequirement> requirements = {
        AssertRefSnapshotId{"main", on->current_snapshot_id()}};
    std::vector<TableUpdate> updates = {
        AddSnapshotUpdate{Snap(id, on->current_snapshot_id(), on->last_sequence_number() + 1, ts)},
        SetSnapshotRefUpdate{"main", SnapshotRef::Branch(id)}};
    return std::make_pair(requirements, updates);
  };
  auto [req_a, upd_a] = append_on(base, 201, 3000);
  auto [req_b, upd_b] = append_on(base, 202, 3001);
  ASSERT_OK_AND_ASSIGN(Ptr after_a, CommitUpdates(base, req_a, upd_a, At(3000)));
  // B's commit, checked against the table as it now is.
  ASSERT_STATUS(kCommitConflict, "branch main has changed: expected snapshot 101, found 201",
                CommitUpdates(after_a, req_b, upd_b, At(3001)));
  // Without the requirement the sequence number still catches it.
  ASSERT_STATUS(kCommitConflict,
                "sequence number 2 is not above the table's last sequence number 2",
                CommitUpdates(after_a, {}, upd_b, At(3001)));
  // B retries on the refreshed metadata.
  auto [req_retry, upd_retry] = append_on(after_a, 202, 3002);
  ASSERT_OK_AND_ASSIGN(Ptr after_b, CommitUpdates(after_a, req_retry, upd_retry, At(3002)));
  EXPECT_EQ(after_b->current_snapshot()->parent_snapshot_id, 201);
  EXPECT_EQ(after_b->last_sequence_number(), 3);
  EXPECT_EQ(LogIds(*after_b), (std::vector<int64_t>{101, 201, 202}));
}

}  // namespace
}  // namespace floe::iceberg
