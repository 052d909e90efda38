// Road traffic accidents, the input of black-spot and black-segment finding.
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {

std::unique_ptr<LayerKind> makeAccidentsKind() {
  return std::make_unique<SchemaKind>(
      "accidents", "road traffic accidents (points)", kPoints,
      std::vector<FieldSpec>{
          {"accident_id", FieldType::Text, false, "", "accident identifier"},
          {"date", FieldType::Date, true, "", "date of the accident"},
          {"deaths", FieldType::Integer, true, "people", "people killed", 0.0},
          {"injuries", FieldType::Integer, true, "people", "people injured", 0.0},
          {"road_id", FieldType::Text, false, "", "road the accident was recorded on"},
      });
}

}  // namespace riskmap
