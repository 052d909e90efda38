#pragma once
// Hatching, the look of a style's `fill-pattern` names: "hatch" (45 degree
// lines 8 px apart), "hatch-dense" (4 px apart), "crosshatch" (both
// diagonals, 8 px). The renderer fills with it; the web sprite
// (serve/SpriteSheet) cuts one period of it into a MapLibre pattern image.
#include <cairo.h>

#include <string>

#include "riskmap/render/Style.hpp"

namespace riskmap {

// The distance between the lines, in pixels at scale 1.
double hatchSpacing(const std::string& pattern);

// Hatches the inside of the current path (consumed) in colour c, 1 px lines;
// spacing and width scale with the HiDPI factor `scale`.
void hatch(cairo_t* cr, const std::string& pattern, const Rgba& c, double scale);

}  // namespace riskmap
