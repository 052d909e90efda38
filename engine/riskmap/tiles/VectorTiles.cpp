#include "riskmap/tiles/VectorTiles.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <vector>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/WriterLock.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {

VectorTileReport writeVectorTiles(const Project& project, const VectorTileOptions& o) {
  if (o.out.extension() != ".mbtiles") throw UserError(o.out.string() + ": vector tiles are written to an .mbtiles file");
  if (o.minzoom < 0 || o.maxzoom > 22 || o.minzoom > o.maxzoom)
    throw UserError("zooms " + std::to_string(o.minzoom) + "-" + std::to_string(o.maxzoom) + ": expected 0 <= min <= max <= 22 for mvt");
  const auto start = std::chrono::steady_clock::now();
  const WriterLock lock(o.out, "tiles");
  const Style style = Style::load(o.style);
  std::vector<std::string> tables;  // in the style's drawing order, once each
  for (const StyleLayer& l : style.layers)
    if (std::find(tables.begin(), tables.end(), l.source) == tables.end()) tables.push_back(l.source);

  GDALDatasetUniquePtr library = project.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MBTiles");
  if (!driver) throw std::runtime_error("GDAL has no MBTiles driver");
  if (o.out.has_parent_path()) std::filesystem::create_directories(o.out.parent_path());
  PendingFile pending(o.out);
  const std::string minzoom = "MINZOOM=" + std::to_string(o.minzoom), maxzoom = "MAXZOOM=" + std::to_string(o.maxzoom);
  const std::string name = "NAME=" + project.name;
  const std::string description = "DESCRIPTION=" + project.name + " 安全风险四色图 (safety-risk four-colour map), riskmap";
  const char* options[] = {minzoom.c_str(), maxzoom.c_str(), name.c_str(), description.c_str(), "TYPE=overlay", nullptr};
  VectorTileReport report;
  {
    GDALDatasetUniquePtr out(driver->Create(pending.path().c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(options)));
    if (!out) throw UserError(o.out.string() + ": cannot create: " + CPLGetLastErrorMsg());
    OGRSpatialReference mercator = srsFromEpsg(3857);
    for (const std::string& table : tables) {
      // A table split by geometry type reads as one (riskmap/library/GeometryTables.hpp).
      const library::Table in = library::openTable(*library, table);
      if (!in || !in->GetSpatialRef()) continue;  // a table this library does not hold: no layer
      OGRSpatialReference src(*in->GetSpatialRef());
      src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      CoordinateTransformationPtr ct = makeTransformation(src, mercator);
      OGRLayer* layer = out->CreateLayer(table.c_str(), &mercator, wkbFlatten(in->GetGeomType()), nullptr);
      if (!layer) throw std::runtime_error("MVT writer: cannot create layer " + table + ": " + CPLGetLastErrorMsg());
      OGRFeatureDefn* defn = in->GetLayerDefn();
      for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (layer->CreateField(defn->GetFieldDefn(i)) != OGRERR_NONE)
          throw std::runtime_error("MVT writer: layer " + table + ": cannot add field " + defn->GetFieldDefn(i)->GetNameRef());
      std::uint64_t& n = report.features[table];
      in->ResetReading();
      for (auto& f : *in) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) continue;
        std::unique_ptr<OGRGeometry> projected(g->clone());
        if (projected->transform(ct.get()) != OGRERR_NONE) continue;
        OGRFeature copy(layer->GetLayerDefn());
        copy.SetFrom(f.get(), TRUE);
        copy.SetGeometryDirectly(projected.release());
        if (layer->CreateFeature(&copy) != OGRERR_NONE)
          throw std::runtime_error("MVT writer: layer " + table + ", feature " + std::to_string(f->GetFID()) + ": " + CPLGetLastErrorMsg());
        ++n;
      }
    }
    if (report.features.empty()) throw UserError(project.library.displayName() + ": none of the tables the style draws is in the library");
    // Closing writes the tiles (GDAL builds them from its temporary store).
    CPLErrorReset();
    out.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
      throw std::runtime_error(o.out.string() + ": writing the vector tiles failed: " + CPLGetLastErrorMsg());
  }
  pending.commit();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace riskmap
