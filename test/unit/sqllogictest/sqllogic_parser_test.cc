#include "sqllogictest/sqllogic_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "util/test_macros.h"

namespace floe::test {
namespace {

TEST(SqlLogicParserTest, ParsesStatementsAndQueries) {
  const char* text =
      "# a comment\n"
      "statement ok\n"
      "CREATE TABLE t(i INT)\n"
      "\n"
      "query IT rowsort my_label\n"
      "SELECT i,\n"
      "  'x'\n"
      "----\n"
      "1\tx\n"
      "NULL\t(empty)\n"
      "\n"
      "query R\n"
      "SELECT 1.5\n";
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file, ParseSqlLogicTest("a.test", text));
  EXPECT_EQ(file.path, "a.test");
  ASSERT_EQ(file.records.size(), 3u);

  const SqlLogicRecord& statement = file.records[0];
  EXPECT_EQ(statement.kind, RecordKind::kStatementOk);
  EXPECT_EQ(statement.line, 2);
  EXPECT_EQ(statement.sql, "CREATE TABLE t(i INT)");

  const SqlLogicRecord& query = file.records[1];
  EXPECT_EQ(query.kind, RecordKind::kQuery);
  EXPECT_EQ(query.line, 5);
  EXPECT_EQ(query.column_types, "IT");
  EXPECT_EQ(query.sort_mode, SortMode::kRowSort);
  EXPECT_EQ(query.label, "my_label");
  EXPECT_EQ(query.sql, "SELECT i,\n  'x'");
  EXPECT_TRUE(query.has_expected);
  EXPECT_EQ(query.expected_lines, (std::vector<std::string>{"1\tx", "NULL\t(empty)"}));

  const SqlLogicRecord& no_rows = file.records[2];
  EXPECT_EQ(no_rows.column_types, "R");
  EXPECT_EQ(no_rows.sort_mode, SortMode::kNoSort);
  EXPECT_TRUE(no_rows.label.empty());
  EXPECT_FALSE(no_rows.has_expected);
  EXPECT_TRUE(no_rows.expected_lines.empty());
}

TEST(SqlLogicParserTest, SortModesAndLabelAlone) {
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file, ParseSqlLogicTest("a.test",
                                                            "query I valuesort\nSELECT 1\n\n"
                                                            "query I nosort\nSELECT 1\n\n"
                                                            "query I just_a_label\nSELECT 1\n"));
  ASSERT_EQ(file.records.size(), 3u);
  EXPECT_EQ(file.records[0].sort_mode, SortMode::kValueSort);
  EXPECT_EQ(file.records[1].sort_mode, SortMode::kNoSort);
  EXPECT_EQ(file.records[2].sort_mode, SortMode::kNoSort);
  EXPECT_EQ(file.records[2].label, "just_a_label");
}

TEST(SqlLogicParserTest, StatementErrorWithAndWithoutMessage) {
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file, ParseSqlLogicTest("a.test",
                                                            "statement error\n"
                                                            "SELECT * FROM nope\n"
                                                            "\n"
                                                            "statement error\n"
                                                            "SELECT * FROM nope\n"
                                                            "----\n"
                                                            "Catalog Error\n"
                                                            "does not exist\n"));
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[0].kind, RecordKind::kStatementError);
  EXPECT_FALSE(file.records[0].expected_error.has_value());
  ASSERT_TRUE(file.records[1].expected_error.has_value());
  EXPECT_EQ(*file.records[1].expected_error, "Catalog Error\ndoes not exist");
}

TEST(SqlLogicParserTest, ControlRecordsAndConditions) {
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file, ParseSqlLogicTest("a.test",
                                                            "require parquet\n"
                                                            "mode skip\n"
                                                            "mode unskip\n"
                                                            "skipif duckdb\n"
                                                            "onlyif floe\n"
                                                            "statement ok\n"
                                                            "SELECT 1\n"
                                                            "\n"
                                                            "halt\n"));
  ASSERT_EQ(file.records.size(), 5u);
  EXPECT_EQ(file.records[0].kind, RecordKind::kRequire);
  EXPECT_EQ(file.records[0].feature, "parquet");
  EXPECT_EQ(file.records[1].kind, RecordKind::kModeSkip);
  EXPECT_EQ(file.records[2].kind, RecordKind::kModeUnskip);
  EXPECT_EQ(file.records[3].skip_if, std::vector<std::string>{"duckdb"});
  EXPECT_EQ(file.records[3].only_if, std::vector<std::string>{"floe"});
  EXPECT_EQ(file.records[4].kind, RecordKind::kHalt);
  EXPECT_TRUE(file.records[4].skip_if.empty());
}

TEST(SqlLogicParserTest, LoopsUnrollWithSubstitution) {
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file, ParseSqlLogicTest("a.test",
                                                            "loop i 0 2\n"
                                                            "foreach s x y\n"
                                                            "query T\n"
                                                            "SELECT '${s}${i}'\n"
                                                            "----\n"
                                                            "${s}${i}\n"
                                                            "\n"
                                                            "endloop\n"
                                                            "endloop\n"
                                                            "statement ok\n"
                                                            "SELECT 'after'\n"));
  ASSERT_EQ(file.records.size(), 5u);
  EXPECT_EQ(file.records[0].sql, "SELECT 'x0'");
  EXPECT_EQ(file.records[0].expected_lines, std::vector<std::string>{"x0"});
  EXPECT_EQ(file.records[0].loop_context, "i=0, s=x");
  EXPECT_EQ(file.records[0].line, 3);
  EXPECT_EQ(file.records[1].sql, "SELECT 'y0'");
  EXPECT_EQ(file.records[2].sql, "SELECT 'x1'");
  EXPECT_EQ(file.records[3].sql, "SELECT 'y1'");
  EXPECT_EQ(file.records[3].loop_context, "i=1, s=y");
  EXPECT_EQ(file.records[4].sql, "SELECT 'after'");
  EXPECT_TRUE(file.records[4].loop_context.empty());
}

TEST(SqlLogicParserTest, ToleratesCrLf) {
  ASSERT_OK_AND_ASSIGN(SqlLogicFile file,
                       ParseSqlLogicTest("a.test", "query I\r\nSELECT 1\r\n----\r\n1\r\n"));
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0].sql, "SELECT 1");
  EXPECT_EQ(file.records[0].expected_lines, std::vector<std::string>{"1"});
}

TEST(SqlLogicParserTest, RejectsWhatItCannotRun) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"statement ok\nSELECT 1\n\nfrobnicate\n", "a.test:4: unknown directive 'frobnicate'"},
      {"statement maybe\nSELECT 1\n", "a.test:1: expected 'statement ok' or 'statement error'"},
      {"statement ok\nSELECT 1\n----\nx\n", "'statement ok' takes no ---- block"},
      {"statement ok\n\n", "a.test:1: record without SQL"},
      {"query\nSELECT 1\n", "needs column types"},
      {"query ii\nSELECT 1\n", "must be upper-case letters"},
      {"query I rowsort label extra\nSELECT 1\n", "unexpected 'extra'"},
      {"statement error\nSELECT 1\n----\n<REGEX>:.*\n", "REGEX error expectations"},
      {"loop i 0 3\nstatement ok\nSELECT 1\n", "a.test:1: loop without endloop"},
      {"loop i x 3\nendloop\n", "expected 'loop <var> <from> <to>'"},
      {"endloop\n", "endloop without loop"},
      {"mode output_hash\n", "expected 'mode skip' or 'mode unskip'"},
      {"statement ok\nSELECT 1\n\nskipif duckdb\n", "skipif/onlyif at the end of the file"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    ASSERT_STATUS(kSyntaxError, c.message, ParseSqlLogicTest("a.test", c.text));
  }
}

TEST(SqlLogicParserTest, MissingFileIsNotFound) {
  ASSERT_STATUS(kNotFound, "/nonexistent/x.test", ParseSqlLogicTestFile("/nonexistent/x.test"));
}

}  // namespace
}  // namespace floe::test
