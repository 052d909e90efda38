#include "PlantMap.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "PlanDrawing.hpp"
#include "RiskCard.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PrintScale.hpp"
#include "riskmap/print/TableBlock.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap::enterprise {
namespace {

namespace fs = std::filesystem;

constexpr double kCardBodyPt = 7.5;  // the card's body text is 1.15 x this: 8.6 pt, read at arm's length on A4

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// At most n characters (code points) of UTF-8 text, with an ellipsis when cut: the
// table keeps one line a row; the card prints the whole text.
std::string shortened(const std::string& text, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == n) return text.substr(0, i) + "…";
  return text;
}

Table pointTable(const PlantMapInput& in, const Palette& palette) {
  Table t;
  t.columns = {{"编号", Align::Centre}, {"台账编号"}, {"风险点名称"}, {"所在单元"}, {"类型"}, {"主要危险有害因素"},
               {"方法", Align::Centre}, {"取值"}, {"D/R", Align::Right}, {"风险等级"}, {"主要管控措施", Align::Left, true},
               {"责任人"}, {"应急电话"}};
  for (const RiskPoint& p : in.reg.points) {
    t.rows.push_back({std::to_string(p.number), p.id, shortened(p.name, 16), p.unit, shortened(p.type, 6),
                      shortened(p.hazard, 14), methodName(p.method), factorsText(p), number(p.score),
                      riskGradeChinese(p.grade), p.controls, p.responsible, p.phone});
    t.swatches.push_back(gradeColour(palette, p.grade));
  }
  return t;
}

std::string gradeCounts(const PlantGrades& g) {
  std::string s;
  for (RiskGrade grade : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
    const auto it = g.pointCounts.find(grade);
    s += (s.empty() ? "" : "、") + std::string(riskGradeChinese(grade)) + " " +
         std::to_string(it == g.pointCounts.end() ? 0 : it->second);
  }
  return s;
}

std::string crsName(const std::string& wkt) {
  OGRSpatialReference srs;
  if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) return "?";
  const char* name = srs.GetName();
  const char* code = srs.GetAuthorityCode(nullptr);
  return std::string(name ? name : "?") + (code ? std::string(" (EPSG:") + code + ")" : "");
}

std::string bandsText(const char* method, const char* score, const GradeBands& b) {
  return std::string(method) + "：" + score + " ≥ " + number(b.major) + " 重大，" + number(b.high) + "–" + number(b.major) +
         " 较大，" + number(b.moderate) + "–" + number(b.high) + " 一般，< " + number(b.moderate) + " 低";
}

class PlantMapPainter {
 public:
  PlantMapPainter(const PlantMapInput& in, const PlantMapSettings& s, const Page& page, const PosterTemplate& tpl,
                  const Style& style)
      : in_(in), s_(s), page_(page), tpl_(tpl), style_(style),
        paperScale_(std::sqrt(page.width * page.height / (420 * 297 * kPointsPerMm * kPointsPerMm))),
        ctx_{tpl, data_, style, nullptr, words_, Typesetter(tpl.font, 7.2 * paperScale_ / tpl.panel.textSize),
             kPointsPerMm, MapView(), 0, {}},
        card_{tpl, data_, style, nullptr, words_, Typesetter(tpl.font, kCardBodyPt / tpl.panel.textSize), kPointsPerMm,
              MapView(), 0, {}},
        table_(pointTable(in, style.palette)) {
    const Rect content = contentRect();
    Table one = table_;
    one.rows.resize(std::min<std::size_t>(1, table_.rows.size()));
    const double h = tableHeight(ctx_, one, content.w);
    if (h == kDoesNotFit)
      throw UserError("plant-map: the risk point table does not fit the width of " + page.paper +
                      "; choose a larger --paper");
    rowHeight_ = h / (static_cast<double>(one.rows.size()) + 1.3);
    const double all = rowHeight_ * (static_cast<double>(table_.rows.size()) + 1.3);
    const double maxTable = content.h * in.rules.maxTableShare;
    firstRows_ = all <= maxTable ? table_.rows.size()
                                 : static_cast<std::size_t>(std::max(1.0, std::floor(maxTable / rowHeight_ - 1.3)));
    tableH_ = rowHeight_ * (static_cast<double>(std::min(firstRows_, table_.rows.size())) + 1.3);
    const double gap = 4 * kPointsPerMm * paperScale_, panelW = 72 * kPointsPerMm * paperScale_;
    map_ = {content.x, content.y, content.w - panelW - gap, content.h - tableH_ - gap};
    panel_ = {map_.right() + gap, content.y, panelW, map_.h};
    tableRect_ = {content.x, map_.bottom() + gap, content.w, tableH_};
    if (!in.crsWkt.empty()) {
      const auto e = in.plan.extent();
      scale_ = fitRoundScale(in.rules.printScales, (e[2] - e[0]) * 1.06, (e[3] - e[1]) * 1.06, map_.w, map_.h);
      ctx_.scale = scale_;
      ctx_.view.crs.importFromWkt(in.crsWkt.c_str());
      ctx_.view.crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      ctx_.view.minX = e[0], ctx_.view.minY = e[1], ctx_.view.maxX = e[2], ctx_.view.maxY = e[3];
    }
    view_ = fitPlan(in.plan, map_, scale_);
  }

  double scale() const { return scale_; }
  std::size_t rowsLeft() const { return table_.rows.size() - std::min(firstRows_, table_.rows.size()); }

  void drawMapPage(cairo_t* cr) const {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    drawTitle(cr);
    frame(cr, map_);
    drawPlan(cr, ctx_, in_.plan, in_.reg, in_.grades, style_.palette, map_, view_);
    drawPanel(cr);
    Table first = table_;
    first.rows.resize(std::min(firstRows_, table_.rows.size()));
    first.swatches.resize(first.rows.size());
    drawTable(cr, ctx_, first, tableRect_);
  }

  // The rows the first page had no room for, on pages of their own; returns the pages drawn.
  int drawContinuation(cairo_t* cr) const {
    int pages = 0;
    std::size_t next = firstRows_;
    const Rect content = contentRect();
    const auto perPage = static_cast<std::size_t>(std::max(1.0, std::floor(content.h / rowHeight_ - 1.3)));
    while (next < table_.rows.size()) {
      cairo_show_page(cr);
      ++pages;
      drawTitle(cr, "（续）");
      Table part = table_;
      const std::size_t end = std::min(table_.rows.size(), next + perPage);
      part.rows.assign(table_.rows.begin() + static_cast<long>(next), table_.rows.begin() + static_cast<long>(end));
      part.swatches.assign(table_.swatches.begin() + static_cast<long>(next), table_.swatches.begin() + static_cast<long>(end));
      drawTable(cr, ctx_, part, {content.x, content.y, content.w, rowHeight_ * (static_cast<double>(part.rows.size()) + 1.3)});
      next = end;
    }
    return pages;
  }

  // Text on an A4 card, whatever the plan's paper.
  const PosterContext& cardContext() const { return card_; }

 private:
  double margin() const { return 10 * kPointsPerMm * paperScale_; }
  TextSpec titleSpec() const { return {tpl_.panel.textSize * 2.2, true, 0, 0, Align::Centre}; }
  TextSpec subtitleSpec() const { return {tpl_.panel.textSize * 1.1, false, 0, 0, Align::Centre}; }
  Rect contentRect() const {
    const double top = margin() + ctx_.text.measure("国", titleSpec()).height +
                       ctx_.text.measure("国", subtitleSpec()).height * 1.8;
    return {margin(), top, page_.width - 2 * margin(), page_.height - top - margin()};
  }

  void frame(cairo_t* cr, const Rect& r) const {
    const Rgba ink = ctx_.textColour();
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
    cairo_set_line_width(cr, 0.8 * ctx_.text.scale());
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_stroke(cr);
  }

  void drawTitle(cairo_t* cr, const std::string& suffix = {}) const {
    const Rgba ink = ctx_.textColour();
    double y = margin();
    ctx_.text.draw(cr, in_.plant.name + "安全风险四色分布图" + suffix, titleSpec(), page_.width / 2, y, ink);
    y += ctx_.text.measure("国", titleSpec()).height * 1.1;
    const std::string grade = in_.grades.enterprise ? riskGradeChinese(*in_.grades.enterprise) : "未评级（无风险点）";
    ctx_.text.draw(cr,
                   "企业风险等级：" + grade + "    风险点 " + std::to_string(in_.reg.points.size()) + " 个（" +
                       gradeCounts(in_.grades) + "）    绘制日期 " + s_.date,
                   subtitleSpec(), page_.width / 2, y, ink);
  }

  // The legend, the scale (or why there is none) and the notes, top to bottom.
  void drawPanel(cairo_t* cr) const {
    const PosterContext& c = ctx_;
    const Rgba ink = c.textColour();
    double y = panel_.y;
    drawHeading(cr, c, tpl_.legend.heading, {panel_.x, y, panel_.w, headingHeight(c)});
    y += headingHeight(c);
    const double row = c.text.measure("国", c.body()).height * 1.6, sw = row * 1.4, sh = row * 0.7;
    auto label = [&](const std::string& text) {
      c.text.draw(cr, text, c.body(), panel_.x + sw + row * 0.4, y + (row - c.text.measure(text, c.body()).height) / 2, ink);
      y += row;
    };
    for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
      const Rgba col = gradeColour(style_.palette, g);
      cairo_rectangle(cr, panel_.x, y + (row - sh) / 2, sw, sh);
      cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.85);
      cairo_fill(cr);
      int units = 0;
      for (const auto& [id, u] : in_.grades.units) units += u.grade == g;
      label(style_.palette[g].name + "  单元 " + std::to_string(units));
    }
    cairo_rectangle(cr, panel_.x, y + (row - sh) / 2, sw, sh);
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_fill(cr);
    label("无风险点的单元");
    drawMarker(cr, c, {panel_.x + sw / 2, y + row / 2}, markerRadius(c), "7", gradeColour(style_.palette, RiskGrade::High),
               RiskGrade::High);
    label("风险点及编号（按等级着色）");
    auto has = [&](PlanRole r) {
      return std::any_of(in_.plan.features.begin(), in_.plan.features.end(), [r](const PlanFeature& f) { return f.role == r; });
    };
    if (has(PlanRole::Evacuation)) {
      cairo_set_source_rgb(cr, 0.0, 0.62, 0.30);
      cairo_set_line_width(cr, 1.6 * c.text.scale());
      cairo_move_to(cr, panel_.x, y + row / 2);
      cairo_line_to(cr, panel_.x + sw, y + row / 2);
      cairo_stroke(cr);
      label("应急疏散路线");
    }
    if (has(PlanRole::Assembly)) {
      cairo_set_source_rgb(cr, 0.0, 0.62, 0.30);
      cairo_rectangle(cr, panel_.x + sw / 2 - sh / 2, y + (row - sh) / 2, sh, sh);
      cairo_fill(cr);
      label("应急集合点");
    }
    y += row * 0.5;
    if (scale_ > 0) {
      const std::unique_ptr<PosterBlock> scale = makePanelBlock("scale");
      const double h = scale->height(c, panel_.w);
      if (h != kDoesNotFit) {
        scale->draw(cr, c, {panel_.x, y, panel_.w, h});
        y += h + row * 0.5;
      }
    } else {
      drawHeading(cr, c, tpl_.scale.heading, {panel_.x, y, panel_.w, headingHeight(c)});
      y += headingHeight(c);
      TextSpec big = c.body();
      big.size *= 1.25, big.bold = true;
      c.text.draw(cr, "不按比例", big, panel_.x, y, ink);
      y += c.text.measure("国", big).height * 1.3;
    }
    TextSpec note = c.body();
    note.size *= 0.85, note.wrapWidth = panel_.w;
    for (const std::string& text : notes()) {
      c.text.draw(cr, text, note, panel_.x, y, ink);
      y += c.text.measure(text, note).height + row * 0.25;
    }
  }

  std::vector<std::string> notes() const {
    std::vector<std::string> n;
    if (in_.crsWkt.empty()) {
      n.push_back("平面图未经地理配准（无原点与控制点），按厂区坐标绘制：不按比例，方向未知，无指北针。");
    } else {
      std::string how;
      if (in_.fit) {
        std::ostringstream s;
        s.precision(3);
        s << "按 " << in_.fit->residuals.size() << " 个控制点的相似变换配准，残差均方根 " << std::fixed << in_.fit->rms
          << " 米（限值 " << in_.plant.maxResidualM.value_or(in_.rules.maxResidualM) << " 米）。";
        how = s.str();
      } else if (in_.plant.origin) {
        how = "按厂区原点与旋转角（" + number(in_.plant.rotationDeg) + "°）配准。";
      } else {
        how = "平面图自带坐标系。";
      }
      n.push_back("坐标系 " + crsName(in_.crsWkt) + "；" + how + "指北针指向真北。");
    }
    n.push_back("风险分级（默认值，可在项目 [rules.enterprise] 中修改，非国家标准）：" +
                bandsText("LEC", "D", in_.rules.lecBands) + "；" + bandsText("风险矩阵", "R", in_.rules.matrixBands) +
                "。单元取其风险点的最高等级，企业取其单元的最高等级（就高）。");
    n.push_back(in_.plant.name + "  " + s_.date + "  riskmap");
    return n;
  }

  const PlantMapInput& in_;
  const PlantMapSettings& s_;
  Page page_;
  const PosterTemplate& tpl_;
  const Style& style_;
  PosterData data_;
  PosterWords words_;
  double paperScale_;
  PosterContext ctx_, card_;
  Table table_;
  double rowHeight_ = 0, tableH_ = 0, scale_ = 0;
  std::size_t firstRows_ = 0;
  Rect map_, panel_, tableRect_;
  PlanView view_;
};

}  // namespace

PlantMapResult writePlantMap(const fs::path& out, const PlantMapInput& in, const PlantMapSettings& s) {
  const std::string ext = out.extension().string();
  if (ext != ".pdf" && ext != ".png" && ext != ".svg")
    throw UserError(out.string() + ": plant-map writes .pdf, .png or .svg");
  const Style style = Style::load(s.stylesDir / "default.json");
  const PosterTemplate tpl = PosterTemplate::load(s.stylesDir / "poster.toml");
  const Page page = paperPage(s.paper, Orientation::Landscape);
  const PlantMapPainter painter(in, s, page, tpl, style);
  PlantMapResult result{painter.scale(), 1, 0};
  if (ext != ".pdf" && painter.rowsLeft() > 0)
    throw UserError(out.string() + ": " + std::to_string(in.reg.points.size()) + " risk points do not fit one page of " +
                    page.paper + "; write a .pdf (the table continues on further pages) or choose a larger --paper");
  PendingFile file(out);
  CairoSurfacePtr surface;
  if (ext == ".pdf") surface.reset(cairo_pdf_surface_create(file.path().c_str(), page.width, page.height));
  else if (ext == ".svg") surface.reset(cairo_svg_surface_create(file.path().c_str(), page.width, page.height));
  else
    surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(std::lround(page.width * s.dpi / 72)),
                                             static_cast<int>(std::lround(page.height * s.dpi / 72))));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(out.string() + ": cannot create: " + cairo_status_to_string(cairo_surface_status(surface.get())));
  if (ext == ".pdf") {
    const std::string title = in.plant.name + "安全风险四色分布图";
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "riskmap");
  }
  {
    CairoPtr cr(cairo_create(surface.get()));
    if (ext == ".png") cairo_scale(cr.get(), s.dpi / 72, s.dpi / 72);
    painter.drawMapPage(cr.get());
    if (ext == ".pdf") {
      result.pages += painter.drawContinuation(cr.get());
      const Page a4 = paperPage("A4", Orientation::Portrait);
      for (const RiskPoint& p : in.reg.points) {
        if (p.grade != RiskGrade::Major && p.grade != RiskGrade::High) continue;
        cairo_show_page(cr.get());
        cairo_pdf_surface_set_size(surface.get(), a4.width, a4.height);
        drawRiskCard(cr.get(), painter.cardContext(), in.plant, p, style.palette, s.date, a4.width, a4.height);
        ++result.cards;
      }
      result.pages += result.cards;
    }
    cairo_show_page(cr.get());
  }
  if (ext == ".png") {
    cairo_surface_flush(surface.get());
    if (cairo_surface_write_to_png(surface.get(), file.path().c_str()) != CAIRO_STATUS_SUCCESS)
      throw UserError(out.string() + ": cannot write the PNG");
  }
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  surface.reset();
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(out.string() + ": " + cairo_status_to_string(status));
  file.commit();
  return result;
}

}  // namespace riskmap::enterprise
