#include "SocietalRisk.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <thread>

namespace riskmap::qra {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// The box around an outcome's lethal wedge: its apex, its arc's two ends
// and the compass points the arc passes.
void wedgeBox(const Outcome& o, double& minX, double& minY, double& maxX, double& maxY) {
  if (o.halfAngleDeg >= 180) {
    minX = o.x - o.reachM, maxX = o.x + o.reachM, minY = o.y - o.reachM, maxY = o.y + o.reachM;
    return;
  }
  constexpr double kDeg = std::numbers::pi / 180;
  minX = maxX = o.x, minY = maxY = o.y;
  auto add = [&](double bearingDeg) {
    const double px = o.x + o.reachM * std::sin(bearingDeg * kDeg), py = o.y + o.reachM * std::cos(bearingDeg * kDeg);
    minX = std::min(minX, px), maxX = std::max(maxX, px), minY = std::min(minY, py), maxY = std::max(maxY, py);
  };
  const double from = o.towardDeg - o.halfAngleDeg, to = o.towardDeg + o.halfAngleDeg;
  add(from);
  add(to);
  for (double compass = std::ceil(from / 90) * 90; compass < to; compass += 90) add(compass);
}

}  // namespace

std::vector<OutcomeDeaths> expectedDeaths(const std::vector<const OutcomeModel*>& models,
                                          const std::vector<PeoplePoint>& cells, unsigned threads) {
  using Point = bg::model::d2::point_xy<double>;
  using Box = bg::model::box<Point>;
  using Entry = std::pair<Point, std::size_t>;
  std::vector<Entry> entries;
  entries.reserve(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (cells[i].people > 0) entries.emplace_back(Point(cells[i].x, cells[i].y), i);
  const bgi::rtree<Entry, bgi::rstar<16>> index(entries.begin(), entries.end());  // packed

  std::vector<std::pair<const OutcomeModel*, std::size_t>> jobs;
  for (const OutcomeModel* m : models)
    for (std::size_t i = 0; i < m->outcomeCount(); ++i) jobs.emplace_back(m, i);
  std::vector<OutcomeDeaths> out(jobs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    std::vector<Entry> hits;
    for (std::size_t j; (j = next++) < jobs.size();) {
      const auto [model, i] = jobs[j];
      const Outcome o = model->outcome(i);
      double deaths = 0;
      if (o.reachM > 0 && o.frequencyPerYear > 0) {
        hits.clear();
        double minX, minY, maxX, maxY;
        wedgeBox(o, minX, minY, maxX, maxY);
        index.query(bgi::intersects(Box(Point(minX, minY), Point(maxX, maxY))), std::back_inserter(hits));
        for (const auto& [p, c] : hits) deaths += cells[c].people * model->lethality(i, cells[c].x, cells[c].y);
      }
      out[j] = {o.frequencyPerYear, deaths, i};
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, jobs.size()); ++t) workers.emplace_back(work);
    work();
  }
  return out;
}

std::vector<FnPoint> fnCurve(std::vector<OutcomeDeaths> outcomes, double minDeaths) {
  std::erase_if(outcomes, [&](const OutcomeDeaths& o) { return o.deaths < minDeaths || o.frequencyPerYear <= 0; });
  std::sort(outcomes.begin(), outcomes.end(), [](const auto& a, const auto& b) { return a.deaths > b.deaths; });
  std::vector<FnPoint> curve;
  double cumulative = 0;
  for (const OutcomeDeaths& o : outcomes) {
    cumulative += o.frequencyPerYear;
    if (!curve.empty() && curve.back().deaths - o.deaths <= 1e-9 * curve.back().deaths)
      curve.back().frequencyPerYear = cumulative;
    else
      curve.push_back({o.deaths, cumulative});
  }
  return curve;
}

double frequencyAtLeast(const std::vector<FnPoint>& curve, double deaths) {
  // The steps run N descending: F(N) is the cumulative frequency of the
  // last step whose N is still >= the asked N.
  double f = 0;
  for (const FnPoint& p : curve) {
    if (p.deaths < deaths) break;
    f = p.frequencyPerYear;
  }
  return f;
}

}  // namespace riskmap::qra
