// Individual risk of a plant in assess: the source term against CCPS's
// worked example, the tabulated crosswind integral against the direct one,
// and the sample county's QRA plant (data/sample_county/qra_equipment.csv)
// through the hazard-source kind: its contours' reach against hand
// solutions (the HCl pipe through the Gaussian plume, the liquid chlorine
// vessel through the flash and the dense-gas plume), its external safety
// ring, and protected targets checked against their class's GB 36894-2018
// criterion.
#include "BuiltinKinds.hpp"
#include "qra/DenseGas.hpp"
#include "qra/Equipment.hpp"
#include "qra/IndividualRisk.hpp"
#include "qra/PlantRisk.hpp"
#include "qra/SourceTerm.hpp"
#include "relocation/PlantRegister.hpp"
#include "relocation/RelocationQra.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <random>
#include <sstream>

using namespace riskmap;
using namespace riskmap::qra;
using nlohmann::json;

namespace {

Rules qraRulesFile() { return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml"); }

// The sample county's equipment rows of one plant, read as import gathers
// them (every field as text; empty cells left out).
json sampleEquipment(const std::string& plant) {
  std::ifstream in(std::string(RISKMAP_SOURCE_DIR) + "/data/sample_county/qra_equipment.csv");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::stringstream h(line); std::getline(h, line, ',');) header.push_back(line);
  json rows = json::array();
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream c(line);
    for (std::string cell; std::getline(c, cell, ',');) cells.push_back(cell);
    cells.resize(header.size());
    if (cells[0] != plant) continue;
    json row = json::object();
    for (std::size_t i = 0; i < header.size(); ++i)
      if (!cells[i].empty()) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

// Targets at fixed places.
class TargetsAt : public ExposureQueries {
 public:
  struct Target {
    std::string kind, name;
    OGRPoint at;
  };
  explicit TargetsAt(std::vector<Target> targets) : targets_(std::move(targets)) {}
  PeopleCount countPeople(const OGRGeometry&) override { return {150, 1.0}; }
  std::map<std::string, long long> targetsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) override {
    std::vector<NearbyFeature> out;
    for (const Target& t : targets_)
      if (zone.Intersects(&t.at)) out.push_back({&t.at, t.kind, t.name});
    return out;
  }
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> roadsIn(const OGRGeometry&) override { return {}; }

 private:
  std::vector<Target> targets_;
};

}  // namespace

TEST(QraSourceTerm, ChokedGasOutflowReproducesCcpsPage47) {
  // CCPS (1999) Guidelines for Consequence Analysis of Chemical Releases,
  // p. 47 (as transcribed in GasDispersion.jl's tests): propane, gamma 1.15,
  // rho0 = 8.90 kg/m3 at 501 kPa abs and 298 K, a 10 mm hole, Cd 0.85:
  // 0.0900 kg/s. The molar mass is the one that gives rho0 = 8.90.
  const GasState propane{501000, 298, 8.90 * kGasConstant * 298 / 501000, 1.15};
  EXPECT_NEAR(gasDensity(propane), 8.90, 1e-9);
  EXPECT_NEAR(gasOutflow(propane, std::numbers::pi / 4 * 0.01 * 0.01, 0.85, 101325), 0.0900, 0.00005);
  // Below the critical pressure ratio the flow is subsonic and falls to 0 at ambient.
  const GasState low{110000, 298, propane.molarMassKgMol, 1.15};
  EXPECT_GT(gasOutflow(low, 1e-4, 0.62, 101325), 0);
  EXPECT_LT(gasOutflow(low, 1e-4, 0.62, 101325), gasOutflow({1.0e6, 298, propane.molarMassKgMol, 1.15}, 1e-4, 0.62, 101325) / 5);
  EXPECT_EQ(gasOutflow({101325, 298, propane.molarMassKgMol, 1.15}, 1e-4, 0.62, 101325), 0);
}

TEST(QraEquipment, RowsAreCheckedAndNumbersNormalised) {
  json ok = sampleEquipment("HZ001");
  ASSERT_EQ(ok.size(), 3u);
  EXPECT_EQ(checkEquipment(ok), std::nullopt);
  EXPECT_EQ(ok[1]["diameter_mm"], 125.0);  // the CSV's text, now a number
  json bad = json::parse(R"([{"equipment_id":"V1","type":"tank","substance":"氯化氢","pressure_mpa":"1"}])");
  EXPECT_EQ(*checkEquipment(bad), "equipment item 1 (V1): type must be pressure_vessel, atmospheric_tank or pipe, not 'tank'");
  bad = json::parse(R"([{"type":"pipe","substance":"氯化氢","pressure_mpa":"1","diameter_mm":"80"}])");
  EXPECT_EQ(*checkEquipment(bad), "equipment item 1: length_m is missing");
  bad = json::parse(R"([{"type":"pressure_vessel","substance":"氯化氢","pressure_mpa":"一","volume_m3":"2"}])");
  EXPECT_EQ(*checkEquipment(bad), "equipment item 1: pressure_mpa is not a number");
  bad = json::parse(R"([{"type":"pressure_vessel","substance":"氯化氢","pressure_mpa":"1","volume_m3":"2","installation":"old"}])");
  EXPECT_EQ(*checkEquipment(bad), "equipment item 1: installation must be new or existing, not 'old'");
}

TEST(QraIndividualRisk, TabulatedCrosswindIntegralAgreesWithTheDirectOne) {
  // The same releases and weather, once with the cases grouped by
  // dispersion class (tables) and once each integrated directly.
  const Rules rules = qraRulesFile();
  const Probits probits(rules);
  const std::vector<ToxicRelease> releases{{"a", 0, 0, 1e-4, 2, 1, 30, &probits.toxic("630-08-0")},
                                           {"b", 150, -80, 3e-5, 8, 1, 10, &probits.toxic("7647-01-0")}};
  std::vector<WeatherDirection> grouped, direct;
  const std::pair<Stability, double> classes[] = {{Stability::D, 5}, {Stability::F, 1.5}};
  for (int c = 0; c < 2; ++c)
    for (int d = 0; d < 16; ++d) {
      WeatherDirection w{"w", (c ? 0.35 : 0.65) / 16, classes[c].second, briggs(classes[c].first, Terrain::OpenCountry),
                         d * 22.5, 22.5};
      direct.push_back(w);
      w.dispersionClass = c;
      grouped.push_back(w);
    }
  const ToxicRiskModel tabulated(probits, releases, grouped, 1.0, 2), integrated(probits, releases, direct, 1.0, 2);
  EXPECT_DOUBLE_EQ(tabulated.maxReach(), integrated.maxReach());
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> where(-0.9 * tabulated.maxReach(), 0.9 * tabulated.maxReach());
  int compared = 0;
  for (int i = 0; i < 400; ++i) {
    const double x = where(rng), y = where(rng);
    const double a = tabulated.individualRisk(x, y), b = integrated.individualRisk(x, y);
    if (b < 3e-8) continue;  // a tenth of the lowest GB 36894 level: below it only the tail's shape differs
    ++compared;
    EXPECT_NEAR(a / b, 1.0, 0.03) << "at " << x << ", " << y << ": " << a << " vs " << b;
  }
  EXPECT_GT(compared, 50);
}

namespace {

// One weather (D, 5 m/s) always from the west, 16 sectors, and the
// overrides in `more` (the LOC rows to use).
Rules d5FromTheWest(const std::string& more) {
  const toml::table overrides = toml::parse(R"(
[qra.weather]
name = "test: D5 from the west"
wind_rose = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
[[qra.weather.class]]
stability = "D"
wind_m_s = 5.0
share = 1.0
)" + more);
  return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml", &overrides);
}

// The plant at `site` with its attributes.
SourceFeature plantAt(const OGRPoint& site, const AttributeRecord& rec) {
  SourceFeature plant;
  plant.layer = "hazard_sources";
  plant.id = "HZ001";
  plant.geometry = &site;
  plant.attributes = rec;
  return plant;
}

// The sample county's HZ001 with its HCl pipe alone (the full-bore
// rupture). At 21 kg/s HCl is dense by Britter-McQuaid's criterion (0.50
// at 5 m/s): the criterion is set out of reach so that these tests check
// the Gaussian plume's path against its hand solution (the dense path has
// its own below).
Rules oneWeatherRules() {
  return d5FromTheWest(R"(
[qra.dense_gas]
criterion = 1.0e9
[[qra.loc]]
equipment = "pipe"
kind = "full_bore"
min_diameter_mm = 75.0
max_diameter_mm = 150.0
frequency_per_m = 3e-7
verified = false
source = "test"
)");
}

// Everything below restated by hand from the CSV row, qra.toml and the
// standards, independently of layers/hazard_sources/qra:
struct PipeRow {
  double lengthM, diameterM, gaugePa, tempK, inventoryKg;
};
const PipeRow& pipe() {
  static const PipeRow row = [] {
    for (const json& e : sampleEquipment("HZ001"))
      if (e["type"] == "pipe")
        return PipeRow{std::stod(e["length_m"].get<std::string>()), std::stod(e["diameter_mm"].get<std::string>()) / 1000,
                       std::stod(e["pressure_mpa"].get<std::string>()) * 1e6,
                       std::stod(e["temperature_c"].get<std::string>()) + 273.15,
                       std::stod(e["inventory_kg"].get<std::string>())};
    throw std::runtime_error("HZ001 has no pipe in qra_equipment.csv");
  }();
  return row;
}
double frequency() { return 3e-7 * pipe().lengthM; }  // the Purple Book stand-in, per metre (75-150 mm)

double handRateKgS() {
  // Choked flow, Yellow Book 2.22: Cd A sqrt(rho0 p0 gamma (2/(gamma+1))^((gamma+1)/(gamma-1))).
  const double p0 = pipe().gaugePa + 101325, rho0 = p0 * 0.03646 / (8.314462618 * pipe().tempK), g = 1.41;
  return 0.62 * std::numbers::pi / 4 * pipe().diameterM * pipe().diameterM *
         std::sqrt(rho0 * p0 * g * std::pow(2 / (g + 1), (g + 1) / (g - 1)));
}

// Lethality of HCl (Purple Book Table 5.2: -37.3 + 3.69 ln(C t), mg/m3, min)
// at x downwind, y across, class D open country, release and receptor at 1 m.
double handLethality(double x, double y) {
  const double q = handRateKgS(), minutes = std::min(30.0, pipe().inventoryKg / q / 60);
  const double sy = 0.08 * x / std::sqrt(1 + 0.0001 * x), sz = 0.06 * x / std::sqrt(1 + 0.0015 * x);
  const double c = q / (2 * std::numbers::pi * sy * sz * 5) * std::exp(-y * y / (2 * sy * sy)) *
                   (1 + std::exp(-4 / (2 * sz * sz))) * 1e6;
  const double p = 0.5 * std::erfc(-(-37.3 + 3.69 * std::log(c * minutes) - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : p;
}

// On the sector's centre line at range R, the plume's lethal width lies
// inside the 22.5-degree sector: IR = f x (integral of P across) / (R x sector)
// (the Purple Book's ECW rule), the crosswind integral by the trapezoid rule.
double handRiskOnTheCentreLine(double range) {
  double sum = 0;
  const double step = 0.05;
  for (double y = -200; y <= 200; y += step) sum += handLethality(range, y) * step;
  return frequency() * sum / (range * 22.5 * std::numbers::pi / 180);
}

// The range (between lo and 3 km) where `risk` falls to `level`, by bisection.
double rangeAt(double (*risk)(double), double level, double lo) {
  double hi = 3000;
  for (int i = 0; i < 60; ++i) {
    const double mid = std::sqrt(lo * hi);
    (risk(mid) > level ? lo : hi) = mid;
  }
  return lo;
}

double handReach(double level) { return rangeAt(handRiskOnTheCentreLine, level, 30); }

}  // namespace

TEST(QraPlant, SampleCountyContourReachMatchesTheHandSolution) {
  const auto kind = makeHazardSourcesKind();
  AttributeRecord rec;
  rec.set("inventory", R"([{"substance":"氯","q_t":81.4,"Q_t":5},{"substance":"氯化氢","q_t":59.3,"Q_t":20}])");
  rec.set("equipment", sampleEquipment("HZ001").dump());
  ASSERT_FALSE(kind->checkRecord(rec));
  OGRPoint site(520005, 3330005);  // the grid is laid with the release on a cell centre
  SourceFeature plant = plantAt(site, rec);
  TargetsAt nobody({});
  const SourceAssessment a = kind->assess(plant, nobody, oneWeatherRules());
  ASSERT_EQ(a.grade.grade, "1");
  const json& qra = a.grade.figures["qra"];
  // Three equipment rows, one LOC row for the pipe: the pipe computed; the
  // vessels have no LOC row here; liquid chlorine would be refused anyway.
  ASSERT_EQ(qra["scenarios"].size(), 1u) << qra.dump(1);
  EXPECT_NEAR(qra["scenarios"][0]["rate_kg_s"].get<double>(), handRateKgS(), 1e-9);
  EXPECT_NEAR(qra["scenarios"][0]["frequency_per_year"].get<double>(), frequency(), 1e-15);
  EXPECT_FALSE(qra["weather_is_default"].get<bool>());

  std::map<std::string, const SourcePart*> contours;
  for (const SourcePart& p : a.parts)
    if (p.table == kContoursTable) contours[p.attributes["level_text"]] = &p;
  ASSERT_TRUE(contours.count("3e-6")) << qra.dump(1);
  ASSERT_TRUE(contours.count("3e-7"));
  for (const auto& [text, level] : {std::pair{"3e-7", 3e-7}, std::pair{"3e-6", 3e-6}}) {
    OGREnvelope e;
    contours[text]->geometry->getEnvelope(&e);
    const double hand = handReach(level);
    EXPECT_NEAR(e.MaxX - site.getX(), hand, 0.02 * hand + 10) << "the " << text << " contour's reach east";
    EXPECT_LT(e.MinX, site.getX() + 20) << "it starts at the release";
  }
  // The external safety distance is the existing installation's highly
  // sensitive criterion, 3e-6 per year: that contour's reach.
  ASSERT_EQ(a.footprints.size(), 2u);
  EXPECT_EQ(a.footprints[1].ring, "external_safety");
  EXPECT_EQ(a.footprints[1].distanceSource, "qra");
  EXPECT_NEAR(a.footprints[1].distanceM, contours["3e-6"]->attributes["reach_m"].get<double>(), 1);
  EXPECT_EQ(a.grade.figures["safety_distance_source"], "qra");
  EXPECT_NE(a.grade.rule.find("external safety ring"), std::string::npos);
  EXPECT_NE(a.grade.rule.find("(qra: the 3e-6/y individual-risk contour"), std::string::npos) << a.grade.rule;
}

namespace {

// The sample county's HZ001, its hydrogen chloride alone, at `site`.
SourceFeature hydrogenChloridePlant(const LayerKind& kind, const OGRPoint& site) {
  AttributeRecord rec;
  rec.set("inventory", R"([{"substance":"氯化氢","q_t":59.3,"Q_t":20}])");
  rec.set("equipment", sampleEquipment("HZ001").dump());
  if (kind.checkRecord(rec)) throw std::runtime_error("HZ001's test record is rejected");
  return plantAt(site, rec);
}

}  // namespace

TEST(QraPlant, ProtectedTargetInsideTheContourIsCheckedByItsClass) {
  const auto kind = makeHazardSourcesKind();
  OGRPoint site(520005, 3330005);
  SourceFeature plant = hydrogenChloridePlant(*kind, site);
  // Where the hand solution puts IR at 1e-5 per year (downwind, inside the
  // 3e-6 contour): a school (highly sensitive: 3e-6 for an existing
  // installation) and a market (general class I: 3e-6) exceed their
  // criterion; a filling station (class III: 3e-5) does not. Upwind, a
  // hospital outside every contour is not listed.
  const double x = site.getX() + handReach(1e-5);
  TargetsAt targets({{"school", "江澄小学", OGRPoint(x, site.getY())},
                     {"market", "农贸市场", OGRPoint(x, site.getY())},
                     {"filling_station", "加油站", OGRPoint(x, site.getY())},
                     {"hospital", "人民医院", OGRPoint(site.getX() - 400, site.getY())}});
  const SourceAssessment a = kind->assess(plant, targets, oneWeatherRules());
  std::map<std::string, const SourcePart*> checks;
  for (const SourcePart& p : a.parts)
    if (p.table == kTargetChecksTable) checks[p.attributes["target_kind"]] = &p;
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_FALSE(checks.count("hospital"));
  for (const auto& [k, p] : checks) {
    EXPECT_NEAR(p->attributes["individual_risk"].get<double>(), 1e-5, 0.1e-5) << k;
    EXPECT_EQ(p->attributes["installation"], "existing");
  }
  EXPECT_EQ(checks["school"]->attributes["target_class"], "highly_sensitive");
  EXPECT_EQ(checks["school"]->attributes["criterion_per_year"], 3e-6);
  EXPECT_EQ(checks["school"]->attributes["exceeds"], 1);
  EXPECT_EQ(checks["market"]->attributes["target_class"], "general_1");
  EXPECT_EQ(checks["market"]->attributes["exceeds"], 1);
  EXPECT_EQ(checks["filling_station"]->attributes["criterion_per_year"], 3e-5);
  EXPECT_EQ(checks["filling_station"]->attributes["exceeds"], 0);
  EXPECT_EQ(a.grade.figures["qra"]["targets_exceeding"], 2);
  EXPECT_NE(a.grade.rule.find("2 of 3 protected targets above their criterion"), std::string::npos) << a.grade.rule;

  // A new installation is held to 3e-7 for highly sensitive targets: the
  // same plant, its equipment declared new, draws its ring further out.
  json equipment = sampleEquipment("HZ001");
  for (json& e : equipment) e["installation"] = "new";
  plant.attributes.set("equipment", equipment.dump());
  ASSERT_FALSE(kind->checkRecord(plant.attributes));
  const SourceAssessment asNew = kind->assess(plant, targets, oneWeatherRules());
  EXPECT_EQ(asNew.grade.figures["qra"]["installation"], "new");
  EXPECT_GT(asNew.footprints[1].distanceM, a.footprints[1].distanceM);
  EXPECT_NEAR(asNew.footprints[1].distanceM, handReach(3e-7), 0.02 * handReach(3e-7) + 10);
}

// A relocation moves the plant: at the new site a school where the hand
// solution puts IR at 1e-5 per year (above its 3e-6 criterion) is flagged;
// a hospital where it is 1e-6 (inside the 3e-7 contour, below 3e-6) is not.
TEST(QraPlant, RelocationFlagsATargetAboveItsCriterionAtTheNewSite) {
  const auto kind = makeHazardSourcesKind();
  const OGRPoint newSite(611005, 3402005);
  const SourceFeature plant = hydrogenChloridePlant(*kind, newSite);
  TargetsAt targets({{"school", "新址小学", OGRPoint(newSite.getX() + handReach(1e-5), newSite.getY())},
                     {"hospital", "新址医院", OGRPoint(newSite.getX() + handReach(1e-6), newSite.getY())}});
  const SourceAssessment a = kind->assess(plant, targets, oneWeatherRules());
  const relocation::PlantFigures after = relocation::plantFigures(a.grade.grade, a.grade.rule, a.grade.figures);
  const std::vector<relocation::Flag> flags = relocation::qraTargetFlags(after);
  ASSERT_EQ(flags.size(), 1u) << a.grade.figures["qra"].dump(1);
  EXPECT_EQ(flags[0].rule, "qra_target_over_criterion");
  EXPECT_NE(flags[0].text.find("新址小学"), std::string::npos);
  EXPECT_NE(flags[0].text.find("3.0e-06/y"), std::string::npos) << flags[0].text;
  EXPECT_NE(flags[0].zh.find("超过 GB 36894-2018"), std::string::npos);
  // Both sites' tables list it once, after the move.
  const relocation::PlantFigures before = relocation::plantFigures("1", "", nlohmann::json::object());
  const Table t = relocation::qraTargetsTable(before, after);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], "搬迁后");
  // The report's F-N chart: the new site's curve only (the old site had no
  // QRA figures); nobody lives within reach here, so the region is negligible.
  FnChartSpec fn;
  ASSERT_TRUE(relocation::qraFnChart(before, after, "F-N", fn));
  ASSERT_EQ(fn.series.size(), 1u);
  EXPECT_EQ(fn.series[0].label, "搬迁后: 可接受区");
  EXPECT_TRUE(fn.series[0].steps.empty());
  EXPECT_TRUE(fn.linesVerified);  // qra.toml [societal] verified = true
  EXPECT_DOUBLE_EQ(fn.upper.atN1, 1e-3);
  EXPECT_DOUBLE_EQ(fn.lower.atN1, 1e-5);
  EXPECT_FALSE(relocation::qraFnChart(before, before, "F-N", fn));
}

namespace {

// HZ001's liquid chlorine vessel alone (V-CL2-01: 20 m3 at 0.8 MPa gauge,
// 20 C), a 10 mm hole at 1e-5 per year, D at 5 m/s always from the west.
Rules chlorineRules() {
  return d5FromTheWest(R"(
[[qra.loc]]
equipment = "pressure_vessel"
kind = "hole"
hole_mm = 10.0
frequency = 1e-5
verified = false
source = "test"
)");
}

// Restated by hand from the CSV row and qra.toml's chlorine data
// (Tb -34 C, liquid 1410 kg/m3, Cp 950 J/(kg K), h_v 288 kJ/kg): the
// liquid through the hole (Bernoulli, Cd 0.62), its flash at 20 C and
// twice that airborne, cold at its boiling point.
struct ChlorineRelease {
  double outflow, flash, rate, density;
};
ChlorineRelease chlorineByHand() {
  const double outflow = 0.62 * std::numbers::pi / 4 * 0.01 * 0.01 * std::sqrt(2 * 1410 * 0.8e6);
  const double flash = 950 * (293.15 - 239.15) / 288000;
  return {outflow, flash, outflow * 2 * flash, 101325 * 0.0709 / (8.314462618 * 239.15)};
}

// On the sector's centre line at range R the top-hat cloud (uniform across
// 2 Lh, its width inside the 22.5-degree sector here) gives
// IR = f P(c(R)) 2 Lh(R) / (R sector): the Purple Book's ECW rule with a
// uniform profile. c(R) and Lh(R) from the Britter-McQuaid plume (checked
// against the CCPS example in DenseGasTest); the chlorine probit
// (Purple Book Table 5.2: -6.35 + 0.5 ln(C^2.75 t)) over 30 minutes.
double chlorineRiskOnTheCentreLine(double range) {
  const ChlorineRelease h = chlorineByHand();
  const BritterMcQuaidPlume plume({h.rate, h.density, 239.15, 0.0709, 1}, {293.15, 101325, 0.02896}, 5);
  const double mgM3 = plume.axisVolumeFraction(range) * 101325 * 0.0709 / (8.314462618 * 293.15) * 1e6;
  const double p = 0.5 * std::erfc(-(-6.35 + 0.5 * std::log(std::pow(mgM3, 2.75) * 30) - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : 1e-5 * p * 2 * plume.halfWidth(range) / (range * 22.5 * std::numbers::pi / 180);
}

// Beyond 150 m, where the cloud's width lies inside the sector.
double chlorineReach(double level) { return rangeAt(chlorineRiskOnTheCentreLine, level, 150); }

// The sample county's HZ001 chlorine vessel alone at `site`, assessed with `rules`.
SourceAssessment chlorineVesselAssessed(const OGRPoint& site, const Rules& rules) {
  const auto kind = makeHazardSourcesKind();
  json equipment = json::array();
  for (const json& e : sampleEquipment("HZ001"))
    if (e["equipment_id"] == "V-CL2-01") equipment.push_back(e);
  if (equipment.size() != 1) throw std::runtime_error("HZ001 has no V-CL2-01 in qra_equipment.csv");
  AttributeRecord rec;
  rec.set("inventory", R"([{"substance":"氯","q_t":81.4,"Q_t":5}])");
  rec.set("equipment", equipment.dump());
  if (kind->checkRecord(rec)) throw std::runtime_error("HZ001's chlorine record is rejected");
  TargetsAt nobody({});
  return kind->assess(plantAt(site, rec), nobody, rules);
}

}  // namespace

TEST(QraPlant, LiquidChlorineFlashesAndItsDenseCloudsContourMatchesTheHandSolution) {
  const OGRPoint site(520005, 3330005);
  const SourceAssessment a = chlorineVesselAssessed(site, chlorineRules());
  const json& qra = a.grade.figures["qra"];
  ASSERT_EQ(qra["scenarios"].size(), 1u) << qra.dump(1);
  const json& row = qra["scenarios"][0];
  const ChlorineRelease h = chlorineByHand();
  ASSERT_TRUE(row["computed"].get<bool>()) << row.dump(1);
  EXPECT_NEAR(row["outflow_kg_s"].get<double>(), h.outflow, 1e-9);
  EXPECT_NEAR(row["flash_fraction"].get<double>(), h.flash, 1e-9);
  EXPECT_NEAR(row["rate_kg_s"].get<double>(), h.rate, 1e-9);
  // 20 m3 x 0.8 full x 1410 kg/m3 = 22,560 kg: over 2 hours at 2.3 kg/s, the exposure capped at 30 min.
  EXPECT_NEAR(row["inventory_kg"].get<double>(), 22560, 1e-6);
  EXPECT_EQ(row["duration_min"], 30.0);
  EXPECT_EQ(qra["dense_gas_releases"], 1);
  EXPECT_EQ(qra["loc_rows_unverified"], json::array({1}));

  std::map<std::string, const SourcePart*> contours;
  for (const SourcePart& p : a.parts)
    if (p.table == kContoursTable) contours[p.attributes["level_text"]] = &p;
  ASSERT_TRUE(contours.count("3e-6")) << qra.dump(1);
  ASSERT_TRUE(contours.count("3e-7"));
  EXPECT_NE(contours["3e-6"]->attributes["model"].get<std::string>().find("Britter-McQuaid"), std::string::npos);
  for (const auto& [text, level] : {std::pair{"3e-7", 3e-7}, std::pair{"3e-6", 3e-6}}) {
    OGREnvelope e;
    contours[text]->geometry->getEnvelope(&e);
    const double hand = chlorineReach(level);
    EXPECT_NEAR(e.MaxX - site.getX(), hand, 0.02 * hand + 10) << "the " << text << " contour's reach east";
  }
  EXPECT_NE(a.grade.rule.find("LOC frequencies: [[loc]] row 1 unverified stand-ins"), std::string::npos)
      << a.grade.rule;
}

namespace {

// The sample county's HZ001 chlorine vessel with the Purple Book's
// instantaneous row alone, the dense-puff criterion set out of reach: the
// Gaussian puff's path against its hand solution (the dense puff's is
// checked in QraPuffTest).
Rules chlorinePuffRules() {
  return d5FromTheWest(R"(
[qra.dense_gas]
instantaneous_criterion = 1.0e9
[[qra.loc]]
equipment = "pressure_vessel"
kind = "instantaneous"
frequency = 5e-7
verified = false
source = "test"
)");
}

// Restated by hand from the CSV row and qra.toml's chlorine data: 20 m3
// x 0.8 full x 1410 kg/m3 = 22,560 kg, its flash 950 (293.15 - 239.15) /
// 288000 and twice that airborne; released at 1 m, received at 1 m.
double chlorinePuffMass() { return 22560 * 2 * 950 * (293.15 - 239.15) / 288000; }

// The puff's toxic load at x downwind, y across (class D open country,
// 5 m/s, sigma_x = sigma_y, sigma held at x): the peak
// M / ((2 pi)^1.5 sy^2 sz) exp(-y^2/2sy^2) (1 + exp(-4/2sz^2)) x 1e6 mg/m3,
// its load peak^2.75 x sy sqrt(2 pi / 2.75) / u / 60 (mg/m3)^2.75 min, and
// chlorine's probit (Purple Book Table 5.2) -6.35 + 0.5 ln(load).
double chlorinePuffLethality(double x, double y) {
  const double sy = 0.08 * x / std::sqrt(1 + 0.0001 * x), sz = 0.06 * x / std::sqrt(1 + 0.0015 * x);
  const double peak = chlorinePuffMass() / (std::pow(2 * std::numbers::pi, 1.5) * sy * sy * sz) *
                      std::exp(-y * y / (2 * sy * sy)) * (1 + std::exp(-4 / (2 * sz * sz))) * 1e6;
  const double load = std::pow(peak, 2.75) * sy * std::sqrt(2 * std::numbers::pi / 2.75) / 5 / 60;
  const double p = 0.5 * std::erfc(-(-6.35 + 0.5 * std::log(load) - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : p;
}

// The ECW rule on the sector's centre line, as for the plume above.
double chlorinePuffRiskOnTheCentreLine(double range) {
  double sum = 0;
  const double step = 0.25;
  for (double y = -2000; y <= 2000; y += step) sum += chlorinePuffLethality(range, y) * step;
  return 5e-7 * sum / (range * 22.5 * std::numbers::pi / 180);
}

}  // namespace

TEST(QraPlant, ChlorineVesselRuptureAsAGaussianPuffHasTheHandSolutionsContour) {
  const OGRPoint site(520005, 3330005);
  const SourceAssessment a = chlorineVesselAssessed(site, chlorinePuffRules());
  const json& qra = a.grade.figures["qra"];
  ASSERT_EQ(qra["scenarios"].size(), 1u) << qra.dump(1);
  const json& row = qra["scenarios"][0];
  ASSERT_TRUE(row["computed"].get<bool>()) << row.dump(1);
  EXPECT_EQ(row["loc"], "instantaneous");
  EXPECT_NEAR(row["cloud_mass_kg"].get<double>(), chlorinePuffMass(), 1e-6);
  EXPECT_EQ(qra["puff_releases"], 1);

  std::map<std::string, const SourcePart*> contours;
  for (const SourcePart& p : a.parts)
    if (p.table == kContoursTable) contours[p.attributes["level_text"]] = &p;
  ASSERT_TRUE(contours.count("3e-7")) << qra.dump(1);
  EXPECT_NE(contours["3e-7"]->attributes["model"].get<std::string>().find("Gaussian puff"), std::string::npos);
  OGREnvelope e;
  contours["3e-7"]->geometry->getEnvelope(&e);
  const double hand = rangeAt(chlorinePuffRiskOnTheCentreLine, 3e-7, 150);
  EXPECT_NEAR(e.MaxX - site.getX(), hand, 0.02 * hand + 10) << "the 3e-7 contour's reach east";
  EXPECT_GT(hand, 300);
}
