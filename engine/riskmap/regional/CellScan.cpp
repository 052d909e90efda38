#include "riskmap/regional/CellScan.hpp"

#include <cmath>
#include <limits>

namespace riskmap {

CellScan::CellScan(const OGRGeometry& g, const CellGrid& grid) : grid_(grid) {
  minY_ = std::numeric_limits<double>::infinity(), maxY_ = -minY_;
  const auto polygon = [this](const OGRPolygon& p) {
    for (const OGRLinearRing* ring : p) addRing(*ring);
  };
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      polygon(*g.toPolygon());
      break;
    case wkbMultiPolygon:
      for (const OGRPolygon* p : *g.toMultiPolygon()) polygon(*p);
      break;
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection())
        if (wkbFlatten(part->getGeometryType()) == wkbPolygon) polygon(*part->toPolygon());
      break;
    default:
      break;
  }
}

void CellScan::addRing(const OGRLinearRing& ring) {
  const int n = ring.getNumPoints();
  for (int i = 0; i + 1 < n; ++i) {
    const double ya = ring.getY(i), yb = ring.getY(i + 1);
    if (ya == yb) continue;  // a horizontal edge crosses no row under the half-open rule
    edges_.push_back({ring.getX(i), ya, ring.getX(i + 1), yb});
    minY_ = std::min({minY_, ya, yb}), maxY_ = std::max({maxY_, ya, yb});
  }
}

void CellScan::crossings(long long r0, long long r1, Scratch& rows) const {
  rows.resize(static_cast<std::size_t>(r1 - r0));
  for (auto& row : rows) row.clear();
  if (edges_.empty() || grid_.centreY(r1 - 1) >= maxY_ || grid_.centreY(r0) < minY_) return;  // no row crosses
  for (const Edge& e : edges_) {
    const double lo = std::min(e.ya, e.yb), hi = std::max(e.ya, e.yb);
    // The rows whose centre y satisfies lo <= y < hi (half-open), found
    // approximately from y, then each checked in the grid's arithmetic.
    long long first = static_cast<long long>(std::floor((grid_.y0 - hi) / grid_.cell - 0.5)) - 1;
    long long last = static_cast<long long>(std::ceil((grid_.y0 - lo) / grid_.cell - 0.5)) + 1;
    first = std::max(first, r0), last = std::min(last, r1 - 1);
    const double slope = (e.xb - e.xa) / (e.yb - e.ya);
    for (long long r = first; r <= last; ++r) {
      const double y = grid_.centreY(r);
      if (y < lo || y >= hi) continue;
      rows[static_cast<std::size_t>(r - r0)].push_back(e.xa + (y - e.ya) * slope);
    }
  }
  for (auto& row : rows) std::sort(row.begin(), row.end());
}

long long CellScan::firstCentre(double x, bool strict) const {
  long long c = static_cast<long long>(std::floor((x - grid_.x0) / grid_.cell - 0.5));
  const auto past = [&](long long k) { return strict ? grid_.centreX(k) > x : grid_.centreX(k) >= x; };
  while (!past(c)) ++c;
  while (past(c - 1)) --c;
  return c;
}

}  // namespace riskmap
