#include "PlantGrades.hpp"

#include <algorithm>

namespace riskmap::enterprise {

std::optional<RiskGrade> PlantGrades::unit(const std::string& id) const {
  const auto it = units.find(id);
  if (it == units.end()) return std::nullopt;
  return it->second.grade;
}

PlantGrades gradePlant(const std::vector<RiskPoint>& points) {
  PlantGrades g;
  for (const RiskPoint& p : points) {
    ++g.pointCounts[p.grade];
    auto [it, fresh] = g.units.try_emplace(p.unit, UnitGrade{p.unit, p.grade, {}});
    it->second.grade = std::max(it->second.grade, p.grade);
    it->second.points.push_back(&p);
  }
  for (auto& [id, u] : g.units) {
    std::stable_sort(u.points.begin(), u.points.end(), [](const RiskPoint* a, const RiskPoint* b) {
      return a->grade != b->grade ? a->grade > b->grade : a->score > b->score;
    });
    g.enterprise = g.enterprise ? std::max(*g.enterprise, u.grade) : u.grade;
  }
  return g;
}

}  // namespace riskmap::enterprise
