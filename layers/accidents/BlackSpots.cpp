#include "BlackSpots.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <ogr_geometry.h>

#include <algorithm>
#include <numeric>

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

void AccidentTally::add(const SnappedAccident& a, long long severe, int sign) {
  accidents += sign;
  deaths += sign * a.deaths;
  fatalAccidents += sign * (a.deaths > 0);
  injuryAccidents += sign * (a.injuries > 0);
  severeAccidents += sign * (a.deaths >= severe);
}

bool BlackCriteria::met(const AccidentTally& t) const {
  return (minAccidents > 0 && t.accidents >= minAccidents) || (minDeaths > 0 && t.deaths >= minDeaths) ||
         (minFatalAccidents > 0 && t.fatalAccidents >= minFatalAccidents) ||
         (minInjuryAccidents > 0 && t.injuryAccidents >= minInjuryAccidents) ||
         (minSevereAccidents > 0 && t.severeAccidents >= minSevereAccidents);
}

bool BlackCriteria::any() const {
  return minAccidents > 0 || minDeaths > 0 || minFatalAccidents > 0 || minInjuryAccidents > 0 || minSevereAccidents > 0;
}

std::string BlackCriteria::text() const {
  std::string out;
  auto clause = [&out](long long n, const std::string& what) {
    if (n <= 0) return;
    out += (out.empty() ? ">= " : " or >= ") + std::to_string(n) + " " + what;
  };
  clause(minAccidents, "accidents");
  clause(minDeaths, "deaths");
  clause(minFatalAccidents, "fatal accidents");
  clause(minSevereAccidents, "accidents with >= " + std::to_string(severeDeaths) + " deaths each");
  clause(minInjuryAccidents, "injury accidents");
  return out;
}

std::string BlackCriteria::textZh() const {
  std::string out;
  auto clause = [&out](long long n, const std::string& what, const char* unit) {
    if (n <= 0) return;
    out += (out.empty() ? "" : "或") + what + " ≥ " + std::to_string(n) + " " + unit;
  };
  clause(minAccidents, "事故", "起");
  clause(minDeaths, "死亡", "人");
  clause(minFatalAccidents, "死亡事故", "起");
  clause(minSevereAccidents, "一次死亡 " + std::to_string(severeDeaths) + " 人以上的事故", "起");
  clause(minInjuryAccidents, "受伤事故", "起");
  return out;
}

std::vector<Stretch> blackSegments(const std::vector<SnappedAccident>& accidents, double length,
                                   const BlackSegmentRules& r) {
  std::vector<std::size_t> order(accidents.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return accidents[a].chainage < accidents[b].chainage; });
  std::vector<Stretch> out;
  std::size_t lo = 0, hi = 0;
  AccidentTally tally;
  const long long severe = r.criteria.severeDeaths;
  for (double start = 0; start < std::max(length, 1e-9); start += r.step) {
    const double end = start + r.window;
    while (hi < order.size() && accidents[order[hi]].chainage <= end) tally.add(accidents[order[hi++]], severe);
    while (lo < hi && accidents[order[lo]].chainage < start) tally.add(accidents[order[lo++]], severe, -1);
    if (!r.criteria.met(tally)) continue;
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
  // Seeds with the most neighbours first; ties by accident id, then input
  // order, so the result does not depend on the order the library hands the
  // rows over in (a county imported after, or at once with, its neighbour).
  std::vector<std::size_t> seeds(accidents.size());
  std::iota(seeds.begin(), seeds.end(), 0);
  std::stable_sort(seeds.begin(), seeds.end(), [&](auto a, auto b) {
    if (neighbours[a].size() != neighbours[b].size()) return neighbours[a].size() > neighbours[b].size();
    return accidents[a].id < accidents[b].id;
  });
  std::vector<bool> taken(accidents.size(), false);
  std::vector<std::vector<std::size_t>> spots;
  for (std::size_t seed : seeds) {
    if (taken[seed]) continue;
    std::vector<std::size_t> members;
    AccidentTally tally;
    for (const auto& n : neighbours[seed])
      if (!taken[n]) members.push_back(n), tally.add(accidents[n], r.criteria.severeDeaths);
    if (!r.criteria.met(tally)) continue;
    std::sort(members.begin(), members.end(), [&](auto a, auto b) {
      return accidents[a].id != accidents[b].id ? accidents[a].id < accidents[b].id : a < b;
    });
    for (std::size_t m : members) taken[m] = true;
    spots.push_back(std::move(members));
  }
  return spots;
}

std::unique_ptr<OGRGeometry> blackSpotZone(const std::vector<SnappedAccident>& accidents,
                                           const std::vector<std::size_t>& members, double radius,
                                           int quadrantSegments) {
  OGRMultiPoint points;
  for (std::size_t m : members) {
    OGRPoint p(accidents[m].x, accidents[m].y);
    points.addGeometry(&p);
  }
  std::unique_ptr<OGRGeometry> hull(points.ConvexHull());
  if (!hull) return nullptr;
  return std::unique_ptr<OGRGeometry>(hull->Buffer(radius, quadrantSegments));
}

}  // namespace riskmap
