#include "IndividualRisk.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numbers>
#include <thread>

namespace riskmap::qra {

namespace {
constexpr double kDeg = std::numbers::pi / 180;
}

ToxicRiskModel::ToxicRiskModel(const Probits& probits, std::vector<ToxicRelease> releases,
                               std::vector<WeatherDirection> weather, double receptorHeightM, unsigned threads)
    : probits_(probits), releases_(std::move(releases)), weather_(std::move(weather)),
      receptorHeightM_(receptorHeightM) {
  for (ToxicRelease& r : releases_)
    if (!r.dispersion) r.dispersion = std::make_shared<GaussianPlumeModel>(r.rateKgS, r.heightM);
  std::map<int, std::size_t> classIndex;
  classOf_.assign(weather_.size(), -1);
  for (std::size_t i = 0; i < weather_.size(); ++i) {
    const WeatherDirection& w = weather_[i];
    if (w.dispersionClass < 0 || w.sectorDeg <= 0) {
      unclassed_.push_back(i);
      continue;
    }
    const auto [at, fresh] = classIndex.emplace(w.dispersionClass, classes_.size());
    if (fresh) classes_.emplace_back();
    classes_[at->second].cases.push_back(i);
    classOf_[i] = static_cast<int>(at->second);
  }
  reach_.assign(releases_.size() * weather_.size(), 0);
  spread_.assign(reach_.size(), 0);
  for (std::size_t r = 0; r < releases_.size(); ++r)
    for (std::size_t w : unclassed_)
      reach_[r * weather_.size() + w] = lethalReach(releases_[r], weather_[w], spread_[r * weather_.size() + w]);
  tabulate(threads ? threads : std::max(1u, std::thread::hardware_concurrency()));
  releaseReach_.assign(releases_.size(), 0);
  for (std::size_t r = 0; r < releases_.size(); ++r)
    for (std::size_t w = 0; w < weather_.size(); ++w)
      releaseReach_[r] = std::max(releaseReach_[r], reach_[r * weather_.size() + w]);
}

double CrosswindTable::integral(int node, double t, double psi) const {
  auto at = [&](int n) -> double {
    const double a = angle[n];
    if (a <= 0) return 0;
    const double u = std::min(std::abs(psi) / a, 1.0) * kSteps;
    const int k = std::min(static_cast<int>(u), kSteps - 1);
    const float* c = cumulative.data() + static_cast<std::size_t>(n) * (kSteps + 1);
    return c[k] + (u - k) * (c[k + 1] - c[k]);
  };
  const double v = (1 - t) * at(node) + t * at(node + 1);
  return psi < 0 ? -v : v;
}

// One table per release and dispersion class, the work shared out to
// `threads` workers. Each node integrates the lethality over the angle by
// Simpson's rule on kSteps intervals (the direct integral uses 64 steps
// over the lit part of a sector: the same resolution).
void ToxicRiskModel::tabulate(unsigned threads) {
  constexpr int kNodes = 256;       // log-spaced ranges: 3 % apart for a 2 km reach
  constexpr double kFirstRangeM = 0.5;
  constexpr int K = CrosswindTable::kSteps;
  tables_.assign(releases_.size() * classes_.size(), {});
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t job; (job = next++) < tables_.size();) {
      const std::size_t r = job / classes_.size(), c = job % classes_.size();
      const ToxicRelease& release = releases_[r];
      const WeatherDirection& w = weather_[classes_[c].cases.front()];
      CrosswindTable& t = tables_[job];
      double spread = 0;
      t.reach = lethalReach(release, w, spread);
      for (std::size_t i : classes_[c].cases) {
        reach_[r * weather_.size() + i] = t.reach;
        spread_[r * weather_.size() + i] = spread;
      }
      if (t.reach <= kFirstRangeM) {
        t.reach = 0;
        continue;
      }
      t.nodes = kNodes;
      t.logR0 = std::log(kFirstRangeM);
      t.dLogR = (std::log(t.reach) - t.logR0) / (kNodes - 1);
      t.angle.assign(kNodes, 0);
      t.cumulative.assign(static_cast<std::size_t>(kNodes) * (K + 1), 0);
      for (int n = 0; n < kNodes; ++n) {
        const double range = std::exp(t.logR0 + n * t.dLogR);
        const double half = lethalHalfWidth(release, w, range);
        if (half <= 0) continue;
        const double a = half >= range ? std::numbers::pi / 2 : std::min(std::numbers::pi / 2, 1.05 * std::asin(half / range));
        t.angle[n] = static_cast<float>(a);
        auto p = [&](double psi) { return lethality(release, w, range * std::cos(psi), range * std::sin(psi)); };
        float* cum = t.cumulative.data() + static_cast<std::size_t>(n) * (K + 1);
        const double h = a / K;
        double sum = 0, left = p(0);
        for (int k = 0; k < K; ++k) {
          const double right = p((k + 1) * h);
          sum += h / 6 * (left + 4 * p((k + 0.5) * h) + right);
          cum[k + 1] = static_cast<float>(sum);
          left = right;
        }
      }
    }
  };
  std::vector<std::jthread> workers;
  for (unsigned i = 1; i < std::min<std::size_t>(threads, tables_.size()); ++i) workers.emplace_back(work);
  work();
}

double ToxicRiskModel::maxReach() const {
  return reach_.empty() ? 0 : *std::max_element(reach_.begin(), reach_.end());
}

// Sum over the class's wind directions of P(direction) x the lethality
// averaged over its sector: (H(hi) - H(lo)) / sector, where [lo, hi] is the
// part of the sector (as angles from the point's bearing) within the
// plume's lethal angle.
double ToxicRiskModel::tabulatedRisk(std::size_t release, std::size_t cls, double range, double bearing) const {
  const CrosswindTable& t = tables_[release * classes_.size() + cls];
  if (t.nodes == 0 || range >= t.reach) return 0;
  const double pos = (std::log(range) - t.logR0) / t.dLogR;
  if (pos < 0) {  // within half a metre of the release: integrate directly
    double sum = 0;
    for (std::size_t i : classes_[cls].cases)
      sum += weather_[i].probability *
             sectorLethality(releases_[release], weather_[i], range * std::sin(bearing), range * std::cos(bearing));
    return sum;
  }
  const int node = std::min(static_cast<int>(pos), t.nodes - 2);
  const double frac = pos - node;
  const double a = std::max(t.angle[node], t.angle[node + 1]);
  if (a <= 0) return 0;
  double sum = 0;
  for (std::size_t i : classes_[cls].cases) {
    const WeatherDirection& w = weather_[i];
    const double half = w.sectorDeg * kDeg / 2;
    const double rel = std::remainder(w.towardDeg * kDeg - bearing, 2 * std::numbers::pi);
    if (std::abs(rel) >= half + a) continue;
    const double lo = std::max(rel - half, -a), hi = std::min(rel + half, a);
    if (lo >= hi) continue;
    sum += w.probability * (t.integral(node, frac, hi) - t.integral(node, frac, lo)) / (2 * half);
  }
  return sum;
}

double ToxicRiskModel::lethalHalfWidth(const ToxicRelease& r, const WeatherDirection& w, double x) const {
  const double minutes = std::min(r.durationMin, probits_.maxToxicExposureMin());
  const double cMin = r.probit->concentrationFor(probits_.cutoff(), minutes);
  return r.dispersion->halfWidthAbove(w.windMS, w.sigmas, x, receptorHeightM_, cMin / 1e6);  // mg/m3 -> kg/m3
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
  const double c = r.dispersion->concentration(w.windMS, w.sigmas, x, y, receptorHeightM_) * 1e6;  // kg/m3 -> mg/m3
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

  // The lethal half-width at this range: where the concentration across
  // the axis falls to the cut-off's (it is highest on the axis for a given
  // range, in the Gaussian and the top-hat plume alike, so this bounds the
  // lit axes).
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
  for (std::size_t ri = 0; ri < releases_.size(); ++ri) {
    const ToxicRelease& r = releases_[ri];
    const double dx = x - r.x, dy = y - r.y;
    if (dx * dx + dy * dy >= releaseReach_[ri] * releaseReach_[ri]) continue;
    if (!classes_.empty()) {
      const double range = std::hypot(dx, dy);
      if (range > 0) {
        const double bearing = std::atan2(dx, dy);
        for (std::size_t c = 0; c < classes_.size(); ++c)
          risk += r.frequencyPerYear * tabulatedRisk(ri, c, range, bearing);
      }
    }
    for (std::size_t wi : unclassed_) {
      const WeatherDirection& w = weather_[wi];
      const double reach = reach_[ri * weather_.size() + wi];
      if (dx * dx + dy * dy > reach * reach) continue;
      const double spread = spread_[ri * weather_.size() + wi];
      // Outside the sector by more than the plume's widest angle: nothing.
      if (w.sectorDeg > 0 &&
          std::abs(std::remainder(w.towardDeg * kDeg - std::atan2(dx, dy), 2 * std::numbers::pi)) >
              w.sectorDeg * kDeg / 2 + spread)
        continue;
      risk += r.frequencyPerYear * w.probability * sectorLethality(r, w, dx, dy);
    }
  }
  return risk;
}

}  // namespace riskmap::qra
