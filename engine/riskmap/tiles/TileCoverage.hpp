#pragma once
// Which tiles show the study area: its polygons in Web Mercator behind a
// GEOS prepared geometry, so the pyramid's million tiles are tested cheaply
// and tiles outside are neither drawn nor stored. Safe to share: tests are
// serialised (a prepared test costs microseconds).
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "riskmap/geometry/Geos.hpp"
#include "riskmap/tiles/TileMatrixSet.hpp"

namespace riskmap {

class TileCoverage {
 public:
  // The study-area table of the library; if empty, every layer's extent (a box).
  TileCoverage(const std::filesystem::path& library, const std::string& studyAreaTable);
  ~TileCoverage();
  TileCoverage(const TileCoverage&) = delete;
  TileCoverage& operator=(const TileCoverage&) = delete;

  bool touches(const MercatorBox& box) const;
  bool touches(const TileId& t) const { return touches(tileBounds(t)); }
  // A tile of another pyramid: its lon/lat box is a rectangle in Web Mercator too.
  bool touches(const TileId& t, const TileMatrixSet& set) const;
  const LonLatBox& bounds() const { return bounds_; }
  // The study area's outline as GeoJSON (lon/lat), for the viewer.
  const std::string& outlineGeoJson() const { return outline_; }

 private:
  GeosContext ctx_;
  GeosGeometryPtr area_;
  const GEOSPreparedGeometry* prepared_ = nullptr;
  MercatorBox box_{};
  LonLatBox bounds_{};
  std::string outline_;
  mutable std::mutex mutex_;
};

}  // namespace riskmap
