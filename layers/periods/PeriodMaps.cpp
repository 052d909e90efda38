#include "PeriodMaps.hpp"

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

// The units' extent fitted into the frame (less a key's width on the right).
struct Fit {
  OGREnvelope e;
  Rect map;
  double k = 0, x0 = 0, y0 = 0;
  bool ok = false;
};

Fit fit(const std::map<std::string, std::shared_ptr<OGRGeometry>>& shapes, const PosterContext& c, const Rect& frame) {
  Fit f;
  for (const auto& [unit, shape] : shapes) {
    OGREnvelope u;
    shape->getEnvelope(&u);
    f.e.Merge(u);
  }
  if (!f.e.IsInit() || f.e.MaxX <= f.e.MinX || f.e.MaxY <= f.e.MinY) return f;
  f.map = {frame.x, frame.y, frame.w - 40 * c.mm, frame.h};
  f.k = std::min(f.map.w / (f.e.MaxX - f.e.MinX), f.map.h / (f.e.MaxY - f.e.MinY));
  f.x0 = f.map.x + (f.map.w - (f.e.MaxX - f.e.MinX) * f.k) / 2;
  f.y0 = f.map.y + (f.map.h - (f.e.MaxY - f.e.MinY) * f.k) / 2;
  f.ok = true;
  return f;
}

void keyRow(cairo_t* cr, const PosterContext& c, const Fit& f, double& y, double r, double g, double b, double line,
            const std::string& label) {
  cairo_rectangle(cr, f.map.right() + 4 * c.mm, y, 8 * c.mm, 5 * c.mm);
  if (r >= 0) {
    cairo_set_source_rgb(cr, r, g, b);
    cairo_fill_preserve(cr);
  }
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  cairo_set_line_width(cr, line);
  cairo_stroke(cr);
  c.text.draw(cr, label, c.body(), f.map.right() + 14 * c.mm, y, c.textColour());
  y += 7 * c.mm;
}

void keyTitle(cairo_t* cr, const PosterContext& c, const Fit& f, double& y, const std::string& title) {
  c.text.draw(cr, title, {c.tpl.panel.textSize, true, 0, 0, Align::Left}, f.map.right() + 4 * c.mm, y, c.textColour());
  y += c.text.measure(title, c.body()).height * 1.6;
}

}  // namespace

void drawIndexMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Ranking& r) {
  const Fit f = fit(r.shapes, c, frame);
  if (!f.ok) return;
  const OGREnvelope& e = f.e;
  const double k = f.k, x0 = f.x0, y0 = f.y0;
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
  double y = f.map.y;
  keyTitle(cr, c, f, y, "评价指数");
  for (int i = 4; i >= 0; --i) keyRow(cr, c, f, y, kClasses[i].r, kClasses[i].g, kClasses[i].b, 0.6, kClasses[i].label);
  keyRow(cr, c, f, y, -1, 0, 0, 2.2, "约谈");
  cairo_restore(cr);
}

void drawChangeMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Comparison& cmp) {
  const Fit f = fit(cmp.shapes, c, frame);
  if (!f.ok) return;
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (const ZoneChange& z : cmp.zones) {
    cairo_new_path(cr);
    trace(cr, *z.geometry, f.x0, f.y0, f.k, f.e);
    if (z.up) cairo_set_source_rgb(cr, 0.843, 0.188, 0.153);
    else cairo_set_source_rgb(cr, 0.271, 0.459, 0.706);
    cairo_fill(cr);
  }
  const Rgba ink = c.textColour();
  const TextSpec label{c.tpl.panel.textSize * 0.9, false, 0, 0, Align::Centre};
  for (const auto& [unit, shape] : cmp.shapes) {
    cairo_new_path(cr);
    trace(cr, *shape, f.x0, f.y0, f.k, f.e);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    OGRPoint at;
    if (shape->Centroid(&at) != OGRERR_NONE) continue;
    c.text.draw(cr, unit, label, f.x0 + (at.getX() - f.e.MinX) * f.k, f.y0 + (f.e.MaxY - at.getY()) * f.k, ink);
  }
  double y = f.map.y;
  keyTitle(cr, c, f, y, "风险等级变化");
  keyRow(cr, c, f, y, 0.843, 0.188, 0.153, 0.6, "升级");
  keyRow(cr, c, f, y, 0.271, 0.459, 0.706, 0.6, "降级");
  cairo_restore(cr);
}

}  // namespace riskmap::periods
