// riskmap assess end to end on a hand-built county: uniform population of
// 1 person per 100 m cell, one plant, one park, one school.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/import/Importer.hpp"

namespace riskmap {
namespace {

// GEOS buffers a point with 16 segments per quadrant: a regular 64-gon whose
// area is 64/2 r^2 sin(2 pi / 64).
double bufferArea(double r) { return 32 * r * r * std::sin(2 * M_PI / 64); }

class AssessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerBuiltinKinds(kinds_);
    // 40 x 40 cells of 100 m, 1 person each, centred on (520000, 3330000).
    test::writeRaster(dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
    test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                      {{{{"plant_id", "HZ1"}, {"name", "氯碱厂"},
                         {"inventory", R"([{"substance":"氯","q_t":12},{"substance":"氨","q_t":30}])"}},
                        "POINT (520000 3330000)"},
                       {{{"plant_id", "HZ2"}, {"name", "小仓库"}, {"inventory", R"([{"substance":"甲醇","q_t":100}])"}},
                        "POINT (519000 3331000)"}});
    test::writeVector(dir_ / "parks.gpkg", "GPKG", "parks", 4549, wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}},
                      {{{{"park_id", "P1"}, {"name", "化工园"}, {"score", "68.5"}},
                        "POLYGON ((518500 3328500,519500 3328500,519500 3329500,518500 3329500,518500 3328500))"}});
    test::writeVector(dir_ / "targets.gpkg", "GPKG", "targets", 4549, wkbPoint, {{"kind"}},
                      {{{{"kind", "school"}}, "POINT (520200 3330100)"},    // 224 m from HZ1
                       {{{"kind", "hospital"}}, "POINT (520700 3330000)"}});  // 700 m from HZ1
    // Two buildings: one 100 m from HZ1 (inside its 500 m ring), one 900 m away.
    test::writeVector(dir_ / "buildings.gpkg", "GPKG", "buildings", 4549, wkbPoint,
                      {{"storeys", OFTInteger}, {"households", OFTInteger}},
                      {{{{"storeys", "6"}, {"households", "24"}}, "POINT (520100 3330000)"},
                       {{{"storeys", "2"}, {"households", "3"}}, "POINT (520900 3330000)"}});
    // A 3 km gas trunk line 300 m north of the school.
    test::writeVector(dir_ / "pipes.gpkg", "GPKG", "pipes", 4549, wkbLineString,
                      {{"pipe_id"}, {"medium"}, {"diameter_mm", OFTReal}, {"pressure_mpa", OFTReal}},
                      {{{{"pipe_id", "G1"}, {"medium", "gas"}, {"diameter_mm", "1016"}, {"pressure_mpa", "10"}},
                        "LINESTRING (518500 3330400,521500 3330400)"}});
    // A road with a cluster of 5 property-only accidents, 3 fatal ones within 500 m, and one 200 m off any road.
    test::writeVector(dir_ / "roads.gpkg", "GPKG", "roads", 4549, wkbLineString, {{"road_id"}, {"name"}},
                      {{{{"road_id", "S21"}, {"name", "江澄大道"}}, "LINESTRING (518000 3331500,522000 3331500)"}});
    std::vector<test::FeatureSpec> accidents;
    auto accident = [&](std::string id, double x, double y, int deaths, int injuries) {
      accidents.push_back({{{"accident_id", id}, {"date", "2025-06-01"}, {"deaths", std::to_string(deaths)},
                            {"injuries", std::to_string(injuries)}},
                           "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"});
    };
    for (int i = 0; i < 5; ++i) accident("C" + std::to_string(i), 519000 + 8 * i, 3331505, 0, 0);
    for (int i = 0; i < 3; ++i) accident("F" + std::to_string(i), 521000 + 150 * i, 3331495, 1, 0);
    accident("FAR", 520000, 3331700, 0, 1);
    accident("OLD", 520000, 3331500, 5, 0);
    accidents.back().values["date"] = "2021-01-01";  // before the 3-year period
    // The period's first boundary, 3 years before the latest date (2025-06-01): that day is out, the next in.
    accident("EDGE_OUT", 520500, 3331700, 0, 1);
    accidents.back().values["date"] = "2022-06-01";
    accident("EDGE_IN", 520600, 3331700, 0, 1);
    accidents.back().values["date"] = "2022-06-02";
    test::writeVector(dir_ / "accidents.gpkg", "GPKG", "accidents", 4549, wkbPoint,
                      {{"accident_id"}, {"date"}, {"deaths", OFTInteger}, {"injuries", OFTInteger}}, accidents);
    dir_.write("project.toml", R"(
name = "测试县"
crs = "EPSG:4549"
library = "one.gpkg"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.gpkg"
[[layers]]
name = "chemical_parks"
kind = "chemical_parks"
source = "parks.gpkg"
[[layers]]
name = "protected_targets"
kind = "protected_targets"
source = "targets.gpkg"
[[layers]]
name = "pipelines"
kind = "pipelines"
source = "pipes.gpkg"
[[layers]]
name = "buildings"
kind = "buildings"
source = "buildings.gpkg"
[[layers]]
name = "roads"
kind = "roads"
source = "roads.gpkg"
[[layers]]
name = "accidents"
kind = "accidents"
source = "accidents.gpkg"
)");
    project_ = Project::load(dir_ / "project.toml");
    importProject(project_, kinds_, ImportOptions{true});
    report_ = assessProject(project_, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
    ds_.reset(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  }

  OGRFeatureUniquePtr find(const char* table, const std::string& filter) {
    library::Table l = library::openTable(*ds_, table);
    l->SetAttributeFilter(filter.c_str());
    l->ResetReading();
    return OGRFeatureUniquePtr(l->GetNextFeature());
  }

  test::TempDir dir_;
  LayerRegistry kinds_;
  Project project_;
  AssessReport report_;
  GDALDatasetUniquePtr ds_;
};

TEST_F(AssessTest, PlantGradeFromThePopulationAroundIt) {
  // 500 m ring: 78.4 people -> 78 persons -> alpha 1.5; R = 1.5 * (4*12/5 + 2*30/10) = 23.4 -> level 3.
  auto g = find("source_grades", "source_id = 'HZ1'");
  ASSERT_TRUE(g);
  EXPECT_STREQ(g->GetFieldAsString("grade"), "3");
  const auto fig = nlohmann::json::parse(g->GetFieldAsString("figures"));
  EXPECT_NEAR(fig["people_within_radius"].get<double>(), bufferArea(500) / 10000, 1e-6);
  EXPECT_DOUBLE_EQ(fig["alpha"].get<double>(), 1.5);
  EXPECT_NEAR(fig["R"].get<double>(), 23.4, 1e-9);
  EXPECT_EQ(fig["external_safety_m"], 300.0);  // the rules' default for level 3
  EXPECT_EQ(fig["safety_distance_source"], "default table");  // HZ1 gives no safety_distance_m
  EXPECT_EQ(fig["items"][0]["table1_no"], "12");                 // 氯, found by name
  auto ring = find("footprints", "source_id = 'HZ1' AND ring = 'external_safety'");
  ASSERT_TRUE(ring);
  EXPECT_EQ(ring->GetFieldAsDouble("distance_m"), 300.0);
  EXPECT_STREQ(ring->GetFieldAsString("distance_source"), "default table");  // for a map's label
  EXPECT_NE(std::string(g->GetFieldAsString("rule")).find("alpha 1.5 for 78 people within 500 m"), std::string::npos)
      << g->GetFieldAsString("rule");
}

TEST_F(AssessTest, FootprintsCarryTheirPeopleAndTargets) {
  auto ring = find("footprints", "source_id = 'HZ1' AND ring = 'exposure_500m'");
  ASSERT_TRUE(ring);
  EXPECT_NEAR(ring->GetFieldAsDouble("people"), bufferArea(500) / 10000, 1e-6);
  EXPECT_EQ(nlohmann::json::parse(ring->GetFieldAsString("targets")), nlohmann::json({{"school", 1}}));
  EXPECT_EQ(ring->GetFieldAsInteger64("buildings"), 1);
  EXPECT_EQ(ring->GetFieldAsInteger64("households"), 24);
  auto safety = find("footprints", "source_id = 'HZ1' AND ring = 'external_safety'");
  ASSERT_TRUE(safety);
  EXPECT_NEAR(safety->GetFieldAsDouble("people"), bufferArea(300) / 10000, 1e-6);
}

TEST_F(AssessTest, SmallStoresAreNotMajorHazardSources) {
  // 100 t methanol, Q 500 t: S = 0.2.
  auto g = find("source_grades", "source_id = 'HZ2'");
  EXPECT_STREQ(g->GetFieldAsString("grade"), "not major");
  EXPECT_FALSE(find("footprints", "source_id = 'HZ2' AND ring = 'external_safety'"));
}

TEST_F(AssessTest, ParkGradeAndZones) {
  auto g = find("source_grades", "source_id = 'P1'");
  EXPECT_STREQ(g->GetFieldAsString("grade"), "B");  // 60 <= 68.5 < 70
  auto park = find("footprints", "source_id = 'P1' AND ring = 'park'");
  EXPECT_NEAR(park->GetFieldAsDouble("people"), 100, 1e-6);  // 1 km^2 of 1 person per hectare
}

TEST_F(AssessTest, GasTrunkLineHasAnHcaWhereTheSchoolIsInsideItsImpactRadius) {
  // r = 318.07 m; the school is 300 m off the line at chainage 1700, so the
  // line is within r of it for +-sqrt(318.07^2 - 300^2) = +-105.7 m.
  auto g = find("source_grades", "source_id = 'G1'");
  EXPECT_STREQ(g->GetFieldAsString("grade"), "HCA I");
  const double half = std::sqrt(std::pow(0.099 * std::sqrt(1016.0 * 1016.0 * 10), 2) - 300.0 * 300.0);
  auto hca = find("pipeline_segments", "source_id = 'G1' AND hca = 'I'");
  ASSERT_TRUE(hca);
  EXPECT_NEAR(hca->GetFieldAsDouble("from_m"), 1700 - half, 0.01);
  EXPECT_NEAR(hca->GetFieldAsDouble("to_m"), 1700 + half, 0.01);
  EXPECT_NE(std::string(hca->GetFieldAsString("reason")).find("protected target inside r = 318 m -> I: school"),
            std::string::npos)
      << hca->GetFieldAsString("reason");
  EXPECT_EQ(hca->GetFieldAsInteger("location_class"), 1);  // no buildings in this county
  EXPECT_NEAR(hca->GetGeometryRef()->toLineString()->get_Length(), 2 * half, 0.01);
  library::Table segments = library::openTable(*ds_, "pipeline_segments");
  segments->SetAttributeFilter(nullptr);
  EXPECT_EQ(segments->GetFeatureCount(), 3);  // none, I, none
  auto corridor = find("footprints", "source_id = 'G1' AND ring = 'impact_radius'");
  EXPECT_NEAR(corridor->GetFieldAsDouble("distance_m"), 318.07, 0.01);
}

TEST_F(AssessTest, BlackSpotsAndSegmentsRankedByEpdo) {
  library::Table spots = library::openTable(*ds_, "black_spots");
  ASSERT_NE(spots, nullptr);
  EXPECT_EQ(spots->GetFeatureCount(), 2);
  auto first = find("black_spots", "rank = 1");
  EXPECT_STREQ(first->GetFieldAsString("type"), "black segment");  // 3 fatal: EPDO 36
  EXPECT_DOUBLE_EQ(first->GetFieldAsDouble("epdo"), 36);
  EXPECT_EQ(first->GetFieldAsInteger("deaths"), 3);
  auto second = find("black_spots", "rank = 2");
  EXPECT_STREQ(second->GetFieldAsString("type"), "black spot");  // 5 property-only: EPDO 5
  EXPECT_EQ(second->GetFieldAsInteger("accidents"), 5);
  // The spot's zone: the hull of its accidents snapped onto the road (x 519000 .. 519032) buffered
  // by 50 m, a stadium: 32 x 100 m and a 50 m disc drawn as GEOS's 32-gon, 16 r^2 sin(pi/16).
  auto zone = find("footprints", "ring = 'black_spot'");
  ASSERT_TRUE(zone);
  EXPECT_NEAR(zone->GetGeometryRef()->toMultiPolygon()->get_Area(), 32 * 100 + 16 * 2500 * std::sin(M_PI / 16), 0.01);
  // The rule and the figures say which preset found it, and that it is riskmap's default.
  auto spotGrade = find("source_grades", "grade = 'black spot'");
  const std::string rule = spotGrade->GetFieldAsString("rule");
  EXPECT_EQ(rule, "within 50 m of one accident: >= 5 accidents; zone: the cluster's convex hull + 50 m; "
                  "preset riskmap_default (riskmap default)");
  const auto figures = nlohmann::json::parse(spotGrade->GetFieldAsString("figures"));
  EXPECT_EQ(figures["preset"], "riskmap_default");
  EXPECT_EQ(figures["preset_is_riskmap_default"], true);
  EXPECT_EQ(figures["period"], "after 2022-06-01 up to 2025-06-01 inclusive");
  // Every accident has a row saying what became of it.
  auto far = find("accident_snaps", "accident_id = 'FAR'");
  EXPECT_STREQ(far->GetFieldAsString("status"), "unsnapped: no road within 30 m");
  auto old = find("accident_snaps", "accident_id = 'OLD'");
  EXPECT_STREQ(old->GetFieldAsString("status"), "outside the period");
  auto c0 = find("accident_snaps", "accident_id = 'C0'");
  EXPECT_STREQ(c0->GetFieldAsString("road_id"), "S21");
  EXPECT_NEAR(c0->GetFieldAsDouble("distance_m"), 5, 1e-6);
  EXPECT_NEAR(c0->GetFieldAsDouble("chainage_m"), 1000, 1e-6);
  library::Table snaps = library::openTable(*ds_, "accident_snaps");
  snaps->SetAttributeFilter(nullptr);
  EXPECT_EQ(snaps->GetFeatureCount(), 12);
  EXPECT_STREQ(find("accident_snaps", "accident_id = 'EDGE_OUT'")->GetFieldAsString("status"), "outside the period");
  EXPECT_STREQ(find("accident_snaps", "accident_id = 'EDGE_IN'")->GetFieldAsString("status"),
               "unsnapped: no road within 30 m");
}

TEST_F(AssessTest, TheCityPresetChosenInTheProjectFindsOtherBlackSpots) {
  // City rule: the 3 fatal accidents (150 m apart) still make a black segment (>= 3 fatal in a
  // 500 m window); the 5 property-only accidents are no black spot (no death, no injury).
  project_.ruleOverrides["accidents"] = "preset = \"city_fatal_injury\"\n";
  ds_.reset();
  assessProject(project_, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
  ds_.reset(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table spots = library::openTable(*ds_, "black_spots");
  EXPECT_EQ(spots->GetFeatureCount(), 1);
  auto g = find("source_grades", "grade = 'black segment'");
  ASSERT_TRUE(g);
  EXPECT_EQ(std::string(g->GetFieldAsString("rule")),
            "500 m window every 100 m: >= 3 fatal accidents or >= 2 accidents with >= 3 deaths each or >= 5 injury "
            "accidents; preset city_fatal_injury");
  EXPECT_STREQ(g->GetFieldAsString("standard"), "city black-spot rule (common municipal form; no national standard)");
  const auto figures = nlohmann::json::parse(g->GetFieldAsString("figures"));
  EXPECT_EQ(figures["fatal_accidents"], 3);
  EXPECT_EQ(figures["severe_accidents"], 0);
  EXPECT_EQ(figures["preset_is_riskmap_default"], false);
  EXPECT_FALSE(find("source_grades", "grade = 'black spot'"));
}

TEST_F(AssessTest, SummaryFilesBesideTheProject) {
  EXPECT_EQ(report_.gradeCounts["hazard_sources"]["3"], 1);
  EXPECT_EQ(report_.gradeCounts["hazard_sources"]["not major"], 1);
  const auto summary = nlohmann::json::parse(test::readFile(dir_ / "assess_summary.json"));
  EXPECT_EQ(summary["sources"], 6);  // 2 plants, 1 park, 1 pipeline, 1 black segment, 1 black spot
  const std::string csv = test::readFile(dir_ / "sources.csv");
  EXPECT_NE(csv.find("hazard_sources,hazard_sources,HZ1,氯碱厂,3,GB 18218-2018,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace riskmap

namespace riskmap {
namespace {

// Population given as villages with head counts: a zone counts each
// village's people by the share of its area inside the zone.
TEST(AssessPopulationPolygons, PeopleByAreaShare) {
  LayerRegistry kinds;
  registerBuiltinKinds(kinds);
  test::TempDir dir;
  // Village A: 1 km x 1 km, 1000 people; village B: 1 km x 2 km, 400 people.
  test::writeVector(dir / "villages.gpkg", "GPKG", "villages", 4549, wkbPolygon, {{"name"}, {"people", OFTReal}},
                    {{{{"name", "甲村"}, {"people", "1000"}}, "POLYGON ((500000 3330000,501000 3330000,501000 3331000,500000 3331000,500000 3330000))"},
                     {{{"name", "乙村"}, {"people", "400"}}, "POLYGON ((501000 3330000,502000 3330000,502000 3332000,501000 3332000,501000 3330000))"}});
  dir.write("project.toml",
            "name = \"t\"\ncrs = \"EPSG:4549\"\nlibrary = \"one.gpkg\"\n[[layers]]\nname = \"population\"\n"
            "kind = \"population\"\nsource = \"villages.gpkg\"\n");
  const Project p = Project::load(dir / "project.toml");
  importProject(p, kinds, ImportOptions{true});
  LibraryExposure exposure(p.library, kinds);
  OGRGeometry* zone = nullptr;
  OGRGeometryFactory::createFromWkt("POLYGON ((500500 3330000,501500 3330000,501500 3331000,500500 3331000,500500 3330000))", nullptr, &zone);
  // Half of A (500 people) and a quarter of B (100 people).
  EXPECT_NEAR(exposure.peopleIn(*zone), 600, 1e-6);
  EXPECT_NEAR(exposure.countPeople(*zone).coverage, 1.0, 1e-12);
  // A zone half beyond the villages (x 502000-503000 lies outside both): covered 50 %, and said.
  OGRGeometry* half = nullptr;
  OGRGeometryFactory::createFromWkt("POLYGON ((501500 3331000,502500 3331000,502500 3332000,501500 3332000,501500 3331000))", nullptr, &half);
  exposure.takeGaps();
  const PeopleCount n = exposure.countPeople(*half);
  EXPECT_NEAR(n.people, 100, 1e-6);  // a quarter of B
  EXPECT_NEAR(n.coverage, 0.5, 1e-12);
  const DataGaps gaps = exposure.takeGaps();
  ASSERT_TRUE(gaps.population);
  EXPECT_NEAR(gaps.population->covered, 0.5, 1e-12);
  EXPECT_FALSE(gaps.buildings);  // not asked
  OGRGeometryFactory::destroyGeometry(half);
  OGRGeometryFactory::destroyGeometry(zone);
}

// A second population grid would be left out of every count (exposure reads
// one grid), so it stops assess, naming both layers, and the results stay.
TEST_F(AssessTest, TwoPopulationGridsAreAnErrorNotASilentHalf) {
  test::writeRaster(dir_ / "pop_east.tif", 4549, 522000, 3332000, 100, 10, 10, std::vector<float>(100, 5.0f));
  dir_.write("project.toml", test::readFile(dir_ / "project.toml") +
                                 "[[layers]]\nname = \"population_east\"\nkind = \"population\"\nsource = \"pop_east.tif\"\n");
  const Project two = Project::load(dir_ / "project.toml");
  ds_.reset();
  importProject(two, kinds_, ImportOptions{true});
  const auto tables = [&] {
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
    std::map<std::string, GIntBig> out;
    for (OGRLayer* l : ds->GetLayers()) out[l->GetName()] = l->GetFeatureCount();
    return out;
  };
  const auto before = tables();
  try {
    assessProject(two, kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
    FAIL() << "assess counted people on one of two population grids";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("population and population_east"), std::string::npos) << e.what();
  }
  EXPECT_EQ(tables(), before);
}

}  // namespace
}  // namespace riskmap
