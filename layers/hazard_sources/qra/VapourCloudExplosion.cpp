#include "VapourCloudExplosion.hpp"

#include "Probits.hpp"

#include <cmath>

namespace riskmap::qra {

double OverpressureProbit::probability(double p) const {
  return p > 0 ? probabilityFromProbit(a + b * std::log(p)) : 0;
}

double VapourCloudExplosion::tntMassKg() const { return yield * fuelMassKg * heatOfCombustionJKg / tntEnergyJKg; }

double VapourCloudExplosion::scaledDistance(double r) const { return r / std::cbrt(tntMassKg()); }

double VapourCloudExplosion::overpressureAt(double r) const {
  const double z = scaledDistance(r);
  auto sq = [](double v) { return v * v; };
  return ambientPa * 808 * (1 + sq(z / 4.5)) /
         std::sqrt((1 + sq(z / 0.048)) * (1 + sq(z / 0.32)) * (1 + sq(z / 1.35)));
}

}  // namespace riskmap::qra
