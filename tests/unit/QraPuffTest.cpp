// Instantaneous toxic releases: the Gaussian puff against the CCPS (1999)
// puff example and a hand-built case (one puff, one weather, one
// direction: the toxic load on the axis and the contour radius by hand);
// the Britter-McQuaid dense-gas puff against the workbook's instantaneous
// nomogram fits, the Potchefstroom example's inputs and its cloud by hand;
// and the LOC row "instantaneous" turned into a puff.
#include "qra/DenseGasPuff.hpp"
#include "qra/GaussianPuff.hpp"
#include "qra/IndividualRisk.hpp"
#include "qra/Probits.hpp"
#include "qra/Scenarios.hpp"
#include "riskmap/assess/Rules.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace riskmap;
using namespace riskmap::qra;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kR = 8.314462618;

Rules qraRules() { return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml"); }

// CCPS (1999) Guidelines for Consequence Analysis of Chemical Releases,
// the Gaussian puff example on p. 101 as restated in GasDispersion.jl
// (test/models/gaussian_puff_tests.jl): 1 kg released at ground level,
// class F, 2 m/s, the puff's centre at 500 m after 250 s; the CCPS puff
// curves give sigma_y = 0.02 x^0.89 = 5.05 m (the book prints 6.1, a
// misprint the restatement corrects) and sigma_z = 0.05 x^0.61 = 2.21 m,
// and the centre's ground-level concentration
// c = 1 / (sqrt(2 pi) pi sigma_y^2 sigma_z) = 2.250e-3 kg/m3.
// The CCPS book itself has not been read for riskmap.
const Sigmas kCcpsSigmas{0.02 * std::pow(500.0, 0.89), 0.05 * std::pow(500.0, 0.61)};

}  // namespace

TEST(GaussianPuff, ReproducesTheCcpsPuffExample) {
  EXPECT_NEAR(kCcpsSigmas.y, 5.048, 0.001);
  EXPECT_NEAR(kCcpsSigmas.z, 2.215, 0.001);
  const PuffRelease puff{1, 0, 2};
  const double reference = 1 / (std::sqrt(2 * kPi) * kPi * kCcpsSigmas.y * kCcpsSigmas.y * kCcpsSigmas.z);
  EXPECT_NEAR(reference, 2.250e-3, 0.001e-3);
  EXPECT_NEAR(puffPeakConcentration(puff, kCcpsSigmas, 0, 0), reference, 1e-12);
  // Off the axis by one sigma_y: exp(-1/2) of it.
  EXPECT_NEAR(puffPeakConcentration(puff, kCcpsSigmas, kCcpsSigmas.y, 0), reference * std::exp(-0.5), 1e-12);
}

TEST(GaussianPuff, ToxicLoadIsTheTimeIntegralOfThePassingPuff) {
  // A different method: the puff's concentration at the fixed point as its
  // centre moves past at u t (sigma_x = sigma_y), C^n summed by the
  // trapezoid rule over 0 .. 1000 s in 0.01 s steps, against the closed form.
  const PuffRelease puff{1, 0, 2};
  for (double n : {1.0, 2.75}) {
    double sum = 0;
    for (double t = 0; t <= 1000; t += 0.01) {
      const double dx = 500 - 2 * t;
      const double c = 1e6 / (std::sqrt(2 * kPi) * kPi * kCcpsSigmas.y * kCcpsSigmas.y * kCcpsSigmas.z) *
                       std::exp(-dx * dx / (2 * kCcpsSigmas.y * kCcpsSigmas.y));
      sum += std::pow(c, n) * 0.01;
    }
    EXPECT_NEAR(toxicLoad(puff, kCcpsSigmas, 0, 0, n), sum / 60, 1e-6 * sum / 60) << "n = " << n;
  }
}

namespace {

// The hand-built case: 1000 kg of chlorine as a neutral puff at ground
// level, class D in open country (Briggs 1973: sigma_y = 0.08 x (1 +
// 0.0001 x)^-1/2, sigma_z = 0.06 x (1 + 0.0015 x)^-1/2), 5 m/s, blowing
// exactly east; receptor at ground level. Chlorine's probit (Purple Book
// Table 5.2): Pr = -6.35 + 0.5 ln(integral of C^2.75 dt), C mg/m3, t min.
constexpr double kMass = 1000, kWind = 5, kFrequency = 1e-5;

double handAxisLoad(double x) {
  const double sy = 0.08 * x / std::sqrt(1 + 0.0001 * x), sz = 0.06 * x / std::sqrt(1 + 0.0015 * x);
  const double peak = 2 * kMass / (std::pow(2 * kPi, 1.5) * sy * sy * sz) * 1e6;  // mg/m3, ground reflection
  return std::pow(peak, 2.75) * sy * std::sqrt(2 * kPi / 2.75) / kWind / 60;       // (mg/m3)^2.75 min
}
double handAxisLethality(double x) {
  const double p = 0.5 * std::erfc(-(-6.35 + 0.5 * std::log(handAxisLoad(x)) - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : p;
}

}  // namespace

TEST(GaussianPuff, HandBuiltCaseAxisLoadAndContourRadius) {
  const Rules rules = qraRules();
  const Probits probits(rules);
  const ToxicProbit& chlorine = probits.toxic("chlorine");
  ASSERT_EQ(chlorine.n, 2.75);
  // At 1000 m by hand: sigma_y = 80 / sqrt(1.1) = 76.28 m, sigma_z = 60 /
  // sqrt(2.5) = 37.95 m; the peak 2 x 1000 / ((2 pi)^1.5 x 76.28^2 x 37.95)
  // = 5.752e-4 kg/m3 = 575.2 mg/m3; the load 575.2^2.75 x 76.28 x
  // sqrt(2 pi / 2.75) / 5 / 60 = 1.493e7 (mg/m3)^2.75 min.
  EXPECT_NEAR(handAxisLoad(1000), 1.493e7, 0.003e7);
  const PuffRelease puff{kMass, 0, kWind};
  EXPECT_NEAR(toxicLoad(puff, briggsSigmas(Stability::D, Terrain::OpenCountry, 1000), 0, 0, 2.75), handAxisLoad(1000),
              1e-9 * handAxisLoad(1000));

  ToxicRelease release{"V 1000 kg puff", 0, 0, kFrequency, 0, 0, kDoseReferenceMin, &chlorine};
  release.dispersion = std::make_shared<GaussianPuffModel>(kMass, 0, chlorine.n);
  WeatherDirection east{"D5 E", 1, kWind, briggs(Stability::D, Terrain::OpenCountry), 90, 0};
  const ToxicRiskModel model(probits, {release}, {east}, 0, 1);
  for (double x : {100.0, 300.0, 1000.0}) {
    EXPECT_NEAR(model.lethality(model.releases()[0], east, x, 0), handAxisLethality(x), 1e-9) << x;
    EXPECT_NEAR(model.individualRisk(x, 0), kFrequency * handAxisLethality(x), 1e-15) << x;
  }
  // Upwind and across the wind at the same range: nothing.
  EXPECT_EQ(model.individualRisk(-300, 0), 0);
  EXPECT_EQ(model.individualRisk(0, 300), 0);

  // The contour radius at 3e-6/y, by hand: f P = 3e-6 needs P = 0.3, the
  // probit 5 + Phi^-1(0.3) = 4.4756, the load exp((4.4756 + 6.35) / 0.5)
  // = 2.529e9 (mg/m3)^2.75 min; where the axis load falls to it (bisection
  // of the hand formula above) against where the model's risk does.
  EXPECT_NEAR(probitFromProbability(0.3), 4.4756, 0.0001);
  const double load = std::exp((4.4756 + 6.35) / 0.5);
  EXPECT_NEAR(load, 2.529e9, 0.001e9);
  double lo = 10, hi = 5000;
  for (int i = 0; i < 80; ++i) ((handAxisLoad((lo + hi) / 2) > load) ? lo : hi) = (lo + hi) / 2;
  const double handRadius = lo;
  double mlo = 10, mhi = 5000;
  for (int i = 0; i < 80; ++i) ((model.individualRisk((mlo + mhi) / 2, 0) > 3e-6) ? mlo : mhi) = (mlo + mhi) / 2;
  EXPECT_NEAR(mlo, handRadius, 1e-6 * handRadius);
  EXPECT_GT(handRadius, 300);
  EXPECT_LT(handRadius, 1000);
}

TEST(BritterMcQuaidPuff, NomogramFitsAreTheTabulatedOnes) {
  // log10(x / V0^(1/3)) of the curves Cm/C0 = 0.10 .. 0.001 at three alphas:
  // the CCPS (1999) fits as GasDispersion.jl's own test states them
  // (test/models/britter_mcquaid_puff_tests.jl).
  const double ratios[] = {0.10, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001};
  const double atMinus075[] = {0.70, 0.85, 0.95, 1.15, 1.48, 1.83, 2.075};
  const double atZero[] = {0.81, 1.00, 1.19, 1.39, 1.62, 1.83, 2.05};
  const double at075[] = {0.93, 1.03, 1.185, 1.375, 1.525, 1.68, 1.8475};
  for (int i = 0; i < 7; ++i) {
    EXPECT_NEAR(BritterMcQuaidPuff::curveBeta(ratios[i], -0.75), atMinus075[i], 1e-12) << ratios[i];
    EXPECT_NEAR(BritterMcQuaidPuff::curveBeta(ratios[i], 0), atZero[i], 1e-12) << ratios[i];
    EXPECT_NEAR(BritterMcQuaidPuff::curveBeta(ratios[i], 0.75), at075[i], 1e-12) << ratios[i];
  }
}

namespace {

// Britter & McQuaid's (1988) workbook example of the Potchefstroom ammonia
// release, its inputs as restated in GasDispersion.jl
// (test/models/britter_mcquaid_puff_tests.jl): an initial cloud of
// 7.25e4 m3 of an ammonia-air mixture of density 1.434 kg/m3, a wind of
// 2 m/s, air at 20 C; taken isothermal here. The workbook's own pages
// have not been read for riskmap.
const DensePuffSource kPotchefstroom{7.25e4 * 1.434, 1.434, 293.15, 0.017031, 0};
const Ambient kAir{293.15, 101325, 0.02896};

}  // namespace

TEST(BritterMcQuaidPuff, PotchefstroomCloudByHand) {
  const BritterMcQuaidPuff p(kPotchefstroom, kAir, 2);
  // By hand: rho_a = 101325 x 0.02896 / (8.3145 x 293.15) = 1.20391 kg/m3;
  // g0 = 9.80665 x (1.434 - 1.20391) / 1.20391 = 1.8743 m/s2;
  // V0^(1/3) = 41.69 m; alpha = 0.5 log10(1.8743 x 41.69 / 4) = 0.6454;
  // the criterion (1.8743 x 41.69)^(1/2) / 2 = 4.42 >= 0.2: dense.
  EXPECT_NEAR(p.reducedGravity(), 1.8743, 0.0001);
  EXPECT_NEAR(p.alpha(), 0.6454, 0.0001);
  EXPECT_NEAR(p.criterion(), 4.42, 0.01);
  // On the nomogram at alpha = 0.6454: Cm/C0 = 0.10 at log10(x') = 0.93
  // (x = 41.69 x 10^0.93 = 354.9 m), 0.05 at -0.12 alpha + 1.12 = 1.0426
  // (460.5 m), 0.01 at -0.38 alpha + 1.66 = 1.4148 (1085 m).
  const double l = std::cbrt(7.25e4);
  EXPECT_NEAR(p.volumeFraction(l * std::pow(10, 0.93)), 0.10, 1e-9);
  EXPECT_NEAR(p.volumeFraction(l * std::pow(10, 1.0426)), 0.05, 0.0001);
  EXPECT_NEAR(p.volumeFraction(l * std::pow(10, 1.4148)), 0.01, 0.00002);
  // Halfway (in log x) between the 0.05 and 0.02 curves: their geometric mean.
  const double b02 = -0.26 * p.alpha() + 1.38, b05 = -0.12 * p.alpha() + 1.12;
  EXPECT_NEAR(p.volumeFraction(l * std::pow(10, (b02 + b05) / 2)), std::sqrt(0.05 * 0.02), 1e-9);
  // Past the last curve (0.001 at -0.27 alpha + 2.05): (x')^-2.
  const double b001 = -0.27 * p.alpha() + 2.05;
  EXPECT_NEAR(p.volumeFraction(l * std::pow(10, b001 + 0.5)), 0.001 / 10, 1e-12);

  // The cloud: R0 = (3 x 7.25e4 / (4 pi))^(1/3) = 25.87 m, its centre at
  // 0.4 x 2 t, R^2 = R0^2 + 1.2 (1.8743 x 7.25e4)^(1/2) t = 669.3 + 442.36 t.
  // On the axis at 1000 m it is inside while 0.64 t^2 - 2042.36 t + 999331 <= 0:
  // t = (2042.36 -+ (2042.36^2 - 4 x 0.64 x 999331)^(1/2)) / 1.28 = 603.4 .. 2587.8 s.
  EXPECT_NEAR(p.radius(0), 25.87, 0.01);
  double t1 = 0, t2 = 0;
  ASSERT_TRUE(p.insideWindow(1000, 0, t1, t2));
  EXPECT_NEAR(t1, 603.4, 0.5);
  EXPECT_NEAR(t2, 2587.8, 0.5);
  // Far to the side it never is.
  EXPECT_FALSE(p.insideWindow(1000, 3000, t1, t2));
}

TEST(BritterMcQuaidPuff, ToxicLoadIsTheIntegralOverTheCloudsPassage) {
  // n = 1: the load is the integral of C dt over the passage; by the
  // trapezoid rule on 200,000 steps of the cloud's concentration at its
  // leading edge, restated from the hand figures above.
  const DenseGasPuff puff(kPotchefstroom, kAir, 0.2, 1);
  ASSERT_TRUE(puff.isDense(2));
  const BritterMcQuaidPuff p(kPotchefstroom, kAir, 2);
  const double mgPerFraction = 101325 * 0.017031 / (kR * 293.15) * 1e6;
  for (const auto& [x, y] : {std::pair{1000.0, 0.0}, std::pair{1000.0, 300.0}, std::pair{2500.0, 0.0}}) {
    double t1 = 0, t2 = 0;
    ASSERT_TRUE(p.insideWindow(x, y, t1, t2));
    const int steps = 200000;
    const double h = (t2 - t1) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; ++i) {
      const double t = t1 + i * h;
      const double c = p.volumeFraction(0.8 * t + std::sqrt(669.3 + 442.36 * t)) * mgPerFraction;
      sum += (i == 0 || i == steps ? 0.5 : 1) * c * h;
    }
    EXPECT_NEAR(puff.toxicLoad(2, x, y), sum / 60, 2e-3 * sum / 60) << x << ", " << y;
  }
  // Farther off the axis, a shorter passage: less load.
  EXPECT_LT(puff.toxicLoad(2, 1000, 300), puff.toxicLoad(2, 1000, 0));
}

TEST(BritterMcQuaidPuff, ANeutralPuffWhereTheCriterionFails) {
  // 1 kg of chlorine gas at 20 C in a wind of 10 m/s: V0 = 1 / 2.947 =
  // 0.339 m3, g0 = 9.80665 x (2.947 - 1.204) / 1.204 = 14.20 m/s2, the
  // criterion (14.20 x 0.339^(1/3))^(1/2) / 10 = 0.31: still dense at
  // 10 m/s; at 20 m/s 0.155 < 0.2: the Gaussian puff.
  const double rho = 101325 * 0.0709 / (kR * 293.15);
  const DenseGasPuff puff({1, rho, 293.15, 0.0709, 0}, kAir, 0.2, 2.75);
  EXPECT_TRUE(puff.isDense(10));
  EXPECT_FALSE(puff.isDense(20));
  const SigmaModel d = briggs(Stability::D, Terrain::OpenCountry);
  const GaussianPuffModel neutral(1, 0, 2.75);
  EXPECT_DOUBLE_EQ(puff.concentration(20, d, 200, 10, 1), neutral.concentration(20, d, 200, 10, 1));
  EXPECT_DOUBLE_EQ(puff.halfWidthAbove(20, d, 200, 1, 1e-6), neutral.halfWidthAbove(20, d, 200, 1, 1e-6));
}

TEST(QraScenarios, AnInstantaneousLocRowIsAPuffOfTheAirborneInventory) {
  // The sample county's chlorine vessel (20 m3 of liquid chlorine at 20 C,
  // 0.8 MPa) with only the Purple Book's instantaneous row: the whole
  // inventory 20 x 0.8 x 1410 = 22,560 kg, its flash 950 (293.15 - 239.15)
  // / 288000 = 0.1781 and twice that airborne: a cloud of 8,037 kg, cold
  // at -34 C, 2.46 times as dense as air: the Britter-McQuaid puff.
  const toml::table overrides = toml::parse(R"(
[[loc]]
equipment = "pressure_vessel"
kind = "instantaneous"
frequency = 5e-7
verified = false
source = "test"
)");
  const Rules qra = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml", &overrides);
  const Probits probits(qra);
  Equipment vessel;
  vessel.id = "V-CL2-01";
  vessel.type = EquipmentType::PressureVessel;
  vessel.substance = "氯";
  vessel.phase = "liquid";
  vessel.volumeM3 = 20;
  vessel.pressureMPa = 0.8;
  vessel.temperatureC = 20;
  const PlantScenarios s = plantScenarios({vessel}, qra, probits, 100, 200);
  ASSERT_EQ(s.rows.size(), 1u);
  const nlohmann::json& row = s.rows[0];
  ASSERT_TRUE(row["computed"].get<bool>()) << row.dump(1);
  EXPECT_EQ(row["loc"], "instantaneous");
  EXPECT_NEAR(row["inventory_kg"].get<double>(), 22560, 1e-6);
  const double airborne = 2 * 950 * (293.15 - 239.15) / 288000;
  EXPECT_NEAR(row["airborne_fraction"].get<double>(), airborne, 1e-12);
  EXPECT_NEAR(row["cloud_mass_kg"].get<double>(), 22560 * airborne, 1e-6);
  EXPECT_NEAR(row["rained_out_kg"].get<double>(), 22560 * (1 - airborne), 1e-6);
  EXPECT_NE(row["dispersion"].get<std::string>().find("Britter-McQuaid dense-gas puff"), std::string::npos);
  EXPECT_EQ(s.puffReleases, 1);
  EXPECT_EQ(s.densePuffReleases, 1);
  ASSERT_EQ(s.releases.size(), 1u);
  const ToxicRelease& r = s.releases[0];
  EXPECT_EQ(r.frequencyPerYear, 5e-7);
  EXPECT_EQ(r.durationMin, kDoseReferenceMin);
  EXPECT_EQ(r.x, 100);
  // Its dispersion is the dense puff of that cloud, cold at -34 C: the
  // concentration it answers is (load / 1 min)^(1/2.75).
  const DenseGasPuff byHand({22560 * airborne, 101325 * 0.0709 / (kR * 239.15), 239.15, 0.0709, 0}, kAir, 0.2, 2.75);
  const SigmaModel f = briggs(Stability::F, Terrain::OpenCountry);
  EXPECT_NEAR(r.dispersion->concentration(1.5, f, 800, 0, 1),
              std::pow(byHand.toxicLoad(1.5, 800, 0), 1 / 2.75) / 1e6, 1e-12);
}
