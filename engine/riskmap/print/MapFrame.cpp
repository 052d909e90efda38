#include "riskmap/print/MapFrame.hpp"

#include <cmath>
#include <functional>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PrintScale.hpp"

namespace riskmap {
namespace {

TextSpec tickText(const PosterContext& c) { return {c.tpl.map.tickLabelSize, false, 0, 0, Align::Centre}; }

}  // namespace

std::vector<EdgeTick> edgeTicks(const MapView& view, const Rect& frame, int minTicks) {
  OGRSpatialReference map(view.crs), geo = srsFromEpsg(4490);
  map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const CoordinateTransformationPtr toGeo = makeTransformation(map, geo);
  const double res = view.resolution();
  // Degrees (lon or lat) at a fraction t along an edge.
  auto along = [&](char side, double t, double& px, double& py) {
    px = side == 'l' ? frame.x : side == 'r' ? frame.right() : frame.x + t * frame.w;
    py = side == 'b' ? frame.bottom() : side == 't' ? frame.y : frame.bottom() - t * frame.h;
    double x = view.minX + (px - frame.x) * res, y = view.maxY - (py - frame.y) * res;
    toGeo->Transform(1, &x, &y);
    return side == 'b' || side == 't' ? x : y;
  };
  std::vector<EdgeTick> ticks;
  for (char side : {'b', 't', 'l', 'r'}) {
    double px, py;
    const double first = along(side, 0, px, py), last = along(side, 1, px, py);
    const double interval = tickIntervalDegrees(std::fabs(last - first), minTicks);
    const int steps = 256;
    double prev = first;
    for (int i = 1; i <= steps; ++i) {
      const double t1 = static_cast<double>(i) / steps;
      const double cur = along(side, t1, px, py);
      const double k = std::floor(cur / interval);
      if (k != std::floor(prev / interval)) {
        const double target = (cur > prev ? k : k + 1) * interval;
        double lo = static_cast<double>(i - 1) / steps, hi = t1;
        for (int it = 0; it < 40; ++it) {
          const double mid = (lo + hi) / 2;
          ((along(side, mid, px, py) < target) == (prev < target) ? lo : hi) = mid;
        }
        along(side, (lo + hi) / 2, px, py);
        ticks.push_back({side, px, py, target});
      }
      prev = cur;
    }
  }
  return ticks;
}

void traceRings(cairo_t* cr, const OGRGeometry& g, const MapView& v) {
  const double res = v.resolution();
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      for (const OGRLinearRing* ring : *g.toPolygon()) {
        for (int i = 0; i < ring->getNumPoints(); ++i) {
          const double x = (ring->getX(i) - v.minX) / res, y = (v.maxY - ring->getY(i)) / res;
          i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
        }
        cairo_close_path(cr);
      }
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) traceRings(cr, *part, v);
      break;
    default:
      break;
  }
}

MapView fitView(const OGREnvelope& e, double margin, const Rect& frame, const std::vector<double>& scales,
                const OGRSpatialReference& crs, double& scale) {
  const double extraX = (e.MaxX - e.MinX) * margin, extraY = (e.MaxY - e.MinY) * margin;
  scale = fitRoundScale(scales, e.MaxX - e.MinX + 2 * extraX, e.MaxY - e.MinY + 2 * extraY, frame.w, frame.h);
  const double metresPerPoint = scale * 0.001 / kPointsPerMm;
  const double cx = (e.MinX + e.MaxX) / 2, cy = (e.MinY + e.MaxY) / 2;
  MapView v;
  v.crs = crs;
  v.width = static_cast<int>(frame.w), v.height = static_cast<int>(frame.h);
  v.minX = cx - frame.w * metresPerPoint / 2, v.maxX = cx + frame.w * metresPerPoint / 2;
  v.minY = cy - frame.h * metresPerPoint / 2, v.maxY = cy + frame.h * metresPerPoint / 2;
  v.snapHairlines = false;
  return v;
}

double tickBand(const PosterContext& c) {
  return c.tpl.map.tickMm * c.mm * 1.3 + c.text.measure("0°", tickText(c)).height;
}

void drawMapFrame(cairo_t* cr, const PosterContext& c, Renderer& renderer, const Rect& frame) {
  const MapView& v = c.view;
  cairo_save(cr);
  cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
  cairo_clip(cr);
  cairo_translate(cr, frame.x, frame.y);
  renderer.render(cr, v);
  // Fade everything outside the study area, then redraw its outline on top.
  cairo_new_path(cr);
  cairo_rectangle(cr, 0, 0, frame.w, frame.h);
  traceRings(cr, *c.data.studyArea, v);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  const Rgba mask = parseColour(c.tpl.map.maskColour);
  cairo_set_source_rgba(cr, mask.r, mask.g, mask.b, c.tpl.map.maskOpacity);
  cairo_fill(cr);
  cairo_new_path(cr);
  traceRings(cr, *c.data.studyArea, v);
  const Rgba outline = parseColour(c.tpl.map.outlineColour);
  cairo_set_source_rgba(cr, outline.r, outline.g, outline.b, outline.a);
  cairo_set_line_width(cr, c.tpl.map.outlinePt * v.scaleFactor);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  cairo_restore(cr);

  const Rgba ink = c.textColour();
  cairo_save(cr);
  cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
  cairo_set_line_width(cr, c.tpl.map.framePt * c.text.scale());
  cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
  cairo_stroke(cr);
  const double tick = c.tpl.map.tickMm * c.mm;
  cairo_set_line_width(cr, 0.7 * c.text.scale());
  for (const EdgeTick& t : edgeTicks(v, frame, c.tpl.map.minTicks)) {
    const bool lon = t.side == 'b' || t.side == 't';
    const std::string label = degreesText(t.degrees, lon);
    const TextSize s = c.text.measure(label, tickText(c));
    // A label that would reach past the frame's corner is left out, so the
    // corners stay clear and no two sides' labels meet.
    const double along = lon ? t.x - frame.x : frame.bottom() - t.y, length = lon ? frame.w : frame.h;
    if (along < s.width / 2 || along > length - s.width / 2) continue;
    const double dx = t.side == 'l' ? -1 : t.side == 'r' ? 1 : 0, dy = t.side == 't' ? -1 : t.side == 'b' ? 1 : 0;
    cairo_move_to(cr, t.x, t.y);
    cairo_line_to(cr, t.x + dx * tick, t.y + dy * tick);
    cairo_stroke(cr);
    const double gap = tick * 1.3;
    cairo_save(cr);
    if (lon) {
      c.text.draw(cr, label, tickText(c), t.x, t.side == 'b' ? t.y + gap : t.y - gap - s.height, ink);
    } else {
      // Latitudes read upward along the side edges.
      cairo_translate(cr, t.x + dx * gap + (t.side == 'l' ? -s.height : 0), t.y);
      cairo_rotate(cr, -M_PI / 2);
      c.text.draw(cr, label, tickText(c), 0, 0, ink);
    }
    cairo_restore(cr);
  }
  cairo_restore(cr);
}

}  // namespace riskmap
