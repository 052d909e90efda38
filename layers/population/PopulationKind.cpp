// Population: a raster of people per cell, or polygons (villages,
// communities) each with its head count.
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makePopulationKind() {
  return std::make_unique<SchemaKind>(
      "population", "population: raster of people per cell, or polygons with a head count", kRaster | kPolygons,
      std::vector<FieldSpec>{
          {"people", FieldType::Real, true, "people", "people living in the polygon", 0.0, 1.0e8},
          {"name", FieldType::Text, false, "", "village or community name"},
      },
      ExposureRole::Population);
}

}  // namespace riskmap
