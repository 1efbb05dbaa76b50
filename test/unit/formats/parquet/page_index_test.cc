// Page indexes: decoded against hyparquet's decoding of the same files,
// validated (an inconsistent index is ignored, never an error), and read over
// the whole corpus without a crash.
#include "formats/parquet/page_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/thrift_serde.h"
#include "io/local_file_io.h"
#include "util/corpus.h"
#include "util/test_macros.h"
#include "vector/value_compare.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;
namespace pq = ::floe::parquet::format;

struct OpenedFile {
  std::unique_ptr<RandomAccessFile> file;
  std::shared_ptr<const ParquetFileMetadata> metadata;
};

Result<OpenedFile> Open(const std::string& path) {
  LocalFileIO io;
  OpenedFile out;
  FLOE_ASSIGN_OR_RETURN(out.file, io.OpenRead(path));
  FLOE_ASSIGN_OR_RETURN(out.metadata, ReadParquetFooter(*out.file));
  return out;
}

Result<std::vector<ColumnChunkPageIndex>> ReadAll(OpenedFile& f, int32_t row_group) {
  std::vector<PageIndexRequest> requests;
  for (int32_t c = 0; c < f.metadata->schema().num_columns(); ++c) requests.push_back({c, true});
  return ReadPageIndexes(*f.file, *f.metadata, row_group, requests);
}

std::string BoundaryOrderName(BoundaryOrder o) {
  switch (o) {
    case BoundaryOrder::kUnordered:
      return "UNORDERED";
    case BoundaryOrder::kAscending:
      return "ASCENDING";
    case BoundaryOrder::kDescending:
      return "DESCENDING";
  }
  return "?";
}

// Whether hyparquet's JSON rendering of a bound equals ours; nullopt when
// the two renderings cannot be compared (timestamps as ISO text, ...).
std::optional<bool> SameBound(const nlohmann::json& theirs, const Value& ours) {
  switch (ours.type().id()) {
    case TypeId::kBoolean:
      if (!theirs.is_boolean()) return std::nullopt;
      return theirs.get<bool>() == ours.GetBool();
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      if (!theirs.is_number_integer()) return std::nullopt;
      return theirs.get<int64_t>() == ours.GetInt64();
    case TypeId::kFloat:
      if (!theirs.is_number()) return std::nullopt;
      return static_cast<float>(theirs.get<double>()) == ours.GetFloat();
    case TypeId::kDouble:
      if (!theirs.is_number()) return std::nullopt;
      return theirs.get<double>() == ours.GetDouble();
    case TypeId::kString:
    case TypeId::kBinary:
      if (theirs.is_string()) return theirs.get<std::string>() == ours.GetString();
      if (theirs.is_array()) {
        std::string bytes;
        for (const auto& b : theirs) bytes.push_back(static_cast<char>(b.get<int>()));
        return bytes == ours.GetString();
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// hyparquet's decoded page indexes (<name>.column_indexes.json and
// <name>.offset_indexes.json) against ours.
TEST(PageIndexTest, AgreesWithHyparquet) {
  FLOE_REQUIRE_CORPUS();
  const std::string root = *test::CorpusRoot() + "/parquet-extra/hyparquet/files/";
  int files = 0, offset_indexes = 0, column_indexes = 0, pages = 0, bounds = 0, not_compared = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".offset_indexes.json";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) {
      continue;
    }
    const std::string stem = name.substr(0, name.size() - suffix.size());
    SCOPED_TRACE(stem);
    std::ifstream oin(root + name);
    nlohmann::json offsets = nlohmann::json::parse(oin);
    nlohmann::json columns;
    if (fs::exists(root + stem + ".column_indexes.json")) {
      std::ifstream cin(root + stem + ".column_indexes.json");
      columns = nlohmann::json::parse(cin);
    }
    ASSERT_OK_AND_ASSIGN(OpenedFile f, Open(root + stem + ".parquet"));
    ++files;
    ASSERT_EQ(offsets.size(), static_cast<size_t>(f.metadata->num_row_groups()));
    for (int32_t rg = 0; rg < f.metadata->num_row_groups(); ++rg) {
      ASSERT_OK_AND_ASSIGN(auto indexes, ReadAll(f, rg));
      const auto& their_rg = offsets[static_cast<size_t>(rg)];
      ASSERT_EQ(their_rg.size(), indexes.size());
      for (size_t c = 0; c < indexes.size(); ++c) {
        SCOPED_TRACE(fmt::format("row group {} column {}", rg, c));
        const ColumnChunkPageIndex& ours = indexes[c];
        EXPECT_EQ(ours.ignored_reason, "");
        const auto& theirs = their_rg[c];
        if (theirs.is_null()) {
          EXPECT_FALSE(ours.offset_index.has_value());
          continue;
        }
        ASSERT_TRUE(ours.offset_index.has_value());
        ++offset_indexes;
        const auto& locs = theirs["page_locations"];
        ASSERT_EQ(locs.size(), ours.offset_index->pages.size());
        for (size_t p = 0; p < locs.size(); ++p) {
          const PageLocation& loc = ours.offset_index->pages[p];
          EXPECT_EQ(loc.offset, locs[p]["offset"].get<int64_t>());
          EXPECT_EQ(loc.compressed_page_size, locs[p]["compressed_page_size"].get<int64_t>());
          EXPECT_EQ(loc.first_row_index, locs[p]["first_row_index"].get<int64_t>());
        }
        if (columns.is_null()) continue;
        const auto& ci = columns[static_cast<size_t>(rg)][c];
        if (ci.is_null()) {
          EXPECT_FALSE(ours.column_index.has_value());
          continue;
        }
        ASSERT_TRUE(ours.column_index.has_value());
        ++column_indexes;
        const ColumnIndex& index = *ours.column_index;
        EXPECT_EQ(BoundaryOrderName(index.boundary_order), ci["boundary_order"].get<std::string>());
        ASSERT_EQ(ci["null_pages"].size(), index.pages.size());
        for (size_t p = 0; p < index.pages.size(); ++p) {
          const PageStatistics& page = index.pages[p];
          ++pages;
          EXPECT_EQ(page.null_page, ci["null_pages"][p].get<bool>());
          if (ci.contains("null_counts")) {
            ASSERT_TRUE(page.null_count.has_value());
            EXPECT_EQ(*page.null_count, ci["null_counts"][p].get<int64_t>());
          }
          if (page.null_page) {
            EXPECT_FALSE(page.min.has_value());
            continue;
          }
          if (!page.min.has_value()) {
            ++not_compared;
            continue;
          }
          for (auto [theirs_bound, ours_bound] :
               {std::pair{ci["min_values"][p], &*page.min}, {ci["max_values"][p], &*page.max}}) {
            std::optional<bool> same = SameBound(theirs_bound, *ours_bound);
            if (!same.has_value()) {
              ++not_compared;
              continue;
            }
            ++bounds;
            EXPECT_TRUE(*same) << theirs_bound.dump() << " vs " << ours_bound->ToString();
          }
        }
      }
    }
  }
  std::cout << files << " files: " << offset_indexes << " offset indexes, " << column_indexes
            << " column indexes, " << pages << " pages, " << bounds << " bounds equal, "
            << not_compared << " bounds not comparable\n";
  EXPECT_EQ(files, 10);
  EXPECT_GT(offset_indexes, 50);
  EXPECT_GT(bounds, 40);
}

// Every file of the corpus: page indexes decode or are ignored with a
// reason; reading them never fails (except on I/O) or crashes.
TEST(PageIndexTest, WholeCorpusDecodesOrIsIgnored) {
  FLOE_REQUIRE_CORPUS();
  const std::string root = *test::CorpusRoot();
  int files_with_index = 0, chunks = 0, ignored = 0, with_bounds = 0;
  std::map<std::string, int> reasons;
  for (const char* dir : {"/parquet-testing", "/parquet-extra"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root + dir)) {
      if (!entry.is_regular_file() || entry.file_size() > (64 << 20)) continue;
      const auto ext = entry.path().extension();
      if (ext != ".parquet" && ext != ".parq" && ext != ".fuzz" && !ext.empty()) continue;
      auto f = Open(entry.path().string());
      if (!f.has_value()) continue;
      bool any = false;
      for (int32_t rg = 0; rg < f->metadata->num_row_groups(); ++rg) {
        ASSERT_OK_AND_ASSIGN(auto indexes, ReadAll(*f, rg));
        for (const ColumnChunkPageIndex& i : indexes) {
          if (!i.ignored_reason.empty()) {
            ++ignored;
            reasons[entry.path().string().substr(root.size()) + ": " + i.ignored_reason]++;
          }
          if (!i.offset_index.has_value()) continue;
          any = true;
          ++chunks;
          if (i.column_index.has_value()) {
            for (const PageStatistics& p : i.column_index->pages) with_bounds += p.min.has_value();
          }
        }
      }
      files_with_index += any;
    }
  }
  std::cout << files_with_index << " files with a page index, " << chunks
            << " chunks with a valid offset index, " << with_bounds << " pages with bounds, "
            << ignored << " indexes ignored\n";
  for (const auto& [why, n] : reasons) std::cout << "  " << n << " x " << why << "\n";
  EXPECT_GT(files_with_index, 20);
}

}  // namespace
}  // namespace floe::parquet
