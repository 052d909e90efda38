// The hidden_dangers kind end to end: a GBK register with Chinese headers
// (located on its plants or at its own coordinates) and an xlsx register,
// each bad record rejected with its reason, and the zone rule in assess.
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/import/Importer.hpp"
#include "riskmap/regional/Explain.hpp"

namespace riskmap {
namespace {

const char* kRegister =
    "编号,企业,等级,类别,发现日期,整改期限,状态,开始整改,整改完成,验收日期,挂牌,挂牌级别,lon,lat\n"
    "D1,HZ1,重大,工艺,2026-09-01,2026-11-30,整改中,2026-09-05,,,1,市级,,\n"
    "D2,HZ2,一般,消防,2026-09-02,2026-09-30,未整改,,,,0,,,\n"
    "D3,HZ2,重大,电气,2026-08-01,2026-08-31,已验收,2026-08-02,2026-08-20,2026-08-25,0,,,\n"
    "D4,,一般,其他,2026-09-03,2026-10-03,未整改,,,,0,,120.21,30.09\n"
    "B1,HZ1,重大,工艺,2026-09-01,2026-10-01,已整改,2026-09-02,,,0,,,\n"
    "B2,HZ1,一般,工艺,2026-09-10,2026-09-01,未整改,,,,0,,,\n"
    "B3,HZ9,一般,工艺,2026-09-01,2026-10-01,未整改,,,,0,,,\n"
    "B4,HZ1,一般,工艺,2026-09-01,2026-10-01,已关闭,,,,0,,,\n"
    "B5,HZ1,特大,工艺,2026-09-01,2026-10-01,未整改,,,,0,,,\n"
    "B6,,一般,工艺,2026-09-01,2026-10-01,未整改,,,,0,,,\n";

class HiddenDangersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    test::writeRaster(*dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
    test::writeVector(*dir_ / "admin.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "测试县"}}, "POLYGON ((518000 3328000,522000 3328000,522000 3332000,518000 3332000,518000 3328000))"}});
    test::writeVector(*dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                      {{{{"plant_id", "HZ1"}, {"name", "氯碱厂"},
                         {"inventory", R"([{"substance":"氯","q_t":12},{"substance":"氨","q_t":30}])"}},
                        "POINT (520000 3330000)"},
                       {{{"plant_id", "HZ2"}, {"name", "液氨库"}, {"inventory", R"([{"substance":"氨","q_t":30}])"}},
                        "POINT (519000 3331000)"}});
    // The register as an office's Excel saves it: GBK, Chinese headers, no .cpg.
    char* gbk = CPLRecode(kRegister, CPL_ENC_UTF8, "GBK");
    std::ofstream(*dir_ / "隐患台账.csv", std::ios::binary) << gbk;
    CPLFree(gbk);
    test::writeVector(*dir_ / "dangers.xlsx", "XLSX", "台账", 0, wkbNone,
                      {{"danger_id"}, {"plant_id"}, {"level"}, {"found_date", OFTDate}, {"status"},
                       {"rectified_date", OFTDate}},
                      {{{{"danger_id", "X1"}, {"plant_id", "HZ1"}, {"level", "一般"}, {"found_date", "2026-09-04"},
                         {"status", "未整改"}}, ""},
                       {{{"danger_id", "X2"}, {"plant_id", "HZ2"}, {"level", "重大"}, {"found_date", "2026-09-04"},
                         {"status", "已验收"}, {"rectified_date", "2026-09-10"}}, ""}});
    const std::string layers = R"(
study_area = "county"
[[layers]]
name = "county"
kind = "admin_units"
source = "admin.gpkg"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.gpkg"
[[layers]]
name = "dangers"
kind = "hidden_dangers"
source = "隐患台账.csv"
srs = "EPSG:4490"
open_options = ["X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat"]
fields = { danger_id = "编号", plant_id = "企业", level = "等级", category = "类别", found_date = "发现日期", deadline = "整改期限", status = "状态", rectify_start = "开始整改", rectified_date = "整改完成", accepted_date = "验收日期", listed = "挂牌", listed_level = "挂牌级别" }
[[layers]]
name = "dangers_xlsx"
kind = "hidden_dangers"
source = "dangers.xlsx"
)";
    const std::string asOf = "[rules.hidden_dangers]\nstatus = { as_of = \"2026-10-01\" }\n";
    dir_->write("on.toml", "name = \"测试县\"\ncrs = \"EPSG:4549\"\nlibrary = \"on.gpkg\"\n" + layers + asOf);
    dir_->write("off.toml", "name = \"测试县\"\ncrs = \"EPSG:4549\"\nlibrary = \"off.gpkg\"\n" + layers + asOf +
                                "zone_raise = { enabled = 0 }\n");
    LayerRegistry kinds;
    registerBuiltinKinds(kinds);
    for (const char* p : {"on.toml", "off.toml"}) {
      const Project project = Project::load(*dir_ / p);
      const ImportReport r = importProject(project, kinds, ImportOptions{true});
      if (std::string(p) == "on.toml") *balance_ = r.layers;
      assessProject(project, kinds, AssessOptions{RISKMAP_LAYERS_DIR, true});
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  static GDALDatasetUniquePtr open(const char* name) {
    return GDALDatasetUniquePtr(GDALDataset::Open((*dir_ / name).c_str(), GDAL_OF_VECTOR));
  }

  // The reject whose original attributes name this danger id.
  static std::string rejectReason(const std::string& id) {
    auto ds = open("on.gpkg");
    for (auto& f : *ds->GetLayerByName("rejects")) {
      const auto attrs = nlohmann::json::parse(f->GetFieldAsString("attributes"));
      for (const char* key : {"编号", "danger_id"})
        if (attrs.value(key, "") == id) return f->GetFieldAsString("reason");
    }
    return "(not rejected)";
  }

  static test::TempDir* dir_;
  static std::vector<library::LayerEntry>* balance_;
};
test::TempDir* HiddenDangersTest::dir_ = nullptr;
std::vector<library::LayerEntry>* HiddenDangersTest::balance_ = new std::vector<library::LayerEntry>;

TEST_F(HiddenDangersTest, EachBadRecordIsRejectedWithItsReason) {
  EXPECT_NE(rejectReason("B1").find("status 已整改 (closed) needs rectified_date"), std::string::npos) << rejectReason("B1");
  EXPECT_NE(rejectReason("B2").find("field 'deadline': 2026-09-01 is before the found date 2026-09-10"),
            std::string::npos) << rejectReason("B2");
  EXPECT_NE(rejectReason("B3").find("field 'plant_id': 'HZ9' matches no feature's plant_id (layers hazard_sources)"),
            std::string::npos) << rejectReason("B3");
  EXPECT_NE(rejectReason("B4").find("'已关闭' is not one of: 未整改, 整改中, 已整改, 已验收"), std::string::npos)
      << rejectReason("B4");
  EXPECT_NE(rejectReason("B5").find("'特大' is not one of: 一般, 重大"), std::string::npos) << rejectReason("B5");
  EXPECT_NE(rejectReason("B6").find("no location"), std::string::npos) << rejectReason("B6");
  EXPECT_NE(rejectReason("X2").find("status 已验收 (accepted) needs accepted_date"), std::string::npos)
      << rejectReason("X2");
  for (const char* kept : {"D1", "D2", "D3", "D4", "X1"}) EXPECT_EQ(rejectReason(kept), "(not rejected)") << kept;
  // The balance: read = accepted + rejected, rejections found after the import included.
  const library::LayerEntry& csv = balance_->at(3);
  EXPECT_EQ(csv.read, 10);
  EXPECT_EQ(csv.accepted, 4);
  EXPECT_EQ(csv.rejected, 6);
  EXPECT_EQ(balance_->at(4).accepted, 1);
  EXPECT_EQ(balance_->at(4).rejected, 1);
}

TEST_F(HiddenDangersTest, RegisterWithoutCoordinatesIsLocatedOnItsPlants) {
  auto ds = open("on.gpkg");
  OGRLayer* l = ds->GetLayerByName("dangers");
  ASSERT_EQ(l->GetFeatureCount(), 4);
  std::map<std::string, std::pair<double, double>> at;
  for (auto& f : *l) at[f->GetFieldAsString("danger_id")] = {f->GetGeometryRef()->toPoint()->getX(), f->GetGeometryRef()->toPoint()->getY()};
  EXPECT_EQ(at["D1"], std::make_pair(520000.0, 3330000.0));  // HZ1
  EXPECT_EQ(at["D2"], std::make_pair(519000.0, 3331000.0));  // HZ2
  // D4 keeps its own coordinates, converted by a separate transformation.
  OGRSpatialReference geo, gk;
  geo.importFromEPSG(4490), gk.importFromEPSG(4549);
  geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER), gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = 120.21, y = 30.09;
  std::unique_ptr<OGRCoordinateTransformation>(OGRCreateCoordinateTransformation(&geo, &gk))->Transform(1, &x, &y);
  EXPECT_NEAR(at["D4"].first, x, 1e-3);
  EXPECT_NEAR(at["D4"].second, y, 1e-3);
  // Chinese values of the GBK file arrive as UTF-8.
  l->SetAttributeFilter("danger_id = 'D1'");
  OGRFeatureUniquePtr d1(l->GetNextFeature());
  EXPECT_STREQ(d1->GetFieldAsString("category"), "工艺");
  EXPECT_STREQ(d1->GetFieldAsString("listed_level"), "市级");
}

// One step up: major stays major, high -> major, moderate -> high, low -> moderate.
std::string oneStepUp(const std::string& g) {
  return g == "low" ? "moderate" : g == "moderate" ? "high" : "major";
}

std::map<std::string, std::string> zoneGrades(GDALDataset& ds, const std::string& source) {
  std::map<std::string, std::string> out;
  OGRLayer* l = ds.GetLayerByName("footprints");
  l->SetAttributeFilter(("source_id = '" + source + "' AND zone_grade IS NOT NULL").c_str());
  for (auto& f : *l) out[f->GetFieldAsString("ring")] = f->GetFieldAsString("zone_grade");
  return out;
}

TEST_F(HiddenDangersTest, AnOpenMajorDangerRaisesItsPlantsZonesOneStep) {
  auto on = open("on.gpkg"), off = open("off.gpkg");
  const auto raised = zoneGrades(*on, "HZ1"), plain = zoneGrades(*off, "HZ1");
  ASSERT_FALSE(plain.empty());
  for (const auto& [ring, grade] : plain) EXPECT_EQ(raised.at(ring), oneStepUp(grade)) << ring;
  // HZ2's major danger is closed and its open one general: its zones stay.
  EXPECT_EQ(zoneGrades(*on, "HZ2"), zoneGrades(*off, "HZ2"));
  OGRLayer* l = on->GetLayerByName("footprints");
  l->SetAttributeFilter("source_id = 'HZ1'");
  for (auto& f : *l) {
    const std::string why = f->GetFieldAsString("raised_by");
    if (!f->IsFieldSetAndNotNull(f->GetFieldIndex("zone_grade"))) continue;
    EXPECT_NE(why.find("D1 (重大, 整改中, found 2026-09-01, deadline 2026-11-30, 挂牌督办 市级, 工艺)"), std::string::npos) << why;
    EXPECT_EQ(why.find("X1"), std::string::npos) << why;  // general: no raise
  }
}

TEST_F(HiddenDangersTest, StatusForTheMapOnTheAsOfDay) {
  // On 1 Oct 2026: D1 open and listed (due 30 Nov), D2 open past its 30 Sept deadline, D3 accepted,
  // D4 open (due 3 Oct), X1 open without a deadline.
  auto ds = open("on.gpkg");
  std::map<std::string, std::string> mark;
  for (auto& f : *ds->GetLayerByName("danger_status")) mark[f->GetFieldAsString("danger_id")] = f->GetFieldAsString("mark");
  EXPECT_EQ(mark, (std::map<std::string, std::string>{
                      {"D1", "listed"}, {"D2", "overdue"}, {"D3", "closed"}, {"D4", "open"}, {"X1", "open"}}));
  // No grade rows: a danger is not a source of risk.
  OGRLayer* grades = ds->GetLayerByName("source_grades");
  grades->SetAttributeFilter("kind = 'hidden_dangers'");
  EXPECT_EQ(grades->GetFeatureCount(), 0);
}

TEST_F(HiddenDangersTest, ExplainNamesTheOpenDangerAtThePlant) {
  const nlohmann::json e = explainAt(*dir_ / "on.gpkg", 520000, 3330000);
  bool named = false;
  for (const auto& z : e["zones"])
    named = named || z.value("raised_by", "").find("open hidden danger D1") != std::string::npos;
  EXPECT_TRUE(named) << e.dump(2);
}

TEST_F(HiddenDangersTest, TheRaiseIsWordedInChineseFromTheKindsZhTable) {
  // D1 as the register gives it (整改中, found 2026-09-01, due 2026-11-30,
  // listed by the city, 工艺), in the words of hidden_dangers.toml's [zh.zone_raise].
  const std::string expected =
      "尚未整改完毕的事故隐患 D1（重大，整改中，发现于 2026-09-01，整改期限 2026-11-30，挂牌督办 市级，工艺）："
      "风险分区上调一级（riskmap 规则 hidden_dangers.zone_raise）";
  const nlohmann::json e = explainAt(*dir_ / "on.gpkg", 520000, 3330000);
  int raised = 0;
  for (const auto& z : e["zones"]) {
    if (!z.contains("raised_by")) continue;
    ++raised;
    EXPECT_EQ(z.value("raised_by_zh", ""), expected);
    const std::string reason = z["reason_zh"].get<std::string>();
    EXPECT_NE(reason.find("（" + expected + "）"), std::string::npos) << reason;
    // No English left: only the danger's code, the rule's code and units.
    for (const std::string& w : test::asciiWords(reason))
      EXPECT_TRUE(w == "D1" || w == "riskmap" || w == "hidden_dangers" || w == "zone_raise" || w == "m" || w == "km")
          << w << " in " << reason;
  }
  EXPECT_GT(raised, 0) << e.dump(2);
}

}  // namespace
}  // namespace riskmap
