#pragma once
// Societal risk (GB 36894-2018 2.2: the cumulative frequency F of
// accidents killing N or more people, drawn as the F-N curve; TNO Purple
// Book CPR 18E 4.x): for every outcome (scenario x weather x direction)
// the expected deaths N = sum over population cells of people x the
// probability of death at the cell's centre; F(N) = the summed frequency
// of the outcomes with N or more deaths.
#include "Outcomes.hpp"
#include "riskmap/assess/Assessment.hpp"

#include <vector>

namespace riskmap::qra {

// One outcome's frequency and expected deaths.
struct OutcomeDeaths {
  double frequencyPerYear = 0;
  double deaths = 0;
  std::size_t outcome = 0;       // index in the model
};

// N for every outcome of the models (a plant's, or all of a park's
// plants'), outcomes shared out to `threads` workers (0: all cores). The
// cells are indexed once (an R-tree); each outcome visits only the cells
// within its reach. Memory: the cells and one figure per outcome.
std::vector<OutcomeDeaths> expectedDeaths(const std::vector<const OutcomeModel*>& models,
                                          const std::vector<PeoplePoint>& cells, unsigned threads = 0);

// A step of the F-N curve: F(N) = frequencyPerYear for N up to `deaths`
// (and above the next smaller step's N).
struct FnPoint {
  double deaths = 0;
  double frequencyPerYear = 0;
};

// The curve's steps for N >= minDeaths, N descending, F rising: one step
// per distinct N (outcomes whose N agree to 1e-9 relative share a step).
std::vector<FnPoint> fnCurve(std::vector<OutcomeDeaths> outcomes, double minDeaths);

// F(N) read off the curve.
double frequencyAtLeast(const std::vector<FnPoint>& curve, double deaths);

}  // namespace riskmap::qra
