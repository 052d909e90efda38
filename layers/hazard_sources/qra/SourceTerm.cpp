#include "SourceTerm.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::qra {

double gasDensity(const GasState& g) {
  return g.pressurePa * g.molarMassKgMol / (kGasConstant * g.temperatureK);
}

double gasOutflow(const GasState& s, double area, double cd, double ambientPa) {
  if (s.pressurePa <= ambientPa || area <= 0) return 0;
  const double k = s.gamma;
  const double ratio = ambientPa / s.pressurePa;
  const double critical = std::pow(2 / (k + 1), k / (k - 1));
  // Yellow Book 2.22: q = Cd A psi sqrt(rho0 p0 gamma (2/(gamma+1))^((gamma+1)/(gamma-1))),
  // psi = 1 when choked; subsonic (2.25-2.26):
  // psi^2 = 2/(gamma-1) ((gamma+1)/2)^((gamma+1)/(gamma-1)) r^(2/gamma) (1 - r^((gamma-1)/gamma)).
  double psi = 1;
  if (ratio > critical)
    psi = std::sqrt(2 / (k - 1) * std::pow((k + 1) / 2, (k + 1) / (k - 1)) * std::pow(ratio, 2 / k) *
                    (1 - std::pow(ratio, (k - 1) / k)));
  return cd * area * psi *
         std::sqrt(gasDensity(s) * s.pressurePa * k * std::pow(2 / (k + 1), (k + 1) / (k - 1)));
}

double liquidOutflow(double rho, double gaugePa, double area, double cd) {
  if (gaugePa <= 0 || area <= 0 || rho <= 0) return 0;
  return cd * area * std::sqrt(2 * rho * gaugePa);
}

double flashFraction(const LiquefiedGas& g, double temperatureK) {
  if (!(g.heatOfVaporisationJKg > 0) || temperatureK <= g.boilingPointK) return 0;
  return std::min(1.0, g.liquidHeatCapacityJKgK * (temperatureK - g.boilingPointK) / g.heatOfVaporisationJKg);
}

}  // namespace riskmap::qra
