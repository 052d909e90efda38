// The F-N chart: the criterion's regions are shaded where the lines put
// them, and a curve's step is drawn at its (N, F), checked on the PNG's
// pixels at points placed by hand on the log-log axes.
#include "riskmap/print/FnChart.hpp"
#include "riskmap/render/Cairo.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>

using namespace riskmap;

namespace {

struct Pixel {
  int r, g, b;
};

class ChartPng {
 public:
  ChartPng(const std::filesystem::path& file, double scale) : scale_(scale) {
    surface_.reset(cairo_image_surface_create_from_png(file.c_str()));
  }
  bool ok() const { return cairo_surface_status(surface_.get()) == CAIRO_STATUS_SUCCESS; }
  // The pixel at chart point (N, F): the axes run 1..1e4 and 1e-9..1e-2, log10, in the plot area.
  Pixel at(const Rect& plot, double n, double f) const {
    const double x = plot.x + std::log10(n) / 4 * plot.w;
    const double y = plot.bottom() - (std::log10(f) + 9) / 7 * plot.h;
    const int px = static_cast<int>(x * scale_), py = static_cast<int>(y * scale_);
    const unsigned char* data = cairo_image_surface_get_data(surface_.get());
    const int stride = cairo_image_surface_get_stride(surface_.get());
    const auto* p = reinterpret_cast<const uint32_t*>(data + py * stride) + px;
    return {static_cast<int>((*p >> 16) & 255), static_cast<int>((*p >> 8) & 255), static_cast<int>(*p & 255)};
  }

 private:
  double scale_;
  CairoSurfacePtr surface_;
};

}  // namespace

TEST(FnChart, RegionsAndCurveLieWhereTheLinesPutThem) {
  FnChartSpec spec;
  spec.upper = {1e-3, 1};
  spec.lower = {1e-5, 1};
  spec.title = "test";
  // One step: F = 1e-4 for N up to 100 (from N = 100 down to N = 1).
  spec.series.push_back({"plant", {{100, 1e-4}}, {0, 0, 1, 1}, false});
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "riskmap_fn_chart_test.png";
  writeFnChart(out, spec, 400, 300, 144);  // 2 px per point
  const ChartPng png(out, 2);
  ASSERT_TRUE(png.ok());
  const Rect plot = fnPlotArea({0, 0, 400, 300});
  // Points off the decades' grid lines.
  // Above the upper line (at N = 200 it is 5e-6): intolerable, red dominant.
  const Pixel red = png.at(plot, 200, 3e-4);
  EXPECT_GT(red.r, red.g + 40) << red.r << " " << red.g << " " << red.b;
  // Between the lines (at N = 500: 2e-6 and 2e-8): ALARP, amber (red and green high, blue low).
  const Pixel amber = png.at(plot, 500, 3e-7);
  EXPECT_GT(amber.g, amber.b + 40);
  EXPECT_GT(amber.r, amber.b + 40);
  // Below the lower line (at N = 500: 2e-8): negligible, green dominant.
  const Pixel green = png.at(plot, 500, 3e-9);
  EXPECT_GT(green.g, green.r + 15);
  EXPECT_GT(green.g, green.b + 15);
  // The step's horizontal run at F = 1e-4 between N = 1 and 100: the curve's blue.
  const Pixel curve = png.at(plot, 20, 1e-4);
  EXPECT_GT(curve.b, curve.r + 100);
  // Beyond the step at N = 300 nothing is drawn: the region's colour (ALARP: upper 3.3e-6, lower 3.3e-8).
  const Pixel beyond = png.at(plot, 300, 3e-7);
  EXPECT_LT(beyond.b, beyond.r);
  if (!::testing::Test::HasFailure()) std::filesystem::remove(out);
}

TEST(FnChart, OnlyPngOrPdf) {
  EXPECT_ANY_THROW(writeFnChart("chart.svg", FnChartSpec{}));
}
