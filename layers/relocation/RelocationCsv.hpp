#pragma once
// The relocation review's figures as CSV (UTF-8, RFC 4180): the ranking one
// plant a row; a scenario long-form, one figure a row with its before,
// after and change, so every number of the report can be checked.
#include <string>

#include "PlantRanking.hpp"
#include "RelocationScenario.hpp"

namespace riskmap::relocation {

std::string rankingCsv(const Ranking& ranking);
std::string scenarioCsv(const ScenarioResult& result);

}  // namespace riskmap::relocation
