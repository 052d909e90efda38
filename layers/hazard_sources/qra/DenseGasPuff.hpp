#pragma once
// An instantaneous ground-level release of a gas denser than air (a
// chlorine, ammonia or LPG vessel's catastrophic rupture): the
// Britter-McQuaid workbook's instantaneous-release correlations (Britter &
// McQuaid 1988, HSE Contract Research Report 17/1988; in the form of
// CCPS 1999 "Guidelines for Consequence Analysis of Chemical Releases"
// 2.1.3), the counterpart of the continuous plume in DenseGas.hpp:
//  - criterion: the release is dense where (g0 V0^(1/3))^(1/2) / u >= 0.2
//    (qra.toml dense_gas.instantaneous_criterion) and it is heavier than air;
//    otherwise it is a neutral puff (GaussianPuff.hpp);
//  - the nomogram: the cloud-average Cm/C0 falls to 0.10 ... 0.001 at
//    log10(x/V0^(1/3)) given by piecewise-linear fits in
//    alpha = 0.5 log10(g0 V0^(1/3) / u^2), interpolated in log C between them,
//    3.24 / (3.24 + (x/V0^(1/3))^2) before the first (never below 0.10),
//    and (x/V0^(1/3))^-2 past the last;
//  - the cloud: a cylinder of uniform concentration, its centre at 0.4 u t,
//    its radius R^2 = R0^2 + 1.2 (g0 V0)^(1/2) t with R0 = (3 V0 / 4 pi)^(1/3),
//    its concentration the nomogram's at its leading edge x = 0.4 u t + R;
//  - the toxic load at (x, y) is integral of C(t)^n dt over the time the
//    point is inside the cylinder (the roots of a quadratic in t), by
//    Simpson's rule on kLoadSteps intervals.
// The nomogram's fits and the cloud's kinematics are those of CCPS (1999)
// as read in GasDispersion.jl (src/utils/britter_mcquaid_correls.jl,
// src/models/britter_mcquaid_puff.jl, both citing the workbook and CCPS);
// the CCPS table itself has not been read for riskmap.
#include "DenseGas.hpp"

namespace riskmap::qra {

struct DensePuffSource {
  double massKg = 0;              // the cloud's mass of released gas (vapour and the aerosol it carries)
  double densityKgM3 = 0;         // density of the released gas at release temperature and ambient pressure
  double temperatureK = 293.15;   // release temperature (the boiling point for a flashed liquefied gas)
  double molarMassKgMol = 0;
  double heightM = 0;             // for the neutral puff when the gas is not dense
};

// The Britter-McQuaid puff of one release in one wind (at 10 m).
class BritterMcQuaidPuff {
 public:
  BritterMcQuaidPuff(const DensePuffSource& source, const Ambient& ambient, double windMS);

  double initialVolume() const { return v0_; }            // V0, m3
  double reducedGravity() const { return g0_; }           // g0, m/s2
  bool heavierThanAir() const { return g0_ > 0; }
  // (g0 V0^(1/3))^(1/2) / u: dense where at least 0.2.
  double criterion() const { return criterion_; }
  double alpha() const { return alpha_; }
  // log10(x / V0^(1/3)) where the nomogram's curve for Cm/C0 = `ratio`
  // (one of 0.10, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001) lies at this alpha.
  static double curveBeta(double ratio, double alpha);

  // The cloud-average volume fraction when the cloud's leading edge is at
  // x m downwind: the nomogram's Cm/C0, corrected for a cold release as the
  // continuous plume is (c = c'/(c' + (1 - c') T_release/T_ambient)).
  double volumeFraction(double x) const;
  // Where the cloud is t s after the release: centre and radius (m).
  double centre(double t) const { return 0.4 * u_ * t; }
  double radius(double t) const;
  // The time window [t1, t2] (s) the point (x, y) is inside the cloud;
  // false when it never is.
  bool insideWindow(double x, double y, double& t1, double& t2) const;

 private:
  double v0_ = 0, g0_ = 0, u_ = 1, l_ = 1, alpha_ = 0, criterion_ = 0, temperatureRatio_ = 1, r0_ = 0, spread_ = 0;
  static constexpr int kCurveCount = 7;
  double beta_[kCurveCount] = {}, lnC_[kCurveCount] = {};
};

// The dense puff where the criterion holds in the wind, the Gaussian puff
// of the same mass otherwise. concentration() is the equivalent
// concentration (D / kDoseReferenceMin)^(1/n) of GaussianPuff.hpp; inside
// the cloud it is the same at every receptor height.
class DenseGasPuff : public ConcentrationModel {
 public:
  static constexpr int kLoadSteps = 64;   // Simpson intervals over the passage
  DenseGasPuff(const DensePuffSource& source, const Ambient& ambient, double criterionThreshold, double n);
  bool isDense(double windMS) const;
  // The toxic load integral of C^n dt ((mg/m3)^n min) at (x, y) of the dense cloud.
  double toxicLoad(double windMS, double x, double y) const;
  double concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const override;
  double halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const override;

 private:
  double equivalent(double windMS, double x, double y) const;
  DensePuffSource source_;
  Ambient ambient_;
  double threshold_, n_, mgPerVolumeFraction_;
};

}  // namespace riskmap::qra
