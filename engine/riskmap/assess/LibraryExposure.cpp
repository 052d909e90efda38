#include "riskmap/assess/LibraryExposure.hpp"

#include <ogrsf_frmts.h>

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
  std::vector<Entry> targetEntries, populationEntries;
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
      for (auto& f : *ds->GetLayerByName(table.c_str())) {
        if (!f->GetGeometryRef()) continue;
        Target t{std::unique_ptr<OGRGeometry>(f->StealGeometry()), f->GetFieldAsString("kind")};
        targetEntries.emplace_back(boxOf(*t.geometry), targets_.size());
        targets_.push_back(std::move(t));
      }
    }
  }
  // Bulk loading (packing) builds a better tree than inserting one by one.
  targetIndex_ = decltype(targetIndex_)(targetEntries.begin(), targetEntries.end());
  populationIndex_ = decltype(populationIndex_)(populationEntries.begin(), populationEntries.end());
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

std::map<std::string, long long> LibraryExposure::targetsIn(const OGRGeometry& zone) {
  std::map<std::string, long long> counts;
  std::vector<Entry> hits;
  targetIndex_.query(bgi::intersects(boxOf(zone)), std::back_inserter(hits));
  for (const auto& [box, i] : hits)
    if (zone.Intersects(targets_[i].geometry.get())) ++counts[targets_[i].kind];
  return counts;
}

}  // namespace riskmap
