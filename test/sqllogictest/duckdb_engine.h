// DuckDbEngine: runs sqllogictest files on DuckDB through the DuckDB oracle (a node child
// process, see test/util/duckdb_oracle.h), so the harness itself is tested on a real engine and
// expected results can be checked against DuckDB before Floe runs them.
//
// Features for `require`: "duckdb" and the extensions DuckDB has loaded at startup (parquet,
// json, icu, ...). Thread-safety: one thread.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "sqllogictest/sql_engine.h"
#include "util/duckdb_oracle.h"

namespace floe::test {

class DuckDbEngine final : public SqlEngine {
  struct Token {
    explicit Token() = default;
  };

 public:
  // NotFound when node or @duckdb/node-api are not installed.
  static Result<std::unique_ptr<SqlEngine>> Make();

  DuckDbEngine(Token, std::unique_ptr<DuckDbOracle> oracle, std::set<std::string> features);

  std::string_view name() const override { return "duckdb"; }
  bool HasFeature(std::string_view feature) const override;
  Result<QueryResult> Execute(std::string_view sql) override;
  Status Close() override;

 private:
  std::unique_ptr<DuckDbOracle> oracle_;
  std::set<std::string, std::less<>> features_;
};

}  // namespace floe::test
