#pragma once
// Coordinate reference systems: parsing user input, the analysis CRS rule,
// areas of use, and transformations with GIS axis order (x = easting/lon)
// whatever the CRS's official axis order (EPSG:4490 is lat,lon; Gauss-Kruger
// is northing,easting).
#include <ogr_spatialref.h>

#include <optional>
#include <string>

#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {

struct LonLatBox {
  double west, south, east, north;
  bool contains(double lon, double lat, double tolerance = 0.0) const {
    return lon >= west - tolerance && lon <= east + tolerance && lat >= south - tolerance &&
           lat <= north + tolerance;
  }
};

// "EPSG:4490", a WKT, a PROJ string: anything OGRSpatialReference::SetFromUserInput takes.
OGRSpatialReference parseSrs(const std::string& userInput);
OGRSpatialReference srsFromEpsg(int code);

// The CGCS2000 3-degree Gauss-Kruger zone (central-meridian form, EPSG:4534-4554)
// whose central meridian is nearest to lon.
int gaussKrugerEpsgForLongitude(double lon);

// "EPSG:4549" when the CRS has an EPSG code, otherwise its name.
std::string srsLabel(const OGRSpatialReference& srs);

std::optional<LonLatBox> areaOfUse(const OGRSpatialReference& srs);

// A copy of srs that takes and gives x = easting/lon, y = northing/lat.
OGRSpatialReference withGisAxisOrder(const OGRSpatialReference& srs);

CoordinateTransformationPtr makeTransformation(const OGRSpatialReference& from,
                                               const OGRSpatialReference& to);

}  // namespace riskmap
