#pragma once
// The exact share of each grid cell covered by a polygon, for weighting
// population cells by how much of them lies inside a zone (not by whether
// their centre does).
//
// Hand-written because no Debian library does it (exactextract is not
// packaged). The method: by Green's theorem, for a region P and a column
// of cells, the area of P between heights a and b is the closed-ring
// integral of -clamp(y, a, b) dx over P's boundary clipped to the column.
// For a straight edge that integral has a closed form, so each edge adds
// to the cells of the columns it crosses, and to all cells below it in
// those columns through one running sum: O(edges x columns crossed + cells).
// Holes and multipolygons come for free from ring orientation.
#include <vector>

namespace riskmap {

struct GridPoint {
  double x, y;  // in cell units: cell (row r, col c) is [c, c+1] x [r, r+1]
};

// A closed ring (first point repeated or not) and whether it is a hole.
struct CoverageRing {
  std::vector<GridPoint> points;
  bool hole = false;
};

// Fractions (0..1) of each cell of a rows x cols grid covered by the
// polygon made of rings; out is row-major, rows*cols long.
void coverageFractions(const std::vector<CoverageRing>& rings, int rows, int cols, std::vector<double>& out);

}  // namespace riskmap
