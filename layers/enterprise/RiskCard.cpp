#include "RiskCard.hpp"

#include <cmath>
#include <sstream>

#include "PlanDrawing.hpp"

namespace riskmap::enterprise {

void drawRiskCard(cairo_t* cr, const PosterContext& c, const PlantConfig& plant, const RiskPoint& p,
                  const Palette& palette, const std::string& date, double width, double height) {
  const double margin = 15 * kPointsPerMm, inner = width - 2 * margin;
  const Rgba ink = c.textColour(), fill = gradeColour(palette, p.grade);
  const bool light = p.grade == RiskGrade::Major || p.grade == RiskGrade::Low;
  const Rgba onFill = light ? Rgba{1, 1, 1, 1} : ink;
  // The head: the card's name on the grade's colour.
  const TextSpec title{c.tpl.panel.textSize * 2.6, true, 0, 0, Align::Centre};
  const TextSpec sub{c.tpl.panel.textSize * 1.5, true, 0, 0, Align::Centre};
  const double th = c.text.measure("安全风险告知卡", title).height, sh = c.text.measure("重", sub).height;
  const double head = th + sh + 14 * kPointsPerMm;
  cairo_rectangle(cr, margin, margin, inner, head);
  cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, 1);
  cairo_fill(cr);
  double y = margin + 5 * kPointsPerMm;
  c.text.draw(cr, "安全风险告知卡", title, width / 2, y, onFill);
  y += th + 3 * kPointsPerMm;
  // The colour words of the State Council safety committee's 2016 guidance (红橙黄蓝).
  static const char* const kColourWords[] = {"", "蓝色", "黄色", "橙色", "红色"};
  c.text.draw(cr, std::string(riskGradeChinese(p.grade)) + "（" + kColourWords[static_cast<int>(p.grade)] + "）", sub,
              width / 2, y, onFill);
  y = margin + head;
  // The rows: a label column and the text, wrapped, ruled as a form.
  std::ostringstream score;
  score << methodName(p.method) << "  " << factorsText(p) << "  " << (p.method == Method::Lec ? "D = " : "R = ") << p.score;
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"风险点名称", p.name},
      {"编    号", p.id + "（图中 " + std::to_string(p.number) + " 号）"},
      {"所在单元", p.unit},
      {"风险点类型", p.type.empty() ? "—" : p.type},
      {"风险等级", riskGradeChinese(p.grade)},
      {"评价方法及取值", score.str()},
      {"主要危险有害因素", p.hazard.empty() ? "—" : p.hazard},
      {"主要管控措施", p.controls.empty() ? "—" : p.controls},
      {"管控责任人", p.responsible.empty() ? "—" : p.responsible},
      {"应急电话", p.phone.empty() ? "—" : p.phone},
      {"企业名称", plant.name},
  };
  const TextSpec label{c.tpl.panel.textSize * 1.15, true, 0, 0, Align::Left};
  const double labelW = c.text.measure("主要危险有害因素", label).width + 6 * kPointsPerMm;
  const double pad = 3 * kPointsPerMm;
  TextSpec value{c.tpl.panel.textSize * 1.15, false, inner - labelW - 2 * pad, 0, Align::Left};
  cairo_set_line_width(cr, 0.8);
  cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 1);
  const double top = y;
  for (const auto& [k, v] : rows) {
    const double h = std::max(c.text.measure(k, label).height, c.text.measure(v, value).height) + 2 * pad;
    c.text.draw(cr, k, label, margin + pad, y + pad, ink);
    c.text.draw(cr, v, value, margin + labelW + pad, y + pad, k == "风险等级" ? fill : ink);
    y += h;
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 1);
    cairo_move_to(cr, margin, y);
    cairo_line_to(cr, margin + inner, y);
    cairo_stroke(cr);
  }
  cairo_rectangle(cr, margin, top, inner, y - top);
  cairo_move_to(cr, margin + labelW, top);
  cairo_line_to(cr, margin + labelW, y);
  cairo_stroke(cr);
  const TextSpec foot{c.tpl.panel.textSize * 0.9, false, 0, 0, Align::Right};
  c.text.draw(cr, plant.name + "  制卡日期 " + date, foot, width - margin,
              height - margin - c.text.measure("国", foot).height, ink);
}

}  // namespace riskmap::enterprise
