#pragma once
// The two tile pyramids riskmap draws, as OGC WMTS 1.0.0 (OGC 07-057r7)
// tile matrix sets; a tile is z (the TileMatrix identifier), x (TileCol)
// and y (TileRow, counted from the top), as in XYZ and WMTS alike.
//
// - webmercator: EPSG:3857, the well-known scale set GoogleMapsCompatible
//   (07-057r7 Annex E.4): z0 is one tile, 2^z x 2^z tiles at z.
// - cgcs2000: EPSG:4490 longitude/latitude quad-tree, the pyramid of
//   Tianditu's `_c` layers (TileMatrixSet "c" of
//   https://t0.tianditu.gov.cn/vec_c/wmts?request=GetCapabilities): level 1
//   is 2 x 1 tiles of 180 degrees, TopLeftCorner (90 N, 180 W), 2^z x 2^(z-1)
//   tiles at level z >= 1. The geometry is OGC's WorldCRS84Quad (OGC
//   17-083r2 registry) with levels numbered from 1 as Tianditu does.
//
// Scale denominators follow the OGC 0.28 mm pixel (07-057r7 section 6.1),
// with 2 pi 6378137 / 360 metres a degree for the geodetic set (Annex E.3):
// 279541132.014358 at cgcs2000 level 1 and webmercator z1 alike. (Tianditu's
// own capabilities give 96-dpi values, 2.958293554545656E8 at level 1; a
// client computing the cell size from the scale as the standard says would
// misplace those tiles.) Pure arithmetic.
#include <string>

#include "riskmap/tiles/TileMath.hpp"

namespace riskmap {

class TileMatrixSet {
 public:
  enum class Kind { WebMercator, Cgcs2000 };

  static TileMatrixSet webMercator() { return TileMatrixSet(Kind::WebMercator); }
  static TileMatrixSet cgcs2000() { return TileMatrixSet(Kind::Cgcs2000); }
  // "webmercator" or "cgcs2000"; UserError naming the option otherwise.
  static TileMatrixSet parse(const std::string& name, const std::string& option = "--tile-matrix");

  Kind kind() const { return kind_; }
  bool operator==(const TileMatrixSet&) const = default;
  const char* name() const;            // "webmercator", "cgcs2000"
  const char* wmtsIdentifier() const;  // "GoogleMapsCompatible", "CGCS2000"
  const char* wellKnownScaleSet() const;  // urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible / GoogleCRS84Quad
  int epsg() const;                    // 3857, 4490
  std::string supportedCrsUrn() const;  // urn:ogc:def:crs:EPSG::3857 / ::4490

  int minZoom() const { return kind_ == Kind::Cgcs2000 ? 1 : 0; }
  std::int64_t matrixWidth(int z) const;
  std::int64_t matrixHeight(int z) const;
  bool contains(const TileId& t) const;  // z >= minZoom() and x, y inside the matrix

  // A tile's extent in the set's CRS with x east, y north (metres for
  // webmercator, degrees for cgcs2000), and in longitude/latitude.
  MercatorBox bounds(const TileId& t) const;
  LonLatBox lonLatBounds(const TileId& t) const;
  TileId tileAt(double lon, double lat, int z) const;
  TileRange range(const LonLatBox& box, int z) const;  // every tile at z touching box

  // The matrix's top-left corner in the set's CRS, x east then y north.
  double originX() const;
  double originY() const;
  // Ground units (metres or degrees) per pixel of a 256-px tile at z.
  double cellSize(int z, int tileSize = 256) const;
  // OGC scale denominator (0.28 mm pixels) of a 256-px tile at z.
  double scaleDenominator(int z, int tileSize = 256) const;

 private:
  explicit TileMatrixSet(Kind k) : kind_(k) {}
  Kind kind_;
};

}  // namespace riskmap
