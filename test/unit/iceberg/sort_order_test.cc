#include "iceberg/sort_order.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

Transform T(std::string_view text) { return Transform::FromString(text).value(); }

// The spec's Appendix C example.
constexpr std::string_view kSpecExample = R"({"order-id": 1, "fields": [ {
    "transform": "identity", "source-id": 2, "direction": "asc", "null-order": "nulls-first"
  }, {
    "transform": "bucket[4]", "source-id": 3, "direction": "desc", "null-order": "nulls-last"
  } ]})";

Schema TestSchema() {
  Type list = Type::List(4, Type::Int(), false).value();
  return Schema::Make({NestedField::Optional(2, "a", Type::String()),
                       NestedField::Optional(3, "b", Type::Long()),
                       NestedField::Optional(5, "l", list),
                       NestedField::Optional(6, "f", Type::Float())})
      .value();
}

TEST(IcebergSortOrderTest, JsonOfTheSpecExample) {
  ASSERT_OK_AND_ASSIGN(Json json, ParseJson(kSpecExample, "sort order"));
  ASSERT_OK_AND_ASSIGN(SortOrder order, SortOrderFromJson(json));
  EXPECT_EQ(order.order_id(), 1);
  ASSERT_EQ(order.fields().size(), 2u);
  EXPECT_EQ(order.fields()[0], SortField::Make(2, Transform::Identity(), SortDirection::kAscending,
                                               NullOrder::kNullsFirst));
  EXPECT_EQ(order.fields()[1], SortField::Make(3, Transform::Bucket(4).value(),
                                               SortDirection::kDescending, NullOrder::kNullsLast));
  EXPECT_EQ(order.ToString(),
            "[\n  identity(2) asc nulls-first\n  bucket[4](3) desc nulls-last\n]");
  const Json written = SortOrderToJson(order);
  EXPECT_EQ(DumpJson(written),
            R"({"order-id":1,"fields":[{"transform":"identity","source-id":2,"direction":"asc",)"
            R"("null-order":"nulls-first"},{"transform":"bucket[4]","source-id":3,)"
            R"("direction":"desc","null-order":"nulls-last"}]})");
  EXPECT_EQ(written, json);
  ASSERT_OK_AND_ASSIGN(SortOrder again, SortOrderFromJson(written));
  EXPECT_EQ(again, order);
  ASSERT_OK(order.Validate(TestSchema()));
}

TEST(IcebergSortOrderTest, LenientSpellingsAndUnknownTransforms) {
  ASSERT_OK_AND_ASSIGN(Json json, ParseJson(R"({"order-id": 2, "fields": [
      {"transform": "zorder", "source-ids": [2, 3], "direction": "DESC",
       "null-order": "NULLS_LAST"}]})",
                                            "sort order"));
  ASSERT_OK_AND_ASSIGN(SortOrder order, SortOrderFromJson(json));
  EXPECT_EQ(order.fields()[0].direction, SortDirection::kDescending);
  EXPECT_EQ(order.fields()[0].null_order, NullOrder::kNullsLast);
  EXPECT_EQ(order.fields()[0].source_ids, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(DumpJson(SortOrderToJson(order)),
            R"({"order-id":2,"fields":[{"transform":"zorder","source-ids":[2,3],)"
            R"("direction":"desc","null-order":"nulls-last"}]})");
}

TEST(IcebergSortOrderTest, UnsortedIsOrderZero) {
  const SortOrder unsorted = SortOrder::Unsorted();
  EXPECT_TRUE(unsorted.is_unsorted());
  EXPECT_EQ(unsorted.order_id(), 0);
  EXPECT_EQ(DumpJson(SortOrderToJson(unsorted)), R"({"order-id":0,"fields":[]})");
  ASSERT_OK_AND_ASSIGN(SortOrder parsed,
                       SortOrderFromJson(Json::parse(R"({"order-id": 0, "fields": []})")));
  EXPECT_EQ(parsed, unsorted);
  ASSERT_STATUS(kInvalidArgument, "sort order 3 has no fields", SortOrder::Make(3, {}));
  ASSERT_STATUS(kInvalidArgument, "sort order id 0 is reserved for the unsorted order",
                SortOrder::Make(0, {SortField::Make(2, T("identity"), SortDirection::kAscending,
                                                    NullOrder::kNullsFirst)}));
}

TEST(IcebergSortOrderTest, Errors) {
  auto parse = [](std::string_view text) { return SortOrderFromJson(Json::parse(text)); };
  ASSERT_STATUS(kInvalidArgument, "iceberg: sort order: missing required 'order-id'",
                parse(R"({"fields": []})"));
  ASSERT_STATUS(
      kInvalidArgument,
      "iceberg: sort order 1: field 0: unknown sort direction 'up' (expected asc or desc)",
      parse(R"({"order-id": 1, "fields": [{"transform": "identity", "source-id": 1,
                          "direction": "up", "null-order": "nulls-first"}]})"));
  ASSERT_STATUS(kInvalidArgument, "unknown null order 'first'",
                parse(R"({"order-id": 1, "fields": [{"transform": "identity", "source-id": 1,
                          "direction": "asc", "null-order": "first"}]})"));
  ASSERT_STATUS(kInvalidArgument, "sort order 1: field 0: missing required 'null-order'",
                parse(R"({"order-id": 1, "fields": [{"transform": "identity", "source-id": 1,
                          "direction": "asc"}]})"));
  ASSERT_STATUS(kInvalidArgument, "missing required 'source-id'",
                parse(R"({"order-id": 1, "fields": [{"transform": "identity",
                          "direction": "asc", "null-order": "nulls-first"}]})"));
  ASSERT_STATUS(kInvalidArgument, "a sort field must be an object",
                parse(R"({"order-id": 1, "fields": [1]})"));

  const Schema schema = TestSchema();
  auto order_of = [](int32_t source, std::string_view transform) {
    return SortOrder::Make(1, {SortField::Make(source, T(transform), SortDirection::kAscending,
                                               NullOrder::kNullsFirst)})
        .value();
  };
  ASSERT_STATUS(kInvalidArgument, "source column 9 does not exist",
                order_of(9, "identity").Validate(schema));
  ASSERT_OK(order_of(9, "identity").Validate(schema, /*allow_missing_fields=*/true));
  ASSERT_STATUS(kInvalidArgument, "source column 5 'l' is a list",
                order_of(5, "identity").Validate(schema));
  ASSERT_STATUS(kInvalidArgument, "source column 4 'l.element' is inside a list",
                order_of(4, "identity").Validate(schema));
  ASSERT_STATUS(
      kInvalidArgument,
      "iceberg: sort order 1: field 0 (bucket[4](6) asc nulls-first): transform bucket[4] "
      "cannot be applied to source column 6 'f' of type float",
      order_of(6, "bucket[4]").Validate(schema));
  ASSERT_OK(order_of(6, "identity").Validate(schema));
  EXPECT_TRUE(order_of(6, "identity")
                  .SameOrder(SortOrder::Make(7, order_of(6, "identity").fields()).value()));
}

}  // namespace
}  // namespace floe::iceberg
