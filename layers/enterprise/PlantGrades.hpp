#pragma once
// 就高 (the highest grade wins) up the hierarchy: a unit takes the highest
// grade of its risk points, the enterprise the highest of its units.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "RiskPoint.hpp"

namespace riskmap::enterprise {

struct UnitGrade {
  std::string unit;
  RiskGrade grade = RiskGrade::Low;
  std::vector<const RiskPoint*> points;  // those that decide it come first (highest score first)
};

struct PlantGrades {
  std::map<std::string, UnitGrade> units;  // only units with risk points
  std::optional<RiskGrade> enterprise;      // none when no point was graded
  std::map<RiskGrade, int> pointCounts;     // risk points per grade

  // The unit's grade, or nullopt when it has no risk point.
  std::optional<RiskGrade> unit(const std::string& id) const;
};

PlantGrades gradePlant(const std::vector<RiskPoint>& points);

}  // namespace riskmap::enterprise
