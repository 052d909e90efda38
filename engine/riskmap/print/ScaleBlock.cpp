// The scale: the numeric scale, a bar of round divisions and, beside it, a
// north arrow turned to true north (grid north differs by the meridian
// convergence away from the projection's central meridian).
#include <algorithm>
#include <cmath>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/print/PrintScale.hpp"
#include "riskmap/print/ScaleBlock.hpp"

namespace riskmap {

double trueNorthAngle(const MapView& view) {
  OGRSpatialReference geo = srsFromEpsg(4490), map(view.crs);
  map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = (view.minX + view.maxX) / 2, y = (view.minY + view.maxY) / 2;
  if (!makeTransformation(map, geo)->Transform(1, &x, &y)) return 0;
  double xs[2] = {x, x}, ys[2] = {y, y + 0.01};
  if (!makeTransformation(geo, map)->Transform(2, xs, ys)) return 0;
  return std::atan2(xs[1] - xs[0], ys[1] - ys[0]);
}

ScaleBlockGeometry scaleBlockGeometry(const PosterContext& c, double width) {
  ScaleBlockGeometry g;
  const TextSize numeric = c.text.measure(c.tpl.scale.prefix + scaleText(c.scale), bigText(c));
  const TextSize small = c.text.measure("0", smallText(c));
  g.arrowSize = 3.2 * small.height;
  g.numericTop = headingHeight(c);
  g.labelTop = g.numericTop + numeric.height * 1.2;
  g.barTop = g.labelTop + small.height * 1.1;
  g.barHeight = 0.45 * small.height;
  g.height = std::max(g.barTop + g.barHeight + small.height * 0.6, headingHeight(c) + g.arrowSize * 1.25);
  const double unit = c.text.measure("千米", smallText(c)).width;
  const double room = width - g.arrowSize * 1.6 - unit - small.height;
  g.bar = roundScaleBar(c.scale, room);
  if (room <= 0 || numeric.width > width - g.arrowSize * 1.6) g.height = kDoesNotFit;
  return g;
}

TextSpec bigText(const PosterContext& c) { return {c.tpl.panel.textSize * 1.25, true, 0, 0, Align::Left}; }
TextSpec smallText(const PosterContext& c) { return {c.tpl.panel.textSize * 0.85, false, 0, 0, Align::Centre}; }

namespace {

void northArrow(cairo_t* cr, const PosterContext& c, double cx, double top, double size) {
  const double angle = trueNorthAngle(c.view);
  const TextSize n = c.text.measure("N", {c.tpl.panel.textSize, true, 0, 0, Align::Centre});
  c.text.draw(cr, "N", {c.tpl.panel.textSize, true, 0, 0, Align::Centre}, cx, top, c.textColour());
  const double cy = top + n.height + size / 2, l = size;
  cairo_save(cr);
  cairo_translate(cr, cx, cy);
  cairo_rotate(cr, angle);
  cairo_set_line_width(cr, 0.8 * c.text.scale());
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  // Left half black, right half white: the classic arrowhead reads at any size.
  cairo_move_to(cr, 0, -l / 2);
  cairo_line_to(cr, -l / 4, l / 2);
  cairo_line_to(cr, 0, l / 4);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  cairo_fill_preserve(cr);
  cairo_stroke(cr);
  cairo_move_to(cr, 0, -l / 2);
  cairo_line_to(cr, l / 4, l / 2);
  cairo_line_to(cr, 0, l / 4);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  cairo_stroke(cr);
  cairo_restore(cr);
}

class ScaleBlock : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override { return scaleBlockGeometry(c, width).height; }

  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    drawHeading(cr, c, c.tpl.scale.heading, r);
    const ScaleBlockGeometry g = scaleBlockGeometry(c, r.w);
    c.text.draw(cr, c.tpl.scale.prefix + scaleText(c.scale), bigText(c), r.x, r.y + g.numericTop, c.textColour());
    const double x0 = r.x + c.text.measure("0", smallText(c)).width / 2 + 1;
    const double seg = g.bar.lengthPoints / g.bar.divisions;
    const Rgba ink = c.textColour();
    cairo_save(cr);
    cairo_set_line_width(cr, 0.6 * c.text.scale());
    for (int i = 0; i < g.bar.divisions; ++i) {
      cairo_rectangle(cr, x0 + i * seg, r.y + g.barTop, seg, g.barHeight);
      if (i % 2 == 0) cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
      else cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_fill_preserve(cr);
      cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
      cairo_stroke(cr);
    }
    cairo_restore(cr);
    for (int i = 0; i <= g.bar.divisions; ++i)
      c.text.draw(cr, g.bar.labels[i], smallText(c), x0 + i * seg, r.y + g.labelTop, ink);
    TextSpec unit = smallText(c);
    unit.align = Align::Left;
    const double unitHeight = c.text.measure(g.bar.unit, unit).height;
    c.text.draw(cr, g.bar.unit, unit, x0 + g.bar.lengthPoints + unitHeight * 0.6,
                r.y + g.barTop + g.barHeight / 2 - unitHeight / 2, ink);
    northArrow(cr, c, r.right() - g.arrowSize * 0.6, r.y + headingHeight(c), g.arrowSize);
  }
};

}  // namespace

std::unique_ptr<PosterBlock> makeScaleBlock() { return std::make_unique<ScaleBlock>(); }

}  // namespace riskmap
