#pragma once
// The printed relocation review (Cairo, vector PDF, Chinese): the ranking
// as a paginated table; a scenario as a summary page (moves, per-grade
// area and people before and after, the before and after four-colour maps
// side by side at one scale with the moves marked) and one page per moved
// plant (its two sites, rings, inventory, figures and targets, the rules
// its destination breaks).
#include <filesystem>
#include <string>

#include "PlantRanking.hpp"
#include "RelocationScenario.hpp"
#include "riskmap/print/PosterTemplate.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap::relocation {

struct ReportSettings {
  std::string paper = "A3";    // landscape
  std::string date;            // printed under the title
  std::filesystem::path stylesDir;  // default.json and poster.toml
};

void writeRankingReport(const std::filesystem::path& out, const Project& project, const Ranking& ranking,
                        const RelocationRules& rules, const ReportSettings& settings);
void writeScenarioReport(const std::filesystem::path& out, const Project& project, const ScenarioResult& result,
                         const ReportSettings& settings);

}  // namespace riskmap::relocation
