#include "riskmap/crs/Crs.hpp"

#include <cmath>
#include <cstdlib>

#include <cpl_string.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {

OGRSpatialReference parseSrs(const std::string& userInput) {
  OGRSpatialReference srs;
  GdalErrorCapture proj;  // PROJ's own "ERROR 1: ..." line goes into ours
  if (srs.SetFromUserInput(userInput.c_str()) != OGRERR_NONE)
    throw UserError("unknown coordinate reference system '" + userInput + "'" +
                    (proj.lastError().empty() ? "" : " (" + proj.lastError() + ")"));
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

OGRSpatialReference withGisAxisOrder(const OGRSpatialReference& srs) {
  OGRSpatialReference out(srs);
  out.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return out;
}

OGRSpatialReference srsFromEpsg(int code) { return parseSrs("EPSG:" + std::to_string(code)); }

int gaussKrugerEpsgForLongitude(double lon) {
  // EPSG:4534 is CM 75E, then one code per 3 degrees up to EPSG:4554 at CM 135E.
  const int cm = static_cast<int>(std::lround(lon / 3.0)) * 3;
  if (cm < 75 || cm > 135)
    throw UserError("longitude " + std::to_string(lon) +
                    " is outside the CGCS2000 Gauss-Kruger zones (73.5E-136.5E); set crs explicitly");
  return 4534 + (cm - 75) / 3;
}

std::string srsLabel(const OGRSpatialReference& srs) {
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = srs.GetName();
  return name ? name : "unknown CRS";
}

std::optional<LonLatBox> areaOfUse(const OGRSpatialReference& srs) {
  double w, s, e, n;
  const char* name = nullptr;
  if (srs.GetAreaOfUse(&w, &s, &e, &n, &name) && w > -1000) return LonLatBox{w, s, e, n};
  // A CRS read from a .prj or GeoJSON often carries no area of use; its
  // EPSG twin from PROJ's database does.
  OGRSpatialReference copy(srs);
  if (copy.AutoIdentifyEPSG() == OGRERR_NONE || copy.GetAuthorityCode(nullptr)) {
    const char* code = copy.GetAuthorityCode(nullptr);
    const char* auth = copy.GetAuthorityName(nullptr);
    if (code && auth && EQUAL(auth, "EPSG")) {
      OGRSpatialReference epsg;
      if (epsg.importFromEPSG(std::atoi(code)) == OGRERR_NONE && epsg.GetAreaOfUse(&w, &s, &e, &n, &name) &&
          w > -1000)
        return LonLatBox{w, s, e, n};
    }
  }
  if (srs.IsGeographic()) return LonLatBox{-180, -90, 180, 90};
  return std::nullopt;
}

CoordinateTransformationPtr makeTransformation(const OGRSpatialReference& from,
                                               const OGRSpatialReference& to) {
  GdalErrorCapture errors;
  CoordinateTransformationPtr ct(OGRCreateCoordinateTransformation(&from, &to));
  if (!ct)
    throw UserError("no transformation from " + srsLabel(from) + " to " + srsLabel(to) + ": " +
                    errors.lastError());
  return ct;
}

}  // namespace riskmap
