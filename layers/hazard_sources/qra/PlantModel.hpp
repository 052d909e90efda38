#pragma once
// What a plant's QRA is built from, kept whole so that others can sum it:
// the probits its releases point into, its scenarios, the weather, the
// toxic-plume model and the fire and explosion outcomes. assessPlantRisk
// builds one per plant; a chemical park's summed individual risk and F-N
// (ParkRisk.hpp) read the same models again instead of rebuilding them.
#include "IndividualRisk.hpp"
#include "Outcomes.hpp"
#include "RadialOutcomes.hpp"
#include "RiskContours.hpp"
#include "Scenarios.hpp"
#include "ToxicOutcomes.hpp"
#include "Weather.hpp"

#include <memory>
#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct PlantModel {
  double x = 0, y = 0;                      // the release point (the site's centroid), analysis CRS
  std::unique_ptr<Probits> probits;         // the releases point into it: kept on the heap
  PlantScenarios scenarios;
  WeatherTable weather;
  std::unique_ptr<ToxicRiskModel> toxic;
  std::unique_ptr<ToxicOutcomes> toxicOutcomes;
  std::unique_ptr<RadialOutcomes> fireOutcomes;
  double reachM = 0;                        // the farthest any outcome kills, from (x, y)
  std::string installation;                 // "new" or "existing", set by assessPlantRisk

  // Individual risk per year at (x, y): the plumes' and the fires'.
  double individualRisk(double px, double py) const;
  // Adds this plant's individual risk to the cells of `grid` within its
  // reach (rows on `threads` workers).
  void addRisk(std::vector<double>& risk, const RiskGridSpec& grid, unsigned threads) const;
  // Its outcomes for societal risk (plumes, then fires and explosions).
  std::vector<const OutcomeModel*> outcomes() const;
};

// Scenarios, weather and models of `equipment` released at (x, y).
// Throws UserError as plantScenarios and weatherTable do.
std::shared_ptr<PlantModel> buildPlantModel(const std::vector<Equipment>& equipment, const Rules& qra,
                                            bool defaultWeather, double x, double y, unsigned threads);

}  // namespace riskmap::qra
