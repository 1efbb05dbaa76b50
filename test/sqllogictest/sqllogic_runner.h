// SqlLogicTestRunner: runs parsed .test files against a SqlEngine and reports.
//
// Each file gets a fresh engine from the factory, closed at the end of the file. Per record:
//   statement ok      passes when the SQL succeeds
//   statement error   passes when it fails and, if a message is given, the engine's error
//                     message contains it; an Internal error (the engine broke) passes only with
//                     a matching message
//   query             passes when the result matches (result_comparison.h). With a label, the
//                     result must also equal the first result seen under that label; a labelled
//                     query without a ---- block only compares with that (or sets it)
//   require <f>       the rest of the file is skipped unless the engine has feature f, it was
//                     given with --require-engine-feature, or the runner provides it ("corpus"
//                     when ../shared/corpus exists, "notwindows")
//   skipif/onlyif, mode skip ... mode unskip   skip records; halt ends the file
// Placeholders in SQL, expected rows and messages: __TEST_DIR__ (a fresh temporary directory per
// file, removed afterwards) and __CORPUS_DIR__ (the corpus root, see test/util/corpus.h).
//
// Every failure is reported as "FAIL <file>:<line>: ..." with the SQL, expected and actual.
// Counts are of statements and queries: passed, failed, skipped. A file that does not parse or
// whose engine cannot start counts as one failure.
//
// Thread-safety: one runner per thread.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "sqllogictest/sql_engine.h"
#include "sqllogictest/sqllogic_record.h"

namespace floe::test {

struct SqlLogicRunOptions {
  // Features the engine is taken to have in addition to its own (--require-engine-feature).
  std::vector<std::string> extra_features;
  // Where failures, skipped files and (when verbose) every record go.
  std::ostream* out = nullptr;
  bool verbose = false;
};

struct SqlLogicSummary {
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t skipped = 0;
  int64_t files = 0;
  int64_t files_skipped = 0;

  SqlLogicSummary& operator+=(const SqlLogicSummary& other);
  // "N passed, N failed, N skipped": the runner's last line.
  std::string ToString() const;
};

class SqlLogicTestRunner {
 public:
  SqlLogicTestRunner(SqlEngineFactory factory, SqlLogicRunOptions options);

  // Parses and runs the file at `path`.
  SqlLogicSummary RunFile(const std::string& path);

  // Runs an already parsed file.
  SqlLogicSummary Run(const SqlLogicFile& file);

 private:
  SqlEngineFactory factory_;
  SqlLogicRunOptions options_;
};

}  // namespace floe::test
