// The legend: the four grades first (the zones layer's rows), then every
// other symbol the map shows, in style order; as many columns as fit.
#include <algorithm>
#include <cmath>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {
namespace {

class LegendBlock : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override {
    const Grid g = grid(c, width);
    if (g.columns == 0) return kDoesNotFit;
    return headingHeight(c) + g.rowsPerColumn * g.rowHeight;
  }

  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    drawHeading(cr, c, c.tpl.legend.heading, r);
    const Grid g = grid(c, r.w);
    const double sw = c.tpl.legend.swatchWidthMm * c.mm, sh = c.tpl.legend.swatchHeightMm * c.mm;
    for (std::size_t i = 0; i < c.legend.size(); ++i) {
      const LegendRow& row = c.legend[i];
      const double x = r.x + static_cast<double>(i / g.rowsPerColumn) * g.columnWidth;
      const double y = r.y + headingHeight(c) + static_cast<double>(i % g.rowsPerColumn) * g.rowHeight;
      const double sy = y + (g.rowHeight - sh) / 2;
      cairo_save(cr);
      cairo_rectangle(cr, x, sy, sw, sh);
      cairo_clip(cr);
      if (c.renderer)
        for (const StyleLayer* layer : row.layers) c.renderer->drawLegendSymbol(cr, *layer, row.properties, x, sy, sw, sh, c.view.scaleFactor);
      cairo_restore(cr);
      const TextSize t = c.text.measure(row.label, c.body());
      c.text.draw(cr, row.label, c.body(), x + sw + gap(c), y + (g.rowHeight - t.height) / 2, c.textColour());
    }
  }

 private:
  struct Grid {
    int columns = 0;
    std::size_t rowsPerColumn = 0;
    double columnWidth = 0, rowHeight = 0;
  };

  static double gap(const PosterContext& c) { return 2.5 * c.mm; }

  static Grid grid(const PosterContext& c, double width) {
    const double sw = c.tpl.legend.swatchWidthMm * c.mm, sh = c.tpl.legend.swatchHeightMm * c.mm;
    double label = 0, textHeight = 0;
    for (const LegendRow& row : c.legend) {
      const TextSize t = c.text.measure(row.label, c.body());
      label = std::max(label, t.width);
      textHeight = std::max(textHeight, t.height);
    }
    Grid g;
    g.columnWidth = sw + gap(c) + label + 2 * gap(c);
    g.columns = std::min(3, static_cast<int>((width + 2 * gap(c)) / g.columnWidth));
    if (g.columns == 0 || c.legend.empty()) return g;
    g.columnWidth = width / g.columns;
    g.rowsPerColumn = (c.legend.size() + g.columns - 1) / g.columns;
    g.rowHeight = std::max(sh, textHeight) * 1.3;
    return g;
  }
};

}  // namespace

std::unique_ptr<PosterBlock> makeLegendBlock() { return std::make_unique<LegendBlock>(); }

}  // namespace riskmap
