#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Library.hpp"

namespace riskmap {
namespace bgi = boost::geometry::index;

LibraryExposure::Box LibraryExposure::boxOf(const OGRGeometry& g) {
  OGREnvelope e;
  g.getEnvelope(&e);
  return Box({e.MinX, e.MinY}, {e.MaxX, e.MaxY});
}

namespace {

// The water mask as one valid geometry (a union, so overlapping water
// polygons still answer "contains" correctly).
std::unique_ptr<OGRGeometry> loadWaterMask(GDALDataset& ds, const std::string& table, const std::string& library) {
  library::Table layer = library::openTable(ds, table);
  if (!layer)
    throw UserError(library + ": no table '" + table + "' for the water mask ([assess] water_mask); import it as a layer");
  OGRMultiPolygon parts;
  for (auto& f : *layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) parts.addGeometry(g);
    else if (type == wkbMultiPolygon)
      for (const OGRGeometry* p : *g->toMultiPolygon()) parts.addGeometry(p);
  }
  if (parts.IsEmpty()) throw UserError(library + ", table '" + table + "': the water mask has no polygons");
  return std::unique_ptr<OGRGeometry>(parts.UnionCascaded());
}

}  // namespace

LibraryExposure::LibraryExposure(const library::Location& library, const LayerRegistry& kinds,
                                 const ExposureSettings& settings)
    : LibraryExposure(*library.open(GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_READONLY), library, kinds, settings) {}

LibraryExposure::LibraryExposure(GDALDataset& dataset, const library::Location& library, const LayerRegistry& kinds,
                                 const ExposureSettings& settings) {
  GDALDataset* const ds = &dataset;
  // A raster layer: a table of the GeoPackage, or PostGIS's GeoTIFF beside the project.
  auto rasterPath = [&](const std::string& table) {
    return library.isPostgres() ? library.rasterFile(table).string() : library.gdalName();
  };
  auto rasterTable = [&](const std::string& table) { return library.isPostgres() ? std::string() : table; };
  OGRLayer* layers = ds->GetLayerByName(library::kLayersTable);
  std::vector<Entry> targetEntries, populationEntries, buildingEntries, roadEntries;
  std::string populationRaster, terrainRaster;
  std::optional<OGRSpatialReference> analysis;  // every vector table is in the analysis CRS
  for (auto& row : *layers) {
    const LayerKind* kind = kinds.find(row->GetFieldAsString("kind"));
    if (!kind) continue;
    const std::string table = row->GetFieldAsString("name");
    const bool raster = std::string(row->GetFieldAsString("storage")) == "raster";
    library::Table layer = raster ? library::Table() : library::openTable(*ds, table);
    if (layer && !analysis && layer->GetSpatialRef()) analysis.emplace(*layer->GetSpatialRef());
    // One grid per role: a second one would be silently left out of every
    // count, so it is the user's error (one mosaic, e.g. gdalbuildvrt, joins them).
    const auto onlyGrid = [&](std::string& held, const char* what) {
      if (!held.empty())
        throw UserError(library.displayName() + ": layers " + held + " and " + table + " are both " + what +
                        " rasters; exposure reads one grid: join them into one (gdalbuildvrt) and import that");
      held = table;
    };
    if (kind->exposureRole() == ExposureRole::Terrain) {
      if (raster) onlyGrid(terrainRaster, "elevation");
    } else if (kind->exposureRole() == ExposureRole::Population) {
      if (raster) {
        onlyGrid(populationRaster, "population");
        continue;
      }
      for (auto& f : *layer) {
        if (!f->GetGeometryRef()) continue;
        std::unique_ptr<OGRGeometry> g(f->StealGeometry());
        PeoplePolygon p{std::move(g), f->GetFieldAsDouble("people"), 0};
        p.area = OGR_G_Area(OGRGeometry::ToHandle(p.geometry.get()));
        if (p.area <= 0) continue;
        populationEntries.emplace_back(boxOf(*p.geometry), populationPolygons_.size());
        populationPolygons_.push_back(std::move(p));
      }
    } else if (kind->exposureRole() == ExposureRole::ProtectedTargets && layer) {
      hasTargetLayer_ = true;
      load(*layer, "kind", targets_, targetEntries, targetExtents_);
    } else if (kind->exposureRole() == ExposureRole::Roads && layer) {
      std::vector<OGREnvelope> unused;
      load(*layer, "road_id", roads_, roadEntries, unused);
    } else if (kind->exposureRole() == ExposureRole::Buildings && layer) {
      hasBuildingLayer_ = true;
      load(*layer, "", buildings_, buildingEntries, buildingExtents_);
    }
  }
  if (!populationRaster.empty()) {
    PopulationGridOptions options;
    options.table = rasterTable(populationRaster);
    options.zoneSrs = analysis ? &*analysis : nullptr;
    options.noData = settings.populationNoData;
    if (settings.populationNoData == NoDataMeaning::Water) {
      waterMask_ = loadWaterMask(*ds, settings.waterMask, library.displayName());
      options.waterMask = waterMask_.get();
    }
    grid_.emplace(rasterPath(populationRaster), options);
  }
  if (!terrainRaster.empty()) {
    DemOptions options;
    options.table = rasterTable(terrainRaster);
    options.analysisSrs = analysis ? &*analysis : nullptr;
    options.undeclared = settings.terrainHeights;
    dem_.emplace(rasterPath(terrainRaster), options);
  }
  // Bulk loading (packing) builds a better tree than inserting one by one.
  targetIndex_ = Index(targetEntries.begin(), targetEntries.end());
  buildingIndex_ = Index(buildingEntries.begin(), buildingEntries.end());
  roadIndex_ = Index(roadEntries.begin(), roadEntries.end());
  populationIndex_ = decltype(populationIndex_)(populationEntries.begin(), populationEntries.end());
}

void LibraryExposure::load(OGRLayer& layer, const char* kindField, std::vector<Target>& items,
                           std::vector<Entry>& entries, std::vector<OGREnvelope>& extents) {
  OGREnvelope extent;
  if (layer.GetExtent(&extent, TRUE) == OGRERR_NONE) extents.push_back(extent);
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

PeopleCount LibraryExposure::countPeople(const OGRGeometry& zone) {
  PeopleCount count;
  if (grid_) {
    count = grid_->count(zone);
  } else {
    // Census polygons: each contributes its people by the share of its area
    // inside the zone (uniform density within a polygon); the zone is
    // covered where polygons lie.
    const double zoneArea = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&zone)));
    double coveredArea = 0;
    forEachPolygonPart(zone, [&](const OGRGeometry&, double people, double area) {
      count.people += people;
      coveredArea += area;
    });
    count.coverage = zoneArea > 0 ? std::min(1.0, coveredArea / zoneArea) : 1.0;
  }
  if (!hasPopulation()) count.coverage = 0;
  note(gaps_.population, count.coverage, !hasPopulation());
  return count;
}

std::vector<PeoplePoint> LibraryExposure::peoplePoints(const OGRGeometry& zone) {
  std::vector<PeoplePoint> out;
  if (grid_) {
    for (const PopulationGrid::CellPeople& c : grid_->cells(zone)) out.push_back({c.x, c.y, c.people});
    return out;
  }
  // Census polygons: each polygon's part inside the zone, its people by
  // area share (as countPeople), at the part's centroid.
  forEachPolygonPart(zone, [&](const OGRGeometry& part, double people, double) {
    OGRPoint centre;
    if (part.Centroid(&centre) == OGRERR_NONE) out.push_back({centre.getX(), centre.getY(), people});
  });
  return out;
}

void LibraryExposure::forEachPolygonPart(const OGRGeometry& zone,
                                         const std::function<void(const OGRGeometry&, double, double)>& part) const {
  std::vector<Entry> hits;
  populationIndex_.query(bgi::intersects(boxOf(zone)), std::back_inserter(hits));
  for (const auto& [box, i] : hits) {
    const PeoplePolygon& p = populationPolygons_[i];
    std::unique_ptr<OGRGeometry> inter(zone.Intersection(p.geometry.get()));
    if (!inter || inter->IsEmpty()) continue;
    const double area = OGR_G_Area(OGRGeometry::ToHandle(inter.get()));
    part(*inter, p.people * area / p.area, area);
  }
}

void LibraryExposure::note(std::optional<DataGap>& gap, double covered, bool missing) {
  if (!gap) gap = DataGap{};
  gap->covered = std::min(gap->covered, covered);
  gap->layerMissing = gap->layerMissing || missing;
}

double LibraryExposure::shareInside(const OGRGeometry& zone, const std::vector<OGREnvelope>& extents) {
  OGREnvelope z;
  zone.getEnvelope(&z);
  for (const OGREnvelope& e : extents)
    if (e.Contains(z)) return 1;  // the common case, without any overlay
  const double zoneArea = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&zone)));
  if (zoneArea <= 0 || extents.empty()) return extents.empty() ? 0 : 1;
  OGRMultiPolygon boxes;
  for (const OGREnvelope& e : extents) {
    OGRLinearRing ring;
    ring.addPoint(e.MinX, e.MinY);
    ring.addPoint(e.MaxX, e.MinY);
    ring.addPoint(e.MaxX, e.MaxY);
    ring.addPoint(e.MinX, e.MaxY);
    ring.closeRings();
    OGRPolygon box;
    box.addRing(&ring);
    boxes.addGeometry(&box);
  }
  std::unique_ptr<OGRGeometry> extent(boxes.UnionCascaded());
  std::unique_ptr<OGRGeometry> inside(extent ? zone.Intersection(extent.get()) : nullptr);
  const double area = inside ? OGR_G_Area(OGRGeometry::ToHandle(inside.get())) : 0;
  return std::min(1.0, area / zoneArea);
}

DataGaps LibraryExposure::takeGaps() {
  DataGaps out = gaps_;
  gaps_ = {};
  return out;
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
  note(gaps_.targets, hasTargetLayer_ ? shareInside(zone, targetExtents_) : 0, !hasTargetLayer_);
  return query(targetIndex_, targets_, zone);
}

std::vector<NearbyFeature> LibraryExposure::buildingsIn(const OGRGeometry& zone) {
  note(gaps_.buildings, hasBuildingLayer_ ? shareInside(zone, buildingExtents_) : 0, !hasBuildingLayer_);
  return query(buildingIndex_, buildings_, zone);
}

FlowPath LibraryExposure::downstream(const OGRGeometry& start, const FlowPathRequest& request) {
  if (!dem_) {
    note(gaps_.terrain, 0, true);
    FlowPath none;
    none.requestedM = request.lengthM;
    none.why = "the library has no terrain (elevation) layer";
    none.whyZh = "库中没有地形（高程）图层";
    return none;
  }
  FlowPath path = traceFlow(*dem_, start, request);
  if (path.dataComplete()) {
    note(gaps_.terrain, 1, false);
  } else {
    note(gaps_.terrain, request.lengthM > 0 ? path.tracedM / request.lengthM : 0, false);
    if (gaps_.terrain->reason.empty()) gaps_.terrain->reason = path.why, gaps_.terrain->reasonZh = path.whyZh;
  }
  return path;
}

std::vector<NearbyFeature> LibraryExposure::roadsIn(const OGRGeometry& zone) { return query(roadIndex_, roads_, zone); }

std::map<std::string, long long> LibraryExposure::targetsIn(const OGRGeometry& zone) {
  std::map<std::string, long long> counts;
  for (const NearbyFeature& t : targetListIn(zone)) ++counts[t.kind];
  return counts;
}

}  // namespace riskmap
