// The four-colour map on a hand-built county: a 4 km x 4 km study area with
// 1 person per hectare, one level-1 plant and one grade-B park.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <tuple>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/import/Importer.hpp"
#include "riskmap/regional/Explain.hpp"
#include "riskmap/regional/RiskGrid.hpp"

namespace riskmap {
namespace {

double bufferArea(double r) { return 32 * r * r * std::sin(2 * M_PI / 64); }  // GEOS 64-gon

class RegionalMapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerBuiltinKinds(kinds_);
    build("");
  }

  void build(const std::string& extraProjectLines) {
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) std::filesystem::remove_all(entry);
    test::writeRaster(dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
    test::writeVector(dir_ / "admin.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "测试县"}}, "POLYGON ((518000 3328000,522000 3328000,522000 3332000,518000 3332000,518000 3328000))"}});
    test::writeVector(dir_ / "towns.gpkg", "GPKG", "towns", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "西镇"}}, "POLYGON ((518000 3328000,520000 3328000,520000 3332000,518000 3332000,518000 3328000))"},
                       {{{"name", "东镇"}}, "POLYGON ((520000 3328000,522000 3328000,522000 3332000,520000 3332000,520000 3328000))"}});
    // 130 t chlorine: sum beta q/Q = 104; ~78 people within 500 m -> alpha 1.5 -> R 156, level 1.
    test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint,
                      {{"plant_id"}, {"name"}, {"inventory"}, {"safety_distance_m", OFTReal}},
                      {{{{"plant_id", "HZ1"}, {"name", "氯碱厂"}, {"inventory", R"([{"substance":"氯","q_t":130}])"},
                         {"safety_distance_m", "400"}},
                        "POINT (519500 3330000)"}});
    test::writeVector(dir_ / "parks.gpkg", "GPKG", "parks", 4549, wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}},
                      {{{{"park_id", "P1"}, {"name", "化工园"}, {"score", "68.5"}},
                        "POLYGON ((520300 3329500,521300 3329500,521300 3330500,520300 3330500,520300 3329500))"}});
    dir_.write("project.toml", R"(
name = "测试县"
crs = "EPSG:4549"
library = "one.gpkg"
study_area = "county"
townships = "towns"
)" + extraProjectLines + R"(
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "county"
kind = "admin_units"
source = "admin.gpkg"
[[layers]]
name = "towns"
kind = "admin_units"
source = "towns.gpkg"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.gpkg"
[[layers]]
name = "chemical_parks"
kind = "chemical_parks"
source = "parks.gpkg"
)");
    project_ = Project::load(dir_ / "project.toml");
    importProject(project_, kinds_, ImportOptions{true});
    report_ = assessProject(project_, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
    ds_.reset(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  }

  std::string gradeAt(double x, double y) {
    const auto e = explainAt(dir_ / "one.gpkg", x, y);
    // The server's index answers the same, overlapping rings included.
    if (!index_) index_ = std::make_unique<ExplainIndex>(dir_ / "one.gpkg");
    EXPECT_EQ(index_->at(x, y), e) << x << ", " << y;
    return e["grade"].is_null() ? "outside" : e["grade"].get<std::string>();
  }

  test::TempDir dir_;
  LayerRegistry kinds_;
  Project project_;
  AssessReport report_;
  GDALDatasetUniquePtr ds_;
  std::unique_ptr<ExplainIndex> index_;
};

TEST_F(RegionalMapTest, OverlappingRingsTakeTheHigherGrade) {
  EXPECT_EQ(gradeAt(519600, 3330000), "major");     // 100 m from the plant: its 400 m safety ring
  EXPECT_EQ(gradeAt(519950, 3330000), "high");      // 450 m: its 500 m ring (high) over the park's buffer (moderate)
  EXPECT_EQ(gradeAt(520800, 3330000), "high");      // in the grade-B park
  EXPECT_EQ(gradeAt(521600, 3330000), "moderate");  // 300 m from the park: its buffer
  EXPECT_EQ(gradeAt(521900, 3331900), "low");       // touched by no zone
  EXPECT_EQ(gradeAt(525000, 3330000), "outside");
  const auto e = explainAt(dir_ / "one.gpkg", 519950, 3330000);
  int deciding = 0;
  for (const auto& z : e["zones"]) deciding += z["decides"].get<bool>();
  EXPECT_EQ(e["zones"].size(), 2u);
  EXPECT_EQ(deciding, 1);
}

TEST_F(RegionalMapTest, ZonesPartitionTheStudyAreaAndMajorIsTheSafetyRing) {
  ASSERT_TRUE(report_.regional);
  double total = 0;
  for (const auto& [g, a] : report_.regional->areaKm2) total += a;
  EXPECT_NEAR(total, 16.0, 1e-6);
  EXPECT_NEAR(report_.regional->areaKm2.at(RiskGrade::Major), bufferArea(400) / 1e6, 1e-6);
  // 1 person per hectare everywhere: each grade's people = its area in hectares.
  for (const auto& [g, a] : report_.regional->areaKm2) EXPECT_NEAR(report_.regional->people.at(g), a * 100, 1e-3);
}

TEST_F(RegionalMapTest, TownshipSummaryAddsUpToTheZones) {
  library::Table ts = library::openTable(*ds_, "township_summary");
  ASSERT_NE(ts, nullptr);
  std::map<std::string, double> byGrade;
  for (auto& f : *ts) byGrade[f->GetFieldAsString("grade")] += f->GetFieldAsDouble("area_km2");
  for (const auto& [g, a] : report_.regional->areaKm2) EXPECT_NEAR(byGrade[riskGradeName(g)], a, 1e-6);
  EXPECT_EQ(ts->GetFeatureCount(), 8);  // 2 townships x 4 grades
}

// The grade of the vector zone containing each of 400 random cell centres
// equals the grid's cell (the two are computed independently).
void expectGridMatchesZones(GDALDataset& library, const std::filesystem::path& gridPath) {
  GDALDatasetUniquePtr grid(GDALDataset::Open(gridPath.c_str(), GDAL_OF_RASTER));
  ASSERT_TRUE(grid);
  double gt[6];
  grid->GetGeoTransform(gt);
  EXPECT_DOUBLE_EQ(gt[1], 10);  // the rules' default cell size
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> col(0, grid->GetRasterXSize() - 1), row(0, grid->GetRasterYSize() - 1);
  library::Table zones = library::openTable(library, "risk_zones");
  int checked = 0;
  for (int i = 0; i < 400; ++i) {
    const int c = col(rng), r = row(rng);
    std::uint8_t v = 0;
    ASSERT_EQ(grid->GetRasterBand(1)->RasterIO(GF_Read, c, r, 1, 1, &v, 1, 1, GDT_Byte, 0, 0), CE_None);
    OGRPoint centre(gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5]);
    int vectorGrade = 0;
    zones->SetSpatialFilter(&centre);
    for (auto& f : *zones)
      if (f->GetGeometryRef()->Contains(&centre)) vectorGrade = f->GetFieldAsInteger("grade_level");
    EXPECT_EQ(v, vectorGrade) << "cell " << c << "," << r;  // 0: outside the study area
    ++checked;
  }
  EXPECT_EQ(checked, 400);
}

TEST_F(RegionalMapTest, QgisOpensRiskZonesInTheFourColours) {
  OGRLayer* styles = ds_->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  styles->SetAttributeFilter("f_table_name = 'risk_zones' AND useAsDefault = 1");
  OGRFeatureUniquePtr f(styles->GetNextFeature());
  ASSERT_TRUE(f);
  const std::string qml = f->GetFieldAsString("styleQML"), sld = f->GetFieldAsString("styleSLD");
  // The map style's rules (styles/default.json: the palette by grade at fill-opacity 0.78, so alpha
  // 0.78 * 255 = 199) with the palette's colours and Chinese legend names (styles/palette.toml).
  EXPECT_NE(qml.find("type=\"RuleRenderer\""), std::string::npos);
  const std::vector<std::tuple<const char*, const char*, const char*, const char*>> grades{
      {"major", "重大风险", "230,0,18,199", "#e60012"}, {"high", "较大风险", "243,152,0,199", "#f39800"},
      {"moderate", "一般风险", "255,241,0,199", "#fff100"}, {"low", "低风险", "0,104,183,199", "#0068b7"}};
  for (const auto& [grade, name, rgba, hex] : grades) {
    EXPECT_NE(qml.find("label=\"" + std::string(name) + "\" filter=\"&quot;grade&quot; = &apos;" + grade + "&apos;\""),
              std::string::npos) << grade;
    EXPECT_NE(qml.find("v=\"" + std::string(rgba) + "\""), std::string::npos) << rgba;
    EXPECT_NE(sld.find("<se:Name>" + std::string(name) + "</se:Name>"), std::string::npos) << name;
    EXPECT_NE(sld.find("<ogc:Literal>" + std::string(grade) + "</ogc:Literal>"), std::string::npos) << grade;
    EXPECT_NE(sld.find("<se:SvgParameter name=\"fill\">" + std::string(hex) + "</se:SvgParameter>"), std::string::npos) << hex;
  }
  EXPECT_EQ(styles->GetFeatureCount(), 1);  // rerunning assess replaces it, never adds a second
}

TEST_F(RegionalMapTest, GridAndVectorZonesAgreeAtCellCentres) { expectGridMatchesZones(*ds_, report_.grid); }

TEST_F(RegionalMapTest, GridOpensInTheFourColoursAsACog) {
  GDALDatasetUniquePtr grid(GDALDataset::Open(report_.grid.c_str(), GDAL_OF_RASTER));
  ASSERT_TRUE(grid);
  ASSERT_EQ(grid->GetRasterCount(), 1);
  GDALRasterBand* band = grid->GetRasterBand(1);
  EXPECT_EQ(band->GetRasterDataType(), GDT_Byte);
  int hasNoData = 0;
  EXPECT_EQ(band->GetNoDataValue(&hasNoData), 0);
  EXPECT_TRUE(hasNoData);
  EXPECT_STREQ(grid->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"), "COG");
  // (Too small for overviews: a COG adds them past one 512-cell block; SampleCountyTest checks a county's.)
  // The palette (styles/palette.toml) as the colour table, the Chinese names as categories.
  const GDALColorTable* colours = band->GetColorTable();
  ASSERT_NE(colours, nullptr);
  const std::map<int, std::array<short, 3>> rgb{{4, {230, 0, 18}}, {3, {243, 152, 0}}, {2, {255, 241, 0}}, {1, {0, 104, 183}}};
  for (const auto& [value, c] : rgb) {
    const GDALColorEntry* e = colours->GetColorEntry(value);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ((std::array<short, 3>{e->c1, e->c2, e->c3}), c) << value;
  }
  char** names = band->GetCategoryNames();
  ASSERT_GE(CSLCount(names), 5);
  EXPECT_STREQ(names[4], "重大风险");
  EXPECT_STREQ(names[1], "低风险");
  // The additive index in its own Float32 file on the same grid.
  GDALDatasetUniquePtr index(GDALDataset::Open(indexPathFor(report_.grid).c_str(), GDAL_OF_RASTER));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
  EXPECT_EQ(index->GetRasterXSize(), grid->GetRasterXSize());
  EXPECT_EQ(indexPathFor("/a/x_risk_grid.tif"), std::filesystem::path("/a/x_risk_index.tif"));
}

TEST_F(RegionalMapTest, AdditiveIndexClassifiedByThresholds) {
  // Weights major 4, high 3, moderate 2, low 1; >= 6 major, >= 4 high, >= 2 moderate.
  ds_.reset();
  build("[rules.regional.combination]\nmethod = \"additive\"\n");
  EXPECT_EQ(report_.regional->method, "additive");
  EXPECT_EQ(gradeAt(519600, 3330000), "major");     // safety ring 4 + 500 m ring 3 = 7
  EXPECT_EQ(gradeAt(519950, 3330000), "high");      // 500 m ring 3 + park buffer 2 = 5
  EXPECT_EQ(gradeAt(520800, 3330000), "moderate");  // the park alone: 3
  EXPECT_EQ(gradeAt(521600, 3330000), "moderate");  // park buffer: 2
  EXPECT_EQ(gradeAt(521900, 3331900), "low");       // nothing: 0
  double total = 0;
  for (const auto& [g, a] : report_.regional->areaKm2) total += a;
  EXPECT_NEAR(total, 16.0, 1e-6);
  expectGridMatchesZones(*ds_, report_.grid);
}

}  // namespace
}  // namespace riskmap
