// The bundled sample county through import and assess: the figures the
// generator states (data/sample_county/summary.json) must come out of the
// one library, and every broken record of the dirty copy must be caught.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap {
namespace {

const std::filesystem::path kSample = std::filesystem::path(RISKMAP_SOURCE_DIR) / "data/sample_county";

// A fire or explosion outcome (a scenario row's `outcome`) and the words a
// risk contour's `model` names it by.
const std::map<std::string, std::string> kFireWords = {
    {"pool_fire", "pool fire"}, {"jet_fire", "jet fire"}, {"fireball", "fireball"}, {"vapour_cloud_explosion", "VCE"}};

class SampleCountyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    ASSERT_TRUE(std::filesystem::exists(kSample / "summary.json")) << "build the sample_county target first";
    summary_ = nlohmann::json::parse(test::readFile(kSample / "summary.json"));
  }
  nlohmann::json summary_;
  test::TempDir dir_;
};

TEST_F(SampleCountyTest, ImportTakesEveryRecordAndKeepsEveryPerson) {
  const auto project = test::relocatedProject(kSample / "project.toml", dir_);
  const auto r = test::runRiskmap("import -q " + project.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto info = nlohmann::json::parse(test::runRiskmap("info --json " + project.string()).output);
  EXPECT_EQ(info["crs"], "EPSG:4549");
  EXPECT_EQ(info["rejects"], 0);
  std::map<std::string, nlohmann::json> layers;
  for (const auto& l : info["layers"]) layers[l["name"]] = l;
  EXPECT_EQ(layers["hazard_sources"]["count"], summary_["plants"]);
  EXPECT_EQ(layers["pipelines"]["count"], summary_["pipelines"]);
  EXPECT_EQ(layers["protected_targets"]["count"], summary_["protected_targets"]);
  EXPECT_EQ(layers["buildings"]["count"], summary_["buildings"]);
  EXPECT_EQ(layers["accidents"]["count"], summary_["accidents"]);
  EXPECT_EQ(layers["townships"]["count"], summary_["townships"]);
  EXPECT_DOUBLE_EQ(layers["population"]["sum"].get<double>(), summary_["population"].get<double>());
  EXPECT_EQ(layers["protected_targets"]["encoding"], "CP936 (declared by the Shapefile)");
}

TEST_F(SampleCountyTest, AssessGradesEverySourceAndAllFourLevelsOccur) {
  const auto project = test::relocatedProject(kSample / "project.toml", dir_);
  ASSERT_EQ(test::runRiskmap("import -q " + project.string()).exitCode, 0);
  const auto r = test::runRiskmap("assess -q " + project.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto s = nlohmann::json::parse(test::readFile(dir_ / "assess_summary.json"));
  long long plants = 0;
  for (const auto& [grade, n] : s["grades"]["hazard_sources"].items()) {
    EXPECT_NE(grade, "ungraded");
    plants += n.get<long long>();
  }
  EXPECT_EQ(plants, summary_["plants"].get<long long>());
  for (const char* level : {"1", "2", "3", "4", "not major"})
    EXPECT_GT(s["grades"]["hazard_sources"].value(level, 0), 0) << level;
  EXPECT_EQ(s["grades"]["chemical_parks"]["A"], 1);
  EXPECT_EQ(s["grades"]["chemical_parks"]["B"], 1);
  EXPECT_GE(s["grades"]["accidents"].value("black spot", 0), 5);     // the five planted ones at least
  EXPECT_GE(s["grades"]["accidents"].value("black segment", 0), 3);
  EXPECT_EQ(s["parts"]["accident_snaps"], summary_["accidents"]);    // every accident accounted for
  // The three tailings ponds: 四等 病库 raised for the village below it, 三等 正常库, 五等 正常库; every
  // run-out traced its full length on the sample's DEM (none in the incomplete list).
  EXPECT_EQ(s["grades"]["tailings_ponds"]["high"], 1);
  EXPECT_EQ(s["grades"]["tailings_ponds"]["moderate"], 1);
  EXPECT_EQ(s["grades"]["tailings_ponds"]["low"], 1);
  EXPECT_EQ(s["parts"]["tailings_flow_paths"], summary_["tailings_ponds"]);
  for (const auto& line : s["incomplete"]) EXPECT_EQ(line.get<std::string>().find("tailings_ponds"), std::string::npos) << line;

  // The four-colour map covers the county: its grades' areas add up to the county's area.
  double area = 0, people = 0;
  for (const char* g : {"major", "high", "moderate", "low"}) {
    area += s["regional"][g]["area_km2"].get<double>();
    people += s["regional"][g]["people"].get<double>();
  }
  EXPECT_NEAR(area, summary_["area_km2"].get<double>(), 1.0);
  EXPECT_NEAR(people, summary_["population"].get<double>(), summary_["population"].get<double>() * 0.001);
  EXPECT_GT(s["regional"]["major"]["area_km2"].get<double>(), 0);
  // A county-sized grade grid (about 4,300 x 4,300 cells) opens at any scale: it has overviews.
  {
    GDALDatasetUniquePtr grid(GDALDataset::Open(s["grid"]["path"].get<std::string>().c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(grid);
    EXPECT_GE(grid->GetRasterBand(1)->GetOverviewCount(), 3);
    EXPECT_EQ(static_cast<long long>(grid->GetRasterXSize()) * grid->GetRasterYSize(), s["grid"]["cells"].get<long long>());
  }

  // explain on a red point names its source and the rule.
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table fp = library::openTable(*ds, "footprints");
  fp->SetAttributeFilter("kind = 'hazard_sources' AND zone_grade = 'major'");
  OGRFeatureUniquePtr red(fp->GetNextFeature());
  ASSERT_TRUE(red);
  const std::string plant = red->GetFieldAsString("source_id");
  OGRPoint centre;
  red->GetGeometryRef()->Centroid(&centre);
  OGRSpatialReference gk, geo;
  gk.importFromEPSG(4549);
  geo.importFromEPSG(4490);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  centre.assignSpatialReference(&gk);
  centre.transformTo(&geo);
  char at[64];
  std::snprintf(at, sizeof at, "%.7f,%.7f", centre.getX(), centre.getY());
  const auto e = test::runRiskmap("explain " + project.string() + " --at " + at + " --lang en");
  EXPECT_EQ(e.exitCode, 0) << e.output;
  EXPECT_NE(e.output.find("重大风险 (major)"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("hazard_sources " + plant), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("GB 18218-2018"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("R = alpha * sum(beta*q/Q)"), std::string::npos) << e.output;

  // The two plants with QRA inputs (qra_equipment.csv): contours in the
  // library, the external safety ring read off them, and the rule says so.
  for (const char* plantId : {"HZ001", "HZ036"}) {
    library::Table contours = library::openTable(*ds, "risk_contours");
    contours->SetAttributeFilter(("source_id = '" + std::string(plantId) + "'").c_str());
    std::set<std::string> levels;
    for (auto& c : *contours) {
      levels.insert(c->GetFieldAsString("level_text"));
      EXPECT_EQ(c->GetFieldAsInteger("weather_is_default"), 1);
      EXPECT_EQ(c->GetFieldAsInteger("loc_frequencies_verified"), 0);
      EXPECT_EQ(wkbFlatten(c->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
    }
    EXPECT_TRUE(levels.count("3e-6")) << plantId;
    library::Table rings = library::openTable(*ds, "footprints");
    rings->SetAttributeFilter(("source_id = '" + std::string(plantId) + "' AND ring = 'external_safety'").c_str());
    OGRFeatureUniquePtr ring(rings->GetNextFeature());
    ASSERT_TRUE(ring) << plantId;
    EXPECT_STREQ(ring->GetFieldAsString("distance_source"), "qra");
    library::Table grades = library::openTable(*ds, "source_grades");
    grades->SetAttributeFilter(("source_id = '" + std::string(plantId) + "'").c_str());
    OGRFeatureUniquePtr g(grades->GetNextFeature());
    ASSERT_TRUE(g);
    EXPECT_NE(std::string(g->GetFieldAsString("rule")).find("QRA (GB/T 37243-2019 6)"), std::string::npos);
  }
  // HZ036's societal risk: its F-N steps in the library, read back: F
  // rises as N falls (a cumulative frequency), each step's region is the
  // one its row's two criterion lines give, the largest N is the one the
  // plant's figures name, and the rows sit at the plant.
  {
    library::Table fn = library::openTable(*ds, "societal_risk");
    ASSERT_TRUE(fn) << "no societal_risk table";
    fn->SetAttributeFilter("source_id = 'HZ036'");
    double lastN = 1e300, lastF = 0, maxN = 0;
    int steps = 0;
    for (auto& r : *fn) {
      const double n = r->GetFieldAsDouble("deaths"), f = r->GetFieldAsDouble("frequency_per_year");
      EXPECT_LT(n, lastN);
      EXPECT_GT(f, lastF);
      lastN = n, lastF = f, maxN = std::max(maxN, n);
      const char* region = f > r->GetFieldAsDouble("intolerable_line")  ? "intolerable"
                           : f > r->GetFieldAsDouble("negligible_line") ? "ALARP"
                                                                        : "negligible";
      EXPECT_STREQ(r->GetFieldAsString("region"), region);
      EXPECT_EQ(r->GetFieldAsInteger("criterion_verified"), 1);  // qra.toml [societal] verified = true
      ASSERT_TRUE(r->GetGeometryRef());
      ++steps;
    }
    EXPECT_GT(steps, 1);
    library::Table grades = library::openTable(*ds, "source_grades");
    grades->SetAttributeFilter("source_id = 'HZ036'");
    OGRFeatureUniquePtr g(grades->GetNextFeature());
    ASSERT_TRUE(g);
    const auto societal = nlohmann::json::parse(g->GetFieldAsString("figures"))["qra"]["societal_risk"];
    EXPECT_NEAR(societal["max_expected_deaths"].get<double>(), maxN, 1e-9 * maxN);
    EXPECT_NE(std::string(g->GetFieldAsString("rule_zh")).find("社会风险"), std::string::npos);
  }
  // The flammable ones: HZ003's LPG sphere (fireball, explosion, jet fires)
  // and HZ005's bunded gasoline tank (pool fires) draw contours too, and
  // their external safety distance comes from the QRA (for the in-service
  // sphere the 3e-6 contour may be nowhere: 0 m, no ring; its 3e-7
  // contour, the fireball's, reaches past 100 m).
  std::set<std::string> parkFires;  // the fire outcomes of HZ003 and HZ005, both in park P01
  for (const char* plantId : {"HZ003", "HZ005"}) {
    library::Table contours = library::openTable(*ds, "risk_contours");
    contours->SetAttributeFilter(("source_id = '" + std::string(plantId) + "'").c_str());
    std::map<std::string, double> reach;
    for (auto& c : *contours) {
      reach[c->GetFieldAsString("level_text")] = c->GetFieldAsDouble("reach_m");
    }
    EXPECT_TRUE(reach.count("3e-7")) << plantId;
    if (std::string(plantId) == "HZ003") {
      EXPECT_GT(reach["3e-7"], 100);
    }
    library::Table grades = library::openTable(*ds, "source_grades");
    grades->SetAttributeFilter(("source_id = '" + std::string(plantId) + "'").c_str());
    OGRFeatureUniquePtr g(grades->GetNextFeature());
    ASSERT_TRUE(g);
    const auto figures = nlohmann::json::parse(g->GetFieldAsString("figures"));
    // The sphere's explosion says which TNT blast curve it read (qra.toml's
    // default, the Kingery-Bulmash surface burst), and so do its contours.
    int explosions = 0;
    for (const auto& row : figures["qra"]["scenarios"])
      if (row["outcome"] == "vapour_cloud_explosion") {
        ++explosions;
        EXPECT_EQ(row["model"]["blast_curve"], "kingery_bulmash_surface");
      }
    EXPECT_EQ(explosions, std::string(plantId) == "HZ003" ? 1 : 0) << plantId;
    // The contours name the models whose scenarios contributed (a computed
    // outcome with a frequency and a lethal reach, read from the plant's
    // scenario rows) and no other; only thermal outcomes (fires, fireballs)
    // carry an atmospheric transmissivity, an explosion's overpressure none.
    std::set<std::string> contributed;
    bool toxic = false;
    for (const auto& row : figures["qra"]["scenarios"]) {
      if (!row.value("computed", false)) continue;
      if (!row.contains("outcome")) {
        toxic = true;
        continue;
      }
      const std::string outcome = row["outcome"];
      if (row["outcome_frequency_per_year"].get<double>() > 0 && row["model"]["lethal_reach_m"].get<double>() > 0)
        contributed.insert(outcome);
      const bool thermal = outcome == "pool_fire" || outcome == "jet_fire" || outcome == "fireball";
      EXPECT_EQ(row["model"].contains("transmissivity"), thermal) << plantId << " " << outcome;
    }
    EXPECT_FALSE(contributed.empty()) << plantId;
    parkFires.insert(contributed.begin(), contributed.end());
    contours->ResetReading();
    int contourRows = 0;
    for (auto& c : *contours) {
      ++contourRows;
      const std::string model = c->GetFieldAsString("model");
      for (const auto& [outcome, words] : kFireWords)
        EXPECT_EQ(model.find(words) != std::string::npos, contributed.count(outcome) == 1)
            << plantId << ": '" << words << "' in '" << model << "'";
      EXPECT_EQ(model.find("Gaussian plume") != std::string::npos, toxic) << plantId << ": " << model;
    }
    EXPECT_GT(contourRows, 0) << plantId;
    if (explosions) {
      contours->ResetReading();
      for (auto& c : *contours)
        EXPECT_NE(std::string(c->GetFieldAsString("model")).find("Kingery-Bulmash hemispherical surface burst"),
                  std::string::npos);
    }
    EXPECT_EQ(figures["safety_distance_source"], "qra") << plantId;
    // A contour that lies nowhere draws no ring, and the rule says why.
    library::Table rings = library::openTable(*ds, "footprints");
    rings->SetAttributeFilter(("source_id = '" + std::string(plantId) + "' AND ring = 'external_safety'").c_str());
    const bool hasRing = OGRFeatureUniquePtr(rings->GetNextFeature()) != nullptr;
    EXPECT_EQ(hasRing, figures["external_safety_m"].get<double>() > 0) << plantId;
    EXPECT_EQ(std::string(g->GetFieldAsString("rule")).find("the contour lies nowhere") != std::string::npos, !hasRing)
        << g->GetFieldAsString("rule");
  }
  // The park's summed contours name the union of its plants' models: each
  // plant's scenario rows read again, the plants the park's rows list.
  {
    library::Table contours = library::openTable(*ds, "risk_contours");
    contours->SetAttributeFilter("scope = 'park' AND park_id = 'P01'");
    int rows = 0;
    for (auto& c : *contours) {
      ++rows;
      std::set<std::string> fires;
      bool toxic = false;
      std::stringstream ids(c->GetFieldAsString("plants"));
      std::string id;
      int plants = 0;
      while (std::getline(ids, id, ',')) {
        ++plants;
        library::Table grades = library::openTable(*ds, "source_grades");
        grades->SetAttributeFilter(("source_id = '" + id + "'").c_str());
        OGRFeatureUniquePtr g(grades->GetNextFeature());
        ASSERT_TRUE(g) << id;
        const auto figures = nlohmann::json::parse(g->GetFieldAsString("figures"));
        for (const auto& row : figures["qra"]["scenarios"]) {
          if (!row.value("computed", false)) continue;
          if (!row.contains("outcome")) toxic = true;
          else if (row["outcome_frequency_per_year"].get<double>() > 0 && row["model"]["lethal_reach_m"].get<double>() > 0)
            fires.insert(row["outcome"].get<std::string>());
        }
      }
      EXPECT_GE(plants, 3);  // HZ001 (toxic), HZ003, HZ005
      for (const std::string& f : parkFires) EXPECT_TRUE(fires.count(f)) << f;
      const std::string model = c->GetFieldAsString("model");
      for (const auto& [outcome, words] : kFireWords)
        EXPECT_EQ(model.find(words) != std::string::npos, fires.count(outcome) == 1) << words << " in " << model;
      EXPECT_EQ(model.find("Gaussian plume") != std::string::npos, toxic) << model;
    }
    EXPECT_GT(rows, 0);
  }
  library::Table others = library::openTable(*ds, "footprints");
  others->SetAttributeFilter("source_id = 'HZ002' AND ring = 'external_safety'");
  OGRFeatureUniquePtr typed(others->GetNextFeature());
  ASSERT_TRUE(typed);
  EXPECT_STREQ(typed->GetFieldAsString("distance_source"), "default table");
  // The same place in Chinese (explain's default, what the viewer's popup shows): the plant's
  // GB 18218 level and R recomputed here from its inventory figures (Table 5 alpha, Table 6
  // levels), the zone named by its distance, and no English rule text or ring id left.
  library::Table grades = library::openTable(*ds, "source_grades");
  grades->SetAttributeFilter(("kind = 'hazard_sources' AND source_id = '" + plant + "'").c_str());
  OGRFeatureUniquePtr g(grades->GetNextFeature());
  ASSERT_TRUE(g);
  const auto figures = nlohmann::json::parse(g->GetFieldAsString("figures"));
  double sumBetaQ = 0;
  for (const auto& i : figures["items"])
    sumBetaQ += i["beta"].get<double>() * i["q_t"].get<double>() / i["Q_t"].get<double>();
  const double within = std::round(figures["people_within_radius"].get<double>());
  const double alpha = within >= 100 ? 2.0 : within >= 50 ? 1.5 : within >= 30 ? 1.2 : within >= 1 ? 1.0 : 0.5;
  const double R = alpha * sumBetaQ;
  const int level = R >= 100 ? 1 : R >= 50 ? 2 : R >= 10 ? 3 : 4;
  const char* const numerals[] = {"", "一", "二", "三", "四"};
  const std::string gradeZh = std::string(numerals[level]) + "级重大危险源";
  char ring[96], rule[96];
  if (std::string(red->GetFieldAsString("ring")) == "external_safety")
    std::snprintf(ring, sizeof ring, "外部安全防护距离 %.0f m 范围", red->GetFieldAsDouble("distance_m"));
  else
    std::snprintf(ring, sizeof ring, "厂界外 %.0f m 人口暴露范围", red->GetFieldAsDouble("distance_m"));
  std::snprintf(rule, sizeof rule, "R = α·Σ(β·q/Q) = %.1f × %.3f = %.2f，定为%s级", alpha, sumBetaQ, R, numerals[level]);
  const std::string name = red->GetFieldAsString("name");
  const auto zh = test::runRiskmap("explain " + project.string() + " --at " + at);
  EXPECT_EQ(zh.exitCode, 0) << zh.output;
  EXPECT_NE(zh.output.find("：重大风险\n"), std::string::npos) << zh.output;
  EXPECT_NE(zh.output.find(name + "（" + gradeZh + "）" + ring + "内，定为重大风险"), std::string::npos) << zh.output;
  EXPECT_NE(zh.output.find(rule), std::string::npos) << zh.output;
  EXPECT_NE(zh.output.find("就高原则"), std::string::npos) << zh.output;
  for (const char* english : {"external_safety", "exposure_500m", "alpha", "level ", "people within"})
    EXPECT_EQ(zh.output.find(english), std::string::npos) << english << " in\n" << zh.output;
  // --json carries both: the English keys other tools read and the Chinese the viewer shows.
  const auto j = nlohmann::json::parse(test::runRiskmap("explain " + project.string() + " --at " + at + " --json").output);
  EXPECT_EQ(j["grade"], "major");
  EXPECT_EQ(j["grade_zh"], "重大风险");
  bool found = false;
  for (const auto& z : j["zones"])
    if (z["source_id"] == plant && z["ring"] == red->GetFieldAsString("ring")) {
      found = true;
      EXPECT_EQ(z["source_grade"], std::to_string(level));
      EXPECT_EQ(z["source_grade_zh"], gradeZh);
      EXPECT_EQ(z["ring_zh"], ring);
      EXPECT_EQ(z["zone_grade_zh"], "重大风险");
    }
  EXPECT_TRUE(found) << j.dump(2);
  EXPECT_NE(j["text_zh"].get<std::string>().find(gradeZh), std::string::npos) << j["text_zh"];
}

TEST_F(SampleCountyTest, DirtyCopyIsCaughtRecordByRecord) {
  const auto project = test::relocatedProject(kSample / "dirty/project.toml", dir_);
  const auto r = test::runRiskmap("import -q " + project.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto info = nlohmann::json::parse(test::runRiskmap("info --json " + project.string()).output);
  std::map<std::string, std::array<long long, 3>> balance;  // read, rejected, repaired
  for (const auto& l : info["layers"])
    balance[l["name"]] = {l["read"].get<long long>(), l["rejected"].get<long long>(), l["repaired"].get<long long>()};
  EXPECT_EQ(balance["hazard_sources"], (std::array<long long, 3>{26, 6, 0}));
  EXPECT_EQ(balance["chemical_parks"], (std::array<long long, 3>{3, 1, 1}));
  EXPECT_EQ(balance["pipelines"], (std::array<long long, 3>{6, 3, 0}));
  EXPECT_EQ(balance["accidents"], (std::array<long long, 3>{8, 3, 0}));
  EXPECT_EQ(balance["protected_targets"], (std::array<long long, 3>{5, 0, 0}));
  // GBK with no .cpg and no code page still reads as Chinese.
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  OGRFeatureUniquePtr f(library::openTable(*ds, "protected_targets")->GetNextFeature());
  EXPECT_STREQ(f->GetFieldAsString("name"), "城关第1小学");
}

}  // namespace
}  // namespace riskmap
