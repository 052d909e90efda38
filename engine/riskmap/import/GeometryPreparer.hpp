#pragma once
// Makes one source geometry fit for the one library, or says why it cannot:
// empty, of the wrong family, outside its CRS's area of use (wrong CRS or
// swapped axes), invalid beyond repair, or not transformable. Repairs with
// GEOS make-valid and reports what it repaired. A web-map offset (GCJ-02,
// BD-09) declared for a lon/lat source is removed from every vertex first.
#include <ogr_geometry.h>

#include <memory>
#include <optional>
#include <string>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/crs/WebMapOffsets.hpp"
#include "riskmap/geometry/Geos.hpp"

namespace riskmap {

struct PreparedGeometry {
  std::unique_ptr<OGRGeometry> geometry;  // in the target CRS, when accepted
  std::optional<std::string> rejection;
  std::string repair;                     // what make-valid fixed; empty if nothing
};

class GeometryPreparer {
 public:
  // offsets: only for a geographic source (throws std::invalid_argument otherwise;
  // the importer refuses such a project with a UserError first).
  GeometryPreparer(unsigned families, const OGRSpatialReference& source, const OGRSpatialReference& target,
                   WebMapCoordinates offsets = WebMapCoordinates::None);

  PreparedGeometry prepare(const OGRGeometry* geometry) const;

  // The GeoPackage geometry type for a table of these families.
  static OGRwkbGeometryType tableType(unsigned families);

 private:
  std::optional<std::string> checkAreaOfUse(const OGRGeometry& g) const;

  unsigned families_;
  OGRSpatialReference source_;
  OGRSpatialReference target_;
  std::optional<LonLatBox> areaOfUse_;
  WebMapCoordinates offsets_;
  CoordinateTransformationPtr toLonLat_;  // null when the source is geographic
  CoordinateTransformationPtr toTarget_;  // null when source and target are the same
  GeosContext geos_;
};

}  // namespace riskmap
