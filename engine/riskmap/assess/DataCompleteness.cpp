#include "riskmap/assess/DataCompleteness.hpp"

#include <cstdio>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

void describe(const std::optional<DataGap>& gap, const char* what, const char* layer, double minCoverage,
              std::string& out) {
  if (!gap) return;
  std::string text;
  if (gap->layerMissing)
    text = std::string("incomplete_") + what + ": the library has no " + layer + " layer";
  else if (gap->covered < minCoverage && !gap->reason.empty())
    text = std::string("incomplete_") + what + ": " + gap->reason + " (" + layer + " data carry " +
           percent(gap->covered) + " of the length asked)";
  else if (gap->covered < minCoverage)
    text = std::string("incomplete_") + what + ": " + layer + " data cover " + percent(gap->covered) +
           " of a zone counted (< " + percent(minCoverage) + ")";
  if (text.empty()) return;
  if (!out.empty()) out += "; ";
  out += text;
}

// The same gap in Chinese (the layer's Chinese name given).
void describeZh(const std::optional<DataGap>& gap, const char* layer, double minCoverage, std::string& out) {
  if (!gap) return;
  std::string text;
  if (gap->layerMissing)
    text = std::string("库中没有") + layer + "图层";
  else if (gap->covered < minCoverage && !gap->reason.empty())
    text = std::string(layer) + "数据仅覆盖所查长度的 " + percent(gap->covered) + (gap->reasonZh.empty() ? "" : "（" + gap->reasonZh + "）");
  else if (gap->covered < minCoverage)
    text = std::string(layer) + "数据仅覆盖所计范围的 " + percent(gap->covered) + "（低于 " + percent(minCoverage) + "）";
  if (text.empty()) return;
  if (!out.empty()) out += "；";
  out += text;
}

nlohmann::json coverageFigure(const DataGap& gap) {
  if (gap.layerMissing) return "no layer";
  return gap.covered;
}

}  // namespace

std::string describeGaps(const DataGaps& gaps, double minCoverage) {
  std::string out;
  describe(gaps.population, "population", "population", minCoverage, out);
  describe(gaps.buildings, "buildings", "buildings", minCoverage, out);
  describe(gaps.targets, "targets", "protected target", minCoverage, out);
  describe(gaps.terrain, "terrain", "terrain (elevation)", minCoverage, out);
  return out;
}

std::string describeGapsZh(const DataGaps& gaps, double minCoverage) {
  std::string out;
  describeZh(gaps.population, "人口", minCoverage, out);
  describeZh(gaps.buildings, "建筑", minCoverage, out);
  describeZh(gaps.targets, "防护目标", minCoverage, out);
  describeZh(gaps.terrain, "地形（高程）", minCoverage, out);
  return out;
}

void markCompleteness(GradeResult& grade, const DataGaps& gaps, const CompletenessRules& rules,
                      const std::string& where) {
  nlohmann::json coverage = nlohmann::json::object();
  if (gaps.population) {
    grade.populationCoverage = gaps.population->layerMissing ? 0.0 : gaps.population->covered;
    coverage["population"] = coverageFigure(*gaps.population);
  }
  if (gaps.buildings) coverage["buildings"] = coverageFigure(*gaps.buildings);
  if (gaps.targets) coverage["targets"] = coverageFigure(*gaps.targets);
  if (gaps.terrain) coverage["terrain"] = coverageFigure(*gaps.terrain);
  if (!coverage.empty()) {
    coverage["min_coverage"] = rules.minCoverage;
    coverage["min_coverage_from"] = rules.minCoverageIsDefault ? "riskmap default" : "project";
    grade.figures["data_coverage"] = coverage;
  }
  grade.incomplete = describeGaps(gaps, rules.minCoverage);
  grade.incompleteZh = describeGapsZh(gaps, rules.minCoverage);
  if (!grade.incomplete.empty()) grade.figures["incomplete"] = grade.incomplete;  // travels with the figures
  if (!grade.incomplete.empty() && rules.incompleteIsError)
    throw UserError(where + ": " + grade.incomplete + " ([assess] on_incomplete = \"error\")");
}

SourceAssessment assessSource(const LayerKind& kind, const SourceFeature& source, ExposureQueries& exposure,
                              const Rules& rules, const CompletenessRules& completeness) {
  exposure.takeGaps();  // forget queries made for anything else (footprints, other sources)
  SourceAssessment a = kind.assess(source, exposure, rules);
  markCompleteness(a.grade, exposure.takeGaps(), completeness,
                   "layer '" + source.layer + "', feature '" + source.id + "'");
  return a;
}

}  // namespace riskmap
