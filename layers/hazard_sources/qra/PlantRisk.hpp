#pragma once
// Individual risk around one plant in `riskmap assess` (GB/T 37243-2019
// clause 6, the QRA method): its equipment's loss-of-containment scenarios
// in every weather and wind direction, summed on a grid around it; the
// contours at the GB 36894-2018 levels (table risk_contours); every
// protected target inside the lowest one checked against its class's
// criterion (table risk_target_checks); and the external safety distance
// read off the contour of the strictest class.
#include "riskmap/assess/Assessment.hpp"

#include <nlohmann/json.hpp>
#include <ogr_geometry.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct PlantModel;

inline constexpr const char* kContoursTable = "risk_contours";
inline constexpr const char* kTargetChecksTable = "risk_target_checks";

struct PlantRisk {
  std::vector<SourcePart> parts;            // contours and target checks, each naming its table
  double externalSafetyM = 0;               // 0: the contour is nowhere
  std::unique_ptr<OGRGeometry> externalSafetyArea;  // the contour (with the site)
  double externalSafetyLevel = 0;           // per year
  std::string externalSafetyLevelText;      // "3e-7"
  nlohmann::json figures = nlohmann::json::object();
  std::string rule;                         // in words, for explain
  std::string ruleZh;                       // the same in Chinese (societal risk)
  std::shared_ptr<PlantModel> model;        // what it was computed from (a park sums them: ParkRisk.hpp)
};

// The QRA rules: qra.toml beside the kind's rules file, with the project's
// [rules.hazard_sources.qra] overrides.
Rules qraRules(const Rules& kindRules);

// equipment: the checked `equipment` array. Throws UserError naming the
// rules file for a substance without data.
PlantRisk assessPlantRisk(const SourceFeature& plant, const nlohmann::json& equipment, const Rules& kindRules,
                          ExposureQueries& exposure);

}  // namespace riskmap::qra
