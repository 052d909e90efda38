#pragma once
// Poster text: Pango-shaped (Noto Sans CJK), measured and drawn in points
// with unhinted metrics, so a text measures the same in the layout, the PDF
// and every band of a PNG at any dpi.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>

#include "riskmap/render/Cairo.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {

struct TextSize {
  double width = 0, height = 0;
};

enum class Align { Left, Centre, Right };

struct TextSpec {
  double size = 12;        // points before the poster's text scale
  bool bold = false;
  double wrapWidth = 0;    // > 0: wrap at this width (points)
  double clipWidth = 0;    // > 0: one line, ellipsized to this width
  Align align = Align::Left;
};

class Typesetter {
 public:
  Typesetter(std::string family, double scale);
  double scale() const { return scale_; }
  double size(double pt) const { return pt * scale_; }  // a template size on this poster

  TextSize measure(const std::string& text, const TextSpec& spec) const;
  // Top-left (Left), top-centre (Centre) or top-right (Right) at (x, y).
  TextSize draw(cairo_t* cr, const std::string& text, const TextSpec& spec, double x, double y, const Rgba& colour) const;

 private:
  void setUp(PangoLayout* layout, const std::string& text, const TextSpec& spec) const;

  std::string family_;
  double scale_;
  std::unique_ptr<PangoContext, GObjectDeleter> measuring_;
};

}  // namespace riskmap
