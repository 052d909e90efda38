// The county's shape: outline, townships (Voronoi cells of their seats),
// settlements, hills, a lake and a river.
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "Generate.hpp"

namespace sample {
namespace {

const char* kTownshipNames[] = {"城关街道", "临江街道", "东湖镇", "西山镇", "南塘镇", "北渚镇",
                                "梅溪镇",   "桃源乡",   "青石镇", "白沙镇", "横山镇", "石门乡"};

Ring ellipse(XY c, double a, double b, double rot, int n = 48) {
  Ring r;
  for (int i = 0; i < n; ++i) {
    const double t = 2 * M_PI * i / n;
    const double x = a * std::cos(t), y = b * std::sin(t);
    r.push_back({c.x + x * std::cos(rot) - y * std::sin(rot), c.y + x * std::sin(rot) + y * std::cos(rot)});
  }
  return r;
}

std::string wktPolygon(const Ring& r) {
  std::string s = "POLYGON ((";
  char buf[64];
  for (std::size_t i = 0; i <= r.size(); ++i) {
    const XY& p = r[i % r.size()];
    std::snprintf(buf, sizeof buf, "%s%.2f %.2f", i ? "," : "", p.x, p.y);
    s += buf;
  }
  return s + "))";
}

// Exterior rings of a GEOS polygon or multipolygon.
std::vector<Ring> ringsOf(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
  std::vector<Ring> out;
  const int n = GEOSGetNumGeometries_r(ctx, g);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, g, i);
    if (GEOSGeomTypeId_r(ctx, part) != GEOS_POLYGON) continue;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, GEOSGetExteriorRing_r(ctx, part));
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &size);
    Ring r;
    for (unsigned k = 0; k + 1 < size; ++k) {
      double x, y;
      GEOSCoordSeq_getXY_r(ctx, seq, k, &x, &y);
      r.push_back({x, y});
    }
    out.push_back(r);
  }
  return out;
}

// The Voronoi cell of each seat (GEOS), clipped to `area` less `hole`
// (empty: none), as exterior rings; seats in order.
std::vector<std::vector<Ring>> voronoiCells(const std::vector<XY>& seats, const Ring& area, const Ring& hole) {
  GEOSContextHandle_t ctx = GEOS_init_r();
  std::string mp = "MULTIPOINT (";
  for (std::size_t i = 0; i < seats.size(); ++i) mp += (i ? "," : "") + std::to_string(seats[i].x) + " " + std::to_string(seats[i].y);
  mp += ")";
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
  GEOSGeometry* points = GEOSWKTReader_read_r(ctx, reader, mp.c_str());
  GEOSGeometry* outline = GEOSWKTReader_read_r(ctx, reader, wktPolygon(area).c_str());
  GEOSGeometry* clip = outline;
  if (!hole.empty()) {
    GEOSGeometry* h = GEOSWKTReader_read_r(ctx, reader, wktPolygon(hole).c_str());
    clip = GEOSDifference_r(ctx, outline, h);
    GEOSGeom_destroy_r(ctx, h);
  }
  GEOSGeometry* cells = GEOSVoronoiDiagram_r(ctx, points, outline, 0, 0);
  if (!cells || !clip) throw std::runtime_error("Voronoi failed");
  std::vector<std::vector<Ring>> out(seats.size());
  for (std::size_t i = 0; i < seats.size(); ++i) {
    GEOSGeometry* seat = GEOSGeom_createPointFromXY_r(ctx, seats[i].x, seats[i].y);
    for (int k = 0; k < GEOSGetNumGeometries_r(ctx, cells); ++k) {
      const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, cells, k);
      if (GEOSContains_r(ctx, cell, seat) != 1) continue;
      GEOSGeometry* clipped = GEOSIntersection_r(ctx, cell, clip);
      out[i] = ringsOf(ctx, clipped);
      GEOSGeom_destroy_r(ctx, clipped);
    }
    GEOSGeom_destroy_r(ctx, seat);
  }
  if (clip != outline) GEOSGeom_destroy_r(ctx, clip);
  for (GEOSGeometry* g : {points, outline, cells}) GEOSGeom_destroy_r(ctx, g);
  GEOSWKTReader_destroy_r(ctx, reader);
  GEOS_finish_r(ctx);
  return out;
}

}  // namespace

bool inside(const Ring& ring, XY p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const XY& a = ring[i];
    const XY& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

double distanceToLine(const Line& line, XY p) {
  double best = 1e18;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const XY a = line[i], b = line[i + 1];
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
    best = std::min(best, std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}

bool isWaterOrHill(const County& c, XY p) {
  for (const Ring& r : c.hills)
    if (inside(r, p)) return true;
  for (const Ring& r : c.lakes)
    if (inside(r, p)) return true;
  return distanceToLine(c.river, p) < 90;
}

void makeGeography(County& c, Random& rnd, const Ring* outline) {
  // Outline: a radius with a few harmonics; about 1,300 km^2 (or the province's cell).
  const double r0 = 20300;
  if (outline) c.outline = *outline;
  for (int i = 0; i < 360 && !outline; ++i) {
    const double t = 2 * M_PI * i / 360;
    const double r = r0 * (1 + 0.12 * std::sin(3 * t + 0.7) + 0.07 * std::sin(5 * t + 2.1) + 0.04 * std::sin(8 * t + 0.3));
    c.outline.push_back({r * std::cos(t), r * std::sin(t)});
  }
  // Seats: the county town's two sub-districts, then ten townships around.
  std::vector<XY> seats{{-3000, 2000}, {1500, 500}};
  for (int i = 0; i < 10; ++i) {
    const double t = 2 * M_PI * i / 10 + rnd.uniform(-0.15, 0.15);
    const double r = rnd.uniform(9000, 14500);
    seats.push_back({r * std::cos(t), r * std::sin(t)});
  }
  c.settlements.push_back({"江澄县城", seats[0], 1800, 15000, true});
  c.settlements.push_back({"临江新城", seats[1], 900, 7000, true});
  for (std::size_t i = 2; i < seats.size(); ++i) c.settlements.push_back({kTownshipNames[i], seats[i], 700, 6000});

  // Hills in the south-west and north, a lake, a river from north-west to south-east.
  c.hills = {ellipse({-12000, -9000}, 5000, 3200, 0.5), ellipse({4000, 14000}, 4200, 2500, -0.3),
             ellipse({-15000, 6000}, 2500, 4000, 0.2)};
  c.lakes = {ellipse({7000, 7000}, 1800, 1100, 0.8)};
  for (int i = 0; i <= 100; ++i) {
    const double t = i / 100.0;
    c.river.push_back({-24000 + 48000 * t, 21000 - 44000 * t + 1500 * std::sin(t * 9)});
  }
  // About 150 villages, away from hills, water and the towns' cores.
  while (c.settlements.size() < 162) {
    const XY p{rnd.uniform(-22000, 22000), rnd.uniform(-22000, 22000)};
    if (!inside(c.outline, p) || isWaterOrHill(c, p)) continue;
    if (std::hypot(p.x - seats[0].x, p.y - seats[0].y) < 4500) continue;
    char name[32];
    std::snprintf(name, sizeof name, "村%03zu", c.settlements.size() - 11);
    c.settlements.push_back({name, p, rnd.uniform(180, 320), rnd.uniform(900, 2200)});
  }

  // Townships: Voronoi cells of the seats, clipped to the county.
  const std::vector<std::vector<Ring>> cells = voronoiCells(seats, c.outline, {});
  for (std::size_t i = 0; i < seats.size(); ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "%s%03zu", c.code.c_str(), i + 1);
    c.townships.push_back({kTownshipNames[i], code, i < 2 ? "subdistrict" : "township", seats[i], cells[i]});
  }
}

void makeNeighbours(County& c) {
  // The city 澄州市: a wobbly outline round the county, off-centre, cut into
  // six counties by the Voronoi cells of their seats, minus the county itself.
  static const char* names[] = {"临川县", "清河区", "望江县", "石桥县", "丰源县", "南屏市"};
  Ring city;
  for (int i = 0; i < 240; ++i) {
    const double t = 2 * M_PI * i / 240;
    const double r = 58000 * (1 + 0.10 * std::sin(2 * t + 1.1) + 0.06 * std::sin(5 * t + 0.4));
    city.push_back({-9000 + r * std::cos(t), 6000 + r * std::sin(t)});
  }
  std::vector<XY> seats;
  for (int i = 0; i < 6; ++i) {
    const double t = 2 * M_PI * (i + 0.3) / 6;
    seats.push_back({-9000 + 40000 * std::cos(t), 6000 + 40000 * std::sin(t)});
  }
  const std::vector<std::vector<Ring>> cells = voronoiCells(seats, city, c.outline);
  for (std::size_t i = 0; i < seats.size(); ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "3306%02zu", 81 + i);
    c.neighbours.push_back({names[i], code, "county", seats[i], cells[i]});
  }
}

void makePopulation(County& c, Random& rnd) {
  const double cell = 100;
  c.originX = -23000, c.originY = 23000;
  c.cols = c.rows = 460;
  c.people.assign(static_cast<std::size_t>(c.cols) * c.rows, -1.0f);
  for (int r = 0; r < c.rows; ++r)
    for (int k = 0; k < c.cols; ++k) {
      const XY p{c.originX + (k + 0.5) * cell, c.originY - (r + 0.5) * cell};
      if (!inside(c.outline, p)) continue;
      double density = isWaterOrHill(c, p) ? 0 : 25;  // people per km^2 of scattered farms
      if (density > 0)
        for (const Settlement& s : c.settlements) {
          const double d2 = (p.x - s.at.x) * (p.x - s.at.x) + (p.y - s.at.y) * (p.y - s.at.y);
          if (d2 < 16 * s.sigma * s.sigma) density += s.peak * std::exp(-d2 / (2 * s.sigma * s.sigma));
        }
      // Whole people per hectare, with a little noise so the map is not too smooth.
      const double expected = density / 100 * (density > 0 ? rnd.uniform(0.85, 1.15) : 0);
      const float n = static_cast<float>(std::floor(expected + rnd.uniform()));
      c.people[static_cast<std::size_t>(r) * c.cols + k] = n;
      c.populationTotal += n;
    }
}

}  // namespace sample
