#pragma once
// The outcomes of a loss of containment of a flammable substance (TNO
// Purple Book CPR 18E ch. 4 event tree, simplified, qra.toml [flammable]):
//   a stable liquid (boiling above its storage temperature): a pool fire,
//     in its bund or spread to the minimum depth, or as large as burns a
//     continuous release away;
//   a gas or a liquefied gas, instantaneous release: immediate ignition a
//     fireball, delayed ignition a vapour cloud explosion of the whole mass;
//   a gas or a liquefied gas, continuous release: immediate ignition a jet
//     fire; delayed ignition (flash fire or explosion of a cloud whose
//     flammable mass needs dispersion to the lower flammable limit) is
//     listed, not computed.
// Each computed outcome becomes a RadialScenario (its lethality depends on
// the distance only).
#include "Equipment.hpp"
#include "FlammableData.hpp"
#include "Scenarios.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace riskmap::qra {

// What the plant-level loop knows of one LOC row applied to one item.
struct FlammableLoc {
  std::string kind;                 // instantaneous, inventory_10min, hole, full_bore
  double frequencyPerYear = 0;
  double holeMm = 0;                // hole and full_bore
  nlohmann::json row;               // equipment, type, loc, frequency and its source, filled in already
};

struct ReleaseConditions {
  double x = 0, y = 0;
  double ambientPa = 101325, dischargeCoefficient = 0.62;
  double temperatureC = 20, releaseHeightM = 1;
};

// Appends the rows (computed or with the reason) and scenarios of one LOC
// row of one flammable item.
void addFlammableOutcomes(PlantScenarios& out, const Equipment& e, const FlammableSubstance& s,
                          const FlammableData& data, const Probits& probits, const FlammableLoc& loc,
                          const ReleaseConditions& at);

}  // namespace riskmap::qra
