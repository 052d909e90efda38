// The dense-gas plume (Britter-McQuaid workbook correlations) against the
// CCPS Burro LNG example, Britter-McQuaid's criterion and the flashing
// source term of a liquefied gas against hand calculations.
#include "qra/DenseGas.hpp"
#include "qra/SourceTerm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace riskmap::qra;

namespace {

// CCPS (1999) Guidelines for Consequence Analysis of Chemical Releases,
// the Britter-McQuaid example on p. 122 (the Burro LNG trials): LNG spilled
// at 0.23 m3/s of liquid (425.6 kg/m3), its vapour 1.76 kg/m3 at -162 C, a
// wind of 10.9 m/s at 10 m, air at 298 K. Read here as restated in
// GasDispersion.jl (docs/src/plume.md, "Britter-McQuaid" section, and
// test/models/britter_mcquaid_plume_tests.jl), which reports the
// reference's answer: the concentration falls to about 5 % (the LFL) at
// 367 m. The CCPS book itself has not been read for riskmap.
const DenseSource kBurro{0.23 * 425.6, 1.76, 273.15 - 162, 1.76 * 8.314462618 * (273.15 - 162) / 101325, 0};
const Ambient kBurroAir{298, 101325, 0.02896};

// The distance at which the centre line falls to `fraction`, by bisection.
double distanceTo(const BritterMcQuaidPlume& p, double fraction) {
  double lo = 1, hi = 1e5;
  for (int i = 0; i < 100; ++i) {
    const double mid = std::sqrt(lo * hi);
    (p.axisVolumeFraction(mid) > fraction ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace

TEST(DenseGas, BritterMcQuaidReproducesTheCcpsBurroExample) {
  const BritterMcQuaidPlume p(kBurro, kBurroAir, 10.9);
  // By hand: rho_a = 101325 x 0.02896 / (8.3145 x 298) = 1.1843 kg/m3;
  // q0 = 97.888 / 1.76 = 55.62 m3/s; g0 = 9.80665 (1.76 - 1.1843) / 1.1843
  // = 4.767 m/s2; D = (55.62 / 10.9)^(1/2) = 2.259 m;
  // alpha = 0.2 log10(4.767^2 x 55.62 / 10.9^5) = -0.417.
  EXPECT_NEAR(p.lengthScaleD(), 2.259, 0.001);
  EXPECT_NEAR(p.alpha(), -0.417, 0.001);
  // The reference: ~5 % at 367 m (its answer read off the nomogram; within 5 %).
  EXPECT_NEAR(distanceTo(p, 0.05), 367, 0.05 * 367);
  EXPECT_NEAR(p.axisVolumeFraction(367), 0.05, 0.005);
}

TEST(DenseGas, CurveNodesAndTheColdCloudCorrectionByHand) {
  // An isothermal release (T_release = T_ambient) sits exactly on the
  // curves at their nodes: at alpha = -0.417 the 5 % curve is at
  // log10(x/D) = 0.36 alpha + 2.16 = 2.0099 and the 2 % curve at
  // 0.45 alpha + 2.39 = 2.2024 (the fits of CCPS 1999 as read in GasDispersion.jl).
  DenseSource warm = kBurro;
  warm.temperatureK = 298;
  warm.densityKgM3 = 1.76;
  const BritterMcQuaidPlume iso(warm, kBurroAir, 10.9);
  const double a = iso.alpha(), d = iso.lengthScaleD();
  EXPECT_NEAR(iso.axisVolumeFraction(d * std::pow(10, 0.36 * a + 2.16)), 0.05, 1e-9);
  EXPECT_NEAR(iso.axisVolumeFraction(d * std::pow(10, 0.45 * a + 2.39)), 0.02, 1e-9);
  // Halfway (in log distance) between them: the geometric mean, sqrt(0.05 x 0.02).
  EXPECT_NEAR(iso.axisVolumeFraction(d * std::pow(10, (0.36 * a + 2.16 + 0.45 * a + 2.39) / 2)), std::sqrt(0.001), 1e-9);
  // The cold cloud at the 5 % node: c = c' / (c' + (1 - c') T_r / T_a) with
  // T_r / T_a = 111.15 / 298 = 0.37299: 0.05 / (0.05 + 0.95 x 0.37299) = 0.12365.
  const BritterMcQuaidPlume cold(kBurro, kBurroAir, 10.9);
  EXPECT_NEAR(cold.axisVolumeFraction(d * std::pow(10, 0.36 * a + 2.16)), 0.12365, 1e-4);
  // Top-hat half-width: lb = g0 q0 / u^3 = 4.767 x 55.62 / 1295.0 = 0.2047 m;
  // at 100 m: D + 8 lb + 2.5 (lb x 100^2)^(1/3) = 2.259 + 1.638 + 31.74 = 35.64 m.
  EXPECT_NEAR(cold.halfWidth(100), 35.64, 0.02);
  // Far past the last (0.2 %) curve c' falls as (x/D)^-2: 4 times farther, 16 times less (isothermal).
  const double last = d * std::pow(10, 0.39 * a + 2.87);
  EXPECT_NEAR(iso.axisVolumeFraction(4 * last), 0.002 / 16, 1e-9);
}

TEST(DenseGas, CriterionChoosesBetweenTheDenseAndTheNeutralPlume) {
  // Burro: (g0 q0 / (u^3 D))^(1/3) = (4.767 x 55.62 / (1295.0 x 2.259))^(1/3) = 0.4492 >= 0.15: dense.
  const BritterMcQuaidPlume burro(kBurro, kBurroAir, 10.9);
  EXPECT_NEAR(burro.criterion(), 0.4492, 0.0005);
  // 0.01 kg/s of chlorine gas at 20 C in a 10 m/s wind: rho = 101325 x 0.0709 / (8.3145 x 293.15)
  // = 2.9474 kg/m3, rho_a = 1.2040; q0 = 0.0033929 m3/s, g0 = 14.200 m/s2, D = 0.018420 m:
  // (14.200 x 0.0033929 / (1000 x 0.018420))^(1/3) = 0.1378 < 0.15: neutral.
  const Ambient air{293.15, 101325, 0.02896};
  const DenseSource puff{0.01, 101325 * 0.0709 / (8.314462618 * 293.15), 293.15, 0.0709, 1};
  EXPECT_NEAR(BritterMcQuaidPlume(puff, air, 10).criterion(), 0.1378, 0.0005);
  const DenseGasPlume plume(puff, air, 0.15);
  EXPECT_FALSE(plume.isDense(10));
  EXPECT_TRUE(plume.isDense(2));  // criterion ~ u^(-5/6): 0.1378 x 5^(5/6) = 0.52
  // In the neutral wind the model is the Gaussian plume of the same release.
  const SigmaModel d = briggs(Stability::D, Terrain::OpenCountry);
  const GaussianPlumeModel gauss(0.01, 1);
  EXPECT_DOUBLE_EQ(plume.concentration(10, d, 200, 5, 1), gauss.concentration(10, d, 200, 5, 1));
  // In the dense wind: uniform across the top-hat, nothing outside it, the
  // volume fraction as mg/m3 of chlorine at 20 C.
  const BritterMcQuaidPlume dense(puff, air, 2);
  const double inside = plume.concentration(2, d, 50, 0, 1);
  EXPECT_NEAR(inside, dense.axisVolumeFraction(50) * 2.9474, 1e-4 * inside);
  EXPECT_DOUBLE_EQ(plume.concentration(2, d, 50, 0.99 * dense.halfWidth(50), 1), inside);
  EXPECT_EQ(plume.concentration(2, d, 50, 1.01 * dense.halfWidth(50), 1), 0);
  EXPECT_DOUBLE_EQ(plume.halfWidthAbove(2, d, 50, 1, inside / 2), dense.halfWidth(50));
  EXPECT_EQ(plume.halfWidthAbove(2, d, 50, 1, inside * 2), 0);
}

TEST(DenseGas, FlashingLiquefiedChlorineByHand) {
  // Chlorine (qra.toml's handbook data): Tb = -34 C, Cp 950 J/(kg K),
  // h_v 288 kJ/kg. Stored at 20 C: f = 950 x 54 / 288000 = 0.178125.
  const LiquefiedGas chlorine{1410, 239.15, 950, 288000};
  EXPECT_NEAR(flashFraction(chlorine, 293.15), 0.178125, 1e-9);
  EXPECT_EQ(flashFraction(chlorine, 230), 0);                 // refrigerated below Tb: no flash
  EXPECT_EQ(flashFraction({1410, 239.15, 950, 1000}, 400), 1);  // capped at all of it
  // 10 mm hole, 0.8 MPa gauge, 1410 kg/m3, Cd 0.62:
  // 0.62 x 7.85398e-5 m2 x sqrt(2 x 1410 x 800000) = 4.86947e-5 x 47497.37 = 2.31287 kg/s.
  EXPECT_NEAR(liquidOutflow(1410, 0.8e6, std::numbers::pi / 4 * 1e-4, 0.62), 2.31287, 1e-4);
  EXPECT_EQ(liquidOutflow(1410, 0, 1e-4, 0.62), 0);
}
