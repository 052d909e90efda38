#include "DenseGas.hpp"

#include "BritterMcQuaidFits.hpp"
#include "SourceTerm.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::qra {

namespace {

using nomogram::kGravity;
using nomogram::Piece;

// The continuous-release curves of the Britter-McQuaid nomogram: log10(x/D)
// at which the centre-line Cm/C0 falls to 0.10, 0.05, 0.02, 0.01, 0.005
// and 0.002, each a piecewise-linear fit in alpha: the fits of CCPS (1999)
// 2.1.3 as read in GasDispersion.jl (src/utils/britter_mcquaid_correls.jl,
// which cites CCPS 1999; the CCPS table itself has not been read for
// riskmap). Beyond alpha = 1 the last piece is extended, as there.
struct Curve {
  double ratio;
  Piece pieces[4];
  int count;
};
constexpr Curve kCurves[] = {
    {0.10, {{-0.55, 0, 1.75}, {-0.14, 0.24, 1.88}, {INFINITY, -0.50, 1.78}}, 3},
    {0.05, {{-0.68, 0, 1.92}, {-0.29, 0.36, 2.16}, {-0.18, 0, 2.06}, {INFINITY, -0.56, 1.96}}, 4},
    {0.02, {{-0.69, 0, 2.08}, {-0.31, 0.45, 2.39}, {-0.16, 0, 2.25}, {INFINITY, -0.54, 2.16}}, 4},
    {0.01, {{-0.70, 0, 2.25}, {-0.29, 0.49, 2.59}, {-0.20, 0, 2.45}, {INFINITY, -0.52, 2.35}}, 4},
    {0.005, {{-0.67, 0, 2.40}, {-0.28, 0.59, 2.80}, {-0.15, 0, 2.63}, {INFINITY, -0.48, 2.56}}, 4},
    {0.002, {{-0.69, 0, 2.60}, {-0.25, 0.39, 2.87}, {-0.13, 0, 2.77}, {INFINITY, -0.50, 2.71}}, 4},
};

double curveBeta(const Curve& c, double alpha) { return nomogram::beta(c.pieces, c.count, alpha); }

// Close to the source, x/D <= 30: Cm/C0 = 306 / (306 + (x/D)^2) (the
// near-field form GasDispersion.jl applies before the first curve).
constexpr double kNearFieldEnd = 30;
double nearField(double xd) { return 306 / (306 + xd * xd); }

}  // namespace

double Ambient::airDensity() const { return gasDensity({pressurePa, temperatureK, airMolarMassKgMol, 1.4}); }

BritterMcQuaidPlume::BritterMcQuaidPlume(const DenseSource& s, const Ambient& a, double u) {
  const double rhoA = a.airDensity();
  q0_ = s.rateKgS / s.densityKgM3;                        // m3/s of gas as released
  g0_ = kGravity * (s.densityKgM3 - rhoA) / rhoA;         // reduced gravity at the source
  d_ = std::sqrt(q0_ / u);
  lb_ = g0_ * q0_ / (u * u * u);
  criterion_ = g0_ > 0 ? std::cbrt(lb_ / d_) : 0;
  alpha_ = g0_ > 0 ? 0.2 * std::log10(g0_ * g0_ * q0_ / std::pow(u, 5)) : -INFINITY;
  temperatureRatio_ = s.temperatureK / a.temperatureK;
  double first = INFINITY;
  for (const Curve& c : kCurves) first = std::min(first, curveBeta(c, alpha_));
  // The near-field point joins the curves where it ends before the first
  // of them (alpha below about 0.6); otherwise the curves start at once.
  if (kNearFieldEnd < std::pow(10, first)) {
    beta_[curves_] = std::log10(kNearFieldEnd);
    lnC_[curves_++] = std::log(nearField(kNearFieldEnd));
  }
  for (const Curve& c : kCurves) {
    beta_[curves_] = curveBeta(c, alpha_);
    lnC_[curves_++] = std::log(c.ratio);
  }
  nomogram::keepRising(beta_, curves_);
}

double BritterMcQuaidPlume::axisVolumeFraction(double x) const {
  if (x <= 0) return 1;
  const double xd = x / d_;
  return nomogram::volumeFraction(beta_, lnC_, curves_, std::log10(xd), nearField(xd), temperatureRatio_);
}

double BritterMcQuaidPlume::halfWidth(double x) const {
  return d_ + 8 * lb_ + 2.5 * std::cbrt(lb_ * std::max(x, 0.0) * std::max(x, 0.0));
}

DenseGasPlume::DenseGasPlume(const DenseSource& source, const Ambient& ambient, double criterionThreshold)
    : source_(source), ambient_(ambient), threshold_(criterionThreshold), neutral_(source.rateKgS, source.heightM) {}

bool DenseGasPlume::isDense(double windMS) const {
  const BritterMcQuaidPlume p(source_, ambient_, windMS);
  return p.heavierThanAir() && p.criterion() >= threshold_;
}

double DenseGasPlume::massPerVolumeFraction() const {
  return gasDensity({ambient_.pressurePa, ambient_.temperatureK, source_.molarMassKgMol, 1.4});
}

double DenseGasPlume::concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const {
  const BritterMcQuaidPlume p(source_, ambient_, windMS);
  if (!p.heavierThanAir() || p.criterion() < threshold_) return neutral_.concentration(windMS, sigmas, x, y, z);
  if (x <= 0 || std::abs(y) > p.halfWidth(x)) return 0;
  return p.axisVolumeFraction(x) * massPerVolumeFraction();
}

double DenseGasPlume::halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const {
  const BritterMcQuaidPlume p(source_, ambient_, windMS);
  if (!p.heavierThanAir() || p.criterion() < threshold_) return neutral_.halfWidthAbove(windMS, sigmas, x, z, atLeast);
  if (x <= 0 || p.axisVolumeFraction(x) * massPerVolumeFraction() < atLeast) return 0;
  return p.halfWidth(x);
}

}  // namespace riskmap::qra
