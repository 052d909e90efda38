#pragma once
// The four regional grades, from most to least severe: major, high,
// moderate, low (重大, 较大, 一般, 低; red, orange, yellow, blue).
#include <optional>
#include <string>

namespace riskmap {

enum class RiskGrade { Low = 1, Moderate = 2, High = 3, Major = 4 };

std::optional<RiskGrade> parseRiskGrade(const std::string& name);  // "major", ...
const char* riskGradeName(RiskGrade g);                             // "major"
const char* riskGradeChinese(RiskGrade g);                          // "重大风险"
RiskGrade raise(RiskGrade g);                                       // one step, major stays major

}  // namespace riskmap
