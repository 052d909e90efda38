#include "riskmap/import/Importer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/LayerImport.hpp"
#include "riskmap/import/RejectTable.hpp"
#include "riskmap/import/RelatedRows.hpp"
#include "riskmap/import/SourceLayer.hpp"

#ifndef RISKMAP_VERSION
#define RISKMAP_VERSION "dev"
#endif

namespace riskmap {
namespace fs = std::filesystem;
namespace {

SourceRequest requestFor(const LayerSpec& spec) {
  return {spec.source, spec.sourceLayer, spec.srs, spec.encoding, spec.where, spec.openOptions, spec.name};
}

// Longitudes of a sample of a source's features (the centre, for a
// raster), in CGCS2000. Features outside their CRS's area of use are left
// out, so a few records with swapped axes cannot move the analysis zone.
void sampleLongitudes(const LayerSpec& spec, std::vector<double>& out) {
  constexpr int kSample = 2000;
  const OGRSpatialReference geo = srsFromEpsg(4490);
  if (isRasterSource(spec)) {
    GDALDatasetUniquePtr ds = openDataset(spec.source, GDAL_OF_RASTER | GDAL_OF_READONLY, spec.openOptions);
    double gt[6];
    OGRSpatialReference srs;
    if (!spec.srs.empty()) srs = parseSrs(spec.srs);
    else if (ds->GetSpatialRef()) srs = *ds->GetSpatialRef();
    if (ds->GetGeoTransform(gt) != CE_None || srs.IsEmpty()) return;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    double x = gt[0] + gt[1] * ds->GetRasterXSize() / 2, y = gt[3] + gt[5] * ds->GetRasterYSize() / 2;
    if (makeTransformation(srs, geo)->Transform(1, &x, &y)) out.push_back(x);
    return;
  }
  SourceLayer src = SourceLayer::open(requestFor(spec));
  CoordinateTransformationPtr ct = makeTransformation(src.srs(), geo);
  const std::optional<LonLatBox> area = areaOfUse(src.srs());
  GdalErrorCapture quiet;
  int n = 0;
  for (auto& f : src.layer()) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    OGREnvelope env;
    g->getEnvelope(&env);
    double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
    if (!ct->Transform(1, &x, &y)) continue;
    if (area && !area->contains(x, y, 0.01)) continue;
    out.push_back(x);
    if (++n >= kSample) break;
  }
}

// Removes the half-built library (and SQLite's side files) unless committed.
class TemporaryLibrary {
 public:
  explicit TemporaryLibrary(const fs::path& target)
      : path_((target.parent_path() / (target.stem().string() + ".tmp-" + std::to_string(getpid()) + ".gpkg"))
                  .string()) {
    removeAll();
  }
  ~TemporaryLibrary() {
    if (!committed_) removeAll();
  }
  const std::string& path() const { return path_; }
  void commitTo(const fs::path& target) {
    fs::rename(path_, target);  // atomic within one file system
    committed_ = true;
  }

 private:
  void removeAll() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path_ + suffix, ec);
  }
  std::string path_;
  bool committed_ = false;
};

void writeBookkeeping(GDALDataset& ds, const Project& project, const std::string& crs,
                      const std::vector<library::LayerEntry>& entries) {
  OGRLayer* meta = ds.CreateLayer(library::kProjectTable, nullptr, wkbNone, nullptr);
  OGRFieldDefn key("key", OFTString), value("value", OFTString);
  meta->CreateField(&key);
  meta->CreateField(&value);
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"name", project.name}, {"crs", crs}, {"version", RISKMAP_VERSION},
           {"project_file", fs::absolute(project.file).string()}, {"imported_at", stamp}}) {
    OGRFeature f(meta->GetLayerDefn());
    f.SetField("key", k.c_str());
    f.SetField("value", v.c_str());
    if (meta->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write riskmap_project");
  }
  OGRLayer* layers = ds.CreateLayer(library::kLayersTable, nullptr, wkbNone, nullptr);
  for (const char* name : {"name", "kind", "storage", "source", "source_layer", "source_srs", "encoding"}) {
    OGRFieldDefn f(name, OFTString);
    layers->CreateField(&f);
  }
  for (const char* name : {"read", "accepted", "rejected", "repaired"}) {
    OGRFieldDefn f(name, OFTInteger64);
    layers->CreateField(&f);
  }
  for (const auto& e : entries) {
    OGRFeature f(layers->GetLayerDefn());
    f.SetField("name", e.name.c_str());
    f.SetField("kind", e.kind.c_str());
    f.SetField("storage", e.storage.c_str());
    f.SetField("source", e.source.c_str());
    f.SetField("source_layer", e.sourceLayer.c_str());
    f.SetField("source_srs", e.sourceSrs.c_str());
    f.SetField("encoding", e.encoding.c_str());
    f.SetField("read", static_cast<GIntBig>(e.read));
    f.SetField("accepted", static_cast<GIntBig>(e.accepted));
    f.SetField("rejected", static_cast<GIntBig>(e.rejected));
    f.SetField("repaired", static_cast<GIntBig>(e.repaired));
    if (layers->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write riskmap_layers");
  }
}

// A related table shared by several layers (one inventory file for the
// plants' points and their site polygons) has an orphan row only when no
// layer took its key. Each orphan is counted once, on the first layer
// (in project order) that names the table.
void reportRelatedOrphans(const std::vector<RelatedRows>& related, const std::vector<std::size_t>& owner,
                          RejectTable& rejects, std::vector<library::LayerEntry>& entries) {
  std::map<std::string, std::set<std::string>> taken;
  std::map<std::string, std::vector<std::string>> layers;
  for (const auto& r : related) {
    for (const auto& k : r.takenKeys()) taken[r.tableId()].insert(k);
    auto& names = layers[r.tableId()];
    if (std::find(names.begin(), names.end(), r.layerName()) == names.end()) names.push_back(r.layerName());
  }
  std::set<std::string> reported;
  for (std::size_t j = 0; j < related.size(); ++j) {
    const RelatedRows& r = related[j];
    if (!reported.insert(r.tableId()).second) continue;
    for (const auto& orphan : r.orphans(taken[r.tableId()], layers[r.tableId()])) {
      rejects.add(orphan);
      ++entries[owner[j]].rejected;
      ++entries[owner[j]].read;
    }
  }
}

}  // namespace

OGRSpatialReference resolveAnalysisCrs(const Project& project) {
  if (project.crs != "auto") {
    OGRSpatialReference srs = parseSrs(project.crs);
    if (!srs.IsProjected())
      throw UserError(project.file.string() + ": crs '" + project.crs +
                      "' is not a projected CRS; analysis needs metres (use auto or a Gauss-Kruger zone)");
    return srs;
  }
  std::vector<double> lons;
  for (const auto& spec : project.layers) sampleLongitudes(spec, lons);
  if (lons.empty())
    throw UserError(project.file.string() + ": crs = \"auto\" needs at least one layer with features");
  std::nth_element(lons.begin(), lons.begin() + lons.size() / 2, lons.end());
  return srsFromEpsg(gaussKrugerEpsgForLongitude(lons[lons.size() / 2]));
}

ImportReport importProject(const Project& project, const LayerRegistry& kinds, const ImportOptions& options) {
  ensureGdalRegistered();
  // Check everything that can be checked before writing anything: kinds,
  // files, layers, CRSs and field mappings.
  std::vector<bool> raster;
  for (const auto& spec : project.layers) {
    const LayerKind& kind = kinds.get(spec.kind);
    const bool isRaster = isRasterSource(spec);
    if (isRaster && !(kind.geometries() & kRaster))
      throw UserError(spec.source + ": is a raster, but kind '" + kind.name() + "' of layer '" + spec.name +
                      "' takes " + geometryFamiliesText(kind.geometries()));
    if (!isRaster) SourceLayer::open(requestFor(spec));
    raster.push_back(isRaster);
  }
  const OGRSpatialReference target = resolveAnalysisCrs(project);
  ImportReport report;
  report.analysisCrs = srsLabel(target);

  fs::create_directories(fs::absolute(project.library).parent_path());
  TemporaryLibrary temp(project.library);
  std::vector<library::LayerEntry> entries(project.layers.size());
  std::vector<RejectRecord> rasterRejects;

  // Rasters go in first: GDAL writes them through its own handle, which
  // must not overlap the vector handle below.
  {
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
      if (!raster[i]) continue;
      // Raster rejects are gathered here and written with the vector ones.
      GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
      GDALDatasetUniquePtr scratch(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
      RejectTable sink(*scratch);
      ImportContext ctx{target, &sink, options.quiet};
      entries[i] = importRasterLayer(project.layers[i], kinds.get(project.layers[i].kind), temp.path(), ctx);
      OGRLayer* l = scratch->GetLayerByName(library::kRejectsTable);
      for (auto& f : *l) {
        rasterRejects.push_back({f->GetFieldAsString("layer"), f->GetFieldAsString("source"), -1, "",
                                 f->GetFieldAsString("reason"), "{}", "", f->GetFieldAsString("source_srs")});
      }
    }
  }

  GDALDatasetUniquePtr ds;
  if (fs::exists(temp.path())) {
    ds = openDataset(temp.path(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  } else {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    ds.reset(gpkg->Create(temp.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + temp.path());
  }
  RejectTable rejects(*ds);
  for (const auto& r : rasterRejects) rejects.add(r);
  std::vector<RelatedRows> related;
  std::vector<std::size_t> relatedOwner;  // the layer each of `related` belongs to
  ImportContext ctx{target, &rejects, options.quiet, &related};
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (raster[i]) continue;
    const LayerSpec& spec = project.layers[i];
    SourceLayer src = SourceLayer::open(requestFor(spec));
    entries[i] = importVectorLayer(spec, kinds.get(spec.kind), src, *ds, ctx);
    relatedOwner.resize(related.size(), i);
  }
  reportRelatedOrphans(related, relatedOwner, rejects, entries);
  writeBookkeeping(*ds, project, report.analysisCrs, entries);
  ds.reset();  // flush and close before the rename
  temp.commitTo(project.library);
  report.layers = std::move(entries);
  return report;
}

}  // namespace riskmap
