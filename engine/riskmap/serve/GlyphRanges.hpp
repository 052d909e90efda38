#pragma once
// MapLibre glyph ranges (the style's `glyphs` URL: /fonts/{fontstack}/{range}.pbf)
// from the fonts installed on the server, so labels draw with no internet:
// each range of 256 code points is a protobuf `glyphs` message (MapLibre's
// glyphs.proto) of signed distance fields at 24 px with a 3 px buffer, the
// format fontnik writes. The font is the one fontconfig matches for the
// fontstack's first name ("Noto Sans CJK SC Regular" -> Noto Sans CJK SC,
// style Regular: Debian's fonts-noto-cjk); FreeType (>= 2.11) renders the
// distance fields (FT_RENDER_MODE_SDF). Ranges are built on first request
// and kept.
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace riskmap {

class GlyphRanges {
 public:
  GlyphRanges();
  ~GlyphRanges();
  GlyphRanges(const GlyphRanges&) = delete;
  GlyphRanges& operator=(const GlyphRanges&) = delete;

  // The protobuf of code points first..first+255 (first a multiple of 256,
  // below 65536) in the font matching `fontstack`; glyphs the font lacks are
  // left out, as fontnik leaves them. Throws std::invalid_argument for a bad
  // range and std::runtime_error when FreeType or fontconfig fail.
  std::string range(const std::string& fontstack, unsigned first);

  // The font file fontconfig gives a fontstack (what range() reads).
  static std::string fontFile(const std::string& fontstack, int& faceIndex);

 private:
  struct Library;
  std::unique_ptr<Library> library_;
  std::mutex mutex_;  // FreeType faces are not thread-safe
  std::map<std::pair<std::string, unsigned>, std::string> built_;
};

// Sizes MapLibre expects of glyph PBFs (fontnik's): the font size the
// distance fields are drawn at and the pixels around each glyph.
inline constexpr int kGlyphPixelSize = 24;
inline constexpr int kGlyphBuffer = 3;

}  // namespace riskmap
