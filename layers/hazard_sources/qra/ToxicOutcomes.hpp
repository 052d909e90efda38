#pragma once
// The toxic-plume model's outcomes for societal risk: one per release and
// weather case (a Pasquill class in one direction sector), its lethality
// the sector-averaged one individual risk sums (IndividualRisk.hpp).
#include "IndividualRisk.hpp"
#include "Outcomes.hpp"

namespace riskmap::qra {

class ToxicOutcomes : public OutcomeModel {
 public:
  explicit ToxicOutcomes(const ToxicRiskModel& model) : model_(model) {}
  std::size_t outcomeCount() const override {
    return model_.releases().size() * model_.weatherCases().size();
  }
  Outcome outcome(std::size_t i) const override;
  double lethality(std::size_t i, double x, double y) const override;

 private:
  const ToxicRiskModel& model_;
};

}  // namespace riskmap::qra
