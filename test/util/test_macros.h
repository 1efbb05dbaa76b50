// GoogleTest helpers for Status and Result.
#pragma once

#include <gtest/gtest.h>

#include "common/result.h"
#include "common/status.h"

#define FLOE_TEST_CONCAT_INNER(a, b) a##b
#define FLOE_TEST_CONCAT(a, b) FLOE_TEST_CONCAT_INNER(a, b)

#define ASSERT_OK(expr)                                              \
  do {                                                               \
    ::floe::Status _st = ::floe::internal::GenericToStatus((expr));  \
    ASSERT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (false)

#define EXPECT_OK(expr)                                              \
  do {                                                               \
    ::floe::Status _st = ::floe::internal::GenericToStatus((expr));  \
    EXPECT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (false)

#define ASSERT_OK_AND_ASSIGN_IMPL(res, lhs, rexpr)                                 \
  auto res = (rexpr);                                                              \
  ASSERT_TRUE(res.has_value()) << #rexpr << " failed: " << res.error().ToString(); \
  lhs = std::move(res).value()

#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL(FLOE_TEST_CONCAT(_floe_res_, __COUNTER__), lhs, rexpr)

// Asserts that `expr` failed with `code` and its message contains `substr`.
#define ASSERT_STATUS(code_, substr, expr)                                 \
  do {                                                                     \
    ::floe::Status _st = ::floe::internal::GenericToStatus((expr));        \
    ASSERT_EQ(_st.code(), ::floe::StatusCode::code_) << _st.ToString();    \
    ASSERT_NE(_st.message().find(substr), std::string::npos)               \
        << "message '" << _st.message() << "' lacks '" << (substr) << "'"; \
  } while (false)
