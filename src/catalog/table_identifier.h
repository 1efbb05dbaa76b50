// Namespace and TableIdentifier: how catalogs name namespaces and tables.
//
// A namespace is a list of levels ("db", or "a"/"b" for a nested one); a table
// is a namespace plus a name. Levels are arbitrary non-empty strings. The
// dotted form joins levels with '.', as the JDBC catalog stores them and as
// messages show them.
//
// Thread-safety: value types.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace floe {

struct Namespace {
  std::vector<std::string> levels;

  bool empty() const { return levels.empty(); }
  // "a.b"; "" for the root.
  std::string ToString() const;
  // Splits "a.b" at every '.'; "" is the root.
  static Namespace Parse(std::string_view dotted);
  // True if this is `parent` plus exactly one more level.
  bool IsChildOf(const Namespace& parent) const;

  friend bool operator==(const Namespace&, const Namespace&) = default;
  friend auto operator<=>(const Namespace&, const Namespace&) = default;
};

struct TableIdentifier {
  Namespace ns;
  std::string name;

  // "a.b.t"
  std::string ToString() const;

  friend bool operator==(const TableIdentifier&, const TableIdentifier&) = default;
  friend auto operator<=>(const TableIdentifier&, const TableIdentifier&) = default;
};

// Non-empty levels and name: InvalidArgument otherwise.
Status ValidateNamespace(const Namespace& ns);
Status ValidateTableIdentifier(const TableIdentifier& id);

}  // namespace floe
