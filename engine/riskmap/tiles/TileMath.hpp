#pragma once
// The XYZ tile pyramid in Web Mercator (EPSG:3857), as web maps address it:
// z/x/y with y counted from the north, 2^z tiles a side. Pure arithmetic.
#include <cstdint>
#include <string>

#include "riskmap/crs/Crs.hpp"  // LonLatBox

namespace riskmap {

constexpr int kMaxTileZoom = 30;  // 2^30 tiles a side: beyond any map's need, still exact in int64
constexpr double kWebMercatorHalf = 20037508.342789244;  // pi * 6378137
constexpr double kWebMercatorMaxLat = 85.0511287798066;

struct TileId {
  int z = 0;
  std::int64_t x = 0, y = 0;
  bool operator==(const TileId&) const = default;
  auto operator<=>(const TileId&) const = default;
  std::string path() const { return std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y); }
};

struct MercatorBox {
  double minX, minY, maxX, maxY;
};

// Inclusive tile index ranges at one zoom.
struct TileRange {
  int z;
  std::int64_t minX, minY, maxX, maxY;
  std::int64_t count() const { return (maxX - minX + 1) * (maxY - minY + 1); }
};

inline std::int64_t tilesPerSide(int z) { return std::int64_t{1} << z; }

// The tile holding lon/lat at zoom z; latitudes are clamped to the Mercator limit.
TileId tileAt(double lon, double lat, int z);

// The lon/lat of a tile's north-west corner (x, y may equal 2^z for the far edges).
void tileCorner(int z, std::int64_t x, std::int64_t y, double& lon, double& lat);

MercatorBox tileBounds(const TileId& t);
LonLatBox tileLonLatBounds(const TileId& t);

// Every tile at zoom z touching the box.
TileRange tileRange(const LonLatBox& box, int z);

// The deepest zoom in [minzoom, maxzoom] at which the box fits in 16 tiles
// (a screen): where a viewer or an MBTiles `center` should start.
int overviewZoom(const LonLatBox& box, int minzoom, int maxzoom);

// MBTiles counts rows from the south (TMS).
inline std::int64_t tmsRow(const TileId& t) { return tilesPerSide(t.z) - 1 - t.y; }

}  // namespace riskmap
