#include "RelocationQra.hpp"

#include <cstdio>
#include <map>

namespace riskmap::relocation {

namespace {

using nlohmann::json;

const json* qraOf(const PlantFigures& p) {
  const auto it = p.figures.find("qra");
  return it == p.figures.end() || !it->is_object() ? nullptr : &*it;
}

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", v);
  return buf;
}

// The GB 36894 region names the report prints (figures hold the English ones).
std::string regionZh(const std::string& region) {
  if (region == "intolerable") return "不可接受区";
  if (region == "ALARP") return "尽可能降低区";
  if (region == "negligible") return "可接受区";
  return region;
}

FnSeries series(const json& societal, const std::string& label, Rgba colour, bool dashed) {
  FnSeries s{label, {}, colour, dashed};
  for (const json& p : societal.value("curve", json::array()))
    if (p.is_array() && p.size() == 2) s.steps.emplace_back(p[0].get<double>(), p[1].get<double>());
  return s;
}

}  // namespace

std::vector<Flag> qraTargetFlags(const PlantFigures& after) {
  std::vector<Flag> out;
  const json* qra = qraOf(after);
  if (!qra) return out;
  for (const json& t : qra->value("exceeding_targets", json::array())) {
    const std::string name = t.value("name", ""), kind = t.value("kind", ""), cls = t.value("class", "");
    const std::string risk = sci(t.value("individual_risk", 0.0)), limit = sci(t.value("criterion_per_year", 0.0));
    out.push_back({"qra_target_over_criterion",
                   "protected target " + name + " (" + kind + ", " + cls + ") at the new site: individual risk " + risk +
                       "/y above its GB 36894-2018 criterion " + limit + "/y",
                   "新址防护目标 " + name + "（" + kind + "）个人风险 " + risk + "/年，超过 GB 36894-2018 表 1 基准 " + limit +
                       "/年"});
  }
  return out;
}

Table qraContoursTable(const PlantFigures& before, const PlantFigures& after) {
  Table t{{{"个人风险等值线 (/年)"}, {"搬迁前范围 (米)", Align::Right}, {"搬迁后范围 (米)", Align::Right}}, {}, {}, false};
  std::map<double, std::pair<std::string, std::string>> reach;  // level -> before, after
  for (const auto& [figures, side] : {std::pair{&before, 0}, std::pair{&after, 1}}) {
    const json* qra = qraOf(*figures);
    if (!qra) continue;
    for (const json& c : qra->value("contours", json::array())) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.0f", c.value("reach_m", 0.0));
      auto& cell = reach[c.value("level_per_year", 0.0)];
      (side ? cell.second : cell.first) = buf;
    }
  }
  for (auto it = reach.rbegin(); it != reach.rend(); ++it)
    t.rows.push_back({sci(it->first), it->second.first.empty() ? "-" : it->second.first,
                      it->second.second.empty() ? "-" : it->second.second});
  return t;
}

Table qraTargetsTable(const PlantFigures& before, const PlantFigures& after) {
  Table t{{{"厂址"}, {"防护目标", Align::Left, true}, {"类别"}, {"个人风险 (/年)", Align::Right}, {"基准 (/年)", Align::Right}},
          {}, {}, false};
  for (const auto& [site, figures] : {std::pair{"搬迁前", &before}, std::pair{"搬迁后", &after}}) {
    const json* qra = qraOf(*figures);
    if (!qra) continue;
    for (const json& x : qra->value("exceeding_targets", json::array()))
      t.rows.push_back({site, x.value("name", ""), x.value("class", ""), sci(x.value("individual_risk", 0.0)),
                        sci(x.value("criterion_per_year", 0.0))});
  }
  return t;
}

bool qraFnChart(const PlantFigures& before, const PlantFigures& after, const std::string& title, FnChartSpec& out) {
  const json* b = qraOf(before);
  const json* a = qraOf(after);
  const json* criterion = nullptr;
  for (const json* q : {b, a})
    if (q && q->contains("societal_risk") && q->at("societal_risk").contains("criterion"))
      criterion = &q->at("societal_risk").at("criterion");
  if (!criterion) return false;
  out = FnChartSpec{};
  out.title = title;
  out.upper = {criterion->value("intolerable_f_at_n1", 1e-3), criterion->value("slope", 1.0)};
  out.lower = {criterion->value("negligible_f_at_n1", 1e-5), criterion->value("slope", 1.0)};
  out.linesVerified = criterion->value("verified", false);
  if (b && b->contains("societal_risk"))
    out.series.push_back(series((*b)["societal_risk"], "搬迁前: " + regionZh((*b)["societal_risk"].value("region", std::string())),
                                {0.1, 0.1, 0.1, 1}, true));
  if (a && a->contains("societal_risk"))
    out.series.push_back(series((*a)["societal_risk"], "搬迁后: " + regionZh((*a)["societal_risk"].value("region", std::string())),
                                {0.05, 0.25, 0.75, 1}, false));
  return true;
}

}  // namespace riskmap::relocation
