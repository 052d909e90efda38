#include "IndividualRisk.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

namespace {
constexpr double kDeg = std::numbers::pi / 180;
}

ToxicRiskModel::ToxicRiskModel(const Probits& probits, std::vector<ToxicRelease> releases,
                               std::vector<WeatherDirection> weather, double receptorHeightM)
    : probits_(probits), releases_(std::move(releases)), weather_(std::move(weather)),
      receptorHeightM_(receptorHeightM) {
  for (const ToxicRelease& r : releases_)
    for (const WeatherDirection& w : weather_) {
      double spread = 0;
      reach_.push_back(lethalReach(r, w, spread));
      spread_.push_back(spread);
    }
}

double ToxicRiskModel::lethalHalfWidth(const ToxicRelease& r, const WeatherDirection& w, double x) const {
  const double minutes = std::min(r.durationMin, probits_.maxToxicExposureMin());
  const double cMin = r.probit->concentrationFor(probits_.cutoff(), minutes);
  const Sigmas s = w.sigmas(x);
  const PlumeRelease plume{r.rateKgS, r.heightM, w.windMS};
  const double cAxis = plumeConcentration(plume, s, 0, receptorHeightM_) * 1e6;
  return cAxis < cMin ? 0 : s.y * std::sqrt(2 * std::log(cAxis / cMin));
}

// Scanned outward in 1 % steps to 100 km: the axis concentration of an
// elevated release first rises then falls, so the last lethal step counts.
double ToxicRiskModel::lethalReach(const ToxicRelease& r, const WeatherDirection& w, double& spread) const {
  double last = 0;
  spread = 0;
  for (double x = 1; x <= 100e3; x *= 1.01)
    if (const double half = lethalHalfWidth(r, w, x); half > 0) {
      last = x;
      spread = std::max(spread, std::min(std::numbers::pi / 2, 2 * half / x));
    }
  return last * 1.01;
}

double ToxicRiskModel::lethality(const ToxicRelease& r, const WeatherDirection& w, double x, double y) const {
  if (x <= 0 || !r.probit) return 0;
  const PlumeRelease plume{r.rateKgS, r.heightM, w.windMS};
  const double c = plumeConcentration(plume, w.sigmas(x), y, receptorHeightM_) * 1e6;  // kg/m3 -> mg/m3
  const double minutes = std::min(r.durationMin, probits_.maxToxicExposureMin());
  const double p = probabilityFromProbit(r.probit->probit(c, minutes));
  return p < probits_.cutoff() ? 0 : p;
}

// The direction is spread evenly over the sector: the lethality averaged
// over the plume axes psi in the sector. Only axes within the plume's
// lethal half-width of the point contribute, so only they are sampled
// (Simpson's rule; the Purple Book's effective cloud width ECW/(2 pi R/N)
// is this integral when the lethal width lies inside the sector).
double ToxicRiskModel::sectorLethality(const ToxicRelease& r, const WeatherDirection& w, double dx, double dy) const {
  const double range = std::hypot(dx, dy);
  if (range <= 0) return 0;
  const double bearing = std::atan2(dx, dy);
  auto at = [&](double axis) {
    const double off = bearing - axis;
    return lethality(r, w, range * std::cos(off), range * std::sin(off));
  };
  if (w.sectorDeg <= 0) return at(w.towardDeg * kDeg);

  // The lethal half-width at this range: where the centre-line
  // concentration falls to the cut-off's (the concentration is highest on
  // the axis for a given range, so this bounds the lit axes).
  const double halfWidth = lethalHalfWidth(r, w, range);
  if (halfWidth <= 0) return 0;
  // The lit axes: where the point is within the lethal half-width (a little
  // wider, since the width grows with range); the integrand drops to 0 at
  // the cut-off, so sampling only there keeps Simpson accurate.
  const double reach = halfWidth >= range ? std::numbers::pi / 2 : std::min(std::numbers::pi / 2, 1.05 * std::asin(halfWidth / range));

  // Sector in radians around its centre, unwrapped next to the bearing.
  const double centre = w.towardDeg * kDeg;
  double rel = std::remainder(centre - bearing, 2 * std::numbers::pi);
  const double half = w.sectorDeg * kDeg / 2;
  const double lo = std::max(rel - half, -reach), hi = std::min(rel + half, reach);
  if (lo >= hi) return 0;
  constexpr int kSteps = 64;       // even; Simpson's rule
  const double h = (hi - lo) / kSteps;
  double sum = at(bearing + lo) + at(bearing + hi);
  for (int i = 1; i < kSteps; ++i) sum += (i % 2 ? 4 : 2) * at(bearing + lo + i * h);
  return sum * h / 3 / (w.sectorDeg * kDeg);
}

double ToxicRiskModel::individualRisk(double x, double y) const {
  double risk = 0;
  std::size_t i = 0;
  for (const ToxicRelease& r : releases_)
    for (const WeatherDirection& w : weather_) {
      const double reach = reach_[i++];
      const double dx = x - r.x, dy = y - r.y;
      if (dx * dx + dy * dy > reach * reach) continue;
      const double spread = spread_[i - 1];
      // Outside the sector by more than the plume's widest angle: nothing.
      if (w.sectorDeg > 0 &&
          std::abs(std::remainder(w.towardDeg * kDeg - std::atan2(dx, dy), 2 * std::numbers::pi)) >
              w.sectorDeg * kDeg / 2 + spread)
        continue;
      risk += r.frequencyPerYear * w.probability * sectorLethality(r, w, dx, dy);
    }
  return risk;
}

}  // namespace riskmap::qra
