// Protected targets (防护目标) of GB 36894-2018: schools, hospitals, homes...
// The kind decides the target's class (highly sensitive / important / general).
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeProtectedTargetsKind() {
  return std::make_unique<SchemaKind>(
      "protected_targets", "protected targets: schools, hospitals, homes, markets (points or polygons)",
      kPoints | kPolygons,
      std::vector<FieldSpec>{
          {"target_id", FieldType::Text, false, "", "target identifier"},
          {"name", FieldType::Text, false, "", "target name"},
          {"kind", FieldType::Text, true, "", "what the target is", std::nullopt, std::nullopt,
           {"school", "kindergarten", "hospital", "elderly_home", "market", "residential", "office",
            "station", "water_source", "nature_reserve", "filling_station", "other"}},
          {"people", FieldType::Integer, false, "people", "people usually present", 0.0, 1.0e6},
      },
      ExposureRole::ProtectedTargets);
}

}  // namespace riskmap
