// Flow-path tracing at province scale with bounded memory:
// `riskmap_bench_flowpath SIDE_CELLS [MAX_WINDOWS] [RUNS]` writes (once) a
// tiled, compressed SIDE x SIDE DEM of 10 m cells (a tilted plane with
// rolling hills) to /tmp, then traces the steepest descent from its
// north-east corner across the whole grid RUNS times, each with a fresh
// Dem, and prints min/median/max time, windows read and peak RSS. The
// alternative it is compared with: reading the whole DEM into memory (what
// a tracer that loads the grid needs before its first step). Not a test:
// figures go to docs/performance.md.
#include <gdal_priv.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "riskmap/terrain/FlowPath.hpp"

namespace {

double peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

double heightAt(int col, int row) {
  // Falls 0.1 m per cell to the south-west, with hills of 3 m every 2 km.
  return 5000 - 0.1 * (1e6 - col) * 0.01 - 0.1 * row + 3 * std::sin(col / 200.0) * std::cos(row / 170.0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SIDE_CELLS [MAX_WINDOWS] [RUNS]\n", argv[0]);
    return 1;
  }
  const int side = std::atoi(argv[1]);
  const std::size_t maxWindows = argc > 2 ? static_cast<std::size_t>(std::atoi(argv[2])) : 256;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  GDALAllRegister();
  const std::string path = "/tmp/riskmap_bench_dem_" + std::to_string(side) + ".tif";
  if (!std::filesystem::exists(path)) {
    const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=YES", nullptr};
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.c_str(), side, side, 1, GDT_Float32, const_cast<char**>(opts)));
    double gt[6] = {400000, 10, 0, 3300000 + side * 10.0, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4549);
    ds->SetSpatialRef(&srs);
    ds->GetRasterBand(1)->SetUnitType("m");
    std::vector<float> row(static_cast<std::size_t>(side));
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) row[static_cast<std::size_t>(c)] = static_cast<float>(heightAt(c, r));
      if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, r, side, 1, row.data(), side, 1, GDT_Float32, 0, 0) != CE_None)
        return 2;
    }
  }
  std::vector<double> seconds;
  double traced = 0;
  std::size_t windows = 0;
  riskmap::FlowEnd end{};
  for (int i = 0; i < runs; ++i) {
    riskmap::DemOptions options;
    options.maxWindows = maxWindows;
    const riskmap::Dem dem(path, options);
    riskmap::FlowPathRequest req;
    req.lengthM = 1e9;
    req.headLengthM = 1000;
    const auto t0 = std::chrono::steady_clock::now();
    const riskmap::FlowPath p = riskmap::traceFlow(dem, OGRPoint(400000 + (side - 5) * 10.0, 3300000 + side * 10.0 - 45), req);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    traced = p.tracedM, windows = dem.windowsRead(), end = p.end;
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("DEM %d x %d (%.1e cells), %zu windows max: path %.1f km (%s), %zu windows read; "
              "time min %.2f s, median %.2f s, max %.2f s; peak RSS %.0f MiB\n",
              side, side, static_cast<double>(side) * side, maxWindows, traced / 1000, riskmap::flowEndName(end),
              windows, seconds.front(), seconds[seconds.size() / 2], seconds.back(), peakRssMiB());
  // The alternative: the whole grid in memory.
  if (argc > 4) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<float> all(static_cast<std::size_t>(side) * side);
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, side, side, all.data(), side, side, GDT_Float32, 0, 0) != CE_None)
      return 2;
    std::printf("whole grid read: %.2f s, peak RSS %.0f MiB\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), peakRssMiB());
  }
  return 0;
}
