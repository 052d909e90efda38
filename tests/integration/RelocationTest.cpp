// The relocation review on a hand-built county, 6 km x 4 km: a dense town
// (西镇, x < 520 km, 100 people per hectare cell = 10,000 people/km²) and an
// empty east (东区) holding a grade-B park (PB) and a grade-A park (PA).
// Expected figures are worked by hand from GB 18218 and the buffer's
// polygon area; the ranking's order from the documented priority keys.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <deque>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "relocation/PlantRanking.hpp"
#include "relocation/RelocationQra.hpp"
#include "relocation/RelocationScenario.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/import/Importer.hpp"

namespace riskmap {
namespace {

using namespace relocation;

double bufferArea(double r) { return 32 * r * r * std::sin(2 * M_PI / 64); }  // GEOS 64-gon
constexpr double kDensity = 0.01;                                             // people per m² in the town

std::string square(double x0, double y0, double x1, double y1) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "POLYGON ((%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f))", x0, y0, x1, y0, x1, y1,
                x0, y1, x0, y0);
  return buf;
}

// chlorine: beta 4, Q 5 t. 130 t: sum beta q/Q = 104; 12.5 t: 10; 2 t: S = 0.4 < 1, not major.
test::FeatureSpec plant(const std::string& id, double x, double y, double chlorine, double safety) {
  char wkt[64], inv[96];
  std::snprintf(wkt, sizeof wkt, "POINT (%.0f %.0f)", x, y);
  std::snprintf(inv, sizeof inv, R"([{"substance":"氯","q_t":%g}])", chlorine);
  return {{{"plant_id", id}, {"name", id + "化工"}, {"inventory", inv}, {"safety_distance_m", std::to_string(safety)}}, wkt};
}

class RelocationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    test::TempDir& d = *dir_;
    std::vector<float> people(60 * 40, 0.0f);
    for (int row = 0; row < 40; ++row)
      for (int col = 0; col < 20; ++col) people[static_cast<std::size_t>(row * 60 + col)] = 100.0f;
    test::writeRaster(d / "pop.tif", 4549, 518000, 3332000, 100, 60, 40, people);
    test::writeVector(d / "admin.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "测试县"}}, square(518000, 3328000, 524000, 3332000)}});
    test::writeVector(d / "towns.gpkg", "GPKG", "towns", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "西镇"}}, square(518000, 3328000, 520000, 3332000)},
                       {{{"name", "东区"}}, square(520000, 3328000, 524000, 3332000)}});
    test::writeVector(d / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint,
                      {{"plant_id"}, {"name"}, {"inventory"}, {"safety_distance_m", OFTReal}},
                      {plant("A", 519000, 3331200, 130, 400),   // level 1
                       plant("B", 518600, 3330000, 12.5, 200),  // level 3, a school 300 m north
                       plant("C", 519300, 3330000, 12.5, 300),  // level 3, the wider safety ring
                       plant("D", 518600, 3328800, 12.5, 200),  // level 3
                       plant("I", 519300, 3328800, 12.5, 200),  // as D, but inside park P0
                       plant("H", 519800, 3329900, 12.5, 200),  // as D, its 500 m ring reaching the empty east
                       plant("E", 518400, 3331300, 2, 100),     // not major
                       plant("F", 523000, 3328500, 12.5, 200)}); // in the empty east: not in a dense area
    test::writeVector(d / "parks.gpkg", "GPKG", "parks", 4549, wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}},
                      {{{{"park_id", "PB"}, {"name", "东区化工园"}, {"score", "68.5"}}, square(520500, 3329000, 522500, 3331000)},
                       {{{"park_id", "PA"}, {"name", "老化工园"}, {"score", "55"}}, square(522800, 3330500, 523800, 3331500)},
                       {{{"park_id", "P0"}, {"name", "城西小园"}, {"score", "75"}}, square(519100, 3328600, 519500, 3329000)}});
    test::writeVector(d / "targets.gpkg", "GPKG", "targets", 4549, wkbPoint, {{"name"}, {"kind"}},
                      {{{{"name", "城西小学"}, {"kind", "school"}}, "POINT (518600 3330300)"},
                       {{{"name", "东区小学"}, {"kind", "school"}}, "POINT (521500 3328800)"}});
    d.write("project.toml", R"(
name = "测试县"
crs = "EPSG:4549"
library = "one.gpkg"
study_area = "county"
townships = "towns"
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
[[layers]]
name = "protected_targets"
kind = "protected_targets"
source = "targets.gpkg"
)");
    kinds_ = new LayerRegistry();
    registerBuiltinKinds(*kinds_);
    project_ = new Project(Project::load(d / "project.toml"));
    importProject(*project_, *kinds_, ImportOptions{true});
    assessProject(*project_, *kinds_, AssessOptions{RISKMAP_LAYERS_DIR, true});
  }
  static void TearDownTestSuite() {
    delete project_;
    delete kinds_;
    delete dir_;
  }

  static RelocationRules rules() {
    return RelocationRules::from(projectRules(*project_, RISKMAP_LAYERS_DIR, "relocation", "relocation/relocation.toml"));
  }

  static ScenarioResult run(const ScenarioSpec& spec) {
    const PlantRegister plants = PlantRegister::read(project_->library, *kinds_);
    LibraryExposure exposure(project_->library, *kinds_);
    ScenarioResult r = runScenario(*project_, *kinds_, RISKMAP_LAYERS_DIR, spec, plants, exposure, rules());
    // The result points into the register; keep what the tests read.
    for (MovedPlant& m : r.moves) {
      kept_.push_back(*m.plant);
      m.plant = &kept_.back();
      if (m.park) {
        parks_.push_back(*m.park);
        m.park = &parks_.back();
      }
    }
    return r;
  }

  static std::array<double, 2> lonLat(double x, double y) {
    OGRSpatialReference gk = srsFromEpsg(4549), geo = srsFromEpsg(4490);
    gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    makeTransformation(gk, geo)->Transform(1, &x, &y);
    return {x, y};
  }

  static const AreaChange& townMajor(const ScenarioResult& r, const std::string& town) {
    for (const AreaChange& c : r.townships)
      if (c.area == town && c.grade == RiskGrade::Major) return c;
    throw std::runtime_error("no township row " + town);
  }

  static bool flagged(const MovedPlant& m, const std::string& rule) {
    for (const Flag& f : m.flags)
      if (f.rule == rule) return true;
    return false;
  }

  static test::TempDir* dir_;
  static LayerRegistry* kinds_;
  static Project* project_;
  static std::deque<Plant> kept_;
  static std::deque<Park> parks_;
};

test::TempDir* RelocationTest::dir_ = nullptr;
LayerRegistry* RelocationTest::kinds_ = nullptr;
Project* RelocationTest::project_ = nullptr;
std::deque<Plant> RelocationTest::kept_;
std::deque<Park> RelocationTest::parks_;

TEST_F(RelocationTest, RankingFollowsThePriorityKeys) {
  const PlantRegister plants = PlantRegister::read(project_->library, *kinds_);
  LibraryExposure exposure(project_->library, *kinds_);
  const Ranking r = rankPlants(plants, project_->library.gdalName(), "", exposure, rules());
  std::vector<std::string> order;
  for (const RankedPlant& p : r.rows) order.push_back(p.plant->id);
  // A level 1; B the school; C the wider ring (people in it); D outside a
  // park before I in one; I's full 500 m ring before H's half-empty one;
  // E not major; F (empty east, 0 people/km²) not in a dense area.
  EXPECT_EQ(order, (std::vector<std::string>{"A", "B", "C", "D", "I", "H", "E"}));
  ASSERT_EQ(r.rows.size(), 7u);
  EXPECT_EQ(r.plantsConsidered, 8);
  EXPECT_EQ(r.rows[0].aheadOfNextBy, "level: 1 vs 3");
  EXPECT_EQ(r.rows[1].aheadOfNextBy, "sensitive_targets: 1 vs 0");
  EXPECT_EQ(r.rows[2].aheadOfNextBy.rfind("people_external_safety: ", 0), 0u);
  EXPECT_EQ(r.rows[3].aheadOfNextBy, "outside_park: outside parks vs in a park");
  EXPECT_EQ(r.rows[4].aheadOfNextBy.rfind("people_500m: ", 0), 0u);
  EXPECT_EQ(r.rows[5].aheadOfNextBy, "level: 3 vs not major");
  // The figures behind the keys, by hand: 10,000 people/km² over the rings' 64-gons.
  EXPECT_NEAR(r.rows[2].peopleExternalSafety, std::llround(kDensity * bufferArea(300)), 1);  // C: 2,824
  EXPECT_NEAR(r.rows[3].peopleExternalSafety, std::llround(kDensity * bufferArea(200)), 1);  // D: 1,255
  EXPECT_NEAR(r.rows[3].people500, std::llround(kDensity * bufferArea(500)), 1);             // 7,846
  EXPECT_LT(r.rows[5].people500, r.rows[4].people500);                                          // H's ring half empty
  EXPECT_TRUE(r.rows[4].inPark);
  EXPECT_EQ(r.rows[4].park, "城西小园");
}

TEST_F(RelocationTest, UrbanAreaLayerDecidesWhoIsRanked) {
  // With the township table as the urban areas, F (east) is out and every town plant in.
  const PlantRegister plants = PlantRegister::read(project_->library, *kinds_);
  LibraryExposure exposure(project_->library, *kinds_);
  const Ranking all = rankPlants(plants, project_->library.gdalName(), "towns", exposure, rules());
  EXPECT_EQ(all.rows.size(), 8u);  // 东区 is a township too: F is in it
  EXPECT_EQ(all.rows.front().denseBy, "urban area 西镇");
  EXPECT_THROW(rankPlants(plants, project_->library.gdalName(), "no_such_table", exposure, rules()), UserError);
}

TEST_F(RelocationTest, MovingTheTownPlantIntoTheParkLowersItsExposureAndTheTownsRedArea) {
  ScenarioSpec spec = ScenarioSpec::fromFlags("a_to_pb", {"A"}, {"PB"});
  const ScenarioResult r = run(spec);
  ASSERT_EQ(r.moves.size(), 1u);
  const MovedPlant& m = r.moves[0];
  // Before: 7,846 people within 500 m -> alpha 2, R = 2 x 104 = 208, level 1.
  const double before500 = kDensity * bufferArea(500);
  EXPECT_NEAR(m.plant->baseline.people500, before500, 0.01);
  EXPECT_NEAR(m.plant->baseline.R, 208, 1e-9);
  EXPECT_EQ(m.plant->baseline.grade, "1");
  // After, in the empty park: 0 people -> alpha 0.5, R = 52, level 2.
  EXPECT_NEAR(m.after.people500, 0, 1e-9);
  EXPECT_NEAR(m.after.R, 52, 1e-9);
  EXPECT_EQ(m.after.grade, "2");
  EXPECT_NEAR(m.plant->baseline.peopleIn("external_safety") - m.after.peopleIn("external_safety"),
              kDensity * bufferArea(400), 0.01);
  EXPECT_TRUE(m.flags.empty()) << m.flags.front().text;
  EXPECT_EQ(m.park->id, "PB");
  // Red in the town before: A's 400 m safety ring (major) and its 500 m
  // ring (high, raised to major by 10,000 people/km² > 5,000): the 500 m
  // 64-gon. After: none, since level 2's rings are high and moderate.
  const AreaChange& town = townMajor(r, "西镇");
  EXPECT_NEAR(town.areaBefore, bufferArea(500) / 1e6, 1e-6);
  EXPECT_NEAR(town.areaAfter, 0, 1e-9);
  EXPECT_NEAR(town.peopleBefore - town.peopleAfter, before500, 0.01);
  // The county's red loses the same; grade A park PA stays red (1 km²).
  EXPECT_NEAR(r.grades[0].areaBefore - r.grades[0].areaAfter, bufferArea(500) / 1e6, 1e-6);
  EXPECT_NEAR(r.grades[0].areaAfter, 1.0, 1e-6);
}

TEST_F(RelocationTest, BadDestinationsAreFlagged) {
  // B into the grade-A park; C onto the school's doorstep inside PB (250 m
  // from 东区小学); D to the centre of PB, then I beside it, inside D's ring.
  ScenarioSpec spec;
  spec.name = "bad";
  spec.moves.push_back({"B", ScenarioSpec::parseDestination("PA")});
  Destination doorstep;
  doorstep.lonLat = lonLat(521500, 3329050);
  spec.moves.push_back({"C", doorstep});
  spec.moves.push_back({"D", ScenarioSpec::parseDestination("PB")});
  Destination beside;
  beside.lonLat = lonLat(521600, 3330000);
  spec.moves.push_back({"I", beside});
  Destination field;
  field.lonLat = lonLat(520200, 3331800);
  spec.moves.push_back({"H", field});
  const ScenarioResult r = run(spec);
  ASSERT_EQ(r.moves.size(), 5u);
  EXPECT_TRUE(flagged(r.moves[0], "park_grade"));
  EXPECT_FALSE(flagged(r.moves[0], "outside_park"));
  EXPECT_TRUE(flagged(r.moves[1], "target_too_close"));
  EXPECT_TRUE(flagged(r.moves[1], "target_in_ring"));  // level 4 in the empty park, its own 300 m ring
  EXPECT_EQ(r.moves[1].after.grade, "4");              // alpha 0.5: R = 5
  bool says250 = false;
  for (const Flag& f : r.moves[1].flags) says250 |= f.text.find("250 m away") != std::string::npos;
  EXPECT_TRUE(says250);
  EXPECT_TRUE(flagged(r.moves[2], "in_other_ring"));  // I at 100 m, inside D's 200 m ring...
  EXPECT_TRUE(flagged(r.moves[3], "in_other_ring"));  // ...and D inside I's
  EXPECT_FALSE(flagged(r.moves[2], "park_grade"));
  EXPECT_TRUE(flagged(r.moves[4], "outside_park"));
  EXPECT_EQ(r.moves[4].park, nullptr);
  // H's new 500 m ring reaches 300 m past the population grid's north edge
  // (200 m away): a circle cut 200 m from its centre keeps about 74.8 % of
  // its area, so the new grade rests on incomplete data and says so.
  EXPECT_TRUE(flagged(r.moves[4], "incomplete_data"));
  bool saysShare = false;
  for (const Flag& f : r.moves[4].flags) saysShare |= f.text.find("population data cover 74.") != std::string::npos;
  EXPECT_TRUE(saysShare);
  EXPECT_FALSE(flagged(r.moves[1], "incomplete_data"));
}

TEST_F(RelocationTest, ScenariosWriteTheirOwnTablesAndLeaveTheBaseline) {
  auto majorArea = [](const std::string& table) {
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir_->path() / "one.gpkg").c_str(), GDAL_OF_VECTOR));
    library::Table l = library::openTable(*ds, table.c_str());
    if (!l) return -1.0;
    l->SetAttributeFilter("grade = 'major'");
    double a = 0;
    for (auto& f : *l) a += f->GetFieldAsDouble("area_km2");
    return a;
  };
  const double baseline = majorArea("risk_zones");
  run(ScenarioSpec::fromFlags("one", {"A"}, {"PB"}));
  run(ScenarioSpec::fromFlags("two", {"C"}, {"PB"}));
  EXPECT_DOUBLE_EQ(majorArea("risk_zones"), baseline);
  EXPECT_NEAR(majorArea("scenario_one_risk_zones"), baseline - bufferArea(500) / 1e6, 1e-6);
  EXPECT_NEAR(majorArea("scenario_two_risk_zones"), baseline, 1e-6);  // C's rings are never red
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_->path() / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table grades = library::openTable(*ds, "source_grades");
  grades->SetAttributeFilter("source_id = 'A'");
  OGRFeatureUniquePtr a(grades->GetNextFeature());
  ASSERT_TRUE(a);
  EXPECT_STREQ(a->GetFieldAsString("grade"), "1");
  library::Table moved = library::openTable(*ds, "scenario_one_source_grades");
  ASSERT_NE(moved, nullptr);
  grades->SetAttributeFilter(nullptr);
  EXPECT_EQ(moved->GetFeatureCount(), grades->GetFeatureCount());  // every source, A at its new site
  moved->SetAttributeFilter("source_id = 'A'");
  OGRFeatureUniquePtr after(moved->GetNextFeature());
  ASSERT_TRUE(after);
  EXPECT_STREQ(after->GetFieldAsString("grade"), "2");
  EXPECT_NE(ds->GetLayerByName("scenario_one_moves"), nullptr);
  EXPECT_NE(ds->GetLayerByName("scenario_two_footprints"), nullptr);
}

TEST_F(RelocationTest, ScenarioInputErrorsNameWhatIsWrong) {
  EXPECT_THROW(ScenarioSpec::fromFlags("Bad Name", {"A"}, {"PB"}), UserError);
  EXPECT_THROW(ScenarioSpec::fromFlags("x", {"A", "B"}, {"PB"}), UserError);
  EXPECT_THROW(ScenarioSpec::fromFlags("x", {"A", "A"}, {"PB", "PA"}), UserError);
  EXPECT_THROW(ScenarioSpec::parseDestination("120.5,abc"), UserError);
  EXPECT_THROW(ScenarioSpec::parseDestination("200,30"), UserError);
  try {
    run(ScenarioSpec::fromFlags("x", {"NOPE"}, {"PB"}));
    FAIL() << "an unknown plant was accepted";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("plant 'NOPE'"), std::string::npos) << e.what();
  }
  try {
    run(ScenarioSpec::fromFlags("x", {"A"}, {"P9"}));
    FAIL() << "an unknown park was accepted";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("P9 is not a park_id"), std::string::npos) << e.what();
  }
  dir_->write("s.toml", "name = \"file_one\"\n[[move]]\nplant = \"A\"\nto = [120.7, 30.1]\n[[move]]\nplant = \"B\"\n");
  try {
    ScenarioSpec::fromFile(dir_->path() / "s.toml");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("move 2 (B): to is missing"), std::string::npos) << e.what();
  }
}

TEST_F(RelocationTest, CommandWritesTheReportAndTheCsv) {
  const std::string project = (dir_->path() / "project.toml").string();
  const auto rank = test::runRiskmap("relocate " + project + " --rank -o " + (dir_->path() / "rank.csv").string() +
                                     " -o " + (dir_->path() / "rank.pdf").string());
  ASSERT_EQ(rank.exitCode, 0) << rank.output;
  const std::string csv = test::readFile(dir_->path() / "rank.csv");
  EXPECT_EQ(csv.substr(0, 14), "rank,plant_id,");
  EXPECT_NE(csv.find("\n1,A,A化工,"), std::string::npos) << csv;
  // A's 400 m ring is its own (safety_distance_m), not the 1000 m default for level 1.
  EXPECT_NE(csv.find(",external_safety_m,safety_distance_source,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",400,typed,"), std::string::npos) << csv;
  dir_->write("scenario.toml", "name = \"cli\"\ntitle = \"A 入园\"\n[[move]]\nplant = \"A\"\nto = \"PB\"\n"
                               "[[move]]\nplant = \"B\"\nto = \"PA\"\n");
  const auto pdf = dir_->path() / "cli.pdf";
  const auto r = test::runRiskmap("relocate " + project + " --scenario-file " + (dir_->path() / "scenario.toml").string() +
                                  " -o " + pdf.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("FLAG park_grade"), std::string::npos) << r.output;
  // A summary page and at least one page per moved plant.
  const auto info = test::runCommand("pdfinfo " + pdf.string());
  const auto pages = std::stoi(info.output.substr(info.output.find("Pages:") + 6));
  EXPECT_GE(pages, 3);
  const auto text = test::runCommand("pdftotext " + pdf.string() + " -");
  for (const char* s : {"搬迁前", "搬迁后", "A A化工", "B B化工", "重大风险", "老化工园"})
    EXPECT_NE(text.output.find(s), std::string::npos) << s;
  const std::string figures = test::readFile(dir_->path() / "cli.csv");
  EXPECT_NE(figures.find("cli,plant,A A化工,R,,208.000,52.000,-156.000"), std::string::npos) << figures.substr(0, 800);
  EXPECT_NE(figures.find("cli,flag,B B化工,park_grade"), std::string::npos);
  // Usage errors: exit code 2 is for the command line, 1 for bad input.
  EXPECT_NE(test::runRiskmap("relocate " + project).exitCode, 0);
  const auto bad = test::runRiskmap("relocate " + project + " --scenario z --move A --to NOWHERE");
  EXPECT_EQ(bad.exitCode, 1) << bad.output;
  EXPECT_NE(bad.output.find("NOWHERE is not a park_id"), std::string::npos) << bad.output;
}

// A plant with QRA inputs (a gasoline tank in its bund: pool fires, wind-
// independent) on a population cell's centre moved 1500 m east and 700 m
// south, onto another cell's centre: the scenario's own
// risk_contours are the baseline's, shifted by that offset (same reach), and
// its F-N and target checks are written beside them; the baseline's rows
// stay where they were.
TEST(RelocationQra, MovingAPlantMovesItsContoursByTheOffset) {
  test::TempDir d;
  test::writeRaster(d / "pop.tif", 4549, 518000, 3332000, 100, 60, 40, std::vector<float>(60 * 40, 1000.0f));
  test::writeVector(d / "admin.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                    {{{{"name", "测试县"}}, square(518000, 3328000, 524000, 3332000)}});
  const std::string equipment = R"([{"equipment_id":"T-1","type":"atmospheric_tank","substance":"汽油","phase":"liquid",
                                     "volume_m3":"1000","pressure_mpa":"0","bund_area_m2":"400"}])";
  test::writeVector(d / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}, {"equipment"}},
                    {{{{"plant_id", "G"}, {"name", "油库"}, {"inventory", R"([{"substance":"汽油","q_t":592,"Q_t":200}])"},
                       {"equipment", equipment}}, "POINT (519550 3330550)"}});
  // A school 25 m from the new site (the bund is 11.3 m in radius): inside its contours there, far from the old one.
  test::writeVector(d / "targets.gpkg", "GPKG", "targets", 4549, wkbPoint, {{"name"}, {"kind"}},
                    {{{{"name", "新址小学"}, {"kind", "school"}}, "POINT (521050 3329875)"}});
  d.write("project.toml", R"(
name = "测试县"
crs = "EPSG:4549"
library = "one.gpkg"
study_area = "county"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "county"
kind = "admin_units"
source = "admin.gpkg"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.gpkg"
[[layers]]
name = "protected_targets"
kind = "protected_targets"
source = "targets.gpkg"
[rules.hazard_sources.qra.flammable.atmosphere]
relative_humidity = 0.0
temperature_c = 20.0
[[rules.hazard_sources.qra.loc]]
equipment = "atmospheric_tank"
kind = "instantaneous"
frequency = 1e-3
verified = false
source = "test"
)");
  LayerRegistry kinds;
  registerBuiltinKinds(kinds);
  const Project project = Project::load(d / "project.toml");
  importProject(project, kinds, ImportOptions{true});
  assessProject(project, kinds, AssessOptions{RISKMAP_LAYERS_DIR, true});

  const double dx = 1500, dy = -700;
  OGRSpatialReference gk = srsFromEpsg(4549), geo = srsFromEpsg(4490);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double lon = 519550 + dx, lat = 3330550 + dy;
  makeTransformation(gk, geo)->Transform(1, &lon, &lat);
  char to[64];
  std::snprintf(to, sizeof to, "%.10f,%.10f", lon, lat);
  ScenarioResult r;
  {
    const PlantRegister plants = PlantRegister::read(project.library, kinds);
    LibraryExposure exposure(project.library, kinds);
    const RelocationRules rules =
        RelocationRules::from(projectRules(project, RISKMAP_LAYERS_DIR, "relocation", "relocation/relocation.toml"));
    r = runScenario(project, kinds, RISKMAP_LAYERS_DIR, ScenarioSpec::fromFlags("east", {"G"}, {to}), plants, exposure,
                    rules);
    ASSERT_EQ(r.moves.size(), 1u);
    const OGRPoint now = centreOf(*r.moves[0].newSite);
    EXPECT_NEAR(now.getX(), 519550 + dx, 0.01);
    EXPECT_NEAR(now.getY(), 3330550 + dy, 0.01);
    // The report's table: every level reaches as far from the new site as from the old.
    const Table t = qraContoursTable(r.moves[0].plant->baseline, r.moves[0].after);
    ASSERT_GE(t.rows.size(), 2u);
    for (const auto& row : t.rows) {
      EXPECT_NE(row[1], "-") << row[0];
      EXPECT_EQ(row[1], row[2]) << row[0];
    }
  }
  EXPECT_NE(std::find(r.tables.begin(), r.tables.end(), "scenario_east_risk_contours"), r.tables.end());

  GDALDatasetUniquePtr ds(GDALDataset::Open((d.path() / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  auto contours = [&](const char* table) {
    std::map<std::string, std::pair<OGREnvelope, double>> out;  // level_text -> envelope, reach_m
    library::Table t = library::openTable(*ds, table);
    if (!t) return out;
    for (auto& f : *t) {
      OGREnvelope e;
      f->GetGeometryRef()->getEnvelope(&e);
      out[f->GetFieldAsString("level_text")] = {e, f->GetFieldAsDouble("reach_m")};
    }
    return out;
  };
  const auto before = contours("risk_contours"), after = contours("scenario_east_risk_contours");
  ASSERT_GE(before.size(), 2u);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [level, b] : before) {
    ASSERT_TRUE(after.count(level)) << level;
    const auto& [ea, reach] = after.at(level);
    const OGREnvelope& eb = b.first;
    EXPECT_EQ(reach, b.second) << level;
    for (auto [x, y] : {std::pair{ea.MinX, eb.MinX + dx}, std::pair{ea.MaxX, eb.MaxX + dx},
                        std::pair{ea.MinY, eb.MinY + dy}, std::pair{ea.MaxY, eb.MaxY + dy}})
      EXPECT_NEAR(x, y, 0.05) << level;
    // A circle round the new site: the pool fire does not care for the wind.
    EXPECT_NEAR((ea.MinX + ea.MaxX) / 2, 519550 + dx, 0.05) << level;
    EXPECT_NEAR((ea.MinY + ea.MaxY) / 2, 3330550 + dy, 0.05) << level;
  }
  // The F-N rows at the new site (the population cell it sits on: N = 1000 x 1), and the school there checked.
  library::Table fn = library::openTable(*ds, "scenario_east_societal_risk");
  ASSERT_NE(fn, nullptr);
  EXPECT_GT(fn->GetFeatureCount(), 0);
  for (auto& f : *fn) {
    EXPECT_STREQ(f->GetFieldAsString("source_id"), "G");
    EXPECT_NEAR(f->GetGeometryRef()->toPoint()->getX(), 519550 + dx, 0.01);
  }
  library::Table checks = library::openTable(*ds, "scenario_east_risk_target_checks");
  ASSERT_NE(checks, nullptr);
  ASSERT_EQ(checks->GetFeatureCount(), 1);
  OGRFeatureUniquePtr school(checks->GetNextFeature());
  EXPECT_STREQ(school->GetFieldAsString("target_name"), "新址小学");
  EXPECT_STREQ(school->GetFieldAsString("scope"), "plant");
  library::Table baseChecks = library::openTable(*ds, "risk_target_checks");
  EXPECT_TRUE(!baseChecks || baseChecks->GetFeatureCount() == 0);
}

}  // namespace
}  // namespace riskmap
