#pragma once
// Encodes a rectangle of a Cairo ARGB32 image (premultiplied, native-endian
// 0xAARRGGBB words) as a PNG straight through libpng, instead of Cairo's
// cairo_surface_write_to_png_stream, which copies the image, un-premultiplies
// every row in a libpng callback and lets libpng try all five row filters at
// zlib's default level (here: no row filter, zlib level 3 by default). The
// decoded pixels are the same as Cairo's: the same un-premultiply rounding,
// RGB when every pixel is opaque, RGBA otherwise.
// A palette PNG (colour type 3) is written, on request, only when the tile
// has at most 256 colours, so it stays lossless.
#include <cstdint>
#include <string>

namespace riskmap {

struct PngOptions {
  int zlibLevel = 3;          // default (1-9): measured in docs/performance.md; 6 is smaller and slower
  bool palette = false;       // opt-in: colour type 3 when the tile has <= 256 colours (exact)
};

// The PNG of the width x height pixels at `origin` (rows `stride` bytes apart).
std::string encodePng(const unsigned char* origin, int width, int height, int stride, const PngOptions& options);

// True when every pixel of the rectangle equals the first one (a plain tile:
// an empty field or one zone's colour), which is then stored in `pixel`.
bool isPlain(const unsigned char* origin, int width, int height, int stride, std::uint32_t& pixel);

}  // namespace riskmap
