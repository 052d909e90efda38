#include "riskmap/library/Library.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <vector>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::library {
namespace {

std::optional<std::array<double, 4>> toLonLat(const std::array<double, 4>& e, const OGRSpatialReference& srs) {
  OGRSpatialReference geo = srsFromEpsg(4490);
  CoordinateTransformationPtr ct = makeTransformation(srs, geo);
  double xs[4] = {e[0], e[2], e[0], e[2]}, ys[4] = {e[1], e[1], e[3], e[3]};
  if (!ct->Transform(4, xs, ys)) return std::nullopt;
  return std::array<double, 4>{std::min(xs[0], xs[2]), std::min(ys[0], ys[1]), std::max(xs[1], xs[3]),
                               std::max(ys[2], ys[3])};
}

void describeVector(GDALDataset& ds, LayerState& state) {
  Table l = openTable(ds, state.entry.name);
  if (!l) return;
  state.count = l->GetFeatureCount();
  state.geometryType = OGRGeometryTypeToName(l->GetGeomType());
  if (const OGRSpatialReference* srs = l->GetSpatialRef()) {
    state.crs = srsLabel(*srs);
    OGREnvelope env;
    if (state.count > 0 && l->GetExtent(&env, TRUE) == OGRERR_NONE) {
      state.extent = std::array<double, 4>{env.MinX, env.MinY, env.MaxX, env.MaxY};
      OGRSpatialReference s(*srs);
      s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      state.lonLatExtent = toLonLat(*state.extent, s);
    }
  }
}

void describeRaster(const Location& library, LayerState& state) {
  GDALDatasetUniquePtr ds = library.openRaster(state.entry.name);
  GDALRasterBand* band = ds->GetRasterBand(1);
  const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
  double gt[6];
  ds->GetGeoTransform(gt);
  state.geometryType = "raster " + std::to_string(w) + "x" + std::to_string(h) + " cells of " +
                       std::to_string(static_cast<int>(gt[1] + 0.5)) + " m";
  if (const OGRSpatialReference* srs = ds->GetSpatialRef()) {
    state.crs = srsLabel(*srs);
    state.extent = std::array<double, 4>{gt[0], gt[3] + gt[5] * h, gt[0] + gt[1] * w, gt[3]};
    OGRSpatialReference s(*srs);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    state.lonLatExtent = toLonLat(*state.extent, s);
  }
  int hasNoData = 0;
  const double noData = band->GetNoDataValue(&hasNoData);
  int bx, by;
  band->GetBlockSize(&bx, &by);
  std::vector<double> buf(static_cast<std::size_t>(bx) * by);
  double sum = 0;
  long long cells = 0;
  for (int y0 = 0; y0 < h; y0 += by)
    for (int x0 = 0; x0 < w; x0 += bx) {
      const int cw = std::min(bx, w - x0), ch = std::min(by, h - y0);
      if (band->RasterIO(GF_Read, x0, y0, cw, ch, buf.data(), cw, ch, GDT_Float64, 0, 0) != CE_None) continue;
      for (int i = 0; i < cw * ch; ++i) {
        const double v = buf[static_cast<std::size_t>(i)];
        if (hasNoData && v == noData) continue;
        sum += v;
        ++cells;
      }
    }
  state.count = cells;
  state.rasterSum = sum;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> layerKinds(GDALDataset& ds) {
  OGRLayer* layers = ds.GetLayerByName(kLayersTable);
  if (!layers) throw UserError(ds.GetDescription() + std::string(": not a riskmap one library"));
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& row : *layers) out.emplace_back(row->GetFieldAsString("name"), row->GetFieldAsString("kind"));
  return out;
}

Summary summarize(const Location& library) {
  const std::string path = library.displayName();
  if (!library.exists()) throw UserError(path + ": no one library here; run `riskmap import` first");
  GDALDatasetUniquePtr ds = library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* layers = ds->GetLayerByName(kLayersTable);
  OGRLayer* project = ds->GetLayerByName(kProjectTable);
  if (!layers || !project) throw UserError(path + ": not a riskmap one library (no " + std::string(kLayersTable) + " table)");
  Summary s;
  s.path = path;
  for (auto& f : *project) {
    const std::string key = f->GetFieldAsString("key"), value = f->GetFieldAsString("value");
    if (key == "name") s.projectName = value;
    if (key == "crs") s.crs = value;
    if (key == "version") s.version = value;
  }
  for (auto& f : *layers) {
    LayerState state;
    LayerEntry& e = state.entry;
    e.name = f->GetFieldAsString("name");
    e.kind = f->GetFieldAsString("kind");
    e.storage = f->GetFieldAsString("storage");
    e.source = f->GetFieldAsString("source");
    e.sourceLayer = f->GetFieldAsString("source_layer");
    e.sourceSrs = f->GetFieldAsString("source_srs");
    e.encoding = f->GetFieldAsString("encoding");
    if (f->GetFieldIndex("coordinates") >= 0) e.coordinates = f->GetFieldAsString("coordinates");  // older libraries lack it
    e.read = f->GetFieldAsInteger64("read");
    e.accepted = f->GetFieldAsInteger64("accepted");
    e.rejected = f->GetFieldAsInteger64("rejected");
    e.repaired = f->GetFieldAsInteger64("repaired");
    s.layers.push_back(std::move(state));
  }
  for (auto& state : s.layers) {
    if (state.entry.storage == "raster") describeRaster(library, state);
    else describeVector(*ds, state);
  }
  if (OGRLayer* rejects = ds->GetLayerByName(kRejectsTable)) s.rejects = rejects->GetFeatureCount();
  return s;
}

}  // namespace riskmap::library
