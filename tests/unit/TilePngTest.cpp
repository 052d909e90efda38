// The direct libpng tile encoder against Cairo's own PNG writer (the way
// tiles were encoded before): both decoded by libpng must give the same
// straight-alpha pixels, whatever the alpha, and the palette form must stay
// lossless.
#include <gtest/gtest.h>
#include <png.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "riskmap/render/Cairo.hpp"
#include "riskmap/render/TilePng.hpp"

namespace riskmap {
namespace {

// RGBA, 8 bits a channel, straight alpha: what a browser shows.
std::vector<unsigned char> decode(const std::string& png, int& width, int& colourType) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, png.data(), png.size())) << image.message;
  image.format = PNG_FORMAT_RGBA;
  std::vector<unsigned char> px(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, px.data(), 0, nullptr)) << image.message;
  width = static_cast<int>(image.width);
  colourType = static_cast<unsigned char>(png[25]);  // IHDR: 8 signature + 8 chunk header + 9
  return px;
}

cairo_status_t append(void* out, const unsigned char* data, unsigned int n) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), n);
  return CAIRO_STATUS_SUCCESS;
}

std::string cairoPng(cairo_surface_t* s) {
  std::string out;
  EXPECT_EQ(cairo_surface_write_to_png_stream(s, append, &out), CAIRO_STATUS_SUCCESS);
  return out;
}

// A 64 x 48 surface filled with random premultiplied pixels (a <= 255, c <= a).
CairoSurfacePtr randomSurface(bool opaque, int colours) {
  CairoSurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 48));
  std::mt19937 rng(7);
  std::vector<std::uint32_t> pool;
  for (int i = 0; i < colours; ++i) {
    const std::uint32_t a = opaque ? 255 : rng() % 256;
    pool.push_back(a << 24 | (rng() % (a + 1)) << 16 | (rng() % (a + 1)) << 8 | (rng() % (a + 1)));
  }
  unsigned char* data = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x)
      reinterpret_cast<std::uint32_t*>(data + y * stride)[x] = pool[rng() % pool.size()];
  cairo_surface_mark_dirty(s.get());
  return s;
}

void expectSameAsCairo(bool opaque, int colours, const PngOptions& options, int expectedType) {
  CairoSurfacePtr s = randomSurface(opaque, colours);
  const std::string mine = encodePng(cairo_image_surface_get_data(s.get()), 64, 48,
                                     cairo_image_surface_get_stride(s.get()), options);
  int w1 = 0, w2 = 0, t1 = 0, t2 = 0;
  const auto a = decode(mine, w1, t1), b = decode(cairoPng(s.get()), w2, t2);
  EXPECT_EQ(w1, 64);
  EXPECT_EQ(t1, expectedType);
  ASSERT_EQ(a.size(), b.size());
  // Chunks: a PLTE (and tRNS) only in a palette PNG.
  EXPECT_EQ(mine.find("PLTE") != std::string::npos, expectedType == PNG_COLOR_TYPE_PALETTE);
  EXPECT_TRUE(a == b) << "decoded pixels differ from Cairo's";
}

TEST(TilePngTest, TranslucentPixelsDecodeAsCairosOwnWriterMadeThem) {
  expectSameAsCairo(false, 5000, {}, PNG_COLOR_TYPE_RGB_ALPHA);
}

TEST(TilePngTest, OpaqueTileIsRgbLikeCairos) { expectSameAsCairo(true, 5000, {}, PNG_COLOR_TYPE_RGB); }

TEST(TilePngTest, PaletteIsUsedOnlyWhenExact) {
  PngOptions palette;
  palette.palette = true;
  expectSameAsCairo(false, 200, palette, PNG_COLOR_TYPE_PALETTE);
  expectSameAsCairo(true, 256, palette, PNG_COLOR_TYPE_PALETTE);
  expectSameAsCairo(false, 5000, palette, PNG_COLOR_TYPE_RGB_ALPHA);  // 257+ colours: no palette, no loss
}

TEST(TilePngTest, PlainTileIsFoundFromItsPixelsAndOneOddPixelBreaksIt) {
  std::vector<std::uint32_t> px(16 * 20, 0xc70051a0u);
  std::uint32_t pixel = 0;
  // A 16 x 16 window of a 20 px wide image (stride 80 bytes).
  EXPECT_TRUE(isPlain(reinterpret_cast<unsigned char*>(px.data()), 16, 16, 80, pixel));
  EXPECT_EQ(pixel, 0xc70051a0u);
  px[19] = 0;  // outside the window: still plain
  EXPECT_TRUE(isPlain(reinterpret_cast<unsigned char*>(px.data()), 16, 16, 80, pixel));
  px[15 * 20 + 15] = 0;  // its last pixel
  EXPECT_FALSE(isPlain(reinterpret_cast<unsigned char*>(px.data()), 16, 16, 80, pixel));
}

}  // namespace
}  // namespace riskmap
