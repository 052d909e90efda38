#include "RankingMap.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>

#include "riskmap/print/Typesetter.hpp"

namespace riskmap::periods {
namespace {

struct ClassColour {
  double from;
  double r, g, b;
  const char* label;
};
// Index classes, worst first (ColorBrewer RdYlGn, 5 classes).
const ClassColour kClasses[] = {{0, 0.843, 0.188, 0.153, "< 20"},     {20, 0.988, 0.553, 0.349, "20-40"},
                                {40, 0.996, 0.878, 0.545, "40-60"},   {60, 0.569, 0.812, 0.376, "60-80"},
                                {80, 0.102, 0.596, 0.314, ">= 80"}};

const ClassColour& classOf(double index) {
  const ClassColour* c = &kClasses[0];
  for (const ClassColour& k : kClasses)
    if (index >= k.from) c = &k;
  return *c;
}

void tracePolygon(cairo_t* cr, const OGRPolygon& p, double x0, double y0, double k, const OGREnvelope& e) {
  for (int i = -1; i < p.getNumInteriorRings(); ++i) {
    const OGRLinearRing* ring = i < 0 ? p.getExteriorRing() : p.getInteriorRing(i);
    for (int j = 0; j < ring->getNumPoints(); ++j) {
      const double x = x0 + (ring->getX(j) - e.MinX) * k, y = y0 + (e.MaxY - ring->getY(j)) * k;
      j == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
  }
}

void trace(cairo_t* cr, const OGRGeometry& g, double x0, double y0, double k, const OGREnvelope& e) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) tracePolygon(cr, *g.toPolygon(), x0, y0, k, e);
  if (t == wkbMultiPolygon)
    for (const OGRPolygon* p : *g.toMultiPolygon()) tracePolygon(cr, *p, x0, y0, k, e);
}

}  // namespace

void drawIndexMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Ranking& r) {
  OGREnvelope e;
  for (const auto& [unit, shape] : r.shapes) {
    OGREnvelope u;
    shape->getEnvelope(&u);
    e.Merge(u);
  }
  if (!e.IsInit() || e.MaxX <= e.MinX || e.MaxY <= e.MinY) return;
  const double keyWidth = 40 * c.mm;
  const Rect map{frame.x, frame.y, frame.w - keyWidth, frame.h};
  const double k = std::min(map.w / (e.MaxX - e.MinX), map.h / (e.MaxY - e.MinY));
  const double x0 = map.x + (map.w - (e.MaxX - e.MinX) * k) / 2, y0 = map.y + (map.h - (e.MaxY - e.MinY) * k) / 2;
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (const RankedUnit& u : r.units) {
    const auto shape = r.shapes.find(u.unit);
    if (shape == r.shapes.end()) continue;
    const ClassColour& cc = classOf(u.index);
    cairo_new_path(cr);
    trace(cr, *shape->second, x0, y0, k, e);
    cairo_set_source_rgb(cr, cc.r, cc.g, cc.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, u.interview ? 2.2 : 0.6);
    cairo_stroke(cr);
  }
  const Rgba ink = c.textColour();
  const TextSpec label{c.tpl.panel.textSize * 0.9, false, 0, 0, Align::Centre};
  for (const RankedUnit& u : r.units) {
    const auto shape = r.shapes.find(u.unit);
    if (shape == r.shapes.end()) continue;
    OGRPoint at;
    if (shape->second->Centroid(&at) != OGRERR_NONE) continue;
    const double x = x0 + (at.getX() - e.MinX) * k, y = y0 + (e.MaxY - at.getY()) * k;
    const std::string text = u.unit + " " + std::to_string(u.rank) + (u.interview ? " 约谈" : "");
    c.text.draw(cr, text, label, x, y - c.text.measure(text, label).height / 2, ink);
  }
  // The key: one swatch per class, and the heavy outline.
  const TextSpec key = c.body();
  double y = map.y;
  c.text.draw(cr, "评价指数", {c.tpl.panel.textSize, true, 0, 0, Align::Left}, map.right() + 4 * c.mm, y, ink);
  y += c.text.measure("评价指数", key).height * 1.6;
  for (int i = 4; i >= 0; --i) {
    const ClassColour& cc = kClasses[i];
    cairo_rectangle(cr, map.right() + 4 * c.mm, y, 8 * c.mm, 5 * c.mm);
    cairo_set_source_rgb(cr, cc.r, cc.g, cc.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    c.text.draw(cr, cc.label, key, map.right() + 14 * c.mm, y, ink);
    y += 7 * c.mm;
  }
  cairo_rectangle(cr, map.right() + 4 * c.mm, y, 8 * c.mm, 5 * c.mm);
  cairo_set_line_width(cr, 2.2);
  cairo_stroke(cr);
  c.text.draw(cr, "约谈", key, map.right() + 14 * c.mm, y, ink);
  cairo_restore(cr);
}

}  // namespace riskmap::periods
