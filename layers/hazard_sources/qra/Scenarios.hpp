#pragma once
// Loss-of-containment scenarios of a plant's equipment: the LOC table
// (qra.toml [[loc]]) by equipment type, each turned into a continuous
// toxic-gas release (an "instantaneous" row: a puff of the whole
// inventory, ToxicPuff.hpp) (rate from the source term: a gas's choked flow, or a
// liquefied gas's liquid outflow and flash; duration from the inventory),
// spread by the Gaussian plume or, for a gas heavier than air, the
// Britter-McQuaid dense-gas plume where its criterion holds; or, where
// riskmap has no model for it, listed with the reason.
// A flammable substance without a toxic probit goes to the fire and
// explosion outcomes (FlammableScenarios.hpp) instead.
#include "Equipment.hpp"
#include "IndividualRisk.hpp"
#include "RadialRisk.hpp"

#include <nlohmann/json.hpp>

#include <set>
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
  // The LOC rows used, by their place in qra.toml's [[loc]] (1-based),
  // split by whether their figures were read in a source (verified = true).
  std::vector<int> verifiedLocRows, unverifiedLocRows;
  int denseGasReleases = 0;                   // releases heavier than air: Britter-McQuaid where dense
  int puffReleases = 0;                       // instantaneous toxic releases (ToxicPuff.hpp)
  int densePuffReleases = 0;                  // of them heavier than air: the Britter-McQuaid puff where dense
  std::string blastCurve;                     // the explosions' blast curve (blastCurveTitle), empty when none
  std::set<std::string> fireOutcomes;         // outcomes in `fires` (pool_fire, jet_fire, fireball, vapour_cloud_explosion)
};

// "LOC frequencies: [[loc]] rows 1, 2 verified; [[loc]] row 5 unverified
// stand-ins" (rows 1-based, as used by the plant); empty when none used.
std::string locVerificationText(const PlantScenarios& s);

// Releases at (x, y) in the analysis CRS. Throws UserError naming the
// rules file for a substance qra.toml has no row or data for.
PlantScenarios plantScenarios(const std::vector<Equipment>& equipment, const Rules& qra, const Probits& probits,
                              double x, double y);

}  // namespace riskmap::qra
