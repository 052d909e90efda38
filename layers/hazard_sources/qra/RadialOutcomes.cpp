#include "RadialOutcomes.hpp"

#include <cmath>

namespace riskmap::qra {

Outcome RadialOutcomes::outcome(std::size_t i) const {
  const RadialScenario& s = scenarios_[i];
  Outcome o;
  o.frequencyPerYear = s.frequencyPerYear;
  o.x = s.x;
  o.y = s.y;
  o.reachM = s.reachM();
  o.halfAngleDeg = 180;  // no wind direction: any bearing
  o.label = s.name;
  return o;
}

double RadialOutcomes::lethality(std::size_t i, double x, double y) const {
  const RadialScenario& s = scenarios_[i];
  return s.lethalityAt(std::hypot(x - s.x, y - s.y));
}

}  // namespace riskmap::qra
