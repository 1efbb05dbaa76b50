// Column chunk statistics against DuckDB's reading of the same footers.
#include "formats/parquet/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "formats/parquet/footer_reader.h"
#include "io/local_file_io.h"
#include "util/canonical_floe_value.h"
#include "util/corpus.h"
#include "util/duckdb_oracle.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;

TEST(ParquetStatisticsTest, BoundsAgreeWithDuckDb) {
  FLOE_REQUIRE_CORPUS();
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto duck);
  std::string root = *test::CorpusRoot() + "/parquet-testing/data";
  int compared = 0, ours_only = 0;
  std::vector<std::string> mismatches;
  for (const auto& f : fs::directory_iterator(root)) {
    if (f.path().extension() != ".parquet") continue;
    LocalFileIO io;
    ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(f.path().string()));
    auto meta = ReadParquetFooter(*file);
    if (!meta.has_value()) continue;
    auto theirs = duck->Query(
        "SELECT row_group_id, column_id, stats_min_value, stats_max_value, stats_null_count "
        "FROM parquet_metadata('" +
        f.path().string() + "')");
    if (!theirs.has_value()) continue;
    for (const auto& row : theirs->rows) {
      int32_t rg = std::stoi(*row[0]);
      int32_t col = std::stoi(*row[1]);
      ASSERT_OK_AND_ASSIGN(auto stats, ReadColumnChunkStatistics(**meta, rg, col));
      if (stats.null_count.has_value() && row[4].has_value()) {
        EXPECT_EQ(std::to_string(*stats.null_count), *row[4]) << f.path() << " " << col;
      }
      if (!stats.min.has_value()) continue;
      if (!row[2].has_value() || !row[3].has_value()) {
        ++ours_only;
        continue;
      }
      // DuckDB renders timestamps in its own type's text; compare the part
      // both share.
      auto ours_min = test::CanonicalCell(*stats.min).value_or("");
      auto ours_max = test::CanonicalCell(*stats.max).value_or("");
      // ... and Floe applies the rule that a zero min is -0.0 and a zero max
      // +0.0, which DuckDB's metadata function does not.
      auto strip = [](std::string s) {
        if (s.size() > 3 && s.substr(s.size() - 3) == "+00") s.resize(s.size() - 3);
        if (s == "-0.0") s = "0.0";
        return s;
      };
      if (stats.min->type().id() == TypeId::kDouble && stats.min->GetDouble() == 0.0) {
        EXPECT_TRUE(std::signbit(stats.min->GetDouble()));
      }
      if (stats.max->type().id() == TypeId::kDouble && stats.max->GetDouble() == 0.0) {
        EXPECT_FALSE(std::signbit(stats.max->GetDouble()));
      }
      ++compared;
      if (strip(ours_min) != strip(*row[2]) || strip(ours_max) != strip(*row[3])) {
        mismatches.push_back(fmt::format("{} rg {} col {}: ours [{}, {}] duckdb [{}, {}]",
                                         f.path().filename().string(), rg, col, ours_min, ours_max,
                                         *row[2], *row[3]));
      }
    }
  }
  for (const auto& m : mismatches) std::cout << "  " << m << "\n";
  std::cout << compared << " bounds compared, " << ours_only << " only Floe trusts\n";
  EXPECT_TRUE(mismatches.empty());
  EXPECT_GT(compared, 200);
}

}  // namespace
}  // namespace floe::parquet
