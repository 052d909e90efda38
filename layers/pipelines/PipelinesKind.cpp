// Oil and gas pipelines (GB 32167-2015, GB 50251-2015). Diameter and
// pressure feed the potential impact radius r = 0.099 sqrt(d^2 p).
#include "BuiltinKinds.hpp"
#include "PipelineAssessment.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

class PipelinesKind : public SchemaKind {
 public:
  using SchemaKind::SchemaKind;
  std::string idField() const override { return "pipe_id"; }
  std::string rulesFile() const override { return "pipelines/pipelines.toml"; }
  bool isAssessed() const override { return true; }
  std::string partsTable() const override { return "pipeline_segments"; }
  SourceAssessment assess(const SourceFeature& s, ExposureQueries& e, const Rules& r) const override {
    return assessPipeline(s, e, r);
  }
};

}  // namespace

std::unique_ptr<LayerKind> makePipelinesKind() {
  return std::make_unique<PipelinesKind>(
      "pipelines", "oil and gas pipelines (centrelines)", kLines,
      std::vector<FieldSpec>{
          {"pipe_id", FieldType::Text, false, "", "pipeline identifier"},
          {"name", FieldType::Text, false, "", "pipeline name"},
          {"medium", FieldType::Text, true, "", "what it carries", std::nullopt, std::nullopt, {"gas", "oil"}},
          {"diameter_mm", FieldType::Real, true, "mm", "outside diameter d", 1.0, 5000.0},
          {"pressure_mpa", FieldType::Real, true, "MPa", "maximum operating pressure p", 0.0, 50.0},
          {"operator", FieldType::Text, false, "", "operating company"},
      });
}

}  // namespace riskmap
