#pragma once
// The rules of the enterprise map (enterprise_map.toml with the project's
// [rules.enterprise]): the LEC and risk-matrix value tables and bands, and
// the control-point residual limit.
#include <string>
#include <vector>

#include "riskmap/assess/Rules.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap::enterprise {

// Scores at or above `major` are major, and so on down; below `moderate`, low.
struct GradeBands {
  double major = 0, high = 0, moderate = 0;
  RiskGrade grade(double score) const;
};

struct EnterpriseRules {
  std::vector<double> lecL, lecE, lecC;
  GradeBands lecBands;
  std::vector<double> matrixL, matrixS;
  GradeBands matrixBands;
  double maxResidualM = 0.5;
  std::vector<double> printScales;  // round plan scales (denominators)
  double maxTableShare = 0.45;      // of the map page
  std::string source;  // the rules file, for messages

  // Throws UserError naming the file and key when a table or band is missing or out of order.
  static EnterpriseRules from(const Rules& rules);
};

}  // namespace riskmap::enterprise
