// Fault sweeps over the SQLite catalog's commit paths: fail the 1st, 2nd, ...
// I/O operation of a create and of a commit in every way storage fails
// (error, lost reply, torn write, crash); each time the table must read as
// exactly the state before or exactly the state after, and a commit that
// reported success must be the state after.
#include <gtest/gtest.h>

#include "catalog/sqlite_catalog.h"
#include "io/fault_injecting_file_io.h"
#include "io/memory_file_io.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe {
namespace {

using iceberg::NestedField;
using iceberg::Type;

const TableIdentifier kTable{Namespace::Parse("db"), "t"};

iceberg::Schema TestSchema() {
  return iceberg::Schema::Make({NestedField::Required(1, "id", Type::Long())}).value();
}

constexpr FaultKind kKinds[] = {FaultKind::kError, FaultKind::kErrorAfter, FaultKind::kTornWrite,
                                FaultKind::kCrash};

const char* KindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kError:
      return "error";
    case FaultKind::kErrorAfter:
      return "error after";
    case FaultKind::kTornWrite:
      return "torn write";
    case FaultKind::kCrash:
      return "crash";
  }
  return "?";
}

// A warehouse whose FileIO can fail, and a fault-free view of the same files.
struct Warehouse {
  test::TempDir dir;
  MemoryFileIO files;
  FaultInjectingFileIO faulty{files};
  std::string db() const { return dir.path() + "/catalog.db"; }
  Result<std::unique_ptr<SqliteCatalog>> Open(FileIO& io) {
    return SqliteCatalog::Open(io, "mem://bucket/wh", "floe", db());
  }
};

// How many I/O operations `op` takes without faults.
template <typename Setup, typename Op>
int64_t CountOperations(Setup setup, Op op) {
  Warehouse w;
  setup(w);
  auto catalog = w.Open(w.faulty).value();
  w.faulty.Reset();
  EXPECT_OK(op(*catalog).status());
  return w.faulty.total_count();
}

TEST(CatalogFaultSweepTest, CommitIsBeforeOrAfterUnderEveryFault) {
  auto setup = [](Warehouse& w) {
    auto catalog = w.Open(w.files).value();
    ASSERT_OK(catalog->CreateNamespace(kTable.ns, {}));
    ASSERT_OK(catalog->CreateTable(kTable, TestSchema(), {}).status());
  };
  auto commit = [](Catalog& catalog) {
    return catalog.CommitTable(kTable, {}, {iceberg::SetPropertiesUpdate{{{"k", "v"}}}});
  };
  const int64_t ops = CountOperations(setup, commit);
  ASSERT_GT(ops, 3);
  int before = 0, after = 0;
  for (FaultKind kind : kKinds) {
    for (int64_t n = 1; n <= ops; ++n) {
      SCOPED_TRACE(fmt::format("{} at operation {} of {}", KindName(kind), n, ops));
      Warehouse w;
      setup(w);
      ASSERT_OK_AND_ASSIGN(auto faulty, w.Open(w.faulty));
      w.faulty.Reset();
      w.faulty.AddFault({std::nullopt, n, kind});
      Result<LoadedTable> result = commit(*faulty);
      w.faulty.Reset();
      // Whatever happened, the table loads, from a fresh handle, whole.
      ASSERT_OK_AND_ASSIGN(auto clean, w.Open(w.files));
      ASSERT_OK_AND_ASSIGN(LoadedTable table, clean->LoadTable(kTable));
      const bool is_after = table.metadata->properties().count("k") != 0;
      is_after ? ++after : ++before;
      if (result.has_value()) {
        EXPECT_TRUE(is_after);
      }
      if (!result.has_value() && result.error().IsCommitConflict()) {
        EXPECT_FALSE(is_after);
      }
      // Every metadata file the table's history names is still there.
      for (const auto& entry : table.metadata->metadata_log()) {
        ASSERT_OK_AND_ASSIGN(bool exists, w.files.Exists(entry.metadata_file));
        EXPECT_TRUE(exists) << entry.metadata_file;
      }
      // And the table still takes commits.
      ASSERT_OK(commit(*clean).status());
    }
  }
  std::cout << ops << " operations per commit; " << before << " faults left the table as before, "
            << after << " as after\n";
  EXPECT_GT(before, 0);
}

TEST(CatalogFaultSweepTest, CreateLeavesNoTableOrAWholeOne) {
  auto setup = [](Warehouse& w) {
    auto catalog = w.Open(w.files).value();
    ASSERT_OK(catalog->CreateNamespace(kTable.ns, {}));
  };
  auto create = [](Catalog& catalog) { return catalog.CreateTable(kTable, TestSchema(), {}); };
  const int64_t ops = CountOperations(setup, create);
  ASSERT_GT(ops, 1);
  for (FaultKind kind : kKinds) {
    for (int64_t n = 1; n <= ops; ++n) {
      SCOPED_TRACE(fmt::format("{} at operation {} of {}", KindName(kind), n, ops));
      Warehouse w;
      setup(w);
      ASSERT_OK_AND_ASSIGN(auto faulty, w.Open(w.faulty));
      w.faulty.Reset();
      w.faulty.AddFault({std::nullopt, n, kind});
      Result<LoadedTable> result = create(*faulty);
      w.faulty.Reset();
      ASSERT_OK_AND_ASSIGN(auto clean, w.Open(w.files));
      ASSERT_OK_AND_ASSIGN(bool exists, clean->TableExists(kTable));
      if (result.has_value()) {
        EXPECT_TRUE(exists);
      }
      if (exists) {
        ASSERT_OK(clean->LoadTable(kTable).status());  // never a row naming a broken file
      } else {
        ASSERT_OK(create(*clean).status());  // and the name is free to use
      }
    }
  }
}

}  // namespace
}  // namespace floe
