#include "common/bit_util.h"

#include <gtest/gtest.h>

namespace floe {
namespace {

TEST(BitUtilTest, SetClearAndCountAcrossWords) {
  uint64_t words[3] = {0, 0, 0};
  EXPECT_EQ(bit_util::WordsForBits(0), 0);
  EXPECT_EQ(bit_util::WordsForBits(64), 1);
  EXPECT_EQ(bit_util::WordsForBits(65), 2);
  for (int64_t i : {0, 63, 64, 127, 130}) bit_util::SetBit(words, i);
  EXPECT_TRUE(bit_util::GetBit(words, 63));
  EXPECT_TRUE(bit_util::GetBit(words, 64));
  EXPECT_FALSE(bit_util::GetBit(words, 65));
  EXPECT_EQ(words[0], 0x8000000000000001ULL);
  EXPECT_EQ(bit_util::CountSetBits(words, 192), 5);
  // Only the first num_bits bits count, even inside a word.
  EXPECT_EQ(bit_util::CountSetBits(words, 130), 4);
  EXPECT_EQ(bit_util::CountSetBits(words, 64), 2);
  EXPECT_EQ(bit_util::CountSetBits(words, 0), 0);
  bit_util::ClearBit(words, 63);
  bit_util::SetBitTo(words, 1, true);
  bit_util::SetBitTo(words, 0, false);
  EXPECT_EQ(words[0], 0x2ULL);
}

}  // namespace
}  // namespace floe
