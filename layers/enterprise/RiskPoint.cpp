#include "RiskPoint.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace riskmap::enterprise {
namespace {

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// Table values are exact decimals (0.1, 0.5, 6): a factor matches one within rounding of its printed form.
bool inTable(double v, const std::vector<double>& table) {
  return std::any_of(table.begin(), table.end(), [v](double t) { return std::fabs(v - t) <= 1e-9 * std::max(1.0, t); });
}

std::optional<std::string> outside(const char* factor, double v, const std::vector<double>& table, const char* method) {
  if (inTable(v, table)) return std::nullopt;
  std::string allowed;
  for (double t : table) allowed += (allowed.empty() ? "" : ", ") + number(t);
  return std::string(method) + " " + factor + " = " + number(v) + " is not in its table (" + allowed + ")";
}

// 0.5 x 6 x 40 is 120 within a rounding error either side: a score is
// kept to six decimals so a product on a band's edge falls on the edge.
double rounded(double v) { return std::round(v * 1e6) / 1e6; }

}  // namespace

std::optional<Method> parseMethod(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "lec" || t == "作业条件危险性分析" || t == "作业条件危险性分析法") return Method::Lec;
  if (t == "ls" || t == "matrix" || t == "风险矩阵" || t == "风险矩阵法" || t == "风险矩阵分析法") return Method::Matrix;
  return std::nullopt;
}

const char* methodName(Method m) { return m == Method::Lec ? "LEC" : "LS"; }

std::optional<std::string> gradeRiskPoint(RiskPoint& p, const EnterpriseRules& rules) {
  if (p.method == Method::Lec) {
    for (auto why : {outside("L", p.L, rules.lecL, "LEC"), outside("E", p.E, rules.lecE, "LEC"),
                     outside("C", p.C, rules.lecC, "LEC")})
      if (why) return why;
    p.score = rounded(p.L * p.E * p.C);
    p.grade = rules.lecBands.grade(p.score);
  } else {
    for (auto why : {outside("L", p.L, rules.matrixL, "LS"), outside("S", p.S, rules.matrixS, "LS")})
      if (why) return why;
    p.score = rounded(p.L * p.S);
    p.grade = rules.matrixBands.grade(p.score);
  }
  return std::nullopt;
}

std::string factorsText(const RiskPoint& p) {
  if (p.method == Method::Lec) return "L=" + number(p.L) + " E=" + number(p.E) + " C=" + number(p.C);
  return "L=" + number(p.L) + " S=" + number(p.S);
}

}  // namespace riskmap::enterprise
