// DuckDbOracle: a live DuckDB session that tests ask for the right answer.
//
// It runs test/peers/duckdb_query.mjs under node (@duckdb/node-api) as a child process and talks
// to it in JSON lines (the protocol is documented at the top of that script): one in-memory
// database and one connection for the oracle's whole life, so statements share tables and
// settings. Results come back as a QueryResult of canonical cell text (test/util/canonical_value.h
// has the rules), directly comparable with what Floe produces.
//
//   FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);       // in a TEST: skips without node
//   ASSERT_OK_AND_ASSIGN(QueryResult r, oracle->Query("SELECT 42"));
//
// Errors. Start() returns NotFound (with how to install) when node or the peers' node_modules
// are missing; tests skip on exactly that. A statement DuckDB rejects becomes a Status whose
// message is DuckDB's own ("Catalog Error: Table with name t does not exist!...") and whose code
// follows DuckDB's error type (Parser -> SyntaxError, Binder/Catalog -> BindError, Not
// implemented -> NotSupported, IO -> IOError, INTERNAL -> Internal, others -> InvalidArgument).
// If the session itself breaks (node dies, times out, answers garbage), that query and every
// later one return Internal "duckdb oracle: ...".
//
// The destructor ends the child without waiting long (see ChildProcess); Close() ends it cleanly
// and reports how node exited.
//
// Thread-safety: not thread-safe; one owner at a time (use one oracle per thread).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "util/child_process.h"
#include "util/query_result.h"

namespace floe::test {

struct DuckDbOracleOptions {
  // How long node may take to start DuckDB, and to answer one request.
  std::chrono::milliseconds startup_timeout{30000};
  std::chrono::milliseconds query_timeout{60000};
  // DuckDB's worker threads (small: many test processes run at once).
  int threads = 2;
};

class DuckDbOracle {
  struct Token {
    explicit Token() = default;
  };

 public:
  // OK when node and @duckdb/node-api are installed; NotFound saying how to install otherwise.
  static Status CheckAvailable();

  // Starts node and waits until DuckDB is ready.
  static Result<std::unique_ptr<DuckDbOracle>> Start(DuckDbOracleOptions options = {});

  // Use Start().
  DuckDbOracle(Token, std::unique_ptr<ChildProcess> child, DuckDbOracleOptions options,
               std::string version);
  ~DuckDbOracle() = default;
  DuckDbOracle(const DuckDbOracle&) = delete;
  DuckDbOracle& operator=(const DuckDbOracle&) = delete;

  // Runs `sql` (one or more statements; the result is the last one's).
  Result<QueryResult> Query(std::string_view sql);

  // Ends the session: closes node's stdin and waits for it to exit. Internal if node did not exit
  // with code 0. Query() after Close() fails.
  Status Close();

  // DuckDB's version, e.g. "v1.5.6".
  const std::string& version() const { return version_; }

 private:
  // Records that the session is unusable, kills node, and returns the Internal error.
  Status Broken(const Status& cause);

  std::unique_ptr<ChildProcess> child_;
  DuckDbOracleOptions options_;
  std::string version_;
  Status broken_;
};

// The Status for an error message from DuckDB, coded by its "<Type> Error:" prefix.
Status StatusFromDuckDbError(std::string message);

}  // namespace floe::test

// Declares/assigns `lhs` from DuckDbOracle::Start(), or GTEST_SKIPs the test when node or the
// peers are not installed. Any other failure to start fails the test.
#define FLOE_START_DUCKDB_ORACLE_OR_SKIP(lhs) \
  FLOE_START_DUCKDB_ORACLE_OR_SKIP_IMPL(FLOE_CONCAT(_floe_oracle_, __COUNTER__), lhs)

#define FLOE_START_DUCKDB_ORACLE_OR_SKIP_IMPL(res, lhs)                                     \
  auto res = ::floe::test::DuckDbOracle::Start();                                           \
  if (!res.has_value() && res.error().IsNotFound()) {                                       \
    GTEST_SKIP() << "DuckDB oracle unavailable: " << res.error().message();                 \
  }                                                                                         \
  ASSERT_TRUE(res.has_value()) << "starting the DuckDB oracle: " << res.error().ToString(); \
  lhs = std::move(res).value()
