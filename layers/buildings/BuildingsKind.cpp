// Buildings or household points: storeys and households decide a
// pipeline's location class (GB 50251-2015).
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeBuildingsKind() {
  return std::make_unique<SchemaKind>(
      "buildings", "buildings or household points", kPoints | kPolygons,
      std::vector<FieldSpec>{
          {"bldg_id", FieldType::Text, false, "", "building identifier"},
          {"storeys", FieldType::Integer, true, "storeys", "storeys above ground", 1.0, 200.0},
          {"households", FieldType::Integer, true, "households", "households living in it", 0.0, 5000.0},
      },
      ExposureRole::Buildings);
}

}  // namespace riskmap
