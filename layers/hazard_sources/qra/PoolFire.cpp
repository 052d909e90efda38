#include "PoolFire.hpp"

#include <cmath>
#include <numbers>

namespace riskmap::qra {

namespace {
constexpr double kAirDensity = 1.2;   // kg/m3 near 20 C (Thomas's correlation uses ambient air)
constexpr double kGravity = 9.81;
}  // namespace

double PoolFire::areaM2() const { return std::numbers::pi / 4 * diameterM * diameterM; }

double PoolFire::massBurningRate() const {
  return kBetaPerM > 0 ? burningRateKgM2S * (1 - std::exp(-kBetaPerM * diameterM)) : burningRateKgM2S;
}

double PoolFire::heatReleaseW() const { return massBurningRate() * areaM2() * heatOfCombustionJKg; }

double PoolFire::flameHeightM() const {
  return 42 * diameterM * std::pow(massBurningRate() / (kAirDensity * std::sqrt(kGravity * diameterM)), 0.61);
}

double PoolFire::pathM(double r) const { return std::hypot(r, flameHeightM() / 2); }

double PoolFire::fluxAt(double r, double tau) const {
  if (r <= diameterM / 2) return INFINITY;  // inside the flame
  const double l = pathM(r);
  return tau * radiantFraction * heatReleaseW() / (4 * std::numbers::pi * l * l);
}

}  // namespace riskmap::qra
