// Render time per 256 px Web Mercator tile of a one library at zooms 8, 12
// and 16: `riskmap_bench_tiles LIBRARY STYLE LON LAT [TILES]`: TILES tiles
// around LON,LAT at each zoom, rendered to memory. Not a test: figures go
// to docs/performance.md.
#include <gdal_priv.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Cairo.hpp"
#include "riskmap/render/Renderer.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s LIBRARY STYLE LON LAT [TILES]\n", argv[0]);
    return 1;
  }
  GDALAllRegister();
  const riskmap::Style style = riskmap::Style::load(argv[2]);
  riskmap::Renderer renderer(argv[1], style);
  const double lon = std::atof(argv[3]), lat = std::atof(argv[4]);
  const int side = argc > 5 ? std::atoi(argv[5]) : 4;  // side x side tiles
  const double world = 20037508.342789244;
  for (int z : {8, 12, 16}) {
    const double n = std::pow(2.0, z), size = 2 * world / n;
    const int tx = static_cast<int>((lon + 180) / 360 * n);
    const int ty = static_cast<int>((1 - std::asinh(std::tan(lat * M_PI / 180)) / M_PI) / 2 * n);
    const auto start = std::chrono::steady_clock::now();
    std::size_t labels = 0;
    for (int dx = 0; dx < side; ++dx)
      for (int dy = 0; dy < side; ++dy) {
        riskmap::MapView v;
        v.crs = riskmap::srsFromEpsg(3857);
        v.minX = -world + (tx + dx - side / 2) * size, v.maxX = v.minX + size;
        v.maxY = world - (ty + dy - side / 2) * size, v.minY = v.maxY - size;
        v.width = v.height = 256;
        riskmap::CairoSurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 256, 256));
        riskmap::CairoPtr cr(cairo_create(s.get()));
        labels += renderer.render(cr.get(), v).size();
      }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("zoom %2d: %d tiles, %.1f ms per tile, %zu labels\n", z, side * side, 1000 * secs / (side * side), labels);
  }
  return 0;
}
