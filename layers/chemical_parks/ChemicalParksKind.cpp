// Chemical parks graded A-D by the 2023 guideline's score out of 100
// (< 60 A, 60-70 B, 70-85 C, >= 85 D). A park brings a grade, a score, or both.
#include "BuiltinKinds.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

class ChemicalParksKind : public SchemaKind {
 public:
  ChemicalParksKind()
      : SchemaKind("chemical_parks", "chemical parks (park boundaries)", kPolygons,
                   {
                       {"park_id", FieldType::Text, false, "", "park identifier"},
                       {"name", FieldType::Text, true, "", "park name"},
                       {"grade", FieldType::Text, false, "", "park risk grade (A high risk .. D low)",
                        std::nullopt, std::nullopt, {"A", "B", "C", "D"}},
                       {"score", FieldType::Real, false, "points", "safety score out of 100", 0.0, 100.0},
                   }) {}

  std::optional<Rejection> checkRecord(AttributeRecord& rec) const override {
    if (!rec.has("grade") && !rec.has("score"))
      return Rejection{"score", "a park needs a grade (A-D) or a score (0-100)"};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeChemicalParksKind() { return std::make_unique<ChemicalParksKind>(); }

}  // namespace riskmap
