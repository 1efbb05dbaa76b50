// Catalog: where tables are found by name and how their metadata pointer
// moves from one version to the next.
//
// Every implementation (the embedded SQLite catalog, the REST client) offers
// the same operations with the same errors, and one shared test suite runs
// against each (test/unit/catalog/catalog_conformance_test.cc):
//   - NotFound for a missing namespace or table, AlreadyExists on create or
//     rename onto an existing name, InvalidArgument (HTTP 409) when dropping a
//     namespace that is not empty;
//   - CommitTable checks the TableRequirements against the current metadata
//     and applies the TableUpdates exactly as the REST spec defines them
//     (iceberg/table_metadata_builder.h), so a commit means the same thing in
//     every catalog. A lost race is CommitConflict: refresh and retry. A
//     commit whose outcome is unknown is CommitStateUnknown: the caller must
//     not clean up files the new metadata may reference.
//
// Thread-safety: implementations document their own; a Catalog is not
// assumed to be shareable across threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/table_identifier.h"
#include "common/result.h"
#include "iceberg/partition_spec.h"
#include "iceberg/schema.h"
#include "iceberg/sort_order.h"
#include "iceberg/table_metadata.h"
#include "iceberg/table_requirement.h"
#include "iceberg/table_update.h"
#include "io/file_io.h"

namespace floe {

using Properties = std::map<std::string, std::string>;

// A table as loaded from a catalog: its name, the metadata file the catalog
// points at, and that file's contents.
struct LoadedTable {
  TableIdentifier id;
  std::string metadata_location;
  std::shared_ptr<const iceberg::TableMetadata> metadata;
};

// What CREATE TABLE takes besides the schema. Field ids of the schema, spec
// and sort order are assigned afresh (iceberg::NewTableMetadata).
struct CreateTableOptions {
  iceberg::PartitionSpec spec = iceberg::PartitionSpec::Unpartitioned();
  iceberg::SortOrder sort_order = iceberg::SortOrder::Unsorted();
  // Empty: the catalog's default location for the table.
  std::string location;
  Properties properties;
  int format_version = iceberg::TableMetadata::kDefaultFormatVersion;
};

class Catalog {
 public:
  virtual ~Catalog() = default;

  virtual const std::string& name() const = 0;
  // Reads and writes the tables' files.
  virtual FileIO& io() = 0;

  // Namespaces.
  virtual Status CreateNamespace(const Namespace& ns, const Properties& properties) = 0;
  virtual Result<bool> NamespaceExists(const Namespace& ns) = 0;
  // Direct children of `parent` (the root: top-level namespaces), sorted.
  virtual Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) = 0;
  virtual Result<Properties> LoadNamespaceProperties(const Namespace& ns) = 0;
  virtual Status UpdateNamespaceProperties(const Namespace& ns,
                                           const std::vector<std::string>& removals,
                                           const Properties& updates) = 0;
  virtual Status DropNamespace(const Namespace& ns) = 0;

  // Tables.
  virtual Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns) = 0;
  virtual Result<bool> TableExists(const TableIdentifier& id) = 0;
  virtual Result<LoadedTable> LoadTable(const TableIdentifier& id) = 0;
  virtual Result<LoadedTable> CreateTable(const TableIdentifier& id, const iceberg::Schema& schema,
                                          const CreateTableOptions& options) = 0;
  // Adds an existing table by its metadata file (written by any engine).
  virtual Result<LoadedTable> RegisterTable(const TableIdentifier& id,
                                            const std::string& metadata_location) = 0;
  virtual Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) = 0;
  // Forgets the table; with `purge`, also deletes its metadata and data files.
  virtual Status DropTable(const TableIdentifier& id, bool purge) = 0;
  virtual Result<LoadedTable> CommitTable(
      const TableIdentifier& id, const std::vector<iceberg::TableRequirement>& requirements,
      const std::vector<iceberg::TableUpdate>& updates) = 0;
};

}  // namespace floe
