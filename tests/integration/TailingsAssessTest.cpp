// riskmap import and assess on a hand-built valley with tailings ponds: the
// class, the run-out length by the formula, the corridor's people against a
// hand count (exact exposure engine), head-top ponds, and bad terrain (a DEM
// the run-out leaves, one in degrees without a vertical unit, none at all)
// marked incomplete with why.
#include <gtest/gtest.h>

#include <cmath>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/import/Importer.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap {
namespace {

// 10 m cells, top-left (500000, 3300000), 100 columns x 120 rows; the
// valley's thalweg runs south down the centre of column 50 (x = 500505),
// its sides rise 0.1 m per m, its floor falls 0.05 m per m to the south.
constexpr double X0 = 500000, Y0 = 3300000, XC = 500505;

std::vector<float> valleyCells() {
  std::vector<float> z;
  for (int r = 0; r < 120; ++r)
    for (int c = 0; c < 100; ++c) {
      const double x = X0 + (c + 0.5) * 10, y = Y0 - (r + 0.5) * 10;
      z.push_back(static_cast<float>(50 + 0.1 * std::fabs(x - XC) + 0.05 * (y - (Y0 - 1200))));
    }
  z[119 * 100] = -5;  // a cell below sea level, far from every path: a height, not a reject
  return z;
}


class TailingsAssessTest : public ::testing::Test {
 protected:
  void SetUp() override { registerBuiltinKinds(kinds_); }

  // Imports and assesses a project with the given DEM layer text (or none).
  void run(const std::string& demLayer) {
    // One person per 10 m cell (0.01 per m2) everywhere.
    test::writeRaster(dir_ / "pop.tif", 4549, X0, Y0, 10, 100, 120, std::vector<float>(12000, 1.0f));
    test::writeVector(
        dir_ / "ponds.gpkg", "GPKG", "ponds", 4549, wkbUnknown,
        {{"pond_id"}, {"name"}, {"capacity_1e4m3", OFTReal}, {"dam_height_m", OFTReal}, {"state"},
         {"online_monitoring", OFTInteger}},
        {// A 100 m x 100 m pond across the valley, its dam (south edge) 150 m from the top.
         {{{"pond_id", "T1"}, {"name", "沟口库"}, {"capacity_1e4m3", "5"}, {"dam_height_m", "10"}, {"state", "正常库"},
           {"online_monitoring", "0"}},
          "POLYGON ((500455 3299950,500555 3299950,500555 3299850,500455 3299850,500455 3299950))"},
         // A dam point 200 m down; its 7.7 km run-out leaves the 1.2 km DEM.
         {{{"pond_id", "T2"}, {"name", "大库"}, {"capacity_1e4m3", "100"}, {"dam_height_m", "30"}, {"state", "病库"}},
          "POINT (500505 3299795)"}});
    // A house of 3 households 300 m below T1's dam, on the thalweg.
    test::writeVector(dir_ / "buildings.gpkg", "GPKG", "buildings", 4549, wkbPoint,
                      {{"storeys", OFTInteger}, {"households", OFTInteger}},
                      {{{{"storeys", "2"}, {"households", "3"}}, "POINT (500505 3299545)"},
                       // Sheds of no households at two corners: the layer covers the whole valley.
                       {{{"storeys", "1"}, {"households", "0"}}, "POINT (500000 3300000)"},
                       {{{"storeys", "1"}, {"households", "0"}}, "POINT (501000 3298800)"}});
    // Protected targets at the corners, outside every corridor.
    test::writeVector(dir_ / "targets.gpkg", "GPKG", "targets", 4549, wkbPoint, {{"kind"}, {"name"}},
                      {{{{"kind", "school"}, {"name", "西小"}}, "POINT (500000 3300000)"},
                       {{{"kind", "hospital"}, {"name", "东院"}}, "POINT (501000 3298800)"}});
    dir_.write("project.toml", R"(
name = "尾矿测试"
crs = "EPSG:4549"
library = "one.gpkg"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "buildings"
kind = "buildings"
source = "buildings.gpkg"
[[layers]]
name = "protected_targets"
kind = "protected_targets"
source = "targets.gpkg"
[[layers]]
name = "tailings_ponds"
kind = "tailings_ponds"
source = "ponds.gpkg"
)" + demLayer);
    project_ = Project::load(dir_ / "project.toml");
    importProject(project_, kinds_, ImportOptions{true});
    assessProject(project_, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
    ds_.reset(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  }

  OGRFeatureUniquePtr find(const char* table, const std::string& filter) {
    const library::Table l = library::openTable(*ds_, table);  // split tables read as one
    if (!l) return nullptr;
    l->SetAttributeFilter(filter.c_str());
    l->ResetReading();
    return OGRFeatureUniquePtr(l->GetNextFeature());
  }

  test::TempDir dir_;
  LayerRegistry kinds_;
  Project project_;
  GDALDatasetUniquePtr ds_;
};

const std::string kProjectedDem = "[[layers]]\nname = \"dem\"\nkind = \"elevation\"\nsource = \"dem.tif\"\n";

TEST_F(TailingsAssessTest, ClassRunoutCorridorPeopleAndHeadTop) {
  test::writeRaster(dir_ / "dem.tif", 4549, X0, Y0, 10, 100, 120, valleyCells(), -9999);
  run(kProjectedDem);
  auto g = find("source_grades", "source_id = 'T1'");
  ASSERT_TRUE(g);
  const auto fig = nlohmann::json::parse(g->GetFieldAsString("figures"));
  // 5 x10^4 m3 and 10 m: 五等 both ways; 正常库 五等 -> low; head-top (3 households 300 m down) -> moderate.
  EXPECT_EQ(fig["class"], 5);
  EXPECT_EQ(fig["state_grade"], "low");
  EXPECT_EQ(fig["headtop"], true);
  EXPECT_EQ(fig["headtop_households"], 3);
  EXPECT_STREQ(g->GetFieldAsString("grade"), "moderate");
  EXPECT_STREQ(g->GetFieldAsString("incomplete"), "");
  // Rico et al. 2008 by hand: V_F = 0.354 * 0.05^1.01 = 0.0171776 Mm3; H_f = 0.171776;
  // D_max = 1.61 * 0.171776^0.66 = 1.61 * exp(0.66 * -1.76159) = 0.503386 km.
  EXPECT_NEAR(fig["runout_km"].get<double>(), 0.503386, 1e-5);
  EXPECT_NEAR(fig["path_traced_m"].get<double>(), 503.386, 0.01);
  EXPECT_EQ(fig["vertical_unit"], "m (assumed: projected grid, no unit declared)");
  // The corridor: the valley sides rise 0.1 m/m, so the default 5 m flow depth
  // reaches 50 m each side (cells 10..50 m out), plus half a cell: 55 m. The
  // whole run-out lies within 1 km: one zone, 110 m x 503.386 m, one person
  // per 100 m2 -> 553.72 people.
  auto head = find("footprints", "source_id = 'T1' AND ring = 'runout_head'");
  ASSERT_TRUE(head);
  EXPECT_NEAR(head->GetFieldAsDouble("people"), 1.10 * 503.386, 0.05);
  EXPECT_FALSE(find("footprints", "source_id = 'T1' AND ring = 'runout'"));
  auto pond = find("footprints", "source_id = 'T1' AND ring = 'pond'");
  ASSERT_TRUE(pond);
  EXPECT_NEAR(pond->GetFieldAsDouble("people"), 100.0, 1e-6);  // 100 m x 100 m
  auto dem = find("riskmap_layers", "name = 'dem'");
  ASSERT_TRUE(dem);
  EXPECT_EQ(dem->GetFieldAsInteger64("rejected"), 0);  // -5 m is within the elevation kind's range
  EXPECT_EQ(dem->GetFieldAsInteger64("accepted"), 12000);
  auto path = find("tailings_flow_paths", "source_id = 'T1'");
  ASSERT_TRUE(path);
  EXPECT_NEAR(path->GetFieldAsDouble("length_m"), 503.386, 0.01);
}

TEST_F(TailingsAssessTest, ARunoutLeavingTheDemIsMarkedIncomplete) {
  test::writeRaster(dir_ / "dem.tif", 4549, X0, Y0, 10, 100, 120, valleyCells(), -9999);
  run(kProjectedDem);
  auto g = find("source_grades", "source_id = 'T2'");
  ASSERT_TRUE(g);
  const std::string incomplete = g->GetFieldAsString("incomplete");
  EXPECT_NE(incomplete.find("incomplete_terrain: the path reached the edge of the DEM"), std::string::npos) << incomplete;
  // The same in Chinese, with nothing English left but the coordinates' digits and the unit.
  const std::string zh = g->GetFieldAsString("incomplete_zh");
  EXPECT_NE(zh.find("地形（高程）数据仅覆盖所查长度的 "), std::string::npos) << zh;
  EXPECT_NE(zh.find("（下泄路径在 ("), std::string::npos) << zh;
  EXPECT_NE(zh.find(") 处到达高程数据边缘）"), std::string::npos) << zh;
  EXPECT_TRUE(test::asciiWords(zh).empty()) << zh;
  const auto fig = nlohmann::json::parse(g->GetFieldAsString("figures"));
  // From row 20 to row 119, the last whose neighbours are all on the grid: 990 m of 7.657 km.
  EXPECT_NEAR(fig["path_traced_m"].get<double>(), 990, 1e-6);
  EXPECT_NEAR(fig["data_coverage"]["terrain"].get<double>(), 990 / (fig["runout_km"].get<double>() * 1000), 1e-9);
  EXPECT_EQ(fig["class"], 4);  // 100 x10^4 m3 -> 四等; 30 m -> 四等
  // Its path, though cut at 990 m, passes the house 250 m below the dam: a head-top pond all the same.
  EXPECT_EQ(fig["headtop"], true);
  EXPECT_EQ(fig["headtop_households"], 3);
}

TEST_F(TailingsAssessTest, ALonLatDemWithoutAVerticalUnitIsMarkedIncomplete) {
  // The same heights on a 0.0001-degree grid near 119.99E 29.81N, no unit declared.
  test::writeRaster(dir_ / "dem.tif", 4490, 119.99, 29.81, 0.0001, 100, 120, valleyCells(), -9999);
  run(kProjectedDem);
  auto g = find("source_grades", "source_id = 'T1'");
  ASSERT_TRUE(g);
  const std::string incomplete = g->GetFieldAsString("incomplete");
  EXPECT_NE(incomplete.find("incomplete_terrain: the elevation raster is in degrees and declares no vertical unit"),
            std::string::npos)
      << incomplete;
  // No path at all: 0 % of the run-out traced, and why, in Chinese.
  EXPECT_EQ(std::string(g->GetFieldAsString("incomplete_zh")),
            "地形（高程）数据仅覆盖所查长度的 0.0%（高程栅格以度为单位且未声明高程单位，高程单位不明）");
  const auto fig = nlohmann::json::parse(g->GetFieldAsString("figures"));
  EXPECT_EQ(fig["headtop"], "unknown (no flow path)");
}

TEST_F(TailingsAssessTest, NoDemAtAllIsMarkedIncomplete) {
  run("");
  auto g = find("source_grades", "source_id = 'T1'");
  ASSERT_TRUE(g);
  EXPECT_NE(std::string(g->GetFieldAsString("incomplete")).find("incomplete_terrain: the library has no terrain (elevation) layer"),
            std::string::npos)
      << g->GetFieldAsString("incomplete");
  EXPECT_TRUE(find("footprints", "source_id = 'T1' AND ring = 'pond'"));  // the pond's own zone still drawn
}

}  // namespace
}  // namespace riskmap
