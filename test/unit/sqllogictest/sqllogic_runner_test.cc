#include "sqllogictest/sqllogic_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sqllogictest/sqllogic_parser.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe::test {
namespace {

// An engine with canned answers, keyed by SQL text; anything else fails with InvalidArgument.
class FakeEngine final : public SqlEngine {
 public:
  struct Shared {
    std::map<std::string, Result<QueryResult>> answers;
    std::vector<std::string> executed;
    int engines_made = 0;
    int engines_closed = 0;
  };

  explicit FakeEngine(Shared& shared) : shared_(shared) {}
  ~FakeEngine() override = default;

  std::string_view name() const override { return "fake"; }
  bool HasFeature(std::string_view feature) const override { return feature == "fake_feature"; }
  Result<QueryResult> Execute(std::string_view sql) override {
    shared_.executed.emplace_back(sql);
    auto it = shared_.answers.find(std::string(sql));
    if (it == shared_.answers.end()) return Status::InvalidArgument("fake: no answer for {}", sql);
    return it->second;
  }
  Status Close() override {
    shared_.engines_closed += 1;
    return Status::OK();
  }

 private:
  Shared& shared_;
};

QueryResult Rows(std::vector<QueryRow> rows) {
  QueryResult result;
  size_t columns = rows.empty() ? 1 : rows[0].size();
  for (size_t i = 0; i < columns; ++i) {
    result.column_names.push_back("c" + std::to_string(i));
    result.column_types.push_back("?");
  }
  result.rows = std::move(rows);
  return result;
}

class SqlLogicRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    shared_.answers.emplace("CREATE TABLE t(i INT)", QueryResult{});
    shared_.answers.emplace("SELECT 1", Rows({{"1"}}));
    shared_.answers.emplace("SELECT 1, 'x'", Rows({{"1", "x"}}));
    shared_.answers.emplace("SELECT two rows", Rows({{"2"}, {"1"}}));
    shared_.answers.emplace("SELECT null and empty", Rows({{std::nullopt, ""}}));
    shared_.answers.emplace("SELECT third", Rows({{"0.3333333333333333"}}));
    shared_.answers.emplace("SELECT missing", Status::BindError("Table missing does not exist"));
    shared_.answers.emplace("SELECT crash", Status::Internal("the engine broke"));
  }

  SqlLogicSummary Run(const std::string& text, SqlLogicRunOptions options = {}) {
    auto file = ParseSqlLogicTest("x.test", text);
    EXPECT_TRUE(file.has_value()) << file.error().ToString();
    if (!file.has_value()) return {};
    options.out = &out_;
    SqlLogicTestRunner runner(Factory(), options);
    return runner.Run(*file);
  }

  SqlEngineFactory Factory() {
    return [this]() -> Result<std::unique_ptr<SqlEngine>> {
      shared_.engines_made += 1;
      return std::make_unique<FakeEngine>(shared_);
    };
  }

  std::string output() const { return out_.str(); }

  FakeEngine::Shared shared_;
  std::ostringstream out_;
};

TEST_F(SqlLogicRunnerTest, PassingFile) {
  SqlLogicSummary summary =
      Run("statement ok\nCREATE TABLE t(i INT)\n\n"
          "query IT\nSELECT 1, 'x'\n----\n1\tx\n\n"
          "query IT\nSELECT null and empty\n----\nNULL\t(empty)\n\n"
          "query I rowsort\nSELECT two rows\n----\n1\n2\n\n"
          "query R\nSELECT third\n----\n0.3333333\n");
  EXPECT_EQ(summary.passed, 5) << output();
  EXPECT_EQ(summary.failed, 0) << output();
  EXPECT_EQ(summary.skipped, 0);
  EXPECT_EQ(summary.ToString(), "5 passed, 0 failed, 0 skipped");
  EXPECT_EQ(output(), "");
  EXPECT_EQ(shared_.engines_made, 1);
  EXPECT_EQ(shared_.engines_closed, 1);
}

TEST_F(SqlLogicRunnerTest, WrongExpectedResultIsAFailure) {
  SqlLogicSummary summary =
      Run("query IT\nSELECT 1, 'x'\n----\n1\ty\n\n"
          "query I\nSELECT 1\n----\n1\n");
  EXPECT_EQ(summary.passed, 1);
  EXPECT_EQ(summary.failed, 1);
  const std::string out = output();
  EXPECT_NE(out.find("FAIL x.test:1: wrong result"), std::string::npos) << out;
  EXPECT_NE(out.find("    SELECT 1, 'x'\n"), std::string::npos) << out;
  EXPECT_NE(out.find("row 1, column 2: expected 'y', actual 'x'"), std::string::npos) << out;
  EXPECT_NE(out.find("  expected (1 row):\n    1\ty\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  actual (1 row):\n    1\tx\n"), std::string::npos) << out;
}

TEST_F(SqlLogicRunnerTest, WrongRowOrderFailsWithoutSortMode) {
  SqlLogicSummary summary = Run("query I\nSELECT two rows\n----\n1\n2\n");
  EXPECT_EQ(summary.failed, 1) << output();
}

TEST_F(SqlLogicRunnerTest, NullAndEmptyAreDistinct) {
  SqlLogicSummary summary = Run("query IT\nSELECT null and empty\n----\n(empty)\tNULL\n");
  EXPECT_EQ(summary.failed, 1) << output();
}

TEST_F(SqlLogicRunnerTest, RealToleranceIsBounded) {
  SqlLogicSummary summary = Run("query R\nSELECT third\n----\n0.333\n");
  EXPECT_EQ(summary.failed, 1) << output();
}

TEST_F(SqlLogicRunnerTest, QueryErrorIsAFailure) {
  SqlLogicSummary summary = Run("query I\nSELECT missing\n----\n1\n");
  EXPECT_EQ(summary.failed, 1);
  EXPECT_NE(output().find("FAIL x.test:1: query failed"), std::string::npos) << output();
  EXPECT_NE(output().find("BindError: Table missing does not exist"), std::string::npos)
      << output();
}

TEST_F(SqlLogicRunnerTest, StatementOkThatFailsIsAFailure) {
  SqlLogicSummary summary = Run("statement ok\nSELECT missing\n");
  EXPECT_EQ(summary.failed, 1);
  EXPECT_NE(output().find("statement failed"), std::string::npos) << output();
}

TEST_F(SqlLogicRunnerTest, StatementErrorExpectations) {
  SqlLogicSummary summary =
      Run("statement error\nSELECT missing\n\n"
          "statement error\nSELECT missing\n----\ndoes not exist\n\n"
          "statement error\nSELECT crash\n----\nengine broke\n");
  EXPECT_EQ(summary.passed, 3) << output();
  EXPECT_EQ(summary.failed, 0) << output();
}

TEST_F(SqlLogicRunnerTest, StatementErrorThatSucceedsIsAFailure) {
  SqlLogicSummary summary = Run("statement error\nSELECT 1\n----\nsome error\n");
  EXPECT_EQ(summary.failed, 1);
  EXPECT_NE(output().find("statement succeeded but an error was expected"), std::string::npos);
  EXPECT_NE(output().find("some error"), std::string::npos);
}

TEST_F(SqlLogicRunnerTest, StatementErrorWithTheWrongMessageIsAFailure) {
  SqlLogicSummary summary = Run("statement error\nSELECT missing\n----\npermission denied\n");
  EXPECT_EQ(summary.failed, 1);
  const std::string out = output();
  EXPECT_NE(out.find("statement failed with a different error"), std::string::npos) << out;
  EXPECT_NE(out.find("permission denied"), std::string::npos) << out;
  EXPECT_NE(out.find("Table missing does not exist"), std::string::npos) << out;
}

TEST_F(SqlLogicRunnerTest, InternalErrorNeedsAnExpectedMessage) {
  SqlLogicSummary summary = Run("statement error\nSELECT crash\n");
  EXPECT_EQ(summary.failed, 1);
  EXPECT_NE(output().find("internal error"), std::string::npos) << output();
}

TEST_F(SqlLogicRunnerTest, RequireSkipsTheRestOfTheFile) {
  SqlLogicSummary summary =
      Run("query I\nSELECT 1\n----\n1\n\n"
          "require not_a_feature\n\n"
          "query I\nSELECT 1\n----\nwrong but skipped\n\n"
          "statement ok\nSELECT missing\n");
  EXPECT_EQ(summary.passed, 1);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.skipped, 2);
  EXPECT_EQ(summary.files_skipped, 1);
  EXPECT_NE(output().find("SKIP x.test:6: requires 'not_a_feature', which fake lacks (2 records)"),
            std::string::npos)
      << output();
}

TEST_F(SqlLogicRunnerTest, RequireMetByEngineOrCommandLine) {
  EXPECT_EQ(Run("require fake_feature\n\nquery I\nSELECT 1\n----\n1\n").passed, 1);
  SqlLogicRunOptions options;
  options.extra_features = {"declared"};
  EXPECT_EQ(Run("require declared\n\nquery I\nSELECT 1\n----\n1\n", options).passed, 1);
  EXPECT_EQ(Run("require notwindows\n\nquery I\nSELECT 1\n----\n1\n").passed, 1);
}

TEST_F(SqlLogicRunnerTest, ModeSkipSkipIfOnlyIfAndHalt) {
  SqlLogicSummary summary =
      Run("mode skip\n\nquery I\nSELECT 1\n----\nwrong\n\nmode unskip\n\n"
          "skipif fake\nquery I\nSELECT 1\n----\nwrong\n\n"
          "onlyif otherengine\nquery I\nSELECT 1\n----\nwrong\n\n"
          "onlyif fake\nquery I\nSELECT 1\n----\n1\n\n"
          "halt\n\n"
          "query I\nSELECT 1\n----\nwrong\n");
  EXPECT_EQ(summary.passed, 1) << output();
  EXPECT_EQ(summary.failed, 0) << output();
  EXPECT_EQ(summary.skipped, 3);
}

TEST_F(SqlLogicRunnerTest, LabelsMustAgree) {
  shared_.answers.emplace("SELECT other", Rows({{"7"}}));
  SqlLogicSummary agree =
      Run("query I rowsort lbl\nSELECT two rows\n----\n1\n2\n\n"
          "query I rowsort lbl\nSELECT two rows\n");
  EXPECT_EQ(agree.passed, 2) << output();
  SqlLogicSummary disagree =
      Run("query I lbl\nSELECT 1\n\n"  // sets the label without a ---- block
          "query I lbl\nSELECT other\n");
  EXPECT_EQ(disagree.passed, 1) << output();
  EXPECT_EQ(disagree.failed, 1) << output();
  EXPECT_NE(output().find("differs from earlier queries labelled 'lbl'"), std::string::npos);
}

TEST_F(SqlLogicRunnerTest, LoopsRunEveryIteration) {
  for (int i = 0; i < 3; ++i) {
    shared_.answers.emplace("SELECT " + std::to_string(i) + "0", Rows({{std::to_string(i)}}));
  }
  SqlLogicSummary summary = Run("loop i 0 3\n\nquery I\nSELECT ${i}0\n----\n${i}\n\nendloop\n");
  EXPECT_EQ(summary.passed, 3) << output();
  SqlLogicSummary wrong = Run("loop i 0 3\n\nquery I\nSELECT ${i}0\n----\n1\n\nendloop\n");
  EXPECT_EQ(wrong.failed, 2);
  EXPECT_NE(output().find("FAIL x.test:3 (i=2): wrong result"), std::string::npos) << output();
}

TEST_F(SqlLogicRunnerTest, TestDirIsAFreshDirectory) {
  Run("statement error\nCOPY t TO '__TEST_DIR__/t.csv'\n");
  ASSERT_EQ(shared_.executed.size(), 1u);
  const std::string& sql = shared_.executed[0];
  EXPECT_EQ(sql.find("__TEST_DIR__"), std::string::npos) << sql;
  std::string dir = sql.substr(sql.find('\'') + 1);
  dir = dir.substr(0, dir.rfind("/t.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir)) << dir << " should be removed after the file";
}

TEST_F(SqlLogicRunnerTest, EngineThatCannotStartFailsTheFile) {
  auto file = ParseSqlLogicTest("x.test", "query I\nSELECT 1\n----\n1\n");
  ASSERT_TRUE(file.has_value());
  SqlLogicRunOptions options;
  options.out = &out_;
  SqlLogicTestRunner runner(
      []() -> Result<std::unique_ptr<SqlEngine>> { return Status::IOError("no engine today"); },
      options);
  SqlLogicSummary summary = runner.Run(*file);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_NE(output().find("cannot start the engine: IOError: no engine today"), std::string::npos);
}

TEST_F(SqlLogicRunnerTest, UnparsableFileIsAFailure) {
  TempDir dir;
  std::string path = dir.path() + "/bad.test";
  std::ofstream(path) << "statement ok\nSELECT 1\n\nbogus directive\n";
  SqlLogicRunOptions options;
  options.out = &out_;
  SqlLogicTestRunner runner(Factory(), options);
  SqlLogicSummary summary = runner.RunFile(path);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.passed, 0);
  EXPECT_NE(output().find("FAIL " + path + ":4: unknown directive 'bogus'"), std::string::npos)
      << output();
  EXPECT_EQ(shared_.engines_made, 0);
}

TEST_F(SqlLogicRunnerTest, SummaryAddsUp) {
  SqlLogicSummary a{1, 2, 3, 1, 0};
  SqlLogicSummary b{10, 20, 30, 2, 1};
  a += b;
  EXPECT_EQ(a.ToString(), "11 passed, 22 failed, 33 skipped");
  EXPECT_EQ(a.files, 3);
  EXPECT_EQ(a.files_skipped, 1);
}

}  // namespace
}  // namespace floe::test
