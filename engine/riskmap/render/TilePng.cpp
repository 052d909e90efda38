#include "riskmap/render/TilePng.hpp"

#include <png.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace riskmap {
namespace {

// libpng reports errors by longjmp; the message is kept for the exception
// thrown after setjmp returns (a C++ exception must not cross libpng's C frames).
void pngError(png_structp png, png_const_charp message) {
  *static_cast<std::string*>(png_get_error_ptr(png)) = message;
  png_longjmp(png, 1);
}

void appendBytes(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

struct WriteStruct {
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::string error;
  WriteStruct() {
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, pngError, nullptr);
    info = png ? png_create_info_struct(png) : nullptr;
    if (!info) throw std::runtime_error("libpng: out of memory");
  }
  ~WriteStruct() { png_destroy_write_struct(&png, &info); }
  WriteStruct(const WriteStruct&) = delete;
  WriteStruct& operator=(const WriteStruct&) = delete;
};

// Cairo's own un-premultiply (cairo-png.c, unpremultiply_data), so the
// decoded pixels match what Cairo's writer produced, rounding included.
inline std::uint32_t unpremultiply(std::uint32_t p) {  // 0xAARRGGBB premultiplied -> 0xAARRGGBB straight
  const std::uint32_t a = p >> 24;
  if (a == 0) return 0;
  if (a == 255) return p;
  const std::uint32_t r = (((p >> 16) & 0xff) * 255 + a / 2) / a, g = (((p >> 8) & 0xff) * 255 + a / 2) / a,
                      b = ((p & 0xff) * 255 + a / 2) / a;
  return a << 24 | r << 16 | g << 8 | b;
}

// The tile's straight-alpha pixels, row-major, and whether all are opaque.
std::vector<std::uint32_t> straightPixels(const unsigned char* origin, int width, int height, int stride, bool& opaque) {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(width) * height);
  std::uint32_t lastIn = 0, lastOut = 0, alphaAnd = 0xff000000;
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(origin + static_cast<std::ptrdiff_t>(y) * stride);
    std::uint32_t* o = out.data() + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) {
      const std::uint32_t p = row[x];
      if (p != lastIn) lastIn = p, lastOut = unpremultiply(p);  // runs of one colour are the common case
      o[x] = lastOut;
      alphaAnd &= p;
    }
  }
  opaque = (alphaAnd & 0xff000000) == 0xff000000;
  return out;
}


// Colour type 3 when the tile has at most 256 colours: indices plus PLTE/tRNS.
bool paletteOf(const std::vector<std::uint32_t>& px, std::vector<std::uint32_t>& colours, std::vector<png_byte>& indices) {
  std::unordered_map<std::uint32_t, png_byte> index;
  indices.resize(px.size());
  std::uint32_t last = px.empty() ? 0 : ~px[0];
  png_byte lastIndex = 0;
  for (std::size_t i = 0; i < px.size(); ++i) {
    if (px[i] != last) {
      auto [it, added] = index.try_emplace(px[i], static_cast<png_byte>(colours.size()));
      if (added) {
        if (colours.size() == 256) return false;
        colours.push_back(px[i]);
      }
      last = px[i], lastIndex = it->second;
    }
    indices[i] = lastIndex;
  }
  return true;
}

struct PngLayout {
  int width, height, colourType, zlibLevel;
  const std::vector<png_bytep>& rows;
  const std::vector<png_color>& plte;
  const std::vector<png_byte>& trns;
};

// The libpng calls, alone in their function so nothing set before setjmp changes after it.
std::string writePng(const PngLayout& l) {
  std::string out;
  WriteStruct w;
  if (setjmp(png_jmpbuf(w.png))) throw std::runtime_error("libpng: cannot encode a tile: " + w.error);
  png_set_write_fn(w.png, &out, appendBytes, nullptr);
  png_set_IHDR(w.png, w.info, l.width, l.height, 8, l.colourType, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!l.plte.empty()) png_set_PLTE(w.png, w.info, l.plte.data(), static_cast<int>(l.plte.size()));
  if (!l.trns.empty()) png_set_tRNS(w.png, w.info, l.trns.data(), static_cast<int>(l.trns.size()), nullptr);
  // No row filter: map tiles are flat colours with sharp edges, which zlib's
  // LZ77 matches well unfiltered: on the sample county's tiles SUB, UP and
  // PAETH made larger files for no less time, and libpng's default (try all
  // five per row) at level 6 took 1.8x the CPU of this at level 3 for 13 %
  // smaller files (docs/performance.md has the table).
  png_set_filter(w.png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level(w.png, l.zlibLevel);
  png_set_rows(w.png, w.info, const_cast<png_bytepp>(l.rows.data()));
  png_write_png(w.png, w.info, PNG_TRANSFORM_IDENTITY, nullptr);
  return out;
}

}  // namespace

bool isPlain(const unsigned char* origin, int width, int height, int stride, std::uint32_t& pixel) {
  std::memcpy(&pixel, origin, sizeof pixel);
  const auto* first = reinterpret_cast<const std::uint32_t*>(origin);
  for (int x = 1; x < width; ++x)
    if (first[x] != pixel) return false;
  // The other rows against the first, with memcmp's vector loop.
  for (int y = 1; y < height; ++y)
    if (std::memcmp(origin + static_cast<std::ptrdiff_t>(y) * stride, origin, static_cast<std::size_t>(width) * 4) != 0)
      return false;
  return true;
}

std::string encodePng(const unsigned char* origin, int width, int height, int stride, const PngOptions& options) {
  bool opaque = false;
  const std::vector<std::uint32_t> px = straightPixels(origin, width, height, stride, opaque);
  std::vector<std::uint32_t> colours;
  std::vector<png_byte> indices;
  const bool palette = options.palette && paletteOf(px, colours, indices);
  const int channels = palette ? 1 : opaque ? 3 : 4;
  // Rows in PNG byte order (R, G, B[, A]) or palette indices.
  std::vector<png_byte> bytes;
  if (palette) {
    bytes = std::move(indices);
  } else {
    bytes.resize(px.size() * channels);
    png_byte* o = bytes.data();
    for (std::uint32_t p : px) {
      *o++ = static_cast<png_byte>(p >> 16), *o++ = static_cast<png_byte>(p >> 8), *o++ = static_cast<png_byte>(p);
      if (channels == 4) *o++ = static_cast<png_byte>(p >> 24);
    }
  }
  std::vector<png_bytep> rows(height);
  for (int y = 0; y < height; ++y) rows[y] = bytes.data() + static_cast<std::size_t>(y) * width * channels;
  std::vector<png_color> plte;
  std::vector<png_byte> trns;
  for (std::uint32_t c : palette ? colours : std::vector<std::uint32_t>{}) {
    plte.push_back({static_cast<png_byte>(c >> 16), static_cast<png_byte>(c >> 8), static_cast<png_byte>(c)});
    trns.push_back(static_cast<png_byte>(c >> 24));
  }

  return writePng({width, height, palette ? PNG_COLOR_TYPE_PALETTE : opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                   options.zlibLevel, rows, plte, opaque ? std::vector<png_byte>{} : trns});
}

}  // namespace riskmap
