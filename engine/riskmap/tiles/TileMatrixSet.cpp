#include "riskmap/tiles/TileMatrixSet.hpp"

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

constexpr double kPixelMetres = 0.00028;                              // OGC 07-057r7 6.1
constexpr double kMetresPerDegree = 2 * M_PI * 6378137.0 / 360.0;     // 07-057r7 Annex E.3

}  // namespace

TileMatrixSet TileMatrixSet::parse(const std::string& name, const std::string& option) {
  if (name == "webmercator" || name == "GoogleMapsCompatible" || name == "3857") return webMercator();
  if (name == "cgcs2000" || name == "CGCS2000" || name == "4490") return cgcs2000();
  throw UserError(option + " '" + name + "': expected webmercator (EPSG:3857) or cgcs2000 (EPSG:4490)");
}

const char* TileMatrixSet::name() const { return kind_ == Kind::Cgcs2000 ? "cgcs2000" : "webmercator"; }
const char* TileMatrixSet::wmtsIdentifier() const { return kind_ == Kind::Cgcs2000 ? "CGCS2000" : "GoogleMapsCompatible"; }
const char* TileMatrixSet::wellKnownScaleSet() const {
  return kind_ == Kind::Cgcs2000 ? "urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad" : "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible";
}
int TileMatrixSet::epsg() const { return kind_ == Kind::Cgcs2000 ? 4490 : 3857; }
std::string TileMatrixSet::supportedCrsUrn() const { return "urn:ogc:def:crs:EPSG::" + std::to_string(epsg()); }

std::int64_t TileMatrixSet::matrixWidth(int z) const { return tilesPerSide(z); }
std::int64_t TileMatrixSet::matrixHeight(int z) const {
  return kind_ == Kind::Cgcs2000 ? (z >= 1 ? tilesPerSide(z - 1) : 0) : tilesPerSide(z);
}

bool TileMatrixSet::contains(const TileId& t) const {
  return t.z >= minZoom() && t.z <= kMaxTileZoom && t.x >= 0 && t.y >= 0 && t.x < matrixWidth(t.z) &&
         t.y < matrixHeight(t.z);
}

double TileMatrixSet::originX() const { return kind_ == Kind::Cgcs2000 ? -180.0 : -kWebMercatorHalf; }
double TileMatrixSet::originY() const { return kind_ == Kind::Cgcs2000 ? 90.0 : kWebMercatorHalf; }

double TileMatrixSet::cellSize(int z, int tileSize) const {
  const double span = kind_ == Kind::Cgcs2000 ? 360.0 : 2 * kWebMercatorHalf;  // the matrix's width
  return span / static_cast<double>(matrixWidth(z)) / tileSize;
}

double TileMatrixSet::scaleDenominator(int z, int tileSize) const {
  const double metres = cellSize(z, tileSize) * (kind_ == Kind::Cgcs2000 ? kMetresPerDegree : 1.0);
  return metres / kPixelMetres;
}

MercatorBox TileMatrixSet::bounds(const TileId& t) const {
  if (kind_ == Kind::WebMercator) return tileBounds(t);
  const double size = 360.0 / static_cast<double>(matrixWidth(t.z));
  return {-180.0 + t.x * size, 90.0 - (t.y + 1) * size, -180.0 + (t.x + 1) * size, 90.0 - t.y * size};
}

LonLatBox TileMatrixSet::lonLatBounds(const TileId& t) const {
  if (kind_ == Kind::WebMercator) return tileLonLatBounds(t);
  const MercatorBox b = bounds(t);
  return {b.minX, b.minY, b.maxX, b.maxY};
}

TileId TileMatrixSet::tileAt(double lon, double lat, int z) const {
  if (kind_ == Kind::WebMercator) return riskmap::tileAt(lon, lat, z);
  const double size = 360.0 / static_cast<double>(matrixWidth(z));
  const auto clampTo = [](double v, std::int64_t n) {
    return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(v)), 0, n - 1);
  };
  return {z, clampTo((lon + 180.0) / size, matrixWidth(z)), clampTo((90.0 - lat) / size, matrixHeight(z))};
}

TileRange TileMatrixSet::range(const LonLatBox& box, int z) const {
  const TileId nw = tileAt(box.west, box.north, z), se = tileAt(box.east, box.south, z);
  return {z, nw.x, nw.y, se.x, se.y};
}

}  // namespace riskmap
