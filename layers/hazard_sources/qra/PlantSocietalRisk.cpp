#include "PlantSocietalRisk.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "riskmap/assess/Rules.hpp"

namespace riskmap::qra {

namespace {

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", v);
  return buf;
}

}  // namespace

SocietalRisk assessSocietalRisk(const std::vector<const OutcomeModel*>& models, double x, double y, double reach,
                                const Rules& qra, ExposureQueries& exposure, const std::string& scope,
                                unsigned threads) {
  const FnCriteria criteria = FnCriteria::from(qra);
  SocietalRisk out;
  std::vector<PeoplePoint> people;
  if (reach > 0) {
    // The disc's polygon lies inside the circle: 2 % wider keeps every
    // lethal cell (a 64-gon's edge is 0.12 % inside).
    const OGRPoint centre(x, y);
    const std::unique_ptr<OGRGeometry> disc(centre.Buffer(reach * 1.02, 16));
    people = exposure.peoplePoints(*disc);
  }
  const std::vector<OutcomeDeaths> deaths = expectedDeaths(models, people, threads);
  out.curve = fnCurve(deaths, criteria.minDeaths);
  out.verdict = classify(out.curve, criteria);
  double maxDeaths = 0, peopleRead = 0;
  for (const OutcomeDeaths& d : deaths) maxDeaths = std::max(maxDeaths, d.deaths);
  for (const PeoplePoint& p : people) peopleRead += p.people;

  const std::string lines = "F = " + sci(criteria.intolerableAt1) + " / N^" + sci(criteria.slope) + " and " +
                            sci(criteria.negligibleAt1) + " / N^" + sci(criteria.slope);
  for (const FnPoint& p : out.curve) {
    SourcePart part;
    part.table = kSocietalRiskTable;
    part.attributes = {{"scope", scope},
                       {"deaths", p.deaths},
                       {"frequency_per_year", p.frequencyPerYear},
                       {"region", regionName(criteria.region(p.deaths, p.frequencyPerYear))},
                       {"intolerable_line", criteria.intolerable(p.deaths)},
                       {"negligible_line", criteria.negligible(p.deaths)},
                       {"curve_region", regionName(out.verdict.region)},
                       {"criterion_verified", criteria.verified ? 1 : 0},
                       {"standard", "GB 36894-2018 Figure 1 (F-N); " + criteria.source}};
    part.geometry = std::make_unique<OGRPoint>(x, y);  // where the outcomes start: the rows sit at the plant
    out.parts.push_back(std::move(part));
  }
  // The curve for charts (the relocation report): every step, thinned to
  // at most 200 evenly picked ones (the full curve is in the table).
  nlohmann::json curve = nlohmann::json::array();
  const std::size_t every = out.curve.size() / 200 + 1;
  for (std::size_t i = 0; i < out.curve.size(); ++i)
    if (i % every == 0 || i + 1 == out.curve.size())
      curve.push_back({out.curve[i].deaths, out.curve[i].frequencyPerYear});
  out.figures = {{"outcomes", deaths.size()},
                 {"curve", curve},
                 {"population_points", people.size()},
                 {"people_within_reach", peopleRead},
                 {"max_expected_deaths", maxDeaths},
                 {"curve_steps", out.curve.size()},
                 {"region", regionName(out.verdict.region)},
                 {"worst_step", {{"deaths", out.verdict.worst.deaths},
                                 {"frequency_per_year", out.verdict.worst.frequencyPerYear},
                                 {"ratio_to_intolerable_line", out.verdict.worstRatio}}},
                 {"criterion", {{"intolerable_f_at_n1", criteria.intolerableAt1},
                                {"negligible_f_at_n1", criteria.negligibleAt1},
                                {"slope", criteria.slope},
                                {"min_deaths", criteria.minDeaths},
                                {"verified", criteria.verified},
                                {"source", criteria.source}}}};
  const char* unverified = criteria.verified ? "" : " (criterion lines: riskmap's unverified reading, qra.toml [societal])";
  const char* unverifiedZh = criteria.verified ? "" : "（基准线为 riskmap 未经核对的默认值，见 qra.toml [societal]）";
  char buf[512];
  if (out.curve.empty()) {
    std::snprintf(buf, sizeof buf,
                  "societal risk (GB 36894-2018 F-N): no outcome kills %s or more of the %.0f people within reach "
                  "(most: %.2f): %s region%s",
                  sci(criteria.minDeaths).c_str(), peopleRead, maxDeaths, regionName(out.verdict.region), unverified);
    out.rule = buf;
    std::snprintf(buf, sizeof buf, "社会风险（GB 36894-2018 F-N 曲线）：影响范围内 %.0f 人，无事故后果达 %s 人死亡（最多 %.2f 人），属%s%s",
                  peopleRead, sci(criteria.minDeaths).c_str(), maxDeaths, regionNameZh(out.verdict.region), unverifiedZh);
    out.ruleZh = buf;
    return out;
  }
  std::snprintf(buf, sizeof buf,
                "societal risk (GB 36894-2018 F-N): up to N = %.1f expected deaths, nearest the intolerable line at "
                "N = %.1f with F = %s/y against its %s/y (lines %s): %s region%s",
                maxDeaths, out.verdict.worst.deaths, sci(out.verdict.worst.frequencyPerYear).c_str(),
                sci(criteria.intolerable(out.verdict.worst.deaths)).c_str(), lines.c_str(),
                regionName(out.verdict.region), unverified);
  out.rule = buf;
  std::snprintf(buf, sizeof buf,
                "社会风险（GB 36894-2018 F-N 曲线）：最多预期死亡 %.1f 人，N = %.1f 时累计频率 F = %s/年，不可接受线为 %s/年，属%s%s",
                maxDeaths, out.verdict.worst.deaths, sci(out.verdict.worst.frequencyPerYear).c_str(),
                sci(criteria.intolerable(out.verdict.worst.deaths)).c_str(), regionNameZh(out.verdict.region),
                unverifiedZh);
  out.ruleZh = buf;
  return out;
}

}  // namespace riskmap::qra
