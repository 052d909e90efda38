#pragma once
// The regional grade of one footprint zone: looked up in its kind's
// [regional."<source grade>"] table by ring, then raised one step where the
// people living in the zone are denser than the uplift threshold.
#include <optional>
#include <string>

#include "riskmap/assess/Rules.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

struct ZoneGrade {
  std::optional<RiskGrade> base, grade;  // none: the ring draws no zone
  bool uplifted = false;
};

ZoneGrade zoneGrade(const Rules& kindRules, const Rules& regional, const std::string& sourceGrade,
                    const std::string& ring, double peoplePerKm2);

}  // namespace riskmap
