#pragma once
// A pool fire: the burning rate of a large pool (Burgess & Strasser /
// Zabetakis: m'' = m''inf (1 - exp(-k beta D)), Babrauskas 1983), the flame
// height (Thomas 1963: H/D = 42 (m'' / (rho_air sqrt(g D)))^0.61) and the
// heat flux at a receptor on the ground from a point source at half the
// flame's height radiating a fraction of the heat released
// (NUREG-1805 chapter 5 point-source model; CCPS CPQRA 2.2.6):
//   q = tau chi_r m'' A dHc / (4 pi L^2).
// No wind: the flame stands upright, so the flux depends on distance only.
namespace riskmap::qra {

struct PoolFire {
  double diameterM = 0;
  double burningRateKgM2S = 0;      // m''inf, the large-pool burning rate
  double kBetaPerM = 0;             // k beta; 0: the pool burns at m''inf
  double heatOfCombustionJKg = 0;
  double radiantFraction = 0.35;    // chi_r

  double areaM2() const;
  // m'' of this pool (kg/m2/s).
  double massBurningRate() const;
  // Heat released, W.
  double heatReleaseW() const;
  // Thomas's flame height, m (air at 1.2 kg/m3).
  double flameHeightM() const;
  // Heat flux (W/m2) at ground distance r (m) from the pool's centre,
  // transmissivity tau; inside the pool the flame itself.
  double fluxAt(double r, double tau) const;
  // The distance (m) from the point source to a receptor at ground distance r.
  double pathM(double r) const;
};

}  // namespace riskmap::qra
