#include "iceberg/metadata_file_locator.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "io/local_file_io.h"
#include "io/memory_file_io.h"
#include "util/corpus.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

TEST(MetadataFileLocatorTest, NamesAndVersions) {
  EXPECT_TRUE(IsMetadataFileName("v3.metadata.json"));
  EXPECT_TRUE(IsMetadataFileName("00001-abc.metadata.json"));
  EXPECT_TRUE(IsMetadataFileName("v2.gz.metadata.json"));
  EXPECT_TRUE(IsMetadataFileName("v2.metadata.json.gz"));
  EXPECT_FALSE(IsMetadataFileName(".metadata.json"));
  EXPECT_FALSE(IsMetadataFileName("snap-1.avro"));
  EXPECT_EQ(MetadataFileVersion("v3.metadata.json"), 3);
  EXPECT_EQ(MetadataFileVersion("v12.gz.metadata.json"), 12);
  EXPECT_EQ(MetadataFileVersion("00007-6c1e.metadata.json"), 7);
  EXPECT_EQ(MetadataFileVersion("abc.metadata.json"), std::nullopt);
  EXPECT_EQ(MetadataFileVersion("v3x.metadata.json"), std::nullopt);
}

class LocatorFixture : public ::testing::Test {
 protected:
  void Put(const std::string& name, const std::string& text) {
    ASSERT_OK(io_.WriteAll("mem://wh/t/" + name, text, WriteMode::kOverwrite));
  }
  Result<std::string> Find() {
    return FindCurrentMetadataFile(io_, "mem://wh/t/", [this](const std::string& location) {
      return updated_.count(location) != 0 ? Result<int64_t>(updated_[location])
                                           : Result<int64_t>(int64_t{0});
    });
  }
  MemoryFileIO io_;
  std::map<std::string, int64_t> updated_;
};

TEST_F(LocatorFixture, HintNamesTheVersion) {
  Put("metadata/v1.metadata.json", "{}");
  Put("metadata/v2.metadata.json", "{}");
  Put("metadata/v3.metadata.json", "{}");
  Put("metadata/version-hint.text", "2\n");
  ASSERT_OK_AND_ASSIGN(std::string found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/v2.metadata.json");
  Put("metadata/version-hint.text", "v3");  // a file stem, not a number
  ASSERT_OK_AND_ASSIGN(found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/v3.metadata.json");
}

TEST_F(LocatorFixture, HintMayNameACompressedFileOrAStem) {
  Put("metadata/v2.gz.metadata.json", "gz");
  Put("metadata/00001-aa.metadata.json", "{}");
  Put("metadata/version-hint.text", "2");
  ASSERT_OK_AND_ASSIGN(std::string found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/v2.gz.metadata.json");
  Put("metadata/version-hint.text", "00001-aa");
  ASSERT_OK_AND_ASSIGN(found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/00001-aa.metadata.json");
}

TEST_F(LocatorFixture, WithoutAUsableHintTheNewestWins) {
  Put("metadata/00000-a.metadata.json", "{}");
  Put("metadata/00001-b.metadata.json", "{}");
  Put("metadata/00002-c.metadata.json", "{}");
  Put("metadata/nested/99999-z.metadata.json", "{}");           // not directly in metadata/
  updated_["mem://wh/t/metadata/00000-a.metadata.json"] = 300;  // newest despite its number
  updated_["mem://wh/t/metadata/00002-c.metadata.json"] = 200;
  ASSERT_OK_AND_ASSIGN(std::string found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/00000-a.metadata.json");
  Put("metadata/version-hint.text", "");  // empty hint: still the newest
  ASSERT_OK_AND_ASSIGN(found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/00000-a.metadata.json");
  Put("metadata/version-hint.text", "9");  // stale hint: the newest
  ASSERT_OK_AND_ASSIGN(found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/00000-a.metadata.json");
  updated_.clear();  // equal timestamps: the highest version number
  ASSERT_OK_AND_ASSIGN(found, Find());
  EXPECT_EQ(found, "mem://wh/t/metadata/00002-c.metadata.json");
}

TEST_F(LocatorFixture, NoMetadataIsNotFound) {
  Put("data/a.parquet", "PAR1");
  ASSERT_STATUS(kNotFound, "no metadata file", Find());
}

// Every corpus table: the locator finds the metadata file tables.json names.
TEST(MetadataFileLocatorCorpusTest, FindsEveryTablesCurrentMetadata) {
  FLOE_REQUIRE_CORPUS();
  const std::string root = *test::CorpusRoot();
  std::ifstream in(root + "/tables.json");
  auto tables = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(tables.is_discarded());
  LocalFileIO io;
  // The test reads last-updated-ms itself (the metadata parser is not under test here);
  // compressed files have a version hint in this corpus, so plain JSON suffices.
  auto last_updated = [&io](const std::string& location) -> Result<int64_t> {
    FLOE_ASSIGN_OR_RETURN(std::string text, io.ReadAll(location));
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.contains("last-updated-ms") ||
        !json["last-updated-ms"].is_number_integer()) {
      return Status::InvalidArgument("{}: no last-updated-ms", location);
    }
    return json["last-updated-ms"].get<int64_t>();
  };
  int found = 0, nonstandard = 0;
  for (const auto& table : tables["tables"]) {
    const std::string path = root + "/" + table["path"].get<std::string>();
    if (!table["metadata_file"].is_string()) continue;
    // A table whose metadata files are not in metadata/ is not laid out as
    // engines write tables (Impala's truncated ice_puffin); nothing to locate.
    if (table["metadata_file"].get<std::string>().rfind("metadata/", 0) != 0) {
      ++nonstandard;
      continue;
    }
    Result<std::string> location = FindCurrentMetadataFile(io, path, last_updated);
    ASSERT_TRUE(location.has_value()) << path << ": " << location.error().ToString();
    EXPECT_EQ(*location, path + "/" + table["metadata_file"].get<std::string>());
    ++found;
  }
  std::cout << found << " tables' current metadata found, " << nonstandard
            << " tables without a metadata/ folder\n";
  EXPECT_GE(found, 80);
  EXPECT_LE(nonstandard, 2);  // ice_puffin and its generated/ variants
}

}  // namespace
}  // namespace floe::iceberg
