#include "vector/validity.h"

#include <gtest/gtest.h>

namespace floe {
namespace {

TEST(ValidityMaskTest, AllValidUntilFirstNull) {
  ValidityMask mask(100);
  EXPECT_TRUE(mask.AllValid());
  EXPECT_EQ(mask.data(), nullptr);
  EXPECT_TRUE(mask.RowIsValid(99));
  mask.SetValid(5);  // no allocation for a no-op
  EXPECT_TRUE(mask.AllValid());
  mask.SetInvalid(70);
  EXPECT_FALSE(mask.AllValid());
  EXPECT_FALSE(mask.RowIsValid(70));
  EXPECT_TRUE(mask.RowIsValid(69));
  EXPECT_TRUE(mask.RowIsValid(71));
  EXPECT_EQ(mask.CountValid(100), 99);
  EXPECT_EQ(mask.CountValid(70), 70);
  mask.Set(70, true);
  EXPECT_EQ(mask.CountValid(100), 100);
  mask.Reset();
  EXPECT_TRUE(mask.AllValid());
}

TEST(ValidityMaskTest, SetAllInvalidAndResize) {
  ValidityMask mask(130);
  mask.SetAllInvalid(129);
  EXPECT_EQ(mask.CountValid(130), 1);
  EXPECT_FALSE(mask.RowIsValid(128));
  EXPECT_TRUE(mask.RowIsValid(129));
  mask.Resize(300);
  EXPECT_EQ(mask.capacity(), 300);
  EXPECT_EQ(mask.CountValid(129), 0);
  EXPECT_EQ(mask.CountValid(300), 300 - 129);
  mask.Resize(10);
  EXPECT_EQ(mask.CountValid(10), 0);
  // Growing again: rows beyond the old capacity come back valid.
  mask.Resize(64);
  EXPECT_EQ(mask.CountValid(64), 54);
}

TEST(ValidityMaskTest, MutableDataIsArrowLayout) {
  ValidityMask mask(8);
  uint64_t* words = mask.MutableData();
  words[0] = 0b10100101;  // as a decoder would write it
  EXPECT_TRUE(mask.RowIsValid(0));
  EXPECT_FALSE(mask.RowIsValid(1));
  EXPECT_TRUE(mask.RowIsValid(2));
  EXPECT_TRUE(mask.RowIsValid(7));
  EXPECT_EQ(mask.CountValid(8), 4);
}

}  // namespace
}  // namespace floe
