#include "RiskContours.hpp"

#include "riskmap/gdal/Gdal.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

namespace riskmap::qra {

std::vector<double> individualRiskGrid(const ToxicRiskModel& model, const RiskGridSpec& grid, unsigned threads) {
  std::vector<double> risk(static_cast<std::size_t>(grid.cols) * grid.rows, 0.0);
  threads = std::max(1u, std::min<unsigned>(threads, std::max(1, grid.rows)));
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int row = static_cast<int>(t); row < grid.rows; row += static_cast<int>(threads)) {
        const double y = grid.north - (row + 0.5) * grid.cell;
        for (int col = 0; col < grid.cols; ++col)
          risk[static_cast<std::size_t>(row) * grid.cols + col] =
              model.individualRisk(grid.west + (col + 0.5) * grid.cell, y);
      }
    });
  return risk;
}

namespace {

void check(CPLErr err, const char* what) {
  if (err != CE_None) throw std::runtime_error(std::string(what) + ": " + CPLGetLastErrorMsg());
}

}  // namespace

std::vector<RiskContour> riskContours(const std::vector<double>& risk, const RiskGridSpec& grid,
                                      const std::vector<double>& levels) {
  if (levels.empty()) return {};
  ensureGdalRegistered();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  // Rasters in MEM; vectors in "Memory" (MEM holds vectors only from GDAL 3.11).
  GDALDriver* memVector = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!mem || !memVector) throw std::runtime_error("GDAL's MEM or Memory driver is missing");
  GDALDatasetUniquePtr raster(mem->Create("", grid.cols, grid.rows, 1, GDT_Float64, nullptr));
  double gt[6] = {grid.west, grid.cell, 0, grid.north, 0, -grid.cell};
  raster->SetGeoTransform(gt);
  // Traced in log10(risk): risk falls off by orders of magnitude, so
  // interpolating between cell centres is right in log space; and GDAL's
  // contour generator loses levels as small as 1e-6 on linear values
  // (measured: the 3e-6 contour drawn 30 m too far at 10 m cells).
  const double floor = std::log10(*std::min_element(levels.begin(), levels.end())) - 10;
  std::vector<double> logRisk(risk.size());
  std::transform(risk.begin(), risk.end(), logRisk.begin(),
                 [floor](double r) { return r > 0 ? std::max(std::log10(r), floor) : floor; });
  GDALRasterBand* band = raster->GetRasterBand(1);
  check(band->RasterIO(GF_Write, 0, 0, grid.cols, grid.rows, logRisk.data(), grid.cols, grid.rows, GDT_Float64, 0, 0,
                       nullptr),
        "writing the risk grid");

  const double highest = risk.empty() ? 0 : *std::max_element(risk.begin(), risk.end());
  std::vector<RiskContour> out;
  for (double level : levels) {
    GDALDatasetUniquePtr vector(memVector->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = vector->CreateLayer("contours", nullptr, wkbMultiPolygon, nullptr);
    OGRFieldDefn lo("risk_min", OFTReal), hi("risk_max", OFTReal);
    layer->CreateField(&lo);
    layer->CreateField(&hi);
    // One level: two bands, below it and at or above it.
    const double logLevel = std::log10(level);
    const std::string fixed = CPLSPrintf("FIXED_LEVELS=%.17g", logLevel);
    const char* options[] = {fixed.c_str(), "POLYGONIZE=YES", "ELEV_FIELD_MIN=0", "ELEV_FIELD_MAX=1", nullptr};
    check(GDALContourGenerateEx(band, OGRLayer::ToHandle(layer), const_cast<char**>(options), nullptr, nullptr),
          "tracing the risk contours");
    RiskContour c;
    c.level = level;
    // Above the highest value GDAL still returns a band: nowhere this risky.
    if (highest < level) {
      out.push_back(std::move(c));
      continue;
    }
    layer->ResetReading();
    for (auto& f : *layer)
      if (f->GetFieldAsDouble(0) >= logLevel - 1e-9 && f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty())
        c.area.reset(f->StealGeometry());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace riskmap::qra
