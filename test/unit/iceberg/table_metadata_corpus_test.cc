// Whole table metadata documents from the corpus: every metadata.json of the
// real tables (written by Spark, Flink, Trino, Impala, Hive, PyIceberg, the
// Java API, DuckDB...) and the valid documents of the Iceberg projects' own
// tests must parse, validate, serialize and parse back equal; every document
// the corpus lists as must-reject (known_inputs.json) must be refused with
// the error its defect calls for. Facts recorded in tables.json (format
// version, current snapshot, snapshot ids) are checked against what Floe
// reads, and time travel is checked across each table's metadata files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "iceberg/table_metadata_json.h"
#include "util/corpus.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Table metadata candidates: metadata files of tables (plain or gzip), the
// projects' TableMetadata*/example_* documents, and the broken file of
// duckdb-iceberg's bad_data.
bool IsCandidate(const fs::path& path) {
  const std::string name = path.filename().string();
  if (EndsWith(name, ".metadata.json") || EndsWith(name, ".metadata.json.gz")) return true;
  const std::string text = path.string();
  if (text.find("/iceberg-metadata/") != std::string::npos && EndsWith(name, ".json") &&
      (name.rfind("TableMetadata", 0) == 0 || name.rfind("example_", 0) == 0)) {
    return true;
  }
  return name == "bad_iceberg_metadata.json";
}

std::vector<fs::path> Candidates(const fs::path& root) {
  std::vector<fs::path> out;
  for (const char* dir : {"iceberg", "iceberg-metadata"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (entry.is_regular_file() && IsCandidate(entry.path())) out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What each must-reject table metadata document of known_inputs.json is
// refused with, by file name (or path, which wins): the code and a piece of
// the message naming the defect. A new must-reject document without an entry
// here fails the test.
struct Expected {
  StatusCode code;
  std::string message;
};
const std::map<std::string, Expected>& ExpectedRejections() {
  static const auto* kExpected = new std::map<std::string, Expected>{
      {"bad_iceberg_metadata.json", {StatusCode::kInvalidArgument, "is not valid JSON"}},
      {"TableMetadataUnsupportedVersion.json",
       {StatusCode::kNotSupported, "format-version 42 is not supported"}},
      {"TableMetadataV1MissingSchemaType.json",
       {StatusCode::kInvalidArgument, "missing required 'type'"}},
      {"TableMetadataV1NoValidSchema.json",
       {StatusCode::kInvalidArgument, "no valid schema configuration"}},
      {"TableMetadataV2CurrentSchemaNotFound.json",
       {StatusCode::kInvalidArgument, "'current-schema-id' 2 is not among the schemas"}},
      {"TableMetadataV2MissingLastPartitionId.json",
       {StatusCode::kInvalidArgument, "missing required 'last-partition-id' (format v2)"}},
      {"TableMetadataV2MissingPartitionSpecs.json",
       {StatusCode::kInvalidArgument, "missing required 'partition-specs' (format v2)"}},
      {"TableMetadataV2MissingSchemas.json",
       {StatusCode::kInvalidArgument, "missing required 'schemas' (format v2)"}},
      {"TableMetadataV2MissingSortOrder.json",
       {StatusCode::kInvalidArgument, "missing required 'sort-orders' (format v2)"}},
      // iceberg-rust's "unsupported version" is format-version 3 with a v1
      // body, from before Rust read v3: Floe reads v3 and refuses it because
      // v3 requires `schemas`.
      {"iceberg-metadata/iceberg-rust/crates/iceberg/testdata/table_metadata/"
       "TableMetadataUnsupportedVersion.json",
       {StatusCode::kInvalidArgument, "missing required 'schemas' (format v3)"}},
  };
  return *kExpected;
}

// known_inputs.json's must_reject paths that are table metadata candidates.
std::set<std::string> MustReject(const fs::path& root) {
  Json known = ParseJson(ReadBytes(root / "known_inputs.json"), "known_inputs.json").value();
  std::set<std::string> out;
  for (const Json& entry : known["must_reject"]) {
    const std::string path = entry["path"].get<std::string>();
    if (IsCandidate(root / path)) out.insert(path);
  }
  return out;
}

struct Counts {
  int valid = 0;
  int rejected = 0;
  int not_metadata = 0;
  int gzip = 0;
  int snapshots = 0;
  std::map<int, int> by_version;
};

TEST(IcebergTableMetadataCorpusTest, EveryDocumentParsesRoundTripsOrIsRejected) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root(*test::CorpusRoot());
  const std::vector<fs::path> files = Candidates(root);
  ASSERT_GT(files.size(), 300u) << "expected the corpus's ~330 table metadata documents";
  const std::set<std::string> must_reject = MustReject(root);
  ASSERT_GE(must_reject.size(), 20u);
  Counts counts;
  std::vector<std::string> failures;
  std::set<std::string> seen_rejects;
  for (const fs::path& path : files) {
    const std::string name = fs::relative(path, root).string();
    const std::string bytes = ReadBytes(path);
    auto metadata = ParseTableMetadata(bytes);
    if (must_reject.count(name) != 0) {
      seen_rejects.insert(name);
      auto expected = ExpectedRejections().find(name);
      if (expected == ExpectedRejections().end()) {
        expected = ExpectedRejections().find(path.filename().string());
      }
      if (expected == ExpectedRejections().end()) {
        failures.push_back(name + ": must be rejected, but the test has no expectation for it");
      } else if (metadata.has_value()) {
        failures.push_back(name + ": must be rejected, but parsed");
      } else if (metadata.error().code() != expected->second.code ||
                 metadata.error().message().find(expected->second.message) == std::string::npos) {
        failures.push_back(name + ": rejected with '" + metadata.error().ToString() +
                           "', expected " + std::string(StatusCodeName(expected->second.code)) +
                           " with '" + expected->second.message + "'");
      } else {
        ++counts.rejected;
      }
      continue;
    }
    if (!metadata.has_value()) {
      // Files named *.metadata.json that are not table metadata: icebird's
      // decoded Avro headers and a BigQuery stub, none with a format-version.
      auto text = DecompressTableMetadata(bytes);
      auto json = text.has_value() ? ParseJson(*text, name) : Result<Json>(text.error());
      if (json.has_value() && json->is_object() && !json->contains("format-version")) {
        ++counts.not_metadata;
        continue;
      }
      failures.push_back(name + ": " + metadata.error().ToString());
      continue;
    }
    counts.gzip += static_cast<uint8_t>(bytes[0]) == 0x1f;
    const TableMetadata& m = **metadata;
    auto text = TableMetadataToJsonString(m);
    if (!text.has_value()) {
      failures.push_back(name + ": cannot serialize: " + text.error().ToString());
      continue;
    }
    auto again = ParseTableMetadata(*text);
    if (!again.has_value()) {
      failures.push_back(name + ": written metadata does not parse: " + again.error().ToString());
      continue;
    }
    if (!(**again == m)) {
      failures.push_back(name + ": written metadata parses back different: " + *text);
      continue;
    }
    // Writing what was read back gives the same text.
    if (TableMetadataToJsonString(**again).value_or("") != *text) {
      failures.push_back(name + ": serialization is not stable");
      continue;
    }
    ++counts.valid;
    ++counts.by_version[m.format_version()];
    counts.snapshots += static_cast<int>(m.snapshots().size());
  }
  for (const std::string& name : must_reject) {
    if (seen_rejects.count(name) == 0) failures.push_back(name + ": must-reject file not found");
  }
  std::cout << "table metadata corpus: " << counts.valid << " valid documents parsed and "
            << "round-tripped (v1 " << counts.by_version[1] << ", v2 " << counts.by_version[2]
            << ", v3 " << counts.by_version[3] << "; " << counts.gzip << " gzip; "
            << counts.snapshots << " snapshots), " << counts.rejected
            << " must-reject documents refused as expected, " << counts.not_metadata
            << " files named *.metadata.json that are not table metadata\n";
  EXPECT_LE(counts.not_metadata, 3);
  EXPECT_EQ(counts.rejected, static_cast<int>(must_reject.size()));
  std::string report;
  for (const std::string& failure : failures) report += failure + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " documents failed:\n" << report;
}

// REST catalog responses (iceberg-rust's test data) carry table metadata in
// their `metadata` member.
TEST(IcebergTableMetadataCorpusTest, RestResponsesMetadata) {
  FLOE_REQUIRE_CORPUS();
  const fs::path dir =
      fs::path(*test::CorpusRoot()) / "iceberg-metadata/iceberg-rust/crates/catalog/rest/testdata";
  int checked = 0;
  for (const char* name :
       {"load_table_response.json", "create_table_response.json", "update_table_response.json"}) {
    SCOPED_TRACE(name);
    ASSERT_OK_AND_ASSIGN(Json response, ParseJson(ReadBytes(dir / name), name));
    ASSERT_OK_AND_ASSIGN(auto metadata, TableMetadataFromJson(response["metadata"]));
    ASSERT_OK_AND_ASSIGN(auto again, TableMetadataFromJson(TableMetadataToJson(*metadata).value()));
    EXPECT_TRUE(*again == *metadata);
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

// tables.json records facts of each table's current metadata file, found
// independently of Floe; what Floe reads must agree.
TEST(IcebergTableMetadataCorpusTest, CurrentMetadataAgreesWithTablesJson) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root(*test::CorpusRoot());
  ASSERT_OK_AND_ASSIGN(Json tables, ParseJson(ReadBytes(root / "tables.json"), "tables.json"));
  int checked = 0;
  for (const Json& table : tables["tables"]) {
    const std::string path = table["path"].get<std::string>();
    SCOPED_TRACE(path);
    const fs::path file = root / path / table["metadata_file"].get<std::string>();
    ASSERT_OK_AND_ASSIGN(auto metadata, ParseTableMetadata(ReadBytes(file)));
    EXPECT_EQ(metadata->format_version(), table["format_version"].get<int>());
    EXPECT_EQ(static_cast<int>(metadata->snapshots().size()), table["snapshots"].get<int>());
    if (table["current_snapshot_id"].is_null()) {
      EXPECT_EQ(metadata->current_snapshot(), nullptr);
    } else {
      ASSERT_NE(metadata->current_snapshot(), nullptr);
      EXPECT_EQ(metadata->current_snapshot()->snapshot_id,
                table["current_snapshot_id"].get<int64_t>());
      EXPECT_EQ(metadata->SnapshotForRef(kMainBranch), metadata->current_snapshot());
    }
    std::vector<int64_t> ids;
    for (const auto& snapshot : metadata->snapshots()) ids.push_back(snapshot->snapshot_id);
    std::vector<int64_t> expected_ids = table["snapshot_ids"].get<std::vector<int64_t>>();
    std::sort(ids.begin(), ids.end());
    std::sort(expected_ids.begin(), expected_ids.end());
    EXPECT_EQ(ids, expected_ids);
    ++checked;
  }
  EXPECT_GT(checked, 80);
}

// Time travel across files: a table's state as of an older metadata file's
// last-updated-ms, looked up in the newest metadata, is the snapshot that was
// current in that older file. Older files count when the newest metadata's
// metadata-log lists them: the folders also hold forks of the history
// (name_mapping's v3.1.metadata.json, written later beside v4).
TEST(IcebergTableMetadataCorpusTest, TimeTravelFindsTheSnapshotOfOlderMetadataFiles) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root(*test::CorpusRoot());
  ASSERT_OK_AND_ASSIGN(Json tables, ParseJson(ReadBytes(root / "tables.json"), "tables.json"));
  int checked = 0;
  for (const Json& table : tables["tables"]) {
    const std::string path = table["path"].get<std::string>();
    SCOPED_TRACE(path);
    ASSERT_OK_AND_ASSIGN(
        auto newest,
        ParseTableMetadata(ReadBytes(root / path / table["metadata_file"].get<std::string>())));
    for (const Json& older_name : table["metadata_files"]) {
      auto parsed = ParseTableMetadata(ReadBytes(root / path / older_name.get<std::string>()));
      // BigQuery's stub beside one table is not table metadata.
      if (!parsed.has_value() &&
          parsed.error().message().find("missing required 'format-version'") != std::string::npos) {
        continue;
      }
      ASSERT_OK_AND_ASSIGN(auto older, std::move(parsed));
      const std::string suffix = "/" + fs::path(older_name.get<std::string>()).filename().string();
      const bool in_history =
          std::any_of(newest->metadata_log().begin(), newest->metadata_log().end(),
                      [&](const MetadataLogEntry& e) { return EndsWith(e.metadata_file, suffix); });
      if (!in_history || older->table_uuid() != newest->table_uuid()) continue;
      const Snapshot* then = older->current_snapshot();
      if (then == nullptr || newest->SnapshotById(then->snapshot_id) == nullptr) continue;
      SCOPED_TRACE(older_name.get<std::string>());
      ASSERT_OK_AND_ASSIGN(const Snapshot* found,
                           newest->SnapshotAsOfTime(older->last_updated_ms()));
      EXPECT_EQ(found->snapshot_id, then->snapshot_id);
      ++checked;
    }
  }
  std::cout << "time travel: " << checked << " older metadata files' current snapshots found\n";
  EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace floe::iceberg
