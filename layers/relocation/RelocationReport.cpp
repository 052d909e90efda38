#include "RelocationReport.hpp"

#include "Numbers.hpp"
#include "RelocationQra.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "riskmap/print/MapFrame.hpp"
#include "riskmap/print/PrintScale.hpp"
#include "riskmap/print/ReportWriter.hpp"
#include "riskmap/scenario/ScenarioLibrary.hpp"

namespace riskmap::relocation {
namespace {

std::string plantGrade(const std::string& g) {
  static const std::map<std::string, std::string> names{
      {"1", "一级"}, {"2", "二级"}, {"3", "三级"}, {"4", "四级"}, {"not major", "非重大危险源"}, {"ungraded", "未分级"}};
  const auto it = names.find(g);
  return it == names.end() ? g : it->second;
}

std::string ringName(const std::string& r) {
  if (r == "exposure_500m") return "厂界外";
  if (r == "external_safety") return "外部安全防护距离";
  return r;
}

std::string kindName(const std::string& k) {
  static const std::map<std::string, std::string> names{
      {"school", "学校"}, {"kindergarten", "幼儿园"}, {"hospital", "医院"}, {"elderly_home", "养老院"},
      {"market", "集贸市场"}, {"residential", "居住区"}, {"office", "办公场所"}, {"station", "车站"},
      {"water_source", "水源地"}, {"nature_reserve", "自然保护区"}, {"filling_station", "加油加气站"}, {"other", "其他"}};
  const auto it = names.find(k);
  return it == names.end() ? k : it->second;
}

std::string arrow(const std::string& a, const std::string& b) { return a == b ? a : a + " → " + b; }

struct Maps {
  Style before, after;
  Renderer beforeRenderer, afterRenderer;
  Maps(const std::filesystem::path& library, const Style& style, const std::string& scenario)
      : before(style), after(renamed(style, scenario)), beforeRenderer(library, before), afterRenderer(library, after) {}
  static Style renamed(Style s, const std::string& scenario) {
    // The scenario's risk contours too (a scenario without QRA plants has no such table: drawn as nothing).
    for (const char* t : {"risk_zones", "source_grades", "footprints", "risk_contours", "risk_target_checks"})
      s.renameSource(t, scenarioTable(scenario, t));
    return s;
  }
};

struct Mark {
  double x, y;          // analysis CRS
  std::string label;
  bool moved;           // the new site (filled) or the old one (hollow)
};

void toPage(const MapView& v, const Rect& frame, double x, double y, double& px, double& py) {
  const double res = v.resolution();
  px = frame.x + (x - v.minX) / res;
  py = frame.y + (v.maxY - y) / res;
}

// The moves on a map: old sites hollow, new ones filled, an arrow between.
void drawMarks(cairo_t* cr, const PosterContext& c, const Rect& frame, const std::vector<Mark>& marks,
               const std::vector<std::pair<Mark, Mark>>& arrows, const std::vector<const Ring*>& rings) {
  cairo_save(cr);
  cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
  cairo_clip(cr);
  const double r = 4.5;
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  for (const Ring* ring : rings) {
    cairo_new_path(cr);
    cairo_save(cr);
    cairo_translate(cr, frame.x, frame.y);
    traceRings(cr, *ring->geometry, c.view);
    cairo_restore(cr);
    const double dash[] = {4, 2.5};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.9);
    cairo_stroke(cr);
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  for (const auto& [a, b] : arrows) {
    double x0, y0, x1, y1;
    toPage(c.view, frame, a.x, a.y, x0, y0);
    toPage(c.view, frame, b.x, b.y, x1, y1);
    const double len = std::hypot(x1 - x0, y1 - y0);
    if (len < 2 * r) continue;
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    const double ex = x1 - ux * r * 1.4, ey = y1 - uy * r * 1.4;
    cairo_set_line_width(cr, 1.4);
    cairo_move_to(cr, x0 + ux * r, y0 + uy * r);
    cairo_line_to(cr, ex, ey);
    cairo_stroke(cr);
    cairo_move_to(cr, ex + ux * 0.1, ey + uy * 0.1);
    cairo_line_to(cr, ex - ux * 6 - uy * 3.5, ey - uy * 6 + ux * 3.5);
    cairo_line_to(cr, ex - ux * 6 + uy * 3.5, ey - uy * 6 - ux * 3.5);
    cairo_close_path(cr);
    cairo_fill(cr);
  }
  const TextSpec label{c.tpl.panel.textSize * 0.95, true, 0, 0, Align::Left};
  for (const Mark& m : marks) {
    double px, py;
    toPage(c.view, frame, m.x, m.y, px, py);
    cairo_new_path(cr);
    cairo_arc(cr, px, py, r, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    if (m.moved) {
      cairo_arc(cr, px, py, r * 0.5, 0, 2 * M_PI);
      cairo_fill(cr);
    }
    // Label with a white halo so it reads over any zone colour.
    const TextSize s = c.text.measure(m.label, label);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, px + r + 1, py - s.height / 2, s.width + 2, s.height);
    cairo_fill(cr);
    c.text.draw(cr, m.label, label, px + r + 2, py - s.height / 2, {0.1, 0.1, 0.1, 1});
  }
  cairo_restore(cr);
}

void grow(OGREnvelope& e, const OGRGeometry& g) {
  OGREnvelope ge;
  g.getEnvelope(&ge);
  e.Merge(ge);
}

// Two maps side by side in box at the same scale, with captions; returns the scale.
double mapPair(ReportWriter& w, const Rect& box, Renderer& left, Renderer& right, const OGREnvelope& leftGround,
               const OGREnvelope& rightGround, const std::string& leftCaption, const std::string& rightCaption,
               const std::function<void(const PosterContext&, const Rect&, bool)>& marks) {
  const PosterContext& c = w.context();
  const double gap = w.gap() * 2, captionH = c.text.measure("国", c.heading()).height * 1.4;
  const double band = tickBand(c);
  const double frameW = std::floor((box.w - gap) / 2 - 2 * band), frameH = std::floor(box.h - captionH - 2 * band);
  // One scale for both: the larger of the two grounds fitted, each centred on its own.
  OGREnvelope both = leftGround;
  const double halfW = std::max(leftGround.MaxX - leftGround.MinX, rightGround.MaxX - rightGround.MinX) / 2;
  const double halfH = std::max(leftGround.MaxY - leftGround.MinY, rightGround.MaxY - rightGround.MinY) / 2;
  double scale = 0;
  auto sized = [&](const OGREnvelope& e) {
    OGREnvelope s;
    const double cx = (e.MinX + e.MaxX) / 2, cy = (e.MinY + e.MaxY) / 2;
    s.MinX = cx - halfW, s.MaxX = cx + halfW, s.MinY = cy - halfH, s.MaxY = cy + halfH;
    return s;
  };
  both = sized(leftGround);
  for (int side = 0; side < 2; ++side) {
    const Rect frame{std::round(box.x + side * (box.w + gap) / 2 + band), std::round(box.y + captionH + band), frameW, frameH};
    const MapView view = fitView(sized(side ? rightGround : leftGround), 0.08, frame, c.tpl.scales, c.data.crs, scale);
    std::unique_ptr<PosterContext> mc = w.mapContext(view, scale);
    mc->view.scaleFactor = 0.6;
    c.text.draw(w.cairo(), (side ? rightCaption : leftCaption) + "  " + scaleText(scale), c.heading(), frame.x,
                box.y, c.textColour());
    drawMapFrame(w.cairo(), *mc, side ? right : left, frame);
    marks(*mc, frame, side == 1);
  }
  return scale;
}

Table figuresTable(const MovedPlant& m) {
  const PlantFigures& b = m.plant->baseline;
  const PlantFigures& a = m.after;
  Table t{{{"指标"}, {"搬迁前", Align::Right}, {"搬迁后", Align::Right}, {"变化", Align::Right}}, {}, {}, false};
  t.rows.push_back({"重大危险源级别 (GB 18218)", plantGrade(b.grade), plantGrade(a.grade), b.grade == a.grade ? "—" : "变化"});
  t.rows.push_back({"R = α·Σβq/Q", fixed(b.R, 2), fixed(a.R, 2), signedFixed(a.R - b.R, 2)});
  t.rows.push_back({"α (500米内常住人口校正)", fixed(b.alpha, 1), fixed(a.alpha, 1), signedFixed(a.alpha - b.alpha, 1)});
  t.rows.push_back({"S = Σq/Q", fixed(b.S, 3), fixed(a.S, 3), signedFixed(a.S - b.S, 3)});
  std::vector<std::string> rings;
  for (const Ring& r : b.rings) rings.push_back(r.ring);
  for (const Ring& r : a.rings)
    if (std::find(rings.begin(), rings.end(), r.ring) == rings.end()) rings.push_back(r.ring);
  for (const std::string& name : rings) {
    const Ring* rb = b.ring(name);
    const Ring* ra = a.ring(name);
    const std::string label = ringName(name) + (ra ? " " + fixed(ra->distanceM, 0) + "米" : rb ? " " + fixed(rb->distanceM, 0) + "米" : "");
    const double pb = rb ? rb->people : 0, pa = ra ? ra->people : 0;
    t.rows.push_back({label + " 人口", thousands(pb), thousands(pa), signedThousands(pa - pb)});
    const double hb = rb ? static_cast<double>(rb->households) : 0, ha = ra ? static_cast<double>(ra->households) : 0;
    t.rows.push_back({label + " 户数", thousands(hb), thousands(ha), signedThousands(ha - hb)});
    long long tb = 0, ta = 0;
    if (rb)
      for (const auto& [k, n] : rb->targets) tb += n;
    if (ra)
      for (const auto& [k, n] : ra->targets) ta += n;
    t.rows.push_back({label + " 防护目标", thousands(static_cast<double>(tb)), thousands(static_cast<double>(ta)),
                      signedThousands(static_cast<double>(ta - tb))});
    t.rows.push_back({label + " 区域风险等级", rb && !rb->zoneGrade.empty() ? riskGradeChinese(*parseRiskGrade(rb->zoneGrade)) : "—",
                      ra && !ra->zoneGrade.empty() ? riskGradeChinese(*parseRiskGrade(ra->zoneGrade)) : "—", ""});
  }
  return t;
}

Table inventoryTable(const PlantFigures& f) {
  Table t{{{"物质", Align::Left, true}, {"类别"}, {"q (t)", Align::Right}, {"Q (t)", Align::Right}, {"β", Align::Right},
           {"βq/Q", Align::Right}},
          {}, {}, false};
  if (f.figures.contains("items"))
    for (const auto& i : f.figures["items"]) {
      const double q = i.value("q_t", 0.0), Q = i.value("Q_t", 0.0), beta = i.value("beta", 1.0);
      t.rows.push_back({i.value("substance", std::string()), i.value("category", std::string()), fixed(q, 1), fixed(Q, 1),
                        fixed(beta, 1), Q > 0 ? fixed(beta * q / Q, 3) : ""});
    }
  return t;
}

Table targetsTable(const std::vector<NearbyTarget>& targets) {
  Table t{{{"防护目标", Align::Left, true}, {"类别"}, {"所在范围"}, {"距厂址 (米)", Align::Right}}, {}, {}, false};
  for (const NearbyTarget& n : targets)
    t.rows.push_back({n.name, kindName(n.kind), n.ring == "exposure_500m" ? "厂界外500米内" : ringName(n.ring) + "内", fixed(n.distanceM, 0)});
  return t;
}

}  // namespace

void writeRankingReport(const std::filesystem::path& out, const Project& project, const Ranking& ranking,
                        const RelocationRules& rules, const ReportSettings& settings) {
  const PosterTemplate tpl = PosterTemplate::load(settings.stylesDir / "poster.toml");
  const Style style = Style::load(settings.stylesDir / "default.json");
  const PosterData data = PosterData::read(project, tpl);
  const Renderer renderer(project.library.gdalName(), style);
  ReportWriter w(out, paperPage(settings.paper, Orientation::Landscape), tpl, data, style, renderer,
                 {project.name + " 城镇人口密集区危险化学品生产企业搬迁排序"});
  w.heading(project.name + " 城镇人口密集区危险化学品生产企业搬迁优先排序");
  std::string order;
  for (PriorityKey k : rules.priority) order += (order.empty() ? "" : " > ") + std::string(priorityKeyName(k));
  w.paragraph("人口密集区判定: " + ranking.denseMethod + "; 参评企业 " + std::to_string(ranking.plantsConsidered) +
              " 家, 位于人口密集区 " + std::to_string(ranking.rows.size()) + " 家。排序依据 (依次比较): " + order +
              " (" + std::filesystem::path(rules.source).filename().string() + ")。" + (settings.date.empty() ? "" : " 日期: " + settings.date));
  Table t{{{"序号", Align::Right}, {"编号"}, {"企业名称", Align::Left, true}, {"级别"}, {"R", Align::Right},
           {"500米内人口", Align::Right}, {"防护距离内人口", Align::Right}, {"高敏感目标", Align::Right},
           {"园区"}, {"人口密集区依据"}, {"排在下一家之前的依据"}},
          {}, {}, false};
  for (const RankedPlant& r : ranking.rows)
    t.rows.push_back({std::to_string(r.rank), r.plant->id, r.plant->name, plantGrade(r.plant->baseline.grade),
                      fixed(r.plant->baseline.R, 1), thousands(static_cast<double>(r.people500)),
                      thousands(static_cast<double>(r.peopleExternalSafety)), std::to_string(r.sensitiveTargets),
                      r.inPark ? (r.park.empty() ? "园区内" : r.park) : "园区外", r.denseBy, r.aheadOfNextByZh});
  w.table(t);
  w.finish();
}

void writeScenarioReport(const std::filesystem::path& out, const Project& project, const ScenarioResult& s,
                         const ReportSettings& settings) {
  const PosterTemplate tpl = PosterTemplate::load(settings.stylesDir / "poster.toml");
  const Style style = Style::load(settings.stylesDir / "default.json");
  const PosterData data = PosterData::read(project, tpl);
  Maps maps(project.library.gdalName(), style, s.spec.name);
  const std::string title = project.name + " 危险化学品企业搬迁方案评估: " + s.spec.name;
  ReportWriter w(out, paperPage(settings.paper, Orientation::Landscape), tpl, data, maps.before, maps.beforeRenderer,
                 {title});
  const PosterContext& c = w.context();

  // Summary page.
  w.heading(title + (s.spec.title.empty() ? "" : " (" + s.spec.title + ")"));
  int flagged = 0;
  for (const MovedPlant& m : s.moves) flagged += !m.flags.empty();
  w.paragraph("搬迁企业 " + std::to_string(s.moves.size()) + " 家, 其中去向不符合规则 " + std::to_string(flagged) +
              " 家。方案结果写入一库的 scenario_" + s.spec.name + "_* 表, 基准表不变。" +
              (settings.date.empty() ? "" : " 日期: " + settings.date));
  OGREnvelope ground;
  std::vector<Mark> before, after;
  std::vector<std::pair<Mark, Mark>> arrows;
  for (const MovedPlant& m : s.moves) {
    for (const Ring& r : m.plant->baseline.rings) grow(ground, *r.geometry);
    for (const Ring& r : m.after.rings) grow(ground, *r.geometry);
    const OGRPoint a = centreOf(*m.plant->site), b = centreOf(*m.newSite);
    before.push_back({a.getX(), a.getY(), m.plant->id, false});
    after.push_back({b.getX(), b.getY(), m.plant->id, true});
    arrows.push_back({before.back(), after.back()});
  }
  const Rect box = w.box(w.body().h * 0.56);
  mapPair(w, box, maps.beforeRenderer, maps.afterRenderer, ground, ground, "搬迁前", "搬迁后",
          [&](const PosterContext& mc, const Rect& frame, bool isAfter) {
            drawMarks(w.cairo(), mc, frame, isAfter ? after : before,
                      isAfter ? arrows : std::vector<std::pair<Mark, Mark>>{}, {});
          });

  Table moves{{{"企业", Align::Left, true}, {"去向"}, {"迁移距离 (米)", Align::Right}, {"级别"}, {"R"}, {"α"},
               {"500米内人口"}, {"防护距离内人口"}, {"问题"}},
              {}, {}, false};
  for (const MovedPlant& m : s.moves) {
    const PlantFigures& b = m.plant->baseline;
    moves.rows.push_back({m.plant->id + " " + m.plant->name,
                          m.park ? m.park->name + " (" + m.park->grade + "类)" : m.move.to.text(), fixed(m.distanceM, 0),
                          arrow(plantGrade(b.grade), plantGrade(m.after.grade)), arrow(fixed(b.R, 1), fixed(m.after.R, 1)),
                          arrow(fixed(b.alpha, 1), fixed(m.after.alpha, 1)), arrow(thousands(b.people500), thousands(m.after.people500)),
                          arrow(thousands(b.peopleIn("external_safety")), thousands(m.after.peopleIn("external_safety"))),
                          m.flags.empty() ? "无" : std::to_string(m.flags.size()) + " 项"});
  }
  w.table(moves);
  Table grades{{{"区域风险等级"}, {"面积 前 (km²)", Align::Right}, {"面积 后", Align::Right}, {"变化", Align::Right},
                {"人口 前", Align::Right}, {"人口 后", Align::Right}, {"变化", Align::Right}},
               {}, {}, false};
  for (const AreaChange& g : s.grades) {
    grades.rows.push_back({riskGradeChinese(g.grade), fixed(g.areaBefore, 2), fixed(g.areaAfter, 2),
                           signedFixed(g.areaAfter - g.areaBefore, 2), thousands(g.peopleBefore), thousands(g.peopleAfter),
                           signedThousands(g.peopleAfter - g.peopleBefore)});
    const auto& rgb = c.style.palette[g.grade].rgb;
    grades.swatches.push_back({rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1});
  }
  w.table(grades);
  Table flags{{{"企业"}, {"规则"}, {"去向问题", Align::Left, true}}, {}, {}, false};
  for (const MovedPlant& m : s.moves)
    for (const Flag& f : m.flags) flags.rows.push_back({m.plant->id + " " + m.plant->name, f.rule, f.zh});
  if (!flags.rows.empty()) w.table(flags);

  // One page per moved plant.
  for (const MovedPlant& m : s.moves) {
    w.newPage();
    w.heading(m.plant->id + " " + m.plant->name + ": " + (m.park ? m.park->name : m.move.to.text()));
    OGREnvelope old, now;
    for (const Ring& r : m.plant->baseline.rings) grow(old, *r.geometry);
    for (const Ring& r : m.after.rings) grow(now, *r.geometry);
    grow(old, *m.plant->site);
    grow(now, *m.newSite);
    const OGRPoint a = centreOf(*m.plant->site), b = centreOf(*m.newSite);
    std::vector<const Ring*> ringsBefore, ringsAfter;
    for (const Ring& r : m.plant->baseline.rings) ringsBefore.push_back(&r);
    for (const Ring& r : m.after.rings) ringsAfter.push_back(&r);
    const Rect pair = w.box(w.body().h * 0.45);
    mapPair(w, pair, maps.beforeRenderer, maps.afterRenderer, old, now, "原厂址", "新厂址",
            [&](const PosterContext& mc, const Rect& frame, bool isAfter) {
              drawMarks(w.cairo(), mc, frame, {isAfter ? Mark{b.getX(), b.getY(), m.plant->id, true}
                                                       : Mark{a.getX(), a.getY(), m.plant->id, false}},
                        {}, isAfter ? ringsAfter : ringsBefore);
            });
    w.table(figuresTable(m));
    if (!m.siting.empty()) w.paragraph("园区内选址: " + m.siting, true);
    w.paragraph("搬迁前: " + m.plant->baseline.rule, true);
    w.paragraph("搬迁后: " + m.after.rule, true);
    if (m.flags.empty()) w.paragraph("去向检查: 未发现违反规则的情况。");
    for (const Flag& f : m.flags) w.paragraph("⚠ 去向问题: " + f.zh);
    w.heading("危险化学品存量");
    w.table(inventoryTable(m.plant->baseline));
    w.heading("搬迁前范围内的防护目标 (" + std::to_string(m.targetsBefore.size()) + ")");
    if (!m.targetsBefore.empty()) w.table(targetsTable(m.targetsBefore));
    w.heading("搬迁后范围内的防护目标 (" + std::to_string(m.targetsAfter.size()) + ")");
    if (!m.targetsAfter.empty()) w.table(targetsTable(m.targetsAfter));
    // The QRA at both sites: targets above their GB 36894 criterion, and the F-N chart.
    if (const Table contours = qraContoursTable(m.plant->baseline, m.after); !contours.rows.empty()) {
      w.heading("个人风险等值线 (GB 36894-2018)");
      w.table(contours);
    }
    if (const Table over = qraTargetsTable(m.plant->baseline, m.after); !over.rows.empty()) {
      w.heading("个人风险超过 GB 36894-2018 基准的防护目标");
      w.table(over);
    }
    if (FnChartSpec fn; qraFnChart(m.plant->baseline, m.after, "社会风险 F-N 曲线 (GB 36894-2018)", fn)) {
      const Rect chart = w.box(std::min(w.body().h * 0.5, w.body().w * 0.45));
      drawFnChart(w.cairo(), {chart.x, chart.y, std::min(chart.w, chart.h * 1.4), chart.h}, fn);
    }
  }
  w.finish();
}

}  // namespace riskmap::relocation
