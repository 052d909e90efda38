#include "riskmap/serve/GlyphRanges.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace riskmap {

namespace {

// FreeType's distance fields reach `kSpread` pixels from the outline (its
// default) and pad the bitmap by as much; 128 is the outline.
constexpr int kSpread = 8;

// The few protobuf wire-format writes glyphs.proto needs (varints,
// zig-zag sint32, length-delimited fields): hand-written, as no Debian
// library is linked for protobuf and the message has seven fields.
void varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
void uintField(std::string& out, int field, std::uint64_t v) {
  varint(out, static_cast<std::uint64_t>(field) << 3);
  varint(out, v);
}
void sintField(std::string& out, int field, std::int32_t v) {
  uintField(out, field, (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31));
}
void bytesField(std::string& out, int field, const std::string& bytes) {
  varint(out, (static_cast<std::uint64_t>(field) << 3) | 2);
  varint(out, bytes.size());
  out += bytes;
}

// "Noto Sans CJK SC Regular" -> a fontconfig pattern for family
// "Noto Sans CJK SC", style "Regular" (a last word that names a style).
std::string fontconfigName(const std::string& fontstack) {
  std::string first = fontstack.substr(0, fontstack.find(','));
  while (!first.empty() && first.back() == ' ') first.pop_back();
  static const std::set<std::string> styles = {"Regular", "Bold", "Medium", "Light", "Thin", "Black",
                                               "DemiLight", "Italic", "Semibold", "SemiBold", "ExtraLight"};
  const auto space = first.rfind(' ');
  std::string family = first, style;
  if (space != std::string::npos && styles.count(first.substr(space + 1)))
    family = first.substr(0, space), style = first.substr(space + 1);
  std::string escaped;
  for (char c : family) {
    if (c == '-' || c == ':' || c == ',' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return style.empty() ? escaped : escaped + ":style=" + style;
}

// The glyph's distance field in MapLibre's encoding (fontnik's: the outline
// at 192, 255/8 per pixel, larger inside) with a 3 px buffer, from
// FreeType's (the outline at 128, 128/spread per pixel, padded by spread).
std::string mapLibreField(const FT_Bitmap& b, int width, int height) {
  const int w = width + 2 * kGlyphBuffer, h = height + 2 * kGlyphBuffer;
  const int crop = kSpread - kGlyphBuffer;
  std::string out(static_cast<std::size_t>(w) * h, '\0');
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int sx = x + crop, sy = y + crop;
      if (sx >= static_cast<int>(b.width) || sy >= static_cast<int>(b.rows)) continue;
      const double inside = (b.buffer[sy * b.pitch + sx] - 128.0) * kSpread / 128.0;  // pixels
      const double v = 255.0 * (0.75 + inside / 8.0);
      out[static_cast<std::size_t>(y) * w + x] = static_cast<char>(std::clamp(std::lround(v), 0L, 255L));
    }
  return out;
}

}  // namespace

struct GlyphRanges::Library {
  FT_Library ft = nullptr;
  std::map<std::string, FT_Face> faces;  // by font file and index
  Library() {
    if (FT_Init_FreeType(&ft)) throw std::runtime_error("glyphs: FreeType cannot start");
  }
  ~Library() {
    for (auto& [key, face] : faces) FT_Done_Face(face);
    FT_Done_FreeType(ft);
  }
  FT_Face face(const std::string& file, int index) {
    const std::string key = file + "#" + std::to_string(index);
    if (auto it = faces.find(key); it != faces.end()) return it->second;
    FT_Face f = nullptr;
    if (FT_New_Face(ft, file.c_str(), index, &f)) throw std::runtime_error("glyphs: FreeType cannot open " + key);
    faces[key] = f;
    if (FT_Set_Pixel_Sizes(f, 0, kGlyphPixelSize)) throw std::runtime_error("glyphs: cannot size " + key);
    return f;
  }
};

GlyphRanges::GlyphRanges() : library_(std::make_unique<Library>()) {}
GlyphRanges::~GlyphRanges() = default;

std::string GlyphRanges::fontFile(const std::string& fontstack, int& faceIndex) {
  const std::string name = fontconfigName(fontstack);
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(name.c_str()));
  if (!pattern) throw std::runtime_error("glyphs: fontconfig cannot parse '" + name + "'");
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (!match) throw std::runtime_error("glyphs: no font installed for '" + fontstack + "'");
  FcChar8* file = nullptr;
  faceIndex = 0;
  const bool found = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch;
  FcPatternGetInteger(match, FC_INDEX, 0, &faceIndex);
  const std::string path = found ? reinterpret_cast<const char*>(file) : "";
  FcPatternDestroy(match);
  if (path.empty()) throw std::runtime_error("glyphs: no font file for '" + fontstack + "'");
  return path;
}

std::string GlyphRanges::range(const std::string& fontstack, unsigned first) {
  if (first % 256 != 0 || first >= 65536) throw std::invalid_argument("glyph range must start at a multiple of 256 below 65536");
  std::lock_guard lock(mutex_);
  if (auto it = built_.find({fontstack, first}); it != built_.end()) return it->second;
  int index = 0;
  const std::string file = fontFile(fontstack, index);
  FT_Face face = library_->face(file, index);
  const long ascender = face->size->metrics.ascender / 64;
  std::string glyphs;
  for (unsigned code = first; code < first + 256; ++code) {
    const FT_UInt id = FT_Get_Char_Index(face, code);
    if (id == 0 || FT_Load_Glyph(face, id, FT_LOAD_NO_HINTING)) continue;
    const FT_Glyph_Metrics& m = face->glyph->metrics;
    int width = 0, height = 0, left = static_cast<int>(m.horiBearingX / 64), top = static_cast<int>(m.horiBearingY / 64);
    std::string bitmap;
    if (face->glyph->outline.n_contours > 0) {
      if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_SDF))
        throw std::runtime_error("glyphs: FreeType cannot draw U+" + std::to_string(code) + " of " + file);
      const FT_Bitmap& b = face->glyph->bitmap;
      width = std::max(0, static_cast<int>(b.width) - 2 * kSpread), height = std::max(0, static_cast<int>(b.rows) - 2 * kSpread);
      left = face->glyph->bitmap_left + kSpread, top = face->glyph->bitmap_top - kSpread;
      if (width > 0 && height > 0) bitmap = mapLibreField(b, width, height);
      else width = height = 0;
    }
    std::string glyph;
    uintField(glyph, 1, code);
    if (!bitmap.empty()) bytesField(glyph, 2, bitmap);
    uintField(glyph, 3, static_cast<unsigned>(width));
    uintField(glyph, 4, static_cast<unsigned>(height));
    sintField(glyph, 5, left);
    sintField(glyph, 6, static_cast<std::int32_t>(top - ascender));
    uintField(glyph, 7, static_cast<unsigned>(std::lround(m.horiAdvance / 64.0)));
    bytesField(glyphs, 3, glyph);
  }
  std::string stack;
  bytesField(stack, 1, fontstack);
  bytesField(stack, 2, std::to_string(first) + "-" + std::to_string(first + 255));
  stack += glyphs;
  std::string message;
  bytesField(message, 1, stack);
  return built_[{fontstack, first}] = message;
}

}  // namespace riskmap
