// The flammable consequence models (layers/hazard_sources/qra: PoolFire,
// JetFire, Fireball, VapourCloudExplosion) against published worked figures
// where riskmap has read them, against hand computations where it has not;
// and one pool fire through the hazard-source kind, its 1e-5 contour's
// radius solved by hand.
#include "BuiltinKinds.hpp"
#include "qra/BlastCurves.hpp"
#include "qra/Equipment.hpp"
#include "qra/FlammableData.hpp"
#include "qra/Fireball.hpp"
#include "qra/JetFire.hpp"
#include "qra/PlantRisk.hpp"
#include "qra/PoolFire.hpp"
#include "qra/Probits.hpp"
#include "qra/RadialRisk.hpp"
#include "qra/Scenarios.hpp"
#include "qra/VapourCloudExplosion.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"
#include "QraTankRules.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <numbers>
#include <utility>
#include <vector>

using namespace riskmap;
using namespace riskmap::qra;
using nlohmann::json;

namespace {

Rules qraRulesFile(const toml::table* overrides = nullptr) {
  return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml", overrides);
}

// Kingery & Bulmash (1984), hemispherical TNT surface burst, side-on
// overpressure (kPa) in its original form: log10 P = sum C_i U^i,
// U = -0.214362789151 + 1.35034249993 log10 Z, 0.0674 <= Z <= 40, the
// coefficients of the NATO AASTP-1 / UN SaferGuard calculators (as
// transcribed in several public blast calculators, e.g. a TypeScript
// "hemispherical_Pso" and a C "calculateIncidentPressure"; read
// 2026-11-30). riskmap uses Swisdak's simplified refit of it
// (BlastCurves.cpp): this is the independent method.
double kingeryBulmash1984SurfaceKPa(double z) {
  const double c[] = {2.78076916577,    -1.6958988741,    -0.154159376846,  0.514060730593,
                      0.0988534365274,  -0.293912623038,  -0.0268112345019, 0.109097496421,
                      0.00162846756311, -0.0214631030242, 0.0001456723382,  0.00167847752266};
  const double u = -0.214362789151 + 1.35034249993 * std::log10(z);
  double y = 0, ui = 1;
  for (double ci : c) {
    y += ci * ui;
    ui *= u;
  }
  return std::pow(10, y);
}

// The scaled distance at which a decreasing curve p(z) (kPa) falls to
// target, by bisection between lo and hi.
template <typename Curve>
double scaledDistanceAt(Curve p, double target, double lo, double hi) {
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (p(mid) > target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

constexpr double kOnePsiPa = 6894.757;

}  // namespace

TEST(QraFire, PoolFireHeatReleaseReproducesNureg1805Spreadsheet) {
  // NUREG-1805 (2004) ch. 5 spreadsheet 05.1_Heat_Flux_Calculations_Wind_Free
  // (point source), its printed inputs: m'' = 0.045 kg/m2/s, dHc,eff =
  // 44 400 kJ/kg, k beta = 2.1 /m, dike area 2545 ft2 = 236.44 m2, target at
  // 130 ft = 39.624 m, chi_r = 0.30; printed heat release rate Q = 472 403.60 kW.
  const double area = 2545 * 0.09290304;
  const PoolFire pool{std::sqrt(4 * area / std::numbers::pi), 0.045, 2.1, 44400e3, 0.30};
  EXPECT_NEAR(pool.areaM2(), 236.44, 0.005);
  EXPECT_NEAR(pool.heatReleaseW() / 1e3, 472403.60, 0.05);
  // The spreadsheet's flux was not read: by hand instead. D = 17.3506 m,
  // m'' = 0.045 (1 - e^-36.4) = 0.045; Thomas: H = 42 D (m'' / (1.2
  // sqrt(9.81 D)))^0.61 = 20.52 m; the point source at H/2 = 10.26 m, so
  // L = sqrt(39.624^2 + 10.26^2) = 40.93 m and q = 0.30 x 472 403.6 /
  // (4 pi 40.93^2) = 6.73 kW/m2 (tau = 1).
  EXPECT_NEAR(pool.flameHeightM(), 20.52, 0.01);
  EXPECT_NEAR(pool.pathM(39.624), 40.93, 0.01);
  EXPECT_NEAR(pool.fluxAt(39.624, 1.0) / 1e3, 6.73, 0.005);
  EXPECT_TRUE(std::isinf(pool.fluxAt(5, 1.0))) << "inside the pool: in the flame";
}

TEST(QraFire, FireballReproducesSrivastavaCcpsExample) {
  // A. Srivastava, "BLEVE Fireball Diameter & Duration" (scribd.com document
  // 529343808), example on the CCPS correlations: a 22.7 m3 propane tank
  // truck, 90 % full, 585.3 kg/m3, all of it in the fireball; receptor at
  // X = 100 m; E = 350 kW/m2. Printed: mf = 11 957.7 kg, Dc = 132.6 m,
  // tc = 10.3 s, Fv = 0.255, q = 89.1 kW/m2 (no transmissivity).
  const FlammableData data(qraRulesFile());
  const Fireball ball{22.7 * 0.9 * 585.3, data.fireball};
  EXPECT_NEAR(ball.massKg, 11957.7, 0.05);
  EXPECT_NEAR(ball.diameterM(), 132.6, 0.05);
  EXPECT_NEAR(ball.durationS(), 10.3, 0.05);
  EXPECT_NEAR(ball.viewFactor(100), 0.255, 0.0005);
  EXPECT_NEAR(ball.fluxAt(100, 1.0) / 1e3, 89.1, 0.05);
  // Above 30 000 kg the duration is 2.6 m^(1/6): 100 t -> 2.6 x 10^(5/6) =
  // 2.6 x 6.8129 = 17.71 s by hand.
  EXPECT_NEAR((Fireball{1e5, data.fireball}.durationS()), 17.71, 0.005);
}

TEST(QraFire, JetFirePointSourceAgreesWithAHandComputation) {
  // No printed jet-fire example was read for riskmap: by hand. 5 kg/s of
  // methane (50 MJ/kg), F = 0.2, the source 1 m up, receptor 50 m away:
  // q = 0.2 x 250 MW / (4 pi (50^2 + 1^2)) = 1590.9 W/m2.
  const JetFire jet{5, 50e6, 0.2, 1};
  EXPECT_NEAR(jet.fluxAt(50, 1.0), 1590.9, 0.05);
  EXPECT_NEAR(jet.fluxAt(50, 0.5), 1590.9 / 2, 0.05);
}

TEST(QraFire, JetFirePointSourceReproducesTheApi521FlareExampleHeatRelease) {
  // API Std 521, 5th ed. (2007), Annex C, the flare sized by the simple
  // approach, as restated in S. Choudhary, "Sizing a subsonic flare stack"
  // (EIL calculation sheet, scribd.com document 540641728, read
  // 2026-11-30): 45 360 kg/h of gas, heat of combustion 50 000 kJ/kg,
  // F = 0.3, tau = 1, allowable radiation K = 6.3 kW/m2; printed "heat
  // liberated of 630000 kW". API's point source puts K at the distance
  // D = sqrt(tau F Q / (4 pi K)) from the flame centre (the Hajek-Ludwig
  // form, as printed in e.g. scribd.com document 474283311); by hand
  // D = sqrt(0.3 x 630 000 / (4 pi 6.3)) = 48.860 m. The sheet's printed
  // D and stack height (33.317 m, which needs the flame distortion read off
  // API's Figure) were not in what was read: the distance is checked
  // against the formula, the heat release against the print.
  const JetFire jet{45360.0 / 3600, 50000e3, 0.3, 0};
  EXPECT_NEAR(jet.heatReleaseW() / 1e3, 630000, 0.5);
  EXPECT_NEAR(jet.fluxAt(48.860, 1.0), 6300, 1);
  // The flame centre 30 m up: the same flux at the ground distance whose
  // slant path is 48.860 m, sqrt(48.860^2 - 30^2) = 38.566 m.
  const JetFire raised{45360.0 / 3600, 50000e3, 0.3, 30};
  EXPECT_NEAR(raised.fluxAt(38.566, 1.0), 6300, 1);
}

TEST(QraFire, ImmediateIgnitionFollowsPurpleBookTable45) {
  // TNO Purple Book CPR 18E (1999) Table 4.5, direct ignition at
  // stationary installations, row "gas, average/high reactivity", bands
  // "< 10", "10 - 100", "> 100" kg/s and "< 1000", "1000 - 10,000",
  // "> 10,000" kg; K1 liquid 0.065; section 4.8: 0.4 of delayed ignitions
  // explode. As transcribed from the PGS 3 pdf by an open-source QRA engine
  // (qra.toml [flammable.ignition] says where). Both ends of the printed
  // middle band belong to it: exactly 100 kg/s is 0.5, not 0.7.
  const FlammableData data(qraRulesFile());
  const std::vector<std::pair<double, double>> continuous{{5, 0.2}, {9.99, 0.2}, {10, 0.5}, {50, 0.5},
                                                          {100, 0.5}, {100.01, 0.7}, {200, 0.7}};
  for (const auto& [rate, p] : continuous) EXPECT_DOUBLE_EQ(data.immediateIgnition(false, rate), p) << rate << " kg/s";
  const std::vector<std::pair<double, double>> instantaneous{{500, 0.2}, {1000, 0.5}, {5000, 0.5},
                                                             {10000, 0.5}, {10001, 0.7}, {20000, 0.7}};
  for (const auto& [mass, p] : instantaneous) EXPECT_DOUBLE_EQ(data.immediateIgnition(true, mass), p) << mass << " kg";
  EXPECT_DOUBLE_EQ(data.poolFireProbability, 0.065);
  EXPECT_DOUBLE_EQ(data.explosionFraction, 0.4);
  EXPECT_TRUE(data.ignitionVerified);
}

TEST(QraFire, ExplosionOverpressureAndProbitAgreeWithHandComputations) {
  // Kinney & Graham's free-air curve (selectable) by hand. 1000 kg of
  // propane, yield 0.03, 46 350 kJ/kg, E_TNT 4686 kJ/kg: W = 296.73 kg TNT;
  // at 50 m z = 50 / 296.73^(1/3) = 7.496 m/kg^(1/3); Kinney & Graham:
  // p/pa = 808 (1 + (z/4.5)^2) / sqrt((1 + (z/0.048)^2)(1 + (z/0.32)^2)(1 + (z/1.35)^2))
  //      = 808 x 3.775 / (156.19 x 23.45 x 5.640) = 0.1476, p = 14.96 kPa.
  const VapourCloudExplosion vce{1000, 46350e3, 0.03, 4686e3, 101325, BlastCurve::KinneyGrahamFreeAir};
  EXPECT_NEAR(vce.tntMassKg(), 296.73, 0.005);
  EXPECT_NEAR(vce.scaledDistance(50), 7.496, 0.0005);
  EXPECT_NEAR(vce.overpressureAt(50) / 1e3, 14.96, 0.005);
  // Eisenberg's lung-haemorrhage probit: half die where -77.1 + 6.91 ln p = 5,
  // p = e^(82.1/6.91) = 144.5 kPa.
  const OverpressureProbit probit;
  EXPECT_NEAR(probit.probability(144.54e3), 0.5, 0.001);
  EXPECT_LT(probit.probability(vce.overpressureAt(50)), 1e-6);
}

TEST(QraFire, ExplosionReproducesTheChefGuideTntExample) {
  // CCPS, "CHEF Guide" (Calculation aids for Hazard Evaluation), p. 222
  // (aiche.org, read 2026-11-30): a runaway reaction of 1e6 kJ is
  // 1e6 / 4600 = 217 kg TNT; the guide reads 1 psi off its TNT curve at
  // Z = 18 m/kg^(1/3), so X = 18 x 217^(1/3) = 108 m. Its Z is read off a
  // log-log graph to two figures: within 0.5 of 18, within 3 m of 108 m.
  VapourCloudExplosion tnt{1, 1e9, 1, 4600e3, 101325};  // 1e6 kJ released whole, as TNT at 4600 kJ/kg
  EXPECT_NEAR(tnt.tntMassKg(), 217.39, 0.005);
  ASSERT_EQ(tnt.curve, BlastCurve::KingeryBulmashSurface) << "the default curve";
  const double x = tnt.distanceTo(kOnePsiPa);
  EXPECT_NEAR(tnt.scaledDistance(x), 18, 0.5);
  EXPECT_NEAR(x, 108, 3);
  EXPECT_NEAR(tnt.overpressureAt(x), kOnePsiPa, 1e-6 * kOnePsiPa);
  // Kinney & Graham's free-air fit does not reproduce it: 1 psi at
  // Z = 13.45, 81 m (the open question method.md recorded).
  tnt.curve = BlastCurve::KinneyGrahamFreeAir;
  EXPECT_NEAR(tnt.scaledDistance(tnt.distanceTo(kOnePsiPa)), 13.45, 0.01);
  EXPECT_LT(tnt.distanceTo(kOnePsiPa), 85);
}

TEST(QraFire, SwisdaksKingeryBulmashFitAgreesWithTheOriginalPolynomial) {
  // Swisdak's simplified coefficients (riskmap's curve) against Kingery &
  // Bulmash's own 11th-degree polynomial over its whole range: Swisdak
  // states his fits within a few per cent of the original; here within
  // 1.5 % from Z 0.2 to 40, and the 1 psi distance of the CHEF example
  // (Z 18.06 by the original, 18.14 by Swisdak) within 0.5 %.
  for (int i = 0; i <= 200; ++i) {
    const double z = 0.2 * std::pow(200.0, i / 200.0);
    const double kb = kingeryBulmash1984SurfaceKPa(z);
    EXPECT_NEAR(sideOnOverpressurePa(BlastCurve::KingeryBulmashSurface, z, 101325) / 1e3, kb, 0.015 * kb) << "Z " << z;
  }
  const double zOriginal = scaledDistanceAt(kingeryBulmash1984SurfaceKPa, kOnePsiPa / 1e3, 1, 40);
  const double zSwisdak = scaledDistanceAt(
      [](double z) { return sideOnOverpressurePa(BlastCurve::KingeryBulmashSurface, z, 101325) / 1e3; },
      kOnePsiPa / 1e3, 1, 40);
  EXPECT_NEAR(zOriginal, 18.06, 0.01);
  EXPECT_NEAR(zSwisdak, zOriginal, 0.005 * zOriginal);
  // Beyond Swisdak's last segment (Z 198.5) its power law goes on, and
  // below Z 0.2 the curve holds its value at 0.2 (17.3 MPa).
  EXPECT_NEAR(sideOnOverpressurePa(BlastCurve::KingeryBulmashSurface, 400, 101325),
              std::exp(6.0536 - 1.4066 * std::log(400.0)) * 1e3, 1e-9);
  EXPECT_DOUBLE_EQ(sideOnOverpressurePa(BlastCurve::KingeryBulmashSurface, 0.05, 101325),
                   sideOnOverpressurePa(BlastCurve::KingeryBulmashSurface, 0.2, 101325));
}

TEST(QraFire, BlastCurveIsARulesSettingNamedInTheScenario) {
  // The LPG vessel's explosion (80 t, W = 0.03 x 80 t x dHc / 4686 kJ/kg):
  // its lethal reach is where Eisenberg's probit falls to the 1 % cut-off,
  // p = exp((5 - 2.3263 + 77.1) / 6.91) = 103.2 kPa, at Z by the original
  // Kingery-Bulmash polynomial (default) or by Kinney & Graham (chosen in
  // the rules), x W^(1/3); RadialRisk tabulates in 0.25 m steps.
  json items = json::parse(R"([{"equipment_id":"S-1","type":"pressure_vessel","substance":"液化石油气","phase":"liquid",
                                "volume_m3":"200","pressure_mpa":"0.8"}])");
  ASSERT_EQ(checkEquipment(items), std::nullopt);
  const double pLethal1 = std::exp((5 - 2.326348 + 77.1) / 6.91) / 1e3;
  auto explosionRow = [&](const Rules& rules) {
    const PlantScenarios s = plantScenarios(parseEquipment(items), rules, Probits(rules), 0, 0);
    for (const json& row : s.rows)
      if (row["outcome"] == "vapour_cloud_explosion") return std::make_pair(row, s.blastCurve);
    ADD_FAILURE() << "no explosion row";
    return std::make_pair(json(), std::string());
  };
  const auto [kb, kbTitle] = explosionRow(qraRulesFile());
  EXPECT_EQ(kb["model"]["blast_curve"], "kingery_bulmash_surface");
  EXPECT_NE(kb["model"]["name"].get<std::string>().find("Kingery-Bulmash hemispherical surface burst"), std::string::npos);
  EXPECT_EQ(kbTitle, "Kingery-Bulmash hemispherical surface burst (Swisdak 1994)");
  const double cubeRoot = std::cbrt(kb["model"]["tnt_kg"].get<double>());
  const double kbReach = scaledDistanceAt(kingeryBulmash1984SurfaceKPa, pLethal1, 0.5, 40) * cubeRoot;
  EXPECT_NEAR(kb["model"]["lethal_reach_m"].get<double>(), kbReach, 0.015 * kbReach + 0.25);

  toml::table overrides{{"flammable", toml::table{{"explosion", toml::table{{"blast_curve", "kinney_graham_free_air"}}}}}};
  const auto [kg, kgTitle] = explosionRow(qraRulesFile(&overrides));
  EXPECT_EQ(kg["model"]["blast_curve"], "kinney_graham_free_air");
  EXPECT_NE(kg["model"]["name"].get<std::string>().find("Kinney & Graham"), std::string::npos);
  auto kinneyGraham = [](double z) {
    auto sq = [](double v) { return v * v; };
    return 101.325 * 808 * (1 + sq(z / 4.5)) / std::sqrt((1 + sq(z / 0.048)) * (1 + sq(z / 0.32)) * (1 + sq(z / 1.35)));
  };
  const double kgReach = scaledDistanceAt(kinneyGraham, pLethal1, 0.5, 40) * cubeRoot;
  EXPECT_NEAR(kg["model"]["lethal_reach_m"].get<double>(), kgReach, 0.005 * kgReach + 0.25);
  EXPECT_LT(kgReach, kbReach);

  toml::table wrong{{"flammable", toml::table{{"explosion", toml::table{{"blast_curve", "tno_multi_energy"}}}}}};
  EXPECT_THROW(FlammableData{qraRulesFile(&wrong)}, UserError);
}

TEST(QraFire, TransmissivityAgreesWithAHandComputation) {
  // Pietersen & Huerta at 70 % humidity and 20 C: p_w = 0.7 x 101325 x
  // exp(14.4114 - 5328/293.15) = 1645.5 Pa; over 100 m tau = 2.02 x
  // (1645.5 x 100)^-0.09 = 0.6853. Checked by hand only (the CCPS source
  // was not read).
  const FlammableData data(qraRulesFile());
  EXPECT_NEAR(data.transmissivity(100), 0.6853, 0.0001);
  EXPECT_EQ(data.transmissivity(0), 1);
}

namespace {

// One gasoline tank in a 400 m2 bund; the only LOC its total loss, 1e-3
// per year; tau = 1 (no humidity); 2 m cells.
Rules oneTankRules() { return test::qraTankRules(1e-3); }

json oneTank() {
  return json::parse(R"([{"equipment_id":"T-1","type":"atmospheric_tank","substance":"汽油","phase":"liquid",
                          "volume_m3":"1000","pressure_mpa":"0","bund_area_m2":"400"}])");
}

// Restated by hand, independently of layers/hazard_sources/qra: the pool
// fills the bund (592 t spread 1 cm deep would cover far more), D =
// sqrt(1600/pi) = 22.568 m; m'' = 0.055 (1 - e^(-2.1 D)) = 0.055 kg/m2/s;
// Q = 0.055 x 400 x 43.7e6 = 961.4 MW; Thomas H = 42 D (m''/(1.2
// sqrt(9.81 D)))^0.61; the outcome's frequency 1e-3 x 0.065 (pool-fire
// ignition) = 6.5e-5 per year. Individual risk f P(r) = level gives
// P(r) = level / f, the probit Pr = 5 + Phi^-1(P), the flux from the
// thermal probit with 20 s, q = exp(((Pr + 36.38)/2.56 - ln 20) x 3/4), and
// the radius from q = 0.35 Q / (4 pi (r^2 + (H/2)^2)).
double handPoolRadius(double level) {
  const double d = std::sqrt(1600 / std::numbers::pi);
  const double m = 0.055 * (1 - std::exp(-2.1 * d));
  const double q = m * 400 * 43.7e6;
  const double h = 42 * d * std::pow(m / (1.2 * std::sqrt(9.81 * d)), 0.61);
  const double p = level / (1e-3 * 0.065);
  double lo = -10, hi = 10;  // Phi^-1 by bisection on erfc
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  const double flux = std::exp(((5 + lo + 36.38) / 2.56 - std::log(20.0)) * 0.75);
  return std::sqrt(0.35 * q / (4 * std::numbers::pi * flux) - h * h / 4);
}

class TargetsAt : public ExposureQueries {
 public:
  explicit TargetsAt(std::vector<std::pair<std::string, OGRPoint>> t) : targets_(std::move(t)) {}
  PeopleCount countPeople(const OGRGeometry&) override { return {0, 1.0}; }
  std::map<std::string, long long> targetsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) override {
    std::vector<NearbyFeature> out;
    for (const auto& [kind, at] : targets_)
      if (zone.Intersects(&at)) out.push_back({&at, kind, kind});
    return out;
  }
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> roadsIn(const OGRGeometry&) override { return {}; }

 private:
  std::vector<std::pair<std::string, OGRPoint>> targets_;
};

}  // namespace

TEST(QraFire, PoolFireContourRadiusMatchesTheHandSolution) {
  const auto kind = makeHazardSourcesKind();
  AttributeRecord rec;
  rec.set("inventory", R"([{"substance":"汽油","q_t":592,"Q_t":200}])");
  rec.set("equipment", oneTank().dump());
  ASSERT_FALSE(kind->checkRecord(rec));
  OGRPoint site(520001, 3330001);  // on a 2 m cell centre
  SourceFeature plant;
  plant.layer = "hazard_sources";
  plant.id = "T";
  plant.geometry = &site;
  plant.attributes = rec;
  // A school halfway to the 3e-5 contour: its risk read off the hand curve too.
  const double r30 = handPoolRadius(3e-5);
  TargetsAt targets({{"school", OGRPoint(site.getX(), site.getY() + r30 / 2)}});
  const SourceAssessment a = kind->assess(plant, targets, oneTankRules());
  const json& qra = a.grade.figures["qra"];
  ASSERT_EQ(qra["scenarios"].size(), 1u) << qra.dump(1);
  const json& row = qra["scenarios"][0];
  EXPECT_EQ(row["outcome"], "pool_fire");
  EXPECT_NEAR(row["model"]["pool_diameter_m"].get<double>(), std::sqrt(1600 / std::numbers::pi), 1e-9);
  EXPECT_NEAR(row["outcome_frequency_per_year"].get<double>(), 6.5e-5, 1e-15);

  std::map<std::string, const SourcePart*> contours;
  for (const SourcePart& p : a.parts)
    if (p.table == kContoursTable) contours[p.attributes["level_text"]] = &p;
  ASSERT_TRUE(contours.count("1e-5")) << qra.dump(1);
  for (const auto& [text, level] : {std::pair{"1e-5", 1e-5}, std::pair{"3e-5", 3e-5}, std::pair{"3e-6", 3e-6}}) {
    ASSERT_TRUE(contours.count(text)) << text;
    const double hand = handPoolRadius(level);
    // The wind plays no part: the contour is a circle, the same reach each way.
    OGREnvelope e;
    contours[text]->geometry->getEnvelope(&e);
    for (double reach : {e.MaxX - site.getX(), site.getX() - e.MinX, e.MaxY - site.getY(), site.getY() - e.MinY})
      EXPECT_NEAR(reach, hand, 0.01 * hand + 2) << "the " << text << " contour";
  }
  EXPECT_GT(handPoolRadius(1e-5), 40);  // beyond the bund: the test means something
  // The external safety distance: the existing installation's 3e-6 contour.
  EXPECT_EQ(a.grade.figures["safety_distance_source"], "qra");
  EXPECT_NEAR(a.footprints[1].distanceM, handPoolRadius(3e-6), 0.01 * handPoolRadius(3e-6) + 3);
  // The school: its individual risk, by hand 6.5e-5 x P at r30/2.
  const SourcePart* school = nullptr;
  for (const SourcePart& p : a.parts)
    if (p.table == kTargetChecksTable) school = &p;
  ASSERT_NE(school, nullptr);
  const double r = r30 / 2;
  const double d = std::sqrt(1600 / std::numbers::pi), m = 0.055 * (1 - std::exp(-2.1 * d));
  const double h = 42 * d * std::pow(m / (1.2 * std::sqrt(9.81 * d)), 0.61);
  const double flux = 0.35 * m * 400 * 43.7e6 / (4 * std::numbers::pi * (r * r + h * h / 4));
  const double pr = -36.38 + 2.56 * std::log(std::pow(flux, 4.0 / 3) * 20);
  const double hand = flux >= 37500 ? 6.5e-5 : 6.5e-5 * 0.5 * std::erfc(-(pr - 5) / std::sqrt(2.0));
  EXPECT_NEAR(school->attributes["individual_risk"].get<double>(), hand, 0.01 * hand);
  EXPECT_EQ(school->attributes["exceeds"], 1);
}

TEST(QraFire, LiquefiedGasVesselGivesFireballExplosionAndJetFireWindIndependent) {
  const Rules rules = qraRulesFile();
  const Probits probits(rules);
  json items = json::parse(R"([{"equipment_id":"S-1","type":"pressure_vessel","substance":"液化石油气","phase":"liquid",
                                "volume_m3":"200","pressure_mpa":"0.8"}])");
  ASSERT_EQ(checkEquipment(items), std::nullopt);
  const PlantScenarios s = plantScenarios(parseEquipment(items), rules, probits, 0, 0);
  std::map<std::string, int> outcomes;
  for (const json& row : s.rows) outcomes[row["loc"].get<std::string>() + " " + row["outcome"].get<std::string>()] += row["computed"].get<bool>() ? 1 : 0;
  // The stand-in LOC rows of a pressure vessel: total loss (fireball and
  // explosion), 10-minute loss and 10 mm hole (jet fires; their delayed
  // ignition listed, not computed).
  EXPECT_EQ(outcomes["instantaneous fireball"], 1);
  EXPECT_EQ(outcomes["instantaneous vapour_cloud_explosion"], 1);
  EXPECT_EQ(outcomes["inventory_10min jet_fire"], 1);
  EXPECT_EQ(outcomes["hole jet_fire"], 1);
  EXPECT_EQ(outcomes.count("hole delayed_ignition"), 1u);
  EXPECT_EQ(outcomes["hole delayed_ignition"], 0);
  EXPECT_TRUE(s.releases.empty()) << "LPG has no toxic probit";
  ASSERT_EQ(s.fires.size(), 4u);
  // 200 m3 x 0.8 x 500 kg/m3 = 80 t: above 10 t, immediate ignition 0.7.
  for (const json& row : s.rows)
    if (row["outcome"] == "fireball") {
      EXPECT_NEAR(row["inventory_kg"].get<double>(), 80000, 1e-6);
      EXPECT_NEAR(row["ignition_probability"].get<double>(), 0.7, 1e-12);
      EXPECT_NEAR(row["model"]["diameter_m"].get<double>(), 5.8 * std::cbrt(80000.0), 1e-9);
    }
  // Wind-independent: the same risk at the same distance each way.
  const double reach = radialReach(s.fires);
  ASSERT_GT(reach, 100);
  const double r = reach / 2;
  const double east = radialRisk(s.fires, r, 0);
  EXPECT_GT(east, 0);
  EXPECT_DOUBLE_EQ(radialRisk(s.fires, -r, 0), east);
  EXPECT_DOUBLE_EQ(radialRisk(s.fires, 0, r), east);
  EXPECT_DOUBLE_EQ(radialRisk(s.fires, r / std::sqrt(2.0), -r / std::sqrt(2.0)), east);
}

TEST(QraFire, RadialTableFollowsItsLethality) {
  // A made-up lethality falling linearly from 1 at 0 to 0 at 100 m: the
  // table ends where it drops below the 1 % cut-off (99 m) and interpolates.
  const RadialScenario s = radialScenario("t", 10, 20, 1e-4, [](double r) { return std::max(0.0, 1 - r / 100); }, 0.01);
  EXPECT_NEAR(s.reachM(), 99.5, 0.5);
  EXPECT_NEAR(s.lethalityAt(50), 0.5, 1e-3);
  EXPECT_NEAR(radialRisk({s}, 10 + 30, 20 + 40), 1e-4 * 0.5, 1e-7);
  EXPECT_EQ(radialRisk({s}, 10 + 200, 20), 0);
}
