// People are counted on the population grid as delivered (a lon/lat grid,
// another Gauss-Kruger zone), and every count says how much of its zone the
// data cover. Expected figures come from the cells themselves (cell-aligned
// zones: a plain sum), from GEOS overlays in the analysis CRS (a different
// method from riskmap's Green's-theorem fractions in the raster's CRS), and
// from symmetry (a ring cut in half by the raster's edge).
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <cmath>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/exposure/PopulationGrid.hpp"
#include "riskmap/import/Importer.hpp"

namespace riskmap {
namespace {

OGRSpatialReference srs(int epsg) {
  OGRSpatialReference s;
  s.importFromEPSG(epsg);
  s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return s;
}

// A box given in `from` (its sides densified, so it stays the same box
// there), as a polygon in `to`.
std::unique_ptr<OGRGeometry> boxIn(const OGRSpatialReference& from, const OGRSpatialReference& to, double x0, double y0,
                                   double x1, double y1, int perSide = 200) {
  OGRLinearRing ring;
  auto side = [&](double ax, double ay, double bx, double by) {
    for (int i = 0; i < perSide; ++i) ring.addPoint(ax + (bx - ax) * i / perSide, ay + (by - ay) * i / perSide);
  };
  side(x0, y0, x1, y0);
  side(x1, y0, x1, y1);
  side(x1, y1, x0, y1);
  side(x0, y1, x0, y0);
  ring.closeRings();
  auto poly = std::make_unique<OGRPolygon>();
  poly->addRing(&ring);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &to));
  poly->transform(ct.get());
  return poly;
}

constexpr double kArcSec3 = 1.0 / 1200;  // a 3-arc-second cell, as WorldPop delivers

// 240 x 240 cells of 3" from (120.5E, 30.1N), each a different count.
class LonLatGridTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int r = 0; r < kSize; ++r)
      for (int c = 0; c < kSize; ++c) values_.push_back(static_cast<float>((r * kSize + c) % 97 + 1));
    test::writeRaster(dir_ / "pop.tif", 4490, kLon0, kLat0, kArcSec3, kSize, kSize, values_);
  }
  double value(int row, int col) const { return values_[static_cast<std::size_t>(row * kSize + col)]; }
  double sum(int r0, int r1, int c0, int c1) const {  // rows [r0, r1), cols [c0, c1)
    double s = 0;
    for (int r = r0; r < r1; ++r)
      for (int c = c0; c < c1; ++c) s += value(r, c);
    return s;
  }
  // The box of cells rows [r0, r1) x cols [c0, c1), in the analysis CRS.
  std::unique_ptr<OGRGeometry> cells(double r0, double r1, double c0, double c1, int perSide = 200) const {
    return boxIn(lonLat_, gk_, kLon0 + c0 * kArcSec3, kLat0 - r1 * kArcSec3, kLon0 + c1 * kArcSec3,
                 kLat0 - r0 * kArcSec3, perSide);
  }
  PopulationGrid grid(NoDataMeaning meaning = NoDataMeaning::Unknown) const {
    PopulationGridOptions o;
    o.zoneSrs = &gk_;
    o.noData = meaning;
    return PopulationGrid((dir_ / "pop.tif").string(), o);
  }

  static constexpr int kSize = 240;
  static constexpr double kLon0 = 120.5, kLat0 = 30.1;
  test::TempDir dir_;
  std::vector<float> values_;
  OGRSpatialReference gk_ = srs(4549), lonLat_ = srs(4490);
};

TEST_F(LonLatGridTest, AZoneOnCellEdgesCountsExactlyItsCells) {
  const PopulationGrid g = grid();
  const PeopleCount n = g.count(*cells(30, 42, 10, 22));
  EXPECT_NEAR(n.people, sum(30, 42, 10, 22), 1e-6 * sum(30, 42, 10, 22));
  EXPECT_NEAR(n.coverage, 1.0, 1e-9);
  // One cell alone: none of its neighbours leaks in.
  EXPECT_NEAR(g.peopleIn(*cells(100, 101, 100, 101)), value(100, 100), 1e-6);
}

TEST_F(LonLatGridTest, HalfCellsCountHalf) {
  // Columns 10.5 to 22: half of column 10, all of 11..21.
  const double expected = sum(30, 42, 11, 22) + sum(30, 42, 10, 11) / 2;
  EXPECT_NEAR(grid().peopleIn(*cells(30, 42, 10.5, 22)), expected, 1e-6 * expected);
}

TEST_F(LonLatGridTest, ARingMatchesAGeosOverlayInTheAnalysisCrs) {
  // A 500 m 64-gon in Gauss-Kruger; each cell's share by GEOS area of
  // (cell projected) ∩ ring over the projected cell's area.
  OGRPoint centre(120.55, 30.05);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&lonLat_, &gk_));
  centre.transform(ct.get());
  std::unique_ptr<OGRGeometry> ring(centre.Buffer(500, 16));
  // The ring spans about 11 x 13 cells round cell (60, 60); 20 x 20 holds it.
  double expected = 0;
  for (int r = 50; r < 70; ++r)
    for (int c = 50; c < 70; ++c) {
      const auto cell = cells(r, r + 1, c, c + 1, 8);
      if (!cell->Intersects(ring.get())) continue;
      std::unique_ptr<OGRGeometry> inside(cell->Intersection(ring.get()));
      expected += value(r, c) * OGR_G_Area(OGRGeometry::ToHandle(inside.get())) /
                  OGR_G_Area(OGRGeometry::ToHandle(cell.get()));
    }
  ASSERT_GT(expected, 1000);
  EXPECT_NEAR(grid().peopleIn(*ring), expected, 1e-5 * expected);
}

TEST_F(LonLatGridTest, CoverageIsTheShareOfTheZoneInsideTheGrid) {
  // Columns -6..6: half the box lies west of the raster.
  const PeopleCount n = grid().count(*cells(50, 62, -6, 6));
  EXPECT_NEAR(n.people, sum(50, 62, 0, 6), 1e-6 * sum(50, 62, 0, 6));
  EXPECT_NEAR(n.coverage, 0.5, 1e-6);
  // Wholly outside: nobody counted, nothing covered.
  const PeopleCount out = grid().count(*cells(-20, -10, -20, -10));
  EXPECT_EQ(out.people, 0);
  EXPECT_EQ(out.coverage, 0);
}

TEST_F(LonLatGridTest, NoDataIsUnknownUnlessTheProjectSaysNobodyOrWater) {
  // Rows 70..79 x cols 70..79 with cell (75, 75) no data: 1 cell in 100 uncovered.
  values_[75 * kSize + 75] = -1;
  test::writeRaster(dir_ / "pop.tif", 4490, kLon0, kLat0, kArcSec3, kSize, kSize, values_);
  const auto zone = cells(70, 80, 70, 80);
  const double expected = sum(70, 80, 70, 80) + 1;  // the -1 is not people
  const PeopleCount unknown = grid().count(*zone);
  EXPECT_NEAR(unknown.people, expected, 1e-6 * expected);
  EXPECT_NEAR(unknown.coverage, 0.99, 1e-6);
  EXPECT_NEAR(grid(NoDataMeaning::Nobody).count(*zone).coverage, 1.0, 1e-9);
  // A water mask over the no-data cell's centre (a river): covered; the same
  // mask elsewhere leaves it unknown.
  PopulationGridOptions o;
  o.zoneSrs = &gk_;
  o.noData = NoDataMeaning::Water;
  const auto river = cells(74.5, 75.6, 60, 90);
  o.waterMask = river.get();
  EXPECT_NEAR(PopulationGrid((dir_ / "pop.tif").string(), o).count(*zone).coverage, 1.0, 1e-9);
  const auto elsewhere = cells(10, 12, 60, 90);
  o.waterMask = elsewhere.get();
  EXPECT_NEAR(PopulationGrid((dir_ / "pop.tif").string(), o).count(*zone).coverage, 0.99, 1e-6);
}

TEST(OtherZoneGridTest, AGridInTheNextGaussKrugerZoneCountsExactlyItsCells) {
  // 100 m cells in EPSG:4550 (CM 123E), zones from EPSG:4549 (CM 120E): the
  // two grids are turned ~1.5 degrees against each other at 30N.
  test::TempDir dir;
  const int w = 60, h = 50;
  const double x0 = 300000, y0 = 3330000;  // about 120.9E, 30.1N: 2 degrees west of 4550's meridian
  const OGRSpatialReference zone41 = srs(4550), zone40 = srs(4549);
  std::vector<float> v;
  for (int i = 0; i < w * h; ++i) v.push_back(static_cast<float>(i % 13 + 1));
  test::writeRaster(dir / "pop.tif", 4550, x0, y0, 100, w, h, v);
  PopulationGridOptions o;
  o.zoneSrs = &zone40;
  const PopulationGrid grid((dir / "pop.tif").string(), o);
  // Cells rows 10..19, cols 20..34, given in 4550 and carried into 4549.
  double expected = 0;
  for (int r = 10; r < 20; ++r)
    for (int c = 20; c < 35; ++c) expected += v[static_cast<std::size_t>(r * w + c)];
  const auto zone = boxIn(zone41, zone40, x0 + 2000, y0 - 2000, x0 + 3500, y0 - 1000);
  const PeopleCount n = grid.count(*zone);
  EXPECT_NEAR(n.people, expected, 1e-6 * expected);
  EXPECT_NEAR(n.coverage, 1.0, 1e-9);
}

// import keeps the delivered grid bit for bit and its CRS; assess counts on it.
class DeliveredGridAssessTest : public ::testing::Test {
 protected:
  void SetUp() override { registerBuiltinKinds(kinds_); }

  void writeProject(const std::string& extra = {}, bool buildings = true) {
    std::string text = R"(
name = "网格县"
crs = "EPSG:4549"
library = "one.gpkg"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.geojson"
[[layers]]
name = "pipelines"
kind = "pipelines"
source = "pipes.geojson"
)";
    if (buildings) text += "[[layers]]\nname = \"buildings\"\nkind = \"buildings\"\nsource = \"buildings.geojson\"\n";
    dir_.write("project.toml", text + extra);
  }

  void writePlants(const std::vector<std::pair<std::string, std::string>>& plants) {
    std::vector<test::FeatureSpec> f;
    for (const auto& [id, where] : plants)
      f.push_back({{{"plant_id", id}, {"name", id}, {"inventory", R"([{"substance":"氯","q_t":12}])"}}, where});
    test::writeVector(dir_ / "plants.geojson", "GeoJSON", "plants", 4490, wkbPoint,
                      {{"plant_id"}, {"name"}, {"inventory"}}, f);
  }

  void writeSides() {
    test::writeVector(dir_ / "pipes.geojson", "GeoJSON", "pipes", 4490, wkbLineString,
                      {{"pipe_id"}, {"medium"}, {"diameter_mm", OFTReal}, {"pressure_mpa", OFTReal}},
                      {{{{"pipe_id", "G1"}, {"medium", "gas"}, {"diameter_mm", "711"}, {"pressure_mpa", "6.3"}},
                        "LINESTRING (120.52 30.08,120.58 30.08)"}});
    test::writeVector(dir_ / "buildings.geojson", "GeoJSON", "buildings", 4490, wkbPoint,
                      {{"storeys", OFTInteger}, {"households", OFTInteger}},
                      {{{{"storeys", "2"}, {"households", "3"}}, "POINT (120.50 30.00)"},
                       {{{"storeys", "2"}, {"households", "3"}}, "POINT (120.60 30.10)"}});
  }

  OGRFeatureUniquePtr grade(GDALDataset& ds, const std::string& id) {
    library::Table l = library::openTable(ds, "source_grades");
    l->SetAttributeFilter(("source_id = '" + id + "'").c_str());
    l->ResetReading();
    return OGRFeatureUniquePtr(l->GetNextFeature());
  }

  test::TempDir dir_;
  LayerRegistry kinds_;
};

TEST_F(DeliveredGridAssessTest, ImportKeepsTheGridBitForBitAndAlphaFollowsTheExactCount) {
  // Lon/lat 3" grid; a settlement of 98.6 people in cells straddling a
  // plant's 500 m ring. Expected people by GEOS overlay in the analysis CRS.
  const int size = 240;
  std::vector<float> v(size * size, 0.0f);
  const OGRSpatialReference gk = srs(4549), ll = srs(4490);
  OGRPoint plant(120.55, 30.05);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&ll, &gk));
  OGRPoint plantGk(plant);
  plantGk.transform(ct.get());
  // Cells in rows 55..64 of the columns just east of the ring's edge.
  const int plantCol = static_cast<int>((120.55 - 120.5) / kArcSec3);
  const int edgeCol = plantCol + static_cast<int>(std::round(500 / (kArcSec3 * 111320 * std::cos(30.05 * M_PI / 180))));
  for (int r = 55; r < 65; ++r)
    for (int c = edgeCol - 2; c < edgeCol + 2; ++c) v[static_cast<std::size_t>(r * size + c)] = 2.465f;
  test::writeRaster(dir_ / "pop.tif", 4490, 120.5, 30.1, kArcSec3, size, size, v);
  writePlants({{"HZ1", "POINT (120.55 30.05)"}});
  writeSides();
  writeProject();
  Project project = Project::load(dir_ / "project.toml");
  importProject(project, kinds_, ImportOptions{true});

  // The library's raster is the delivered one: same CRS, same geotransform, same cells.
  {
    GDALDatasetUniquePtr lib(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_RASTER, nullptr,
                                               std::vector<const char*>{"TABLE=population", nullptr}.data()));
    ASSERT_TRUE(lib);
    EXPECT_TRUE(lib->GetSpatialRef()->IsSame(&ll));
    double gt[6];
    lib->GetGeoTransform(gt);
    EXPECT_DOUBLE_EQ(gt[0], 120.5);
    EXPECT_DOUBLE_EQ(gt[3], 30.1);
    EXPECT_DOUBLE_EQ(gt[1], kArcSec3);
    ASSERT_EQ(lib->GetRasterXSize(), size);
    std::vector<float> back(v.size());
    ASSERT_EQ(lib->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, size, size, back.data(), size, size, GDT_Float32, 0, 0),
              CE_None);
    EXPECT_EQ(back, v);
  }
  {
    // The coverage's field is named after the kind, not GDAL's default "Height".
    GDALDatasetUniquePtr lib(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
    OGRLayer* r = lib->ExecuteSQL(
        "SELECT field_name FROM gpkg_2d_gridded_coverage_ancillary WHERE tile_matrix_set_name = 'population'", nullptr,
        nullptr);
    ASSERT_NE(r, nullptr);
    OGRFeatureUniquePtr f(r->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_STREQ(f->GetFieldAsString(0), "population");
    lib->ReleaseResultSet(r);
  }

  assessProject(project, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table fp = library::openTable(*ds, "footprints");
  fp->SetAttributeFilter("source_id = 'HZ1' AND ring = 'exposure_500m'");
  OGRFeatureUniquePtr ring(fp->GetNextFeature());
  ASSERT_TRUE(ring);
  double expected = 0;
  for (int r = 55; r < 65; ++r)
    for (int c = edgeCol - 2; c < edgeCol + 2; ++c) {
      const auto cell = boxIn(ll, gk, 120.5 + c * kArcSec3, 30.1 - (r + 1) * kArcSec3, 120.5 + (c + 1) * kArcSec3,
                              30.1 - r * kArcSec3, 8);
      std::unique_ptr<OGRGeometry> inside(cell->Intersection(ring->GetGeometryRef()));
      expected += 2.465f * (inside ? OGR_G_Area(OGRGeometry::ToHandle(inside.get())) : 0) /
                  OGR_G_Area(OGRGeometry::ToHandle(cell.get()));
    }
  ASSERT_GT(expected, 20);
  EXPECT_NEAR(ring->GetFieldAsDouble("people"), expected, 1e-4 * expected);
  EXPECT_NEAR(ring->GetFieldAsDouble("people_coverage"), 1.0, 1e-9);
  // alpha from the exact count, rounded to whole persons (docs/method.md).
  const long long persons = std::llround(expected);
  const double alpha = persons >= 100 ? 2.0 : persons >= 50 ? 1.5 : persons >= 30 ? 1.2 : persons >= 1 ? 1.0 : 0.5;
  OGRFeatureUniquePtr g = grade(*ds, "HZ1");
  ASSERT_TRUE(g);
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(g->GetFieldAsString("figures"))["alpha"].get<double>(), alpha);
  EXPECT_STREQ(g->GetFieldAsString("incomplete"), "");
}

TEST_F(DeliveredGridAssessTest, PlantsOnTheEdgeOrOutsideAreMarkedNotCountedAsNobody) {
  // A Gauss-Kruger grid whose west edge runs through plant EDGE; plant OUT is 5 km west of it.
  test::writeRaster(dir_ / "pop.tif", 4549, 520000, 3330000, 100, 40, 40, std::vector<float>(1600, 1.0f));
  const OGRSpatialReference gk = srs(4549), ll = srs(4490);
  std::unique_ptr<OGRCoordinateTransformation> back(OGRCreateCoordinateTransformation(&gk, &ll));
  auto lonLat = [&](double x, double y) {
    back->Transform(1, &x, &y);
    char buf[80];
    std::snprintf(buf, sizeof buf, "POINT (%.12f %.12f)", x, y);
    return std::string(buf);
  };
  writePlants({{"EDGE", lonLat(520000, 3328000)}, {"OUT", lonLat(515000, 3328000)}, {"IN", lonLat(522000, 3328000)}});
  writeSides();
  writeProject("", /*buildings=*/false);
  Project project = Project::load(dir_ / "project.toml");
  importProject(project, kinds_, ImportOptions{true});
  const AssessReport report = assessProject(project, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));

  // The point lies on the edge (to the transform's round trip): half the 64-gon is covered.
  OGRFeatureUniquePtr edge = grade(*ds, "EDGE");
  EXPECT_NEAR(edge->GetFieldAsDouble("population_coverage"), 0.5, 1e-6);
  EXPECT_NE(std::string(edge->GetFieldAsString("incomplete")).find("incomplete_population: population data cover 50.0%"),
            std::string::npos)
      << edge->GetFieldAsString("incomplete");
  const auto coverage = nlohmann::json::parse(edge->GetFieldAsString("figures"))["data_coverage"];
  EXPECT_NEAR(coverage["population"].get<double>(), 0.5, 1e-6);
  EXPECT_EQ(coverage["min_coverage_from"], "riskmap default");
  OGRFeatureUniquePtr out = grade(*ds, "OUT");
  EXPECT_DOUBLE_EQ(out->GetFieldAsDouble("population_coverage"), 0.0);
  EXPECT_NE(std::string(out->GetFieldAsString("incomplete")).find("cover 0.0%"), std::string::npos);
  OGRFeatureUniquePtr in = grade(*ds, "IN");
  EXPECT_NEAR(in->GetFieldAsDouble("population_coverage"), 1.0, 1e-9);
  EXPECT_STREQ(in->GetFieldAsString("incomplete"), "");
  // No buildings layer: the pipeline's location class and HCA rest on nothing, and say so.
  OGRFeatureUniquePtr pipe = grade(*ds, "G1");
  ASSERT_TRUE(pipe);
  EXPECT_NE(std::string(pipe->GetFieldAsString("incomplete")).find("incomplete_buildings: the library has no buildings layer"),
            std::string::npos)
      << pipe->GetFieldAsString("incomplete");
  EXPECT_EQ(report.incomplete.size(), 3u);  // EDGE, OUT, G1
  // The same in sources.csv.
  const std::string csv = test::readFile(dir_ / "sources.csv");
  EXPECT_NE(csv.find("incomplete_population: population data cover 50.0%"), std::string::npos);
}

TEST_F(DeliveredGridAssessTest, IncompleteCanBeAnErrorAndTheThresholdIsTheProjects) {
  test::writeRaster(dir_ / "pop.tif", 4549, 520000, 3330000, 100, 40, 40, std::vector<float>(1600, 1.0f));
  writePlants({{"FAR", "POINT (120.1 30.0)"}});  // nowhere near the grid
  writeSides();
  writeProject("[assess]\non_incomplete = \"error\"\n");
  ASSERT_EQ(test::runRiskmap("import -q " + (dir_ / "project.toml").string()).exitCode, 0);
  const test::CommandResult r = test::runRiskmap("assess -q " + (dir_ / "project.toml").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("layer 'hazard_sources', feature 'FAR': incomplete_population: population data cover 0.0%"),
            std::string::npos)
      << r.output;
  // A threshold of 0 accepts any coverage: nothing is marked.
  writeProject("[assess]\nmin_coverage = 0\n");
  const test::CommandResult ok = test::runRiskmap("assess -q " + (dir_ / "project.toml").string());
  EXPECT_EQ(ok.exitCode, 0) << ok.output;
  EXPECT_EQ(ok.output.find("incomplete_population"), std::string::npos) << ok.output;
}

TEST_F(DeliveredGridAssessTest, NoDataOnAWaterMaskCountsAsNobody) {
  // A river: columns 20-24 of a 100 m grid are no data; plant RIVER stands
  // 50 m east of it, so its 500 m ring covers part of the river.
  std::vector<float> v(1600, 1.0f);
  for (int r = 0; r < 40; ++r)
    for (int c = 20; c < 25; ++c) v[static_cast<std::size_t>(r * 40 + c)] = -1;
  test::writeRaster(dir_ / "pop.tif", 4549, 520000, 3330000, 100, 40, 40, v);
  test::writeVector(dir_ / "rivers.geojson", "GeoJSON", "rivers", 4549, wkbPolygon, {{"name"}},
                    {{{{"name", "澄江"}}, "POLYGON ((522000 3326000,522500 3326000,522500 3330000,522000 3330000,522000 3326000))"}});
  const OGRSpatialReference gk = srs(4549), ll = srs(4490);
  std::unique_ptr<OGRCoordinateTransformation> back(OGRCreateCoordinateTransformation(&gk, &ll));
  double x = 522550, y = 3328000;
  back->Transform(1, &x, &y);
  char wkt[80];
  std::snprintf(wkt, sizeof wkt, "POINT (%.12f %.12f)", x, y);
  writePlants({{"RIVER", wkt}});
  writeSides();
  const std::string rivers = "[[layers]]\nname = \"rivers\"\nkind = \"admin_units\"\nsource = \"rivers.geojson\"\n";
  auto coverageOf = [&](const std::string& assess) {
    writeProject(rivers + assess);
    Project project = Project::load(dir_ / "project.toml");
    importProject(project, kinds_, ImportOptions{true});
    assessProject(project, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
    return grade(*ds, "RIVER")->GetFieldAsDouble("population_coverage");
  };
  // Unknown: the ring's share over the river (x 522000-522500, 50-550 m
  // west of the plant) is uncovered; the segment of a 500 m disc beyond 50 m
  // west is (acos(0.1) - 0.1 sqrt(0.99)) / pi = 0.4365 of it (64-gon: within 0.2 %).
  const double unknown = coverageOf("");
  EXPECT_NEAR(unknown, 1 - 0.4365, 0.003);
  EXPECT_NEAR(coverageOf("[assess]\npopulation_nodata = \"water\"\nwater_mask = \"rivers\"\n"), 1.0, 1e-9);
  EXPECT_NEAR(coverageOf("[assess]\npopulation_nodata = \"nobody\"\n"), 1.0, 1e-9);
}

}  // namespace
}  // namespace riskmap
