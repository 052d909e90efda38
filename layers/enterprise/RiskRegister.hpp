#pragma once
// The enterprise's risk point register (风险点台账) as delivered: a CSV
// (often GBK from Excel) or an .xlsx sheet read through GDAL, with English
// or the usual Chinese column headers. Every row is graded or rejected
// with its reason: a unit not on the plan, a factor outside its table, a
// missing name or a duplicate number.
#include <string>
#include <vector>

#include "EnterpriseRules.hpp"
#include "PlantConfig.hpp"
#include "RiskPoint.hpp"
#include "SitePlan.hpp"

namespace riskmap::enterprise {

struct RegisterReject {
  long long row = 0;   // the register's feature number (data rows from 1)
  std::string id, reason, record;  // record: the row's fields as "header=value; ..."
};

struct RiskRegister {
  std::string source;
  std::vector<RiskPoint> points;  // accepted, in register order, numbered 1..n
  std::vector<RegisterReject> rejects;

  // Throws UserError naming the file when it cannot be read or lacks a required column.
  static RiskRegister read(const PlantConfig& plant, const SitePlan& plan, const EnterpriseRules& rules);
  std::string rejectsCsv() const;
};

}  // namespace riskmap::enterprise
