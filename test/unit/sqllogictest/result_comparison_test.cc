#include "sqllogictest/result_comparison.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace floe::test {
namespace {

QueryResult Result2(std::vector<QueryRow> rows) {
  QueryResult result;
  result.column_names = {"a", "b"};
  result.column_types = {"INTEGER", "VARCHAR"};
  result.rows = std::move(rows);
  return result;
}

SqlLogicRecord Query(std::string types, SortMode sort = SortMode::kNoSort) {
  SqlLogicRecord record;
  record.kind = RecordKind::kQuery;
  record.column_types = std::move(types);
  record.sort_mode = sort;
  record.has_expected = true;
  return record;
}

TEST(ResultComparisonTest, DisplaysNullAndEmpty) {
  EXPECT_EQ(DisplayCell(std::nullopt), "NULL");
  EXPECT_EQ(DisplayCell(std::string()), "(empty)");
  EXPECT_EQ(DisplayCell(std::string("x")), "x");
}

TEST(ResultComparisonTest, ExactForIntegersAndText) {
  EXPECT_TRUE(CellMatches("1", "1", 'I'));
  EXPECT_FALSE(CellMatches("1", "1.0", 'I'));
  EXPECT_FALSE(CellMatches("0.3333333", "0.3333333333333333", 'T'));
  EXPECT_FALSE(CellMatches("a", "A", 'T'));
  EXPECT_FALSE(CellMatches("true", "1", 'B'));
}

TEST(ResultComparisonTest, RealToleranceIsAboutSixSignificantDigits) {
  EXPECT_TRUE(CellMatches("0.3333333", "0.3333333333333333", 'R'));
  EXPECT_TRUE(CellMatches("1", "1.0", 'R'));
  EXPECT_TRUE(CellMatches("1e+20", "100000000000000000000.0", 'R'));
  EXPECT_TRUE(CellMatches("123456789", "123456789.1", 'R'));  // 8e-10 relative
  EXPECT_TRUE(CellMatches("0.0", "1e-13", 'R'));              // absolute 1e-12 near zero
  EXPECT_FALSE(CellMatches("0.33", "0.3333333333333333", 'R'));
  EXPECT_FALSE(CellMatches("1.0", "1.00001", 'R'));
  EXPECT_FALSE(CellMatches("0.0", "1e-11", 'R'));
  EXPECT_TRUE(CellMatches("nan", "nan", 'R'));
  EXPECT_FALSE(CellMatches("nan", "0.0", 'R'));
  EXPECT_TRUE(CellMatches("inf", "inf", 'R'));
  EXPECT_FALSE(CellMatches("inf", "-inf", 'R'));
  EXPECT_FALSE(CellMatches("inf", "1e308", 'R'));
  EXPECT_FALSE(CellMatches("NULL", "0.0", 'R'));
  EXPECT_FALSE(CellMatches("1.5x", "1.5", 'R'));
  EXPECT_TRUE(CellMatches("NULL", "NULL", 'R'));
}

TEST(ResultComparisonTest, MatchingResult) {
  auto result = Result2({{"1", "x"}, {std::nullopt, ""}});
  EXPECT_EQ(CompareQueryResult(Query("IT"), {"1\tx", "NULL\t(empty)"}, result), std::nullopt);
}

TEST(ResultComparisonTest, WrongValueNamesRowAndColumnAndListsBothSides) {
  auto result = Result2({{"1", "x"}, {"2", "y"}});
  auto difference = CompareQueryResult(Query("IT"), {"1\tx", "2\tz"}, result);
  ASSERT_TRUE(difference.has_value());
  EXPECT_NE(difference->find("row 2, column 2: expected 'z', actual 'y'"), std::string::npos)
      << *difference;
  EXPECT_NE(difference->find("expected (2 rows):\n  1\tx\n  2\tz\n"), std::string::npos)
      << *difference;
  EXPECT_NE(difference->find("actual (2 rows):\n  1\tx\n  2\ty\n"), std::string::npos)
      << *difference;
}

TEST(ResultComparisonTest, NullIsNotEmptyString) {
  auto result = Result2({{"1", ""}});
  EXPECT_TRUE(CompareQueryResult(Query("IT"), {"1\tNULL"}, result).has_value());
  auto null_result = Result2({{"1", std::nullopt}});
  EXPECT_TRUE(CompareQueryResult(Query("IT"), {"1\t(empty)"}, null_result).has_value());
}

TEST(ResultComparisonTest, RowAndColumnCountMismatches) {
  auto result = Result2({{"1", "x"}});
  auto rows = CompareQueryResult(Query("IT"), {"1\tx", "2\ty"}, result);
  ASSERT_TRUE(rows.has_value());
  EXPECT_NE(rows->find("expected 2 row(s), got 1"), std::string::npos) << *rows;

  auto columns = CompareQueryResult(Query("I"), {"1"}, result);
  ASSERT_TRUE(columns.has_value());
  EXPECT_NE(columns->find("declares 1 column(s) (I) but the result has 2: a, b"), std::string::npos)
      << *columns;

  auto values = CompareQueryResult(Query("IT"), {"1\tx\textra"}, result);
  ASSERT_TRUE(values.has_value());
  EXPECT_NE(values->find("expected row 1 has 3 tab-separated value(s)"), std::string::npos)
      << *values;
}

TEST(ResultComparisonTest, NoSortNeedsTheOrder) {
  auto result = Result2({{"2", "y"}, {"1", "x"}});
  EXPECT_TRUE(CompareQueryResult(Query("IT"), {"1\tx", "2\ty"}, result).has_value());
  EXPECT_EQ(CompareQueryResult(Query("IT", SortMode::kRowSort), {"1\tx", "2\ty"}, result),
            std::nullopt);
}

TEST(ResultComparisonTest, RowSortKeepsRowsTogether) {
  auto result = Result2({{"2", "x"}, {"1", "y"}});
  // Same values, but paired differently: rowsort must notice, valuesort must not.
  EXPECT_TRUE(
      CompareQueryResult(Query("IT", SortMode::kRowSort), {"1\tx", "2\ty"}, result).has_value());
  EXPECT_EQ(CompareQueryResult(Query("IT", SortMode::kValueSort), {"1\tx", "2\ty"}, result),
            std::nullopt);
  EXPECT_EQ(CompareQueryResult(Query("IT", SortMode::kValueSort), {"y", "x", "2", "1"}, result),
            std::nullopt);
}

TEST(ResultComparisonTest, OneValuePerLine) {
  auto result = Result2({{"1", "x"}, {"2", "y"}});
  EXPECT_EQ(CompareQueryResult(Query("IT"), {"1", "x", "2", "y"}, result), std::nullopt);
  EXPECT_TRUE(CompareQueryResult(Query("IT"), {"1", "x", "2", "z"}, result).has_value());
}

TEST(ResultComparisonTest, RealColumnsUseTheTolerance) {
  QueryResult result;
  result.column_names = {"i", "r"};
  result.column_types = {"INTEGER", "DOUBLE"};
  result.rows = {{"1", "0.3333333333333333"}};
  EXPECT_EQ(CompareQueryResult(Query("IR"), {"1\t0.3333333"}, result), std::nullopt);
  EXPECT_TRUE(CompareQueryResult(Query("IR"), {"1\t0.333"}, result).has_value());
  // The tolerance follows the declared letter, not the engine's type.
  EXPECT_TRUE(CompareQueryResult(Query("IT"), {"1\t0.3333333"}, result).has_value());
}

TEST(ResultComparisonTest, DisplayLinesSortLikeTheQuery) {
  auto result = Result2({{"2", "y"}, {"1", std::nullopt}});
  EXPECT_EQ(DisplayLines(result, SortMode::kNoSort), (std::vector<std::string>{"2\ty", "1\tNULL"}));
  EXPECT_EQ(DisplayLines(result, SortMode::kRowSort),
            (std::vector<std::string>{"1\tNULL", "2\ty"}));
  EXPECT_EQ(DisplayLines(result, SortMode::kValueSort),
            (std::vector<std::string>{"1", "2", "NULL", "y"}));
}

}  // namespace
}  // namespace floe::test
