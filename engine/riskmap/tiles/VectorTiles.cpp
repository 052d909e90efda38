#include "riskmap/tiles/VectorTiles.hpp"

#include <nlohmann/json.hpp>
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

namespace {

// The tables the style draws, in its drawing order, once each.
std::vector<std::string> styleTables(const std::filesystem::path& file) {
  const Style style = Style::load(file);
  std::vector<std::string> tables;
  for (const StyleLayer& l : style.layers)
    if (std::find(tables.begin(), tables.end(), l.source) == tables.end()) tables.push_back(l.source);
  return tables;
}

// Every feature of the style's tables into `out`, one layer per table, in
// the tiling CRS `srs` (traditional GIS order); GDAL writes the tiles when
// `out` closes.
void copyTables(GDALDataset& library, GDALDataset& out, const std::vector<std::string>& tables,
                const OGRSpatialReference& srs, VectorTileReport& report) {
  for (const std::string& table : tables) {
    // A table split by geometry type reads as one (riskmap/library/GeometryTables.hpp).
    const library::Table in = library::openTable(library, table);
    if (!in || !in->GetSpatialRef()) continue;  // a table this library does not hold: no layer
    OGRSpatialReference src(*in->GetSpatialRef());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr ct = makeTransformation(src, srs);
    OGRSpatialReference tiling(srs);  // GDAL 3.6 takes a mutable one
    OGRLayer* layer = out.CreateLayer(table.c_str(), &tiling, wkbFlatten(in->GetGeomType()), nullptr);
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
}

// Closing the writer writes the tiles (GDAL builds them from its temporary store).
void finish(GDALDatasetUniquePtr& out, const std::filesystem::path& where) {
  CPLErrorReset();
  out.reset();
  if (CPLGetLastErrorType() >= CE_Failure)
    throw std::runtime_error(where.string() + ": writing the vector tiles failed: " + CPLGetLastErrorMsg());
}

void checkZooms(const VectorTileOptions& o) {
  const int low = o.matrix.minZoom();
  if (o.minzoom < low || o.maxzoom > 22 || o.minzoom > o.maxzoom)
    throw UserError("zooms " + std::to_string(o.minzoom) + "-" + std::to_string(o.maxzoom) + ": expected " +
                    std::to_string(low) + " <= min <= max <= 22 for mvt in the " + o.matrix.name() + " tile matrix");
}

constexpr const char* kCgcs2000Marker = "cgcs2000";  // metadata.json's riskmap:tile_matrix_set

// The CGCS2000 pyramid: GDAL's MVT writer into a fresh directory beside
// the output, its zooms renumbered as levels (GDAL's zoom 0 is level 1),
// then renamed over the output (an older riskmap tileset there is replaced;
// anything else is refused).
VectorTileReport writeCgcs2000(GDALDataset& library, const std::vector<std::string>& tables, const Project& project,
                               const VectorTileOptions& o) {
  const std::filesystem::path out = o.out;
  if (std::filesystem::exists(out)) {
    const std::filesystem::path meta = out / "metadata.json";
    const nlohmann::json m = std::filesystem::exists(meta) ? nlohmann::json::parse(readFile(meta, "tileset"), nullptr, false)
                                                           : nlohmann::json();
    if (!m.is_object() || m.value("riskmap:tile_matrix_set", "") != kCgcs2000Marker)
      throw UserError(out.string() + ": exists and is not a riskmap CGCS2000 vector tileset; give another -o");
  }
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MVT");
  if (!driver) throw std::runtime_error("GDAL has no MVT driver");
  const std::filesystem::path work = out.string() + ".partial";
  std::filesystem::remove_all(work);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  const std::string minzoom = "MINZOOM=" + std::to_string(o.minzoom - 1), maxzoom = "MAXZOOM=" + std::to_string(o.maxzoom - 1);
  const std::string name = "NAME=" + project.name;
  const std::string description = "DESCRIPTION=" + project.name + " 安全风险四色图 (safety-risk four-colour map), riskmap, CGCS2000";
  const char* options[] = {"FORMAT=DIRECTORY", "TILING_SCHEME=EPSG:4490,-180,90,180", minzoom.c_str(), maxzoom.c_str(),
                           name.c_str(), description.c_str(), "TYPE=overlay", nullptr};
  VectorTileReport report;
  {
    GDALDatasetUniquePtr ds(driver->Create(work.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(options)));
    if (!ds) throw UserError(out.string() + ": cannot create: " + CPLGetLastErrorMsg());
    copyTables(library, *ds, tables, srsFromEpsg(4490), report);
    if (report.features.empty()) throw UserError(project.library.displayName() + ": none of the tables the style draws is in the library");
    finish(ds, out);
  }
  for (int z = o.maxzoom - 1; z >= o.minzoom - 1; --z)  // from the top, so no level lands on one not yet moved
    if (std::filesystem::exists(work / std::to_string(z))) std::filesystem::rename(work / std::to_string(z), work / std::to_string(z + 1));
  nlohmann::json meta = nlohmann::json::parse(readFile(work / "metadata.json", "tileset"), nullptr, false);
  if (!meta.is_object()) meta = nlohmann::json::object();
  meta["minzoom"] = std::to_string(o.minzoom), meta["maxzoom"] = std::to_string(o.maxzoom);
  meta.erase("center");  // in GDAL's zoom numbering
  if (meta.contains("json") && meta["json"].is_string()) {  // the layers' zooms too, as levels
    nlohmann::json layers = nlohmann::json::parse(meta["json"].get<std::string>(), nullptr, false);
    if (layers.is_object() && layers.contains("vector_layers"))
      for (nlohmann::json& l : layers["vector_layers"])
        for (const char* k : {"minzoom", "maxzoom"})
          if (l.contains(k) && l[k].is_number_integer()) l[k] = l[k].get<int>() + 1;
    meta["json"] = layers.dump();
  }
  meta["format"] = "pbf";
  meta["riskmap:tile_matrix_set"] = kCgcs2000Marker;
  meta["riskmap:tiles"] = "{z}/{x}/{y}.pbf: z the WMTS TileMatrix (level, from 1), x the TileCol, y the TileRow (from the north)";
  writeFileAtomically(work / "metadata.json", meta.dump(2) + "\n");
  if (std::filesystem::exists(out)) std::filesystem::remove_all(out);
  std::filesystem::rename(work, out);
  return report;
}

}  // namespace

VectorTileReport writeVectorTiles(const Project& project, const VectorTileOptions& o) {
  const bool geodetic = o.matrix.kind() == TileMatrixSet::Kind::Cgcs2000;
  if (!geodetic && o.out.extension() != ".mbtiles") throw UserError(o.out.string() + ": vector tiles are written to an .mbtiles file");
  if (geodetic && o.out.extension() == ".mbtiles")
    throw UserError(o.out.string() + ": CGCS2000 vector tiles are written to a directory (MBTiles holds Web Mercator tiles only)");
  checkZooms(o);
  const auto start = std::chrono::steady_clock::now();
  const WriterLock lock(o.out, "tiles");
  const std::vector<std::string> tables = styleTables(o.style);
  GDALDatasetUniquePtr library = project.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  VectorTileReport report;
  if (geodetic) {
    report = writeCgcs2000(*library, tables, project, o);
  } else {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MBTiles");
    if (!driver) throw std::runtime_error("GDAL has no MBTiles driver");
    if (o.out.has_parent_path()) std::filesystem::create_directories(o.out.parent_path());
    PendingFile pending(o.out);
    const std::string minzoom = "MINZOOM=" + std::to_string(o.minzoom), maxzoom = "MAXZOOM=" + std::to_string(o.maxzoom);
    const std::string name = "NAME=" + project.name;
    const std::string description = "DESCRIPTION=" + project.name + " 安全风险四色图 (safety-risk four-colour map), riskmap";
    const char* options[] = {minzoom.c_str(), maxzoom.c_str(), name.c_str(), description.c_str(), "TYPE=overlay", nullptr};
    {
      GDALDatasetUniquePtr out(driver->Create(pending.path().c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(options)));
      if (!out) throw UserError(o.out.string() + ": cannot create: " + CPLGetLastErrorMsg());
      copyTables(*library, *out, tables, srsFromEpsg(3857), report);
      if (report.features.empty()) throw UserError(project.library.displayName() + ": none of the tables the style draws is in the library");
      finish(out, o.out);
    }
    pending.commit();
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace riskmap
