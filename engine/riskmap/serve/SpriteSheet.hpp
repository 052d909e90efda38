#pragma once
// The MapLibre sprite of a style (the style's `sprite` URL: /sprite.json,
// /sprite.png, /sprite@2x.json, /sprite@2x.png), drawn with Cairo from what
// the PNG renderer draws: every icon of the style's icons file (the
// renderer's 16 px at icon-size 1, in an 18 px cell so strokes are whole)
// and one period of every hatching the style's `fill-pattern`s name, in the
// layer's `fill-outline-color` as the renderer hatches (render/Hatching).
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "riskmap/render/Icons.hpp"

namespace riskmap {

struct SpriteSheet {
  std::string index;  // the sprite's JSON: name -> x, y, width, height, pixelRatio
  std::string png;
};

// Icons and patterns for `style` (a MapLibre style) at pixelRatio 1 or 2.
SpriteSheet drawSpriteSheet(const nlohmann::json& style, const Icons& icons, int pixelRatio);

// The pattern names a `fill-pattern` value can give (its string literals
// but ""), with the colour of the layer's fill-outline-color.
std::map<std::string, std::string> fillPatterns(const nlohmann::json& style);

}  // namespace riskmap
