#pragma once
// A jet fire, as a point source (API Std 521, 5th ed. 2007, 5.7.3.2, the
// flare-radiation formula, and CCPS CPQRA 2.2.6): a fraction F of the heat
// released by the burning release rate reaches a receptor at distance D
// from the flame's centre,
//   q = tau F m dHc / (4 pi D^2).
// The flame's direction is not modelled (riskmap places the point source at
// the release height above the release point): the flux depends on the
// distance only. A simplification: a jet pointing at the receptor gives
// more, one pointing away less.
namespace riskmap::qra {

struct JetFire {
  double rateKgS = 0;
  double heatOfCombustionJKg = 0;
  double radiantFraction = 0.2;     // F
  double heightM = 1;               // the point source's height

  double heatReleaseW() const { return rateKgS * heatOfCombustionJKg; }
  double pathM(double r) const;
  // Heat flux (W/m2) at ground distance r (m), transmissivity tau.
  double fluxAt(double r, double tau) const;
};

}  // namespace riskmap::qra
