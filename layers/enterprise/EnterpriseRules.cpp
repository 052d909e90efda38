#include "EnterpriseRules.hpp"

#include "riskmap/core/Error.hpp"

namespace riskmap::enterprise {
namespace {

std::vector<double> valueTable(const Rules& rules, const std::string& key) {
  const toml::array* a = rules.array(key);
  if (!a || a->empty()) throw UserError(rules.source() + ": " + key + " must list the allowed values");
  std::vector<double> values;
  for (const toml::node& n : *a) {
    const auto v = n.value<double>();
    if (!v || *v <= 0) throw UserError(rules.source() + ": " + key + " must hold positive numbers");
    values.push_back(*v);
  }
  return values;
}

GradeBands bands(const Rules& rules, const std::string& key) {
  GradeBands b{rules.number(key + ".major"), rules.number(key + ".high"), rules.number(key + ".moderate")};
  if (!(b.major > b.high && b.high > b.moderate && b.moderate > 0))
    throw UserError(rules.source() + ": " + key + " must have major > high > moderate > 0");
  return b;
}

}  // namespace

RiskGrade GradeBands::grade(double score) const {
  if (score >= major) return RiskGrade::Major;
  if (score >= high) return RiskGrade::High;
  if (score >= moderate) return RiskGrade::Moderate;
  return RiskGrade::Low;
}

EnterpriseRules EnterpriseRules::from(const Rules& rules) {
  EnterpriseRules r;
  r.source = rules.source();
  r.lecL = valueTable(rules, "lec.L");
  r.lecE = valueTable(rules, "lec.E");
  r.lecC = valueTable(rules, "lec.C");
  r.lecBands = bands(rules, "lec.bands");
  r.matrixL = valueTable(rules, "matrix.L");
  r.matrixS = valueTable(rules, "matrix.S");
  r.matrixBands = bands(rules, "matrix.bands");
  r.maxResidualM = rules.number("georeference.max_residual_m");
  if (!(r.maxResidualM > 0)) throw UserError(rules.source() + ": georeference.max_residual_m must be positive");
  r.printScales = valueTable(rules, "print.scales");
  r.maxTableShare = rules.number("print.max_table_share");
  if (!(r.maxTableShare > 0.1 && r.maxTableShare < 0.9))
    throw UserError(rules.source() + ": print.max_table_share must be between 0.1 and 0.9");
  return r;
}

}  // namespace riskmap::enterprise
