// SqlEngine: the database a sqllogictest file runs against.
//
// The runner knows engines only through this interface. An adapter runs SQL and returns the rows
// as canonical text (test/util/canonical_value.h), so expected results in .test files do not
// depend on the engine. Adding an engine is one class with three methods plus one line in
// main.cc's engine table: DuckDbEngine exists now; FloeEngine follows when Floe runs SQL.
//
// Thread-safety: an engine is used by one thread.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "util/query_result.h"

namespace floe::test {

class SqlEngine {
 public:
  virtual ~SqlEngine() = default;

  // "duckdb", "floe": the name `skipif` / `onlyif` lines match.
  virtual std::string_view name() const = 0;

  // Whether the engine has `feature`, for `require <feature>` lines.
  virtual bool HasFeature(std::string_view feature) const = 0;

  // Runs `sql` (a statement, or several separated by ';' whose last one gives the result).
  // A statement the engine rejects is a non-OK Status whose message is the engine's error text;
  // Internal means the engine broke, which never counts as an expected error unless the
  // expected message matches.
  virtual Result<QueryResult> Execute(std::string_view sql) = 0;

  // Ends the session; an error here (a crash at shutdown) fails the file.
  virtual Status Close() { return Status::OK(); }
};

// Makes a fresh engine with an empty database; the runner makes one per file. NotFound means the
// engine is not installed on this machine.
using SqlEngineFactory = std::function<Result<std::unique_ptr<SqlEngine>>()>;

}  // namespace floe::test
