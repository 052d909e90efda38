#include "riskmap/import/PostgresPublish.hpp"

#include <gdal_utils.h>

#include <memory>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Transaction.hpp"

namespace riskmap {
namespace {

// The raster table of the scratch GeoPackage as a GeoTIFF at `out`.
void writeRasterFile(const std::string& scratch, const std::string& table, const std::string& out) {
  GDALDatasetUniquePtr src = openDataset(scratch, GDAL_OF_RASTER | GDAL_OF_READONLY, {"TABLE=" + table});
  CPLStringList args;
  for (const char* a : {"-of", "GTiff", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "BIGTIFF=IF_SAFER"})
    args.AddString(a);
  std::unique_ptr<GDALTranslateOptions, decltype(&GDALTranslateOptionsFree)> opts(
      GDALTranslateOptionsNew(args.List(), nullptr), &GDALTranslateOptionsFree);
  GdalErrorCapture errors;
  GDALDatasetH done = GDALTranslate(out.c_str(), GDALDataset::ToHandle(src.get()), opts.get(), nullptr);
  if (!done) throw UserError(out + ": cannot write raster '" + table + "': " + errors.lastError());
  GDALClose(done);
}

}  // namespace

const std::vector<std::string>& postgresTableOptions() {
  static const std::vector<std::string> options{"GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST", "LAUNDER=NO", "FID=fid"};
  return options;
}

std::vector<std::unique_ptr<PendingFile>> writeRasterFiles(const std::string& scratch, const library::Location& library,
                                                           const std::vector<library::LayerEntry>& layers) {
  std::vector<std::unique_ptr<PendingFile>> rasters;
  for (const auto& l : layers) {
    if (l.storage != "raster") continue;
    rasters.push_back(std::make_unique<PendingFile>(library.rasterFile(l.name)));
    writeRasterFile(scratch, l.name, rasters.back()->path().string());
  }
  return rasters;
}

void publishToPostgres(const std::string& scratch, const library::Location& library,
                       const std::vector<library::LayerEntry>& layers) {
  // Rasters first, beside their final names: renamed in only after the commit.
  std::vector<std::unique_ptr<PendingFile>> rasters = writeRasterFiles(scratch, library, layers);
  GDALDatasetUniquePtr from = openDataset(scratch, GDAL_OF_VECTOR | GDAL_OF_READONLY);
  GDALDatasetUniquePtr to = library.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  library::Transaction transaction(*to, library.displayName());
  // The database is the library, as the file is: the previous import's and
  // assess's tables go (those of the connection's active schema only;
  // PostGIS's own spatial_ref_sys stays, and so do QGIS's layer_styles and
  // qgis_projects, which hold its users' styles and projects too: assess
  // replaces riskmap's rows in them).
  static const std::set<std::string> kept{"spatial_ref_sys", "layer_styles", "qgis_projects"};
  for (int i = to->GetLayerCount() - 1; i >= 0; --i) {
    const std::string name = to->GetLayer(i)->GetName();
    if (name.find('.') == std::string::npos && !kept.count(name) && to->DeleteLayer(i) != OGRERR_NONE)
      throw UserError(library.displayName() + ": cannot drop the previous table '" + name + "'");
  }
  for (int i = 0; i < from->GetLayerCount(); ++i) {
    OGRLayer* layer = from->GetLayer(i);
    GdalErrorCapture errors;
    CPLStringList options;
    for (const std::string& o : postgresTableOptions()) options.AddString(o.c_str());
    // Feature by feature, not CopyLayer: its own transactions would end ours.
    OGRLayer* out = to->CreateLayer(layer->GetName(), layer->GetSpatialRef(), layer->GetGeomType(), options.List());
    auto fail = [&] {
      throw UserError(library.displayName() + ": cannot write table '" + layer->GetName() + "': " + errors.lastError());
    };
    if (!out) fail();
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int f = 0; f < defn->GetFieldCount(); ++f)
      if (out->CreateField(defn->GetFieldDefn(f)) != OGRERR_NONE) fail();
    for (auto& feature : *layer) {
      OGRFeature row(out->GetLayerDefn());
      row.SetFrom(feature.get());
      row.SetFID(feature->GetFID());  // the library's ids stay the import's
      if (out->CreateFeature(&row) != OGRERR_NONE) fail();
    }
  }
  transaction.commit();
  for (auto& r : rasters) r->commit();
}

}  // namespace riskmap
