#include "riskmap/terrain/FlowPath.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>
#include <vector>

namespace riskmap {
namespace {

struct XY {
  double x, y;
};

struct PreparedDeleter {
  void operator()(OGRPreparedGeometry* p) const { OGRDestroyPreparedGeometry(p); }
};

XY centreOf(const Dem& dem, Cell c) {
  XY p;
  dem.centre(c, p.x, p.y);
  return p;
}

double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

std::string where(XY p) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.0f, %.0f)", p.x, p.y);
  return buf;
}

// The points of the start geometry's outline, one every `step` metres.
void outlinePoints(const OGRGeometry& g, double step, std::vector<XY>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const OGRPoint* p = g.toPoint();
      out.push_back({p->getX(), p->getY()});
      break;
    }
    case wkbLineString: {
      std::unique_ptr<OGRLineString> l(g.toLineString()->clone());
      l->segmentize(step);
      for (int i = 0; i < l->getNumPoints(); ++i) out.push_back({l->getX(i), l->getY(i)});
      break;
    }
    case wkbPolygon:
      if (const OGRLinearRing* r = g.toPolygon()->getExteriorRing()) outlinePoints(*r, step, out);
      break;
    case wkbLinearRing: {
      OGRLineString l(*g.toLineString());
      outlinePoints(l, step, out);
      break;
    }
    default:
      if (const OGRGeometryCollection* c = dynamic_cast<const OGRGeometryCollection*>(&g))
        for (const OGRGeometry* part : *c) outlinePoints(*part, step, out);
  }
}

// The size of a cell in metres in the analysis CRS near c (the lesser side).
double cellStep(const Dem& dem, Cell c) {
  const XY o = centreOf(dem, c);
  const Cell e{c.col + (c.col + 1 < dem.width() ? 1 : -1), c.row};
  const Cell s{c.col, c.row + (c.row + 1 < dem.height() ? 1 : -1)};
  double step = 0;
  if (dem.width() > 1) step = dist(o, centreOf(dem, e));
  if (dem.height() > 1) step = step > 0 ? std::min(step, dist(o, centreOf(dem, s))) : dist(o, centreOf(dem, s));
  return step > 0 ? step : 1.0;
}

struct Vertex {
  XY at;
  double along;  // metres from the start
  double z;      // ground height of its cell, m
};

// Half-width of the flooded cross-section at vertex i: the ground across
// the path, both sides, up to flowDepthM above the path's height.
void crossSection(const Dem& dem, const std::vector<Vertex>& v, std::size_t i, double step,
                  const FlowPathRequest& req, double& left, double& right, int& cut) {
  const XY a = v[i == 0 ? 0 : i - 1].at, b = v[i + 1 < v.size() ? i + 1 : i].at;
  double tx = b.x - a.x, ty = b.y - a.y;
  const double n = std::hypot(tx, ty);
  if (n == 0) {
    left = right = req.minHalfWidthM;
    return;
  }
  tx /= n, ty /= n;
  const double nx = -ty, ny = tx;  // left of the flow
  for (int side = 0; side < 2; ++side) {
    const double sign = side == 0 ? 1 : -1;
    double reached = 0;
    for (int k = 1;; ++k) {
      const double s = k * step;
      if (s > req.maxHalfWidthM) break;
      const auto c = dem.cellAt(v[i].at.x + sign * nx * s, v[i].at.y + sign * ny * s);
      const auto h = c ? dem.height(*c) : std::nullopt;
      if (!h) {
        ++cut;
        break;
      }
      if (*h > v[i].z + req.flowDepthM) break;
      reached = s;
    }
    const double half = std::clamp(reached + step / 2, req.minHalfWidthM, req.maxHalfWidthM);
    (side == 0 ? left : right) = half;
  }
}

// The corridor from the start to `upTo` metres along the path: the union of
// each segment's hull of its two cross-sections.
std::unique_ptr<OGRGeometry> ribbon(const std::vector<Vertex>& v, const std::vector<double>& left,
                                    const std::vector<double>& right, double upTo) {
  OGRMultiPolygon hulls;
  auto side = [&](std::size_t i, double sign, double half) {
    const XY a = v[i == 0 ? 0 : i - 1].at, b = v[i + 1 < v.size() ? i + 1 : i].at;
    double tx = b.x - a.x, ty = b.y - a.y;
    const double n = std::hypot(tx, ty);
    if (n > 0) tx /= n, ty /= n;
    return XY{v[i].at.x - sign * ty * half, v[i].at.y + sign * tx * half};
  };
  for (std::size_t i = 0; i + 1 < v.size() && v[i].along < upTo; ++i) {
    std::size_t j = i + 1;
    XY pl[2] = {side(i, 1, left[i]), side(j, 1, left[j])};
    XY pr[2] = {side(i, -1, right[i]), side(j, -1, right[j])};
    if (v[j].along > upTo) {  // the last segment, cut where upTo falls
      const double f = (upTo - v[i].along) / (v[j].along - v[i].along);
      for (XY* p : {pl, pr}) p[1] = {p[0].x + f * (p[1].x - p[0].x), p[0].y + f * (p[1].y - p[0].y)};
    }
    OGRMultiPoint corners;
    for (const XY& p : {pl[0], pl[1], pr[1], pr[0]}) corners.addGeometryDirectly(new OGRPoint(p.x, p.y));
    std::unique_ptr<OGRGeometry> hull(corners.ConvexHull());
    if (hull && wkbFlatten(hull->getGeometryType()) == wkbPolygon) hulls.addGeometry(hull.get());
  }
  if (hulls.IsEmpty()) return nullptr;
  return std::unique_ptr<OGRGeometry>(hulls.UnionCascaded());
}

}  // namespace

const char* flowEndName(FlowEnd end) {
  switch (end) {
    case FlowEnd::Length: return "run-out length reached";
    case FlowEnd::Sink: return "ponded in a sink";
    case FlowEnd::LeftDem: return "left the DEM";
    case FlowEnd::NoData: return "reached a hole in the DEM";
    case FlowEnd::NoDem: return "no usable DEM";
  }
  return "?";
}

FlowPath traceFlow(const Dem& dem, const OGRGeometry& start, const FlowPathRequest& req) {
  FlowPath out;
  out.requestedM = req.lengthM;
  out.verticalUnit = dem.verticalUnit();
  if (!dem.unusable().empty()) {
    out.end = FlowEnd::NoDem;
    out.why = dem.unusable();
    out.whyZh = dem.unusableZh();
    return out;
  }
  // The start: the lowest known cell under the start geometry's outline.
  std::vector<XY> points;
  {
    OGREnvelope e;
    start.getEnvelope(&e);
    const auto any = dem.cellAt((e.MinX + e.MaxX) / 2, (e.MinY + e.MaxY) / 2);
    outlinePoints(start, any ? cellStep(dem, *any) / 2 : 5.0, points);
  }
  std::optional<Cell> cur;
  double z = 0;
  bool outside = false;
  for (const XY& p : points) {
    const auto c = dem.cellAt(p.x, p.y);
    const auto h = c ? dem.height(*c) : std::nullopt;
    if (!c) outside = true;
    if (h && (!cur || *h < z)) cur = c, z = *h;
  }
  if (!cur) {
    out.end = outside ? FlowEnd::LeftDem : FlowEnd::NoData;
    out.why = outside ? "the dam lies outside the DEM" : "the DEM has no data under the dam";
    out.whyZh = outside ? "坝址在高程数据范围之外" : "坝址处高程数据缺失";
    return out;
  }
  std::unique_ptr<OGRPreparedGeometry, PreparedDeleter> exclude;
  if (req.exclude) exclude.reset(OGRCreatePreparedGeometry(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(req.exclude))));
  auto excluded = [&](XY p) {
    if (!exclude) return false;
    OGRPoint pt(p.x, p.y);
    return OGRPreparedGeometryContains(exclude.get(), OGRGeometry::ToHandle(&pt)) != 0;
  };
  auto key = [&](Cell c) { return static_cast<long long>(c.row) * dem.width() + c.col; };

  const double step = cellStep(dem, *cur);
  std::vector<Vertex> v{{centreOf(dem, *cur), 0, z}};
  std::unordered_set<long long> visited{key(*cur)};
  out.startHeightM = z;
  out.end = FlowEnd::Length;
  while (v.back().along < req.lengthM) {
    const XY here = v.back().at;
    std::optional<Cell> steepest, lowest;
    double bestSlope = 0, lowestZ = 0, bestD = 0, lowestD = 0;
    bool edge = false, hole = false;
    for (int dr = -1; dr <= 1; ++dr)
      for (int dc = -1; dc <= 1; ++dc) {
        if (!dr && !dc) continue;
        const Cell n{cur->col + dc, cur->row + dr};
        if (!dem.contains(n)) {
          edge = true;
          continue;
        }
        const auto h = dem.height(n);
        if (!h) {
          hole = true;
          continue;
        }
        if (visited.count(key(n))) continue;
        const XY at = centreOf(dem, n);
        if (excluded(at)) continue;
        const double d = dist(here, at), slope = (z - *h) / d;
        if (slope > bestSlope) steepest = n, bestSlope = slope, bestD = d;
        if (!lowest || *h < lowestZ) lowest = n, lowestZ = *h, lowestD = d;
      }
    if (edge || hole) {
      out.end = edge ? FlowEnd::LeftDem : FlowEnd::NoData;
      out.why = std::string(edge ? "the path reached the edge of the DEM at " : "the path reached no-data cells of the DEM at ") +
                where(here);
      out.whyZh = "下泄路径在 " + where(here) + (edge ? " 处到达高程数据边缘" : " 处遇到高程缺失栅格");
      break;
    }
    Cell next;
    double d;
    if (steepest) {
      next = *steepest, d = bestD;
    } else if (lowest && lowestZ - z <= req.breachMaxRiseM) {
      next = *lowest, d = lowestD;
      ++out.sinksCrossed;
    } else {
      out.end = FlowEnd::Sink;
      out.why = "the path ponds in a sink deeper than " + std::to_string(static_cast<int>(req.breachMaxRiseM)) + " m at " + where(here);
      out.whyZh = "下泄路径在 " + where(here) + " 处积于深度超过 " + std::to_string(static_cast<int>(req.breachMaxRiseM)) + " m 的洼地";
      break;
    }
    XY at = centreOf(dem, next);
    const double along = v.back().along + d;
    z = *dem.height(next);
    if (along > req.lengthM) {  // the last step, cut at the run-out length
      const double f = (req.lengthM - v.back().along) / d;
      at = {here.x + f * (at.x - here.x), here.y + f * (at.y - here.y)};
      // The ground under the cut point is its own cell's (usually still the last one's).
      const auto under = dem.cellAt(at.x, at.y);
      const auto zu = under ? dem.height(*under) : std::nullopt;
      v.push_back({at, req.lengthM, zu ? *zu : v.back().z});
      break;
    }
    v.push_back({at, along, z});
    visited.insert(key(next));
    cur = next;
  }
  out.tracedM = v.back().along;
  out.endHeightM = v.back().z;
  if (out.end == FlowEnd::Length) {
    out.why = "ran the full " + std::to_string(static_cast<long long>(std::lround(req.lengthM))) + " m";
    out.whyZh = "走完全程 " + std::to_string(static_cast<long long>(std::lround(req.lengthM))) + " m";
  }
  out.line = std::make_unique<OGRLineString>();
  for (const Vertex& p : v) out.line->addPoint(p.at.x, p.at.y);
  if (v.size() < 2) return out;

  // The corridor: each vertex's cross-section, then the ribbon between them.
  std::vector<double> left(v.size()), right(v.size());
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    crossSection(dem, v, i, step, req, left[i], right[i], out.sectionsCut);
    sum += left[i] + right[i];
  }
  out.meanHalfWidthM = sum / (2.0 * v.size());
  out.corridor = ribbon(v, left, right, out.tracedM);
  if (req.headLengthM > 0) out.headCorridor = ribbon(v, left, right, std::min(req.headLengthM, out.tracedM));
  return out;
}

}  // namespace riskmap
