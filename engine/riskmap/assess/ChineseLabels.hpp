#pragma once
// The Chinese a kind does not write in code: its grades' names and its
// zones' names come from its rules file ([zh.grades], [zh.rings]), so the
// words live with the kind's other rules (layers/<kind>/*.toml) and a
// province can reword them in the project file.
#include <string>

#include "riskmap/assess/Assessment.hpp"

namespace riskmap {

class Rules;

// A distance as the Chinese texts print it: "500", "318.1".
std::string metresText(double metres);

// "{m}" in text replaced by metresText(metres).
std::string withDistance(std::string text, double metres);

// Fills grade.gradeZh from [zh.grades."<grade>"], grade.standardZh from
// [zh.standards."<standard>"] and each footprint's label from
// [zh.rings.<ring>] where the kind left them empty; a grade or standard
// without an entry keeps its text, a ring without one reads "<distance> m 范围".
void labelInChinese(SourceAssessment& a, const Rules& kindRules);

}  // namespace riskmap
