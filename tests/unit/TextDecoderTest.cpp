#include <gtest/gtest.h>

#include "riskmap/import/TextDecoder.hpp"

namespace riskmap {
namespace {

// "城关" in GBK, byte for byte (from the GB2312 code chart: 城 B3C7, 关 B9D8).
const char kGbk[] = "\xB3\xC7\xB9\xD8";

TEST(TextDecoder, Utf8IsKept) {
  EXPECT_TRUE(isValidUtf8("城关街道"));
  EXPECT_EQ(TextDecoder::autoDetect().decode("城关街道"), "城关街道");
}

TEST(TextDecoder, GbkIsDetectedAndRecoded) {
  EXPECT_FALSE(isValidUtf8(kGbk));
  EXPECT_EQ(TextDecoder::autoDetect().decode(kGbk), "城关");
}

TEST(TextDecoder, ExplicitEncodingWins) {
  EXPECT_EQ(TextDecoder::from("GBK").decode(kGbk), "城关");
  EXPECT_EQ(TextDecoder::from("UTF-8").decode("abc"), "abc");
}

TEST(TextDecoder, TruncatedUtf8IsNotUtf8) {
  EXPECT_FALSE(isValidUtf8("\xE5\x9F"));  // first two bytes of 城
  EXPECT_TRUE(isValidUtf8(""));
}

}  // namespace
}  // namespace riskmap
