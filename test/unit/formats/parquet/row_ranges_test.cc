#include "formats/parquet/row_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace floe::parquet {
namespace {

TEST(RowRangesTest, AddMergesOverlappingAndTouching) {
  RowRanges r;
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.ToString(), "{}");
  r.Add(10, 20);
  r.Add(20, 30);  // touching
  r.Add(40, 50);
  r.Add(45, 47);  // inside
  r.Add(5, 5);    // empty
  EXPECT_EQ(r.ToString(), "[10, 30) [40, 50)");
  r.Add(0, 2);    // before everything
  r.Add(29, 41);  // bridges two
  EXPECT_EQ(r.ToString(), "[0, 2) [10, 50)");
  EXPECT_EQ(r.num_rows(), 42);
  EXPECT_TRUE(r.Overlaps(1, 3));
  EXPECT_FALSE(r.Overlaps(2, 10));
  EXPECT_TRUE(r.Overlaps(49, 60));
  EXPECT_FALSE(r.Overlaps(50, 60));
  EXPECT_FALSE(r.Overlaps(5, 5));
  EXPECT_EQ(RowRanges::All(0).ToString(), "{}");
}

TEST(RowRangesTest, IntersectAndUnionAgreeWithSets) {
  std::mt19937 rng(3);
  for (int iter = 0; iter < 500; ++iter) {
    RowRanges a, b;
    std::set<int64_t> sa, sb;
    for (int i = 0; i < 6; ++i) {
      int64_t x = rng() % 100, n = rng() % 15;
      a.Add(x, x + n);
      for (int64_t k = x; k < x + n; ++k) sa.insert(k);
      int64_t y = rng() % 100, m = rng() % 15;
      b.Add(y, y + m);
      for (int64_t k = y; k < y + m; ++k) sb.insert(k);
    }
    auto members = [](const RowRanges& r) {
      std::set<int64_t> s;
      for (const auto& range : r.ranges()) {
        for (int64_t k = range.begin; k < range.end; ++k) s.insert(k);
      }
      return s;
    };
    EXPECT_EQ(members(a), sa);
    std::set<int64_t> inter, uni = sa;
    for (int64_t k : sa) {
      if (sb.count(k)) inter.insert(k);
    }
    uni.insert(sb.begin(), sb.end());
    EXPECT_EQ(members(RowRanges::Intersect(a, b)), inter);
    EXPECT_EQ(members(RowRanges::Union(a, b)), uni);
    // Canonical form: sorted, disjoint, not touching.
    for (const RowRanges& r : {a, RowRanges::Intersect(a, b), RowRanges::Union(a, b)}) {
      for (size_t i = 1; i < r.ranges().size(); ++i) {
        EXPECT_LT(r.ranges()[i - 1].end, r.ranges()[i].begin);
      }
    }
    for (int64_t k = 0; k < 120; k += 7) {
      bool any = false;
      for (int64_t j = k; j < k + 5; ++j) any |= sa.count(j) > 0;
      EXPECT_EQ(a.Overlaps(k, k + 5), any);
    }
  }
}

}  // namespace
}  // namespace floe::parquet
