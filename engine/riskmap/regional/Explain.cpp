#include "riskmap/regional/Explain.hpp"

#include <ogrsf_frmts.h>

#include <map>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {
namespace {

OGRLayer* table(GDALDataset& ds, const char* name) {
  OGRLayer* l = ds.GetLayerByName(name);
  if (!l) throw UserError(std::string(ds.GetDescription()) + ": no " + name + " table; run `riskmap assess` with a study_area");
  return l;
}

}  // namespace

nlohmann::json explainAt(const std::filesystem::path& library, double x, double y) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRPoint at(x, y);
  nlohmann::json out = {{"x", x}, {"y", y}};
  OGRLayer* zonesTable = table(*ds, "risk_zones");
  if (const OGRSpatialReference* srs = zonesTable->GetSpatialRef()) out["crs"] = srsLabel(*srs);
  zonesTable->SetSpatialFilter(&at);
  for (auto& f : *zonesTable)
    if (f->GetGeometryRef()->Contains(&at)) {
      out["grade"] = f->GetFieldAsString("grade");
      out["grade_zh"] = f->GetFieldAsString("grade_zh");
    }
  if (!out.contains("grade")) {
    out["grade"] = nullptr;
    out["why"] = "outside the study area";
    return out;
  }
  out["rule"] = "where zones overlap the highest grade wins (就高原则), or the additive index if the rules say so; no zone: low";

  // The grades and rules of the sources, by (layer, source id).
  std::map<std::pair<std::string, std::string>, OGRFeatureUniquePtr> sources;
  OGRLayer* grades = table(*ds, "source_grades");
  OGRLayer* footprints = table(*ds, "footprints");
  footprints->SetSpatialFilter(&at);
  footprints->SetAttributeFilter("zone_grade IS NOT NULL");
  nlohmann::json zones = nlohmann::json::array();
  for (auto& f : *footprints) {
    if (!f->GetGeometryRef()->Contains(&at)) continue;
    const std::string layer = f->GetFieldAsString("layer"), id = f->GetFieldAsString("source_id");
    nlohmann::json z = {{"source_layer", layer}, {"source_id", id}, {"name", f->GetFieldAsString("name")},
                        {"kind", f->GetFieldAsString("kind")}, {"ring", f->GetFieldAsString("ring")},
                        {"distance_m", f->GetFieldAsDouble("distance_m")}, {"ring_keyed_by", f->GetFieldAsString("grade")},
                        {"distance_source", f->GetFieldIndex("distance_source") >= 0 ? f->GetFieldAsString("distance_source") : ""},
                        {"base_zone_grade", f->GetFieldAsString("base_zone_grade")},
                        {"zone_grade", f->GetFieldAsString("zone_grade")}, {"uplifted", f->GetFieldAsInteger("uplifted") == 1},
                        {"people_in_zone", f->GetFieldAsDouble("people")},
                        {"density_per_km2", f->GetFieldAsDouble("density_per_km2")},
                        {"sensitive_targets", nlohmann::json::parse(f->GetFieldAsString("sensitive_targets"))}};
    if (const int i = f->GetFieldIndex("people_coverage"); i >= 0 && f->IsFieldSetAndNotNull(i))
      z["people_coverage"] = f->GetFieldAsDouble(i);
    z["decides"] = z["zone_grade"] == out["grade"];
    grades->SetAttributeFilter(("layer = '" + layer + "' AND source_id = '" + id + "'").c_str());
    grades->ResetReading();
    if (OGRFeatureUniquePtr g{grades->GetNextFeature()}) {
      z["source_grade"] = g->GetFieldAsString("grade");
      z["standard"] = g->GetFieldAsString("standard");
      z["source_rule"] = g->GetFieldAsString("rule");
      if (const int i = g->GetFieldIndex("incomplete"); i >= 0 && *g->GetFieldAsString(i))
        z["incomplete"] = g->GetFieldAsString(i);
    }
    zones.push_back(z);
  }
  out["zones"] = zones;
  return out;
}

nlohmann::json explainAtLonLat(const std::filesystem::path& library, double lon, double lat) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* zones = table(*ds, "risk_zones");
  OGRSpatialReference target(*zones->GetSpatialRef());
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = lon, y = lat;
  if (!makeTransformation(srsFromEpsg(4490), target)->Transform(1, &x, &y))
    throw UserError("cannot place " + std::to_string(lon) + "," + std::to_string(lat) + " in " + srsLabel(target));
  ds.reset();
  nlohmann::json out = explainAt(library, x, y);
  out["lon"] = lon;
  out["lat"] = lat;
  return out;
}

}  // namespace riskmap
