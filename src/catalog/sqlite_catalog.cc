#include "catalog/sqlite_catalog.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "iceberg/table_metadata_builder.h"
#include "iceberg/table_metadata_io.h"
#include "io/location.h"

namespace floe {
namespace {

std::string StripTrailingSlashes(std::string_view s) {
  while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Result<std::unique_ptr<SqliteCatalog>> SqliteCatalog::Open(FileIO& io, std::string warehouse,
                                                           std::string catalog_name,
                                                           std::string catalog_db) {
  if (warehouse.empty()) return Status::InvalidArgument("catalog: the warehouse location is empty");
  warehouse = StripTrailingSlashes(warehouse);
  if (catalog_db.empty()) {
    Result<std::string> local = LocalPathOf(warehouse);
    if (!local.has_value()) {
      return Status::InvalidArgument(
          "catalog: warehouse {} is not a local folder, so catalog.db cannot live in it; give "
          "the catalog database's path",
          warehouse);
    }
    // A new warehouse: create its folder, where SQLite creates the file.
    std::error_code ec;
    std::filesystem::create_directories(*local, ec);
    if (ec) {
      return Status::IOError("catalog: cannot create warehouse folder {}: {}", *local,
                             ec.message());
    }
    catalog_db = JoinLocation(*local, "catalog.db");
  }
  FLOE_ASSIGN_OR_RETURN(auto store, SqliteCatalogStore::Open(catalog_db, std::move(catalog_name)));
  return std::unique_ptr<SqliteCatalog>(
      new SqliteCatalog(io, std::move(warehouse), std::move(store)));
}

Status SqliteCatalog::CreateNamespace(const Namespace& ns, const Properties& properties) {
  return store_->CreateNamespace(ns, properties);
}
Result<bool> SqliteCatalog::NamespaceExists(const Namespace& ns) {
  return store_->NamespaceExists(ns);
}
Result<std::vector<Namespace>> SqliteCatalog::ListNamespaces(const Namespace& parent) {
  return store_->ListNamespaces(parent);
}
Result<Properties> SqliteCatalog::LoadNamespaceProperties(const Namespace& ns) {
  return store_->LoadNamespaceProperties(ns);
}
Status SqliteCatalog::UpdateNamespaceProperties(const Namespace& ns,
                                                const std::vector<std::string>& removals,
                                                const Properties& updates) {
  return store_->UpdateNamespaceProperties(ns, removals, updates);
}
Status SqliteCatalog::DropNamespace(const Namespace& ns) { return store_->DropNamespace(ns); }

Result<std::vector<TableIdentifier>> SqliteCatalog::ListTables(const Namespace& ns) {
  return store_->ListTables(ns);
}
Result<bool> SqliteCatalog::TableExists(const TableIdentifier& id) {
  return store_->TableExists(id);
}

std::string SqliteCatalog::DefaultTableLocation(const TableIdentifier& id) const {
  std::string location = warehouse_;
  for (const std::string& level : id.ns.levels) location = JoinLocation(location, level);
  return JoinLocation(location, id.name);
}

Result<LoadedTable> SqliteCatalog::LoadTable(const TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(std::string location, store_->LoadTable(id));
  Result<std::shared_ptr<const iceberg::TableMetadata>> metadata =
      iceberg::ReadTableMetadata(*io_, location);
  if (!metadata.has_value()) return metadata.error().WithContext("table '{}'", id.ToString());
  return LoadedTable{id, std::move(location), std::move(metadata).value()};
}

Result<LoadedTable> SqliteCatalog::CreateTable(const TableIdentifier& id,
                                               const iceberg::Schema& schema,
                                               const CreateTableOptions& options) {
  FLOE_RETURN_NOT_OK(ValidateTableIdentifier(id));
  FLOE_ASSIGN_OR_RETURN(bool ns_exists, store_->NamespaceExists(id.ns));
  if (!ns_exists) {
    return Status::NotFound("catalog: namespace '{}' does not exist", id.ns.ToString());
  }
  FLOE_ASSIGN_OR_RETURN(bool exists, store_->TableExists(id));
  if (exists) return Status::AlreadyExists("catalog: table '{}' already exists", id.ToString());
  const std::string location =
      options.location.empty() ? DefaultTableLocation(id) : StripTrailingSlashes(options.location);
  FLOE_ASSIGN_OR_RETURN(
      auto metadata, iceberg::NewTableMetadata(schema, options.spec, options.sort_order, location,
                                               options.properties, options.format_version));
  FLOE_ASSIGN_OR_RETURN(std::string metadata_location,
                        iceberg::WriteNewMetadataFile(*io_, *metadata, std::nullopt));
  Status st = store_->CreateTable(id, metadata_location);
  if (!st.ok()) {
    // The file was never named by the catalog: nobody can be using it.
    io_->Delete(metadata_location).IgnoreError();
    return st;
  }
  return LoadedTable{id, std::move(metadata_location), std::move(metadata)};
}

Result<LoadedTable> SqliteCatalog::RegisterTable(const TableIdentifier& id,
                                                 const std::string& metadata_location) {
  FLOE_ASSIGN_OR_RETURN(auto metadata, iceberg::ReadTableMetadata(*io_, metadata_location));
  FLOE_RETURN_NOT_OK(store_->CreateTable(id, metadata_location));
  return LoadedTable{id, metadata_location, std::move(metadata)};
}

Status SqliteCatalog::RenameTable(const TableIdentifier& from, const TableIdentifier& to) {
  return store_->RenameTable(from, to);
}

Status SqliteCatalog::DropTable(const TableIdentifier& id, bool purge) {
  if (!purge) return store_->DropTable(id).status();
  // Read what to delete before forgetting the table.
  FLOE_ASSIGN_OR_RETURN(LoadedTable table, LoadTable(id));
  FLOE_RETURN_NOT_OK(store_->DropTable(id).status());
  // The table's own folders (what Floe and other engines write there) and
  // every metadata file it ever had. Files it references outside its
  // location (imported with add_files) belong to someone else: kept.
  std::vector<std::string> doomed = {table.metadata_location};
  for (const auto& entry : table.metadata->metadata_log()) doomed.push_back(entry.metadata_file);
  for (const std::string& folder : {JoinLocation(table.metadata->location(), "data") + "/",
                                    iceberg::MetadataFolder(*table.metadata) + "/"}) {
    FLOE_ASSIGN_OR_RETURN(std::vector<FileInfo> files, io_->List(folder));
    for (FileInfo& f : files) doomed.push_back(std::move(f.location));
  }
  Status first_error;
  for (const std::string& location : doomed) {
    Status st = io_->Delete(location);
    if (!st.ok() && !st.IsNotFound() && first_error.ok()) first_error = st;
  }
  return first_error.WithContext("catalog: table '{}' dropped, purging its files", id.ToString());
}

Result<LoadedTable> SqliteCatalog::CommitTable(
    const TableIdentifier& id, const std::vector<iceberg::TableRequirement>& requirements,
    const std::vector<iceberg::TableUpdate>& updates) {
  FLOE_ASSIGN_OR_RETURN(LoadedTable base, LoadTable(id));
  iceberg::MetadataBuildOptions build;
  build.base_metadata_location = base.metadata_location;
  Result<std::shared_ptr<const iceberg::TableMetadata>> updated =
      iceberg::CommitUpdates(base.metadata, requirements, updates, build);
  if (!updated.has_value()) return updated.error().WithContext("table '{}'", id.ToString());
  FLOE_ASSIGN_OR_RETURN(std::string location,
                        iceberg::WriteNewMetadataFile(*io_, **updated, base.metadata_location));
  Status swapped = store_->SwapMetadataLocation(id, base.metadata_location, location);
  if (swapped.IsCommitConflict() || swapped.IsNotFound()) {
    // Another commit won (or the table is gone): ours was never visible.
    io_->Delete(location).IgnoreError();
    return swapped;
  }
  // Any other failure leaves the new file in place: its fate is unknown.
  FLOE_RETURN_NOT_OK(swapped);
  return LoadedTable{id, std::move(location), std::move(updated).value()};
}

}  // namespace floe
