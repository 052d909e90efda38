// The rules a destination must keep (relocation.toml [destination]). A
// broken rule is flagged with the figures that broke it, never refused:
// the planner sees the scenario and the reasons side by side.
#include <algorithm>
#include <cstdio>

#include "RelocationScenario.hpp"
#include "riskmap/assess/Assessment.hpp"

namespace riskmap::relocation {

std::vector<Flag> checkDestination(const MovedPlant& m, const std::vector<OtherRing>& others, ExposureQueries& exposure,
                                   const RelocationRules& rules) {
  std::vector<Flag> flags;
  char en[512], zh[512];
  const OGRGeometry& site = *m.newSite;
  if (rules.requirePark && (!m.park || !m.park->boundary->Contains(&site))) {
    flags.push_back({"outside_park",
                     m.park ? "the site reaches outside park " + m.park->name : "the site is not inside any chemical park",
                     m.park ? "厂址超出化工园区" + m.park->name + "边界" : "厂址不在任何化工园区内"});
  }
  if (m.park && std::count(rules.forbiddenParkGrades.begin(), rules.forbiddenParkGrades.end(), m.park->grade)) {
    flags.push_back({"park_grade", "park " + m.park->name + " is grade " + m.park->grade + " (high safety risk)",
                     "化工园区" + m.park->name + "安全风险等级为" + m.park->grade + "类(高安全风险)"});
  }
  for (const OtherRing& o : others) {
    if (!std::count(rules.otherPlantRings.begin(), rules.otherPlantRings.end(), o.ring)) continue;
    if (!o.geometry->Intersects(&site)) continue;
    std::snprintf(en, sizeof en, "inside the %s ring of %s %s", o.ring.c_str(), o.plant->id.c_str(),
                  o.plant->name.c_str());
    std::snprintf(zh, sizeof zh, "位于%s %s的外部安全防护距离内", o.plant->id.c_str(), o.plant->name.c_str());
    flags.push_back({"in_other_ring", en, zh});
  }
  if (rules.targetsInExternalSafety)
    if (const Ring* ring = m.after.ring("external_safety"))
      for (const NearbyFeature& t : exposure.targetListIn(*ring->geometry)) {
        std::snprintf(en, sizeof en, "%s %s is inside its %.0f m external-safety ring", t.kind.c_str(), t.name.c_str(),
                      ring->distanceM);
        std::snprintf(zh, sizeof zh, "防护目标%s位于其%.0f米外部安全防护距离内", t.name.c_str(), ring->distanceM);
        flags.push_back({"target_in_ring", en, zh});
      }
  double reach = 0;
  for (const auto& [kind, d] : rules.minTargetDistanceM) reach = std::max(reach, d);
  if (reach > 0) {
    const std::unique_ptr<OGRGeometry> near(site.Buffer(reach, 16));
    for (const NearbyFeature& t : exposure.targetListIn(*near)) {
      const auto min = rules.minTargetDistanceM.find(t.kind);
      if (min == rules.minTargetDistanceM.end()) continue;
      const double d = site.Distance(t.geometry);
      if (d >= min->second) continue;
      std::snprintf(en, sizeof en, "%s %s is %.0f m away (at least %.0f m)", t.kind.c_str(), t.name.c_str(), d,
                    min->second);
      std::snprintf(zh, sizeof zh, "距%s %.0f米(应不小于%.0f米)", t.name.c_str(), d, min->second);
      flags.push_back({"target_too_close", en, zh});
    }
  }
  return flags;
}

}  // namespace riskmap::relocation
