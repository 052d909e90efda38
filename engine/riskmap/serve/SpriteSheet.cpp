#include "riskmap/serve/SpriteSheet.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "riskmap/render/Cairo.hpp"
#include "riskmap/render/Hatching.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/render/TilePng.hpp"

namespace riskmap {

namespace {

constexpr int kIconPixels = 16;  // the renderer's icon at icon-size 1
constexpr int kIconCell = 18;    // with room for strokes across the 16 px box

void stringsIn(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  if (v.is_array())
    for (std::size_t i = v.size() && v[0].is_string() && v[0] == "get" ? v.size() : 0; i < v.size(); ++i) stringsIn(v[i], out);
}

struct Cell {
  std::string name;
  int width, height;  // device pixels
  std::string pattern, colour;  // a hatching, or an icon when pattern is empty
};

}  // namespace

std::map<std::string, std::string> fillPatterns(const nlohmann::json& style) {
  std::map<std::string, std::string> out;
  for (const nlohmann::json& layer : style.value("layers", nlohmann::json::array())) {
    if (!layer.contains("paint") || !layer["paint"].contains("fill-pattern")) continue;
    const nlohmann::json& paint = layer["paint"];
    const std::string colour = paint.contains("fill-outline-color") && paint["fill-outline-color"].is_string()
                                   ? paint["fill-outline-color"].get<std::string>() : "#000000";
    std::vector<std::string> names;
    stringsIn(paint["fill-pattern"], names);
    // A match's labels are strings too ("A", "B"): keep the names the
    // renderer hatches.
    for (const std::string& n : names)
      if (n == "hatch" || n == "hatch-dense" || n == "crosshatch") out.emplace(n, colour);
  }
  return out;
}

SpriteSheet drawSpriteSheet(const nlohmann::json& style, const Icons& icons, int pixelRatio) {
  std::vector<Cell> cells;
  for (const std::string& name : icons.names()) cells.push_back({name, kIconCell * pixelRatio, kIconCell * pixelRatio, "", ""});
  for (const auto& [name, colour] : fillPatterns(style)) {
    const int side = static_cast<int>(std::lround(hatchSpacing(name) * pixelRatio));
    cells.push_back({name, side, side, name, colour});
  }
  int width = 0, height = 1;
  for (const Cell& c : cells) width += c.width, height = std::max(height, c.height);
  width = std::max(width, 1);
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
  CairoPtr cr(cairo_create(surface.get()));
  nlohmann::json index = nlohmann::json::object();
  int x = 0;
  for (const Cell& c : cells) {
    cairo_save(cr.get());
    cairo_rectangle(cr.get(), x, 0, c.width, c.height);
    cairo_clip(cr.get());
    if (c.pattern.empty()) {
      icons.draw(cr.get(), c.name, x + c.width / 2.0, c.height / 2.0, kIconPixels * pixelRatio);
    } else {
      // Hatch three periods each way and keep the middle one: its lines
      // run on across every edge, so the image tiles without seams.
      cairo_translate(cr.get(), x - c.width, -c.height);
      cairo_rectangle(cr.get(), 0, 0, 3 * c.width, 3 * c.height);
      hatch(cr.get(), c.pattern, parseColour(c.colour), pixelRatio);
    }
    cairo_restore(cr.get());
    index[c.name] = {{"x", x}, {"y", 0}, {"width", c.width}, {"height", c.height}, {"pixelRatio", pixelRatio}};
    x += c.width;
  }
  cairo_surface_flush(surface.get());
  PngOptions png;
  png.zlibLevel = 9;
  return {index.dump(), encodePng(cairo_image_surface_get_data(surface.get()), width, height,
                                  cairo_image_surface_get_stride(surface.get()), png)};
}

}  // namespace riskmap
