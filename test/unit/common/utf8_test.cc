#include "common/utf8.h"

#include <gtest/gtest.h>

namespace floe {
namespace {

TEST(Utf8Test, EncodesEveryLength) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  auto decoded = DecodeUtf8(out);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, (std::vector<uint32_t>{0x41, 0xE9, 0x20AC, 0x1F600}));
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(DecodeUtf8("\xC3").has_value());          // cut off
  EXPECT_FALSE(DecodeUtf8("\x80").has_value());          // a lone continuation byte
  EXPECT_FALSE(DecodeUtf8("\xE2\x41\x41").has_value());  // continuation missing
  EXPECT_FALSE(DecodeUtf8("\xFF").has_value());
}

TEST(Utf8Test, PrefixesEndOnCharacterBoundaries) {
  const std::string text =
      "a\xC3\xA9\xE2\x82\xAC"
      "b";  // a é € b
  EXPECT_EQ(Utf8PrefixCodePoints(text, 0), "");
  EXPECT_EQ(Utf8PrefixCodePoints(text, 2), "a\xC3\xA9");
  EXPECT_EQ(Utf8PrefixCodePoints(text, 3), "a\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(Utf8PrefixCodePoints(text, 10), text);
  EXPECT_EQ(Utf8PrefixBytes(text, 2), 1u);  // 'é' would be cut
  EXPECT_EQ(Utf8PrefixBytes(text, 3), 3u);
  EXPECT_EQ(Utf8PrefixBytes(text, 5), 3u);
  EXPECT_EQ(Utf8PrefixBytes(text, 100), text.size());
}

}  // namespace
}  // namespace floe
