#pragma once
// One enterprise made ready to draw: its site plan read and placed on the
// map (origin and rotation, control points with their residuals checked,
// the GeoPackage's own CRS, or not at all), its register read and graded,
// and the grades carried up to units and the enterprise (就高).
#include <optional>
#include <string>

#include "EnterpriseRules.hpp"
#include "Georeference.hpp"
#include "PlantConfig.hpp"
#include "PlantGrades.hpp"
#include "RiskRegister.hpp"
#include "SitePlan.hpp"

namespace riskmap::enterprise {

struct PreparedPlant {
  PlantConfig config;
  SitePlan plan;           // in map coordinates when georeferenced
  RiskRegister reg;        // point places likewise
  PlantGrades grades;
  std::string crsWkt;      // empty: not georeferenced
  std::optional<Fit> fit;  // when fitted to control points
};

// Throws UserError naming the plants file, plant and point at fault.
PreparedPlant preparePlant(const PlantConfig& config, const EnterpriseRules& rules, const std::string& where);

}  // namespace riskmap::enterprise
