#pragma once
// What MapLibre GL JS needs besides the vector tiles to draw the map as the
// PNG tiles and the poster do: /style.json (the riskmap style, its source
// pointed at this server's /vector.json, `glyphs` and `sprite` at this
// server), the sprite (serve/SpriteSheet) and the glyph ranges
// (serve/GlyphRanges). Everything comes from the server itself: the
// intranet has no internet.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "riskmap/serve/GlyphRanges.hpp"
#include "riskmap/serve/SpriteSheet.hpp"

namespace riskmap {

// The font labels use when a layer names none: the one the PNG renderer
// draws with (Debian's fonts-noto-cjk).
inline constexpr const char* kWebLabelFont = "Noto Sans CJK SC Regular";

class WebStyle {
 public:
  // style: a MapLibre style file (styles/default.json); vectorLayers: the
  // vector tiles' vector_layers (layers over other tables are left out, as
  // MapLibre reports each as an error). Throws UserError for a file that is
  // no MapLibre style.
  WebStyle(const std::filesystem::path& style, const nlohmann::json& vectorLayers);

  // The style JSON with absolute URLs under baseUrl ("http://host:port", or
  // "" for relative ones).
  std::string style(const std::string& baseUrl) const;
  // The sprite's JSON or PNG at pixel ratio 1 or 2.
  const SpriteSheet& sprite(int pixelRatio) const { return pixelRatio == 2 ? sprite2_ : sprite1_; }
  // A glyph range "/fonts/{fontstack}/{first}-{last}.pbf" (the part after
  // "/fonts/", still URL-encoded): the protobuf, or nullopt for a path that
  // is no range.
  std::optional<std::string> glyphs(std::string_view path);

 private:
  std::string style_;  // with "@BASE@" for the server's address
  SpriteSheet sprite1_, sprite2_;
  GlyphRanges glyphs_;
};

}  // namespace riskmap
