#include "riskmap/print/FnChart.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/print/Typesetter.hpp"

namespace riskmap {

namespace {

constexpr const char* kFont = "Noto Sans CJK SC";  // fonts-noto-cjk, as the renderer and poster

// Region fills: the four-colour map's red, a pale amber, a pale green.
const Rgba kIntolerable{0.93, 0.42, 0.40, 0.55};
const Rgba kAlarp{0.99, 0.85, 0.45, 0.6};
const Rgba kNegligible{0.62, 0.85, 0.60, 0.45};
const Rgba kInk{0.15, 0.15, 0.15, 1};

void setColour(cairo_t* cr, const Rgba& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

std::string power(int e) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "1e%d", e);
  return buf;
}

// The region between two lines of the criterion (or a line and the
// plot's edge) as a polygon sampled at the plot's two ends: on log-log
// axes the lines are straight.
void band(cairo_t* cr, const Rect& plot, const FnChartSpec& s, const FnLine* below, const FnLine* above) {
  double x, y;
  auto at = [&](double n, double f) {
    fnToPage(plot, s, n, std::clamp(f, s.fMin, s.fMax), x, y);
  };
  at(s.nMin, below ? below->at(s.nMin) : s.fMin);
  cairo_move_to(cr, x, y);
  at(s.nMax, below ? below->at(s.nMax) : s.fMin);
  cairo_line_to(cr, x, y);
  at(s.nMax, above ? above->at(s.nMax) : s.fMax);
  cairo_line_to(cr, x, y);
  at(s.nMin, above ? above->at(s.nMin) : s.fMax);
  cairo_line_to(cr, x, y);
  cairo_close_path(cr);
}

}  // namespace

double FnLine::at(double n) const { return atN1 / std::pow(n, slope); }

Rect fnPlotArea(const Rect& box) {
  const double left = 0.15 * box.w, right = 0.04 * box.w, top = 0.11 * box.h, bottom = 0.2 * box.h;
  return {box.x + left, box.y + top, box.w - left - right, box.h - top - bottom};
}

void fnToPage(const Rect& plot, const FnChartSpec& spec, double n, double f, double& x, double& y) {
  const double u = (std::log10(n) - std::log10(spec.nMin)) / (std::log10(spec.nMax) - std::log10(spec.nMin));
  const double v = (std::log10(f) - std::log10(spec.fMin)) / (std::log10(spec.fMax) - std::log10(spec.fMin));
  x = plot.x + u * plot.w;
  y = plot.bottom() - v * plot.h;
}

void drawFnChart(cairo_t* cr, const Rect& box, const FnChartSpec& s) {
  const bool zh = s.lang != "en";
  const double unit = std::min(box.w, box.h) / 320;  // text scale: 320 pt tall is the reference chart
  const Typesetter text(kFont, unit);
  const Rect plot = fnPlotArea(box);
  cairo_save(cr);
  cairo_rectangle(cr, plot.x, plot.y, plot.w, plot.h);
  cairo_clip(cr);
  setColour(cr, kIntolerable);
  band(cr, plot, s, &s.upper, nullptr);
  cairo_fill(cr);
  setColour(cr, kAlarp);
  band(cr, plot, s, &s.lower, &s.upper);
  cairo_fill(cr);
  setColour(cr, kNegligible);
  band(cr, plot, s, nullptr, &s.lower);
  cairo_fill(cr);

  // Grid at the decades.
  cairo_set_line_width(cr, 0.3 * unit);
  cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
  double x, y;
  for (int e = static_cast<int>(std::ceil(std::log10(s.nMin))); e <= std::log10(s.nMax) + 1e-9; ++e) {
    fnToPage(plot, s, std::pow(10.0, e), s.fMin, x, y);
    cairo_move_to(cr, x, plot.y);
    cairo_line_to(cr, x, plot.bottom());
  }
  for (int e = static_cast<int>(std::ceil(std::log10(s.fMin))); e <= std::log10(s.fMax) + 1e-9; ++e) {
    fnToPage(plot, s, s.nMin, std::pow(10.0, e), x, y);
    cairo_move_to(cr, plot.x, y);
    cairo_line_to(cr, plot.right(), y);
  }
  cairo_stroke(cr);

  // The curves: F holds from one step's N down to the next step's.
  for (const FnSeries& c : s.series) {
    if (c.steps.empty()) continue;
    setColour(cr, c.colour);
    cairo_set_line_width(cr, 1.6 * unit);
    if (c.dashed) {
      const double dash[] = {4 * unit, 2.5 * unit};
      cairo_set_dash(cr, dash, 2, 0);
    }
    // Steps run N descending: from (N_max, fMin) up to F_0, left to the next N, and so on to N = nMin.
    fnToPage(plot, s, c.steps.front().first, s.fMin, x, y);
    cairo_move_to(cr, x, y);
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      const auto [n, f] = c.steps[i];
      const double nextN = i + 1 < c.steps.size() ? c.steps[i + 1].first : s.nMin;
      fnToPage(plot, s, n, std::clamp(f, s.fMin, s.fMax), x, y);
      cairo_line_to(cr, x, y);
      fnToPage(plot, s, std::max(nextN, s.nMin), std::clamp(f, s.fMin, s.fMax), x, y);
      cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  cairo_restore(cr);

  // Frame, ticks, labels.
  setColour(cr, kInk);
  cairo_set_line_width(cr, 0.8 * unit);
  cairo_rectangle(cr, plot.x, plot.y, plot.w, plot.h);
  cairo_stroke(cr);
  const TextSpec tick{7, false, 0, 0, Align::Centre}, tickRight{7, false, 0, 0, Align::Right};
  for (int e = static_cast<int>(std::ceil(std::log10(s.nMin))); e <= std::log10(s.nMax) + 1e-9; ++e) {
    fnToPage(plot, s, std::pow(10.0, e), s.fMin, x, y);
    text.draw(cr, e == 0 ? "1" : power(e), tick, x, plot.bottom() + 2 * unit, kInk);
  }
  for (int e = static_cast<int>(std::ceil(std::log10(s.fMin))); e <= std::log10(s.fMax) + 1e-9; ++e) {
    fnToPage(plot, s, s.nMin, std::pow(10.0, e), x, y);
    text.draw(cr, power(e), tickRight, plot.x - 3 * unit, y - 5 * unit, kInk);
  }
  const TextSpec label{8, false, 0, 0, Align::Centre};
  text.draw(cr, zh ? "死亡人数 N" : "Number of deaths N", label, plot.x + plot.w / 2, plot.bottom() + 12 * unit, kInk);
  cairo_save(cr);
  cairo_translate(cr, box.x + 2 * unit, plot.y + plot.h / 2);
  cairo_rotate(cr, -std::numbers::pi / 2);
  text.draw(cr, zh ? "累计频率 F (/年)" : "Cumulative frequency F (per year)", label, 0, 0, kInk);
  cairo_restore(cr);
  text.draw(cr, s.title, {9, true, 0, box.w, Align::Left}, box.x + 2 * unit, box.y + 2 * unit, kInk);

  // Legend under the axis label: the regions and the curves.
  double lx = box.x + 2 * unit;
  const double ly = box.bottom() - 12 * unit;
  const TextSpec legend{6.5, false, 0, 0, Align::Left};
  auto swatch = [&](const Rgba& c, const std::string& name, bool line, bool dashed) {
    setColour(cr, c);
    if (line) {
      cairo_set_line_width(cr, 1.6 * unit);
      if (dashed) {
        const double dash[] = {4 * unit, 2.5 * unit};
        cairo_set_dash(cr, dash, 2, 0);
      }
      cairo_move_to(cr, lx, ly + 4.5 * unit);
      cairo_line_to(cr, lx + 12 * unit, ly + 4.5 * unit);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    } else {
      cairo_rectangle(cr, lx, ly + 1 * unit, 12 * unit, 7 * unit);
      cairo_fill(cr);
    }
    lx += 14 * unit;
    lx += text.draw(cr, name, legend, lx, ly, kInk).width + 8 * unit;
  };
  swatch(kIntolerable, zh ? "不可接受区" : "intolerable", false, false);
  swatch(kAlarp, zh ? "尽可能降低区" : "ALARP", false, false);
  swatch(kNegligible, zh ? "可接受区" : "negligible", false, false);
  for (const FnSeries& c : s.series) swatch(c.colour, c.label, true, c.dashed);
  if (!s.linesVerified)
    text.draw(cr,
              zh ? "基准线：GB 36894-2018 图 1 的 riskmap 默认读法（未核对）"
                 : "criterion lines: riskmap's unverified reading of GB 36894-2018 Figure 1",
              {6.5, false, 0, 0, Align::Right}, box.right() - 2 * unit, box.y + 4 * unit, kInk);
}

void writeFnChart(const std::filesystem::path& out, const FnChartSpec& spec, double widthPt, double heightPt,
                  double dpi) {
  const std::string ext = out.extension().string();
  if (ext != ".png" && ext != ".pdf") throw UserError(out.string() + ": an F-N chart is written as .png or .pdf");
  PendingFile file(out);
  const double scale = ext == ".png" ? dpi / 72 : 1;
  CairoSurfacePtr surface(ext == ".png" ? cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                                     static_cast<int>(std::ceil(widthPt * scale)),
                                                                     static_cast<int>(std::ceil(heightPt * scale)))
                                        : cairo_pdf_surface_create(file.path().c_str(), widthPt, heightPt));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(out.string() + ": cannot create: " + cairo_status_to_string(cairo_surface_status(surface.get())));
  {
    CairoPtr cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), scale, scale);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    drawFnChart(cr.get(), {0, 0, widthPt, heightPt}, spec);
  }
  if (ext == ".png" && cairo_surface_write_to_png(surface.get(), file.path().c_str()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot write " + file.path().string());
  surface.reset();  // finishes the PDF
  file.commit();
}

}  // namespace riskmap
