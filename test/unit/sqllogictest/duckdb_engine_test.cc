#include "sqllogictest/duckdb_engine.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "sqllogictest/sqllogic_parser.h"
#include "sqllogictest/sqllogic_runner.h"
#include "util/test_macros.h"

namespace floe::test {
namespace {

// The runner on a real engine: it passes what is right and fails what is wrong.
class DuckDbEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status available = DuckDbOracle::CheckAvailable();
    if (available.IsNotFound())
      GTEST_SKIP() << "DuckDB oracle unavailable: " << available.message();
    ASSERT_OK(available);
  }

  SqlLogicSummary Run(const std::string& text) {
    auto file = ParseSqlLogicTest("inline.test", text);
    EXPECT_TRUE(file.has_value()) << file.error().ToString();
    if (!file.has_value()) return {};
    SqlLogicRunOptions options;
    options.out = &out_;
    return SqlLogicTestRunner(&DuckDbEngine::Make, options).Run(*file);
  }

  std::ostringstream out_;
};

TEST_F(DuckDbEngineTest, MakeReportsNameAndFeatures) {
  ASSERT_OK_AND_ASSIGN(auto engine, DuckDbEngine::Make());
  EXPECT_EQ(engine->name(), "duckdb");
  EXPECT_TRUE(engine->HasFeature("duckdb"));
  EXPECT_TRUE(engine->HasFeature("parquet"));
  EXPECT_FALSE(engine->HasFeature("no_such_feature"));
  ASSERT_OK_AND_ASSIGN(QueryResult result, engine->Execute("SELECT 42 AS answer"));
  EXPECT_EQ(result.column_names, std::vector<std::string>{"answer"});
  EXPECT_EQ(result.rows, std::vector<QueryRow>{{std::string("42")}});
  ASSERT_OK(engine->Close());
}

TEST_F(DuckDbEngineTest, FileSharesOneSession) {
  SqlLogicSummary summary =
      Run("statement ok\nCREATE TABLE t AS SELECT range AS i FROM range(3)\n\n"
          "statement ok\nINSERT INTO t VALUES (NULL)\n\n"
          "query I\nSELECT i FROM t ORDER BY i NULLS FIRST\n----\nNULL\n0\n1\n2\n\n"
          "statement error\nSELECT * FROM nope\n----\nTable with name nope does not exist\n");
  EXPECT_EQ(summary.passed, 4) << out_.str();
  EXPECT_EQ(summary.failed, 0) << out_.str();
}

TEST_F(DuckDbEngineTest, WrongExpectationsFailOnARealEngine) {
  SqlLogicSummary summary =
      Run("query I\nSELECT 41 + 1\n----\n43\n\n"
          "query R\nSELECT 1.0 / 3\n----\n0.333\n\n"
          "query T\nSELECT ''\n----\nNULL\n\n"
          "statement error\nSELECT 1\n\n"
          "statement error\nSELECT * FROM nope\n----\npermission denied\n\n"
          "statement ok\nSELECT * FROM nope\n");
  EXPECT_EQ(summary.passed, 0) << out_.str();
  EXPECT_EQ(summary.failed, 6) << out_.str();
  EXPECT_NE(out_.str().find("row 1, column 1: expected '43', actual '42'"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("Catalog Error: Table with name nope does not exist"),
            std::string::npos)
      << out_.str();
}

TEST_F(DuckDbEngineTest, FreshDatabasePerFile) {
  EXPECT_EQ(Run("statement ok\nCREATE TABLE t(i INT)\n").failed, 0) << out_.str();
  // A second file does not see the first file's table.
  EXPECT_EQ(Run("statement ok\nCREATE TABLE t(i INT)\n").failed, 0) << out_.str();
}

}  // namespace
}  // namespace floe::test
