#include <gdal_utils.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/import/LayerImport.hpp"

namespace riskmap {
namespace {

constexpr double kNoData = -1.0;

struct WarpOptionsDeleter {
  void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};
struct TranslateOptionsDeleter {
  void operator()(GDALTranslateOptions* o) const { GDALTranslateOptionsFree(o); }
};

OGRSpatialReference rasterSrs(GDALDataset& ds, const LayerSpec& spec) {
  if (!spec.srs.empty()) return parseSrs(spec.srs);
  const OGRSpatialReference* srs = ds.GetSpatialRef();
  if (!srs) throw UserError(spec.source + ": the raster has no CRS; set srs for layer '" + spec.name + "'");
  OGRSpatialReference out(*srs);
  out.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return out;
}

// A Float32 working copy in the analysis CRS. Population is a count, so a
// reprojection sums the source cells each target cell covers (GDAL's "sum"
// resampling) instead of averaging them: the total is preserved.
GDALDatasetUniquePtr workingCopy(GDALDataset& source, const OGRSpatialReference& sourceSrs,
                                 const OGRSpatialReference& target, const std::string& path, bool sum,
                                 Progress& progress) {
  char* wkt = nullptr;
  target.exportToWkt(&wkt);
  const std::string targetWkt = wkt ? wkt : "";
  CPLFree(wkt);
  char* swkt = nullptr;
  sourceSrs.exportToWkt(&swkt);
  const std::string sourceWkt = swkt ? swkt : "";
  CPLFree(swkt);
  GdalErrorCapture errors;
  GDALDatasetH src = GDALDataset::ToHandle(&source);
  GDALDatasetH out = nullptr;
  int usageError = 0;
  if (sourceSrs.IsSame(&target)) {
    CPLStringList args;
    for (const char* a : {"-of", "GTiff", "-ot", "Float32", "-co", "TILED=YES", "-a_nodata", "-1"}) args.AddString(a);
    std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> opts(GDALTranslateOptionsNew(args.List(), nullptr));
    GDALTranslateOptionsSetProgress(opts.get(), &Progress::gdalCallback, &progress);
    out = GDALTranslate(path.c_str(), src, opts.get(), &usageError);
  } else {
    CPLStringList args;
    for (const char* a : {"-of", "GTiff", "-ot", "Float32", "-co", "TILED=YES", "-dstnodata", "-1"}) args.AddString(a);
    args.AddString("-r");
    args.AddString(sum ? "sum" : "bilinear");
    args.AddString("-s_srs");
    args.AddString(sourceWkt.c_str());
    args.AddString("-t_srs");
    args.AddString(targetWkt.c_str());
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> opts(GDALWarpAppOptionsNew(args.List(), nullptr));
    GDALWarpAppOptionsSetProgress(opts.get(), &Progress::gdalCallback, &progress);
    out = GDALWarp(path.c_str(), nullptr, 1, &src, opts.get(), &usageError);
  }
  if (!out) throw std::runtime_error("cannot reproject the raster: " + errors.lastError());
  return GDALDatasetUniquePtr(GDALDataset::FromHandle(out));
}

struct CellCounts {
  long long valid = 0, rejected = 0;
};

// Negative and non-finite cells cannot be people; they become no data and
// are counted, block by block so a province raster is never whole in memory.
CellCounts cleanCells(GDALDataset& ds) {
  GDALRasterBand* band = ds.GetRasterBand(1);
  int bx = 0, by = 0;
  band->GetBlockSize(&bx, &by);
  const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
  std::vector<float> buf(static_cast<std::size_t>(bx) * by);
  CellCounts counts;
  for (int y0 = 0; y0 < h; y0 += by) {
    for (int x0 = 0; x0 < w; x0 += bx) {
      const int cw = std::min(bx, w - x0), ch = std::min(by, h - y0);
      if (band->RasterIO(GF_Read, x0, y0, cw, ch, buf.data(), cw, ch, GDT_Float32, 0, 0) != CE_None)
        throw std::runtime_error("cannot read the raster");
      bool dirty = false;
      for (int i = 0; i < cw * ch; ++i) {
        float& v = buf[static_cast<std::size_t>(i)];
        if (v == static_cast<float>(kNoData)) continue;
        if (!std::isfinite(v) || v < 0) {
          v = static_cast<float>(kNoData);
          dirty = true;
          ++counts.rejected;
        }
        ++counts.valid;
      }
      if (dirty && band->RasterIO(GF_Write, x0, y0, cw, ch, buf.data(), cw, ch, GDT_Float32, 0, 0) != CE_None)
        throw std::runtime_error("cannot write the raster");
    }
  }
  return counts;
}

}  // namespace

bool isRasterSource(const LayerSpec& spec) {
  ensureGdalRegistered();
  GdalErrorCapture quiet;
  const CPLStringList oo = toStringList(spec.openOptions);
  GDALDatasetUniquePtr ds(GDALDataset::Open(spec.source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr,
                                            oo.List(), nullptr));
  return ds && ds->GetRasterCount() > 0;
}

library::LayerEntry importRasterLayer(const LayerSpec& spec, const LayerKind& kind, const std::string& libraryPath,
                                      const ImportContext& ctx) {
  GDALDatasetUniquePtr source = openDataset(spec.source, GDAL_OF_RASTER | GDAL_OF_READONLY, spec.openOptions);
  const OGRSpatialReference sourceSrs = rasterSrs(*source, spec);
  library::LayerEntry entry;
  entry.name = spec.name;
  entry.kind = kind.name();
  entry.storage = "raster";
  entry.source = spec.source;
  entry.sourceSrs = srsLabel(sourceSrs);
  entry.encoding = "-";

  const std::string work = libraryPath + ".raster-" + spec.name + ".tif";
  struct Remove {
    std::string p;
    ~Remove() { std::filesystem::remove(p); }
  } cleanup{work};
  CellCounts counts;
  {
    Progress progress("import " + spec.name, 1000, ctx.quiet);
    GDALDatasetUniquePtr copy = workingCopy(*source, sourceSrs, ctx.target, work, /*sum=*/true, progress);
    counts = cleanCells(*copy);
  }
  entry.read = counts.valid;
  entry.rejected = counts.rejected;
  entry.accepted = counts.valid - counts.rejected;
  if (counts.rejected > 0) {
    ctx.rejects->add({spec.name, spec.source, -1, "",
                      std::to_string(counts.rejected) + " cells negative or not a number; stored as no data",
                      "{}", "", entry.sourceSrs});
  }

  GdalErrorCapture errors;
  GDALDatasetUniquePtr copy = openDataset(work, GDAL_OF_RASTER | GDAL_OF_READONLY);
  CPLStringList args;
  for (const char* a : {"-of", "GPKG", "-co", "APPEND_SUBDATASET=YES", "-co", "TILE_FORMAT=TIFF"}) args.AddString(a);
  args.AddString("-co");
  args.AddString(("RASTER_TABLE=" + spec.name).c_str());
  args.AddString("-co");
  args.AddString(("RASTER_DESCRIPTION=" + kind.description()).c_str());
  std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> opts(GDALTranslateOptionsNew(args.List(), nullptr));
  int usageError = 0;
  GDALDatasetH out = GDALTranslate(libraryPath.c_str(), GDALDataset::ToHandle(copy.get()), opts.get(), &usageError);
  if (!out) throw std::runtime_error("cannot write raster '" + spec.name + "' into the one library: " + errors.lastError());
  GDALClose(out);
  return entry;
}

}  // namespace riskmap
