// Coverage fractions against areas worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "riskmap/exposure/CoverageFraction.hpp"

namespace riskmap {
namespace {

CoverageRing box(double x0, double y0, double x1, double y1, bool hole = false, bool clockwise = false) {
  CoverageRing r{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, hole};
  if (clockwise) std::reverse(r.points.begin(), r.points.end());
  return r;
}

std::vector<double> fractions(const std::vector<CoverageRing>& rings, int rows, int cols) {
  std::vector<double> out;
  coverageFractions(rings, rows, cols, out);
  return out;
}

TEST(CoverageFraction, SquareHalfOverACell) {
  // [0.5, 1.5] x [0, 1] covers the right half of cell (0,0) and the left half of (0,1).
  const auto f = fractions({box(0.5, 0, 1.5, 1)}, 1, 3);
  EXPECT_NEAR(f[0], 0.5, 1e-12);
  EXPECT_NEAR(f[1], 0.5, 1e-12);
  EXPECT_NEAR(f[2], 0.0, 1e-12);
}

TEST(CoverageFraction, OrientationDoesNotMatter) {
  const auto ccw = fractions({box(0.25, 0.25, 1.75, 1.5)}, 2, 2);
  const auto cw = fractions({box(0.25, 0.25, 1.75, 1.5, false, true)}, 2, 2);
  // cell (0,0): x 0.25..1, y 0.25..1 -> 0.75 * 0.75
  EXPECT_NEAR(ccw[0], 0.5625, 1e-12);
  // cell (1,1): x 1..1.75, y 1..1.5 -> 0.75 * 0.5
  EXPECT_NEAR(ccw[3], 0.375, 1e-12);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(ccw[i], cw[i], 1e-12);
}

TEST(CoverageFraction, TriangleCutsACellDiagonally) {
  // The triangle (0,0)-(1,0)-(0,1) covers half of cell (0,0).
  const auto f = fractions({{{{0, 0}, {1, 0}, {0, 1}}}}, 1, 1);
  EXPECT_NEAR(f[0], 0.5, 1e-12);
}

TEST(CoverageFraction, PolygonWithAHole) {
  // A 3x3 square with the middle cell cut out as a hole: 8 full cells, 1 empty.
  const auto f = fractions({box(0, 0, 3, 3), box(1, 1, 2, 2, true)}, 3, 3);
  EXPECT_NEAR(std::accumulate(f.begin(), f.end(), 0.0), 8.0, 1e-12);
  EXPECT_NEAR(f[4], 0.0, 1e-12);
  // A hole stored counter-clockwise is still a hole.
  const auto g = fractions({box(0, 0, 3, 3, false, true), box(1, 1, 2, 2, true, false)}, 3, 3);
  EXPECT_NEAR(g[4], 0.0, 1e-12);
  EXPECT_NEAR(g[0], 1.0, 1e-12);
}

TEST(CoverageFraction, RingAroundACellCentre) {
  // Annulus: circle radius 2 minus circle radius 1 about (2.5, 2.5), as 720-gons.
  auto circle = [](double r, bool hole) {
    CoverageRing ring{{}, hole};
    for (int i = 0; i < 720; ++i) {
      const double a = 2 * M_PI * i / 720;
      ring.points.push_back({2.5 + r * std::cos(a), 2.5 + r * std::sin(a)});
    }
    return ring;
  };
  const auto f = fractions({circle(2, false), circle(1, true)}, 5, 5);
  // Area of a regular n-gon of circumradius r: n/2 r^2 sin(2 pi / n).
  const double polygonArea = 720 / 2.0 * std::sin(2 * M_PI / 720);
  EXPECT_NEAR(std::accumulate(f.begin(), f.end(), 0.0), polygonArea * (4 - 1), 1e-9);
  EXPECT_NEAR(f[2 * 5 + 2], 0.0, 1e-12);  // the centre cell lies inside the hole (radius 1 > half-diagonal 0.707)
}

TEST(CoverageFraction, MultiPolygonAndCrossingTheGridEdges) {
  // Two squares; the second hangs off the grid's right and bottom edges by half.
  const auto f = fractions({box(0, 0, 1, 1), box(1.5, 1.5, 2.5, 2.5)}, 2, 2);
  EXPECT_NEAR(f[0], 1.0, 1e-12);
  EXPECT_NEAR(f[3], 0.25, 1e-12);  // only [1.5,2] x [1.5,2] lies in the grid
  EXPECT_NEAR(f[1] + f[2], 0.0, 1e-12);
}

TEST(CoverageFraction, PolygonFarAboveAndBelowTheGrid) {
  // A tall box spanning rows far beyond the grid fully covers its column.
  const auto f = fractions({box(0, -100, 1, 100)}, 3, 2);
  EXPECT_NEAR(f[0] + f[2] + f[4], 3.0, 1e-9);
  EXPECT_NEAR(f[1] + f[3] + f[5], 0.0, 1e-9);
}

}  // namespace
}  // namespace riskmap
