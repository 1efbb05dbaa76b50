#include "catalog/sqlite_catalog_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "util/corpus.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe {
namespace {

namespace fs = std::filesystem;

TableIdentifier Id(std::string ns, std::string name) { return {Namespace::Parse(ns), name}; }

class SqliteCatalogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(store_, SqliteCatalogStore::Open(path(), "floe")); }
  std::string path() const { return dir_.path() + "/catalog.db"; }
  test::TempDir dir_;
  std::unique_ptr<SqliteCatalogStore> store_;
};

TEST_F(SqliteCatalogStoreTest, NamespacesExistByPropertiesOrTables) {
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db.inner"), {{"owner", "ann"}}));
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("other"), {}));
  ASSERT_STATUS(kAlreadyExists, "already exists",
                store_->CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK_AND_ASSIGN(auto top, store_->ListNamespaces({}));
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].ToString(), "db");
  EXPECT_EQ(top[1].ToString(), "other");
  ASSERT_OK_AND_ASSIGN(auto inner, store_->ListNamespaces(Namespace::Parse("db")));
  ASSERT_EQ(inner.size(), 1u);
  EXPECT_EQ(inner[0].ToString(), "db.inner");
  // A namespace without properties carries Java's marker property.
  ASSERT_OK_AND_ASSIGN(auto props, store_->LoadNamespaceProperties(Namespace::Parse("db")));
  EXPECT_EQ(props, (std::map<std::string, std::string>{{"exists", "true"}}));
  ASSERT_OK(store_->UpdateNamespaceProperties(Namespace::Parse("db.inner"), {"owner"},
                                              {{"comment", "x"}}));
  ASSERT_OK_AND_ASSIGN(props, store_->LoadNamespaceProperties(Namespace::Parse("db.inner")));
  EXPECT_EQ(props, (std::map<std::string, std::string>{{"comment", "x"}}));
  ASSERT_STATUS(kNotFound, "does not exist",
                store_->LoadNamespaceProperties(Namespace::Parse("nope")));
  // "db" has a child: not empty. '_' in LIKE patterns is escaped: "d_" is not "db".
  ASSERT_STATUS(kInvalidArgument, "not empty", store_->DropNamespace(Namespace::Parse("db")));
  ASSERT_OK_AND_ASSIGN(bool exists, store_->NamespaceExists(Namespace::Parse("d_")));
  EXPECT_FALSE(exists);
  ASSERT_OK(store_->DropNamespace(Namespace::Parse("db.inner")));
  ASSERT_OK(store_->DropNamespace(Namespace::Parse("db")));
  ASSERT_OK_AND_ASSIGN(exists, store_->NamespaceExists(Namespace::Parse("db")));
  EXPECT_FALSE(exists);
  ASSERT_STATUS(kInvalidArgument, "empty level",
                store_->CreateNamespace(Namespace::Parse("a..b"), {}));
}

TEST_F(SqliteCatalogStoreTest, TablesCreateLoadSwapRenameDrop) {
  ASSERT_STATUS(kNotFound, "namespace 'db' does not exist",
                store_->CreateTable(Id("db", "t"), "m0"));
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(store_->CreateTable(Id("db", "t"), "m0"));
  ASSERT_STATUS(kAlreadyExists, "already exists", store_->CreateTable(Id("db", "t"), "m9"));
  ASSERT_OK_AND_ASSIGN(std::string location, store_->LoadTable(Id("db", "t")));
  EXPECT_EQ(location, "m0");
  ASSERT_OK(store_->SwapMetadataLocation(Id("db", "t"), "m0", "m1"));
  ASSERT_STATUS(kCommitConflict, "now m1, not m0",
                store_->SwapMetadataLocation(Id("db", "t"), "m0", "m2"));
  ASSERT_STATUS(kNotFound, "", store_->SwapMetadataLocation(Id("db", "u"), "m0", "m2"));
  ASSERT_OK(store_->CreateTable(Id("db", "u"), "n0"));
  ASSERT_STATUS(kAlreadyExists, "", store_->RenameTable(Id("db", "t"), Id("db", "u")));
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db2"), {}));
  ASSERT_OK(store_->RenameTable(Id("db", "t"), Id("db2", "t2")));
  ASSERT_OK_AND_ASSIGN(auto tables, store_->ListTables(Namespace::Parse("db2")));
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].ToString(), "db2.t2");
  ASSERT_OK_AND_ASSIGN(location, store_->DropTable(Id("db2", "t2")));
  EXPECT_EQ(location, "m1");
  ASSERT_STATUS(kNotFound, "", store_->LoadTable(Id("db2", "t2")));
  // A namespace that holds a table exists even without property rows.
  ASSERT_OK(store_->CreateTable(Id("db2", "kept"), "k0"));
  ASSERT_OK(store_->UpdateNamespaceProperties(Namespace::Parse("db2"), {"exists"}, {}));
  ASSERT_OK_AND_ASSIGN(bool exists, store_->NamespaceExists(Namespace::Parse("db2")));
  EXPECT_TRUE(exists);
}

TEST_F(SqliteCatalogStoreTest, OtherCatalogNamesAreInvisible) {
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(store_->CreateTable(Id("db", "t"), "m0"));
  ASSERT_OK_AND_ASSIGN(auto other, SqliteCatalogStore::Open(path(), "another"));
  ASSERT_OK_AND_ASSIGN(bool exists, other->NamespaceExists(Namespace::Parse("db")));
  EXPECT_FALSE(exists);
  ASSERT_STATUS(kNotFound, "", other->LoadTable(Id("db", "t")));
}

// Several processes race compare-and-set on one row: every increment that
// reports success is there exactly once.
TEST_F(SqliteCatalogStoreTest, ProcessesRacingSwapsLoseNothing) {
  ASSERT_OK(store_->CreateNamespace(Namespace::Parse("db"), {}));
  ASSERT_OK(store_->CreateTable(Id("db", "t"), "0"));
  constexpr int kProcesses = 4, kCommits = 25;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = SqliteCatalogStore::Open(path(), "floe");
      if (!store.has_value()) _exit(2);
      int done = 0;
      while (done < kCommits) {
        auto current = (*store)->LoadTable(Id("db", "t"));
        if (!current.has_value()) _exit(3);
        std::string next = std::to_string(std::stoi(*current) + 1);
        Status st = (*store)->SwapMetadataLocation(Id("db", "t"), *current, next);
        if (st.ok()) {
          ++done;
        } else if (!st.IsCommitConflict() && !st.retryable()) {
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
  ASSERT_OK_AND_ASSIGN(std::string final_value, store_->LoadTable(Id("db", "t")));
  EXPECT_EQ(final_value, std::to_string(kProcesses * kCommits));
}

// Catalog files written by PyIceberg's SqlCatalog open as they are.
TEST(SqliteCatalogStoreCorpusTest, PyIcebergCatalogsOpen) {
  FLOE_REQUIRE_CORPUS();
  const fs::path root = fs::path(*test::CorpusRoot()) / "iceberg/duckdb-iceberg/data/persistent";
  int opened = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() != "pyiceberg_catalog.db" &&
        entry.path().filename() != "catalog.sqlite") {
      continue;
    }
    test::TempDir dir;  // a copy: the corpus is never written
    const std::string copy = dir.path() + "/catalog.db";
    fs::copy_file(entry.path(), copy);
    for (const char* name : {"default", "my_catalog"}) {
      ASSERT_OK_AND_ASSIGN(auto store, SqliteCatalogStore::Open(copy, name));
      ASSERT_OK_AND_ASSIGN(auto namespaces, store->ListNamespaces({}));
      for (const Namespace& ns : namespaces) {
        ASSERT_OK_AND_ASSIGN(auto tables, store->ListTables(ns));
        for (const TableIdentifier& id : tables) {
          ASSERT_OK_AND_ASSIGN(std::string location, store->LoadTable(id));
          EXPECT_NE(location.find(id.name), std::string::npos) << location;
          EXPECT_NE(location.find(".metadata.json"), std::string::npos) << location;
          ++opened;
        }
      }
    }
  }
  std::cout << opened << " tables found in PyIceberg catalogs\n";
  EXPECT_GE(opened, 5);
}

}  // namespace
}  // namespace floe
