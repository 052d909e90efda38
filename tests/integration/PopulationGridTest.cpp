// People inside zones from a real raster, against sums worked out by hand.
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include "TestSupport.hpp"
#include "riskmap/exposure/PopulationGrid.hpp"

namespace riskmap {
namespace {

std::unique_ptr<OGRGeometry> wkt(const std::string& text) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &g);
  return std::unique_ptr<OGRGeometry>(g);
}

class PopulationGridTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 4 x 3 cells of 100 m, origin (500000, 3350000) top-left; cell (row, col) holds 10*row + col + 1,
    // and the last cell is no data.
    std::vector<float> v;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) v.push_back(static_cast<float>(10 * r + c + 1));
    v.back() = -1;
    test::writeRaster(dir_ / "pop.tif", 4549, 500000, 3350000, 100, 4, 3, v, -1);
  }
  test::TempDir dir_;
};

TEST_F(PopulationGridTest, HalfOfACellCountsHalfItsPeople) {
  PopulationGrid grid((dir_ / "pop.tif").string());
  // x 500050..500150, y 3349900..3350000: right half of cell (0,0)=1 and left half of (0,1)=2.
  EXPECT_NEAR(grid.peopleIn(*wkt("POLYGON ((500050 3349900,500150 3349900,500150 3350000,500050 3350000,500050 3349900))")),
              0.5 * 1 + 0.5 * 2, 1e-9);
}

TEST_F(PopulationGridTest, HolesAndMultipolygons) {
  PopulationGrid grid((dir_ / "pop.tif").string());
  // The whole 3x3 block of columns 0-2 minus its centre cell (1,1) = 12.
  // Block sum: rows 0..2, cols 0..2: (1+2+3) + (11+12+13) + (21+22+23) = 108; minus 12 = 96.
  EXPECT_NEAR(grid.peopleIn(*wkt("POLYGON ((500000 3349700,500300 3349700,500300 3350000,500000 3350000,500000 3349700),"
                                 "(500100 3349800,500200 3349800,500200 3349900,500100 3349900,500100 3349800))")),
              96, 1e-9);
  // Two separate cells: (0,3)=4 and (2,0)=21.
  EXPECT_NEAR(grid.peopleIn(*wkt("MULTIPOLYGON (((500300 3349900,500400 3349900,500400 3350000,500300 3350000,500300 3349900)),"
                                 "((500000 3349700,500100 3349700,500100 3349800,500000 3349800,500000 3349700)))")),
              25, 1e-9);
}

TEST_F(PopulationGridTest, ZonesCrossingTheRasterEdgeAndNoData) {
  PopulationGrid grid((dir_ / "pop.tif").string());
  // A big square over everything: all cells but the no-data one.
  // Sum of 10r+c+1 over r<3, c<4 = 4*(0+10+20) + 3*(1+2+3+4) = 120 + 30 = 150; minus the no-data cell's 24.
  EXPECT_NEAR(grid.peopleIn(*wkt("POLYGON ((499000 3340000,510000 3340000,510000 3360000,499000 3360000,499000 3340000))")),
              126, 1e-9);
  // Entirely outside: nobody.
  EXPECT_EQ(grid.peopleIn(*wkt("POLYGON ((0 0,1 0,1 1,0 0))")), 0);
  // Points and lines have no area.
  EXPECT_EQ(grid.peopleIn(*wkt("POINT (500050 3349950)")), 0);
}

TEST_F(PopulationGridTest, ReadsARasterTableOfTheOneLibrary) {
  // The same raster inside a GeoPackage, as import stores it.
  GDALAllRegister();
  GDALDatasetUniquePtr src(GDALDataset::Open((dir_ / "pop.tif").c_str(), GDAL_OF_RASTER));
  const char* opts[] = {"RASTER_TABLE=population", "TILE_FORMAT=TIFF", nullptr};
  GDALDatasetUniquePtr out(GetGDALDriverManager()->GetDriverByName("GPKG")->CreateCopy(
      (dir_ / "lib.gpkg").c_str(), src.get(), FALSE, const_cast<char**>(opts), nullptr, nullptr));
  out.reset();
  PopulationGridOptions options;
  options.table = "population";
  PopulationGrid grid((dir_ / "lib.gpkg").string(), options);
  EXPECT_NEAR(grid.peopleIn(*wkt("POLYGON ((500050 3349900,500150 3349900,500150 3350000,500050 3350000,500050 3349900))")),
              1.5, 1e-6);
}

}  // namespace
}  // namespace riskmap
