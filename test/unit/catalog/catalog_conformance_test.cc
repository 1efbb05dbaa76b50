// The shared Catalog suite: every Catalog implementation runs these tests, so
// the SQL engine and the REST server can rely on one contract (catalog.h).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "catalog/sqlite_catalog.h"
#include "iceberg/table_metadata_io.h"
#include "io/local_file_io.h"
#include "io/memory_file_io.h"
#include "util/corpus.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe {
namespace {

using iceberg::NestedField;
using iceberg::Type;

// A catalog under test, and how to open another handle on the same catalog
// (another thread or process would).
struct Fixture {
  std::unique_ptr<test::TempDir> dir;
  std::unique_ptr<FileIO> io;
  std::function<Result<std::unique_ptr<Catalog>>()> open;
};

struct Impl {
  std::string name;
  std::function<Fixture()> make;
  friend void PrintTo(const Impl& impl, std::ostream* os) { *os << impl.name; }
};

Fixture SqliteOnLocal() {
  Fixture f;
  f.dir = std::make_unique<test::TempDir>();
  f.io = std::make_unique<LocalFileIO>();
  f.open = [io = f.io.get(),
            warehouse = f.dir->path() + "/warehouse"]() -> Result<std::unique_ptr<Catalog>> {
    FLOE_ASSIGN_OR_RETURN(auto catalog, SqliteCatalog::Open(*io, warehouse));
    return std::unique_ptr<Catalog>(std::move(catalog));
  };
  return f;
}

// Tables in an object-store-like FileIO; only catalog.db is local.
Fixture SqliteOnMemory() {
  Fixture f;
  f.dir = std::make_unique<test::TempDir>();
  f.io = std::make_unique<MemoryFileIO>();
  f.open = [io = f.io.get(),
            db = f.dir->path() + "/catalog.db"]() -> Result<std::unique_ptr<Catalog>> {
    FLOE_ASSIGN_OR_RETURN(auto catalog, SqliteCatalog::Open(*io, "mem://bucket/wh", "floe", db));
    return std::unique_ptr<Catalog>(std::move(catalog));
  };
  return f;
}

iceberg::Schema TestSchema() {
  return iceberg::Schema::Make({NestedField::Required(1, "id", Type::Long()),
                                NestedField::Optional(2, "name", Type::String())})
      .value();
}

TableIdentifier Id(std::string ns, std::string name) {
  return {Namespace::Parse(ns), std::move(name)};
}

class CatalogConformance : public ::testing::TestWithParam<Impl> {
 protected:
  void SetUp() override {
    f_ = GetParam().make();
    ASSERT_OK_AND_ASSIGN(catalog_, f_.open());
  }
  Catalog& catalog() { return *catalog_; }
  // Files under a folder of the catalog's FileIO.
  size_t CountFiles(const std::string& folder) {
    auto files = f_.io->List(folder + "/");
    return files.has_value() ? files->size() : 0;
  }
  Fixture f_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_P(CatalogConformance, NamespaceLifecycle) {
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db"), {{"owner", "floe"}}));
  ASSERT_STATUS(kAlreadyExists, "", catalog().CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db.inner"), {}));
  ASSERT_OK_AND_ASSIGN(auto top, catalog().ListNamespaces({}));
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].ToString(), "db");
  ASSERT_OK_AND_ASSIGN(auto props, catalog().LoadNamespaceProperties(Namespace::Parse("db")));
  EXPECT_EQ(props.at("owner"), "floe");
  ASSERT_OK(catalog().UpdateNamespaceProperties(Namespace::Parse("db"), {"owner"}, {{"k", "v"}}));
  ASSERT_OK_AND_ASSIGN(props, catalog().LoadNamespaceProperties(Namespace::Parse("db")));
  EXPECT_EQ(props, (Properties{{"k", "v"}}));
  ASSERT_STATUS(kInvalidArgument, "not empty", catalog().DropNamespace(Namespace::Parse("db")));
  ASSERT_OK(catalog().DropNamespace(Namespace::Parse("db.inner")));
  ASSERT_OK(catalog().DropNamespace(Namespace::Parse("db")));
  ASSERT_STATUS(kNotFound, "", catalog().LoadNamespaceProperties(Namespace::Parse("db")));
}

TEST_P(CatalogConformance, CreateLoadAndReopen) {
  ASSERT_STATUS(kNotFound, "namespace", catalog().CreateTable(Id("db", "t"), TestSchema(), {}));
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK_AND_ASSIGN(LoadedTable created, catalog().CreateTable(Id("db", "t"), TestSchema(),
                                                                  {.properties = {{"a", "1"}}}));
  EXPECT_EQ(created.metadata->format_version(), 2);
  EXPECT_EQ(created.metadata->properties().at("a"), "1");
  EXPECT_NE(created.metadata_location.find("/metadata/00000-"), std::string::npos)
      << created.metadata_location;
  ASSERT_STATUS(kAlreadyExists, "", catalog().CreateTable(Id("db", "t"), TestSchema(), {}));
  // The failed create left no metadata file behind.
  EXPECT_EQ(CountFiles(iceberg::MetadataFolder(*created.metadata)), 1u);

  // Another handle (a fresh process would do the same) sees the same table.
  ASSERT_OK_AND_ASSIGN(auto other, f_.open());
  ASSERT_OK_AND_ASSIGN(LoadedTable loaded, other->LoadTable(Id("db", "t")));
  EXPECT_EQ(loaded.metadata_location, created.metadata_location);
  EXPECT_EQ(loaded.metadata->table_uuid(), created.metadata->table_uuid());
  ASSERT_OK_AND_ASSIGN(auto tables, other->ListTables(Namespace::Parse("db")));
  ASSERT_EQ(tables.size(), 1u);
  // Opened by its folder, without the catalog: the same metadata.
  ASSERT_OK_AND_ASSIGN(auto at_path,
                       iceberg::LoadTableFromFolder(*f_.io, created.metadata->location()));
  EXPECT_EQ(at_path.metadata_location, created.metadata_location);
}

TEST_P(CatalogConformance, CommitsApplyUpdatesAndCheckRequirements) {
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK_AND_ASSIGN(LoadedTable t0, catalog().CreateTable(Id("db", "t"), TestSchema(), {}));
  ASSERT_OK_AND_ASSIGN(
      LoadedTable t1,
      catalog().CommitTable(Id("db", "t"), {iceberg::AssertTableUuid{t0.metadata->table_uuid()}},
                            {iceberg::SetPropertiesUpdate{{{"k", "v"}}}}));
  EXPECT_EQ(t1.metadata->properties().at("k"), "v");
  EXPECT_NE(t1.metadata_location.find("/metadata/00001-"), std::string::npos);
  ASSERT_EQ(t1.metadata->metadata_log().size(), 1u);
  EXPECT_EQ(t1.metadata->metadata_log()[0].metadata_file, t0.metadata_location);
  ASSERT_OK_AND_ASSIGN(LoadedTable reloaded, catalog().LoadTable(Id("db", "t")));
  EXPECT_EQ(reloaded.metadata_location, t1.metadata_location);

  // A failed requirement changes nothing and leaves no file.
  const size_t files = CountFiles(iceberg::MetadataFolder(*t1.metadata));
  ASSERT_STATUS(kCommitConflict, "",
                catalog().CommitTable(Id("db", "t"), {iceberg::AssertTableUuid{"not-the-uuid"}},
                                      {iceberg::SetPropertiesUpdate{{{"k", "w"}}}}));
  EXPECT_EQ(CountFiles(iceberg::MetadataFolder(*t1.metadata)), files);
  ASSERT_OK_AND_ASSIGN(reloaded, catalog().LoadTable(Id("db", "t")));
  EXPECT_EQ(reloaded.metadata->properties().at("k"), "v");
  ASSERT_STATUS(kNotFound, "", catalog().CommitTable(Id("db", "nope"), {}, {}));
}

TEST_P(CatalogConformance, RenameRegisterAndDrop) {
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(catalog().CreateNamespace(Namespace::Parse("db2"), {}));
  ASSERT_OK_AND_ASSIGN(LoadedTable t, catalog().CreateTable(Id("db", "t"), TestSchema(), {}));
  ASSERT_OK(catalog().RenameTable(Id("db", "t"), Id("db2", "u")));
  ASSERT_STATUS(kNotFound, "", catalog().LoadTable(Id("db", "t")));
  ASSERT_OK_AND_ASSIGN(LoadedTable u, catalog().LoadTable(Id("db2", "u")));
  EXPECT_EQ(u.metadata_location, t.metadata_location);
  // Register the same metadata under another name; dropping one without purge keeps files.
  ASSERT_OK(catalog().RegisterTable(Id("db", "again"), t.metadata_location).status());
  ASSERT_STATUS(kAlreadyExists, "",
                catalog().RegisterTable(Id("db", "again"), t.metadata_location));
  ASSERT_OK(catalog().DropTable(Id("db", "again"), /*purge=*/false));
  ASSERT_OK_AND_ASSIGN(bool exists, f_.io->Exists(t.metadata_location));
  EXPECT_TRUE(exists);
  ASSERT_OK(catalog().DropTable(Id("db2", "u"), /*purge=*/true));
  ASSERT_OK_AND_ASSIGN(exists, f_.io->Exists(t.metadata_location));
  EXPECT_FALSE(exists);
  ASSERT_STATUS(kNotFound, "", catalog().DropTable(Id("db2", "u"), false));
}

INSTANTIATE_TEST_SUITE_P(AllCatalogs, CatalogConformance,
                         ::testing::Values(Impl{"SqliteOnLocal", SqliteOnLocal},
                                           Impl{"SqliteOnMemory", SqliteOnMemory}),
                         [](const ::testing::TestParamInfo<Impl>& info) {
                           return info.param.name;
                         });

// Processes commit to one table at once; every acknowledged commit is there
// exactly once (each sets its own property), conflicts are retried.
TEST(SqliteCatalogTest, ConcurrentProcessesLoseNoCommit) {
  test::TempDir dir;
  LocalFileIO io;
  const std::string warehouse = dir.path() + "/wh";
  {
    ASSERT_OK_AND_ASSIGN(auto catalog, SqliteCatalog::Open(io, warehouse));
    ASSERT_OK(catalog->CreateNamespace(Namespace::Parse("db"), {}));
    ASSERT_OK(catalog->CreateTable(Id("db", "t"), TestSchema(), {}).status());
  }
  constexpr int kProcesses = 3, kCommits = 8;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      LocalFileIO child_io;
      auto catalog = SqliteCatalog::Open(child_io, warehouse);
      if (!catalog.has_value()) _exit(2);
      int conflicts = 0;
      for (int c = 0; c < kCommits;) {
        const std::string key = "p" + std::to_string(p) + "_" + std::to_string(c);
        auto result = (*catalog)->CommitTable(Id("db", "t"), {},
                                              {iceberg::SetPropertiesUpdate{{{key, "1"}}}});
        if (result.has_value()) {
          ++c;
        } else if (result.error().IsCommitConflict() || result.error().retryable()) {
          if (++conflicts > 1000) _exit(3);
        } else {
          std::fprintf(stderr, "commit failed: %s\n", result.error().ToString().c_str());
          _exit(4);
        }
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  ASSERT_OK_AND_ASSIGN(auto catalog, SqliteCatalog::Open(io, warehouse));
  ASSERT_OK_AND_ASSIGN(LoadedTable t, catalog->LoadTable(Id("db", "t")));
  for (int p = 0; p < kProcesses; ++p) {
    for (int c = 0; c < kCommits; ++c) {
      EXPECT_EQ(t.metadata->properties().count("p" + std::to_string(p) + "_" + std::to_string(c)),
                1u)
          << p << "/" << c;
    }
  }
  // One metadata file per successful commit plus the create: losers deleted theirs.
  auto files = io.List(iceberg::MetadataFolder(*t.metadata) + "/");
  ASSERT_TRUE(files.has_value());
  EXPECT_EQ(files->size(), static_cast<size_t>(1 + kProcesses * kCommits));
}

// A table written by another engine, registered by its metadata file, reads
// back identically from a fresh catalog handle.
TEST(SqliteCatalogTest, RegistersCorpusTables) {
  FLOE_REQUIRE_CORPUS();
  test::TempDir dir;
  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(auto catalog, SqliteCatalog::Open(io, dir.path() + "/wh"));
  ASSERT_OK(catalog->CreateNamespace(Namespace::Parse("corpus"), {}));
  const std::string root = *test::CorpusRoot() + "/iceberg/duckdb-iceberg/data/persistent";
  const std::string table = root + "/iceberg/lineitem_iceberg";
  ASSERT_OK_AND_ASSIGN(auto at_path, iceberg::LoadTableFromFolder(io, table));
  ASSERT_OK(catalog->RegisterTable(Id("corpus", "lineitem"), at_path.metadata_location).status());
  ASSERT_OK_AND_ASSIGN(auto fresh, SqliteCatalog::Open(io, dir.path() + "/wh"));
  ASSERT_OK_AND_ASSIGN(LoadedTable loaded, fresh->LoadTable(Id("corpus", "lineitem")));
  EXPECT_EQ(loaded.metadata_location, at_path.metadata_location);
  EXPECT_EQ(loaded.metadata->table_uuid(), at_path.metadata->table_uuid());
  EXPECT_EQ(loaded.metadata->snapshots().size(), at_path.metadata->snapshots().size());
}

}  // namespace
}  // namespace floe
