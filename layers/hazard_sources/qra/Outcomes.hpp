#pragma once
// The outcomes societal risk counts (TNO Purple Book CPR 18E 4.x, "societal
// risk"): each loss-of-containment scenario in one weather blowing one way
// is one outcome with its own frequency and lethality field. Any
// consequence model that can say the probability of death at (x, y) for
// each of its outcomes (the toxic plumes: ToxicOutcomes; fires and
// explosions: RadialOutcomes) provides this, and SocietalRisk needs nothing else.
#include <cstddef>
#include <string>

namespace riskmap::qra {

struct Outcome {
  double frequencyPerYear = 0;   // f(scenario) x P(weather) x P(direction)
  double x = 0, y = 0;           // where it starts, analysis CRS (m)
  double reachM = 0;             // nobody dies farther than this from (x, y)
  // Nobody dies outside the wedge of bearings towardDeg +- halfAngleDeg
  // (clockwise from grid north); 180 or more: any bearing.
  double towardDeg = 0, halfAngleDeg = 180;
  std::string label;             // for explanations: "V-101 10 mm hole, D5 NE"
};

class OutcomeModel {
 public:
  virtual ~OutcomeModel() = default;
  virtual std::size_t outcomeCount() const = 0;
  virtual Outcome outcome(std::size_t i) const = 0;
  // Probability of death (0..1) at (x, y) in outcome i. Called from many
  // threads at once: it must not change the model.
  virtual double lethality(std::size_t i, double x, double y) const = 0;
};

}  // namespace riskmap::qra
