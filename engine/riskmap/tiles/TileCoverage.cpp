#include "riskmap/tiles/TileCoverage.hpp"

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {

TileCoverage::TileCoverage(const std::filesystem::path& library, const std::string& studyAreaTable)
    : area_(nullptr, GeosGeometryDeleter{ctx_.handle()}) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRSpatialReference mercator = srsFromEpsg(3857), lonlat = srsFromEpsg(4326);
  OGRMultiPolygon all;
  OGREnvelope extent;
  bool any = false;
  for (OGRLayer* l : ds->GetLayers()) {
    if (!studyAreaTable.empty() && studyAreaTable != l->GetName()) continue;
    if (!l->GetSpatialRef()) continue;
    OGRSpatialReference src(*l->GetSpatialRef());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr ct = makeTransformation(src, mercator);
    for (auto& f : *l) {
      OGRGeometry* g = f->GetGeometryRef();
      if (!g || g->IsEmpty() || g->transform(ct.get()) != OGRERR_NONE) continue;
      OGREnvelope e;
      g->getEnvelope(&e);
      extent.Merge(e);
      any = true;
      if (!studyAreaTable.empty()) {
        const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
        if (t == wkbPolygon) all.addGeometry(g);
        else if (t == wkbMultiPolygon)
          for (const OGRPolygon* p : *g->toMultiPolygon()) all.addGeometry(p);
      }
    }
  }
  if (!any)
    throw UserError(library.string() + ": " +
                    (studyAreaTable.empty() ? "no layer to tile" : "study area table '" + studyAreaTable + "' is empty or missing"));
  box_ = {extent.MinX, extent.MinY, extent.MaxX, extent.MaxY};
  double xs[2] = {extent.MinX, extent.MaxX}, ys[2] = {extent.MinY, extent.MaxY};
  makeTransformation(mercator, lonlat)->Transform(2, xs, ys);
  bounds_ = {xs[0], ys[0], xs[1], ys[1]};
  if (!all.IsEmpty()) {
    area_ = toGeos(ctx_, all);
    prepared_ = GEOSPrepare_r(ctx_.handle(), area_.get());
    std::unique_ptr<OGRGeometry> outline(all.clone());
    outline->transform(makeTransformation(mercator, lonlat).get());
    char* json = outline->exportToJson();
    outline_ = std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":)") +
               json + "}]}";
    CPLFree(json);
  } else {
    outline_ = R"({"type":"FeatureCollection","features":[]})";
  }
}

bool TileCoverage::touches(const TileId& t, const TileMatrixSet& set) const {
  if (set.kind() == TileMatrixSet::Kind::WebMercator) return touches(t);
  const LonLatBox b = set.lonLatBounds(t);
  if (b.south >= kWebMercatorMaxLat || b.north <= -kWebMercatorMaxLat) return false;  // beyond any study area
  const auto y = [](double lat) {  // spherical Mercator northing
    lat = std::clamp(lat, -kWebMercatorMaxLat, kWebMercatorMaxLat) * M_PI / 180;
    return 6378137.0 * std::log(std::tan(M_PI / 4 + lat / 2));
  };
  const double x = kWebMercatorHalf / 180.0;
  return touches(MercatorBox{b.west * x, y(b.south), b.east * x, y(b.north)});
}

TileCoverage::~TileCoverage() {
  if (prepared_) GEOSPreparedGeom_destroy_r(ctx_.handle(), prepared_);
}

bool TileCoverage::touches(const MercatorBox& b) const {
  if (b.maxX < box_.minX || b.minX > box_.maxX || b.maxY < box_.minY || b.minY > box_.maxY) return false;
  if (!prepared_) return true;
  std::lock_guard lock(mutex_);
  GeosGeometryPtr box(GEOSGeom_createRectangle_r(ctx_.handle(), b.minX, b.minY, b.maxX, b.maxY),
                      GeosGeometryDeleter{ctx_.handle()});
  return GEOSPreparedIntersects_r(ctx_.handle(), prepared_, box.get()) == 1;
}

}  // namespace riskmap
