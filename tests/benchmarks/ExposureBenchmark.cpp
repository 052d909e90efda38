// Exposure throughput and peak memory on a synthetic province-scale
// population raster: `riskmap_bench_exposure WIDTH HEIGHT ZONES [THREADS]`.
// Writes a tiled, compressed GeoTIFF of WIDTH x HEIGHT 10 m cells (once,
// kept in /tmp), then counts people in ZONES circular zones (500-2000 m
// radius, 256-gons) and prints cells covered per second and peak RSS.
// Not a test: figures go to docs/performance.md.
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "riskmap/exposure/ZonePopulation.hpp"

namespace {

long peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

std::string makeRaster(int width, int height) {
  const std::string path = "/tmp/riskmap-bench-pop-" + std::to_string(width) + "x" + std::to_string(height) + ".tif";
  if (std::filesystem::exists(path)) return path;
  const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER", nullptr};
  GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
      (path + ".part").c_str(), width, height, 1, GDT_Float32, const_cast<char**>(opts)));
  double gt[6] = {400000, 10, 0, 3500000, 0, -10};
  ds->SetGeoTransform(gt);
  GDALRasterBand* band = ds->GetRasterBand(1);
  std::vector<float> row(static_cast<std::size_t>(width) * 256);
  for (int y0 = 0; y0 < height; y0 += 256) {
    const int rows = std::min(256, height - y0);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < width; ++c)  // towns on a lattice, thin countryside between
        row[static_cast<std::size_t>(r) * width + c] =
            static_cast<float>(0.2 + 3.0 * std::exp(-(std::pow((c % 2000) - 1000, 2) + std::pow(((y0 + r) % 2000) - 1000, 2)) / 2e5));
    if (band->RasterIO(GF_Write, 0, y0, width, rows, row.data(), width, rows, GDT_Float32, 0, 0) != CE_None) std::exit(2);
  }
  ds.reset();
  std::filesystem::rename(path + ".part", path);
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s WIDTH HEIGHT ZONES [THREADS]\n", argv[0]);
    return 1;
  }
  const int width = std::atoi(argv[1]), height = std::atoi(argv[2]), zoneCount = std::atoi(argv[3]);
  const unsigned threads = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 0;
  GDALAllRegister();
  auto t0 = std::chrono::steady_clock::now();
  const std::string path = makeRaster(width, height);
  const double makeSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::mt19937_64 rng(42);
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<const OGRGeometry*> zones;
  double coveredCells = 0;
  for (int i = 0; i < zoneCount; ++i) {
    const double cx = 400000 + (rng() % 10000) / 10000.0 * width * 10;
    const double cy = 3500000 - (rng() % 10000) / 10000.0 * height * 10;
    const double radius = 500 + (rng() % 1500);
    auto ring = std::make_unique<OGRLinearRing>();
    for (int k = 0; k <= 256; ++k) {
      const double a = 2 * M_PI * (k % 256) / 256;
      ring->addPoint(cx + radius * std::cos(a), cy + radius * std::sin(a));
    }
    auto poly = std::make_unique<OGRPolygon>();
    poly->addRingDirectly(ring.release());
    coveredCells += std::pow(2 * radius / 10, 2);  // window cells visited
    zones.push_back(poly.get());
    owned.push_back(std::move(poly));
  }
  t0 = std::chrono::steady_clock::now();
  const std::vector<riskmap::PeopleCount> people = riskmap::peopleInZones(path, {}, zones, threads);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double total = 0;
  for (const riskmap::PeopleCount& p : people) total += p.people;
  std::printf("raster %d x %d = %.3g cells (made in %.1f s); %d zones; %.3g window cells in %.2f s = %.3g cells/s; "
              "people counted %.0f; peak RSS %ld MiB\n",
              width, height, static_cast<double>(width) * height, makeSecs, zoneCount, coveredCells, secs,
              coveredCells / secs, total, peakRssMiB());
  return 0;
}
