// The printed comparison of two periods (riskmap compare): one A3 page.
#include "PeriodCompare.hpp"
#include "PeriodMaps.hpp"
#include "relocation/Numbers.hpp"  // fixed decimals, as the relocation review prints them
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PosterData.hpp"
#include "riskmap/print/PosterTemplate.hpp"
#include "riskmap/print/ReportWriter.hpp"
#include "riskmap/render/Renderer.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap::periods {

void writeComparisonPdf(const std::filesystem::path& out, const Project& project, const Comparison& c,
                        const std::filesystem::path& stylesDir) {
  const PosterTemplate tpl = PosterTemplate::load(stylesDir / "poster.toml");
  const Style style = Style::load(stylesDir / "default.json");
  const PosterData data = PosterData::read(project, tpl);
  const Renderer renderer(project.library.gdalName(), style);
  const std::string title = project.name + " 风险变化对比 (" + c.from.id + " 至 " + c.to.id + ")";
  ReportWriter w(out, paperPage("A3", Orientation::Landscape), tpl, data, style, renderer, {title});
  w.heading(title);
  double up = 0, down = 0;
  for (const ZoneChange& z : c.zones) (z.up ? up : down) += z.areaKm2;
  w.paragraph("风险等级升级区域 " + relocation::fixed(up, 3) + " 平方千米, 降级区域 " + relocation::fixed(down, 3) +
              " 平方千米 (两期四色分区精确叠加); 风险源变化 " + std::to_string(c.sources.size()) + " 处。");
  if (!c.shapes.empty()) drawChangeMap(w.cairo(), w.context(), w.box(w.body().h * 0.42), c);
  Table sources{{{"变化"}, {"图层"}, {"编号"}, {"名称", Align::Left, true}, {"原等级"}, {"现等级"}, {"乡镇"},
                 {"位移(米)", Align::Right}},
                {}, {}, false};
  for (const SourceChange& s : c.sources)
    sources.rows.push_back({s.change, s.layer, s.id, s.name, s.fromGrade, s.toGrade, s.township,
                            s.movedM > 0 ? relocation::fixed(s.movedM, 0) : ""});
  if (!sources.rows.empty()) w.table(sources);
  Table dangers{{{c.level == "county" ? "县(市、区)" : "乡镇(街道)", Align::Left, true}, {"新发现", Align::Right},
                 {"已整改", Align::Right}, {"期初逾期", Align::Right}, {"期末逾期", Align::Right}, {"期末在改", Align::Right}},
                {}, {}, false};
  for (const DangerChange& d : c.dangers)
    dangers.rows.push_back({d.unit.empty() ? "(辖区外)" : d.unit, std::to_string(d.opened), std::to_string(d.closed),
                            std::to_string(d.overdueBefore), std::to_string(d.overdueAfter), std::to_string(d.openAfter)});
  w.table(dangers);
  w.finish();
}

}  // namespace riskmap::periods
