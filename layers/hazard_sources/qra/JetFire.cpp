#include "JetFire.hpp"

#include <cmath>
#include <numbers>

namespace riskmap::qra {

double JetFire::pathM(double r) const { return std::hypot(r, heightM); }

double JetFire::fluxAt(double r, double tau) const {
  const double d = pathM(r);
  if (d <= 0) return INFINITY;
  return tau * radiantFraction * heatReleaseW() / (4 * std::numbers::pi * d * d);
}

}  // namespace riskmap::qra
