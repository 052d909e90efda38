#include "riskmap/import/Importer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <optional>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/library/LibraryWriterLock.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/LayerImport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/import/OffsetCheck.hpp"
#include "riskmap/import/PostgresPublish.hpp"
#include "riskmap/import/References.hpp"
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
  if (src.srs().IsEmpty()) return;  // a table without geometry (a register keyed by plant)
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

// A raster layer (population) that misses the study area imports fine and
// then counts nobody: say so while the import can still be fixed.
void warnOfRastersOutsideTheStudyArea(const Project& project, const std::vector<bool>& raster, GDALDataset& library,
                                      const OGRSpatialReference& target) {
  if (project.studyArea.empty()) return;
  OGRLayer* area = library.GetLayerByName(project.studyArea.c_str());
  OGREnvelope study;
  if (!area || area->GetExtent(&study, TRUE) != OGRERR_NONE) return;
  GdalErrorCapture quiet;
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (!raster[i]) continue;
    const LayerSpec& spec = project.layers[i];
    GDALDatasetUniquePtr ds(GDALDataset::Open(spec.source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    double gt[6];
    if (!ds || ds->GetGeoTransform(gt) != CE_None) continue;
    OGRSpatialReference srs;
    if (!spec.srs.empty()) srs = parseSrs(spec.srs);
    else if (ds->GetSpatialRef()) srs = *ds->GetSpatialRef();
    if (srs.IsEmpty()) continue;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr ct = makeTransformation(srs, target);
    OGREnvelope extent;
    bool any = false;
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    for (int k = 0; k <= 16; ++k)  // the edges, densified: a reprojected rectangle bends
      for (const auto& [px, py] : {std::pair<double, double>{w * k / 16.0, 0}, {w * k / 16.0, double(h)},
                                   {0, h * k / 16.0}, {double(w), h * k / 16.0}}) {
        double x = gt[0] + px * gt[1] + py * gt[2], y = gt[3] + px * gt[4] + py * gt[5];
        if (!ct->Transform(1, &x, &y)) continue;
        extent.Merge(x, y);
        any = true;
      }
    if (any && !extent.Intersects(study))
      std::fprintf(stderr, "riskmap: warning: %s: layer '%s' does not overlap the study area '%s'; nobody in it will be counted\n",
                   spec.source.c_str(), spec.name.c_str(), project.studyArea.c_str());
  }
}

// Removes the half-built library (and SQLite's side files) unless committed.
class TemporaryLibrary {
 public:
  explicit TemporaryLibrary(const fs::path& target)
      : path_((target.parent_path() / (target.stem().string() + ".tmp-" + std::to_string(getpid()) + ".gpkg"))
                  .string()) {
    removeStaleTemporaries(target, true);  // with a killed assess's grid beside it
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
  for (const char* name :
       {"name", "kind", "storage", "source", "source_layer", "source_srs", "encoding", "coordinates"}) {
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
    f.SetField("coordinates", e.coordinates.c_str());
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

// The points of lon/lat layers that declared no `coordinates` (polygons and
// lines of the same layer are not looked at), checked against the
// project's roads and buildings for a web-map offset. The roads and
// buildings are indexed once (again only for a suspect that is itself a
// buildings layer, without itself).
std::vector<std::string> offsetWarnings(GDALDataset& ds, const Project& project, const LayerRegistry& kinds,
                                        const std::vector<bool>& suspects,
                                        const OGRSpatialReference& target) {
  // The reference is whatever the kinds say are roads or buildings (no kind named here).
  auto isReference = [&](const LayerSpec& l) {
    const ExposureRole role = kinds.get(l.kind).exposureRole();
    return role == ExposureRole::Roads || role == ExposureRole::Buildings;
  };
  auto referenceWithout = [&](const std::string& except) {
    ReferenceFeatures reference;
    for (const auto& l : project.layers)
      if (l.name != except && isReference(l))
        if (library::Table t = library::openTable(ds, l.name)) reference.add(*t);
    return reference;
  };
  std::optional<ReferenceFeatures> shared;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (!suspects[i]) continue;
    const LayerSpec& spec = project.layers[i];
    library::Table table = library::openTable(ds, spec.name);
    if (!table) continue;
    std::vector<std::pair<double, double>> points;
    table->ResetReading();
    for (auto& f : *table)
      if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint)
        points.emplace_back(g->toPoint()->getX(), g->toPoint()->getY());
    if (points.size() < kOffsetCheckMinPoints) continue;
    std::optional<ReferenceFeatures> own;
    if (isReference(spec)) own = referenceWithout(spec.name);
    else if (!shared) shared = referenceWithout("");
    const ReferenceFeatures& reference = own ? *own : *shared;
    if (auto evidence = detectWebMapOffset(points, reference, target)) out.push_back(offsetWarning(spec.name, *evidence));
  }
  return out;
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

namespace {
// Writes the library into tempPath; fills report's layers and warnings.
// Raster layers marked in keepRaster are not imported (a county import
// keeps the library's own).
void writeLibrary(const Project& project, const LayerRegistry& kinds, const ImportOptions& options,
                  const std::vector<bool>& raster, const std::vector<bool>& keepRaster,
                  const OGRSpatialReference& target, const std::string& tempPath, ImportReport& report);
}  // namespace

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
    if (isRaster && !spec.coordinates.empty())
      throw UserError(spec.source + ": layer '" + spec.name + "': key 'coordinates' is for lon/lat vector layers, not rasters");
    if (!isRaster) webMapCoordinatesFor(spec, SourceLayer::open(requestFor(spec)));
    raster.push_back(isRaster);
  }
  const OGRSpatialReference target = resolveAnalysisCrs(project);
  ImportReport report;
  report.analysisCrs = srsLabel(target);

  const fs::path& file = project.library.sidePath();  // PostGIS: the stand-in naming side files
  fs::create_directories(fs::absolute(file).parent_path());
  const bool postgres = project.library.isPostgres();
  // One writer at a time: an assess or a second import would rename its own
  // copy over this one (or this one over theirs). County imports into
  // PostGIS run at once, each in its own transaction (CountyImport.hpp),
  // sharing the writer lock so that no plain assess runs meanwhile (county
  // assesses compute in a snapshot of their own, LibraryWriterLock.hpp).
  const bool shared = options.county && postgres;
  library::LibraryWriterLock lock(project.library, shared ? "import --county" : "import",
                                  shared ? library::LibraryWriterLock::Mode::SharedByCountyImports
                                         : library::LibraryWriterLock::Mode::Exclusive);
  // A county import into an existing library keeps its raster layers: they
  // are shared by every county (docs/postgis.md, "County by county").
  const bool merge = options.county && (postgres || fs::exists(file));
  std::vector<bool> keepRaster(raster.size(), false);
  if (options.county) {
    checkCountyScope(*options.county);
    for (std::size_t i = 0; i < raster.size(); ++i)
      keepRaster[i] = raster[i] && merge &&
                      (!postgres || fs::exists(project.library.rasterFile(project.layers[i].name)));
  }
  // A GeoPackage is built whole beside the library and renamed over it (a
  // new library, not a copy of the old one); a PostGIS library is built the
  // same way in a scratch file, then moved in in one transaction.
  TemporaryLibrary temp(file);
  try {
    writeLibrary(project, kinds, options, raster, keepRaster, target, temp.path(), report);
    if (merge) {
      std::vector<library::LayerEntry> newRasters;
      for (std::size_t i = 0; i < raster.size(); ++i)
        if (raster[i] && !keepRaster[i] && postgres) newRasters.push_back(report.layers[i]);
      auto rasterFiles = writeRasterFiles(temp.path(), project.library, newRasters);
      mergeCounty(temp.path(), project.library, project, raster, *options.county);
      for (auto& r : rasterFiles) r->commit();
      return report;
    }
    if (postgres) publishToPostgres(temp.path(), project.library, report.layers);
  } catch (const std::exception& e) {
    // Checked while the temporary still takes its room on the disk.
    throwIfDiskFull(file, e.what());
    throw;
  }
  if (postgres) return report;  // the scratch file goes with `temp`
  // The old file's journal must not outlive it: a hot one is rolled back
  // into the old file; what is left (a killed writer's empty journal) is
  // removed, never to be taken for the new file's.
  rollBackKilledWriter(file.string());
  std::error_code noJournal;
  fs::remove(file.string() + "-journal", noJournal);
  temp.commitTo(file);
  return report;
}

namespace {

// Writes the library into tempPath; fills report's layers and warnings.
void writeLibrary(const Project& project, const LayerRegistry& kinds, const ImportOptions& options,
                  const std::vector<bool>& raster, const std::vector<bool>& keepRaster,
                  const OGRSpatialReference& target, const std::string& tempPath, ImportReport& report) {
  std::vector<library::LayerEntry> entries(project.layers.size());
  std::vector<RejectRecord> rasterRejects;

  // Rasters go in first: GDAL writes them through its own handle, which
  // must not overlap the vector handle below.
  {
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
      if (!raster[i]) continue;
      if (keepRaster[i]) {
        const LayerSpec& spec = project.layers[i];
        entries[i] = {spec.name, spec.kind, "raster", spec.source, spec.sourceLayer, spec.srs, spec.encoding, ""};
        report.warnings.push_back("layer '" + spec.name + "': a raster shared by every county; the library's is kept " +
                                  "(a full import replaces it)");
        continue;
      }
      // Raster rejects are gathered here and written with the vector ones.
      GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
      GDALDatasetUniquePtr scratch(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
      RejectTable sink(*scratch);
      ImportContext ctx{target, &sink, options.quiet};
      entries[i] = importRasterLayer(project.layers[i], kinds.get(project.layers[i].kind), tempPath, ctx);
      if (entries[i].accepted == 0)
        std::fprintf(stderr, "riskmap: warning: %s: layer '%s' has no cell with a value (all no data)%s\n",
                     project.layers[i].source.c_str(), project.layers[i].name.c_str(),
                     entries[i].read == 0 ? " where it lands in the analysis CRS" : "");
      OGRLayer* l = scratch->GetLayerByName(library::kRejectsTable);
      for (auto& f : *l) {
        rasterRejects.push_back({f->GetFieldAsString("layer"), f->GetFieldAsString("source"), -1, "",
                                 f->GetFieldAsString("reason"), "{}", "", f->GetFieldAsString("source_srs")});
      }
    }
  }

  GDALDatasetUniquePtr ds;
  if (fs::exists(tempPath)) {
    ds = openDataset(tempPath, GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  } else {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    ds.reset(gpkg->Create(tempPath.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw UserError(project.library.displayName() + ": cannot create " + tempPath + ": " + CPLGetLastErrorMsg());
  }
  RejectTable rejects(*ds);
  for (const auto& r : rasterRejects) rejects.add(r);
  std::vector<RelatedRows> related;
  std::vector<std::size_t> relatedOwner;  // the layer each of `related` belongs to
  ImportContext ctx{target, &rejects, options.quiet, &related};
  std::vector<bool> offsetSuspects(project.layers.size(), false);
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (raster[i]) continue;
    const LayerSpec& spec = project.layers[i];
    SourceLayer src = SourceLayer::open(requestFor(spec));
    if (options.county && readsCountyOnly(project, kinds, i)) readCountyOnly(src, spec, *options.county);
    offsetSuspects[i] = spec.coordinates.empty() && src.srs().IsGeographic();
    entries[i] = importVectorLayer(spec, kinds.get(spec.kind), src, *ds, ctx);
    relatedOwner.resize(related.size(), i);
  }
  reportRelatedOrphans(related, relatedOwner, rejects, entries);
  resolveReferences(*ds, project, kinds, rejects, entries);
  for (auto& w : offsetWarnings(*ds, project, kinds, offsetSuspects, target)) report.warnings.push_back(std::move(w));
  warnOfRastersOutsideTheStudyArea(project, raster, *ds, target);
  // One geometry type per table, so QGIS opens each as one layer.
  for (std::size_t i = 0; i < project.layers.size(); ++i)
    if (!raster[i]) library::settleGeometryType(*ds, project.layers[i].name);
  if (options.county) keepOnlyCounty(*ds, project, raster, *options.county, entries, report.warnings);
  writeBookkeeping(*ds, project, report.analysisCrs, entries);
  // Flush and close before the rename. GDAL 3.6's close reports a failed
  // write (a full disk while it builds the R-trees) only as an error.
  GdalErrorCapture closing;
  CPLErrorReset();
  ds.reset();
  if (CPLGetLastErrorType() >= CE_Failure)
    throw UserError(project.library.displayName() + ": cannot finish writing " + tempPath + ": " + closing.lastError());
  report.layers = std::move(entries);
}

}  // namespace

}  // namespace riskmap
