// Manifests and manifest lists written by Floe read back equal: data and delete manifests,
// partitioned by identity, bucket, day and truncate or not at all; sequence number, snapshot id
// and first row id inheritance; v1 files as Iceberg's Java writer made them; projection; the
// summaries the writers compute; and what the writers refuse.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "iceberg/manifest_avro_schema.h"
#include "iceberg/manifest_list.h"
#include "iceberg/manifest_reader.h"
#include "iceberg/manifest_writer.h"
#include "iceberg/single_value.h"
#include "io/memory_file_io.h"
#include "unit/iceberg/manifest_test_util.h"
#include "util/test_macros.h"
#include "vector/value_compare.h"

namespace floe::iceberg {
namespace {

using Json = nlohmann::json;

constexpr int64_t kSnapshotId = 7001;

// 1: id long, 2: ts timestamptz, 3: name string, 4: price decimal(9,2), 5: score double,
// 6: flag boolean.
Schema TableSchema() {
  return Schema::Make({NestedField::Required(1, "id", Type::Long()),
                       NestedField::Optional(2, "ts", Type::TimestampTz()),
                       NestedField::Optional(3, "name", Type::String()),
                       NestedField::Optional(4, "price", Type::Decimal(9, 2).value()),
                       NestedField::Optional(5, "score", Type::Double()),
                       NestedField::Optional(6, "flag", Type::Boolean())},
                      3)
      .value();
}

Transform T(std::string_view text) { return Transform::FromString(text).value(); }

// bucket, day, truncate and identity fields.
PartitionSpec PartitionedSpec() {
  return PartitionSpec::Make(
             2, {PartitionField::Make(1, 1000, "id_bucket", T("bucket[16]")),
                 PartitionField::Make(2, 1001, "ts_day", T("day")),
                 PartitionField::Make(3, 1002, "name_trunc", T("truncate[4]")),
                 PartitionField::Make(4, 1003, "price", T("identity")),
                 PartitionField::Make(5, 1004, "score", T("identity")),
                 // A name Avro does not allow: written as a compatible name, read by id.
                 PartitionField::Make(6, 1005, "flag-1", T("identity"))})
      .value();
}

struct Row {
  std::optional<int64_t> id;
  std::optional<int64_t> ts;
  std::optional<std::string> name;
  std::optional<int64_t> price_cents;
  std::optional<double> score;
  std::optional<bool> flag;
};

// The partition tuple of `row` under PartitionedSpec(), by applying the transforms.
std::vector<Value> PartitionOf(const Row& row) {
  const PartitionSpec spec = PartitionedSpec();
  std::vector<Value> sources = {
      row.id ? Value::Int64(*row.id) : Value::Null(LogicalType::Int64()),
      row.ts ? Value::TimestampTz(*row.ts) : Value::Null(LogicalType::TimestampTz()),
      row.name ? Value::String(*row.name) : Value::Null(LogicalType::String()),
      row.price_cents ? Value::Decimal(*row.price_cents, 9, 2).value()
                      : Value::Null(LogicalType::Decimal(9, 2).value()),
      row.score ? Value::Double(*row.score) : Value::Null(LogicalType::Double()),
      row.flag ? Value::Boolean(*row.flag) : Value::Null(LogicalType::Boolean())};
  std::vector<Value> out;
  for (size_t i = 0; i < sources.size(); ++i) {
    out.push_back(spec.fields()[i].transform.Apply(sources[i]).value());
  }
  return out;
}

std::string Bin(const Type& type, const Value& v) { return SingleValueToBinary(type, v).value(); }

DataFile MakeDataFile(int i, std::vector<Value> partition, int32_t spec_id) {
  DataFile f;
  f.content = DataFileContent::kData;
  f.file_path = fmt::format("s3://bucket/t/data/{:05d}.parquet", i);
  f.file_format = FileFormat::kParquet;
  f.spec_id = spec_id;
  f.partition = std::move(partition);
  f.record_count = 100 + i;
  f.file_size_in_bytes = 4096 + i;
  f.column_sizes = {{1, 800 + i}, {3, 1200}};
  f.value_counts = {{1, 100 + i}, {3, 100 + i}};
  f.null_value_counts = {{1, 0}, {3, i % 3}};
  f.nan_value_counts = {{5, i % 2}};
  f.lower_bounds = {{1, Bin(Type::Long(), Value::Int64(i))}, {3, "aa"}};
  f.upper_bounds = {{1, Bin(Type::Long(), Value::Int64(i * 10))}, {3, "zz"}};
  if (i % 4 == 0) f.key_metadata = std::string("\x01\x02key", 5);
  f.split_offsets = {4, 2048};
  f.sort_order_id = i % 2;
  return f;
}

std::vector<Row> TestRows() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {
      {1, 1'700'000'000'000'000, "apple", 1999, 1.5, true},
      {2, 1'600'000'000'000'000, "banana", -250, -0.0, false},
      {3, -86'400'000'001, "kiwi", 0, 0.0, true},  // 1969-12-30: day -2
      {std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt},
      {42, 1'650'000'000'000'000, "z", 123456789, nan, false},
      {-7, 0, "", -999999999, -3.25, true},
  };
}

Result<ManifestFile> WriteManifest(FileIO& io, const std::string& location, const Schema& schema,
                                   const PartitionSpec& spec,
                                   const std::vector<ManifestEntry>& entries,
                                   ManifestWriterOptions options) {
  FLOE_ASSIGN_OR_RETURN(auto writer, ManifestWriter::Make(io, location, schema, spec, options));
  for (const ManifestEntry& e : entries) FLOE_RETURN_NOT_OK(writer->Write(e));
  return writer->Close();
}

ManifestWriterOptions Options(ManifestContent content = ManifestContent::kData,
                              int format_version = 2) {
  ManifestWriterOptions options;
  options.snapshot_id = kSnapshotId;
  options.content = content;
  options.format_version = format_version;
  return options;
}

ManifestEntry Added(DataFile file) {
  ManifestEntry e;
  e.status = ManifestEntryStatus::kAdded;
  e.snapshot_id = kSnapshotId;
  e.data_file = std::move(file);
  return e;
}

Result<std::vector<ManifestEntry>> ReadEntries(FileIO& io, const ManifestFile& manifest,
                                               ManifestReaderOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(auto reader, ManifestReader::Open(io, manifest, options));
  return reader->ReadAll();
}

TEST(IcebergManifestTest, PartitionedDataManifestRoundTrips) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionedSpec();
  std::vector<ManifestEntry> entries;
  const std::vector<Row> rows = TestRows();
  for (size_t i = 0; i < rows.size(); ++i) {
    entries.push_back(Added(MakeDataFile(static_cast<int>(i), PartitionOf(rows[i]), 2)));
  }
  ASSERT_OK_AND_ASSIGN(ManifestFile m,
                       WriteManifest(io, "mem://m0.avro", schema, spec, entries, Options()));
  EXPECT_EQ(m.manifest_path, "mem://m0.avro");
  ASSERT_OK_AND_ASSIGN(FileInfo info, io.Stat("mem://m0.avro"));
  EXPECT_EQ(m.manifest_length, info.size);
  EXPECT_EQ(m.partition_spec_id, 2);
  EXPECT_EQ(m.content, ManifestContent::kData);
  EXPECT_EQ(m.added_snapshot_id, kSnapshotId);
  EXPECT_EQ(m.added_files_count, static_cast<int32_t>(rows.size()));
  EXPECT_EQ(m.existing_files_count, 0);
  EXPECT_EQ(m.deleted_files_count, 0);
  int64_t rows_added = 0;
  for (const auto& e : entries) rows_added += e.data_file.record_count;
  EXPECT_EQ(m.added_rows_count, rows_added);
  EXPECT_FALSE(m.sequence_number.has_value());  // assigned by the manifest list
  EXPECT_FALSE(m.min_sequence_number.has_value());

  // Read with the table's spec and schema, and with the header's alone.
  ASSERT_OK_AND_ASSIGN(auto with_spec, ReadEntries(io, m, {&schema, &spec}));
  ASSERT_OK_AND_ASSIGN(auto from_header, ReadEntries(io, m));
  ASSERT_EQ(with_spec.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(with_spec[i], entries[i]) << i;
    EXPECT_EQ(from_header[i], entries[i]) << i;
  }
  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, m));
  EXPECT_EQ(reader->format_version(), 2);
  ASSERT_TRUE(reader->spec().has_value());
  EXPECT_TRUE(reader->spec()->CompatibleWith(spec));
  ASSERT_TRUE(reader->schema().has_value());
  EXPECT_TRUE(reader->schema()->SameSchema(schema));
  EXPECT_EQ(reader->schema()->schema_id(), 3);
  EXPECT_EQ(reader->partition_type(), spec.PartitionType(schema).value());

  // Partition summaries, against bounds computed here from the tuples.
  ASSERT_TRUE(m.partitions.has_value());
  const Type ptype = spec.PartitionType(schema).value();
  ASSERT_EQ(m.partitions->size(), ptype.fields().size());
  for (size_t f = 0; f < ptype.fields().size(); ++f) {
    const PartitionFieldSummary& s = (*m.partitions)[f];
    bool has_null = false;
    bool has_nan = false;
    std::optional<Value> lo, hi;
    for (const auto& e : entries) {
      const Value& v = e.data_file.partition[f];
      if (v.is_null()) {
        has_null = true;
      } else if (IsNaN(v)) {
        has_nan = true;
      } else {
        if (!lo || CompareValues(v, *lo).value() < 0) lo = v;
        if (!hi || CompareValues(v, *hi).value() > 0) hi = v;
      }
    }
    SCOPED_TRACE(ptype.fields()[f].name);
    EXPECT_EQ(s.contains_null, has_null);
    EXPECT_EQ(s.contains_nan, has_nan);
    ASSERT_OK_AND_ASSIGN(auto lower, s.DecodeLowerBound(ptype.fields()[f].type));
    ASSERT_OK_AND_ASSIGN(auto upper, s.DecodeUpperBound(ptype.fields()[f].type));
    ASSERT_TRUE(lower.has_value() && upper.has_value());
    EXPECT_EQ(CompareValues(*lower, *lo), 0);
    EXPECT_EQ(CompareValues(*upper, *hi), 0);
  }
  // score: -0.0 and +0.0 are both values: the lower bound must not be +0.0 (here -3.25 wins),
  // and the upper 1.5; see SignedZeroBounds for the tie itself.
}

TEST(IcebergManifestTest, SignedZeroBounds) {
  ASSERT_OK_AND_ASSIGN(Type type, Type::Struct({NestedField::Optional(1000, "d", Type::Double())}));
  ASSERT_OK_AND_ASSIGN(auto builder, PartitionSummaryBuilder::Make(type));
  ASSERT_OK(builder.Add({Value::Double(0.0)}));
  ASSERT_OK(builder.Add({Value::Double(-0.0)}));
  ASSERT_OK(builder.Add({Value::Double(0.0)}));
  ASSERT_OK_AND_ASSIGN(auto summaries, builder.Summaries());
  ASSERT_OK_AND_ASSIGN(auto lower, summaries[0].DecodeLowerBound(Type::Double()));
  ASSERT_OK_AND_ASSIGN(auto upper, summaries[0].DecodeUpperBound(Type::Double()));
  EXPECT_TRUE(std::signbit(lower->GetDouble()));
  EXPECT_FALSE(std::signbit(upper->GetDouble()));
  EXPECT_EQ(summaries[0].contains_nan, false);
  EXPECT_EQ(summaries[0].contains_null, false);
  // A tuple of the wrong shape is refused.
  ASSERT_STATUS(kInvalidArgument, "2 values for 1 fields",
                builder.Add({Value::Double(1.0), Value::Double(2.0)}));
  ASSERT_STATUS(kInvalidArgument, "where double is expected", builder.Add({Value::Int32(1)}));
}

TEST(IcebergManifestTest, UnpartitionedManifestRoundTrips) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionSpec::Unpartitioned();
  std::vector<ManifestEntry> entries;
  for (int i = 0; i < 3; ++i) entries.push_back(Added(MakeDataFile(i, {}, 0)));
  ASSERT_OK_AND_ASSIGN(ManifestFile m,
                       WriteManifest(io, "mem://u.avro", schema, spec, entries, Options()));
  ASSERT_TRUE(m.partitions.has_value());
  EXPECT_TRUE(m.partitions->empty());
  ASSERT_OK_AND_ASSIGN(auto got, ReadEntries(io, m));
  ASSERT_EQ(got.size(), entries.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], entries[i]);
}

TEST(IcebergManifestTest, EveryCodecRoundTrips) {
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionedSpec();
  for (avro::AvroCodec codec : {avro::AvroCodec::kNull, avro::AvroCodec::kDeflate,
                                avro::AvroCodec::kSnappy, avro::AvroCodec::kZstandard}) {
    MemoryFileIO io;
    ManifestWriterOptions options = Options();
    options.codec = codec;
    std::vector<ManifestEntry> entries = {Added(MakeDataFile(1, PartitionOf(TestRows()[0]), 2))};
    ASSERT_OK_AND_ASSIGN(ManifestFile m,
                         WriteManifest(io, "mem://c.avro", schema, spec, entries, options));
    ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, m));
    ASSERT_OK_AND_ASSIGN(auto got, reader->ReadAll());
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0], entries[0]);
  }
}

TEST(IcebergManifestTest, DeleteManifestsRoundTrip) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionedSpec();
  const std::vector<Value> partition = PartitionOf(TestRows()[0]);

  DataFile pos = MakeDataFile(10, partition, 2);
  pos.content = DataFileContent::kPositionDeletes;
  pos.file_path = "s3://bucket/t/data/pos-deletes.parquet";
  pos.referenced_data_file = "s3://bucket/t/data/00001.parquet";
  pos.sort_order_id.reset();
  DataFile eq = MakeDataFile(11, partition, 2);
  eq.content = DataFileContent::kEqualityDeletes;
  eq.file_path = "s3://bucket/t/data/eq-deletes.avro";
  eq.file_format = FileFormat::kAvro;
  eq.equality_ids = {1, 3};
  std::vector<ManifestEntry> entries = {Added(pos), Added(eq)};
  ASSERT_OK_AND_ASSIGN(ManifestFile m, WriteManifest(io, "mem://d.avro", schema, spec, entries,
                                                     Options(ManifestContent::kDeletes)));
  EXPECT_EQ(m.content, ManifestContent::kDeletes);
  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, m));
  EXPECT_EQ(reader->content(), ManifestContent::kDeletes);
  ASSERT_OK_AND_ASSIGN(auto got, reader->ReadAll());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], entries[0]);
  EXPECT_EQ(got[1], entries[1]);

  // v3 deletion vectors.
  DataFile dv;
  dv.content = DataFileContent::kPositionDeletes;
  dv.file_path = "s3://bucket/t/data/dvs.puffin";
  dv.file_format = FileFormat::kPuffin;
  dv.spec_id = 2;
  dv.partition = partition;
  dv.record_count = 3;
  dv.file_size_in_bytes = 900;
  dv.referenced_data_file = "s3://bucket/t/data/00001.parquet";
  dv.content_offset = 4;
  dv.content_size_in_bytes = 61;
  std::vector<ManifestEntry> dvs = {Added(dv)};
  ASSERT_OK_AND_ASSIGN(ManifestFile m3, WriteManifest(io, "mem://dv.avro", schema, spec, dvs,
                                                      Options(ManifestContent::kDeletes, 3)));
  ASSERT_OK_AND_ASSIGN(auto got3, ReadEntries(io, m3));
  ASSERT_EQ(got3.size(), 1u);
  EXPECT_EQ(got3[0], dvs[0]);
  EXPECT_TRUE(got3[0].data_file.is_deletion_vector());

  // Each kind of manifest refuses the other's files, and v2 has no deletion vectors.
  ASSERT_OK_AND_ASSIGN(auto data_writer,
                       ManifestWriter::Make(io, "mem://x.avro", schema, spec, Options()));
  ASSERT_STATUS(kInvalidArgument, "a data manifest cannot hold a file of position deletes",
                data_writer->Add(pos));
  ASSERT_OK_AND_ASSIGN(
      auto delete_writer,
      ManifestWriter::Make(io, "mem://y.avro", schema, spec, Options(ManifestContent::kDeletes)));
  ASSERT_STATUS(kInvalidArgument, "a deletes manifest cannot hold a file of data",
                delete_writer->Add(MakeDataFile(1, partition, 2)));
  ASSERT_STATUS(kInvalidArgument, "need format version 3", delete_writer->Add(dv));
  DataFile no_ids = eq;
  no_ids.equality_ids.clear();
  ASSERT_STATUS(kInvalidArgument, "equality deletes without equality_ids",
                delete_writer->Add(no_ids));
  // The refused entries left the writer usable.
  ASSERT_OK(delete_writer->Add(eq));
  ASSERT_OK_AND_ASSIGN(ManifestFile y, delete_writer->Close());
  EXPECT_EQ(y.added_files_count, 1);
}

// Sequence numbers and snapshot ids: null ones of ADDED entries inherit the manifest's, explicit
// ones are kept; EXISTING and DELETED entries carry their own.
TEST(IcebergManifestTest, InheritanceThroughTheManifestList) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionSpec::Unpartitioned();
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ManifestWriter::Make(io, "mem://m.avro", schema, spec, Options()));
  ASSERT_OK(writer->Add(MakeDataFile(0, {}, 0)));  // inherits everything
  ASSERT_OK(writer->Add(MakeDataFile(1, {}, 0), /*data_sequence_number=*/2));  // older rows
  ManifestEntry existing;
  existing.snapshot_id = 5000;
  existing.sequence_number = 3;
  existing.file_sequence_number = 4;
  existing.data_file = MakeDataFile(2, {}, 0);
  ASSERT_OK(writer->Existing(existing));
  ManifestEntry gone = existing;
  gone.data_file = MakeDataFile(3, {}, 0);
  gone.sequence_number = 1;
  gone.file_sequence_number = 1;
  ASSERT_OK(writer->Delete(gone));
  // An EXISTING entry must say where it came from.
  ManifestEntry unknown = existing;
  unknown.sequence_number.reset();
  ASSERT_STATUS(kInvalidArgument, "EXISTING entry needs both sequence numbers",
                writer->Existing(unknown));
  ManifestEntry added_with_file_seq = Added(MakeDataFile(9, {}, 0));
  added_with_file_seq.file_sequence_number = 6;
  ASSERT_STATUS(kInvalidArgument, "file sequence number is the commit's",
                writer->Write(added_with_file_seq));
  ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close());
  EXPECT_EQ(m.added_files_count, 2);
  EXPECT_EQ(m.existing_files_count, 1);
  EXPECT_EQ(m.deleted_files_count, 1);
  EXPECT_EQ(m.deleted_rows_count, 103);
  EXPECT_EQ(m.min_sequence_number, 2);  // the live entries' explicit ones; DELETED does not count

  // The list assigns the snapshot's sequence number.
  ManifestListWriterOptions lo;
  lo.snapshot_id = kSnapshotId;
  lo.parent_snapshot_id = 5000;
  lo.sequence_number = 7;
  ASSERT_OK_AND_ASSIGN(auto list_writer, ManifestListWriter::Make(io, "mem://snap.avro", lo));
  ASSERT_OK_AND_ASSIGN(ManifestFile written, list_writer->Add(m));
  EXPECT_EQ(written.sequence_number, 7);
  EXPECT_EQ(written.min_sequence_number, 2);
  // A manifest of another snapshot without a sequence number cannot be placed.
  ManifestFile foreign = m;
  foreign.added_snapshot_id = 1;
  ASSERT_STATUS(kInvalidArgument, "it has no sequence number", list_writer->Add(foreign));
  ASSERT_OK_AND_ASSIGN(ManifestListResult lr, list_writer->Close());
  EXPECT_EQ(lr.manifests, 1);
  EXPECT_FALSE(lr.next_row_id.has_value());

  ASSERT_OK_AND_ASSIGN(ManifestList list, ReadManifestList(io, "mem://snap.avro"));
  EXPECT_EQ(list.format_version, 2);
  EXPECT_EQ(list.snapshot_id, kSnapshotId);
  EXPECT_EQ(list.parent_snapshot_id, 5000);
  EXPECT_EQ(list.sequence_number, 7);
  ASSERT_EQ(list.manifests.size(), 1u);
  EXPECT_EQ(list.manifests[0], written);

  ASSERT_OK_AND_ASSIGN(auto got, ReadEntries(io, list.manifests[0]));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].status, ManifestEntryStatus::kAdded);
  EXPECT_EQ(got[0].snapshot_id, kSnapshotId);
  EXPECT_EQ(got[0].sequence_number, 7);
  EXPECT_EQ(got[0].file_sequence_number, 7);
  EXPECT_EQ(got[1].sequence_number, 2);  // explicit: kept
  EXPECT_EQ(got[1].file_sequence_number, 7);
  EXPECT_EQ(got[2].status, ManifestEntryStatus::kExisting);
  EXPECT_EQ(got[2].snapshot_id, 5000);
  EXPECT_EQ(got[2].sequence_number, 3);
  EXPECT_EQ(got[2].file_sequence_number, 4);
  EXPECT_EQ(got[3].status, ManifestEntryStatus::kDeleted);
  EXPECT_EQ(got[3].snapshot_id, kSnapshotId);  // the snapshot that deleted it
  EXPECT_EQ(got[3].sequence_number, 1);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].data_file, MakeDataFile(static_cast<int>(i), {}, 0));
  }

  // Read without the list entry, nothing is inherited.
  ASSERT_OK_AND_ASSIGN(auto bare_reader, ManifestReader::Open(io, "mem://m.avro"));
  ASSERT_OK_AND_ASSIGN(auto bare, bare_reader->ReadAll());
  EXPECT_EQ(bare[0].snapshot_id, kSnapshotId);  // written: Java writes the id of ADDED entries
  EXPECT_FALSE(bare[0].sequence_number.has_value());
  EXPECT_FALSE(bare[0].file_sequence_number.has_value());
  EXPECT_EQ(bare[1].sequence_number, 2);

  // A written null snapshot id inherits the manifest's added snapshot.
  ManifestEntry anonymous = Added(MakeDataFile(5, {}, 0));
  anonymous.snapshot_id.reset();
  ASSERT_OK_AND_ASSIGN(ManifestFile m2,
                       WriteManifest(io, "mem://m2.avro", schema, spec, {anonymous}, Options()));
  m2.sequence_number = 9;
  ASSERT_OK_AND_ASSIGN(auto got2, ReadEntries(io, m2));
  EXPECT_EQ(got2[0].snapshot_id, kSnapshotId);
  EXPECT_EQ(got2[0].sequence_number, 9);
}

TEST(IcebergManifestTest, FirstRowIdInheritanceInV3) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionSpec::Unpartitioned();
  ASSERT_OK_AND_ASSIGN(auto writer, ManifestWriter::Make(io, "mem://m3.avro", schema, spec,
                                                         Options(ManifestContent::kData, 3)));
  ASSERT_OK(writer->Add(MakeDataFile(0, {}, 0)));  // 100 rows
  ManifestEntry old;
  old.snapshot_id = 1;
  old.sequence_number = 1;
  old.file_sequence_number = 1;
  old.data_file = MakeDataFile(1, {}, 0);  // 101 rows, deleted: takes no row ids
  ASSERT_OK(writer->Delete(old));
  ManifestEntry kept = old;
  kept.data_file = MakeDataFile(2, {}, 0);
  kept.data_file.first_row_id = 5;  // assigned before: kept
  ASSERT_OK(writer->Existing(kept));
  ASSERT_OK(writer->Add(MakeDataFile(3, {}, 0)));  // 103 rows
  DataFile with_id = MakeDataFile(4, {}, 0);
  with_id.first_row_id = 1;
  ASSERT_STATUS(kInvalidArgument, "first_row_id is assigned when it is read", writer->Add(with_id));
  ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close());

  ManifestListWriterOptions lo;
  lo.format_version = 3;
  lo.snapshot_id = kSnapshotId;
  lo.sequence_number = 2;
  lo.first_row_id = 1000;
  ASSERT_OK_AND_ASSIGN(auto list_writer, ManifestListWriter::Make(io, "mem://snap3.avro", lo));
  ASSERT_OK_AND_ASSIGN(ManifestFile placed, list_writer->Add(m));
  EXPECT_EQ(placed.first_row_id, 1000);
  ASSERT_OK_AND_ASSIGN(ManifestListResult lr, list_writer->Close());
  // Advanced by the added and existing rows, as the spec recommends.
  EXPECT_EQ(lr.next_row_id, 1000 + (100 + 103) + 102);

  ASSERT_OK_AND_ASSIGN(ManifestList list, ReadManifestList(io, "mem://snap3.avro"));
  EXPECT_EQ(list.format_version, 3);
  EXPECT_EQ(list.first_row_id, 1000);
  ASSERT_EQ(list.manifests.size(), 1u);
  EXPECT_EQ(list.manifests[0].first_row_id, 1000);
  ASSERT_OK_AND_ASSIGN(auto got, ReadEntries(io, list.manifests[0]));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].data_file.first_row_id, 1000);
  EXPECT_FALSE(got[1].data_file.first_row_id.has_value());  // DELETED
  EXPECT_EQ(got[2].data_file.first_row_id, 5);
  EXPECT_EQ(got[3].data_file.first_row_id, 1100);  // after the first file's 100 rows

  // Delete manifests take no first row id.
  ASSERT_OK_AND_ASSIGN(auto list2, ManifestListWriter::Make(io, "mem://snap3b.avro", lo));
  ManifestFile deletes = m;
  deletes.content = ManifestContent::kDeletes;
  ASSERT_OK_AND_ASSIGN(ManifestFile placed_deletes, list2->Add(deletes));
  EXPECT_FALSE(placed_deletes.first_row_id.has_value());
  deletes.first_row_id = 3;
  ASSERT_STATUS(kInvalidArgument, "a delete manifest has no first_row_id", list2->Add(deletes));
  ASSERT_STATUS(kInvalidArgument, "needs the snapshot's first row id",
                ManifestListWriter::Make(io, "mem://snap3c.avro",
                                         ManifestListWriterOptions{3, 1, {}, 1, {}}));
}

// A v1 manifest and manifest list as Iceberg's Java writer made them: no sequence numbers, no
// content, a block size to skip, the old names of the counts.
TEST(IcebergManifestTest, ReadsV1Files) {
  MemoryFileIO io;
  const std::string schema =
      testing::V1ManifestSchema(R"([{"name": "d", "type": ["null", {"type": "int",
        "logicalType": "date"}], "default": null, "field-id": 1000}])");
  Json records = Json::array();
  for (int i = 0; i < 3; ++i) {
    records.push_back({{"status", i == 2 ? 0 : 1},
                       {"snapshot_id", 11},
                       {"data_file",
                        {{"file_path", fmt::format("hdfs://nn/t/data/{}.orc", i)},
                         {"file_format", "orc"},
                         {"partition", {{"d", i == 1 ? Json() : Json(19000 + i)}}},
                         {"record_count", 10 * i},
                         {"file_size_in_bytes", 1000 + i},
                         {"block_size_in_bytes", 67108864},
                         {"value_counts", Json::array({{{"key", 1}, {"value", 10 * i}}})},
                         {"distinct_counts", Json::array({{{"key", 1}, {"value", 1}}})},
                         {"split_offsets", Json::array({3})}}}});
  }
  ASSERT_OK(testing::WriteAvroFromJson(
      io, "mem://v1-m0.avro", schema, records,
      {{"schema",
        R"({"type": "struct", "fields": [{"id": 1, "name": "d", "required": false, "type": "date"}]})"},
       {"partition-spec", R"([{"name": "d", "transform": "identity", "source-id": 1,
                              "field-id": 1000}])"},
       {"partition-spec-id", "0"},
       {"format-version", "1"}}));
  ASSERT_OK(testing::WriteAvroFromJson(
      io, "mem://v1-snap.avro", testing::kV1ManifestListSchema,
      Json::array(
          {{{"manifest_path", "mem://v1-m0.avro"},
            {"manifest_length", 1234},
            {"partition_spec_id", 0},
            {"added_snapshot_id", 11},
            {"added_data_files_count", 2},
            {"existing_data_files_count", 1},
            {"deleted_data_files_count", 0},
            {"partitions", Json::array({{{"contains_null", true},
                                         {"lower_bound", std::string("\x38\x4a\0\0", 4)},
                                         {"upper_bound", std::string("\x3a\x4a\0\0", 4)}}})},
            {"added_rows_count", 10},
            {"existing_rows_count", 20},
            {"deleted_rows_count", 0}}}),
      {{"snapshot-id", "11"}, {"parent-snapshot-id", "null"}, {"format-version", "1"}}));

  ASSERT_OK_AND_ASSIGN(ManifestList list, ReadManifestList(io, "mem://v1-snap.avro"));
  EXPECT_EQ(list.format_version, 1);
  EXPECT_EQ(list.snapshot_id, 11);
  EXPECT_FALSE(list.parent_snapshot_id.has_value());
  EXPECT_FALSE(list.sequence_number.has_value());
  ASSERT_EQ(list.manifests.size(), 1u);
  const ManifestFile& m = list.manifests[0];
  EXPECT_EQ(m.content, ManifestContent::kData);
  EXPECT_EQ(m.sequence_number, 0);
  EXPECT_EQ(m.min_sequence_number, 0);
  EXPECT_EQ(m.added_files_count, 2);  // read by id from the old name
  EXPECT_EQ(m.existing_files_count, 1);
  EXPECT_EQ(m.existing_rows_count, 20);
  ASSERT_TRUE(m.partitions.has_value());
  ASSERT_EQ(m.partitions->size(), 1u);
  EXPECT_TRUE((*m.partitions)[0].contains_null);
  EXPECT_FALSE((*m.partitions)[0].contains_nan.has_value());
  ASSERT_OK_AND_ASSIGN(auto lower, (*m.partitions)[0].DecodeLowerBound(Type::Date()));
  EXPECT_EQ(*lower, Value::Date(19000));

  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, m));
  EXPECT_EQ(reader->format_version(), 1);
  ASSERT_OK_AND_ASSIGN(auto got, reader->ReadAll());
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const ManifestEntry& e = got[static_cast<size_t>(i)];
    EXPECT_EQ(e.status, i == 2 ? ManifestEntryStatus::kExisting : ManifestEntryStatus::kAdded);
    EXPECT_EQ(e.snapshot_id, 11);
    EXPECT_EQ(e.sequence_number, 0);  // v1: 0, whatever the status
    EXPECT_EQ(e.file_sequence_number, 0);
    EXPECT_EQ(e.data_file.content, DataFileContent::kData);
    EXPECT_EQ(e.data_file.file_format, FileFormat::kOrc);
    EXPECT_EQ(e.data_file.file_path, fmt::format("hdfs://nn/t/data/{}.orc", i));
    EXPECT_EQ(e.data_file.record_count, 10 * i);
    ASSERT_EQ(e.data_file.partition.size(), 1u);
    EXPECT_EQ(e.data_file.partition[0],
              i == 1 ? Value::Null(LogicalType::Date()) : Value::Date(19000 + i));
    EXPECT_EQ(e.data_file.value_counts, (ColumnCounts{{1, 10 * i}}));
    EXPECT_EQ(e.data_file.split_offsets, std::vector<int64_t>{3});
  }
  // Opened alone, a v1 manifest's sequence numbers are still 0.
  ASSERT_OK_AND_ASSIGN(auto alone, ManifestReader::Open(io, "mem://v1-m0.avro"));
  ASSERT_OK_AND_ASSIGN(auto got_alone, alone->ReadAll());
  EXPECT_EQ(got_alone[2].sequence_number, 0);
}

// Writers that left the header empty (Impala's copies): the partition types come from the
// file's Avro schema.
TEST(IcebergManifestTest, PartitionTypesFromTheAvroSchemaWhenTheHeaderIsEmpty) {
  MemoryFileIO io;
  const std::string schema = testing::V1ManifestSchema(R"([
    {"name": "ts_hour", "type": ["null", "int"], "default": null, "field-id": 1000},
    {"name": "day", "type": ["null", {"type": "int", "logicalType": "date"}], "default": null,
     "field-id": 1001},
    {"name": "ts", "type": ["null", {"type": "long", "logicalType": "timestamp-micros",
      "adjust-to-utc": true}], "default": null, "field-id": 1002},
    {"name": "amount", "type": ["null", {"type": "fixed", "name": "decimal_9_2", "size": 4,
      "logicalType": "decimal", "precision": 9, "scale": 2}], "default": null, "field-id": 1003},
    {"name": "u", "type": ["null", {"type": "fixed", "name": "uuid_fixed", "size": 16,
      "logicalType": "uuid"}], "default": null, "field-id": 1004},
    {"name": "s", "type": ["null", "string"], "default": null, "field-id": 1005}])");
  const std::string uuid(16, '\x11');
  Json record = {{"status", 1},
                 {"snapshot_id", 3},
                 {"data_file",
                  {{"file_path", "f.parquet"},
                   {"file_format", "PARQUET"},
                   {"partition",
                    {{"ts_hour", 470000},
                     {"day", 19500},
                     {"ts", 1700000000000000},
                     {"amount", std::string("\xff\xff\xff\x9c", 4)},
                     {"u", uuid},
                     {"s", "x"}}},
                   {"record_count", 1},
                   {"file_size_in_bytes", 10},
                   {"block_size_in_bytes", 1}}}};
  ASSERT_OK(testing::WriteAvroFromJson(io, "mem://bare.avro", schema, Json::array({record})));
  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, "mem://bare.avro"));
  EXPECT_FALSE(reader->spec().has_value());
  EXPECT_FALSE(reader->schema().has_value());
  EXPECT_EQ(reader->partition_type().ToString(),
            "struct<1000: ts_hour: optional int, 1001: day: optional date, 1002: ts: optional "
            "timestamptz, 1003: amount: optional decimal(9,2), 1004: u: optional uuid, 1005: s: "
            "optional string>");
  ASSERT_OK_AND_ASSIGN(auto got, reader->ReadAll());
  ASSERT_EQ(got.size(), 1u);
  const auto& p = got[0].data_file.partition;
  EXPECT_EQ(p[0], Value::Int32(470000));
  EXPECT_EQ(p[1], Value::Date(19500));
  EXPECT_EQ(p[2], Value::TimestampTz(1700000000000000));
  EXPECT_EQ(p[3], Value::Decimal(-100, 9, 2).value());
  EXPECT_EQ(p[4], Value::Uuid(uuid).value());
  EXPECT_EQ(p[5], Value::String("x"));

  // Given the table's spec, the same file reads with its types, promotions included: the
  // hour as a long (an int promoted), the date as a timestamp (v3 promotion).
  const Schema table =
      Schema::Make({NestedField::Optional(1, "ts_hour", Type::Long()),
                    NestedField::Optional(2, "day", Type::Timestamp()),
                    NestedField::Optional(3, "ts", Type::TimestampTz()),
                    NestedField::Optional(4, "amount", Type::Decimal(12, 2).value()),
                    NestedField::Optional(5, "u", Type::Uuid()),
                    NestedField::Optional(6, "s", Type::String())})
          .value();
  std::vector<PartitionField> fields;
  const char* names[] = {"ts_hour", "day", "ts", "amount", "u", "s"};
  for (int i = 0; i < 6; ++i) {
    fields.push_back(PartitionField::Make(i + 1, 1000 + i, names[i], T("identity")));
  }
  const PartitionSpec spec = PartitionSpec::Make(0, fields).value();
  ASSERT_OK_AND_ASSIGN(auto typed, ManifestReader::Open(io, "mem://bare.avro", {&table, &spec}));
  ASSERT_OK_AND_ASSIGN(auto got_typed, typed->ReadAll());
  const auto& q = got_typed[0].data_file.partition;
  EXPECT_EQ(q[0], Value::Int64(470000));
  EXPECT_EQ(q[1], Value::Timestamp(int64_t{19500} * 86400 * 1000000));
  EXPECT_EQ(q[3], Value::Decimal(-100, 12, 2).value());
}

TEST(IcebergManifestTest, ProjectionSkipsMetrics) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionedSpec();
  std::vector<ManifestEntry> entries;
  for (int i = 0; i < 5; ++i)
    entries.push_back(Added(MakeDataFile(i, PartitionOf(TestRows()[0]), 2)));
  ASSERT_OK_AND_ASSIGN(ManifestFile m,
                       WriteManifest(io, "mem://p.avro", schema, spec, entries, Options()));
  ManifestReaderOptions none;
  none.projection = ManifestProjection::None();
  ASSERT_OK_AND_ASSIGN(auto slim, ReadEntries(io, m, none));
  ManifestReaderOptions filtering;
  filtering.projection = ManifestProjection::ForFiltering();
  ASSERT_OK_AND_ASSIGN(auto filter, ReadEntries(io, m, filtering));
  ASSERT_EQ(slim.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    DataFile expected = entries[i].data_file;
    expected.column_sizes.clear();
    expected.key_metadata.reset();
    expected.split_offsets.clear();
    EXPECT_EQ(filter[i].data_file, expected);
    expected.value_counts.clear();
    expected.null_value_counts.clear();
    expected.nan_value_counts.clear();
    expected.lower_bounds.clear();
    expected.upper_bounds.clear();
    EXPECT_EQ(slim[i].data_file, expected);
  }
}

TEST(IcebergManifestTest, NextReadsOneBlockAtATime) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionSpec::Unpartitioned();
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ManifestWriter::Make(io, "mem://big.avro", schema, spec, Options()));
  constexpr int kEntries = 3000;  // about 300 KB of entries: several 64 KB blocks
  for (int i = 0; i < kEntries; ++i) ASSERT_OK(writer->Add(MakeDataFile(i, {}, 0)));
  EXPECT_EQ(writer->entries_written(), kEntries);
  ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close());
  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, m));
  int batches = 0;
  size_t largest = 0;
  int next = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto entries, reader->Next());
    if (entries.empty()) break;
    ++batches;
    largest = std::max(largest, entries.size());
    for (const auto& e : entries) EXPECT_EQ(e.data_file, MakeDataFile(next++, {}, 0));
  }
  EXPECT_EQ(next, kEntries);
  EXPECT_EQ(reader->entries_read(), kEntries);
  EXPECT_GT(batches, 2);
  EXPECT_LT(largest, static_cast<size_t>(kEntries));
}

TEST(IcebergManifestTest, WritersNeverOverwriteAndPublishOnlyAtClose) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionSpec::Unpartitioned();
  {
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ManifestWriter::Make(io, "mem://once.avro", schema, spec, Options()));
    ASSERT_OK(writer->Add(MakeDataFile(0, {}, 0)));
    ASSERT_OK_AND_ASSIGN(bool exists, io.Exists("mem://once.avro"));
    EXPECT_FALSE(exists);
  }  // destroyed unclosed: nothing published
  ASSERT_OK_AND_ASSIGN(bool exists, io.Exists("mem://once.avro"));
  EXPECT_FALSE(exists);

  ASSERT_OK(io.WriteAll("mem://taken.avro", "x", WriteMode::kOverwrite));
  auto writer = ManifestWriter::Make(io, "mem://taken.avro", schema, spec, Options());
  Status st = writer.has_value() ? writer.value()->Close().status() : writer.error();
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  ASSERT_OK_AND_ASSIGN(std::string bytes, io.ReadAll("mem://taken.avro"));
  EXPECT_EQ(bytes, "x");

  auto list = ManifestListWriter::Make(io, "mem://taken.avro", {});
  Status list_st = list.has_value() ? list.value()->Close().status() : list.error();
  EXPECT_EQ(list_st.code(), StatusCode::kAlreadyExists) << list_st.ToString();

  // Format versions Floe does not write.
  ASSERT_STATUS(
      kNotSupported, "format versions 2 to 3, not 1",
      ManifestWriter::Make(io, "mem://v1.avro", schema, spec, Options(ManifestContent::kData, 1)));
  ASSERT_STATUS(kNotSupported, "not 4",
                ManifestListWriter::Make(io, "mem://v4.avro", ManifestListWriterOptions{4}));
}

TEST(IcebergManifestTest, WriterChecksPartitionTuples) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = PartitionedSpec();
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ManifestWriter::Make(io, "mem://w.avro", schema, spec, Options()));
  std::vector<Value> partition = PartitionOf(TestRows()[0]);
  partition.pop_back();
  ASSERT_STATUS(kInvalidArgument, "a partition tuple of 5 values for 6 fields",
                writer->Add(MakeDataFile(0, partition, 2)));
  partition = PartitionOf(TestRows()[0]);
  partition[1] = Value::String("2024-01-01");
  ASSERT_STATUS(kInvalidArgument, "partition field 1001 'ts_day': expected a value of date",
                writer->Add(MakeDataFile(0, partition, 2)));
  ASSERT_STATUS(kInvalidArgument, "belongs to partition spec 0, the manifest to 2",
                writer->Add(MakeDataFile(0, PartitionOf(TestRows()[0]), 0)));
  DataFile negative = MakeDataFile(0, PartitionOf(TestRows()[0]), 2);
  negative.record_count = -1;
  ASSERT_STATUS(kInvalidArgument, "record_count -1 is negative", writer->Add(negative));
  EXPECT_EQ(writer->entries_written(), 0);
}

TEST(IcebergManifestTest, WriterSchemaCarriesTheSpecsFieldIds) {
  const Type ptype = PartitionedSpec().PartitionType(TableSchema()).value();
  for (int version : {2, 3}) {
    ASSERT_OK_AND_ASSIGN(std::string text, ManifestEntryAvroSchema(version, ptype));
    ASSERT_OK_AND_ASSIGN(auto schema, avro::AvroSchema::Parse(text));
    const avro::AvroNode& root = schema->root();
    std::vector<std::pair<std::string, int>> top;
    for (const auto& f : root.fields) top.emplace_back(f.name, f.field_id.value_or(-1));
    EXPECT_EQ(top, (std::vector<std::pair<std::string, int>>{{"status", 0},
                                                             {"snapshot_id", 1},
                                                             {"sequence_number", 3},
                                                             {"file_sequence_number", 4},
                                                             {"data_file", 2}}));
    const avro::AvroNode& df = *root.fields[4].type;
    std::vector<int> ids;
    for (const auto& f : df.fields) ids.push_back(f.field_id.value_or(-1));
    std::vector<int> expected = {134, 100, 101, 102, 103, 104, 108, 109,
                                 110, 137, 125, 128, 131, 132, 135, 140};
    if (version == 3) expected.push_back(142);
    expected.push_back(143);
    if (version == 3) {
      expected.push_back(144);
      expected.push_back(145);
    }
    EXPECT_EQ(ids, expected);
    const avro::AvroNode& part = *df.fields[3].type;
    ASSERT_EQ(part.fields.size(), 6u);
    EXPECT_EQ(part.fields[5].name, "flag_x2D1");
    for (size_t i = 0; i < part.fields.size(); ++i) {
      EXPECT_EQ(part.fields[i].field_id, 1000 + static_cast<int>(i));
    }
  }
  EXPECT_EQ(AvroCompatibleName("ok_name1"), "ok_name1");
  EXPECT_EQ(AvroCompatibleName("1st"), "_1st");
  EXPECT_EQ(AvroCompatibleName("a b"), "a_x20b");
}

}  // namespace
}  // namespace floe::iceberg
