#include "riskmap/render/Hatching.hpp"

namespace riskmap {

double hatchSpacing(const std::string& pattern) { return pattern == "hatch-dense" ? 4.0 : 8.0; }

void hatch(cairo_t* cr, const std::string& pattern, const Rgba& c, double scale) {
  const double spacing = hatchSpacing(pattern) * scale;
  double x0, y0, x1, y1;
  cairo_save(cr);
  cairo_path_extents(cr, &x0, &y0, &x1, &y1);  // before the clip consumes the path
  cairo_clip(cr);
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
  cairo_set_line_width(cr, 1 * scale);
  const double h = y1 - y0;
  for (double x = x0 - h; x < x1; x += spacing) {
    cairo_move_to(cr, x, y1);
    cairo_line_to(cr, x + h, y0);
    if (pattern == "crosshatch") {
      cairo_move_to(cr, x, y0);
      cairo_line_to(cr, x + h, y1);
    }
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace riskmap
