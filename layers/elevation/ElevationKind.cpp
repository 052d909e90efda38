// Elevation: a digital elevation model (ground height per cell), read by
// kinds whose footprint follows the terrain (a tailings dam's run-out).
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeElevationKind() {
  // The range bounds what a cell may hold (the Dead Sea shore lies at
  // -430 m, Everest at 8849 m): anything outside is a unit or no-data slip.
  return std::make_unique<SchemaKind>(
      "elevation", "digital elevation model: ground height per cell (a raster; vertical unit m unless declared)", kRaster,
      std::vector<FieldSpec>{
          {"elevation", FieldType::Real, true, "m", "ground height of the cell", -500.0, 9000.0},
      },
      ExposureRole::Terrain);
}

}  // namespace riskmap
