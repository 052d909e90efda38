#pragma once
// The fire and explosion outcomes (pool and jet fires, fireballs, vapour
// cloud explosions: RadialRisk.hpp) for societal risk. Each is one outcome,
// its lethality a function of the distance alone, at any bearing: the same
// frequency x lethality that individual risk adds to its grid.
#include "Outcomes.hpp"
#include "RadialRisk.hpp"

#include <vector>

namespace riskmap::qra {

class RadialOutcomes : public OutcomeModel {
 public:
  explicit RadialOutcomes(const std::vector<RadialScenario>& scenarios) : scenarios_(scenarios) {}
  std::size_t outcomeCount() const override { return scenarios_.size(); }
  Outcome outcome(std::size_t i) const override;
  double lethality(std::size_t i, double x, double y) const override;

 private:
  const std::vector<RadialScenario>& scenarios_;
};

}  // namespace riskmap::qra
