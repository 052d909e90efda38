#pragma once
// Comparing a rendered PNG with its golden image: the same size, and fewer
// than 0.2 % of pixels differing by more than 24 levels in any channel
// (antialiasing may move a few edge pixels between library versions; a
// real change moves far more).
#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace riskmap::test {

inline void expectMatchesGolden(const std::filesystem::path& rendered, const std::filesystem::path& golden,
                                const std::string& howToRegenerate) {
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " missing; " << howToRegenerate;
  cairo_surface_t* a = cairo_image_surface_create_from_png(rendered.c_str());
  cairo_surface_t* b = cairo_image_surface_create_from_png(golden.c_str());
  const int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  const bool sameSize = w == cairo_image_surface_get_width(b) && h == cairo_image_surface_get_height(b);
  long long differing = 0;
  if (sameSize) {
    const int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    const unsigned char* pa = cairo_image_surface_get_data(a);
    const unsigned char* pb = cairo_image_surface_get_data(b);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w * 4; x += 4) {
        int worst = 0;
        for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(pa[y * sa + x + c] - pb[y * sb + x + c]));
        differing += worst > 24;
      }
  }
  cairo_surface_destroy(a);
  cairo_surface_destroy(b);
  ASSERT_TRUE(sameSize) << rendered << " and " << golden << " differ in size";
  EXPECT_LT(static_cast<double>(differing) / (static_cast<double>(w) * h), 0.002)
      << differing << " pixels differ from " << golden << "; " << howToRegenerate;
}

}  // namespace riskmap::test
