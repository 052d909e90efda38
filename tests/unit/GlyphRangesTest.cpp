// The glyph ranges MapLibre reads for labels (serve/GlyphRanges): the
// protobuf of glyphs.proto decoded here, each glyph's distance field
// checked against FreeType's ordinary anti-aliased rendering of the same
// glyph (a different rasteriser): inside the outline where the coverage is
// over half, outside where it is nil; metrics as FreeType gives them.
#include <gtest/gtest.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "TestSupport.hpp"
#include "riskmap/serve/GlyphRanges.hpp"

namespace riskmap {
namespace {

std::int64_t zigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

struct FreeType {
  FT_Library lib = nullptr;
  FT_Face face = nullptr;
  FreeType() {
    int index = 0;
    const std::string file = GlyphRanges::fontFile("Noto Sans CJK SC Regular", index);
    FT_Init_FreeType(&lib);
    FT_New_Face(lib, file.c_str(), index, &face);
    FT_Set_Pixel_Sizes(face, 0, kGlyphPixelSize);
  }
  ~FreeType() {
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
  }
};

TEST(GlyphRangesTest, DistanceFieldsAgreeWithFreeTypesCoverage) {
  GlyphRanges ranges;
  FreeType ft;
  ASSERT_NE(ft.face, nullptr);
  EXPECT_NE(std::string(ft.face->family_name).find("Noto Sans CJK"), std::string::npos) << ft.face->family_name;
  // Latin capitals and two characters of township names (城, 镇).
  for (unsigned code : {0x41u, 0x52u, 0x57CEu, 0x9547u}) {
    SCOPED_TRACE(code);
    const unsigned first = code / 256 * 256;
    const test::ProtobufFields message = test::decodeProtobuf(ranges.range("Noto Sans CJK SC Regular", first));
    ASSERT_EQ(message.bytes.count(1), 1u);
    const test::ProtobufFields stack = test::decodeProtobuf(message.bytes.find(1)->second);
    EXPECT_EQ(stack.bytes.find(1)->second, "Noto Sans CJK SC Regular");
    EXPECT_EQ(stack.bytes.find(2)->second, std::to_string(first) + "-" + std::to_string(first + 255));
    const test::ProtobufFields* glyph = nullptr;
    std::vector<test::ProtobufFields> glyphs;
    for (auto [it, end] = stack.bytes.equal_range(3); it != end; ++it) glyphs.push_back(test::decodeProtobuf(it->second));
    for (const test::ProtobufFields& g : glyphs)
      if (g.numbers.find(1)->second == code) glyph = &g;
    ASSERT_NE(glyph, nullptr);
    const int width = static_cast<int>(glyph->numbers.find(3)->second), height = static_cast<int>(glyph->numbers.find(4)->second);
    const int left = static_cast<int>(zigzag(glyph->numbers.find(5)->second));
    const std::string bitmap = glyph->bytes.find(2)->second;
    ASSERT_EQ(bitmap.size(), static_cast<std::size_t>((width + 6) * (height + 6)));

    // FreeType's own anti-aliased glyph, placed by its bearings.
    ASSERT_EQ(FT_Load_Char(ft.face, code, FT_LOAD_NO_HINTING | FT_LOAD_RENDER), 0);
    const FT_GlyphSlot s = ft.face->glyph;
    EXPECT_EQ(glyph->numbers.find(7)->second, static_cast<std::uint64_t>(std::lround(s->metrics.horiAdvance / 64.0)));
    EXPECT_NEAR(left, s->bitmap_left, 1);
    EXPECT_NEAR(width, static_cast<int>(s->bitmap.width), 1);
    EXPECT_NEAR(height, static_cast<int>(s->bitmap.rows), 1);
    int agree = 0, compared = 0;
    for (unsigned y = 0; y < s->bitmap.rows; ++y)
      for (unsigned x = 0; x < s->bitmap.width; ++x) {
        const int coverage = s->bitmap.buffer[y * s->bitmap.pitch + x];
        if (coverage > 32 && coverage < 224) continue;  // on the edge: either side is right
        const int bx = static_cast<int>(x) + s->bitmap_left - left + 3, by = static_cast<int>(y) + 3;
        if (bx < 0 || by < 0 || bx >= width + 6 || by >= height + 6) continue;
        const int sdf = static_cast<unsigned char>(bitmap[by * (width + 6) + bx]);
        ++compared;
        agree += (coverage >= 224) == (sdf >= 192);  // MapLibre's edge is 192 (0.75)
      }
    EXPECT_GT(compared, 100);
    EXPECT_GE(agree, compared * 97 / 100) << agree << " of " << compared;
  }
}

TEST(GlyphRangesTest, ARangeHoldsTheGlyphsTheFontHasAndRefusesBadStarts) {
  GlyphRanges ranges;
  const test::ProtobufFields stack = test::decodeProtobuf(test::decodeProtobuf(ranges.range("Noto Sans CJK SC Regular", 0)).bytes.find(1)->second);
  std::set<std::uint64_t> codes;
  for (auto [it, end] = stack.bytes.equal_range(3); it != end; ++it) codes.insert(test::decodeProtobuf(it->second).numbers.find(1)->second);
  for (unsigned c = 0x20; c < 0x7f; ++c) EXPECT_TRUE(codes.count(c)) << c;  // printable ASCII, the space included
  EXPECT_FALSE(codes.count(0x01));  // no glyph for a control character
  EXPECT_THROW(ranges.range("Noto Sans CJK SC Regular", 100), std::invalid_argument);
  EXPECT_THROW(ranges.range("Noto Sans CJK SC Regular", 65536), std::invalid_argument);
}

}  // namespace
}  // namespace riskmap
