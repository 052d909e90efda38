// Exposure throughput and peak memory on a synthetic province-scale
// population raster: `riskmap_bench_exposure WIDTH HEIGHT ZONES [THREADS [lonlat]]`.
// Writes a tiled, compressed GeoTIFF of WIDTH x HEIGHT 10 m cells (once,
// kept in /tmp), then counts people in ZONES circular zones (500-2000 m
// radius, 256-gons) and prints cells covered per second and peak RSS.
// With `lonlat` the raster is a CGCS2000 lon/lat grid of 3" cells (as
// WorldPop delivers) and the zones come in Gauss-Kruger EPSG:4549: it times
// the same zones counted with riskmap carrying them to the grid (densify +
// PROJ per zone) against the zones handed over already in lon/lat, so the
// ratio is the price of counting on the delivered grid.
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

#include <ogr_spatialref.h>

#include <algorithm>
#include <memory>
#include <string>

#include "riskmap/exposure/ZonePopulation.hpp"

namespace {

long peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

constexpr double kLon0 = 119.5, kLat0 = 31.0, kArcSec3 = 1.0 / 1200;

std::string makeRaster(int width, int height, bool lonLat) {
  const std::string path = "/tmp/riskmap-bench-pop-" + std::to_string(width) + "x" + std::to_string(height) +
                           (lonLat ? "-lonlat" : "") + ".tif";
  if (std::filesystem::exists(path)) return path;
  const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER", nullptr};
  GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
      (path + ".part").c_str(), width, height, 1, GDT_Float32, const_cast<char**>(opts)));
  double gt[6] = {400000, 10, 0, 3500000, 0, -10};
  if (lonLat) {
    const double g[6] = {kLon0, kArcSec3, 0, kLat0, 0, -kArcSec3};
    std::copy(g, g + 6, gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4490);
    ds->SetSpatialRef(&srs);
  }
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
  const bool lonLat = argc > 5 && std::string(argv[5]) == "lonlat";
  GDALAllRegister();
  auto t0 = std::chrono::steady_clock::now();
  const std::string path = makeRaster(width, height, lonLat);
  OGRSpatialReference gk, geographic;
  gk.importFromEPSG(4549);
  geographic.importFromEPSG(4490);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> toGk(OGRCreateCoordinateTransformation(&geographic, &gk));
  // The lon/lat raster's extent in Gauss-Kruger, where its zones are placed.
  double x0 = kLon0, y0 = kLat0 - height * kArcSec3, x1 = kLon0 + width * kArcSec3, y1 = kLat0;
  if (lonLat) {
    toGk->Transform(1, &x0, &y0);
    toGk->Transform(1, &x1, &y1);
  }
  const double makeSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::mt19937_64 rng(42);
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<const OGRGeometry*> zones;
  double coveredCells = 0;
  for (int i = 0; i < zoneCount; ++i) {
    const double u = (rng() % 10000) / 10000.0, v = (rng() % 10000) / 10000.0;
    const double cx = lonLat ? x0 + u * (x1 - x0) : 400000 + u * width * 10;
    const double cy = lonLat ? y1 - v * (y1 - y0) : 3500000 - v * height * 10;
    const double radius = 500 + (rng() % 1500);
    auto ring = std::make_unique<OGRLinearRing>();
    for (int k = 0; k <= 256; ++k) {
      const double a = 2 * M_PI * (k % 256) / 256;
      ring->addPoint(cx + radius * std::cos(a), cy + radius * std::sin(a));
    }
    auto poly = std::make_unique<OGRPolygon>();
    poly->addRingDirectly(ring.release());
    coveredCells += lonLat ? (2 * radius / 80.0) * (2 * radius / 92.6) : std::pow(2 * radius / 10, 2);  // window cells
    zones.push_back(poly.get());
    owned.push_back(std::move(poly));
  }
  riskmap::PopulationGridOptions options;
  if (lonLat) {
    // Baseline: the same zones carried to lon/lat beforehand (untimed), so
    // the grid does no transform.
    std::unique_ptr<OGRCoordinateTransformation> toLonLat(OGRCreateCoordinateTransformation(&gk, &geographic));
    std::vector<std::unique_ptr<OGRGeometry>> pre;
    std::vector<const OGRGeometry*> preZones;
    for (const OGRGeometry* z : zones) {
      pre.emplace_back(z->clone());
      pre.back()->segmentize(100);
      pre.back()->transform(toLonLat.get());
      preZones.push_back(pre.back().get());
    }
    t0 = std::chrono::steady_clock::now();
    riskmap::peopleInZones(path, {}, preZones, threads);
    std::printf("zones already in lon/lat: %.2f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    options.zoneSrs = &gk;
  }
  t0 = std::chrono::steady_clock::now();
  const std::vector<riskmap::PeopleCount> people = riskmap::peopleInZones(path, options, zones, threads);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (lonLat) std::printf("zones in EPSG:4549, carried to the grid by riskmap: %.2f s\n", secs);
  double total = 0;
  for (const riskmap::PeopleCount& p : people) total += p.people;
  std::printf("raster %d x %d = %.3g cells (made in %.1f s); %d zones; %.3g window cells in %.2f s = %.3g cells/s; "
              "people counted %.0f; peak RSS %ld MiB\n",
              width, height, static_cast<double>(width) * height, makeSecs, zoneCount, coveredCells, secs,
              coveredCells / secs, total, peakRssMiB());
  return 0;
}
