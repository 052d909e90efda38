#include "riskmap/exposure/CoverageFraction.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap {
namespace {

// Integral of clamp(y(x), lo, hi) dx along the segment (x0,y0)-(x1,y1),
// signed by the direction of travel (x1 - x0 may be negative).
double clampedIntegral(double x0, double y0, double x1, double y1, double lo, double hi) {
  const double dx = x1 - x0;
  if (dx == 0) return 0;
  // Work in the parameter t in [0, 1]; y is linear in t.
  auto part = [&](double t0, double t1) {  // integral over [t0, t1] of clamp(y)
    const double ya = y0 + (y1 - y0) * t0, yb = y0 + (y1 - y0) * t1;
    const double mid = std::clamp((ya + yb) / 2, lo, hi);
    // within one piece y is entirely below lo, inside, or above hi
    if ((ya <= lo && yb <= lo) || (ya >= hi && yb >= hi)) return mid * (t1 - t0);
    return (ya + yb) / 2 * (t1 - t0);
  };
  // Split where y crosses lo and hi: at most two cuts inside (0, 1).
  double ta = 1, tb = 1;
  if (y1 != y0) {
    const double tl = (lo - y0) / (y1 - y0), th = (hi - y0) / (y1 - y0);
    ta = std::clamp(std::min(tl, th), 0.0, 1.0);
    tb = std::clamp(std::max(tl, th), 0.0, 1.0);
  }
  const double sum = part(0, ta) + part(ta, tb) + part(tb, 1);
  return sum * dx;
}

double signedArea(const std::vector<GridPoint>& ring) {
  double a = 0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const GridPoint& p = ring[i];
    const GridPoint& q = ring[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return a / 2;
}

}  // namespace

void coverageFractions(const std::vector<CoverageRing>& rings, int rows, int cols, std::vector<double>& out) {
  out.assign(static_cast<std::size_t>(rows) * cols, 0.0);
  if (rows <= 0 || cols <= 0) return;
  // below[c * (rows + 1) + r]: amount added to every cell of column c with row < r.
  std::vector<double> below(static_cast<std::size_t>(cols) * (rows + 1), 0.0);

  for (const CoverageRing& ring : rings) {
    const std::size_t n = ring.points.size();
    if (n < 3) continue;
    const double area = signedArea(ring.points);
    if (area == 0) continue;
    // Exterior rings count positive and holes negative, whatever their stored orientation.
    const double sign = (ring.hole ? -1.0 : 1.0) * (area > 0 ? 1.0 : -1.0);
    for (std::size_t i = 0; i < n; ++i) {
      GridPoint p = ring.points[i], q = ring.points[(i + 1) % n];
      if (p.x == q.x) continue;  // vertical edges: dx = 0
      // Clip the edge to the grid's columns [0, cols].
      const double xmin = std::min(p.x, q.x), xmax = std::max(p.x, q.x);
      if (xmax <= 0 || xmin >= cols) continue;
      const int c0 = std::max(0, static_cast<int>(std::floor(xmin)));
      const int c1 = std::min(cols - 1, static_cast<int>(std::ceil(xmax)) - 1);
      const double slope = (q.y - p.y) / (q.x - p.x);
      const double dir = q.x > p.x ? 1.0 : -1.0;
      for (int c = c0; c <= c1; ++c) {
        const double xa = std::max(xmin, static_cast<double>(c)), xb = std::min(xmax, static_cast<double>(c + 1));
        if (xb <= xa) continue;
        // The piece in travel direction.
        double sx = dir > 0 ? xa : xb, ex = dir > 0 ? xb : xa;
        const double sy = p.y + slope * (sx - p.x), ey = p.y + slope * (ex - p.x);
        const double dx = ex - sx;
        const double ylo = std::min(sy, ey), yhi = std::max(sy, ey);
        // Rows the piece's y-range touches; rows wholly below get -dx each.
        if (yhi <= 0) continue;  // entirely below the grid: no contribution inside it
        const int rlo = std::max(0, static_cast<int>(std::floor(ylo)));
        const int rhi = std::min(rows - 1, static_cast<int>(std::floor(yhi)));
        double* col = &below[static_cast<std::size_t>(c) * (rows + 1)];
        if (ylo >= rows) {  // entirely above: every row of the column is below it
          col[rows] += -dx * sign;
          continue;
        }
        col[rlo] += -dx * sign;
        for (int r = rlo; r <= rhi; ++r) {
          const double contribution = -(clampedIntegral(sx, sy, ex, ey, r, r + 1.0) - r * dx);
          out[static_cast<std::size_t>(r) * cols + c] += contribution * sign;
        }
      }
    }
  }
  // Running sums from the top: every cell gets what pieces above it added.
  for (int c = 0; c < cols; ++c) {
    const double* col = &below[static_cast<std::size_t>(c) * (rows + 1)];
    double acc = 0;
    for (int r = rows - 1; r >= 0; --r) {
      acc += col[r + 1];
      double& cell = out[static_cast<std::size_t>(r) * cols + c];
      cell = std::clamp(cell + acc, 0.0, 1.0);
    }
  }
}

}  // namespace riskmap
