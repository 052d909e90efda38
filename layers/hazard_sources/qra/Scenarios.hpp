#pragma once
// Loss-of-containment scenarios of a plant's equipment: the LOC table
// (qra.toml [[loc]]) by equipment type, each turned into a continuous
// toxic-gas release (rate from the source term, duration from the
// inventory) or, where riskmap has no model for it, listed with the reason.
// A flammable substance without a toxic probit goes to the fire and
// explosion outcomes (FlammableScenarios.hpp) instead.
#include "Equipment.hpp"
#include "IndividualRisk.hpp"
#include "RadialRisk.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct PlantScenarios {
  std::vector<ToxicRelease> releases;         // computed
  std::vector<RadialScenario> fires;          // flammable outcomes computed (wind-independent)
  nlohmann::json rows = nlohmann::json::array();  // every scenario, computed or not, with its figures or reason
  bool unverifiedFrequencies = false;         // some LOC row is marked verified = false
  bool neutralGasApproximation = false;       // a gas heavier than air went through the Gaussian plume
};

// Releases at (x, y) in the analysis CRS. Throws UserError naming the
// rules file for a substance qra.toml has no row or data for.
PlantScenarios plantScenarios(const std::vector<Equipment>& equipment, const Rules& qra, const Probits& probits,
                              double x, double y);

}  // namespace riskmap::qra
