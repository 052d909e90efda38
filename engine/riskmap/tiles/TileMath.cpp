#include "riskmap/tiles/TileMath.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap {

TileId tileAt(double lon, double lat, int z) {
  lat = std::clamp(lat, -kWebMercatorMaxLat, kWebMercatorMaxLat);
  const double n = static_cast<double>(tilesPerSide(z));
  const double fx = (lon + 180.0) / 360.0 * n;
  const double latRad = lat * M_PI / 180.0;
  const double fy = (1.0 - std::asinh(std::tan(latRad)) / M_PI) / 2.0 * n;
  const std::int64_t last = tilesPerSide(z) - 1;
  return {z, std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(fx)), 0, last),
          std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(fy)), 0, last)};
}

void tileCorner(int z, std::int64_t x, std::int64_t y, double& lon, double& lat) {
  const double n = static_cast<double>(tilesPerSide(z));
  lon = x / n * 360.0 - 180.0;
  lat = std::atan(std::sinh(M_PI * (1.0 - 2.0 * y / n))) * 180.0 / M_PI;
}

MercatorBox tileBounds(const TileId& t) {
  const double size = 2 * kWebMercatorHalf / static_cast<double>(tilesPerSide(t.z));
  return {-kWebMercatorHalf + t.x * size, kWebMercatorHalf - (t.y + 1) * size, -kWebMercatorHalf + (t.x + 1) * size,
          kWebMercatorHalf - t.y * size};
}

LonLatBox tileLonLatBounds(const TileId& t) {
  LonLatBox b;
  tileCorner(t.z, t.x, t.y, b.west, b.north);
  tileCorner(t.z, t.x + 1, t.y + 1, b.east, b.south);
  return b;
}

TileRange tileRange(const LonLatBox& box, int z) {
  const TileId nw = tileAt(box.west, box.north, z), se = tileAt(box.east, box.south, z);
  return {z, nw.x, nw.y, se.x, se.y};
}

int overviewZoom(const LonLatBox& box, int minzoom, int maxzoom) {
  int zoom = minzoom;
  for (int z = minzoom; z <= maxzoom; ++z)
    if (tileRange(box, z).count() <= 16) zoom = z;
  return zoom;
}

}  // namespace riskmap
