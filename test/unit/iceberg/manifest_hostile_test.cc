// Manifests and manifest lists that are wrong - a partition struct of the wrong types or not a
// struct at all, missing required fields, fields of the wrong type, impossible values,
// inconsistent headers, truncated or bit-flipped files - fail with a Status that says what and
// where, and never crash.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <random>

#include "iceberg/manifest_avro_schema.h"
#include "iceberg/manifest_list.h"
#include "iceberg/manifest_reader.h"
#include "iceberg/manifest_writer.h"
#include "io/memory_file_io.h"
#include "unit/iceberg/manifest_test_util.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using NJson = nlohmann::json;

// 1: id int, 2: d decimal(3,0).
Schema TableSchema() {
  return Schema::Make({NestedField::Optional(1, "id", Type::Int()),
                       NestedField::Optional(2, "d", Type::Decimal(3, 0).value())})
      .value();
}

PartitionSpec Spec() {
  return PartitionSpec::Make(0, {PartitionField::Make(1, 1000, "id", Transform::Identity())})
      .value();
}

// Floe's own v2 writer schema for Spec(), as JSON to break.
NJson ValidSchema() {
  const Type ptype = Spec().PartitionType(TableSchema()).value();
  return NJson::parse(ManifestEntryAvroSchema(2, ptype).value());
}

NJson& DataFileFields(NJson& schema) { return schema["fields"][4]["type"]["fields"]; }

NJson& FieldNamed(NJson& fields, std::string_view name) {
  for (NJson& f : fields) {
    if (f["name"] == name) return f;
  }
  ADD_FAILURE() << "no field " << name;
  return fields[0];
}

NJson ValidEntry() {
  return {{"status", 1},
          {"snapshot_id", 5},
          {"data_file",
           {{"content", 0},
            {"file_path", "s3://b/t/data/f.parquet"},
            {"file_format", "PARQUET"},
            {"partition", {{"id", 7}}},
            {"record_count", 10},
            {"file_size_in_bytes", 100}}}};
}

std::vector<std::pair<std::string, std::string>> Header(std::string content = "data") {
  return {{"schema", R"j({"type": "struct", "schema-id": 0, "fields": [
             {"id": 1, "name": "id", "required": false, "type": "int"},
             {"id": 2, "name": "d", "required": false, "type": "decimal(3, 0)"}]})j"},
          {"partition-spec",
           R"([{"name": "id", "transform": "identity", "source-id": 1, "field-id": 1000}])"},
          {"partition-spec-id", "0"},
          {"format-version", "2"},
          {"content", std::move(content)}};
}

// Writes `entries` with `schema` and reads the manifest; the first error.
Status WriteAndRead(const NJson& schema, const NJson& entries,
                    std::vector<std::pair<std::string, std::string>> header = Header(),
                    const ManifestFile* manifest = nullptr) {
  MemoryFileIO io;
  FLOE_RETURN_NOT_OK(
      testing::WriteAvroFromJson(io, "mem://m.avro", schema.dump(), entries, std::move(header)));
  ManifestFile m;
  if (manifest != nullptr) m = *manifest;
  m.manifest_path = "mem://m.avro";
  FLOE_ASSIGN_OR_RETURN(auto reader, manifest != nullptr
                                         ? ManifestReader::Open(io, m)
                                         : ManifestReader::Open(io, "mem://m.avro"));
  return reader->ReadAll().status();
}

TEST(IcebergManifestHostileTest, TheValidFileReads) {
  // The baseline every other test breaks one thing of.
  ASSERT_OK(WriteAndRead(ValidSchema(), NJson::array({ValidEntry()})));
}

TEST(IcebergManifestHostileTest, PartitionFieldOfTheWrongType) {
  NJson schema = ValidSchema();
  NJson& part = FieldNamed(DataFileFields(schema), "partition")["type"]["fields"][0];
  part["type"] = NJson::array({"null", "string"});
  NJson entry = ValidEntry();
  entry["data_file"]["partition"]["id"] = "seven";
  ASSERT_STATUS(kCorruption,
                "manifest mem://m.avro: data_file.partition field 1000 'id': expected int, the "
                "file writes [null, string]",
                WriteAndRead(schema, NJson::array({entry})));
}

TEST(IcebergManifestHostileTest, PartitionThatIsNotAStruct) {
  NJson schema = ValidSchema();
  FieldNamed(DataFileFields(schema), "partition")["type"] = "int";
  NJson entry = ValidEntry();
  entry["data_file"]["partition"] = 3;
  ASSERT_STATUS(kCorruption, "manifest mem://m.avro: data_file.partition is int, not a record",
                WriteAndRead(schema, NJson::array({entry})));
}

TEST(IcebergManifestHostileTest, PartitionFieldUnderAnotherId) {
  NJson schema = ValidSchema();
  FieldNamed(DataFileFields(schema), "partition")["type"]["fields"][0]["field-id"] = 7;
  ASSERT_STATUS(kCorruption,
                "data_file.partition field 1000 'id': the file has it under field id 7",
                WriteAndRead(schema, NJson::array({ValidEntry()})));
}

TEST(IcebergManifestHostileTest, PartitionValueOutOfItsType) {
  // A decimal(3,0) partition whose file holds 12345.
  const PartitionSpec spec =
      PartitionSpec::Make(0, {PartitionField::Make(2, 1000, "d", Transform::Identity())}).value();
  const Type ptype = spec.PartitionType(TableSchema()).value();
  NJson schema = NJson::parse(ManifestEntryAvroSchema(2, ptype).value());
  NJson entry = ValidEntry();
  entry["data_file"]["partition"] = {{"d", std::string("\x30\x39", 2)}};
  auto header = Header();
  header[1].second =
      R"([{"name": "d", "transform": "identity", "source-id": 2, "field-id": 1000}])";
  ASSERT_STATUS(kCorruption,
                "manifest mem://m.avro: entry 1: data_file.partition field 1000 'd': decimal(3,0): "
                "unscaled value 12345 has more than 3 digits",
                WriteAndRead(schema, NJson::array({ValidEntry(), entry}), header));
}

TEST(IcebergManifestHostileTest, MissingRequiredFields) {
  for (const char* name : {"file_path", "file_format", "record_count", "file_size_in_bytes"}) {
    NJson schema = ValidSchema();
    NJson& fields = DataFileFields(schema);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i]["name"] == name) fields.erase(i);
    }
    Status st = WriteAndRead(schema, NJson::array({ValidEntry()}));
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << name << ": " << st.ToString();
    EXPECT_NE(st.message().find("manifest mem://m.avro"), std::string::npos) << st.ToString();
    EXPECT_NE(st.message().find(name), std::string::npos) << st.ToString();
  }
  NJson no_partition = ValidSchema();
  NJson& fields = DataFileFields(no_partition);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]["name"] == "partition") fields.erase(i);
  }
  NJson entry = ValidEntry();
  entry["data_file"].erase("partition");
  ASSERT_STATUS(kCorruption, "has no data_file.partition (field id 102)",
                WriteAndRead(no_partition, NJson::array({entry})));
  // Not a manifest at all.
  ASSERT_STATUS(kCorruption, "the Avro schema has no data_file (field id 2)",
                WriteAndRead(NJson::parse(R"({"type": "record", "name": "x", "fields": [
                                 {"name": "a", "type": "int", "field-id": 1}]})"),
                             NJson::array({{{"a", 1}}})));
}

TEST(IcebergManifestHostileTest, FieldsOfTheWrongType) {
  NJson schema = ValidSchema();
  FieldNamed(DataFileFields(schema), "record_count")["type"] = "string";
  NJson entry = ValidEntry();
  entry["data_file"]["record_count"] = "ten";
  Status st = WriteAndRead(schema, NJson::array({entry}));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("record_count"), std::string::npos) << st.ToString();

  NJson metrics = ValidSchema();
  FieldNamed(DataFileFields(metrics), "value_counts")["type"][1]["items"]["fields"][1]["type"] =
      "string";
  entry = ValidEntry();
  entry["data_file"]["value_counts"] = NJson::array({{{"key", 1}, {"value", "many"}}});
  st = WriteAndRead(metrics, NJson::array({entry}));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("value_counts"), std::string::npos) << st.ToString();
}

TEST(IcebergManifestHostileTest, ImpossibleValues) {
  struct Case {
    std::function<void(NJson&)> edit;
    std::string message;
  };
  const Case cases[] = {
      {[](NJson& e) { e["status"] = 5; }, "entry 0: status 5 is not 0 (EXISTING)"},
      {[](NJson& e) { e["data_file"]["content"] = 9; }, "entry 0: content 9 is not 0 (data)"},
      {[](NJson& e) { e["data_file"]["file_format"] = "csv"; },
       "entry 0: data_file.file_format: file format 'csv' is not avro, orc, parquet or puffin"},
      {[](NJson& e) { e["data_file"]["content"] = 1; },
       "entry 0: a data manifest holds a file of position deletes"},
      {[](NJson& e) { e["data_file"]["record_count"] = -3; },
       "entry 0: data file 's3://b/t/data/f.parquet': record_count -3 is negative"},
      {[](NJson& e) { e["data_file"]["file_path"] = ""; }, "entry 0: data file: empty file_path"},
      {[](NJson& e) {
         e["data_file"]["value_counts"] =
             NJson::array({{{"key", 1}, {"value", 3}}, {{"key", 1}, {"value", 4}}});
       },
       "entry 0: data_file.value_counts: field id 1 occurs twice"},
      {[](NJson& e) { e["data_file"]["equality_ids"] = NJson::array({1}); }, ""},  // allowed
      {[](NJson& e) { e["data_file"]["content_offset"] = 4; }, ""},  // not in a v2 schema
  };
  for (const Case& c : cases) {
    NJson entry = ValidEntry();
    c.edit(entry);
    Status st = WriteAndRead(ValidSchema(), NJson::array({entry}));
    if (c.message.empty()) {
      EXPECT_TRUE(st.ok()) << st.ToString();
      continue;
    }
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << st.ToString();
    EXPECT_NE(st.message().find("iceberg: manifest mem://m.avro: " + c.message), std::string::npos)
        << st.ToString();
  }
}

TEST(IcebergManifestHostileTest, InconsistentHeaders) {
  auto with = [](std::string key, std::string value) {
    auto header = Header();
    for (auto& [k, v] : header) {
      if (k == key) v = std::move(value);
    }
    return header;
  };
  const NJson entries = NJson::array({ValidEntry()});
  ASSERT_STATUS(kNotSupported, "format version 7 is not 1, 2 or 3",
                WriteAndRead(ValidSchema(), entries, with("format-version", "7")));
  ASSERT_STATUS(kCorruption, "header 'format-version' is 'two', not an integer",
                WriteAndRead(ValidSchema(), entries, with("format-version", "two")));
  ASSERT_STATUS(kInvalidArgument, "header 'content'",
                WriteAndRead(ValidSchema(), entries, with("content", "both")));
  ASSERT_STATUS(kInvalidArgument, "header 'schema'",
                WriteAndRead(ValidSchema(), entries, with("schema", "{not json")));
  ASSERT_STATUS(kInvalidArgument, "header 'partition-spec'",
                WriteAndRead(ValidSchema(), entries, with("partition-spec", R"([{"x": 1}])")));
  // The manifest list and the header disagree on what the manifest holds.
  ManifestFile deletes;
  deletes.content = ManifestContent::kDeletes;
  ASSERT_STATUS(kCorruption, "the manifest list says it holds deletes, its header says data",
                WriteAndRead(ValidSchema(), entries, Header(), &deletes));
  // A spec that is not the manifest's.
  MemoryFileIO io;
  ASSERT_OK(
      testing::WriteAvroFromJson(io, "mem://m.avro", ValidSchema().dump(), entries, Header()));
  ManifestFile m;
  m.manifest_path = "mem://m.avro";
  m.partition_spec_id = 3;
  const Schema schema = TableSchema();
  const PartitionSpec spec = Spec();
  ASSERT_STATUS(kInvalidArgument, "the manifest list says partition spec 3, the reader was given",
                ManifestReader::Open(io, m, {&schema, &spec}));
}

TEST(IcebergManifestHostileTest, BadManifestLists) {
  MemoryFileIO io;
  const std::string schema = ManifestListAvroSchema(2).value();
  NJson manifest = {{"manifest_path", "s3://b/m0.avro"},
                    {"manifest_length", 100},
                    {"partition_spec_id", 0},
                    {"content", 0},
                    {"sequence_number", 1},
                    {"min_sequence_number", 1},
                    {"added_snapshot_id", 5},
                    {"added_files_count", 1},
                    {"existing_files_count", 0},
                    {"deleted_files_count", 0},
                    {"added_rows_count", 10},
                    {"existing_rows_count", 0},
                    {"deleted_rows_count", 0}};
  ASSERT_OK(testing::WriteAvroFromJson(io, "mem://l.avro", schema, NJson::array({manifest})));
  ASSERT_OK(ReadManifestList(io, "mem://l.avro"));
  NJson bad_content = manifest;
  bad_content["content"] = 7;
  ASSERT_OK(testing::WriteAvroFromJson(io, "mem://l.avro", schema,
                                       NJson::array({manifest, bad_content})));
  ASSERT_STATUS(kCorruption,
                "iceberg: manifest list mem://l.avro: manifest 1: manifest content 7 is not 0",
                ReadManifestList(io, "mem://l.avro"));
  NJson negative = manifest;
  negative["existing_rows_count"] = -1;
  ASSERT_OK(testing::WriteAvroFromJson(io, "mem://l.avro", schema, NJson::array({negative})));
  ASSERT_STATUS(kCorruption, "manifest 0: 's3://b/m0.avro': existing_rows_count -1 is negative",
                ReadManifestList(io, "mem://l.avro"));
  // Required fields missing, a wrong type.
  NJson without = NJson::parse(schema);
  without["fields"].erase(0);  // manifest_path
  ASSERT_OK(
      testing::WriteAvroFromJson(io, "mem://l.avro", without.dump(), NJson::array({manifest})));
  ASSERT_STATUS(kInvalidArgument, "manifest_path", ReadManifestList(io, "mem://l.avro"));
  NJson wrong = NJson::parse(schema);
  wrong["fields"][1]["type"] = "string";  // manifest_length
  NJson text_length = manifest;
  text_length["manifest_length"] = "long";
  ASSERT_OK(
      testing::WriteAvroFromJson(io, "mem://l.avro", wrong.dump(), NJson::array({text_length})));
  ASSERT_STATUS(kInvalidArgument, "manifest_length", ReadManifestList(io, "mem://l.avro"));
  // Not an Avro file.
  ASSERT_OK(io.WriteAll("mem://l.avro", "{\"json\": true}", WriteMode::kOverwrite));
  ASSERT_STATUS(kCorruption, "iceberg: manifest list mem://l.avro: avro",
                ReadManifestList(io, "mem://l.avro"));
  ASSERT_STATUS(kNotFound, "mem://none.avro", ReadManifestList(io, "mem://none.avro"));
}

// Every truncation and many bit flips of a real manifest and manifest list: an error or entries,
// never a crash (run under ASan and UBSan).
TEST(IcebergManifestHostileTest, DamagedFilesNeverCrash) {
  MemoryFileIO io;
  const Schema schema = TableSchema();
  const PartitionSpec spec = Spec();
  ManifestWriterOptions options;
  options.snapshot_id = 5;
  options.codec = avro::AvroCodec::kNull;  // damage reaches the records, not only the codec
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ManifestWriter::Make(io, "mem://good.avro", schema, spec, options));
  for (int i = 0; i < 4; ++i) {
    DataFile f;
    f.file_path = "s3://b/t/data/" + std::to_string(i) + ".parquet";
    f.partition = {Value::Int32(i)};
    f.record_count = i;
    f.file_size_in_bytes = 100;
    f.value_counts = {{1, i}};
    f.lower_bounds = {{1, "abcd"}};
    ASSERT_OK(writer->Add(f));
  }
  ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close());
  ManifestListWriterOptions lo;
  lo.snapshot_id = 5;
  lo.sequence_number = 1;
  lo.codec = avro::AvroCodec::kNull;
  ASSERT_OK_AND_ASSIGN(auto list_writer, ManifestListWriter::Make(io, "mem://list.avro", lo));
  ASSERT_OK(list_writer->Add(m));
  ASSERT_OK(list_writer->Close());

  int errors = 0;
  int reads = 0;
  auto try_manifest = [&](const std::string& bytes) {
    ASSERT_OK(io.WriteAll("mem://bad.avro", bytes, WriteMode::kOverwrite));
    ManifestFile bad = m;
    bad.manifest_path = "mem://bad.avro";
    auto reader = ManifestReader::Open(io, bad, {&schema, &spec});
    Status st = reader.has_value() ? reader.value()->ReadAll().status() : reader.error();
    if (st.ok()) {
      ++reads;
    } else {
      ++errors;
      EXPECT_NE(st.message().find("mem://bad.avro"), std::string::npos) << st.ToString();
    }
  };
  auto try_list = [&](const std::string& bytes) {
    ASSERT_OK(io.WriteAll("mem://badlist.avro", bytes, WriteMode::kOverwrite));
    Status st = ReadManifestList(io, "mem://badlist.avro").status();
    if (st.ok()) {
      ++reads;
    } else {
      ++errors;
      EXPECT_NE(st.message().find("mem://badlist.avro"), std::string::npos) << st.ToString();
    }
  };
  ASSERT_OK_AND_ASSIGN(std::string good, io.ReadAll("mem://good.avro"));
  ASSERT_OK_AND_ASSIGN(std::string list, io.ReadAll("mem://list.avro"));
  for (size_t n = 0; n < good.size(); ++n) try_manifest(good.substr(0, n));
  for (size_t n = 0; n < list.size(); ++n) try_list(list.substr(0, n));
  // A truncation reads only when it cuts right after the header (a valid file of no blocks).
  EXPECT_LE(reads, 2);
  const int truncation_errors = errors;
  std::mt19937 rng(7);
  for (int i = 0; i < 800; ++i) {
    std::string bad = good;
    bad[rng() % bad.size()] ^= static_cast<char>(1 << (rng() % 8));
    try_manifest(bad);
    std::string bad_list = list;
    bad_list[rng() % bad_list.size()] ^= static_cast<char>(1 << (rng() % 8));
    try_list(bad_list);
  }
  EXPECT_GE(truncation_errors, static_cast<int>(good.size() + list.size()) - 2);
  std::cout << "damaged files: " << errors << " refused with a Status, " << reads
            << " still read\n";
}

}  // namespace
}  // namespace floe::iceberg
