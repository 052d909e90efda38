// riskmap plant-map on the sample county's three enterprises (data/generator,
// Enterprises.cpp): one georeferenced by four surveyed control points, one by
// origin and rotation (its register carrying two bad rows), one not at all.
// The register is the same for all three; its grades worked by hand:
//   FX-01 甲醇储罐区 LEC 3 x 6 x 40 = 720  major    FX-02 液氨储罐   LS 4 x 5 = 20 major
//   FX-03 反应釜     LEC 3 x 6 x 15 = 270  high     FX-04 动火作业   LS 3 x 5 = 15 high
//   FX-05 危化品仓库 LEC 1 x 6 x 15 = 90   moderate FX-06 槽车装卸   LEC 3 x 6 x 7 = 126 moderate
//   FX-07 配电室     LS 3 x 3 = 9          moderate FX-08 办公楼     LEC 1 x 6 x 3 = 18 low
//   FX-09 叉车作业   LS 2 x 3 = 6          low
// so four risk cards (two major, two high) follow the plan page.
//
// Regenerate the golden image (after a deliberate change, never silently):
//   build/engine/cli/riskmap plant-map data/sample_county/project.toml --plant <the third plant> \
//       -o tests/golden/plant-map.png --dpi 40 --date 2026-11-29
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "Golden.hpp"
#include "TestSupport.hpp"
#include "enterprise/PlantConfig.hpp"

namespace riskmap {
namespace {

const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);
const std::filesystem::path kProject = kSource / "data/sample_county/project.toml";

class PlantMapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plants_ = enterprise::PlantsFile::load(kSource / "data/sample_county/enterprise/plants.toml");
    ASSERT_EQ(plants_.plants.size(), 3u);
  }
  const enterprise::PlantConfig& surveyed() const { return plants_.plants[0]; }
  const enterprise::PlantConfig& byOrigin() const { return plants_.plants[1]; }
  const enterprise::PlantConfig& bare() const { return plants_.plants[2]; }

  test::CommandResult plantMap(const std::string& id, const std::filesystem::path& out, const std::string& more = {}) const {
    return test::runRiskmap("plant-map " + kProject.string() + " --plant " + id + " -o " + out.string() +
                            " --date 2026-11-29 " + more);
  }

  test::TempDir dir_;
  enterprise::PlantsFile plants_;
};

TEST_F(PlantMapTest, PdfHasEveryMajorPointThePaperAndOneCardPerMajorAndHighPoint) {
  ASSERT_EQ(surveyed().controlPoints.size(), 4u);
  const auto pdf = dir_ / "plant.pdf";
  const auto r = plantMap(surveyed().id, pdf, "--paper A2");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("enterprise grade: 重大风险"), std::string::npos) << r.output;
  const auto info = test::runCommand("pdfinfo " + pdf.string());
  // A2 landscape: 594 x 420 mm = 1683.78 x 1190.55 pt; then four A4 cards.
  EXPECT_NE(info.output.find("Pages:           5"), std::string::npos) << info.output;
  EXPECT_NE(test::runCommand("pdfinfo -f 1 -l 1 " + pdf.string()).output.find("1683.78 x 1190.55 pts (A2)"),
            std::string::npos);
  EXPECT_NE(test::runCommand("pdfinfo -f 5 -l 5 " + pdf.string()).output.find("595.276 x 841.89 pts (A4)"),
            std::string::npos);
  const std::string text = test::runCommand("pdftotext -layout " + pdf.string() + " -").output;
  for (const char* major : {"甲醇储罐区", "液氨储罐"}) EXPECT_NE(text.find(major), std::string::npos) << major;
  EXPECT_NE(text.find(surveyed().name + "安全风险四色分布图"), std::string::npos);
  EXPECT_NE(text.find("比例尺"), std::string::npos);
  EXPECT_NE(text.find("2026-11-29"), std::string::npos);
  // One card per major and high point, each naming its point.
  const std::string cards = test::runCommand("pdftotext -f 2 -l 5 " + pdf.string() + " -").output;
  std::ptrdiff_t n = 0;
  for (auto it = cards.find("安全风险告知卡"); it != std::string::npos; it = cards.find("安全风险告知卡", it + 1)) ++n;
  EXPECT_EQ(n, 4);
  for (const char* name : {"甲醇储罐区", "液氨储罐", "反应釜（加氢）", "动火作业"}) EXPECT_NE(cards.find(name), std::string::npos) << name;
  EXPECT_EQ(cards.find("办公楼"), std::string::npos);  // a low point has no card
  // The CJK font is embedded.
  const std::string fonts = test::runCommand("pdffonts " + pdf.string()).output;
  EXPECT_TRUE(std::regex_search(fonts, std::regex("NotoSansCJK\\S*\\s.*yes")) ) << fonts;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;
}

TEST_F(PlantMapTest, RegisterRowsNamingNoUnitOrOffTableFactorsAreRejectedWithTheirReason) {
  const auto r = plantMap(byOrigin().id, dir_ / "origin.svg");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string rejects = test::readFile(dir_ / "origin.rejects.csv");
  EXPECT_NE(rejects.find("FX-10,unit 'S01' is not on the site plan"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("LEC E = 4 is not in its table"), std::string::npos) << rejects;
  // The register is GBK with Chinese headers, as Excel writes it: headers and text decoded.
  EXPECT_NE(rejects.find("风险点名称=废水处理站; 所在单元=S01"), std::string::npos) << rejects;
  EXPECT_NE(r.output.find("9 risk points graded, 2 rejected"), std::string::npos) << r.output;
  EXPECT_NE(test::readFile(dir_ / "origin.svg").find("<svg"), std::string::npos);
}

TEST_F(PlantMapTest, APlanWithoutGeoreferenceIsDrawnNotToScaleAndMatchesItsGoldenImage) {
  ASSERT_FALSE(bare().georeferenced());
  const auto pdf = dir_ / "bare.pdf";
  const auto r = plantMap(bare().id, pdf);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("not to scale"), std::string::npos) << r.output;
  const std::string text = test::runCommand("pdftotext " + pdf.string() + " -").output;
  EXPECT_NE(text.find("不按比例"), std::string::npos);
  EXPECT_EQ(text.find("比例尺 1:"), std::string::npos);
  const auto png = dir_ / "bare.png";
  ASSERT_EQ(plantMap(bare().id, png, "--dpi 40").exitCode, 0);
  test::expectMatchesGolden(png, kSource / "tests/golden/plant-map.png", "see the comment at the top of PlantMapTest.cpp");
}

TEST_F(PlantMapTest, AControlPointOffTheFitIsAnErrorNamingIt) {
  // K3 moved 1.2 m east: with the 240 m x 160 m rectangle of corners, the fit leaves it
  // 0.6 m off (K2 0.42 m, K4 0.33 m, K1 0), past the 0.5 m default; the survey's own
  // few centimetres of noise move that by a few hundredths.
  std::string plants = test::readFile(kSource / "data/sample_county/enterprise/plants.toml");
  const enterprise::ControlPoint k3 = surveyed().controlPoints[2];
  ASSERT_EQ(k3.name, "K3");
  char from[64], to[64];
  std::snprintf(from, sizeof from, "map = [%.3f,", k3.map.x);
  std::snprintf(to, sizeof to, "map = [%.3f,", k3.map.x + 1.2);
  ASSERT_NE(plants.find(from), std::string::npos) << from;
  plants.replace(plants.find(from), std::string(from).size(), to);
  std::regex relative("(site_plan|register) = \"");
  plants = std::regex_replace(plants, relative, "$1 = \"" + (kSource / "data/sample_county/enterprise/").string());
  dir_.write("plants.toml", plants);
  std::string project = test::readFile(test::relocatedProject(kProject, dir_));
  project = std::regex_replace(project, std::regex("plants = \"[^\"]*\""), "plants = \"" + (dir_ / "plants.toml").string() + "\"");
  dir_.write("project.toml", project);
  const auto r = test::runRiskmap("plant-map " + (dir_ / "project.toml").string() + " --plant " + surveyed().id + " -o " +
                                  (dir_ / "moved.pdf").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("K3 \\(0\\.(5[6-9]|6[0-4])\\d m\\)"))) << r.output;
  EXPECT_EQ(r.output.find("K1 ("), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("K2 ("), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("max_residual_m"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "moved.pdf"));
}

TEST_F(PlantMapTest, AGeoPackagePlanInItsOwnCrsIsDrawnToScaleAndUnitsTakeTheirHighestPoint) {
  // Two units in Gauss-Kruger metres, 100 m and 60 m wide; English register headers, UTF-8.
  test::writeVector(dir_ / "plan.gpkg", "GPKG", "units", 4549, wkbPolygon, {{"unit_id"}},
                    {{{{"unit_id", "A"}}, "POLYGON ((571000 3329000,571100 3329000,571100 3329050,571000 3329050,571000 3329000))"},
                     {{{"unit_id", "B"}}, "POLYGON ((571150 3329000,571210 3329000,571210 3329050,571150 3329050,571150 3329000))"}});
  dir_.write("register.csv",
             "id,name,unit,method,L,E,C,S,controls,responsible\n"
             "R1,泵房,A,LEC,1,6,3,,巡检,甲\n"     // 18: low
             "R2,反应器,A,LS,4,,,4,联锁,乙\n"     // 16: high -> unit A high
             "R3,库房,B,LEC,3,6,7,,通风,丙\n");   // 126: moderate -> unit B moderate; the enterprise high
  dir_.write("plants.toml", "[[plant]]\nid = \"G1\"\nname = \"试验化工有限公司\"\nsite_plan = \"plan.gpkg\"\n"
                            "register = \"register.csv\"\nemergency_phone = \"119\"\n");
  dir_.write("project.toml", "name = \"t\"\nlibrary = \"one.gpkg\"\n[[layers]]\nname = \"units\"\nkind = \"admin_units\"\n"
                             "source = \"plan.gpkg\"\n[enterprise]\nplants = \"plants.toml\"\n");
  const auto r = test::runRiskmap("plant-map " + (dir_ / "project.toml").string() + " --plant G1 -o " +
                                  (dir_ / "g1.pdf").string() + " --paper A4");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("unit A          较大风险"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("unit B          一般风险"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("enterprise grade: 较大风险"), std::string::npos) << r.output;
  // 210 m x 50 m, with 6 % room: 222.6 m x 53 m. The A4 map frame is 297 mm less two 7.1 mm margins,
  // the 50.9 mm panel and a 2.8 mm gap = 229.1 mm wide (all scaled by sqrt(A4/A3) = 0.707 from A3's
  // 10, 72 and 4 mm): 222.6 mm at 1:1000 fits, 445 mm at 1:500 does not.
  EXPECT_NE(r.output.find("drawn at 1:1000"), std::string::npos) << r.output;
  const std::string text = test::runCommand("pdftotext " + (dir_ / "g1.pdf").string() + " -").output;
  EXPECT_NE(text.find("4549"), std::string::npos) << text;  // the plan's own CRS, named in the notes
  EXPECT_NE(test::runCommand("pdfinfo " + (dir_ / "g1.pdf").string()).output.find("Pages:           2"), std::string::npos);
}

TEST_F(PlantMapTest, TheGradeMapDrawsGeoreferencedEnterprisesByGradeAndExplainNamesTheirMajorPoints) {
  const auto project = test::assessedCounty(kProject, dir_);
  const auto r = test::runRiskmap("plant-map " + project.string() + " --grades");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  // Two of the three plans are georeferenced; the bare one cannot be placed.
  EXPECT_NE(r.output.find("wrote 2 enterprises"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(bare().id + ": site plan not georeferenced"), std::string::npos) << r.output;
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* t = ds->GetLayerByName("enterprise_grades");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->GetFeatureCount(), 2);
  // The surveyed plant's outline sits where its control points put it: its centre is the
  // mean of the four fence corners' map coordinates (the hull reaches past them only by
  // the assembly area outside the fence, 25 m to the south, which the centroid shifts
  // by less than 8 m).
  double e = 0, n = 0;
  for (const auto& cp : surveyed().controlPoints) e += cp.map.x / 4, n += cp.map.y / 4;
  OGRPoint centre;
  for (const auto& f : *t) {
    if (std::string(f->GetFieldAsString("plant_id")) != surveyed().id) continue;
    EXPECT_STREQ(f->GetFieldAsString("grade"), "major");
    EXPECT_EQ(f->GetFieldAsInteger("major"), 2);
    EXPECT_EQ(f->GetFieldAsInteger("high"), 2);
    ASSERT_EQ(f->GetGeometryRef()->Centroid(&centre), OGRERR_NONE);
    EXPECT_NEAR(centre.getX(), e, 8);
    EXPECT_NEAR(centre.getY(), n, 8);
  }
  // explain at the plant's centre names its major points.
  OGRSpatialReference gk, geo;
  gk.importFromEPSG(4549), geo.importFromEPSG(4490);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER), geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> toGeo(OGRCreateCoordinateTransformation(&gk, &geo));
  double lon = e, lat = n;
  ASSERT_TRUE(toGeo->Transform(1, &lon, &lat));
  char at[64];
  std::snprintf(at, sizeof at, "%.7f,%.7f", lon, lat);
  const auto x = test::runRiskmap("explain " + project.string() + " --at " + at + " --lang en");
  ASSERT_EQ(x.exitCode, 0) << x.output;
  EXPECT_NE(x.output.find("enterprise " + surveyed().id), std::string::npos) << x.output;
  EXPECT_NE(x.output.find("major risk points: 甲醇储罐区 (1), 液氨储罐 (2)"), std::string::npos) << x.output;
  // Rendering the county draws the table (the style's enterprise-grades layer), in the major red.
  const auto png = dir_ / "site.png";
  char bbox[128];
  std::snprintf(bbox, sizeof bbox, "%.6f,%.6f,%.6f,%.6f", lon - 0.0004, lat - 0.0003, lon + 0.0004, lat + 0.0003);
  ASSERT_EQ(test::runRiskmap("render " + project.string() + " -o " + png.string() + " --width 64 --bbox " + bbox).exitCode, 0);
  cairo_surface_t* img = cairo_image_surface_create_from_png(png.c_str());
  const unsigned char* px = cairo_image_surface_get_data(img) + 32 * cairo_image_surface_get_stride(img) + 32 * 4;
  EXPECT_GT(px[2], 200);  // ARGB32 little-endian: B G R A; the palette's major red is (230, 0, 18)
  EXPECT_LT(px[1], 40);
  cairo_surface_destroy(img);
}

}  // namespace
}  // namespace riskmap
