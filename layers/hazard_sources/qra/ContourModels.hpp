#pragma once
// The models named in a risk contour's `model` text: only those that
// contributed scenarios (a release or an outcome with a frequency and a
// lethal reach) to the plant, or, for a chemical park's summed contours, to
// any of its plants.
#include "Scenarios.hpp"

#include <set>
#include <string>

namespace riskmap::qra {

struct ContourModels {
  bool gaussianPlume = false;  // continuous toxic releases
  bool denseGasPlume = false;  // of them heavier than air
  bool gaussianPuff = false;   // instantaneous toxic releases
  bool denseGasPuff = false;   // of them heavier than air
  std::set<std::string> fires; // PlantScenarios::fireOutcomes
  std::string blastCurve;      // when an explosion contributed

  // The union with another plant's.
  void add(const ContourModels& other);
  // "Gaussian plume, Briggs sigmas; ...; pool fire, fireball, VCE (TNT
  // equivalence, <blast curve>)", each part only when it contributed.
  std::string text() const;
};

ContourModels contourModels(const PlantScenarios& scenarios);

}  // namespace riskmap::qra
