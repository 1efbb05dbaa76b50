#include "util/corpus.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "util/scoped_env.h"
#include "util/temp_dir.h"

namespace floe::test {
namespace {

TEST(CorpusTest, IndexAndTablesListAreReadable) {
  FLOE_REQUIRE_CORPUS();
  std::string root = *CorpusRoot();
  EXPECT_TRUE(std::filesystem::is_regular_file(root + "/INDEX.md"));

  std::ifstream in(root + "/tables.json");
  ASSERT_TRUE(in) << root << "/tables.json";
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(json.is_discarded()) << "tables.json is not JSON";
  auto tables = json.find("tables");
  ASSERT_NE(tables, json.end());
  ASSERT_TRUE(tables->is_array());
  EXPECT_GT(tables->size(), 0u);
  for (const auto& table : *tables) {
    auto path = table.find("path");
    ASSERT_TRUE(path != table.end() && path->is_string());
    EXPECT_TRUE(std::filesystem::is_directory(root + "/" + path->get<std::string>()))
        << path->get<std::string>();
  }
}

TEST(CorpusTest, EnvironmentOverridesTheDefault) {
  TempDir dir;
  {
    ScopedEnv env("FLOE_CORPUS_DIR", (dir.path() + "/").c_str());
    ASSERT_TRUE(CorpusRoot().has_value());
    EXPECT_EQ(*CorpusRoot(), std::filesystem::canonical(dir.path()).string());
  }
  {
    ScopedEnv env("FLOE_CORPUS_DIR", (dir.path() + "/absent").c_str());
    EXPECT_EQ(CorpusRoot(), std::nullopt);
  }
}

}  // namespace
}  // namespace floe::test
