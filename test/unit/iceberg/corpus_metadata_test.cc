// Every schema, partition spec and sort order in the corpus's real table
// metadata (written by Spark, Flink, Trino, Impala, Hive, PyIceberg, the Java
// API...) must parse, validate against the table's schema, and re-serialize to
// JSON that parses back equal. The metadata documents of the Iceberg
// implementations' own test suites are checked the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "iceberg/partition_spec.h"
#include "iceberg/schema_json.h"
#include "iceberg/sort_order.h"
#include "iceberg/table_metadata_json.h"
#include "util/corpus.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open {}", path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The text of a metadata file, inflated when it is gzip- or zstd-compressed.
Result<std::string> ReadMetadataText(const fs::path& path) {
  FLOE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return DecompressTableMetadata(bytes);
}

struct Counts {
  int files = 0;
  int schemas = 0;
  int specs = 0;
  int orders = 0;
  int fields = 0;
  int defaults = 0;
};

void CountFields(const Type& type, Counts& counts) {
  for (const NestedField& field : type.fields()) {
    ++counts.fields;
    counts.defaults += field.initial_default.has_value() + field.write_default.has_value();
    CountFields(field.type, counts);
  }
}

// Parses, validates and round-trips everything in one metadata document.
Status CheckDocument(const Json& metadata, Counts& counts) {
  if (!metadata.is_object()) return Status::InvalidArgument("not a JSON object");
  std::vector<Schema> schemas;
  auto add_schema = [&](const Json& json) -> Status {
    FLOE_ASSIGN_OR_RETURN(Schema schema, SchemaFromJson(json));
    FLOE_ASSIGN_OR_RETURN(std::string text, SchemaToJsonString(schema));
    auto again = SchemaFromJsonString(text);
    if (!again.has_value() || !(*again == schema)) {
      return Status::Internal("schema {} does not round-trip: {}", schema.schema_id(), text);
    }
    CountFields(schema.as_struct(), counts);
    ++counts.schemas;
    schemas.push_back(std::move(schema));
    return Status::OK();
  };
  if (auto it = metadata.find("schemas"); it != metadata.end() && it->is_array()) {
    for (const Json& json : *it) FLOE_RETURN_NOT_OK(add_schema(json));
  }
  if (auto it = metadata.find("schema"); it != metadata.end() && it->is_object()) {
    FLOE_RETURN_NOT_OK(add_schema(*it));
  }
  if (schemas.empty()) return Status::InvalidArgument("no schema");
  // The current schema: "current-schema-id", else the v1 "schema".
  const Schema* current = &schemas.back();
  FLOE_ASSIGN_OR_RETURN(auto current_id, GetOptionalInt32(metadata, "current-schema-id"));
  if (current_id) {
    for (const Schema& schema : schemas) {
      if (schema.schema_id() == *current_id) current = &schema;
    }
  }

  std::vector<PartitionSpec> specs;
  if (auto it = metadata.find("partition-specs"); it != metadata.end() && it->is_array()) {
    for (const Json& json : *it) {
      FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, PartitionSpecFromJson(json));
      specs.push_back(std::move(spec));
    }
  }
  if (auto it = metadata.find("partition-spec"); it != metadata.end()) {
    FLOE_ASSIGN_OR_RETURN(auto default_id, GetOptionalInt32(metadata, "default-spec-id"));
    FLOE_ASSIGN_OR_RETURN(PartitionSpec spec,
                          PartitionSpecFromFieldsJson(*it, default_id.value_or(0)));
    specs.push_back(std::move(spec));
  }
  for (const PartitionSpec& spec : specs) {
    auto again =
        PartitionSpecFromJson(ParseJson(DumpJson(PartitionSpecToJson(spec)), "spec").value());
    if (!again.has_value() || !(*again == spec)) {
      return Status::Internal("partition spec {} does not round-trip", spec.spec_id());
    }
    // Older specs may name columns dropped since.
    FLOE_RETURN_NOT_OK(spec.Validate(*current, /*allow_missing_fields=*/true));
    FLOE_RETURN_NOT_OK(spec.PartitionType(*current).status());
    ++counts.specs;
  }

  if (auto it = metadata.find("sort-orders"); it != metadata.end() && it->is_array()) {
    for (const Json& json : *it) {
      FLOE_ASSIGN_OR_RETURN(SortOrder order, SortOrderFromJson(json));
      auto again = SortOrderFromJson(ParseJson(DumpJson(SortOrderToJson(order)), "order").value());
      if (!again.has_value() || !(*again == order)) {
        return Status::Internal("sort order {} does not round-trip", order.order_id());
      }
      FLOE_RETURN_NOT_OK(order.Validate(*current, /*allow_missing_fields=*/true));
      ++counts.orders;
    }
  }
  ++counts.files;
  return Status::OK();
}

std::vector<fs::path> FindFiles(const fs::path& root, bool (*wanted)(const fs::path&)) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && wanted(entry.path())) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsMetadataJson(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 14 && name.substr(name.size() - 14) == ".metadata.json";
}

TEST(IcebergCorpusMetadataTest, EveryRealTableMetadataParsesAndRoundTrips) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root = fs::path(*test::CorpusRoot()) / "iceberg";
  const std::vector<fs::path> files = FindFiles(root, IsMetadataJson);
  ASSERT_GT(files.size(), 200u) << "expected the corpus's ~280 table metadata files under " << root;
  Counts counts;
  std::vector<std::string> failures;
  std::vector<std::string> skipped;
  for (const fs::path& path : files) {
    const std::string name = fs::relative(path, root).string();
    auto text = ReadMetadataText(path);
    Status st = text.status();
    if (st.ok()) {
      auto json = ParseJson(*text, path.filename().string());
      // Files named *.metadata.json that are not table metadata: icebird's
      // decoded Avro headers and a BigQuery stub without format-version.
      if (json.has_value() && json->is_object() && !json->contains("format-version")) {
        skipped.push_back(name);
        continue;
      }
      st = json.has_value() ? CheckDocument(*json, counts) : json.status();
    }
    if (!st.ok()) failures.push_back(name + ": " + st.ToString());
  }
  EXPECT_LE(skipped.size(), 3u);
  for (const std::string& name : skipped)
    std::cout << "not table metadata, skipped: " << name << "\n";
  std::cout << "corpus table metadata: " << counts.files << " of " << files.size() << " files; "
            << counts.schemas << " schemas (" << counts.fields << " fields, " << counts.defaults
            << " defaults), " << counts.specs << " partition specs, " << counts.orders
            << " sort orders parsed, validated and round-tripped\n";
  std::string report;
  for (const std::string& failure : failures) report += failure + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " files failed:\n" << report;
}

bool IsImplementationTableMetadata(const fs::path& path) {
  const std::string name = path.filename().string();
  return path.extension() == ".json" &&
         (name.rfind("TableMetadata", 0) == 0 || name.rfind("example_", 0) == 0);
}

TEST(IcebergCorpusMetadataTest, ImplementationTestDocuments) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root = fs::path(*test::CorpusRoot()) / "iceberg-metadata";
  const std::vector<fs::path> files = FindFiles(root, IsImplementationTableMetadata);
  ASSERT_GT(files.size(), 40u) << root;
  Counts counts;
  int rejected = 0;
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    ASSERT_OK_AND_ASSIGN(std::string text, ReadMetadataText(path));
    ASSERT_OK_AND_ASSIGN(Json json, ParseJson(text, path.filename().string()));
    Status st = CheckDocument(json, counts);
    // Documents that are invalid for table-level reasons still have valid
    // schemas; only "a schema without its type" is invalid at this level.
    if (path.filename() == "TableMetadataV1MissingSchemaType.json") {
      ASSERT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
      EXPECT_NE(st.message().find("missing required 'type'"), std::string::npos) << st.ToString();
      ++rejected;
    } else {
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
  }
  EXPECT_EQ(rejected, 2);
  std::cout << "implementation test documents: " << counts.files << " of " << files.size()
            << " files; " << counts.schemas << " schemas, " << counts.specs << " specs, "
            << counts.orders << " sort orders; " << rejected << " rejected as expected\n";
}

}  // namespace
}  // namespace floe::iceberg
