// Grade-grid throughput and peak memory at province scale:
// `riskmap_bench_grid SIDE_KM CELL_M ZONES [THREADS]` grades a square study
// area SIDE_KM wide at CELL_M cells from ZONES random circular zones
// (300-1500 m radius, random grades), block by block. Not a test: figures
// go to docs/performance.md.
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "riskmap/regional/RiskGrid.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SIDE_KM CELL_M ZONES [THREADS]\n", argv[0]);
    return 1;
  }
  const double side = std::atof(argv[1]) * 1000, cell = std::atof(argv[2]);
  const int count = std::atoi(argv[3]);
  const unsigned threads = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 0;
  GDALAllRegister();
  OGRSpatialReference srs;
  srs.importFromEPSG(4549);
  OGRLinearRing square;
  for (auto [x, y] : {std::pair{0.0, 0.0}, {side, 0.0}, {side, side}, {0.0, side}, {0.0, 0.0}})
    square.addPoint(400000 + x, 3300000 + y);
  OGRPolygon study;
  study.addRing(&square);
  std::mt19937_64 rng(42);
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<riskmap::GradedZone> zones;
  for (int i = 0; i < count; ++i) {
    OGRPoint c(400000 + (rng() % 100000) / 100000.0 * side, 3300000 + (rng() % 100000) / 100000.0 * side);
    owned.emplace_back(c.Buffer(300 + static_cast<double>(rng() % 1200), 16));
    zones.push_back({owned.back().get(), static_cast<riskmap::RiskGrade>(1 + rng() % 4)});
  }
  const riskmap::GridStats s = riskmap::writeRiskGrid(zones, study, &srs, cell, riskmap::Combination{},
                                                      riskmap::GridOutput{"/tmp/riskmap-bench-grid.tif",
                                                                          "/tmp/riskmap-bench-index.tif", nullptr},
                                                      true, threads);
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf("study %.0f km x %.0f km at %.0f m: %.3g cells, %d zones, %.1f s = %.3g cells/s; peak RSS %ld MiB\n",
              side / 1000, side / 1000, cell, static_cast<double>(s.cells), count, s.seconds, s.cells / s.seconds,
              u.ru_maxrss / 1024);
  return 0;
}
