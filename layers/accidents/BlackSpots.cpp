#include "BlackSpots.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <numeric>

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

std::vector<Stretch> blackSegments(const std::vector<SnappedAccident>& accidents, double length,
                                   const BlackSegmentRules& r) {
  std::vector<std::size_t> order(accidents.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return accidents[a].chainage < accidents[b].chainage; });
  std::vector<Stretch> out;
  std::size_t lo = 0, hi = 0;
  long long deaths = 0, injuryAccidents = 0;
  for (double start = 0; start < std::max(length, 1e-9); start += r.step) {
    const double end = start + r.window;
    while (hi < order.size() && accidents[order[hi]].chainage <= end) {
      deaths += accidents[order[hi]].deaths;
      injuryAccidents += accidents[order[hi]].injuries > 0;
      ++hi;
    }
    while (lo < hi && accidents[order[lo]].chainage < start) {
      deaths -= accidents[order[lo]].deaths;
      injuryAccidents -= accidents[order[lo]].injuries > 0;
      ++lo;
    }
    if (deaths < r.minDeaths && injuryAccidents < r.minInjuryAccidents) continue;
    const double to = std::min(end, length);
    if (!out.empty() && start <= out.back().to) out.back().to = std::max(out.back().to, to);
    else out.push_back({start, to, {}});
  }
  for (Stretch& s : out)
    for (std::size_t i : order)
      if (accidents[i].chainage >= s.from && accidents[i].chainage <= s.to) s.members.push_back(i);
  return out;
}

std::vector<std::vector<std::size_t>> blackSpots(const std::vector<SnappedAccident>& accidents,
                                                 const BlackSpotRules& r) {
  using Point = bg::model::point<double, 2, bg::cs::cartesian>;
  using Entry = std::pair<Point, std::size_t>;
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < accidents.size(); ++i) entries.emplace_back(Point(accidents[i].x, accidents[i].y), i);
  const bgi::rtree<Entry, bgi::rstar<16>> index(entries.begin(), entries.end());
  std::vector<std::vector<std::size_t>> neighbours(accidents.size());
  for (std::size_t i = 0; i < accidents.size(); ++i) {
    const Point& p = entries[i].first;
    const bg::model::box<Point> box(Point(p.get<0>() - r.radius, p.get<1>() - r.radius),
                                    Point(p.get<0>() + r.radius, p.get<1>() + r.radius));
    std::vector<Entry> hits;
    index.query(bgi::intersects(box), std::back_inserter(hits));
    for (const auto& [q, j] : hits)
      if (bg::distance(q, p) <= r.radius) neighbours[i].push_back(j);
  }
  // Seeds with the most neighbours first; ties by input order, so the result is deterministic.
  std::vector<std::size_t> seeds(accidents.size());
  std::iota(seeds.begin(), seeds.end(), 0);
  std::stable_sort(seeds.begin(), seeds.end(),
                   [&](auto a, auto b) { return neighbours[a].size() > neighbours[b].size(); });
  std::vector<bool> taken(accidents.size(), false);
  std::vector<std::vector<std::size_t>> spots;
  for (std::size_t seed : seeds) {
    if (taken[seed]) continue;
    std::vector<std::size_t> members;
    for (const auto& n : neighbours[seed])
      if (!taken[n]) members.push_back(n);
    if (static_cast<long long>(members.size()) < r.minAccidents) continue;
    std::sort(members.begin(), members.end());
    for (std::size_t m : members) taken[m] = true;
    spots.push_back(std::move(members));
  }
  return spots;
}

}  // namespace riskmap
