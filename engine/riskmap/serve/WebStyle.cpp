#include "riskmap/serve/WebStyle.hpp"

#include <charconv>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/render/Icons.hpp"
#include "riskmap/serve/Wmts.hpp"

namespace riskmap {

namespace {

bool parseNumber(std::string_view s, unsigned& v) {
  return !s.empty() && s.size() <= 5 && std::from_chars(s.data(), s.data() + s.size(), v).ptr == s.data() + s.size();
}

}  // namespace

WebStyle::WebStyle(const std::filesystem::path& file, const nlohmann::json& vectorLayers) {
  std::set<std::string> inTiles;
  if (vectorLayers.is_array())
    for (const nlohmann::json& l : vectorLayers)
      if (l.is_object() && l.contains("id") && l["id"].is_string()) inTiles.insert(l["id"].get<std::string>());
  nlohmann::json style = nlohmann::json::parse(readFile(file, "style"), nullptr, false);
  if (!style.is_object() || !style.contains("version") || !style.contains("layers"))
    throw UserError(file.string() + ": /style.json needs a MapLibre style (version 8)");
  Icons icons;
  if (style.contains("metadata") && style["metadata"].contains("riskmap:icons"))
    icons = Icons::load(file.parent_path() / style["metadata"]["riskmap:icons"].get<std::string>());
  sprite1_ = drawSpriteSheet(style, icons, 1);
  sprite2_ = drawSpriteSheet(style, icons, 2);
  style["sources"] = {{"riskmap", {{"type", "vector"}, {"url", "@BASE@/vector.json"}}}};
  style["glyphs"] = "@BASE@/fonts/{fontstack}/{range}.pbf";
  style["sprite"] = "@BASE@/sprite";
  nlohmann::json layers = nlohmann::json::array();
  for (nlohmann::json layer : style["layers"]) {
    if (!inTiles.empty() && !inTiles.count(layer.value("source-layer", ""))) continue;
    layer["source"] = "riskmap";
    if (layer.contains("layout") && layer["layout"].contains("text-field") && !layer["layout"].contains("text-font"))
      layer["layout"]["text-font"] = nlohmann::json::array({kWebLabelFont});
    layers.push_back(layer);
  }
  style["layers"] = layers;
  style_ = style.dump();
}

std::string WebStyle::style(const std::string& baseUrl) const {
  std::string body = style_;
  for (std::size_t at; (at = body.find("@BASE@")) != std::string::npos;) body.replace(at, 6, baseUrl);
  return body;
}

std::optional<std::string> WebStyle::glyphs(std::string_view path) {
  const auto slash = path.find('/');
  if (slash == std::string_view::npos || !path.ends_with(".pbf")) return std::nullopt;
  const std::string fontstack = percentDecode(path.substr(0, slash));
  std::string_view range = path.substr(slash + 1);
  range.remove_suffix(4);
  const auto dash = range.find('-');
  unsigned first = 0, last = 0;
  if (fontstack.empty() || dash == std::string_view::npos || !parseNumber(range.substr(0, dash), first) ||
      !parseNumber(range.substr(dash + 1), last) || first % 256 != 0 || last != first + 255 || first >= 65536)
    return std::nullopt;
  return glyphs_.range(fontstack, first);
}

}  // namespace riskmap
