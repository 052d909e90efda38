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
  return sideOnOverpressurePa(curve, scaledDistance(r), ambientPa);
}

double VapourCloudExplosion::distanceTo(double p) const {
  double lo = 0, hi = std::cbrt(tntMassKg());
  if (!(hi > 0) || overpressureAt(1e-9) < p) return 0;
  while (overpressureAt(hi) > p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-9 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (overpressureAt(mid) > p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace riskmap::qra
