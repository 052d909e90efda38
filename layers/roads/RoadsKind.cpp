// The road network accidents are snapped to (and drawn on maps).
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeRoadsKind() {
  return std::make_unique<SchemaKind>(
      "roads", "road network (centrelines)", kLines,
      std::vector<FieldSpec>{
          {"road_id", FieldType::Text, false, "", "road number, e.g. G60, S21"},
          {"name", FieldType::Text, false, "", "road name"},
          {"class", FieldType::Text, false, "", "road class", std::nullopt, std::nullopt,
           {"expressway", "national", "provincial", "county", "township", "other"}},
      },
      ExposureRole::Roads);
}

}  // namespace riskmap
