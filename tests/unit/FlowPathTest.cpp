// The steepest-descent path and its corridor on hand-made DEMs whose paths
// can be traced by hand: a tilted plane (the path runs diagonally), a V
// valley (straight down the thalweg, the corridor as wide as the flow depth
// reaches up the valley sides), with a hole, a sink, the grid's edge, and a
// lon/lat DEM with and without a vertical unit. The corridor's people are
// counted by the exact exposure engine against a hand count.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "riskmap/exposure/PopulationGrid.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/terrain/FlowPath.hpp"

namespace riskmap {
namespace {

// Gauss-Kruger CM 120E: a projected grid, 10 m cells, top-left corner at (X0, Y0).
constexpr double X0 = 500000, Y0 = 3300000, kCell = 10;

struct GridSpec {
  int width = 100, height = 100;
  int epsg = 4549;
  double x0 = X0, y0 = Y0, cell = kCell;
  std::string unit;  // band unit type; empty: none declared
  double noData = -9999;
};

// Writes a Float32 GeoTIFF in /vsimem whose cell (col, row) holds f(x, y) at its centre.
std::string writeGrid(const std::string& name, const GridSpec& g, const std::function<double(double, double)>& f) {
  ensureGdalRegistered();
  const std::string path = "/vsimem/flowpath_" + name + ".tif";
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDatasetUniquePtr ds(drv->Create(path.c_str(), g.width, g.height, 1, GDT_Float32, nullptr));
  double gt[6] = {g.x0, g.cell, 0, g.y0, 0, -g.cell};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(g.epsg);
  ds->SetSpatialRef(&srs);
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(g.noData);
  if (!g.unit.empty()) band->SetUnitType(g.unit.c_str());
  std::vector<float> row(g.width);
  for (int r = 0; r < g.height; ++r) {
    for (int c = 0; c < g.width; ++c) row[c] = static_cast<float>(f(g.x0 + (c + 0.5) * g.cell, g.y0 - (r + 0.5) * g.cell));
    EXPECT_EQ(band->RasterIO(GF_Write, 0, r, g.width, 1, row.data(), g.width, 1, GDT_Float32, 0, 0), CE_None);
  }
  return path;
}

double cx(int col) { return X0 + (col + 0.5) * kCell; }
double cy(int row) { return Y0 - (row + 0.5) * kCell; }

// Rises 0.05 per m east and 0.1 per m north: from any cell, the drops to the
// west, south and south-west neighbours are 0.5, 1.0 and 1.5 m over 10, 10
// and 14.142 m: slopes 0.05, 0.1 and 0.106, so D8 goes south-west.
double plane(double x, double y) { return 100 + 0.05 * (x - X0) + 0.1 * (y - (Y0 - 1000)); }

// A valley along x = cx(50) falling south 0.05 per m; its sides rise 0.1 per m.
double valley(double x, double y) { return 50 + 0.1 * std::fabs(x - cx(50)) + 0.05 * (y - (Y0 - 1000)); }

TEST(FlowPath, TiltedPlaneRunsDiagonallyCellByCell) {
  const Dem dem(writeGrid("plane", {}, plane));
  ASSERT_TRUE(dem.unusable().empty()) << dem.unusable();
  const OGRPoint start(cx(60), cy(20));
  FlowPathRequest req;
  req.lengthM = 10 * std::sqrt(200.0);  // ten diagonal steps
  const FlowPath p = traceFlow(dem, start, req);
  EXPECT_EQ(p.end, FlowEnd::Length) << p.why;
  ASSERT_TRUE(p.line);
  ASSERT_EQ(p.line->getNumPoints(), 11);
  for (int i = 0; i <= 10; ++i) {  // hand-traced: (60, 20), (59, 21), ... (50, 30)
    EXPECT_NEAR(p.line->getX(i), cx(60 - i), 1e-6) << i;
    EXPECT_NEAR(p.line->getY(i), cy(20 + i), 1e-6) << i;
  }
  EXPECT_NEAR(p.tracedM, req.lengthM, 1e-6);
  EXPECT_NEAR(p.startHeightM - p.endHeightM, 10 * 1.5, 1e-3);
}

TEST(FlowPath, StopsAtTheEdgeOfTheDemAndSaysSo) {
  const Dem dem(writeGrid("plane", {}, plane));
  FlowPathRequest req;
  req.lengthM = 5000;
  const FlowPath p = traceFlow(dem, OGRPoint(cx(60), cy(20)), req);
  // Sixty diagonal steps reach column 0, whose west neighbours are off the grid.
  EXPECT_EQ(p.end, FlowEnd::LeftDem);
  EXPECT_NEAR(p.tracedM, 60 * std::sqrt(200.0), 1e-6);
  EXPECT_FALSE(p.dataComplete());
  EXPECT_NE(p.why.find("edge of the DEM"), std::string::npos) << p.why;
}

TEST(FlowPath, VValleyFollowsTheThalwegAndTheCorridorReachesTheFlowDepth) {
  const Dem dem(writeGrid("valley", {}, valley));
  FlowPathRequest req;
  req.lengthM = 400;
  req.flowDepthM = 2.0;   // the sides rise 1 m per cell: cells 10 and 20 m out are within 2 m, 30 m is not
  req.minHalfWidthM = 5;  // so the half-width is 20 + 5 (half a cell) = 25 m
  req.maxHalfWidthM = 500;
  req.headLengthM = 100;
  const FlowPath p = traceFlow(dem, OGRPoint(cx(50), cy(10)), req);
  EXPECT_EQ(p.end, FlowEnd::Length) << p.why;
  ASSERT_EQ(p.line->getNumPoints(), 41);
  for (int i = 0; i <= 40; ++i) {
    EXPECT_NEAR(p.line->getX(i), cx(50), 1e-6);
    EXPECT_NEAR(p.line->getY(i), cy(10 + i), 1e-6);
  }
  EXPECT_NEAR(p.meanHalfWidthM, 25, 1e-9);
  ASSERT_TRUE(p.corridor);
  OGREnvelope e;
  p.corridor->getEnvelope(&e);
  EXPECT_NEAR(e.MinX, cx(50) - 25, 1e-6);
  EXPECT_NEAR(e.MaxX, cx(50) + 25, 1e-6);
  EXPECT_NEAR(e.MaxY, cy(10), 1e-6);
  EXPECT_NEAR(e.MinY, cy(50), 1e-6);
  EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(p.corridor.get())), 50.0 * 400, 1e-3);
  ASSERT_TRUE(p.headCorridor);
  EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(p.headCorridor.get())), 50.0 * 100, 1e-3);
}

TEST(FlowPath, CorridorPeopleEqualTheHandCount) {
  const Dem dem(writeGrid("valley", {}, valley));
  FlowPathRequest req;
  req.lengthM = 400;
  req.flowDepthM = 2.0;
  req.minHalfWidthM = 5;
  const FlowPath p = traceFlow(dem, OGRPoint(cx(50), cy(10)), req);
  ASSERT_TRUE(p.corridor);
  // One person per cell, a village of 100 more in cell (49, 30) inside the
  // corridor and another in (53, 30), just outside (its west edge is the
  // corridor's east edge at x = cx(50) + 25).
  auto people = [](double x, double y) {
    const int col = static_cast<int>((x - X0) / kCell), row = static_cast<int>((Y0 - y) / kCell);
    return 1.0 + ((row == 30 && (col == 49 || col == 53)) ? 100.0 : 0.0);
  };
  const PopulationGrid grid(writeGrid("people", {}, people));
  // By hand: the corridor is 50 m x 400 m = 200 cells of one person, plus the village inside: 300.
  const PeopleCount n = grid.count(*p.corridor);
  EXPECT_NEAR(n.people, 300.0, 1e-6);
  EXPECT_NEAR(n.coverage, 1.0, 1e-12);
}

TEST(FlowPath, AHoleOnThePathStopsItAndSaysSo) {
  GridSpec g;
  const Dem dem(writeGrid("valley_hole", g, [&](double x, double y) {
    const int row = static_cast<int>((Y0 - y) / kCell), col = static_cast<int>((x - X0) / kCell);
    return (row == 30 && col >= 49 && col <= 51) ? g.noData : valley(x, y);
  }));
  FlowPathRequest req;
  req.lengthM = 400;
  const FlowPath p = traceFlow(dem, OGRPoint(cx(50), cy(10)), req);
  // Row 29's neighbours include the hole: the path holds rows 10..29.
  EXPECT_EQ(p.end, FlowEnd::NoData);
  EXPECT_NEAR(p.tracedM, 190, 1e-6);
  EXPECT_NE(p.why.find("no-data"), std::string::npos) << p.why;
}

TEST(FlowPath, ShallowSinksAreFilledDeepOnesEndThePath) {
  auto pitted = [](double depth) {
    return [depth](double x, double y) {
      const int row = static_cast<int>((Y0 - y) / kCell), col = static_cast<int>((x - X0) / kCell);
      return valley(x, y) - ((row == 30 && col == 50) ? depth : 0.0);
    };
  };
  FlowPathRequest req;
  req.lengthM = 400;
  req.breachMaxRiseM = 2;
  {
    // 1.2 m deep: from the pit, the next cell south is 1.2 - 0.5 = 0.7 m up: filled and crossed.
    const Dem dem(writeGrid("pit_shallow", {}, pitted(1.2)));
    const FlowPath p = traceFlow(dem, OGRPoint(cx(50), cy(10)), req);
    EXPECT_EQ(p.end, FlowEnd::Length) << p.why;
    EXPECT_EQ(p.sinksCrossed, 1);
  }
  {
    // 5 m deep: the lowest way out is 4.5 m up: the flow ponds there, 200 m down.
    const Dem dem(writeGrid("pit_deep", {}, pitted(5)));
    const FlowPath p = traceFlow(dem, OGRPoint(cx(50), cy(10)), req);
    EXPECT_EQ(p.end, FlowEnd::Sink) << p.why;
    EXPECT_NEAR(p.tracedM, 200, 1e-6);
    EXPECT_TRUE(p.dataComplete());  // the terrain ends it, not the data
  }
}

TEST(FlowPath, StartsAtTheLowestPointOfADamLineAndNeverEntersThePond) {
  const Dem dem(writeGrid("valley", {}, valley));
  // A dam crest across the valley at row 20, from 60 m west to 60 m east of the thalweg.
  OGRLineString crest;
  crest.addPoint(cx(44), cy(20));
  crest.addPoint(cx(56), cy(20));
  FlowPathRequest req;
  req.lengthM = 100;
  const FlowPath p = traceFlow(dem, crest, req);
  EXPECT_NEAR(p.line->getX(0), cx(50), 1e-6);
  EXPECT_NEAR(p.line->getY(0), cy(20), 1e-6);
  EXPECT_NEAR(p.line->getY(10), cy(30), 1e-6);
  // A pond polygon whose rim's lowest point is its south-west corner on the
  // plane: the path leaves from there and runs outside the pond.
  const Dem tilted(writeGrid("plane", {}, plane));
  OGRLinearRing ring;
  for (auto [c, r] : std::vector<std::pair<int, int>>{{40, 10}, {60, 10}, {60, 30}, {40, 30}, {40, 10}})
    ring.addPoint(X0 + c * kCell, Y0 - r * kCell);
  OGRPolygon pond;
  pond.addRing(&ring);
  req.exclude = &pond;
  req.lengthM = 50;
  const FlowPath q = traceFlow(tilted, pond, req);
  EXPECT_EQ(q.end, FlowEnd::Length) << q.why;
  for (int i = 1; i < q.line->getNumPoints(); ++i) {
    OGRPoint at(q.line->getX(i), q.line->getY(i));
    EXPECT_FALSE(pond.Contains(&at)) << i;
  }
}

TEST(FlowPath, LonLatDemNeedsADeclaredVerticalUnit) {
  OGRSpatialReference gk;
  gk.importFromEPSG(4549);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  // 0.0001 degree cells (about 10 m) near 120E 29.8N; falls to the south.
  GridSpec g;
  g.epsg = 4490;
  g.x0 = 119.99, g.y0 = 29.81, g.cell = 0.0001;
  auto south = [](double, double lat) { return 100 + 1000 * (lat - 29.80); };
  DemOptions options;
  options.analysisSrs = &gk;
  {
    const Dem dem(writeGrid("lonlat_nounit", g, south), options);
    EXPECT_NE(dem.unusable().find("degrees"), std::string::npos) << dem.unusable();
    FlowPathRequest req;
    req.lengthM = 100;
    const FlowPath p = traceFlow(dem, OGRPoint(500000 - 500, 3300000), req);
    EXPECT_EQ(p.end, FlowEnd::NoDem);
    EXPECT_FALSE(p.dataComplete());
  }
  {
    g.unit = "metre";
    const Dem dem(writeGrid("lonlat_metre", g, south), options);
    EXPECT_TRUE(dem.unusable().empty()) << dem.unusable();
    double x = 119.995, y = 29.805;
    auto toGk = makeTransformation([] { OGRSpatialReference s; s.importFromEPSG(4490); s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER); return s; }(), gk);
    toGk->Transform(1, &x, &y);
    FlowPathRequest req;
    req.lengthM = 200;
    const FlowPath p = traceFlow(dem, OGRPoint(x, y), req);
    EXPECT_EQ(p.end, FlowEnd::Length) << p.why;
    // Due south in metres: the end lies 200 m south of the start's cell centre, give or take the meridian's tilt.
    EXPECT_NEAR(p.line->getY(0) - p.line->getY(p.line->getNumPoints() - 1), 200, 1.0);
  }
}

TEST(FlowPath, HeightsInFeetAreConvertedToMetres) {
  GridSpec g;
  g.unit = "ft";
  const Dem dem(writeGrid("valley_ft", g, valley));
  EXPECT_EQ(dem.verticalUnit(), "ft (declared, converted to m)");
  // Cell (50, 10), on the thalweg: 50 + 0.05 * (y - (Y0 - 1000)) with y = Y0 - 105: 50 + 44.75 = 94.75 ft = 28.8798 m.
  EXPECT_NEAR(*dem.height({50, 10}), 28.8798, 1e-4);
  GridSpec odd;
  odd.unit = "furlong";
  EXPECT_NE(Dem(writeGrid("valley_furlong", odd, valley)).unusable().find("'furlong'"), std::string::npos);
}

TEST(FlowPath, ReadsALargeDemThroughABoundedCache) {
  GridSpec g;
  g.width = 1200, g.height = 1200;
  DemOptions options;
  options.maxWindows = 4;
  const Dem dem(writeGrid("large_plane", g, plane), options);
  FlowPathRequest req;
  req.lengthM = 1e6;
  const FlowPath p = traceFlow(dem, OGRPoint(cx(1190), cy(5)), req);
  EXPECT_EQ(p.end, FlowEnd::LeftDem);
  EXPECT_NEAR(p.tracedM, 1190 * std::sqrt(200.0), 1e-3);  // to column 0, diagonally
  EXPECT_LE(dem.windowsHeld(), 4u);
  EXPECT_GE(dem.windowsRead(), 5u);  // the path crossed more windows than the cache holds
}

}  // namespace
}  // namespace riskmap
