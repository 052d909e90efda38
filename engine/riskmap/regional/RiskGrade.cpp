#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

std::optional<RiskGrade> parseRiskGrade(const std::string& n) {
  if (n == "major") return RiskGrade::Major;
  if (n == "high") return RiskGrade::High;
  if (n == "moderate") return RiskGrade::Moderate;
  if (n == "low") return RiskGrade::Low;
  return std::nullopt;
}

const char* riskGradeName(RiskGrade g) {
  switch (g) {
    case RiskGrade::Major: return "major";
    case RiskGrade::High: return "high";
    case RiskGrade::Moderate: return "moderate";
    case RiskGrade::Low: return "low";
  }
  return "low";
}

const char* riskGradeChinese(RiskGrade g) {
  switch (g) {
    case RiskGrade::Major: return "重大风险";
    case RiskGrade::High: return "较大风险";
    case RiskGrade::Moderate: return "一般风险";
    case RiskGrade::Low: return "低风险";
  }
  return "低风险";
}

RiskGrade raise(RiskGrade g) { return g == RiskGrade::Major ? g : static_cast<RiskGrade>(static_cast<int>(g) + 1); }

}  // namespace riskmap
