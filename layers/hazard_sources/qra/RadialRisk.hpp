#pragma once
// Consequences that do not depend on the wind (pool and jet fires seen as
// upright point sources, fireballs, vapour cloud explosions): the
// probability of death as a function of the distance from the release
// point only, tabulated once per scenario; their individual risk is the
// sum of frequency x lethality(distance), added to the grid the toxic
// releases fill.
#include "RiskContours.hpp"

#include <functional>
#include <string>
#include <vector>

namespace riskmap::qra {

struct RadialScenario {
  std::string name;
  double x = 0, y = 0;               // the release point, analysis CRS (m)
  double frequencyPerYear = 0;       // of this outcome (LOC frequency x ignition probability)
  double stepM = 1;                  // lethality[i] at distance i x stepM
  std::vector<float> lethality;      // ends where it falls below the cut-off

  double reachM() const { return lethality.empty() ? 0 : stepM * (lethality.size() - 1); }
  double lethalityAt(double r) const;
};

// Tabulates a lethality that falls with distance: out to the farthest 0.5 m
// step still at or above `cutoff` (searched to 100 km), 2000 steps at most.
RadialScenario radialScenario(std::string name, double x, double y, double frequencyPerYear,
                              const std::function<double(double)>& lethality, double cutoff);

// Individual risk per year at (x, y) from these scenarios.
double radialRisk(const std::vector<RadialScenario>& scenarios, double x, double y);
// The farthest any of them kills, from its release point (m).
double radialReach(const std::vector<RadialScenario>& scenarios);
// Adds their risk to a grid from individualRiskGrid (same layout).
void addRadialRisk(std::vector<double>& risk, const RiskGridSpec& grid, const std::vector<RadialScenario>& scenarios);

}  // namespace riskmap::qra
