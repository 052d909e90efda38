// The scanline cell burn (CellScan) and the grade grid built on it, checked
// cell by cell against an independent point-in-polygon test (OGR's Contains,
// i.e. GEOS) at every cell centre: random polygons with holes and
// multipolygons, once on a Gauss-Kruger grid of 20 m cells and once on a
// CGCS2000 lon/lat grid of 2e-4 degree cells.
#include <gtest/gtest.h>
#include <gdal_priv.h>

#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "TestSupport.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/regional/CellScan.hpp"
#include "riskmap/regional/RiskGrid.hpp"

namespace riskmap {
namespace {

// A star-shaped ring of n vertices (radii random in [0.4 r, r]) around (cx, cy).
OGRLinearRing star(std::mt19937& rng, double cx, double cy, double r, int n) {
  std::uniform_real_distribution<double> k(0.4, 1.0);
  OGRLinearRing ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n, rr = r * k(rng);
    ring.addPoint(cx + rr * std::cos(a), cy + rr * std::sin(a));
  }
  ring.closeRings();
  return ring;
}

// Random zones around (x, y): stars, stars with a hole, two-part multipolygons.
std::vector<std::unique_ptr<OGRGeometry>> randomZones(double x, double y, double size, int count) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> at(-size / 2, size / 2), radius(size / 20, size / 4);
  std::vector<std::unique_ptr<OGRGeometry>> zones;
  for (int i = 0; i < count; ++i) {
    const double cx = x + at(rng), cy = y + at(rng), r = radius(rng);
    auto p = std::make_unique<OGRPolygon>();
    OGRLinearRing shell = star(rng, cx, cy, r, 40);
    p->addRing(&shell);
    if (i % 3 == 1) {  // a hole well inside the shell's inner radius
      OGRLinearRing hole = star(rng, cx, cy, 0.3 * r, 12);
      p->addRing(&hole);
    }
    if (i % 3 == 2) {
      auto m = std::make_unique<OGRMultiPolygon>();
      m->addGeometryDirectly(p.release());
      auto q = std::make_unique<OGRPolygon>();
      OGRLinearRing other = star(rng, cx + 2.2 * r, cy, 0.5 * r, 16);
      q->addRing(&other);
      m->addGeometryDirectly(q.release());
      zones.push_back(std::move(m));
    } else {
      zones.push_back(std::move(p));
    }
  }
  return zones;
}

void expectScanMatchesContains(double x, double y, double size, double cell) {
  const auto zones = randomZones(x, y, size, 12);
  const CellGrid grid{x - size / 2, y + size / 2, cell};
  const long long n = static_cast<long long>(size / cell);
  CellScan::Scratch scratch;
  long long inside = 0;
  for (const auto& z : zones) {
    ASSERT_TRUE(z->IsValid());
    const CellScan scan(*z, grid);
    std::vector<char> burnt(static_cast<std::size_t>(n * n), 0);
    // In 64-row, 64-column blocks, as the grid uses them (256): the runs must join up across blocks.
    for (long long r0 = 0; r0 < n; r0 += 64)
      for (long long c0 = 0; c0 < n; c0 += 64)
        scan.runs(r0, std::min(n, r0 + 64), c0, std::min(n, c0 + 64), scratch, [&](long long r, long long a, long long b) {
          for (long long c = a; c < b; ++c) burnt[static_cast<std::size_t>(r * n + c)] += 1;
        });
    for (long long r = 0; r < n; ++r)
      for (long long c = 0; c < n; ++c) {
        OGRPoint centre(grid.centreX(c), grid.centreY(r));
        const bool in = z->Contains(&centre);
        inside += in;
        ASSERT_EQ(burnt[static_cast<std::size_t>(r * n + c)], in ? 1 : 0) << "cell " << c << "," << r;
      }
  }
  EXPECT_GT(inside, n * n / 10);  // the zones cover a fair share of the grid
}

TEST(CellScanTest, GaussKrugerCellsMatchPointInPolygon) { expectScanMatchesContains(520000, 3330000, 4000, 20); }

TEST(CellScanTest, LonLatCellsMatchPointInPolygon) { expectScanMatchesContains(120.55, 30.12, 0.04, 2e-4); }

TEST(CellScanTest, GradeGridOnLonLatIsTheHighestZoneAtEachCentre) {
  GDALAllRegister();
  const auto zones = randomZones(120.55, 30.12, 0.04, 12);
  std::vector<GradedZone> graded;
  for (std::size_t i = 0; i < zones.size(); ++i) graded.push_back({zones[i].get(), static_cast<RiskGrade>(1 + i % 4)});
  OGRPolygon study;
  std::mt19937 rng(5);
  OGRLinearRing ring = star(rng, 120.55, 30.12, 0.02, 60);
  study.addRing(&ring);
  const OGRSpatialReference srs = srsFromEpsg(4490);
  test::TempDir dir;
  const GridOutput out{dir / "g_grid.tif", dir / "g_index.tif", nullptr};
  writeRiskGrid(graded, study, &srs, 2e-4, Combination{}, out, true, 2);
  GDALDatasetUniquePtr grid(GDALDataset::Open((dir / "g_grid.tif").c_str(), GDAL_OF_RASTER));
  GDALDatasetUniquePtr index(GDALDataset::Open((dir / "g_index.tif").c_str(), GDAL_OF_RASTER));
  ASSERT_TRUE(grid && index);
  double gt[6];
  grid->GetGeoTransform(gt);
  const int w = grid->GetRasterXSize(), h = grid->GetRasterYSize();
  std::vector<std::uint8_t> g(static_cast<std::size_t>(w) * h);
  std::vector<float> s(g.size());
  ASSERT_EQ(grid->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, g.data(), w, h, GDT_Byte, 0, 0), CE_None);
  ASSERT_EQ(index->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, s.data(), w, h, GDT_Float32, 0, 0), CE_None);
  int graded4 = 0;
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      OGRPoint centre(gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5]);
      int want = 0;
      double sum = -1;
      if (study.Contains(&centre)) {
        want = 1, sum = 0;
        for (const GradedZone& z : graded)
          if (z.geometry->Contains(&centre))
            want = std::max(want, static_cast<int>(z.grade)), sum += static_cast<int>(z.grade);  // default weights 1-4
      }
      const std::size_t k = static_cast<std::size_t>(r) * w + c;
      ASSERT_EQ(g[k], want) << "cell " << c << "," << r;
      ASSERT_EQ(s[k], static_cast<float>(sum)) << "cell " << c << "," << r;
      graded4 += want == 4;
    }
  EXPECT_GT(graded4, 0);
}

}  // namespace
}  // namespace riskmap
