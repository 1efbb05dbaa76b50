#include "util/duckdb_oracle.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "util/canonical_value.h"
#include "util/node_peer.h"
#include "util/scoped_env.h"
#include "util/test_macros.h"

namespace floe::test {
namespace {

QueryCell Text(const char* text) { return std::string(text); }

TEST(DuckDbOracleTest, AnswersQueries) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  EXPECT_EQ(oracle->version().rfind("v", 0), 0u) << oracle->version();
  ASSERT_OK_AND_ASSIGN(QueryResult result, oracle->Query("SELECT 42 AS answer, 'x' AS s"));
  EXPECT_EQ(result.column_names, (std::vector<std::string>{"answer", "s"}));
  EXPECT_EQ(result.column_types, (std::vector<std::string>{"INTEGER", "VARCHAR"}));
  EXPECT_EQ(result.rows, (std::vector<QueryRow>{{Text("42"), Text("x")}}));
  ASSERT_OK(oracle->Close());
}

TEST(DuckDbOracleTest, OneSessionForAllStatements) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  ASSERT_OK(oracle->Query("CREATE TABLE t(i INTEGER, s VARCHAR)"));
  ASSERT_OK(oracle->Query("INSERT INTO t VALUES (1, 'a'), (2, ''), (NULL, NULL)"));
  ASSERT_OK(oracle->Query("SET VARIABLE v = 10"));
  ASSERT_OK_AND_ASSIGN(QueryResult result,
                       oracle->Query("SELECT i + getvariable('v'), s FROM t ORDER BY i"));
  EXPECT_EQ(result.rows,
            (std::vector<QueryRow>{
                {Text("11"), Text("a")}, {Text("12"), Text("")}, {std::nullopt, std::nullopt}}));
}

TEST(DuckDbOracleTest, ErrorsKeepDuckDbsMessageAndMapItsType) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  ASSERT_STATUS(kBindError, "Catalog Error: Table with name nope does not exist",
                oracle->Query("SELECT * FROM nope"));
  ASSERT_STATUS(kSyntaxError, "Parser Error", oracle->Query("SELEKT 1"));
  ASSERT_STATUS(kBindError, "Binder Error", oracle->Query("SELECT no_column FROM range(1)"));
  ASSERT_STATUS(kInvalidArgument, "Conversion Error", oracle->Query("SELECT 'x'::INTEGER"));
  // The session survives its errors.
  ASSERT_OK_AND_ASSIGN(QueryResult result, oracle->Query("SELECT 1"));
  EXPECT_EQ(result.rows.size(), 1u);
}

TEST(DuckDbOracleTest, StatusFromDuckDbError) {
  EXPECT_TRUE(StatusFromDuckDbError("Not implemented Error: x").IsNotSupported());
  EXPECT_TRUE(StatusFromDuckDbError("IO Error: x").IsIOError());
  EXPECT_TRUE(StatusFromDuckDbError("INTERNAL Error: x").IsInternal());
  EXPECT_TRUE(StatusFromDuckDbError("Constraint Error: x").IsInvalidArgument());
  EXPECT_EQ(StatusFromDuckDbError("Constraint Error: x").message(), "Constraint Error: x");
}

TEST(DuckDbOracleTest, LargeResults) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  ASSERT_OK_AND_ASSIGN(QueryResult result,
                       oracle->Query("SELECT range, repeat('x', 20) FROM range(50000)"));
  ASSERT_EQ(result.rows.size(), 50000u);
  EXPECT_EQ(result.rows[49999][0], Text("49999"));
}

TEST(DuckDbOracleTest, TimeoutBreaksTheSession) {
  DuckDbOracleOptions options;
  options.query_timeout = std::chrono::milliseconds(300);
  if (Status st = DuckDbOracle::CheckAvailable(); st.IsNotFound()) GTEST_SKIP() << st.message();
  ASSERT_OK_AND_ASSIGN(auto oracle, DuckDbOracle::Start(options));
  ASSERT_STATUS(kInternal, "no answer within 300 ms",
                oracle->Query("SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 1"));
  ASSERT_STATUS(kInternal, "duckdb oracle", oracle->Query("SELECT 1"));
}

TEST(DuckDbOracleTest, QueryAfterCloseFails) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  ASSERT_OK(oracle->Close());
  ASSERT_OK(oracle->Close());
  ASSERT_STATUS(kInternal, "after Close()", oracle->Query("SELECT 1"));
}

TEST(DuckDbOracleTest, MissingNodeIsNotFoundWithInstallHint) {
  ScopedEnv path("PATH", "/nonexistent");
  ::unsetenv("FLOE_NODE");
  Status st = DuckDbOracle::CheckAvailable();
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
  EXPECT_NE(st.message().find("bash scripts/install_deps.sh"), std::string::npos) << st.message();
  auto oracle = DuckDbOracle::Start();
  ASSERT_FALSE(oracle.has_value());
  EXPECT_TRUE(oracle.error().IsNotFound());
}

TEST(DuckDbOracleTest, BadExplicitNodeIsNotFound) {
  ScopedEnv node("FLOE_NODE", "/nonexistent/node");
  ASSERT_STATUS(kNotFound, "FLOE_NODE=/nonexistent/node", DuckDbOracle::CheckAvailable());
}

// The oracle's rendering must be DuckDB's own VARCHAR cast (except that every NaN is "nan").
TEST(DuckDbOracleTest, RenderingMatchesDuckDbsOwnText) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  const char* expressions[] = {
      "true",
      "(-128)::TINYINT",
      "18446744073709551615::UBIGINT",
      "(-170141183460469231731687303715884105727)::HUGEINT - 1",
      "340282366920938463463374607431768211455::UHUGEINT",
      "123456789012345678901234567890::BIGNUM",
      "1.50::DECIMAL(10,2)",
      "-0.05::DECIMAL(4,2)",
      "12345678901234567890.123456789::DECIMAL(38,9)",
      "1.0::DOUBLE",
      "0.1::DOUBLE",
      "(1.0 / 3)::DOUBLE",
      "1e-4::DOUBLE",
      "1e-5::DOUBLE",
      "1e15::DOUBLE",
      "1e16::DOUBLE",
      "(2.0 ^ 70)::DOUBLE",
      "5e-324::DOUBLE",
      "1.7976931348623157e308::DOUBLE",
      "-0.0::DOUBLE",
      "'inf'::DOUBLE",
      "0.1::FLOAT",
      "16777217::FLOAT",
      "3.4028235e38::FLOAT",
      "1e16::FLOAT",
      "'hello'::ENUM('hello', 'world')",
      "DATE '2024-02-29'",
      "DATE '0044-03-15 (BC)'",
      "DATE '10000-01-01'",
      "DATE 'infinity'",
      "DATE '-infinity'",
      "TIME '23:59:59.999999'",
      "TIMETZ '01:02:03+05:30'",
      "TIMESTAMP '2024-01-02 03:04:05.120'",
      "TIMESTAMP '0044-03-15 (BC) 01:02:03'",
      "TIMESTAMP 'infinity'",
      "DATE '0000-12-31'",
      "make_timestamp(-62135596800000001)",
      "make_timestamp(-62135596800000001)::TIMESTAMPTZ",
      "make_timestamp(-62135596800000001)::TIMESTAMP_MS",
      "TIMESTAMP_NS '2024-01-02 03:04:05.123456789'",
      "TIMESTAMP_MS '2024-01-02 03:04:05.123'",
      "TIMESTAMP_S '2024-01-02 03:04:05'",
      "TIMESTAMPTZ '2024-01-02 03:04:05.5+02'",
      "INTERVAL '1 year 2 months 3 days 04:05:06.5'",
      "INTERVAL '-36 hours'",
      "from_hex('5C2227417E7F0A2000FF')",
      "'00101'::BIT",
      "'12345678-1234-5678-1234-567812345678'::UUID",
      "[1, 2, NULL]",
      "['a', 'b', '', NULL, 'it''s', 'x y', 'null', ' a', 'a\\b', 'a,b', '[x]', '(']",
      "[[], [NULL], ['']]",
      "[1, 2]::INTEGER[2]",
      "{'a': 'x', 'b': [1.5::DOUBLE, 2.0], 'it''s': NULL}",
      "MAP {'k': 1, 'a b': 2}",
      "MAP {[1]: {'a': 'c,d'}}",
      "[TIMESTAMP '2024-01-01 01:02:03', NULL]",
      "[DATE '2024-01-01']",
      "[1.5::DECIMAL(4,2)]",
      "[0.1::FLOAT, 1e16::FLOAT, 1.0::DOUBLE]",
      "[from_hex('AA'), 'a,b'::BLOB]",
      "union_value(k := 'a b')",
      "[union_value(k := 'a,b')]::UNION(k VARCHAR)[]",
  };
  for (const char* expression : expressions) {
    SCOPED_TRACE(expression);
    ASSERT_OK_AND_ASSIGN(QueryResult result,
                         oracle->Query(std::string("SELECT ") + expression + " AS v, (" +
                                       expression + ")::VARCHAR AS s"));
    ASSERT_EQ(result.rows.size(), 1u);
    ASSERT_TRUE(result.rows[0][0].has_value());
    EXPECT_EQ(result.rows[0][0], result.rows[0][1]) << "type " << result.column_types[0];
  }
}

// The C++ canonical renderers (for Floe's engine) agree with the oracle's.
TEST(DuckDbOracleTest, CanonicalRenderersAgreeWithTheOracle) {
  FLOE_START_DUCKDB_ORACLE_OR_SKIP(auto oracle);
  std::mt19937_64 random(20240229);
  auto check = [&](const std::string& sql_value, const std::string& expected) {
    SCOPED_TRACE(sql_value);
    ASSERT_OK_AND_ASSIGN(QueryResult result, oracle->Query("SELECT " + sql_value));
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0][0], QueryCell(expected));
  };

  std::vector<double> doubles = {0.1,
                                 1.0 / 3,
                                 1e-4,
                                 1e-5,
                                 1e15,
                                 1e16,
                                 123456789.123,
                                 5e-324,
                                 -2.5e-300,
                                 1e22,
                                 9007199254740993.0,
                                 0.0,
                                 -0.0};
  for (int i = 0; i < 200; ++i) {
    uint64_t bits = random();
    double value;
    std::memcpy(&value, &bits, sizeof(value));
    if (std::isfinite(value)) doubles.push_back(value);
  }
  std::string doubles_sql = "[";
  std::vector<std::string> doubles_expected;
  for (double value : doubles) {
    // The canonical text is also a valid SQL literal that reads back as the same double.
    std::string text = CanonicalDouble(value);
    doubles_sql += (doubles_sql.size() > 1 ? ", '" : "'") + text + "'::DOUBLE";
    doubles_expected.push_back(NestedElement(text, NestedKind::kScalar));
  }
  check(doubles_sql + "]", CanonicalList(doubles_expected));

  for (float value : {0.1f, 1.0f / 3, 16777216.0f, 3.4028235e38f, 1e-10f, 1e16f, -7.25f}) {
    check("'" + CanonicalFloat(value) + "'::FLOAT", CanonicalFloat(value));
  }
  for (int32_t days : {0, -1, 19782, -719162, -719163, -1000000, 2932897, 100000}) {
    check("DATE '1970-01-01' + " + std::to_string(days), CanonicalDate(days));
  }
  for (int64_t micros :
       {int64_t{0}, int64_t{-1}, int64_t{1704164645120000}, int64_t{-62135596800000001},
        int64_t{253402300799999999}, int64_t{-100000000000000000}}) {
    check("make_timestamp(" + std::to_string(micros) + ")", CanonicalTimestamp(micros));
    check("make_timestamp(" + std::to_string(micros) + ")::TIMESTAMPTZ",
          CanonicalTimestampTz(micros));
  }
  for (int64_t micros : {int64_t{0}, int64_t{3723500000}, int64_t{86399999999}}) {
    check("TIME '00:00:00' + to_microseconds(" + std::to_string(micros) + ")",
          CanonicalTime(micros));
  }
  check("from_hex('00411F7F80FF22275C20')",
        CanonicalBlob(std::string("\x00\x41\x1f\x7f\x80\xff\"'\\ ", 10)));
  check("1234.567::DECIMAL(12,3)", CanonicalDecimal(1234567, 3));
  check("-0.050::DECIMAL(5,3)", CanonicalDecimal(-50, 3));
  check("['', 'a b', ' x', 'NULL', 'q''s', 'a,b', NULL]",
        CanonicalList(
            {NestedElement("", NestedKind::kScalar), NestedElement("a b", NestedKind::kScalar),
             NestedElement(" x", NestedKind::kScalar), NestedElement("NULL", NestedKind::kScalar),
             NestedElement("q's", NestedKind::kScalar), NestedElement("a,b", NestedKind::kScalar),
             NestedElement(std::nullopt, NestedKind::kScalar)}));
  check("{'k': [1, 2], 'it''s': 'v w'}",
        CanonicalStruct({{"k", NestedElement("[1, 2]", NestedKind::kNested)},
                         {"it's", NestedElement("v w", NestedKind::kScalar)}}));
  check("MAP {'a=b': 1}", CanonicalMap({{NestedElement("a=b", NestedKind::kScalar), "1"}}));
}

}  // namespace
}  // namespace floe::test
