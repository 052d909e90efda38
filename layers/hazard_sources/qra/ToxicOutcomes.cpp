#include "ToxicOutcomes.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

namespace {
constexpr double kDeg = std::numbers::pi / 180;
}

// One case of individualRisk()'s sum: the tabulated crosswind integral
// over the case's own sector when its class has a table, else the direct
// sector integral.
double ToxicRiskModel::caseLethality(std::size_t r, std::size_t w, double x, double y) const {
  const ToxicRelease& release = releases_[r];
  const WeatherDirection& wd = weather_[w];
  const double dx = x - release.x, dy = y - release.y;
  const double reach = caseReach(r, w);
  if (dx * dx + dy * dy >= reach * reach) return 0;
  const int cls = classOf_[w];
  if (cls < 0) return sectorLethality(release, wd, dx, dy);
  const CrosswindTable& t = tables_[r * classes_.size() + static_cast<std::size_t>(cls)];
  const double range = std::hypot(dx, dy);
  if (t.nodes == 0 || range <= 0 || range >= t.reach) return 0;
  const double pos = (std::log(range) - t.logR0) / t.dLogR;
  if (pos < 0) return sectorLethality(release, wd, dx, dy);  // within half a metre: directly
  const int node = std::min(static_cast<int>(pos), t.nodes - 2);
  const double frac = pos - node;
  const double a = std::max(t.angle[node], t.angle[node + 1]);
  if (a <= 0) return 0;
  const double half = wd.sectorDeg * kDeg / 2;
  const double rel = std::remainder(wd.towardDeg * kDeg - std::atan2(dx, dy), 2 * std::numbers::pi);
  const double lo = std::max(rel - half, -a), hi = std::min(rel + half, a);
  if (lo >= hi) return 0;
  return (t.integral(node, frac, hi) - t.integral(node, frac, lo)) / (2 * half);
}

Outcome ToxicOutcomes::outcome(std::size_t i) const {
  const std::size_t cases = model_.weatherCases().size();
  const std::size_t r = i / cases, w = i % cases;
  const ToxicRelease& release = model_.releases()[r];
  const WeatherDirection& wd = model_.weatherCases()[w];
  // The wedge: the sector's own half-width and the plume's widest lethal angle beyond it.
  Outcome o;
  o.frequencyPerYear = release.frequencyPerYear * wd.probability;
  o.x = release.x;
  o.y = release.y;
  o.reachM = model_.caseReach(r, w);
  o.towardDeg = wd.towardDeg;
  o.halfAngleDeg = wd.sectorDeg / 2 + model_.caseSpread(r, w) / kDeg;
  o.label = release.name + ", " + wd.label;
  return o;
}

double ToxicOutcomes::lethality(std::size_t i, double x, double y) const {
  const std::size_t cases = model_.weatherCases().size();
  return model_.caseLethality(i / cases, i % cases, x, y);
}

}  // namespace riskmap::qra
