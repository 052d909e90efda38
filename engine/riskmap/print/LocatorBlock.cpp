// The locator inset: the county (highlighted) among the units round it
// (the project's [poster] locator table: its city or province).
#include <algorithm>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {
namespace {

void trace(cairo_t* cr, const OGRGeometry& g, double x0, double y0, double k, double minX, double maxY) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      for (const OGRLinearRing* ring : *g.toPolygon()) {
        for (int i = 0; i < ring->getNumPoints(); ++i) {
          const double x = x0 + (ring->getX(i) - minX) * k, y = y0 + (maxY - ring->getY(i)) * k;
          i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
        }
        cairo_close_path(cr);
      }
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) trace(cr, *part, x0, y0, k, minX, maxY);
      break;
    default:
      break;
  }
}

class LocatorBlock : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override {
    const OGREnvelope e = extent(c);
    const double aspect = std::clamp((e.MaxY - e.MinY) / (e.MaxX - e.MinX), 0.4, c.tpl.locator.maxAspect);
    return headingHeight(c) + std::min(width, c.tpl.locator.maxWidthMm * c.mm) * aspect;
  }

  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    drawHeading(cr, c, c.tpl.locator.heading, r);
    const double w = std::min(r.w, c.tpl.locator.maxWidthMm * c.mm);
    const Rect box{r.x + (r.w - w) / 2, r.y + headingHeight(c), w, r.h - headingHeight(c)};
    const OGREnvelope e = extent(c);
    const double pad = 0.05;
    const double k = std::min(box.w * (1 - 2 * pad) / (e.MaxX - e.MinX), box.h * (1 - 2 * pad) / (e.MaxY - e.MinY));
    const double x0 = box.x + (box.w - (e.MaxX - e.MinX) * k) / 2, y0 = box.y + (box.h - (e.MaxY - e.MinY) * k) / 2;
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_clip(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    const Rgba fill = parseColour(c.tpl.locator.fill), outline = parseColour(c.tpl.locator.outline),
               highlight = parseColour(c.tpl.locator.highlight);
    for (const auto& g : c.data.context) {
      cairo_new_path(cr);
      trace(cr, *g, x0, y0, k, e.MinX, e.MaxY);
      cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
      cairo_fill_preserve(cr);
      cairo_set_source_rgba(cr, outline.r, outline.g, outline.b, outline.a);
      cairo_set_line_width(cr, 0.6 * c.text.scale());
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
    trace(cr, *c.data.studyArea, x0, y0, k, e.MinX, e.MaxY);
    cairo_set_source_rgba(cr, highlight.r, highlight.g, highlight.b, highlight.a);
    cairo_fill(cr);
    cairo_restore(cr);
    const Rgba rule = c.ruleColour();
    cairo_set_source_rgba(cr, rule.r, rule.g, rule.b, rule.a);
    cairo_set_line_width(cr, 0.6 * c.text.scale());
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_stroke(cr);
  }

 private:
  // Without a locator table the inset shows the study area alone.
  static OGREnvelope extent(const PosterContext& c) {
    OGREnvelope e;
    c.data.studyArea->getEnvelope(&e);
    for (const auto& g : c.data.context) {
      OGREnvelope ge;
      g->getEnvelope(&ge);
      e.Merge(ge);
    }
    return e;
  }
};

}  // namespace

std::unique_ptr<PosterBlock> makeLocatorBlock() { return std::make_unique<LocatorBlock>(); }

}  // namespace riskmap
