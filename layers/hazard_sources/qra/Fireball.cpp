#include "Fireball.hpp"

#include <cmath>

namespace riskmap::qra {

double Fireball::diameterM() const { return c.diameterCoefficient * std::pow(massKg, c.diameterExponent); }

double Fireball::durationS() const {
  return massKg < c.durationBreakKg ? c.durationCoefficientSmall * std::pow(massKg, c.durationExponentSmall)
                                    : c.durationCoefficientLarge * std::pow(massKg, c.durationExponentLarge);
}

double Fireball::viewFactor(double x) const {
  const double r = diameterM() / 2;
  if (x <= r) return 1;
  return r * r * x / std::pow(x * x + r * r, 1.5);
}

double Fireball::fluxAt(double r, double tau) const {
  if (r <= diameterM() / 2) return c.surfaceEmissivePowerWm2;
  return tau * c.surfaceEmissivePowerWm2 * viewFactor(r);
}

}  // namespace riskmap::qra
