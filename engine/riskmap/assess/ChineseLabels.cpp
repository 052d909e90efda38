#include "riskmap/assess/ChineseLabels.hpp"

#include <cmath>
#include <cstdio>

#include "riskmap/assess/Rules.hpp"

namespace riskmap {

std::string metresText(double metres) {
  char buf[32];
  if (std::abs(metres - std::round(metres)) < 0.05)
    std::snprintf(buf, sizeof buf, "%.0f", metres);
  else
    std::snprintf(buf, sizeof buf, "%.1f", metres);
  return buf;
}

std::string withDistance(std::string text, double metres) {
  for (std::size_t at = text.find("{m}"); at != std::string::npos; at = text.find("{m}", at))
    text.replace(at, 3, metresText(metres));
  return text;
}

void labelInChinese(SourceAssessment& a, const Rules& kindRules) {
  const toml::table* grades = kindRules.table("zh.grades");
  if (a.grade.gradeZh.empty()) {
    const auto name = grades ? (*grades)[a.grade.grade].value<std::string>() : std::nullopt;
    a.grade.gradeZh = name.value_or(a.grade.grade);
  }
  if (a.grade.standardZh.empty()) {
    const toml::table* standards = kindRules.table("zh.standards");
    const auto name = standards ? (*standards)[a.grade.standard].value<std::string>() : std::nullopt;
    a.grade.standardZh = name.value_or(a.grade.standard);
  }
  const toml::table* rings = kindRules.table("zh.rings");
  for (Footprint& fp : a.footprints) {
    if (!fp.label.empty()) continue;
    const auto text = rings ? (*rings)[fp.ring].value<std::string>() : std::nullopt;
    fp.label = withDistance(text.value_or("{m} m 范围"), fp.distanceM);
  }
}

}  // namespace riskmap
