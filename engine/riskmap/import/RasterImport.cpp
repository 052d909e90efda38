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

// A Float32 working copy on the delivered grid, in the delivered CRS: the
// cells are never resampled, because counting people on a resampled copy
// smears them by up to a cell (enough to move a plant's alpha band). Zones
// are carried to the grid instead (PopulationGrid).
GDALDatasetUniquePtr workingCopy(GDALDataset& source, const OGRSpatialReference& sourceSrs, const std::string& path,
                                 double noData, Progress& progress) {
  char* wkt = nullptr;
  sourceSrs.exportToWkt(&wkt);
  const std::string sourceWkt = wkt ? wkt : "";
  CPLFree(wkt);
  GdalErrorCapture errors;
  CPLStringList args;
  for (const char* a : {"-of", "GTiff", "-ot", "Float32", "-co", "TILED=YES", "-b", "1"}) args.AddString(a);
  args.AddString("-a_srs");
  args.AddString(sourceWkt.c_str());
  args.AddString("-a_nodata");
  args.AddString(CPLSPrintf("%.17g", noData));
  std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> opts(GDALTranslateOptionsNew(args.List(), nullptr));
  GDALTranslateOptionsSetProgress(opts.get(), &Progress::gdalCallback, &progress);
  int usageError = 0;
  GDALDatasetH out = GDALTranslate(path.c_str(), GDALDataset::ToHandle(&source), opts.get(), &usageError);
  if (!out) throw UserError(source.GetDescription() + std::string(": cannot read the raster: ") + errors.lastError());
  return GDALDatasetUniquePtr(GDALDataset::FromHandle(out));
}

// The no-data value the library copy uses: the source's own when it has
// one and Float32 holds it exactly, else -1 (never a count of people).
// Where negative values are data (heights below sea level), -32768 (below any land) instead.
double libraryNoData(GDALRasterBand& band, double minimum) {
  int has = 0;
  const double v = band.GetNoDataValue(&has);
  if (has && std::isfinite(v) && static_cast<double>(static_cast<float>(v)) == v) return v;
  return minimum < 0 ? -32768.0 : kNoData;
}

struct CellCounts {
  long long valid = 0, rejected = 0;
  long long rounded = 0;  // cells whose delivered value Float32 does not hold exactly
  double largestRounding = 0;
};

// Cells below the kind's minimum (negative people; heights below the
// deepest land) and non-finite cells become no data and are counted, block
// by block so a province raster is never whole in memory.
CellCounts cleanCells(GDALDataset& ds, GDALRasterBand& delivered, double noData, double minimum) {
  GDALRasterBand* band = ds.GetRasterBand(1);
  int bx = 0, by = 0;
  band->GetBlockSize(&bx, &by);
  const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
  std::vector<float> buf(static_cast<std::size_t>(bx) * by);
  // Types Float32 holds exactly need no second read to prove it.
  const GDALDataType type = delivered.GetRasterDataType();
  const bool exactType = type == GDT_Byte || type == GDT_Int16 || type == GDT_UInt16 || type == GDT_Float32;
  std::vector<double> original(exactType ? 0 : buf.size());
  int hasSourceNoData = 0;
  const double sourceNoData = delivered.GetNoDataValue(&hasSourceNoData);
  CellCounts counts;
  for (int y0 = 0; y0 < h; y0 += by) {
    for (int x0 = 0; x0 < w; x0 += bx) {
      const int cw = std::min(bx, w - x0), ch = std::min(by, h - y0);
      if (band->RasterIO(GF_Read, x0, y0, cw, ch, buf.data(), cw, ch, GDT_Float32, 0, 0) != CE_None)
        throw UserError(std::string(delivered.GetDataset()->GetDescription()) + ": cannot read the raster (block at column " +
                        std::to_string(x0) + ", row " + std::to_string(y0) + ")");
      if (!exactType &&
          delivered.RasterIO(GF_Read, x0, y0, cw, ch, original.data(), cw, ch, GDT_Float64, 0, 0) != CE_None)
        throw UserError(std::string(delivered.GetDataset()->GetDescription()) + ": cannot read the raster");
      bool dirty = false;
      for (int i = 0; i < cw * ch; ++i) {
        float& v = buf[static_cast<std::size_t>(i)];
        if (v == static_cast<float>(noData)) continue;
        if (!exactType) {
          const double o = original[static_cast<std::size_t>(i)];
          if (!(hasSourceNoData && o == sourceNoData) && std::isfinite(o) && static_cast<double>(v) != o) {
            ++counts.rounded;
            counts.largestRounding = std::max(counts.largestRounding, std::abs(static_cast<double>(v) - o));
          }
        }
        if (!std::isfinite(v) || v < minimum) {
          v = static_cast<float>(noData);
          dirty = true;
          ++counts.rejected;
        }
        ++counts.valid;
      }
      if (dirty && band->RasterIO(GF_Write, x0, y0, cw, ch, buf.data(), cw, ch, GDT_Float32, 0, 0) != CE_None)
        throw UserError(std::string(ds.GetDescription()) + ": cannot write the raster's working copy (is the disk full?)");
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
  // The raster's values are the kind's first field (people, elevation): its minimum bounds the cells.
  const double minimum = !kind.fields().empty() && kind.fields().front().minimum ? *kind.fields().front().minimum : 0.0;
  const double noData = libraryNoData(*source->GetRasterBand(1), minimum);
  {
    Progress progress("import " + spec.name, 1000, ctx.quiet);
    GDALDatasetUniquePtr copy = workingCopy(*source, sourceSrs, work, noData, progress);
    counts = cleanCells(*copy, *source->GetRasterBand(1), noData, minimum);
  }
  entry.read = counts.valid;
  entry.rejected = counts.rejected;
  entry.accepted = counts.valid - counts.rejected;
  if (counts.rejected > 0) {
    ctx.rejects->add({spec.name, spec.source, -1, "",
                      std::to_string(counts.rejected) +
                          (minimum == 0 ? std::string(" cells negative or not a number; stored as no data")
                                        : " cells below " + std::string(CPLSPrintf("%g", minimum)) +
                                              " or not a number; stored as no data"),
                      "{}", "", entry.sourceSrs});
  }
  if (counts.rounded > 0) {
    // Kept as a note, not a reject: the cells are counted, and by how much
    // the library's Float32 copy differs is said.
    ctx.rejects->add({spec.name, spec.source, -1, "",
                      std::to_string(counts.rounded) + " cells rounded to Float32 in the library (largest change " +
                          CPLSPrintf("%.3g", counts.largestRounding) + " people per cell)",
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
  // The coverage's field is named after the kind (GDAL's default is "Height", which QGIS shows).
  args.AddString("-co");
  args.AddString(("FIELD_NAME=" + kind.name()).c_str());
  args.AddString("-co");
  args.AddString(("QUANTITY_DEFINITION=" + kind.description()).c_str());
  // The delivered unit of the values (a DEM's "m" or "ft") travels with them.
  if (const char* uom = source->GetRasterBand(1)->GetUnitType(); uom && *uom) {
    args.AddString("-co");
    args.AddString((std::string("UOM=") + uom).c_str());
  }
  std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> opts(GDALTranslateOptionsNew(args.List(), nullptr));
  int usageError = 0;
  GDALDatasetH out = GDALTranslate(libraryPath.c_str(), GDALDataset::ToHandle(copy.get()), opts.get(), &usageError);
  // The cause is the machine (disk, permissions), not riskmap: exit 1 with the file named.
  if (!out) throw UserError(libraryPath + ": cannot write raster '" + spec.name + "' into the one library: " + errors.lastError());
  GDALClose(out);
  return entry;
}

}  // namespace riskmap
