#include "sqllogictest/duckdb_engine.h"

#include <utility>

namespace floe::test {

Result<std::unique_ptr<SqlEngine>> DuckDbEngine::Make() {
  FLOE_ASSIGN_OR_RETURN(auto oracle, DuckDbOracle::Start());
  FLOE_ASSIGN_OR_RETURN(
      QueryResult loaded,
      oracle->Query("SELECT extension_name FROM duckdb_extensions() WHERE loaded"));
  std::set<std::string> features = {"duckdb"};
  for (const auto& row : loaded.rows) {
    if (!row.empty() && row[0].has_value()) features.insert(*row[0]);
  }
  return std::make_unique<DuckDbEngine>(Token(), std::move(oracle), std::move(features));
}

DuckDbEngine::DuckDbEngine(Token, std::unique_ptr<DuckDbOracle> oracle,
                           std::set<std::string> features)
    : oracle_(std::move(oracle)), features_(features.begin(), features.end()) {}

bool DuckDbEngine::HasFeature(std::string_view feature) const {
  return features_.find(feature) != features_.end();
}

Result<QueryResult> DuckDbEngine::Execute(std::string_view sql) { return oracle_->Query(sql); }

Status DuckDbEngine::Close() { return oracle_->Close(); }

}  // namespace floe::test
