#include "PreparedPlant.hpp"

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"

namespace riskmap::enterprise {
namespace {

std::string projectedWkt(const std::string& crs, const std::string& where) {
  OGRSpatialReference srs = parseSrs(crs);
  if (!srs.IsProjected()) throw UserError(where + ".georeference.crs: '" + crs + "' is not a projected CRS in metres");
  char* wkt = nullptr;
  srs.exportToWkt(&wkt);
  std::string text = wkt ? wkt : "";
  CPLFree(wkt);
  return text;
}

}  // namespace

PreparedPlant preparePlant(const PlantConfig& config, const EnterpriseRules& rules, const std::string& where) {
  PreparedPlant p{config, SitePlan::read(config), {}, {}, {}, {}};
  // The register is checked against the plan in plant coordinates, where its x and y are given.
  p.reg = RiskRegister::read(config, p.plan, rules);
  std::optional<Similarity> toMap;
  if (!config.controlPoints.empty()) {
    p.fit = fitSimilarity(config.controlPoints);
    checkResiduals(*p.fit, config.maxResidualM.value_or(rules.maxResidualM), where + " (plant " + config.id + ")");
    toMap = p.fit->transform;
  } else if (config.origin) {
    toMap = Similarity::fromOrigin(*config.origin, config.rotationDeg);
  }
  if (toMap) {
    p.crsWkt = projectedWkt(config.crs, where);
    p.plan.transform(*toMap);
    for (RiskPoint& r : p.reg.points)
      if (r.at) r.at = toMap->apply(*r.at);
  } else {
    p.crsWkt = p.plan.crsWkt;  // a GeoPackage drawn in its own projected CRS; a bare DXF has none
  }
  p.grades = gradePlant(p.reg.points);
  return p;
}

}  // namespace riskmap::enterprise
