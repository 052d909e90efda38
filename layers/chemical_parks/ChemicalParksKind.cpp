// Chemical parks graded A-D by the 2023 guideline's score out of 100
// (< 60 A, 60-70 B, 70-85 C, >= 85 D). A park brings a grade, a score, or both.
#include <cstdio>

#include "BuiltinKinds.hpp"
#include "riskmap/assess/Rules.hpp"
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

  std::string idField() const override { return "park_id"; }
  std::string rulesFile() const override { return "chemical_parks/park_grade.toml"; }
  bool isAssessed() const override { return true; }

  // The grade from the score by the guideline's thresholds; a grade given
  // without a score is taken as it is.
  static std::string gradeForScore(double score, const Rules& rules) {
    if (score < rules.number("grade.a_below")) return "A";
    if (score < rules.number("grade.b_below")) return "B";
    if (score < rules.number("grade.c_below")) return "C";
    return "D";
  }

  SourceAssessment assess(const SourceFeature& source, ExposureQueries&, const Rules& rules) const override {
    SourceAssessment out;
    GradeResult& g = out.grade;
    g.standard = "化工园区安全风险评估 (2023)";
    char buf[256];
    if (const auto score = source.attributes.number("score")) {
      g.grade = gradeForScore(*score, rules);
      std::snprintf(buf, sizeof buf, "score %.1f -> grade %s (A < %.0f <= B < %.0f <= C < %.0f <= D)", *score,
                    g.grade.c_str(), rules.number("grade.a_below"), rules.number("grade.b_below"),
                    rules.number("grade.c_below"));
      g.figures = {{"score", *score}};
      g.rule = buf;
      std::snprintf(buf, sizeof buf, "评估得分 %.1f 分，定为 %s 类（A < %.0f ≤ B < %.0f ≤ C < %.0f ≤ D）", *score,
                    g.grade.c_str(), rules.number("grade.a_below"), rules.number("grade.b_below"),
                    rules.number("grade.c_below"));
    } else {
      g.grade = *source.attributes.text("grade");
      std::snprintf(buf, sizeof buf, "grade %s as given (no score)", g.grade.c_str());
      g.rule = buf;
      std::snprintf(buf, sizeof buf, "采用填报的 %s 类（无评估得分）", g.grade.c_str());
    }
    g.ruleZh = buf;
    const double buffer = rules.number("zones.buffer_m");
    g.figures["buffer_m"] = buffer;
    out.footprints.push_back({"park", 0, std::unique_ptr<OGRGeometry>(source.geometry->clone())});
    std::unique_ptr<OGRGeometry> around(source.geometry->Buffer(buffer, 16));
    out.footprints.push_back({"park_buffer", buffer, std::unique_ptr<OGRGeometry>(around->Difference(source.geometry))});
    return out;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeChemicalParksKind() { return std::make_unique<ChemicalParksKind>(); }

}  // namespace riskmap
