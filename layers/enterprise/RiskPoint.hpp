#pragma once
// A risk point (风险点: a unit, equipment, operation or place) from the
// enterprise's register, and its grade by LEC (D = L x E x C) or by the
// risk matrix (R = L x S).
#include <optional>
#include <string>

#include "EnterpriseRules.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap::enterprise {

enum class Method { Lec, Matrix };

struct PlanXY {
  double x = 0, y = 0;
};

struct RiskPoint {
  long long row = 0;   // the register's feature number, for messages
  std::string id, name, unit, type, hazard, controls, responsible, phone;
  Method method = Method::Lec;
  double L = 0, E = 0, C = 0, S = 0;  // C for LEC, S for the matrix
  double score = 0;                   // D or R
  RiskGrade grade = RiskGrade::Low;
  std::optional<PlanXY> at;           // on the plan (plant coordinates); none: in its unit
  int number = 0;                     // printed on the plan and in the table, 1..n
};

// "LEC" / "lec" / "作业条件危险性分析" / "矩阵" ... ; nullopt if unknown.
std::optional<Method> parseMethod(const std::string& text);
const char* methodName(Method m);  // "LEC", "LS"

// Grades the point in place: score and grade. Returns why it cannot be
// graded (a factor not in its table, named with the values allowed) or nullopt.
std::optional<std::string> gradeRiskPoint(RiskPoint& p, const EnterpriseRules& rules);

// "L=3 E=6 C=15" or "L=4 S=5".
std::string factorsText(const RiskPoint& p);

}  // namespace riskmap::enterprise
