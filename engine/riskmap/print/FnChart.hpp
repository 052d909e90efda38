#pragma once
// An F-N chart (societal risk): cumulative frequency F per year against
// the number of deaths N on log-log axes, the regions of a two-line
// criterion shaded (intolerable above the upper line, ALARP between,
// negligible below the lower), and one or more step curves. Drawn with
// Cairo into any surface (a report's page) or written alone as PNG/PDF.
// Labels in Chinese or English (--lang, as explain).
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {

// F = atN1 / N^slope.
struct FnLine {
  double atN1 = 1e-3;
  double slope = 1;
  double at(double n) const;
};

struct FnSeries {
  std::string label;
  std::vector<std::pair<double, double>> steps;  // (N, F), N descending, F rising (the F-N steps)
  Rgba colour{0, 0, 0, 1};
  bool dashed = false;
};

struct FnChartSpec {
  FnLine upper, lower;
  bool linesVerified = false;   // when false the chart says the lines are an unverified default
  std::vector<FnSeries> series;
  std::string title;
  std::string lang = "zh";      // "zh" or "en"
  double nMin = 1, nMax = 1e4, fMin = 1e-9, fMax = 1e-2;
};

// The plot area inside a chart drawn in box (axes' frame), and where a
// chart point lies in it.
Rect fnPlotArea(const Rect& box);
void fnToPage(const Rect& plot, const FnChartSpec& spec, double n, double f, double& x, double& y);

void drawFnChart(cairo_t* cr, const Rect& box, const FnChartSpec& spec);

// A chart alone: .png (at dpi) or .pdf, width x height points; written atomically.
void writeFnChart(const std::filesystem::path& out, const FnChartSpec& spec, double widthPt = 420,
                  double heightPt = 320, double dpi = 150);

}  // namespace riskmap
