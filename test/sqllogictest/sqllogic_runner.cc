#include "sqllogictest/sqllogic_runner.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <utility>

#include "sqllogictest/result_comparison.h"
#include "sqllogictest/sqllogic_parser.h"
#include "util/corpus.h"
#include "util/temp_dir.h"

namespace floe::test {
namespace {

bool IsExecutable(const SqlLogicRecord& record) {
  return record.kind == RecordKind::kStatementOk || record.kind == RecordKind::kStatementError ||
         record.kind == RecordKind::kQuery;
}

// Prefixes every line of `text` (a final '\n' does not start another line).
std::string Indent(std::string_view text, std::string_view prefix) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t newline = text.find('\n', start);
    out += std::string(prefix) +
           std::string(text.substr(start, newline == text.npos ? text.npos : newline - start)) +
           "\n";
    if (newline == text.npos) break;
    start = newline + 1;
  }
  return out;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

// The run of one file on one engine.
class FileRun {
 public:
  FileRun(const SqlLogicFile& file, const SqlEngineFactory& factory,
          const SqlLogicRunOptions& options, std::ostream& out)
      : file_(file), factory_(factory), options_(options), out_(out) {}

  SqlLogicSummary Run() {
    summary_.files = 1;
    if (file_.records.empty()) return summary_;
    auto engine = factory_();
    if (!engine.has_value()) {
      out_ << "FAIL " << file_.path << ": cannot start the engine: " << engine.error().ToString()
           << "\n";
      summary_.failed += 1;
      return summary_;
    }
    engine_ = std::move(engine).value();

    bool skipping = false;
    const auto& records = file_.records;
    for (size_t i = 0; i < records.size(); ++i) {
      const SqlLogicRecord& record = records[i];
      if (!Applies(record)) {
        if (IsExecutable(record)) summary_.skipped += 1;
        continue;
      }
      switch (record.kind) {
        case RecordKind::kModeSkip:
          skipping = true;
          continue;
        case RecordKind::kModeUnskip:
          skipping = false;
          continue;
        case RecordKind::kHalt:
          i = records.size();
          continue;
        case RecordKind::kRequire:
          if (!skipping && !HasFeature(record.feature)) {
            int64_t rest = std::count_if(records.begin() + static_cast<std::ptrdiff_t>(i),
                                         records.end(), IsExecutable);
            out_ << "SKIP " << file_.path << ":" << record.line << ": requires '" << record.feature
                 << "', which " << engine_->name() << " lacks (" << rest << " record"
                 << (rest == 1 ? "" : "s") << ")\n";
            summary_.skipped += rest;
            summary_.files_skipped = 1;
            i = records.size();
          }
          continue;
        default:
          break;
      }
      if (skipping) {
        summary_.skipped += 1;
        continue;
      }
      if (record.kind == RecordKind::kQuery) {
        RunQuery(record);
      } else {
        RunStatement(record);
      }
    }
    if (Status st = engine_->Close(); !st.ok()) {
      out_ << "FAIL " << file_.path << ": the engine failed at shutdown: " << st.ToString() << "\n";
      summary_.failed += 1;
    }
    return summary_;
  }

 private:
  // skipif / onlyif.
  bool Applies(const SqlLogicRecord& record) const {
    std::string_view name = engine_->name();
    for (const auto& engine : record.skip_if) {
      if (engine == name) return false;
    }
    if (record.only_if.empty()) return true;
    return std::find(record.only_if.begin(), record.only_if.end(), name) != record.only_if.end();
  }

  bool HasFeature(const std::string& feature) const {
    if (engine_->HasFeature(feature)) return true;
    const auto& extra = options_.extra_features;
    if (std::find(extra.begin(), extra.end(), feature) != extra.end()) return true;
    if (feature == "corpus") return CorpusRoot().has_value();
    return feature == "notwindows";
  }

  std::string Substitute(std::string text) {
    if (text.find("__TEST_DIR__") != std::string::npos) {
      text = ReplaceAll(std::move(text), "__TEST_DIR__", TestDir());
    }
    if (text.find("__CORPUS_DIR__") != std::string::npos) {
      if (auto root = CorpusRoot()) text = ReplaceAll(std::move(text), "__CORPUS_DIR__", *root);
    }
    return text;
  }

  const std::string& TestDir() {
    if (!test_dir_) test_dir_.emplace();
    return test_dir_->path();
  }

  void Pass(const SqlLogicRecord& record) {
    summary_.passed += 1;
    if (options_.verbose) out_ << "ok   " << Where(record) << "\n";
  }

  void Fail(const SqlLogicRecord& record, const std::string& sql, std::string_view headline,
            std::string_view detail) {
    summary_.failed += 1;
    out_ << "FAIL " << Where(record) << ": " << headline << "\n"
         << "  sql:\n"
         << Indent(sql, "    ") << detail << "\n";
  }

  std::string Where(const SqlLogicRecord& record) const {
    std::string where = file_.path + ":" + std::to_string(record.line);
    if (!record.loop_context.empty()) where += " (" + record.loop_context + ")";
    return where;
  }

  void RunStatement(const SqlLogicRecord& record) {
    std::string sql = Substitute(record.sql);
    Result<QueryResult> result = engine_->Execute(sql);
    if (record.kind == RecordKind::kStatementOk) {
      if (result.has_value()) return Pass(record);
      return Fail(record, sql, "statement failed",
                  "  error:\n" + Indent(result.error().ToString(), "    "));
    }
    if (result.has_value()) {
      return Fail(record, sql, "statement succeeded but an error was expected",
                  record.expected_error
                      ? "  expected an error containing:\n" + Indent(*record.expected_error, "    ")
                      : "");
    }
    const Status& error = result.error();
    if (!record.expected_error.has_value()) {
      if (error.IsInternal()) {
        return Fail(record, sql, "internal error (never an expected error without a message)",
                    "  error:\n" + Indent(error.ToString(), "    "));
      }
      return Pass(record);
    }
    std::string expected = Substitute(*record.expected_error);
    if (error.message().find(expected) != std::string::npos) return Pass(record);
    Fail(record, sql, "statement failed with a different error",
         "  expected an error containing:\n" + Indent(expected, "    ") + "  actual error:\n" +
             Indent(error.ToString(), "    "));
  }

  void RunQuery(const SqlLogicRecord& record) {
    std::string sql = Substitute(record.sql);
    Result<QueryResult> result = engine_->Execute(sql);
    if (!result.has_value()) {
      return Fail(record, sql, "query failed",
                  "  error:\n" + Indent(result.error().ToString(), "    "));
    }
    std::vector<std::string> expected;
    for (const auto& line : record.expected_lines) expected.push_back(Substitute(line));

    auto label = record.label.empty() ? labels_.end() : labels_.find(record.label);
    // A labelled query without a ---- block only compares with its label's earlier results.
    if (record.has_expected || record.label.empty()) {
      if (auto difference = CompareQueryResult(record, expected, *result)) {
        return Fail(record, sql, "wrong result", Indent(*difference, "  "));
      }
    }
    if (label != labels_.end()) {
      if (auto difference = CompareQueryResult(record, label->second, *result)) {
        return Fail(record, sql,
                    fmt::format("result differs from earlier queries labelled '{}'", record.label),
                    Indent(*difference, "  "));
      }
    } else if (!record.label.empty()) {
      labels_.emplace(record.label, DisplayLines(*result, record.sort_mode));
    }
    Pass(record);
  }

  const SqlLogicFile& file_;
  const SqlEngineFactory& factory_;
  const SqlLogicRunOptions& options_;
  std::ostream& out_;
  std::unique_ptr<SqlEngine> engine_;
  std::map<std::string, std::vector<std::string>> labels_;
  std::optional<TempDir> test_dir_;  // made on first use of __TEST_DIR__
  SqlLogicSummary summary_;
};

}  // namespace

SqlLogicSummary& SqlLogicSummary::operator+=(const SqlLogicSummary& other) {
  passed += other.passed;
  failed += other.failed;
  skipped += other.skipped;
  files += other.files;
  files_skipped += other.files_skipped;
  return *this;
}

std::string SqlLogicSummary::ToString() const {
  return fmt::format("{} passed, {} failed, {} skipped", passed, failed, skipped);
}

SqlLogicTestRunner::SqlLogicTestRunner(SqlEngineFactory factory, SqlLogicRunOptions options)
    : factory_(std::move(factory)), options_(std::move(options)) {}

SqlLogicSummary SqlLogicTestRunner::RunFile(const std::string& path) {
  std::ostream& out = options_.out ? *options_.out : std::cout;
  auto file = ParseSqlLogicTestFile(path);
  if (!file.has_value()) {
    // The message names the file (and line).
    out << "FAIL " << file.error().message() << " (" << StatusCodeName(file.error().code())
        << ")\n";
    SqlLogicSummary summary;
    summary.files = 1;
    summary.failed = 1;
    return summary;
  }
  return Run(*file);
}

SqlLogicSummary SqlLogicTestRunner::Run(const SqlLogicFile& file) {
  std::ostream& out = options_.out ? *options_.out : std::cout;
  return FileRun(file, factory_, options_, out).Run();
}

}  // namespace floe::test
