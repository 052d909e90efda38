#pragma once
// A vapour cloud explosion by TNT equivalence (CCPS CPQRA 2.2.3; Crowl &
// Louvar, Chemical Process Safety, ch. 6): the cloud's fuel mass m burns
// with yield eta into an equivalent charge of TNT,
//   W = eta m dHc / E_TNT,
// and the side-on peak overpressure at distance r follows the scaled
// distance z = r / W^(1/3) on a TNT blast curve (BlastCurves.hpp: the
// Kingery-Bulmash hemispherical surface burst by default, Kinney & Graham's
// free-air fit selectable; qra.toml [flammable.explosion] blast_curve).
// Lethality from the peak overpressure by a probit Pr = a + b ln(p [Pa])
// (Eisenberg et al. 1975, death from lung haemorrhage: a = -77.1,
// b = 6.91), the constants data (qra.toml [flammable.overpressure]).
#include "BlastCurves.hpp"

namespace riskmap::qra {

struct OverpressureProbit {
  double a = -77.1, b = 6.91;
  double probability(double overpressurePa) const;
};

struct VapourCloudExplosion {
  double fuelMassKg = 0;
  double heatOfCombustionJKg = 0;
  double yield = 0.03;                   // eta
  double tntEnergyJKg = 4.686e6;         // E_TNT
  double ambientPa = 101325;
  BlastCurve curve = BlastCurve::KingeryBulmashSurface;

  double tntMassKg() const;
  double scaledDistance(double r) const;
  // Side-on peak overpressure (Pa above ambient) at r (m).
  double overpressureAt(double r) const;
  // The distance (m) at which the overpressure falls to p (Pa), by
  // bisection on the monotonic curve; 0 when p is above the curve's top.
  double distanceTo(double overpressurePa) const;
};

}  // namespace riskmap::qra
