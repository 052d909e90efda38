#pragma once
// The grid cells whose centres lie inside a polygon, found row by row by
// scanline (the even-odd crossings of the polygon's edges with the row of
// cell centres), instead of one point-in-polygon test per cell. A cell centre
// on a sloping or vertical edge is outside, as GEOS's Contains has it; one
// exactly on a horizontal edge follows the half-open rule (inside on a lower
// edge, outside on an upper one) where GEOS calls both outside: a difference
// only for centres exactly on such an edge, which the tests leave out.
// Written here rather than taken from GDAL (GDALRasterizeGeometries): GDAL's
// rasterizer has its own rule for centres near an edge (261 of the sample
// county's 18.5 M cells came out otherwise than GEOS says), and the grid
// must equal the vector zones at cell centres; GDAL also burns one value per
// shape, where a block keeps the highest grade and sums the weights.
#include <ogr_geometry.h>

#include <algorithm>
#include <vector>

namespace riskmap {

// A grid: top-left corner (x0, y0), square cells of `cell` map units, rows downward.
struct CellGrid {
  double x0, y0, cell;
  double centreX(long long c) const { return x0 + (static_cast<double>(c) + 0.5) * cell; }
  double centreY(long long r) const { return y0 - (static_cast<double>(r) + 0.5) * cell; }
};

class CellScan {
 public:
  // The polygon's (or multipolygon's) rings; anything else has no inside.
  CellScan(const OGRGeometry& polygon, const CellGrid& grid);

  // Row by row crossings, kept by the caller (one per thread) between calls.
  using Scratch = std::vector<std::vector<double>>;

  // Calls run(row, firstCol, endCol) for every run of cells with their centre
  // inside, within rows [r0, r1) and columns [c0, c1) (endCol exclusive).
  template <typename Run>
  void runs(long long r0, long long r1, long long c0, long long c1, Scratch& rows, Run run) const;

 private:
  struct Edge {
    double xa, ya, xb, yb;
  };
  void addRing(const OGRLinearRing& ring);
  void crossings(long long r0, long long r1, Scratch& rows) const;
  // The first column whose centre is > x (strict) or >= x, in the grid's own arithmetic.
  long long firstCentre(double x, bool strict) const;

  CellGrid grid_;
  std::vector<Edge> edges_;
  double minY_ = 0, maxY_ = 0;
};

template <typename Run>
void CellScan::runs(long long r0, long long r1, long long c0, long long c1, Scratch& rows, Run run) const {
  crossings(r0, r1, rows);
  for (long long r = r0; r < r1; ++r) {
    const std::vector<double>& xs = rows[static_cast<std::size_t>(r - r0)];
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
      // Inside: xs[i] < centre < xs[i + 1], strictly.
      const long long from = std::max(c0, firstCentre(xs[i], true));
      const long long to = std::min(c1, firstCentre(xs[i + 1], false));
      if (from < to) run(r, from, to);
    }
  }
}

}  // namespace riskmap
