#pragma once
// Societal risk of one plant in `riskmap assess`: its outcomes' expected
// deaths among the people of the population layer within their reach, the
// F-N curve (table societal_risk, one row per step) and its region against
// the GB 36894-2018 F-N criterion (FnCriteria.hpp).
#include "FnCriteria.hpp"
#include "riskmap/assess/Assessment.hpp"

#include <nlohmann/json.hpp>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

inline constexpr const char* kSocietalRiskTable = "societal_risk";

struct SocietalRisk {
  std::vector<FnPoint> curve;
  FnVerdict verdict;
  std::vector<SourcePart> parts;                 // rows of societal_risk
  nlohmann::json figures = nlohmann::json::object();
  std::string rule, ruleZh;                      // one sentence each, for explain
};

// The people within `reach` of (x, y) are read once; scope names the rows
// ("plant", or "park" for a park's summed outcomes).
SocietalRisk assessSocietalRisk(const std::vector<const OutcomeModel*>& models, double x, double y, double reach,
                                const Rules& qra, ExposureQueries& exposure, const std::string& scope,
                                unsigned threads = 0);

}  // namespace riskmap::qra
