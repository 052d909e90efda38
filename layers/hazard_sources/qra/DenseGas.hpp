#pragma once
// A continuous ground-level release of a gas denser than air: the
// Britter-McQuaid workbook correlations (Britter & McQuaid 1988, HSE
// Contract Research Report 17/1988) in the form of CCPS (1999)
// "Guidelines for Consequence Analysis of Chemical Releases" 2.1.3:
// the centre-line concentration against distance from the nomogram's
// fitted curves, a top-hat (uniform) cross-section, and Britter-McQuaid's
// criterion for whether the gas's density matters at all. Where it does
// not (a small release in a strong wind), the release is a neutral gas and
// the Gaussian plume applies: DenseGasPlume makes that choice per wind.
#include "ConcentrationModel.hpp"


namespace riskmap::qra {

// What leaves the equipment, as the dispersion sees it.
struct DenseSource {
  double rateKgS = 0;             // mass flow into the air (vapour and the aerosol it carries)
  double densityKgM3 = 0;         // density of the released gas at release temperature and ambient pressure
  double temperatureK = 293.15;   // release temperature (the boiling point for a flashed liquefied gas)
  double molarMassKgMol = 0;
  double heightM = 0;             // for the neutral plume when the gas is not dense
};

struct Ambient {
  double temperatureK = 293.15;
  double pressurePa = 101325;
  double airMolarMassKgMol = 0.02896;
  double airDensity() const;
};

// The Britter-McQuaid plume of one release in one wind.
class BritterMcQuaidPlume {
 public:
  // windMS: at 10 m.
  BritterMcQuaidPlume(const DenseSource& source, const Ambient& ambient, double windMS);

  // Britter-McQuaid's criterion for a continuous release,
  // (g0 q0 / (u^3 D))^(1/3) with D = (q0/u)^(1/2): the release is dense
  // where it reaches 0.15 (qra.toml dense_gas.criterion, Britter &
  // McQuaid 1988), and the gas is heavier than air.
  double criterion() const { return criterion_; }
  bool heavierThanAir() const { return g0_ > 0; }
  // The correlation parameter alpha = 0.2 log10(g0^2 q0 / u^5).
  double alpha() const { return alpha_; }
  double lengthScaleD() const { return d_; }    // (q0/u)^(1/2), m

  // Centre-line volume fraction at x m downwind (x > 0): the curves'
  // Cm/C0 at x/D interpolated in log C between them, corrected for the
  // cloud's temperature (c = c'/(c' + (1 - c') T_release/T_ambient)).
  double axisVolumeFraction(double x) const;
  // The top-hat's half-width across the wind at x (m):
  // Lh = D + 8 lb + 2.5 lb^(1/3) x^(2/3), lb = g0 q0 / u^3.
  double halfWidth(double x) const;

 private:
  double q0_ = 0, g0_ = 0, d_ = 0, lb_ = 0, alpha_ = 0, criterion_ = 0, temperatureRatio_ = 1;
  // log10(x/D) at each curve, and the curve's ln(Cm/C0); ascending in x.
  static constexpr int kPoints = 7;   // the near-field point and the six curves
  double beta_[kPoints] = {}, lnC_[kPoints] = {};
  int curves_ = 0;
};

// The dense-gas plume where Britter-McQuaid's criterion holds in the
// wind, the Gaussian plume of the same release otherwise. The dense
// cloud hugs the ground: inside the top-hat the concentration is taken
// the same at every receptor height.
class DenseGasPlume : public ConcentrationModel {
 public:
  DenseGasPlume(const DenseSource& source, const Ambient& ambient, double criterionThreshold);
  bool isDense(double windMS) const;
  double concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const override;
  double halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const override;

 private:
  // kg/m3 per unit volume fraction of the released gas at ambient temperature.
  double massPerVolumeFraction() const;
  DenseSource source_;
  Ambient ambient_;
  double threshold_;
  GaussianPlumeModel neutral_;
};

}  // namespace riskmap::qra
