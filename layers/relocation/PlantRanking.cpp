#include "PlantRanking.hpp"

#include "Numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::relocation {
namespace {

struct UrbanArea {
  std::string name;
  std::unique_ptr<OGRGeometry> geometry;
};

std::vector<UrbanArea> readUrbanAreas(const std::filesystem::path& library, const std::string& table) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  library::Table l = library::openTable(*ds, table);
  if (!l)
    throw UserError(library.string() + ": urban-area table '" + table +
                    "' ([relocation] urban_areas) is not in the one library");
  std::vector<UrbanArea> out;
  const int name = l->GetLayerDefn()->GetFieldIndex("name");
  for (auto& f : *l)
    if (f->GetGeometryRef())
      out.push_back({name >= 0 ? f->GetFieldAsString(name) : std::to_string(f->GetFID()),
                     std::unique_ptr<OGRGeometry>(f->StealGeometry())});
  return out;
}

// Level 1 first, then 2, 3, 4; not major sources (0) and ungraded (-1) last.
int levelOrder(int level) { return level >= 1 ? level : level == 0 ? 5 : 6; }

long long keyValue(const RankedPlant& r, PriorityKey key) {
  switch (key) {
    case PriorityKey::Level: return -levelOrder(r.plant->baseline.level);
    case PriorityKey::SensitiveTargets: return r.sensitiveTargets;
    case PriorityKey::PeopleExternalSafety: return r.peopleExternalSafety;
    case PriorityKey::People500m: return r.people500;
    case PriorityKey::OutsidePark: return r.inPark ? 0 : 1;
  }
  return 0;
}

}  // namespace

std::string priorityValueText(const RankedPlant& r, PriorityKey key, bool chinese) {
  switch (key) {
    case PriorityKey::Level: {
      const int l = r.plant->baseline.level;
      static const char* zh[] = {"", "一级", "二级", "三级", "四级"};
      if (l >= 1 && l <= 4) return chinese ? zh[l] : std::to_string(l);
      return chinese ? (l == 0 ? "非重大危险源" : "未分级") : r.plant->baseline.grade;
    }
    case PriorityKey::SensitiveTargets: return std::to_string(r.sensitiveTargets);
    case PriorityKey::PeopleExternalSafety: return thousands(r.peopleExternalSafety);
    case PriorityKey::People500m: return thousands(r.people500);
    case PriorityKey::OutsidePark: return r.inPark ? (chinese ? "园区内" : "in a park") : (chinese ? "园区外" : "outside parks");
  }
  return {};
}

Ranking rankPlants(const PlantRegister& plants, const std::filesystem::path& library, const std::string& urbanTable,
                   ExposureQueries& exposure, const RelocationRules& rules) {
  Ranking ranking;
  const std::vector<UrbanArea> urban = urbanTable.empty() ? std::vector<UrbanArea>{} : readUrbanAreas(library, urbanTable);
  char buf[160];
  if (urbanTable.empty()) {
    std::snprintf(buf, sizeof buf, "population density >= %s people/km² within %.0f m",
                  thousands(std::llround(rules.denseMinPerKm2)).c_str(), rules.denseRadiusM);
    ranking.denseMethod = buf;
  } else {
    ranking.denseMethod = "urban areas (table " + urbanTable + ")";
  }
  OGRSpatialReference geo = srsFromEpsg(4490), analysis(plants.crs());
  analysis.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const CoordinateTransformationPtr toLonLat = makeTransformation(analysis, geo);
  for (const Plant& p : plants.plants()) {
    ++ranking.plantsConsidered;
    RankedPlant row;
    row.plant = &p;
    const std::unique_ptr<OGRGeometry> disc(p.site->Buffer(rules.denseRadiusM, 16));
    const double areaKm2 = OGR_G_Area(OGRGeometry::ToHandle(disc.get())) / 1e6;
    row.densityPerKm2 = exposure.peopleIn(*disc) / areaKm2;
    if (urbanTable.empty()) {
      if (row.densityPerKm2 < rules.denseMinPerKm2) continue;
      std::snprintf(buf, sizeof buf, "%s people/km² within %.0f m", thousands(std::llround(row.densityPerKm2)).c_str(),
                    rules.denseRadiusM);
      row.denseBy = buf;
    } else {
      const auto hit = std::find_if(urban.begin(), urban.end(),
                                    [&](const UrbanArea& u) { return u.geometry->Intersects(p.site.get()); });
      if (hit == urban.end()) continue;
      row.denseBy = "urban area " + hit->name;
    }
    row.people500 = std::llround(p.baseline.peopleIn("exposure_500m"));
    row.peopleExternalSafety = std::llround(p.baseline.peopleIn("external_safety"));
    row.sensitiveTargets = p.baseline.targetsOf(rules.sensitiveKinds);
    const Park* park = plants.parkContaining(*p.site);
    row.inPark = park || p.inParkFlag;
    row.park = park ? park->name : p.inParkFlag ? p.feature.attributes.text("park_id").value_or("") : "";
    OGRPoint centre;
    p.site->Centroid(&centre);
    row.lon = centre.getX(), row.lat = centre.getY();
    toLonLat->Transform(1, &row.lon, &row.lat);
    ranking.rows.push_back(std::move(row));
  }
  std::stable_sort(ranking.rows.begin(), ranking.rows.end(), [&](const RankedPlant& a, const RankedPlant& b) {
    for (PriorityKey k : rules.priority)
      if (keyValue(a, k) != keyValue(b, k)) return keyValue(a, k) > keyValue(b, k);
    return a.plant->id < b.plant->id;
  });
  for (std::size_t i = 0; i < ranking.rows.size(); ++i) {
    RankedPlant& r = ranking.rows[i];
    r.rank = static_cast<int>(i + 1);
    if (i + 1 == ranking.rows.size()) break;
    for (PriorityKey k : rules.priority)
      if (keyValue(r, k) != keyValue(ranking.rows[i + 1], k)) {
        static const std::map<PriorityKey, const char*> zh{{PriorityKey::Level, "级别"},
                                                           {PriorityKey::SensitiveTargets, "高敏感目标"},
                                                           {PriorityKey::PeopleExternalSafety, "防护距离内人口"},
                                                           {PriorityKey::People500m, "500米内人口"},
                                                           {PriorityKey::OutsidePark, "是否在园区"}};
        const RankedPlant& next = ranking.rows[i + 1];
        r.aheadOfNextBy = std::string(priorityKeyName(k)) + ": " + priorityValueText(r, k) + " vs " +
                          priorityValueText(next, k);
        r.aheadOfNextByZh = std::string(zh.at(k)) + " " + priorityValueText(r, k, true) + " vs " +
                            priorityValueText(next, k, true);
        break;
      }
  }
  return ranking;
}

}  // namespace riskmap::relocation
