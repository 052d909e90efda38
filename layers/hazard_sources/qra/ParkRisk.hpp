#pragma once
// A chemical park's risk in `riskmap assess` (issue 24: "F-N curve per
// installation (and per park)"; individual risk "the sum over
// scenarios"): the individual risk of the park's plants with QRA inputs
// summed on one grid, its contours at the GB 36894-2018 levels (rows of
// risk_contours with scope "park"), the protected targets inside the
// lowest one checked against their criterion on the summed risk (rows of
// risk_target_checks, scope "park"), and the park's F-N curve from all its
// plants' outcomes together (rows of societal_risk, scope "park").
#include "PlantModel.hpp"
#include "riskmap/assess/Assessment.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct ParkPlant {
  std::string plantId;
  std::shared_ptr<const PlantModel> model;
};

struct ParkRisk {
  std::vector<SourcePart> parts;   // each names its table; sourceId the park's id
  nlohmann::json figures = nlohmann::json::object();
  std::string rule, ruleZh;        // for each member plant's explain
};

// qra: qraRules() of the kind's rules. The grid: assess.cell_m cells over
// the plants' reach discs, coarser when it would exceed assess.max_cells.
ParkRisk assessParkRisk(const std::string& parkId, const std::vector<ParkPlant>& plants, const Rules& qra,
                        ExposureQueries& exposure, unsigned threads);

// The kind's pass across its assessed plants: the plants with QRA inputs
// grouped by their `park_id`; every park with two or more gets its rows,
// and a sentence and figures.qra.park in each member plant's grade.
std::vector<SourcePart> assessParks(AssessedSources& plants, ExposureQueries& exposure, const Rules& kindRules);

}  // namespace riskmap::qra
