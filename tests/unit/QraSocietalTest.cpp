// Societal risk (F-N): expected deaths of a hand-built case against a
// direct cell loop over the hand-written plume and probit, the F-N curve's
// cumulative ordering, the GB 36894 criterion regions at hand-chosen
// points, the population grid's cells against its own count, and a plant's
// societal_risk rows through the hazard-source kind.
#include "BuiltinKinds.hpp"
#include "qra/FnCriteria.hpp"
#include "qra/IndividualRisk.hpp"
#include "qra/PlantRisk.hpp"
#include "qra/PlantSocietalRisk.hpp"
#include "qra/RadialOutcomes.hpp"
#include "qra/RadialRisk.hpp"
#include "qra/SocietalRisk.hpp"
#include "qra/ToxicOutcomes.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/exposure/PopulationGrid.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numbers>

using namespace riskmap;
using namespace riskmap::qra;

namespace {

Rules qraRulesFile() { return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml"); }

// Carbon monoxide, TNO Purple Book CPR 18E Table 5.2: Pr = -7.4 + ln(C t),
// C in mg/m3, t in min; 1 % cut-off (qra.toml [lethality]). Gaussian plume
// with ground reflection, release and receptor at 1 m, Briggs open-country
// class D sigmas, 5 m/s: all restated here, not taken from layers/.
double handLethality(double rateKgS, double x, double y) {
  if (x <= 0) return 0;
  const double sy = 0.08 * x / std::sqrt(1 + 0.0001 * x), sz = 0.06 * x / std::sqrt(1 + 0.0015 * x);
  const double c = rateKgS / (2 * std::numbers::pi * sy * sz * 5) * std::exp(-y * y / (2 * sy * sy)) *
                   (1 + std::exp(-4 / (2 * sz * sz))) * 1e6;
  const double p = 0.5 * std::erfc(-(-7.4 + std::log(c * 30) - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : p;
}

// People on 10 m cells over a square, `perCell` in each, cell centres at
// (x0 + 5 + 10 i, y0 + 5 + 10 j).
std::vector<PeoplePoint> uniformPeople(double x0, double y0, int cells, double perCell) {
  std::vector<PeoplePoint> out;
  for (int i = 0; i < cells; ++i)
    for (int j = 0; j < cells; ++j) out.push_back({x0 + 5 + 10.0 * i, y0 + 5 + 10.0 * j, perCell});
  return out;
}

}  // namespace

// One release, one weather, one direction (toward the east, no sector
// spread) over a uniform population: N by a direct loop over the cells.
// A second, weaker release in the same weather gives a second outcome:
// the F-N curve has two steps, the larger N first with its own frequency,
// the smaller with both frequencies summed.
TEST(QraSocietalRisk, ExpectedDeathsOfAHandBuiltCaseMatchADirectCellLoop) {
  const Probits probits(qraRulesFile());
  const ToxicProbit* co = &probits.toxic("630-08-0");
  ToxicRelease strong{"CO 10 kg/s", 5, 5, 2e-5, 10, 1, 30, co};
  ToxicRelease weak{"CO 3 kg/s", 5, 5, 1e-4, 3, 1, 30, co};
  const WeatherDirection east{"D5 E", 1, 5, briggs(Stability::D, Terrain::OpenCountry), 90, 0};
  const ToxicRiskModel model(probits, {strong, weak}, {east}, 1.0, 2);
  const ToxicOutcomes outcomes(model);
  ASSERT_EQ(outcomes.outcomeCount(), 2u);
  EXPECT_DOUBLE_EQ(outcomes.outcome(0).frequencyPerYear, 2e-5);

  const std::vector<PeoplePoint> people = uniformPeople(-2000, -2000, 400, 10);  // 4 x 4 km, 1,000 per ha
  double handStrong = 0, handWeak = 0;
  for (const PeoplePoint& p : people) {
    handStrong += p.people * handLethality(10, p.x - 5, p.y - 5);
    handWeak += p.people * handLethality(3, p.x - 5, p.y - 5);
  }
  ASSERT_GT(handWeak, 2);  // both kill more than one: both are on the curve
  ASSERT_GT(handStrong, 2 * handWeak);

  const std::vector<OutcomeDeaths> deaths = expectedDeaths({&outcomes}, people, 2);
  ASSERT_EQ(deaths.size(), 2u);
  EXPECT_NEAR(deaths[0].deaths, handStrong, 1e-3 * handStrong);
  EXPECT_NEAR(deaths[1].deaths, handWeak, 1e-3 * handWeak);

  const std::vector<FnPoint> curve = fnCurve(deaths, 1);
  ASSERT_EQ(curve.size(), 2u);
  EXPECT_NEAR(curve[0].deaths, handStrong, 1e-3 * handStrong);
  EXPECT_DOUBLE_EQ(curve[0].frequencyPerYear, 2e-5);
  EXPECT_NEAR(curve[1].deaths, handWeak, 1e-3 * handWeak);
  EXPECT_DOUBLE_EQ(curve[1].frequencyPerYear, 2e-5 + 1e-4);
}

// A fire's outcome (wind-independent: pool fire, fireball, explosion) has
// one lethality at every bearing: over a uniform population its expected
// deaths are the people x lethality summed cell by cell, here with a hand
// lethality exp(-r / 40 m) (cut off below 1 %, at 184.2 m). Its risk at a
// point is the one individual risk adds to the grid (radialRisk).
TEST(QraSocietalRisk, FireOutcomesCountTheirDeathsAtEveryBearing) {
  auto hand = [](double r) { return std::exp(-r / 40); };
  const std::vector<RadialScenario> fires{radialScenario("pool fire", 5, 5, 3e-5, hand, 0.01)};
  const RadialOutcomes outcomes(fires);
  ASSERT_EQ(outcomes.outcomeCount(), 1u);
  EXPECT_DOUBLE_EQ(outcomes.outcome(0).frequencyPerYear, 3e-5);
  EXPECT_GE(outcomes.outcome(0).halfAngleDeg, 180);
  EXPECT_NEAR(outcomes.outcome(0).reachM, 40 * std::log(100.0), 1.0);

  const std::vector<PeoplePoint> people = uniformPeople(-1000, -1000, 200, 10);
  double handDeaths = 0;
  for (const PeoplePoint& p : people) {
    const double r = std::hypot(p.x - 5, p.y - 5);
    if (hand(r) >= 0.01) handDeaths += p.people * hand(r);
  }
  const std::vector<OutcomeDeaths> deaths = expectedDeaths({&outcomes}, people, 2);
  ASSERT_EQ(deaths.size(), 1u);
  EXPECT_NEAR(deaths[0].deaths, handDeaths, 0.01 * handDeaths);
  for (const auto& [x, y] : {std::pair{45.0, 5.0}, std::pair{5.0, -95.0}, std::pair{-60.0, 70.0}})
    EXPECT_NEAR(outcomes.outcome(0).frequencyPerYear * outcomes.lethality(0, x, y), radialRisk(fires, x, y), 1e-15);
}

// The same plume spread over a 22.5-degree sector: N is the hand loop's
// averaged over the sector's directions (the population is uniform and
// the plume's whole lethal area stays on it, so N does not change).
TEST(QraSocietalRisk, SectorSpreadKeepsTheExpectedDeathsOverAUniformPopulation) {
  const Probits probits(qraRulesFile());
  ToxicRelease release{"CO 10 kg/s", 5, 5, 1e-5, 10, 1, 30, &probits.toxic("630-08-0")};
  WeatherDirection sector{"D5 E", 1, 5, briggs(Stability::D, Terrain::OpenCountry), 90, 22.5};
  sector.dispersionClass = 0;  // tabulated crosswind integral
  const ToxicRiskModel model(probits, {release}, {sector}, 1.0, 2);
  const ToxicOutcomes outcomes(model);
  const std::vector<PeoplePoint> people = uniformPeople(-2000, -2000, 400, 10);
  double hand = 0;
  for (const PeoplePoint& p : people) hand += p.people * handLethality(10, p.x - 5, p.y - 5);
  const std::vector<OutcomeDeaths> deaths = expectedDeaths({&outcomes}, people, 2);
  EXPECT_NEAR(deaths[0].deaths, hand, 0.03 * hand);
}

TEST(QraSocietalRisk, FnCurveIsTheCumulativeFrequencyOfAtLeastNDeaths) {
  // Four outcomes by hand: N = 3 (1e-5), 10 (2e-5), 0.5 (4e-6), 10 (1e-6).
  // F(N) for N in (3, 10]: the two N = 10 outcomes, 2e-5 + 1e-6 = 2.1e-5;
  // for N in [1, 3]: those and the N = 3 one, 3.1e-5; N = 0.5 is below the axis.
  const std::vector<OutcomeDeaths> outcomes{{1e-5, 3, 0}, {2e-5, 10, 1}, {4e-6, 0.5, 2}, {1e-6, 10, 3}};
  const std::vector<FnPoint> curve = fnCurve(outcomes, 1);
  ASSERT_EQ(curve.size(), 2u);  // the two N = 10 outcomes share a step
  EXPECT_DOUBLE_EQ(curve[0].deaths, 10);
  EXPECT_DOUBLE_EQ(curve[0].frequencyPerYear, 2.1e-5);
  EXPECT_DOUBLE_EQ(curve[1].deaths, 3);
  EXPECT_DOUBLE_EQ(curve[1].frequencyPerYear, 3.1e-5);
  EXPECT_DOUBLE_EQ(frequencyAtLeast(curve, 1), 3.1e-5);
  EXPECT_DOUBLE_EQ(frequencyAtLeast(curve, 3), 3.1e-5);
  EXPECT_DOUBLE_EQ(frequencyAtLeast(curve, 5), 2.1e-5);
  EXPECT_DOUBLE_EQ(frequencyAtLeast(curve, 10), 2.1e-5);
  EXPECT_DOUBLE_EQ(frequencyAtLeast(curve, 11), 0);
  // With the axis from N = 0.5 the small outcome joins: F(0.5) = 3.5e-5.
  EXPECT_DOUBLE_EQ(frequencyAtLeast(fnCurve(outcomes, 0.5), 0.5), 3.5e-5);
}

TEST(QraSocietalRisk, CriterionRegionsAtHandChosenPoints) {
  const FnCriteria c = FnCriteria::from(qraRulesFile());
  // GB 36894-2018 as restated by Cheng et al., Processes 11 (2023) 1442,
  // 2.3.5: (N, F) = (10, 1e-4) upper, (10, 1e-6) lower, slope -1.
  EXPECT_TRUE(c.verified);
  EXPECT_DOUBLE_EQ(c.intolerable(10), 1e-4);
  EXPECT_DOUBLE_EQ(c.negligible(10), 1e-6);
  EXPECT_DOUBLE_EQ(c.negligible(100), 1e-7);
  EXPECT_EQ(c.region(10, 2e-4), FnRegion::Intolerable);   // above 1e-3/10
  EXPECT_EQ(c.region(10, 5e-5), FnRegion::Alarp);
  EXPECT_EQ(c.region(100, 1e-5), FnRegion::Alarp);        // on the upper line: not above it
  EXPECT_EQ(c.region(10, 1e-6), FnRegion::Negligible);    // on the lower line
  EXPECT_EQ(c.region(1000, 1e-9), FnRegion::Negligible);

  // A curve is as bad as its worst step: (3, 4e-5) is ALARP (line 3.3e-4),
  // (300, 5e-6) is intolerable (line 3.3e-6), 1.5 times the line.
  const FnVerdict v = classify({{300, 5e-6}, {3, 4e-5}}, c);
  EXPECT_EQ(v.region, FnRegion::Intolerable);
  EXPECT_DOUBLE_EQ(v.worst.deaths, 300);
  EXPECT_NEAR(v.worstRatio, 1.5, 1e-12);
  EXPECT_EQ(classify({{3, 4e-5}}, c).region, FnRegion::Alarp);
  EXPECT_EQ(classify({{3, 1e-6}}, c).region, FnRegion::Negligible);
  EXPECT_EQ(classify({}, c).region, FnRegion::Negligible);

  const toml::table steeper = toml::parse("[societal]\nslope = 2.0\nverified = false\n");
  const FnCriteria s = FnCriteria::from(Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml", &steeper));
  EXPECT_FALSE(s.verified);
  EXPECT_DOUBLE_EQ(s.intolerable(10), 1e-5);
}

// The population grid's cells sum to its own count of the zone, and sit
// at the cells' centres.
TEST(QraSocietalRisk, PopulationCellsSumToTheZoneCount) {
  GDALAllRegister();
  const std::string path = "/vsimem/qra_societal_people.tif";
  {
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(gtiff->Create(path.c_str(), 10, 10, 1, GDT_Float64, nullptr));
    double gt[6] = {1000, 10, 0, 2000, 0, -10};
    ds->SetGeoTransform(gt);
    std::vector<double> v(100);
    for (int i = 0; i < 100; ++i) v[i] = i;  // row r, col c holds 10 r + c
    ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 10, 10, v.data(), 10, 10, GDT_Float64, 0, 0), CE_None);
  }
  const PopulationGrid grid(path);
  // A rectangle over columns 2..4 (x 1020..1050) and rows 1..2, half of row 3 (y 1965..1990).
  OGRPolygon zone;
  OGRLinearRing ring;
  ring.addPoint(1020, 1965);
  ring.addPoint(1050, 1965);
  ring.addPoint(1050, 1990);
  ring.addPoint(1020, 1990);
  ring.closeRings();
  zone.addRing(&ring);
  const auto cells = grid.cells(zone);
  ASSERT_EQ(cells.size(), 9u);
  double sum = 0;
  for (const auto& c : cells) sum += c.people;
  // By hand: rows 1, 2 whole (10 + c, 20 + c for c = 2..4), row 3 half (30 + c).
  const double hand = (12 + 13 + 14) + (22 + 23 + 24) + 0.5 * (32 + 33 + 34);
  EXPECT_NEAR(sum, hand, 1e-9);
  EXPECT_NEAR(grid.count(zone).people, hand, 1e-9);
  EXPECT_DOUBLE_EQ(cells.front().x, 1025);
  EXPECT_DOUBLE_EQ(cells.front().y, 1985);
  VSIUnlink(path.c_str());
}

namespace {

// People on a uniform 10 m grid around the plant; no targets.
class UniformPeople : public ExposureQueries {
 public:
  explicit UniformPeople(std::vector<PeoplePoint> people) : people_(std::move(people)) {}
  PeopleCount countPeople(const OGRGeometry&) override { return {0, 1.0}; }
  std::vector<PeoplePoint> peoplePoints(const OGRGeometry& zone) override {
    std::vector<PeoplePoint> out;
    for (const PeoplePoint& p : people_) {
      const OGRPoint at(p.x, p.y);
      if (zone.Contains(&at)) out.push_back(p);
    }
    return out;
  }
  std::map<std::string, long long> targetsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> targetListIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> roadsIn(const OGRGeometry&) override { return {}; }

 private:
  std::vector<PeoplePoint> people_;
};

}  // namespace

// Through assessSocietalRisk: the rows of table societal_risk, the region
// and the sentences for explain. One release, one weather, one direction:
// N by the hand loop, F its frequency; the default lines put the step
// where the hand figures say.
TEST(QraSocietalRisk, PlantRowsCarryTheCurveAndItsRegion) {
  const Rules qra = qraRulesFile();
  const Probits probits(qra);
  ToxicRelease release{"CO 10 kg/s", 5, 5, 2e-5, 10, 1, 30, &probits.toxic("630-08-0")};
  const ToxicRiskModel model(probits, {release}, {{"D5 E", 1, 5, briggs(Stability::D, Terrain::OpenCountry), 90, 0}},
                             1.0, 2);
  const ToxicOutcomes outcomes(model);
  UniformPeople exposure(uniformPeople(-2000, -2000, 400, 10));
  double hand = 0;
  for (const PeoplePoint& p : uniformPeople(-2000, -2000, 400, 10)) hand += p.people * handLethality(10, p.x - 5, p.y - 5);
  const SocietalRisk s = assessSocietalRisk({&outcomes}, 5, 5, model.maxReach(), qra, exposure, "plant", 2);
  ASSERT_EQ(s.parts.size(), 1u);
  const nlohmann::json& row = s.parts[0].attributes;
  EXPECT_EQ(s.parts[0].table, kSocietalRiskTable);
  ASSERT_TRUE(s.parts[0].geometry);  // assess writes only rows with a geometry: the plant's point
  EXPECT_DOUBLE_EQ(s.parts[0].geometry->toPoint()->getX(), 5);
  EXPECT_NEAR(row["deaths"].get<double>(), hand, 1e-3 * hand);
  EXPECT_DOUBLE_EQ(row["frequency_per_year"].get<double>(), 2e-5);
  // By hand: F = 2e-5 against 1e-3 / N and 1e-5 / N.
  const char* expected = 2e-5 > 1e-3 / hand ? "intolerable" : 2e-5 > 1e-5 / hand ? "ALARP" : "negligible";
  EXPECT_EQ(row["region"], expected);
  // qra.toml's lines are read in a restatement of GB 36894-2018 (verified);
  // a project that marks them unverified gets every output saying so.
  EXPECT_EQ(row["criterion_verified"], 1);
  EXPECT_EQ(s.figures["region"], expected);
  EXPECT_NE(s.rule.find(std::string(expected) + " region"), std::string::npos) << s.rule;
  EXPECT_EQ(s.rule.find("unverified"), std::string::npos) << s.rule;
  const toml::table unverified = toml::parse("[societal]\nverified = false\n");
  const Rules doubted = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml", &unverified);
  const SocietalRisk d = assessSocietalRisk({&outcomes}, 5, 5, model.maxReach(), doubted, exposure, "plant", 2);
  EXPECT_EQ(d.parts[0].attributes["criterion_verified"], 0);
  EXPECT_NE(d.rule.find("unverified"), std::string::npos);
  EXPECT_NE(s.ruleZh.find("社会风险"), std::string::npos);
}
