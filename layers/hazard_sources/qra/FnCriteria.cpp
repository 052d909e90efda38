#include "FnCriteria.hpp"

#include <cmath>

#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap::qra {

FnCriteria FnCriteria::from(const Rules& qra) {
  FnCriteria c;
  c.intolerableAt1 = qra.number("societal.intolerable_f_at_n1");
  c.negligibleAt1 = qra.number("societal.negligible_f_at_n1");
  c.slope = qra.number("societal.slope");
  c.minDeaths = qra.number("societal.min_deaths");
  if (const toml::table* t = qra.table("societal"))
    if (const auto v = (*t)["verified"].value<bool>()) c.verified = *v;
  c.source = qra.text("societal.source").value_or("");
  if (!(c.negligibleAt1 > 0 && c.negligibleAt1 < c.intolerableAt1) || !(c.slope > 0) || !(c.minDeaths > 0))
    throw UserError(qra.file().string() +
                    ": [societal] needs 0 < negligible_f_at_n1 < intolerable_f_at_n1, slope > 0 and min_deaths > 0");
  return c;
}

double FnCriteria::intolerable(double deaths) const { return intolerableAt1 / std::pow(deaths, slope); }
double FnCriteria::negligible(double deaths) const { return negligibleAt1 / std::pow(deaths, slope); }

FnRegion FnCriteria::region(double deaths, double frequency) const {
  if (frequency > intolerable(deaths)) return FnRegion::Intolerable;
  if (frequency > negligible(deaths)) return FnRegion::Alarp;
  return FnRegion::Negligible;
}

FnVerdict classify(const std::vector<FnPoint>& curve, const FnCriteria& criteria) {
  FnVerdict v;
  for (const FnPoint& p : curve) {
    if (p.deaths < criteria.minDeaths) continue;
    v.region = std::max(v.region, criteria.region(p.deaths, p.frequencyPerYear));
    const double ratio = p.frequencyPerYear / criteria.intolerable(p.deaths);
    if (ratio > v.worstRatio) {
      v.worstRatio = ratio;
      v.worst = p;
    }
  }
  return v;
}

const char* regionName(FnRegion r) {
  switch (r) {
    case FnRegion::Intolerable: return "intolerable";
    case FnRegion::Alarp: return "ALARP";
    case FnRegion::Negligible: break;
  }
  return "negligible";
}

const char* regionNameZh(FnRegion r) {
  switch (r) {
    case FnRegion::Intolerable: return "不可接受区";
    case FnRegion::Alarp: return "尽可能降低区";
    case FnRegion::Negligible: break;
  }
  return "可接受区";
}

}  // namespace riskmap::qra
