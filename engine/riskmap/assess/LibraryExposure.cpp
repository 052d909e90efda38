#include "riskmap/assess/LibraryExposure.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Library.hpp"

namespace riskmap {
namespace bgi = boost::geometry::index;

LibraryExposure::Box LibraryExposure::boxOf(const OGRGeometry& g) {
  OGREnvelope e;
  g.getEnvelope(&e);
  return Box({e.MinX, e.MinY}, {e.MaxX, e.MaxY});
}

LibraryExposure::LibraryExposure(const std::filesystem::path& library, const LayerRegistry& kinds) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* layers = ds->GetLayerByName(library::kLayersTable);
  std::vector<Entry> targetEntries, populationEntries, buildingEntries, roadEntries;
  for (auto& row : *layers) {
    const LayerKind* kind = kinds.find(row->GetFieldAsString("kind"));
    if (!kind) continue;
    const std::string table = row->GetFieldAsString("name");
    const bool raster = std::string(row->GetFieldAsString("storage")) == "raster";
    if (kind->exposureRole() == ExposureRole::Population) {
      if (raster) {
        if (!grid_) grid_.emplace(library.string(), table);
        continue;
      }
      for (auto& f : *ds->GetLayerByName(table.c_str())) {
        if (!f->GetGeometryRef()) continue;
        std::unique_ptr<OGRGeometry> g(f->StealGeometry());
        PeoplePolygon p{std::move(g), f->GetFieldAsDouble("people"), 0};
        p.area = OGR_G_Area(OGRGeometry::ToHandle(p.geometry.get()));
        if (p.area <= 0) continue;
        populationEntries.emplace_back(boxOf(*p.geometry), populationPolygons_.size());
        populationPolygons_.push_back(std::move(p));
      }
    } else if (kind->exposureRole() == ExposureRole::ProtectedTargets && !raster) {
      load(*ds->GetLayerByName(table.c_str()), "kind", targets_, targetEntries);
    } else if (kind->exposureRole() == ExposureRole::Roads && !raster) {
      load(*ds->GetLayerByName(table.c_str()), "road_id", roads_, roadEntries);
    } else if (kind->exposureRole() == ExposureRole::Buildings && !raster) {
      load(*ds->GetLayerByName(table.c_str()), "", buildings_, buildingEntries);
    }
  }
  // Bulk loading (packing) builds a better tree than inserting one by one.
  targetIndex_ = Index(targetEntries.begin(), targetEntries.end());
  buildingIndex_ = Index(buildingEntries.begin(), buildingEntries.end());
  roadIndex_ = Index(roadEntries.begin(), roadEntries.end());
  populationIndex_ = decltype(populationIndex_)(populationEntries.begin(), populationEntries.end());
}

void LibraryExposure::load(OGRLayer& layer, const char* kindField, std::vector<Target>& items,
                           std::vector<Entry>& entries) {
  const OGRFeatureDefn* defn = layer.GetLayerDefn();
  const int kindIndex = *kindField ? defn->GetFieldIndex(kindField) : -1, name = defn->GetFieldIndex("name");
  const int households = defn->GetFieldIndex("households"), storeys = defn->GetFieldIndex("storeys");
  for (auto& f : layer) {
    if (!f->GetGeometryRef()) continue;
    Target t{std::unique_ptr<OGRGeometry>(f->StealGeometry()), kindIndex >= 0 ? f->GetFieldAsString(kindIndex) : "",
             name >= 0 ? f->GetFieldAsString(name) : "", households >= 0 ? f->GetFieldAsInteger64(households) : 0,
             storeys >= 0 ? f->GetFieldAsInteger64(storeys) : 0};
    entries.emplace_back(boxOf(*t.geometry), items.size());
    items.push_back(std::move(t));
  }
}

double LibraryExposure::peopleIn(const OGRGeometry& zone) {
  if (grid_) return grid_->peopleIn(zone);
  double people = 0;
  std::vector<Entry> hits;
  populationIndex_.query(bgi::intersects(boxOf(zone)), std::back_inserter(hits));
  for (const auto& [box, i] : hits) {
    const PeoplePolygon& p = populationPolygons_[i];
    std::unique_ptr<OGRGeometry> inter(zone.Intersection(p.geometry.get()));
    if (!inter || inter->IsEmpty()) continue;
    people += p.people * OGR_G_Area(OGRGeometry::ToHandle(inter.get())) / p.area;
  }
  return people;
}

std::vector<NearbyFeature> LibraryExposure::query(const Index& index, const std::vector<Target>& items,
                                                  const OGRGeometry& zone) {
  std::vector<Entry> hits;
  index.query(bgi::intersects(boxOf(zone)), std::back_inserter(hits));
  std::sort(hits.begin(), hits.end(), [](const Entry& a, const Entry& b) { return a.second < b.second; });
  std::vector<NearbyFeature> out;
  for (const auto& [box, i] : hits) {
    const Target& t = items[i];
    if (zone.Intersects(t.geometry.get())) out.push_back({t.geometry.get(), t.kind, t.name, t.households, t.storeys});
  }
  return out;
}

std::vector<NearbyFeature> LibraryExposure::targetListIn(const OGRGeometry& zone) {
  return query(targetIndex_, targets_, zone);
}

std::vector<NearbyFeature> LibraryExposure::buildingsIn(const OGRGeometry& zone) {
  return query(buildingIndex_, buildings_, zone);
}

std::vector<NearbyFeature> LibraryExposure::roadsIn(const OGRGeometry& zone) { return query(roadIndex_, roads_, zone); }

std::map<std::string, long long> LibraryExposure::targetsIn(const OGRGeometry& zone) {
  std::map<std::string, long long> counts;
  for (const NearbyFeature& t : targetListIn(zone)) ++counts[t.kind];
  return counts;
}

}  // namespace riskmap
