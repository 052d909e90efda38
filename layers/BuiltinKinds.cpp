#include "BuiltinKinds.hpp"

namespace riskmap {

void registerBuiltinKinds(LayerRegistry& registry) {
  registry.add(makeHazardSourcesKind());
  registry.add(makeChemicalParksKind());
  registry.add(makePipelinesKind());
  registry.add(makeAccidentsKind());
  registry.add(makeRoadsKind());
  registry.add(makePopulationKind());
  registry.add(makeProtectedTargetsKind());
  registry.add(makeBuildingsKind());
  registry.add(makeAdminUnitsKind());
  registry.add(makeElevationKind());
  registry.add(makeTailingsPondsKind());
  registry.add(makeHiddenDangersKind());
}

}  // namespace riskmap
