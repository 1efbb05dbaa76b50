// SqliteCatalog: Floe's embedded catalog - the JDBC catalog's tables in a
// SQLite file (sqlite_catalog_store.h) plus metadata files through a FileIO.
//
// A warehouse is a folder (or object-store prefix) holding `catalog.db`
// (local only: SQLite needs a file system) and the tables, each by default at
// `<warehouse>/<namespace levels>/<table>` as Java's JdbcCatalog places them.
// A commit reads the current metadata, checks the requirements and applies
// the updates, writes a new metadata file create-if-absent, and swaps the
// pointer by compare-and-set; a lost swap deletes its unpublished file and
// reports CommitConflict.
//
// Thread-safety: one thread at a time (open one catalog per thread); any
// number of processes may share the warehouse.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "catalog/sqlite_catalog_store.h"

namespace floe {

class SqliteCatalog final : public Catalog {
 public:
  // `warehouse`: where tables go; `catalog_db`: the SQLite file (default
  // `<warehouse>/catalog.db`; the warehouse must then be a local path).
  // `io` must outlive the catalog.
  static Result<std::unique_ptr<SqliteCatalog>> Open(FileIO& io, std::string warehouse,
                                                     std::string catalog_name = "floe",
                                                     std::string catalog_db = "");

  const std::string& name() const override { return store_->catalog_name(); }
  FileIO& io() override { return *io_; }

  Status CreateNamespace(const Namespace& ns, const Properties& properties) override;
  Result<bool> NamespaceExists(const Namespace& ns) override;
  Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) override;
  Result<Properties> LoadNamespaceProperties(const Namespace& ns) override;
  Status UpdateNamespaceProperties(const Namespace& ns, const std::vector<std::string>& removals,
                                   const Properties& updates) override;
  Status DropNamespace(const Namespace& ns) override;

  Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns) override;
  Result<bool> TableExists(const TableIdentifier& id) override;
  Result<LoadedTable> LoadTable(const TableIdentifier& id) override;
  Result<LoadedTable> CreateTable(const TableIdentifier& id, const iceberg::Schema& schema,
                                  const CreateTableOptions& options) override;
  Result<LoadedTable> RegisterTable(const TableIdentifier& id,
                                    const std::string& metadata_location) override;
  Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) override;
  Status DropTable(const TableIdentifier& id, bool purge) override;
  Result<LoadedTable> CommitTable(const TableIdentifier& id,
                                  const std::vector<iceberg::TableRequirement>& requirements,
                                  const std::vector<iceberg::TableUpdate>& updates) override;

  // Where a new table goes when CREATE TABLE names no location.
  std::string DefaultTableLocation(const TableIdentifier& id) const;

 private:
  SqliteCatalog(FileIO& io, std::string warehouse, std::unique_ptr<SqliteCatalogStore> store)
      : io_(&io), warehouse_(std::move(warehouse)), store_(std::move(store)) {}

  FileIO* io_;
  std::string warehouse_;
  std::unique_ptr<SqliteCatalogStore> store_;
};

}  // namespace floe
