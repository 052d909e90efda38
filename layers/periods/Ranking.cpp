#include "Ranking.hpp"

#include <cmath>
#include <cstdio>

#include "PeriodStore.hpp"
#include "PeriodMaps.hpp"
#include "relocation/Numbers.hpp"  // fixed decimals, as the relocation review prints them
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PosterData.hpp"
#include "riskmap/print/PosterTemplate.hpp"
#include "riskmap/print/ReportWriter.hpp"
#include "riskmap/render/Renderer.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap::periods {
namespace {

// Rates as percentages, counts whole, areas with two decimals.
std::string shown(const std::string& measure, double v) {
  if (measure == "rectification_rate" || measure == "listed_closed_on_time") return relocation::fixed(100 * v, 1) + "%";
  if (measure == "red_km2_per_10k_people") return relocation::fixed(v, 3);
  return relocation::fixed(v, 0);
}

}  // namespace

Ranking rankPeriod(GDALDataset& store, const IndexSpec& spec, const PeriodId& period, const std::string& level,
                   int interviewLast) {
  if (level != "township" && level != "county")
    throw UserError("--by '" + level + "': rank by township or county");
  Ranking r;
  r.period = period;
  r.level = level;
  r.spec = spec;
  r.interviewLast = interviewLast >= 0 ? interviewLast : (spec.interview.count(level) ? spec.interview.at(level) : 0);
  const std::vector<UnitFacts> units = unitFacts(store, period.id, level);
  if (units.empty())
    throw UserError(std::string(store.GetDescription()) + ": period " + period.id + " has no " + level +
                    " units (the project's " + (level == "county" ? "study_area" : "townships") + " table)");
  const std::vector<UnitMeasures> now = measureUnits(units, dangerFacts(store, period.id, level), period.end);
  for (const UnitMeasures& m : now) r.measures[m.unit] = m;
  r.previous = previousPeriod(store, period);
  std::vector<UnitMeasures> before;
  if (!r.previous.empty())
    before = measureUnits(unitFacts(store, r.previous, level), dangerFacts(store, r.previous, level),
                          parsePeriod(r.previous).end);
  r.units = rankUnits(spec, now, r.previous.empty() ? nullptr : &before, r.interviewLast);
  r.shapes = unitShapes(store, period.id, level);
  return r;
}

std::string rankingCsv(const Ranking& r) {
  std::vector<std::string> header{"period", "previous_period", "level", "rank", "unit", "index", "change",
                                  "previous_rank", "interview"};
  for (const Indicator& ind : r.spec.indicators) {
    header.push_back(ind.measure);
    header.push_back(ind.measure + "_rank");
    header.push_back(ind.measure + "_no_data");  // 1: the value is the indicator's `empty`
  }
  header.insert(header.end(), {"open_dangers", "overdue_dangers", "index_definition"});
  std::string csv = csvLine(header);
  for (const RankedUnit& u : r.units) {
    std::vector<std::string> row{r.period.id, r.previous, r.level, std::to_string(u.rank), u.unit, relocation::fixed(u.index, 2),
                                 rankChange(u), u.previousRank ? std::to_string(*u.previousRank) : "",
                                 u.interview ? "1" : "0"};
    for (std::size_t i = 0; i < r.spec.indicators.size(); ++i) {
      row.push_back(relocation::fixed(u.indicators[i].value, 6));
      row.push_back(std::to_string(u.indicators[i].rank));
      row.push_back(u.indicators[i].filled ? "1" : "0");
    }
    const UnitMeasures& m = r.measures.at(u.unit);
    row.push_back(relocation::fixed(m.values.at("open_dangers").value_or(0), 0));
    row.push_back(relocation::fixed(m.values.at("overdue_dangers").value_or(0), 0));
    row.push_back(r.spec.standard + " (" + std::filesystem::path(r.spec.source).filename().string() + ")");
    csv += csvLine(row);
  }
  return csv;
}

void writeRankingPdf(const std::filesystem::path& out, const Project& project, const Ranking& r,
                     const std::filesystem::path& stylesDir) {
  const PosterTemplate tpl = PosterTemplate::load(stylesDir / "poster.toml");
  const Style style = Style::load(stylesDir / "default.json");
  const PosterData data = PosterData::read(project, tpl);
  const Renderer renderer(project.library.gdalName(), style);
  const std::string unitZh = r.level == "county" ? "县(市、区)" : "乡镇(街道)";
  const std::string title = project.name + " 隐患排查治理评价指数排名 (" + r.period.id + ")";
  ReportWriter w(out, paperPage("A3", Orientation::Landscape), tpl, data, style, renderer,
                 {title, r.units.size() > 40 ? 7.0 : 8.5});
  w.heading(title);
  std::string weights;
  for (const Indicator& ind : r.spec.indicators)
    weights += (weights.empty() ? "" : ", ") + ind.label + " " + relocation::fixed(100 * ind.weight, 0) + "%" +
               (ind.higherIsBetter ? " (越高越好)" : " (越低越好)");
  w.paragraph("统计期 " + r.period.start + " 至 " + r.period.end + "; 比较期 " +
              (r.previous.empty() ? std::string("无") : r.previous) + "; 参评" + unitZh + " " +
              std::to_string(r.units.size()) + " 个。指标与权重: " + weights + "; 归一化 " + r.spec.normalisation +
              "; 指数满分 100。" + r.spec.standard + " (" + std::filesystem::path(r.spec.source).filename().string() +
              ")。");
  Table t{{{"排名", Align::Right}, {unitZh, Align::Left, true}, {"指数", Align::Right}, {"升降", Align::Right}}, {}, {},
          false};
  for (const Indicator& ind : r.spec.indicators) t.columns.push_back({ind.label + " (名次)", Align::Right});
  t.columns.push_back({"在改隐患", Align::Right});
  t.columns.push_back({"逾期隐患", Align::Right});
  t.columns.push_back({"约谈"});
  std::string interviewed;
  for (const RankedUnit& u : r.units) {
    std::vector<std::string> row{std::to_string(u.rank), u.unit, relocation::fixed(u.index, 1), rankChange(u)};
    for (std::size_t i = 0; i < r.spec.indicators.size(); ++i)
      row.push_back((u.indicators[i].filled ? "— " : shown(r.spec.indicators[i].measure, u.indicators[i].value)) +
                    " (" + std::to_string(u.indicators[i].rank) + ")");
    const UnitMeasures& m = r.measures.at(u.unit);
    row.push_back(relocation::fixed(m.values.at("open_dangers").value_or(0), 0));
    row.push_back(relocation::fixed(m.values.at("overdue_dangers").value_or(0), 0));
    row.push_back(u.interview ? "约谈" : "");
    if (u.interview) interviewed += (interviewed.empty() ? "" : "、") + u.unit;
    t.rows.push_back(std::move(row));
  }
  if (!r.shapes.empty()) drawIndexMap(w.cairo(), w.context(), w.box(w.body().h * 0.42), r);
  w.table(t);
  w.paragraph("后 " + std::to_string(r.interviewLast) + " 名约谈: " + (interviewed.empty() ? "无" : interviewed) +
                  "。\"—\" 表示该项无分母 (无隐患或无到期挂牌隐患), 按指标的缺省值计。升降与上一统计期相比。",
              true);
  w.finish();
}

}  // namespace riskmap::periods
