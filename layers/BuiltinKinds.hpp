#pragma once
// The layer kinds riskmap ships, one folder each. A new kind (tailings
// ponds, fireworks shops) adds a folder, a factory here and a line in
// registerBuiltinKinds; engine/ does not change.
#include <memory>

#include "riskmap/layer/LayerRegistry.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makePipelinesKind();
std::unique_ptr<LayerKind> makeChemicalParksKind();
std::unique_ptr<LayerKind> makeHazardSourcesKind();
std::unique_ptr<LayerKind> makeAccidentsKind();
std::unique_ptr<LayerKind> makeRoadsKind();
std::unique_ptr<LayerKind> makePopulationKind();
std::unique_ptr<LayerKind> makeProtectedTargetsKind();
std::unique_ptr<LayerKind> makeBuildingsKind();
std::unique_ptr<LayerKind> makeAdminUnitsKind();
std::unique_ptr<LayerKind> makeElevationKind();
std::unique_ptr<LayerKind> makeTailingsPondsKind();
std::unique_ptr<LayerKind> makeHiddenDangersKind();

void registerBuiltinKinds(LayerRegistry& registry);

}  // namespace riskmap
