// Administrative units: the county (study boundary) and its townships and
// sub-districts, whose names label posters and summaries.
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeAdminUnitsKind() {
  return std::make_unique<SchemaKind>(
      "admin_units", "administrative units: county, townships, sub-districts (polygons)", kPolygons,
      std::vector<FieldSpec>{
          {"name", FieldType::Text, true, "", "unit name, e.g. 城关街道"},
          {"code", FieldType::Text, false, "", "administrative division code"},
          {"level", FieldType::Text, false, "", "unit level", std::nullopt, std::nullopt,
           {"province", "city", "county", "township", "subdistrict"}},
      });
}

}  // namespace riskmap
