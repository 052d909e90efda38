#include "DenseGasPuff.hpp"

#include "BritterMcQuaidFits.hpp"
#include "GaussianPuff.hpp"
#include "SourceTerm.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

namespace {

using nomogram::kGravity;
using nomogram::Piece;

// The instantaneous-release curves of the Britter-McQuaid nomogram:
// log10(x/V0^(1/3)) at which the cloud-average Cm/C0 falls to `ratio`,
// piecewise linear in alpha (CCPS 1999 2.1.3 as read in GasDispersion.jl
// src/utils/britter_mcquaid_correls.jl; the fits hold for alpha up to 1
// and their last piece is extended beyond, as there).
struct Curve {
  double ratio;
  Piece pieces[3];
  int count;
};
constexpr Curve kCurves[] = {
    {0.10, {{-0.44, 0, 0.70}, {0.43, 0.26, 0.81}, {INFINITY, 0, 0.93}}, 3},
    {0.05, {{-0.56, 0, 0.85}, {0.31, 0.26, 1.00}, {INFINITY, -0.12, 1.12}}, 3},
    {0.02, {{-0.66, 0, 0.95}, {0.32, 0.36, 1.19}, {INFINITY, -0.26, 1.38}}, 3},
    {0.01, {{-0.71, 0, 1.15}, {0.37, 0.34, 1.39}, {INFINITY, -0.38, 1.66}}, 3},
    {0.005, {{-0.52, 0, 1.48}, {0.24, 0.26, 1.62}, {INFINITY, -0.30, 1.75}}, 3},
    {0.002, {{0.27, 0, 1.83}, {INFINITY, -0.32, 1.92}}, 2},
    {0.001, {{-0.10, 0, 2.075}, {INFINITY, -0.27, 2.05}}, 2},
};

// Near the source: Cm/C0 = 3.24 / (3.24 + x'^2), never below the first curve's 0.10.
double nearField(double xv) { return std::max(3.24 / (3.24 + xv * xv), kCurves[0].ratio); }

}  // namespace

double BritterMcQuaidPuff::curveBeta(double ratio, double alpha) {
  for (const Curve& c : kCurves)
    if (c.ratio == ratio) return nomogram::beta(c.pieces, c.count, alpha);
  return NAN;
}

BritterMcQuaidPuff::BritterMcQuaidPuff(const DensePuffSource& s, const Ambient& a, double u) : u_(u) {
  const double rhoA = a.airDensity();
  v0_ = s.massKg / s.densityKgM3;
  g0_ = kGravity * (s.densityKgM3 - rhoA) / rhoA;
  l_ = std::cbrt(v0_);
  criterion_ = g0_ > 0 ? std::sqrt(g0_ * l_) / u : 0;
  alpha_ = g0_ > 0 ? 0.5 * std::log10(g0_ * l_ / (u * u)) : -INFINITY;
  temperatureRatio_ = s.temperatureK / a.temperatureK;
  r0_ = std::cbrt(3 * v0_ / (4 * std::numbers::pi));
  spread_ = g0_ > 0 ? 1.2 * std::sqrt(g0_ * v0_) : 0;
  for (int i = 0; i < kCurveCount; ++i) {
    beta_[i] = curveBeta(kCurves[i].ratio, alpha_);
    lnC_[i] = std::log(kCurves[i].ratio);
  }
  nomogram::keepRising(beta_, kCurveCount);
}

double BritterMcQuaidPuff::volumeFraction(double x) const {
  if (x <= 0) return 1;
  const double xv = x / l_;
  return nomogram::volumeFraction(beta_, lnC_, kCurveCount, std::log10(xv), nearField(xv), temperatureRatio_);
}

double BritterMcQuaidPuff::radius(double t) const { return std::sqrt(r0_ * r0_ + spread_ * std::max(t, 0.0)); }

// Inside when (x - a t)^2 + y^2 <= R0^2 + k t, a = 0.4 u, k = 1.2 (g0 V0)^(1/2):
// a^2 t^2 - (2 a x + k) t + (x^2 + y^2 - R0^2) <= 0.
bool BritterMcQuaidPuff::insideWindow(double x, double y, double& t1, double& t2) const {
  const double a = 0.4 * u_;
  const double qa = a * a, qb = -(2 * a * x + spread_), qc = x * x + y * y - r0_ * r0_;
  const double disc = qb * qb - 4 * qa * qc;
  if (disc < 0) return false;
  t1 = (-qb - std::sqrt(disc)) / (2 * qa);
  t2 = (-qb + std::sqrt(disc)) / (2 * qa);
  if (t2 <= 0) return false;
  t1 = std::max(t1, 0.0);
  return t2 > t1;
}

DenseGasPuff::DenseGasPuff(const DensePuffSource& source, const Ambient& ambient, double criterionThreshold, double n)
    : source_(source), ambient_(ambient), threshold_(criterionThreshold), n_(n),
      mgPerVolumeFraction_(gasDensity({ambient.pressurePa, ambient.temperatureK, source.molarMassKgMol, 1.4}) * 1e6) {}

bool DenseGasPuff::isDense(double windMS) const {
  const BritterMcQuaidPuff p(source_, ambient_, windMS);
  return p.heavierThanAir() && p.criterion() >= threshold_;
}

double DenseGasPuff::toxicLoad(double windMS, double x, double y) const {
  const BritterMcQuaidPuff p(source_, ambient_, windMS);
  double t1 = 0, t2 = 0;
  if (!p.insideWindow(x, y, t1, t2)) return 0;
  auto load = [&](double t) { return std::pow(p.volumeFraction(p.centre(t) + p.radius(t)) * mgPerVolumeFraction_, n_); };
  const double h = (t2 - t1) / kLoadSteps;
  double sum = load(t1) + load(t2);
  for (int i = 1; i < kLoadSteps; ++i) sum += (i % 2 ? 4 : 2) * load(t1 + i * h);
  return sum * h / 3 / 60;  // (mg/m3)^n s -> (mg/m3)^n min
}

double DenseGasPuff::equivalent(double windMS, double x, double y) const {
  return std::pow(toxicLoad(windMS, x, y) / kDoseReferenceMin, 1 / n_) / 1e6;  // mg/m3 -> kg/m3
}

double DenseGasPuff::concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const {
  if (!isDense(windMS)) return GaussianPuffModel(source_.massKg, source_.heightM, n_).concentration(windMS, sigmas, x, y, z);
  return x <= 0 ? 0 : equivalent(windMS, x, y);
}

// The windows of points farther off the axis nest inside the axis's (the
// cylinder's condition only tightens with y^2), so the load falls across
// the axis: bisect for where it reaches `atLeast`, within the radius the
// cloud has when it leaves the axis point.
double DenseGasPuff::halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const {
  if (!isDense(windMS))
    return GaussianPuffModel(source_.massKg, source_.heightM, n_).halfWidthAbove(windMS, sigmas, x, z, atLeast);
  if (x <= 0 || !(atLeast > 0) || equivalent(windMS, x, 0) < atLeast) return 0;
  const BritterMcQuaidPuff p(source_, ambient_, windMS);
  double t1 = 0, t2 = 0;
  p.insideWindow(x, 0, t1, t2);
  double lo = 0, hi = p.radius(t2);
  for (int i = 0; i < 40; ++i) {
    const double mid = (lo + hi) / 2;
    (equivalent(windMS, x, mid) >= atLeast ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace riskmap::qra
