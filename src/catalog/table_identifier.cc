#include "catalog/table_identifier.h"

namespace floe {

std::string Namespace::ToString() const {
  std::string out;
  for (size_t i = 0; i < levels.size(); ++i) {
    if (i > 0) out += '.';
    out += levels[i];
  }
  return out;
}

Namespace Namespace::Parse(std::string_view dotted) {
  Namespace ns;
  if (dotted.empty()) return ns;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    ns.levels.emplace_back(dotted.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return ns;
}

bool Namespace::IsChildOf(const Namespace& parent) const {
  if (levels.size() != parent.levels.size() + 1) return false;
  for (size_t i = 0; i < parent.levels.size(); ++i) {
    if (levels[i] != parent.levels[i]) return false;
  }
  return true;
}

std::string TableIdentifier::ToString() const {
  return ns.empty() ? name : ns.ToString() + "." + name;
}

Status ValidateNamespace(const Namespace& ns) {
  if (ns.empty()) return Status::InvalidArgument("catalog: a namespace needs at least one level");
  for (const std::string& level : ns.levels) {
    if (level.empty()) {
      return Status::InvalidArgument("catalog: namespace '{}' has an empty level", ns.ToString());
    }
  }
  return Status::OK();
}

Status ValidateTableIdentifier(const TableIdentifier& id) {
  FLOE_RETURN_NOT_OK(ValidateNamespace(id.ns).WithContext("table '{}'", id.ToString()));
  if (id.name.empty()) {
    return Status::InvalidArgument("catalog: table in '{}' has an empty name", id.ns.ToString());
  }
  return Status::OK();
}

}  // namespace floe
