#include "common/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/result.h"
#include "util/test_macros.h"

namespace floe {
namespace {

TEST(StatusTest, OkIsDefaultAndCheap) {
  Status st;
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kOk);
  EXPECT_EQ(st.message(), "");
  EXPECT_EQ(st.ToString(), "OK");
  EXPECT_EQ(sizeof(Status), sizeof(void*));
  EXPECT_TRUE(Status(StatusCode::kOk, "ignored").ok());
}

TEST(StatusTest, FactoriesFormatAndSetCode) {
  Status st = Status::NotFound("table {}.{} does not exist", "ns", "t");
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "table ns.t does not exist");
  EXPECT_EQ(st.ToString(), "NotFound: table ns.t does not exist");

  EXPECT_TRUE(Status::AlreadyExists("x").IsAlreadyExists());
  EXPECT_TRUE(Status::InvalidArgument("x").IsInvalidArgument());
  EXPECT_TRUE(Status::SyntaxError("x").IsSyntaxError());
  EXPECT_TRUE(Status::BindError("x").IsBindError());
  EXPECT_TRUE(Status::CommitConflict("x").IsCommitConflict());
  EXPECT_TRUE(Status::CommitStateUnknown("x").IsCommitStateUnknown());
  EXPECT_TRUE(Status::IOError("x").IsIOError());
  EXPECT_TRUE(Status::Corruption("x").IsCorruption());
  EXPECT_TRUE(Status::NotSupported("x").IsNotSupported());
  EXPECT_TRUE(Status::Cancelled("x").IsCancelled());
  EXPECT_TRUE(Status::Internal("x").IsInternal());
}

TEST(StatusTest, EveryCodeHasAName) {
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    EXPECT_NE(StatusCodeName(static_cast<StatusCode>(c)), "Unknown") << c;
  }
}

TEST(StatusTest, DetailAndRetryable) {
  Status st = Status::RetryableIOError("s3: GET {}: 503 SlowDown", "s3://b/k");
  EXPECT_TRUE(st.IsIOError());
  EXPECT_TRUE(st.retryable());
  EXPECT_FALSE(Status::IOError("disk full").retryable());

  Status sql = Status::SyntaxError("unexpected token 'FORM'").WithSqlPosition(9);
  ASSERT_TRUE(sql.sql_position().has_value());
  EXPECT_EQ(*sql.sql_position(), 9);
  EXPECT_FALSE(sql.http_status().has_value());

  Status http = Status::CommitConflict("requirement failed").WithHttpStatus(409);
  EXPECT_EQ(http.http_status().value_or(0), 409);

  // Detail on OK stays OK.
  EXPECT_TRUE(Status::OK().WithHttpStatus(500).ok());
  EXPECT_FALSE(Status::OK().sql_position().has_value());
}

TEST(StatusTest, WithContextPrependsWhereAndKeepsDetail) {
  Status st = Status::Corruption("page header claims {} bytes", 1ULL << 40).WithRetryable(false);
  Status ctx = st.WithContext("parquet: {}: column '{}'", "s3://b/t/00017.parquet", "email");
  EXPECT_TRUE(ctx.IsCorruption());
  EXPECT_EQ(ctx.message(),
            "parquet: s3://b/t/00017.parquet: column 'email': page header claims 1099511627776 "
            "bytes");
  // The original is untouched.
  EXPECT_EQ(st.message(), "page header claims 1099511627776 bytes");
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
}

TEST(StatusTest, CopyMoveAndEquality) {
  Status a = Status::IOError("boom").WithRetryable(true);
  Status b = a;
  EXPECT_EQ(a, b);
  EXPECT_TRUE(b.retryable());
  Status c = std::move(b);
  EXPECT_EQ(a, c);
  EXPECT_NE(a, Status::IOError("boom"));  // retryable differs
  EXPECT_NE(a, Status::OK());
  EXPECT_EQ(Status::OK(), Status());
  a = Status::OK();
  EXPECT_TRUE(a.ok());
  EXPECT_EQ(fmt::format("{}", c), "IOError: boom");
}

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidArgument("{} is not positive", v);
  return v;
}

Result<int> Doubled(int v) {
  FLOE_ASSIGN_OR_RETURN(int x, ParsePositive(v));
  return x * 2;
}

Status CheckBoth(int a, int b) {
  FLOE_RETURN_NOT_OK(ParsePositive(a));
  FLOE_RETURN_NOT_OK(ParsePositive(b).status());
  return Status::OK();
}

TEST(ResultTest, ValueAndError) {
  Result<int> ok = ParsePositive(3);
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(static_cast<bool>(ok));
  EXPECT_EQ(ok.value(), 3);
  EXPECT_EQ(*ok, 3);
  EXPECT_TRUE(ok.status().ok());

  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(bad.error().IsInvalidArgument());
  EXPECT_EQ(bad.error().message(), "-1 is not positive");
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(ResultTest, MacrosPropagate) {
  ASSERT_OK_AND_ASSIGN(int d, Doubled(21));
  EXPECT_EQ(d, 42);
  ASSERT_STATUS(kInvalidArgument, "0 is not positive", Doubled(0));
  EXPECT_OK(CheckBoth(1, 2));
  ASSERT_STATUS(kInvalidArgument, "-5", CheckBoth(1, -5));
  ASSERT_STATUS(kInvalidArgument, "-4", CheckBoth(-4, 1));
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("hello");
  ASSERT_TRUE(r.has_value());
  std::unique_ptr<std::string> p = std::move(r).value();
  EXPECT_EQ(*p, "hello");
  r = Status::NotFound("gone");
  EXPECT_FALSE(r.has_value());
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> r = Status::OK();
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().IsInternal());
}

TEST(ResultDeathTest, ValueOnErrorAborts) {
  Result<int> r = Status::NotFound("nothing here");
  EXPECT_DEATH({ (void)r.value(); }, "nothing here");
}

}  // namespace
}  // namespace floe
