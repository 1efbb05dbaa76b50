#include "catalog/sqlite_catalog_store.h"

#include <set>
#include <utility>

namespace floe {
namespace {

constexpr std::string_view kCreateTables =
    "CREATE TABLE IF NOT EXISTS iceberg_tables ("
    "catalog_name VARCHAR(255) NOT NULL, table_namespace VARCHAR(255) NOT NULL, "
    "table_name VARCHAR(255) NOT NULL, metadata_location VARCHAR(1000), "
    "previous_metadata_location VARCHAR(1000), iceberg_type VARCHAR(5), "
    "PRIMARY KEY (catalog_name, table_namespace, table_name))";
constexpr std::string_view kCreateProperties =
    "CREATE TABLE IF NOT EXISTS iceberg_namespace_properties ("
    "catalog_name VARCHAR(255) NOT NULL, namespace VARCHAR(255) NOT NULL, "
    "property_key VARCHAR(255), property_value VARCHAR(1000), "
    "PRIMARY KEY (catalog_name, namespace, property_key))";

// A LIKE pattern matching every namespace below `ns` ("a.b.%"), '!' escaping.
std::string BelowPattern(const Namespace& ns) {
  std::string out;
  for (char c : ns.ToString()) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + ".%";
}

}  // namespace

Result<std::unique_ptr<SqliteCatalogStore>> SqliteCatalogStore::Open(const std::string& path,
                                                                     std::string catalog_name) {
  FLOE_ASSIGN_OR_RETURN(auto db, SqliteConnection::Open(path));
  {
    FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db));
    FLOE_RETURN_NOT_OK(db->Execute(kCreateTables));
    FLOE_RETURN_NOT_OK(db->Execute(kCreateProperties));
    FLOE_RETURN_NOT_OK(tx.Commit());
  }
  FLOE_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT 1 FROM pragma_table_info('iceberg_tables') WHERE name = 'iceberg_type'"));
  FLOE_ASSIGN_OR_RETURN(bool has_type, query.Step());
  return std::unique_ptr<SqliteCatalogStore>(
      new SqliteCatalogStore(std::move(db), std::move(catalog_name), has_type));
}

Result<bool> SqliteCatalogStore::NamespaceExists(const Namespace& ns) {
  FLOE_RETURN_NOT_OK(ValidateNamespace(ns));
  for (std::string_view sql :
       {"SELECT 1 FROM iceberg_namespace_properties WHERE catalog_name = ?1 AND "
        "(namespace = ?2 OR namespace LIKE ?3 ESCAPE '!') LIMIT 1",
        "SELECT 1 FROM iceberg_tables WHERE catalog_name = ?1 AND "
        "(table_namespace = ?2 OR table_namespace LIKE ?3 ESCAPE '!') LIMIT 1"}) {
    FLOE_ASSIGN_OR_RETURN(auto query, db_->Prepare(sql));
    FLOE_RETURN_NOT_OK(query.BindText(1, catalog_name_));
    FLOE_RETURN_NOT_OK(query.BindText(2, ns.ToString()));
    FLOE_RETURN_NOT_OK(query.BindText(3, BelowPattern(ns)));
    FLOE_ASSIGN_OR_RETURN(bool found, query.Step());
    if (found) return true;
  }
  return false;
}

Status SqliteCatalogStore::CheckNamespaceExists(const Namespace& ns) {
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExists(ns));
  if (!exists) return Status::NotFound("catalog: namespace '{}' does not exist", ns.ToString());
  return Status::OK();
}

Status SqliteCatalogStore::CreateNamespace(const Namespace& ns,
                                           const std::map<std::string, std::string>& properties) {
  FLOE_RETURN_NOT_OK(ValidateNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExists(ns));
  if (exists) return Status::AlreadyExists("catalog: namespace '{}' already exists", ns.ToString());
  std::map<std::string, std::string> rows = properties;
  if (rows.empty()) rows["exists"] = "true";  // what JdbcCatalog stores, so the namespace exists
  for (const auto& [key, value] : rows) {
    FLOE_ASSIGN_OR_RETURN(
        auto insert, db_->Prepare("INSERT INTO iceberg_namespace_properties (catalog_name, "
                                  "namespace, property_key, property_value) VALUES (?, ?, ?, ?)"));
    FLOE_RETURN_NOT_OK(insert.BindText(1, catalog_name_));
    FLOE_RETURN_NOT_OK(insert.BindText(2, ns.ToString()));
    FLOE_RETURN_NOT_OK(insert.BindText(3, key));
    FLOE_RETURN_NOT_OK(insert.BindText(4, value));
    FLOE_RETURN_NOT_OK(insert.Run());
  }
  return tx.Commit();
}

Result<std::vector<Namespace>> SqliteCatalogStore::ListNamespaces(const Namespace& parent) {
  if (!parent.empty()) FLOE_RETURN_NOT_OK(CheckNamespaceExists(parent));
  std::set<Namespace> children;
  for (std::string_view sql :
       {"SELECT DISTINCT namespace FROM iceberg_namespace_properties WHERE catalog_name = ?1",
        "SELECT DISTINCT table_namespace FROM iceberg_tables WHERE catalog_name = ?1"}) {
    FLOE_ASSIGN_OR_RETURN(auto query, db_->Prepare(sql));
    FLOE_RETURN_NOT_OK(query.BindText(1, catalog_name_));
    while (true) {
      FLOE_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      Namespace ns = Namespace::Parse(query.ColumnText(0).value_or(""));
      if (ns.levels.size() <= parent.levels.size()) continue;
      ns.levels.resize(parent.levels.size() + 1);
      if (ns.IsChildOf(parent)) children.insert(std::move(ns));
    }
  }
  return std::vector<Namespace>(children.begin(), children.end());
}

Result<std::map<std::string, std::string>> SqliteCatalogStore::LoadNamespaceProperties(
    const Namespace& ns) {
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(ns));
  FLOE_ASSIGN_OR_RETURN(auto query,
                        db_->Prepare("SELECT property_key, property_value FROM "
                                     "iceberg_namespace_properties WHERE catalog_name = ? AND "
                                     "namespace = ?"));
  FLOE_RETURN_NOT_OK(query.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(query.BindText(2, ns.ToString()));
  std::map<std::string, std::string> out;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) break;
    std::optional<std::string> key = query.ColumnText(0);
    if (key.has_value()) out[*key] = query.ColumnText(1).value_or("");
  }
  return out;
}

Status SqliteCatalogStore::UpdateNamespaceProperties(
    const Namespace& ns, const std::vector<std::string>& removals,
    const std::map<std::string, std::string>& updates) {
  for (const std::string& key : removals) {
    if (updates.count(key) != 0) {
      return Status::InvalidArgument(
          "catalog: namespace '{}': property '{}' is both removed and set", ns.ToString(), key);
    }
  }
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(ns));
  for (const std::string& key : removals) {
    FLOE_ASSIGN_OR_RETURN(auto remove,
                          db_->Prepare("DELETE FROM iceberg_namespace_properties WHERE "
                                       "catalog_name = ? AND namespace = ? AND property_key = ?"));
    FLOE_RETURN_NOT_OK(remove.BindText(1, catalog_name_));
    FLOE_RETURN_NOT_OK(remove.BindText(2, ns.ToString()));
    FLOE_RETURN_NOT_OK(remove.BindText(3, key));
    FLOE_RETURN_NOT_OK(remove.Run());
  }
  for (const auto& [key, value] : updates) {
    FLOE_ASSIGN_OR_RETURN(auto upsert,
                          db_->Prepare("INSERT OR REPLACE INTO iceberg_namespace_properties "
                                       "(catalog_name, namespace, property_key, property_value) "
                                       "VALUES (?, ?, ?, ?)"));
    FLOE_RETURN_NOT_OK(upsert.BindText(1, catalog_name_));
    FLOE_RETURN_NOT_OK(upsert.BindText(2, ns.ToString()));
    FLOE_RETURN_NOT_OK(upsert.BindText(3, key));
    FLOE_RETURN_NOT_OK(upsert.BindText(4, value));
    FLOE_RETURN_NOT_OK(upsert.Run());
  }
  return tx.Commit();
}

Status SqliteCatalogStore::DropNamespace(const Namespace& ns) {
  FLOE_RETURN_NOT_OK(ValidateNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(ns));
  FLOE_ASSIGN_OR_RETURN(auto tables, ListTables(ns));
  FLOE_ASSIGN_OR_RETURN(auto children, ListNamespaces(ns));
  if (!tables.empty() || !children.empty()) {
    return Status::InvalidArgument(
               "catalog: namespace '{}' is not empty ({} tables, {} namespaces)", ns.ToString(),
               tables.size(), children.size())
        .WithHttpStatus(409);
  }
  FLOE_ASSIGN_OR_RETURN(auto remove, db_->Prepare("DELETE FROM iceberg_namespace_properties WHERE "
                                                  "catalog_name = ? AND namespace = ?"));
  FLOE_RETURN_NOT_OK(remove.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(remove.BindText(2, ns.ToString()));
  FLOE_RETURN_NOT_OK(remove.Run());
  return tx.Commit();
}

Status SqliteCatalogStore::CreateTable(const TableIdentifier& id,
                                       const std::string& metadata_location) {
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(id));
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(id.ns));
  FLOE_ASSIGN_OR_RETURN(bool exists, TableExists(id));
  if (exists) return Status::AlreadyExists("catalog: table '{}' already exists", id.ToString());
  FLOE_ASSIGN_OR_RETURN(
      auto insert,
      db_->Prepare(
          has_type_column_
              ? "INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, "
                "metadata_location, previous_metadata_location, iceberg_type) VALUES (?, "
                "?, ?, ?, NULL, 'TABLE')"
              : "INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, "
                "metadata_location, previous_metadata_location) VALUES (?, ?, ?, ?, NULL)"));
  FLOE_RETURN_NOT_OK(insert.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(insert.BindText(2, id.ns.ToString()));
  FLOE_RETURN_NOT_OK(insert.BindText(3, id.name));
  FLOE_RETURN_NOT_OK(insert.BindText(4, metadata_location));
  Status st = insert.Run();
  if (st.IsAlreadyExists()) {
    // The row exists but is not a table (a view of the same name).
    return Status::AlreadyExists("catalog: '{}' already exists (as a view)", id.ToString());
  }
  FLOE_RETURN_NOT_OK(st);
  return tx.Commit();
}

Result<std::string> SqliteCatalogStore::LoadTable(const TableIdentifier& id) {
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(id));
  FLOE_ASSIGN_OR_RETURN(
      auto query,
      db_->Prepare(
          std::string("SELECT metadata_location FROM iceberg_tables WHERE catalog_name = "
                      "? AND table_namespace = ? AND table_name = ?") +
          (has_type_column_ ? " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)" : "")));
  FLOE_RETURN_NOT_OK(query.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(query.BindText(2, id.ns.ToString()));
  FLOE_RETURN_NOT_OK(query.BindText(3, id.name));
  FLOE_ASSIGN_OR_RETURN(bool found, query.Step());
  if (!found) return Status::NotFound("catalog: table '{}' does not exist", id.ToString());
  std::optional<std::string> location = query.ColumnText(0);
  if (!location.has_value() || location->empty()) {
    return Status::Corruption("catalog: table '{}' has no metadata location", id.ToString());
  }
  return *location;
}

Result<bool> SqliteCatalogStore::TableExists(const TableIdentifier& id) {
  Result<std::string> location = LoadTable(id);
  if (location.has_value()) return true;
  if (location.error().IsNotFound()) return false;
  return location.error();
}

Result<std::vector<TableIdentifier>> SqliteCatalogStore::ListTables(const Namespace& ns) {
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(ns));
  FLOE_ASSIGN_OR_RETURN(
      auto query,
      db_->Prepare(
          std::string("SELECT table_name FROM iceberg_tables WHERE catalog_name = ? AND "
                      "table_namespace = ?") +
          (has_type_column_ ? " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)" : "") +
          " ORDER BY table_name"));
  FLOE_RETURN_NOT_OK(query.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(query.BindText(2, ns.ToString()));
  std::vector<TableIdentifier> out;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) break;
    out.push_back({ns, query.ColumnText(0).value_or("")});
  }
  return out;
}

Status SqliteCatalogStore::SwapMetadataLocation(const TableIdentifier& id,
                                                const std::string& expected,
                                                const std::string& location) {
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(id));
  // One statement: the compare and the set are atomic without a transaction.
  FLOE_ASSIGN_OR_RETURN(
      auto update,
      db_->Prepare(
          std::string("UPDATE iceberg_tables SET metadata_location = ?, "
                      "previous_metadata_location = ? WHERE catalog_name = ? AND "
                      "table_namespace = ? AND table_name = ? AND metadata_location = ?") +
          (has_type_column_ ? " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)" : "")));
  FLOE_RETURN_NOT_OK(update.BindText(1, location));
  FLOE_RETURN_NOT_OK(update.BindText(2, expected));
  FLOE_RETURN_NOT_OK(update.BindText(3, catalog_name_));
  FLOE_RETURN_NOT_OK(update.BindText(4, id.ns.ToString()));
  FLOE_RETURN_NOT_OK(update.BindText(5, id.name));
  FLOE_RETURN_NOT_OK(update.BindText(6, expected));
  FLOE_RETURN_NOT_OK(update.Run());
  if (db_->changes() == 1) return Status::OK();
  FLOE_ASSIGN_OR_RETURN(std::string current, LoadTable(id));
  return Status::CommitConflict(
      "catalog: table '{}' was changed concurrently: its metadata is now {}, not {}", id.ToString(),
      current, expected);
}

Status SqliteCatalogStore::RenameTable(const TableIdentifier& from, const TableIdentifier& to) {
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(from));
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(to));
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_RETURN_NOT_OK(LoadTable(from).status());
  FLOE_RETURN_NOT_OK(CheckNamespaceExists(to.ns));
  FLOE_ASSIGN_OR_RETURN(bool taken, TableExists(to));
  if (taken) return Status::AlreadyExists("catalog: table '{}' already exists", to.ToString());
  FLOE_ASSIGN_OR_RETURN(
      auto update, db_->Prepare("UPDATE iceberg_tables SET table_namespace = ?, table_name = ? "
                                "WHERE catalog_name = ? AND table_namespace = ? AND "
                                "table_name = ?"));
  FLOE_RETURN_NOT_OK(update.BindText(1, to.ns.ToString()));
  FLOE_RETURN_NOT_OK(update.BindText(2, to.name));
  FLOE_RETURN_NOT_OK(update.BindText(3, catalog_name_));
  FLOE_RETURN_NOT_OK(update.BindText(4, from.ns.ToString()));
  FLOE_RETURN_NOT_OK(update.BindText(5, from.name));
  Status st = update.Run();
  if (st.IsAlreadyExists()) {
    return Status::AlreadyExists("catalog: '{}' already exists (as a view)", to.ToString());
  }
  FLOE_RETURN_NOT_OK(st);
  return tx.Commit();
}

Result<std::string> SqliteCatalogStore::DropTable(const TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto tx, SqliteWriteTransaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(std::string location, LoadTable(id));
  FLOE_ASSIGN_OR_RETURN(auto remove, db_->Prepare("DELETE FROM iceberg_tables WHERE catalog_name = "
                                                  "? AND table_namespace = ? AND table_name = ?"));
  FLOE_RETURN_NOT_OK(remove.BindText(1, catalog_name_));
  FLOE_RETURN_NOT_OK(remove.BindText(2, id.ns.ToString()));
  FLOE_RETURN_NOT_OK(remove.BindText(3, id.name));
  FLOE_RETURN_NOT_OK(remove.Run());
  FLOE_RETURN_NOT_OK(tx.Commit());
  return location;
}

}  // namespace floe
