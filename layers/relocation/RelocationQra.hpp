#pragma once
// What a plant's QRA says before and after a move, for the scenario's
// flags and report: the protected targets above their class's GB 36894
// individual-risk criterion at the new site, and the F-N chart of the
// plant's societal risk at both sites (figures.qra as assess wrote them).
#include "RelocationScenario.hpp"
#include "riskmap/print/FnChart.hpp"
#include "riskmap/print/TableBlock.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace riskmap::relocation {

// One flag (rule qra_target_over_criterion) per protected target whose
// individual risk at the new site is above its class's criterion.
std::vector<Flag> qraTargetFlags(const PlantFigures& after);

// The targets above their criterion, before and after (one row each).
// Empty when neither site has QRA figures.
Table qraTargetsTable(const PlantFigures& before, const PlantFigures& after);

// The individual-risk contours at the GB 36894 levels, each level's reach
// from the site before and after (the polygons are the scenario's
// risk_contours table, drawn on the report's maps). Empty without QRA figures.
Table qraContoursTable(const PlantFigures& before, const PlantFigures& after);

// The F-N chart of both sites; false when the plant has no societal-risk figures.
bool qraFnChart(const PlantFigures& before, const PlantFigures& after, const std::string& title, FnChartSpec& out);

}  // namespace riskmap::relocation
