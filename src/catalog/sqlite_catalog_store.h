// SqliteCatalogStore: the rows of an Iceberg JDBC catalog kept in a SQLite
// file - namespaces with their properties, and for every table the location
// of its current metadata file.
//
// The tables are those of Iceberg's JdbcCatalog (and PyIceberg's SqlCatalog),
// so Spark, Trino, PyIceberg and DuckDB configured with a JDBC/SQL catalog on
// the same file see the same tables:
//   iceberg_tables(catalog_name, table_namespace, table_name, metadata_location,
//                  previous_metadata_location [, iceberg_type])
//   iceberg_namespace_properties(catalog_name, namespace, property_key, property_value)
// Namespaces are stored dotted ("a.b"). A namespace exists when it has a
// property row or holds a table, as in JdbcCatalog; creating one without
// properties stores {"exists": "true"} as Java does. Databases created by
// PyIceberg (no iceberg_type column) are used as they are.
//
// A commit is one compare-and-set UPDATE of metadata_location: it changes the
// row only if it still names the metadata the commit started from, so exactly
// one of several racing writers (threads or processes) wins; the others get
// CommitConflict.
//
// Thread-safety: one thread at a time; open a store per thread or process.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sqlite_connection.h"
#include "catalog/table_identifier.h"

namespace floe {

class SqliteCatalogStore {
 public:
  // Opens `path`, creating the file and the catalog tables if missing.
  static Result<std::unique_ptr<SqliteCatalogStore>> Open(const std::string& path,
                                                          std::string catalog_name);

  const std::string& catalog_name() const { return catalog_name_; }

  // Namespaces.
  Status CreateNamespace(const Namespace& ns, const std::map<std::string, std::string>& properties);
  Result<bool> NamespaceExists(const Namespace& ns);
  // Direct children of `parent` (the root: top-level namespaces), sorted.
  Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent);
  Result<std::map<std::string, std::string>> LoadNamespaceProperties(const Namespace& ns);
  Status UpdateNamespaceProperties(const Namespace& ns, const std::vector<std::string>& removals,
                                   const std::map<std::string, std::string>& updates);
  // Fails if the namespace holds tables or child namespaces.
  Status DropNamespace(const Namespace& ns);

  // Tables. The namespace must exist.
  Status CreateTable(const TableIdentifier& id, const std::string& metadata_location);
  // The current metadata location; NotFound if there is no such table.
  Result<std::string> LoadTable(const TableIdentifier& id);
  Result<bool> TableExists(const TableIdentifier& id);
  Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns);
  // Swaps the table's metadata location from `expected` to `location`;
  // CommitConflict if it no longer is `expected`, NotFound if the table is gone.
  Status SwapMetadataLocation(const TableIdentifier& id, const std::string& expected,
                              const std::string& location);
  Status RenameTable(const TableIdentifier& from, const TableIdentifier& to);
  // Removes the row; returns the metadata location it had (to purge files).
  Result<std::string> DropTable(const TableIdentifier& id);

 private:
  SqliteCatalogStore(std::unique_ptr<SqliteConnection> db, std::string catalog_name,
                     bool has_type_column)
      : db_(std::move(db)),
        catalog_name_(std::move(catalog_name)),
        has_type_column_(has_type_column) {}
  Status CheckNamespaceExists(const Namespace& ns);

  std::unique_ptr<SqliteConnection> db_;
  std::string catalog_name_;
  bool has_type_column_;  // Java's V1 schema: iceberg_type 'TABLE' / 'VIEW'
};

}  // namespace floe
