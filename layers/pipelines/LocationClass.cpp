#include "LocationClass.hpp"

#include <algorithm>

#include "riskmap/assess/Rules.hpp"

namespace riskmap {

LocationClassRules LocationClassRules::from(const Rules& rules) {
  LocationClassRules r;
  r.window = rules.number("location_class.window_m");
  r.margin = rules.number("location_class.boundary_margin_m");
  r.class2 = static_cast<long long>(rules.number("location_class.class2_min_households"));
  r.class3 = static_cast<long long>(rules.number("location_class.class3_min_households"));
  r.tallStoreys = static_cast<long long>(rules.number("location_class.tall_storeys"));
  r.tallShare = rules.number("location_class.class4_tall_share");
  return r;
}

int LocationClassRules::classOf(long long households, long long tall) const {
  if (households >= class3) return tall > tallShare * static_cast<double>(households) ? 4 : 3;
  return households >= class2 ? 2 : 1;
}

std::vector<ClassInterval> locationClassIntervals(std::vector<ChainedBuilding> b, const LocationClassRules& r) {
  std::sort(b.begin(), b.end(), [](const auto& x, const auto& y) { return x.chainage < y.chainage; });
  std::vector<ClassInterval> out;
  long long households = 0, tall = 0;
  std::size_t end = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    while (end < b.size() && b[end].chainage <= b[i].chainage + r.window) {
      households += b[end].households;
      if (b[end].storeys >= r.tallStoreys) tall += b[end].households;
      ++end;
    }
    const int cls = r.classOf(households, tall);
    if (cls >= 2) out.push_back({b[i].chainage - r.margin, b[end - 1].chainage + r.margin, cls, households});
    households -= b[i].households;
    if (b[i].storeys >= r.tallStoreys) tall -= b[i].households;
  }
  return out;
}

}  // namespace riskmap
