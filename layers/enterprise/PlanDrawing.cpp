#include "PlanDrawing.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace riskmap::enterprise {
namespace {

constexpr Rgba kUngraded{0.90, 0.90, 0.90, 1};
constexpr Rgba kInk{0.15, 0.15, 0.15, 1};
constexpr Rgba kRoad{0.78, 0.78, 0.78, 1};
constexpr Rgba kEvacuation{0.0, 0.62, 0.30, 1};  // GB 2894 safe-condition green

void source(cairo_t* cr, const Rgba& c, double alpha = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * alpha); }

void path(cairo_t* cr, const PlanShape& s, const PlanView& v) {
  for (const auto& part : s.parts) {
    for (std::size_t i = 0; i < part.size(); ++i) {
      const double x = v.toX(part[i].x), y = v.toY(part[i].y);
      if (i == 0) cairo_move_to(cr, x, y);
      else cairo_line_to(cr, x, y);
    }
    if (s.kind == PlanShape::Kind::Area) cairo_close_path(cr);
  }
}

void arrowHeads(cairo_t* cr, const PlanShape& s, const PlanView& v, double size) {
  for (const auto& part : s.parts) {
    if (part.size() < 2) continue;
    const PlanXY a = part[part.size() - 2], b = part.back();
    const double x = v.toX(b.x), y = v.toY(b.y), ang = std::atan2(v.toY(b.y) - v.toY(a.y), v.toX(b.x) - v.toX(a.x));
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - size * std::cos(ang - 0.45), y - size * std::sin(ang - 0.45));
    cairo_line_to(cr, x - size * std::cos(ang + 0.45), y - size * std::sin(ang + 0.45));
    cairo_close_path(cr);
    cairo_fill(cr);
  }
}

}  // namespace

Rgba gradeColour(const Palette& palette, RiskGrade g) {
  const auto& rgb = palette[g].rgb;
  return {rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1};
}

double markerRadius(const PosterContext& c) { return c.text.measure("88", c.body()).height * 0.62; }

void drawMarker(cairo_t* cr, const PosterContext& c, PlanXY at, double radius, const std::string& text, const Rgba& fill,
                RiskGrade grade) {
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_arc(cr, at.x, at.y, radius, 0, 2 * M_PI);
  source(cr, fill);
  cairo_fill_preserve(cr);
  source(cr, kInk);
  cairo_set_line_width(cr, 0.5 * c.text.scale());
  cairo_stroke(cr);
  cairo_restore(cr);
  // White on red and blue, black on orange and yellow: each reads at print size.
  const bool light = grade == RiskGrade::Major || grade == RiskGrade::Low;
  TextSpec spec = c.body(Align::Centre);
  spec.size *= text.size() > 2 ? 0.62 : 0.78;
  spec.bold = true;
  const TextSize t = c.text.measure(text, spec);
  c.text.draw(cr, text, spec, at.x, at.y - t.height / 2, light ? Rgba{1, 1, 1, 1} : kInk);
}

PlanView fitPlan(const SitePlan& plan, const Rect& frame, double denominator) {
  const auto e = plan.extent();
  PlanView v;
  v.cx = frame.x + frame.w / 2, v.cy = frame.y + frame.h / 2;
  v.mx = (e[0] + e[2]) / 2, v.my = (e[1] + e[3]) / 2;
  const double w = std::max(e[2] - e[0], 1e-9), h = std::max(e[3] - e[1], 1e-9);
  v.k = denominator > 0 ? 1000.0 / denominator * kPointsPerMm : std::min(frame.w / w, frame.h / h) * 0.94;
  return v;
}

std::vector<PlanXY> markerPositions(const SitePlan& plan, const RiskRegister& reg, const PlanView& v, double radius) {
  // Points without a place of their own sit in a row at their unit's anchor.
  std::map<std::string, int> count, placed;
  for (const RiskPoint& p : reg.points)
    if (!p.at) ++count[p.unit];
  std::vector<PlanXY> out;
  for (const RiskPoint& p : reg.points) {
    if (p.at) {
      out.push_back({v.toX(p.at->x), v.toY(p.at->y)});
      continue;
    }
    const PlanUnit* u = plan.findUnit(p.unit);
    const int n = count[p.unit], i = placed[p.unit]++;
    const int perRow = std::max(1, static_cast<int>(std::ceil(std::sqrt(n * 2.0))));
    const int row = i / perRow, col = i % perRow, inRow = std::min(perRow, n - row * perRow);
    const double step = radius * 2.2;
    out.push_back({v.toX(u->anchor.x) + (col - (inRow - 1) / 2.0) * step, v.toY(u->anchor.y) + row * step + radius * 1.2});
  }
  return out;
}

void drawPlan(cairo_t* cr, const PosterContext& c, const SitePlan& plan, const RiskRegister& reg,
              const PlantGrades& grades, const Palette& palette, const Rect& frame, const PlanView& v) {
  const double line = c.text.scale();
  cairo_save(cr);
  cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  auto each = [&](PlanRole role, auto&& f) {
    for (const PlanFeature& x : plan.features)
      if (x.role == role) f(x);
  };
  each(PlanRole::Roads, [&](const PlanFeature& f) {
    cairo_new_path(cr);
    path(cr, f.shape, v);
    source(cr, kRoad);
    cairo_set_line_width(cr, std::max(2.5 * line, 4.0 * v.k));  // a 4 m road where the scale allows
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke(cr);
  });
  for (const PlanUnit& u : plan.units) {
    const auto g = grades.unit(u.id);
    cairo_new_path(cr);
    path(cr, u.shape, v);
    source(cr, g ? gradeColour(palette, *g) : kUngraded, g ? 0.85 : 1);
    cairo_fill_preserve(cr);
    source(cr, kInk);
    cairo_set_line_width(cr, 0.7 * line);
    cairo_stroke(cr);
  }
  for (PlanRole role : {PlanRole::Buildings, PlanRole::Tanks, PlanRole::Fences}) {
    each(role, [&](const PlanFeature& f) {
      cairo_new_path(cr);
      path(cr, f.shape, v);
      source(cr, kInk);
      cairo_set_line_width(cr, (role == PlanRole::Fences ? 0.8 : 0.5) * line);
      const double dash[] = {4 * line, 2 * line};
      cairo_set_dash(cr, dash, role == PlanRole::Fences ? 2 : 0, 0);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    });
  }
  each(PlanRole::Evacuation, [&](const PlanFeature& f) {
    cairo_new_path(cr);
    path(cr, f.shape, v);
    source(cr, kEvacuation);
    cairo_set_line_width(cr, 1.6 * line);
    cairo_stroke(cr);
    arrowHeads(cr, f.shape, v, 6 * line);
  });
  const TextSpec small{c.tpl.panel.textSize * 0.75, false, 0, 0, Align::Centre};
  each(PlanRole::Assembly, [&](const PlanFeature& f) {
    double x = 0, y = 0, n = 0;
    for (const auto& part : f.shape.parts)
      for (const PlanXY& p : part) x += p.x, y += p.y, ++n;
    const double px = v.toX(x / n), py = v.toY(y / n), s = 5 * line;
    if (f.shape.kind == PlanShape::Kind::Area) {  // the assembly area; its sign is the point inside it
      cairo_new_path(cr);
      path(cr, f.shape, v);
      source(cr, kEvacuation, 0.25);
      cairo_fill_preserve(cr);
      source(cr, kEvacuation);
      cairo_set_line_width(cr, 0.6 * line);
      cairo_stroke(cr);
      if (f.label.empty()) return;
    }
    cairo_rectangle(cr, px - s, py - s, 2 * s, 2 * s);
    source(cr, kEvacuation);
    cairo_fill(cr);
    c.text.draw(cr, "集", {small.size, true, 0, 0, Align::Centre}, px, py - c.text.measure("集", small).height / 2 - 0.2,
                Rgba{1, 1, 1, 1});
    c.text.draw(cr, f.label.empty() ? "应急集合点" : f.label, small, px, py + s * 1.2, kEvacuation);
  });
  const double radius = markerRadius(c);
  for (const PlanUnit& u : plan.units) {
    const TextSize t = c.text.measure(u.id, small);
    c.text.draw(cr, u.id, small, v.toX(u.anchor.x), v.toY(u.anchor.y) - t.height - radius * 0.3, kInk);
  }
  const std::vector<PlanXY> at = markerPositions(plan, reg, v, radius);
  for (std::size_t i = 0; i < reg.points.size(); ++i) {
    const RiskPoint& p = reg.points[i];
    drawMarker(cr, c, at[i], radius, std::to_string(p.number), gradeColour(palette, p.grade), p.grade);
  }
  cairo_restore(cr);
}

}  // namespace riskmap::enterprise
