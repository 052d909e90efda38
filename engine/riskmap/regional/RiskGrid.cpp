#include "riskmap/regional/RiskGrid.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <chrono>
#include <mutex>
#include <thread>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/regional/Palette.hpp"
#include "riskmap/regional/CellScan.hpp"

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, std::size_t>;
constexpr int kBlock = 256;

struct TranslateOptionsDeleter {
  void operator()(GDALTranslateOptions* o) const { GDALTranslateOptionsFree(o); }
};

// The working GeoTIFF rewritten as a COG (DEFLATE, overviews by `resampling`) at `to`.
void writeCog(GDALDataset& from, const std::filesystem::path& to, const char* resampling) {
  CPLStringList args;
  for (const char* a : {"-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "OVERVIEWS=IGNORE_EXISTING", "-co", "BIGTIFF=IF_SAFER"})
    args.AddString(a);
  args.AddString("-co");
  args.AddString((std::string("RESAMPLING=") + resampling).c_str());
  std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> opts(GDALTranslateOptionsNew(args.List(), nullptr));
  GdalErrorCapture errors;
  CPLErrorReset();
  int usageError = 0;
  GDALDatasetH out = GDALTranslate(to.c_str(), GDALDataset::ToHandle(&from), opts.get(), &usageError);
  // GDALClose flushes; its failure (a full disk) shows as a GDAL error.
  if (out) GDALClose(out);
  if (!out || CPLGetLastErrorType() == CE_Failure)
    throw UserError(to.string() + ": cannot write the risk grid: " + errors.lastError());
}

}  // namespace

std::filesystem::path indexPathFor(const std::filesystem::path& gradeGrid) {
  std::string stem = gradeGrid.stem().string();
  const std::string suffix = "_grid";
  if (stem.size() > suffix.size() && stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0)
    return gradeGrid.parent_path() / (stem.substr(0, stem.size() - suffix.size()) + "_index.tif");
  return gradeGrid.parent_path() / (stem + ".index.tif");
}

RiskGrade Combination::classify(double index) const {
  if (index >= majorFrom) return RiskGrade::Major;
  if (index >= highFrom) return RiskGrade::High;
  if (index >= moderateFrom) return RiskGrade::Moderate;
  return RiskGrade::Low;
}

GridStats writeRiskGrid(const std::vector<GradedZone>& zones, const OGRGeometry& study, const OGRSpatialReference* srs,
                        double cell, const Combination& combination, const GridOutput& output, bool quiet,
                        unsigned threads) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    OGREnvelope e;
    zones[i].geometry->getEnvelope(&e);
    entries.emplace_back(Box(Point(e.MinX, e.MinY), Point(e.MaxX, e.MaxY)), i);
  }
  const bgi::rtree<Entry, bgi::rstar<16>> index(entries.begin(), entries.end());

  OGREnvelope env;
  study.getEnvelope(&env);
  const double x0 = std::floor(env.MinX / cell) * cell, y0 = std::ceil(env.MaxY / cell) * cell;
  const int cols = static_cast<int>(std::ceil((env.MaxX - x0) / cell));
  const int rows = static_cast<int>(std::ceil((y0 - env.MinY) / cell));
  // Working GeoTIFFs first (written block by block from all threads), then
  // rewritten as COGs with overviews beside them and renamed into place.
  const std::string pid = std::to_string(getpid());
  const std::string gradeWork = output.grade.string() + ".work-" + pid + ".tif";
  const std::string indexWork = output.grade.string() + ".index-work-" + pid + ".tif";
  struct RemoveWork {
    std::vector<std::string> files;
    ~RemoveWork() {
      std::error_code ec;
      for (const auto& f : files) std::filesystem::remove(f, ec), std::filesystem::remove(f + ".aux.xml", ec);
    }
  } cleanup{{gradeWork, indexWork}};
  const char* opts[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER", nullptr};
  double gt[6] = {x0, cell, 0, y0, 0, -cell};
  auto create = [&](const std::string& file, GDALDataType type, double noData, const char* description) {
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        file.c_str(), cols, rows, 1, type, const_cast<char**>(opts)));
    if (!ds) throw UserError(file + ": cannot create the risk grid (is the disk full?)");
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(srs);
    ds->GetRasterBand(1)->SetNoDataValue(noData);
    ds->GetRasterBand(1)->SetDescription(description);
    return ds;
  };
  GDALDatasetUniquePtr out = create(gradeWork, GDT_Byte, 0, "grade: 1 low, 2 moderate, 3 high, 4 major; 0 outside the study area");
  GDALDatasetUniquePtr sums = output.index.empty()
                                  ? nullptr
                                  : create(indexWork, GDT_Float32, -1, "index: sum of the weights of the zones covering the cell");

  const int bcols = (cols + kBlock - 1) / kBlock, brows = (rows + kBlock - 1) / kBlock;
  const long long blocks = static_cast<long long>(bcols) * brows;
  Progress progress("risk grid", static_cast<std::uint64_t>(blocks), quiet);
  std::atomic<long long> next{0};
  std::mutex io;  // a GDAL dataset is not shared between threads without it; held for a block's copy only
  std::exception_ptr failure;
  // Each zone's and the study area's edges, once; shared read-only by the threads.
  const CellGrid grid{x0, y0, cell};
  std::vector<CellScan> scans;
  scans.reserve(zones.size());
  for (const GradedZone& z : zones) scans.emplace_back(*z.geometry, grid);
  const CellScan studyScan(study, grid);
  auto work = [&] {
    try {
      std::vector<std::uint8_t> grade(kBlock * kBlock), highest(kBlock * kBlock);
      std::vector<float> sum(kBlock * kBlock);
      std::vector<double> total(kBlock * kBlock);
      std::vector<char> inStudy(kBlock * kBlock);
      CellScan::Scratch crossings;
      for (long long b = next++; b < blocks; b = next++) {
        const int bx = static_cast<int>(b % bcols) * kBlock, by = static_cast<int>(b / bcols) * kBlock;
        const int w = std::min(kBlock, cols - bx), h = std::min(kBlock, rows - by);
        const Box box(Point(x0 + bx * cell, y0 - (by + h) * cell), Point(x0 + (bx + w) * cell, y0 - by * cell));
        std::vector<Entry> hits;
        index.query(bgi::intersects(box), std::back_inserter(hits));
        const auto at = [&](long long r, long long c) { return static_cast<std::size_t>(r - by) * w + (c - bx); };
        std::fill(inStudy.begin(), inStudy.end(), 0);
        studyScan.runs(by, by + h, bx, bx + w, crossings, [&](long long r, long long from, long long to) {
          std::fill_n(inStudy.begin() + at(r, from), to - from, 1);
        });
        // Every zone burnt by its runs of cells: the highest grade kept, the weights added up.
        std::fill(highest.begin(), highest.end(), static_cast<std::uint8_t>(RiskGrade::Low));
        std::fill(total.begin(), total.end(), 0.0);
        for (const auto& [zb, i] : hits) {
          const auto zg = static_cast<std::uint8_t>(zones[i].grade);
          const double weight = combination.weights[zg];
          scans[i].runs(by, by + h, bx, bx + w, crossings, [&](long long r, long long from, long long to) {
            for (std::size_t k = at(r, from), end = at(r, to); k < end; ++k)
              highest[k] = std::max(highest[k], zg), total[k] += weight;
          });
        }
        for (int k = 0; k < w * h; ++k) {
          grade[k] = !inStudy[k] ? 0
                     : combination.additive ? static_cast<std::uint8_t>(combination.classify(total[k]))
                                            : highest[k];
          sum[k] = inStudy[k] ? static_cast<float>(total[k]) : -1.0f;
        }
        std::lock_guard<std::mutex> lock(io);
        if (out->GetRasterBand(1)->RasterIO(GF_Write, bx, by, w, h, grade.data(), w, h, GDT_Byte, 0, 0) != CE_None ||
            (sums && sums->GetRasterBand(1)->RasterIO(GF_Write, bx, by, w, h, sum.data(), w, h, GDT_Float32, 0, 0) != CE_None))
          throw UserError(output.grade.string() + ": cannot write the risk grid (is the disk full?)");
        progress.advance();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(io);
      if (!failure) failure = std::current_exception();
      next = blocks;
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  progress.finish();
  const double burnSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (output.palette) {
    // The four colours as the band's colour table, the grades' names as its categories.
    GDALColorTable colours;
    const GDALColorEntry none{0, 0, 0, 0};
    colours.SetColorEntry(0, &none);
    for (RiskGrade g : {RiskGrade::Low, RiskGrade::Moderate, RiskGrade::High, RiskGrade::Major}) {
      const PaletteColour& p = (*output.palette)[g];
      const GDALColorEntry e{static_cast<short>(p.rgb[0]), static_cast<short>(p.rgb[1]), static_cast<short>(p.rgb[2]), 255};
      colours.SetColorEntry(static_cast<int>(g), &e);
    }
    out->GetRasterBand(1)->SetColorTable(&colours);
    out->GetRasterBand(1)->SetColorInterpretation(GCI_PaletteIndex);
  }
  // Grades are categories: overviews take the nearest cell, never a mean.
  PendingFile grade(output.grade);
  writeCog(*out, grade.path(), "NEAREST");
  out.reset();
  std::optional<PendingFile> indexFile;
  if (sums) {
    indexFile.emplace(output.index);
    writeCog(*sums, indexFile->path(), "AVERAGE");
    sums.reset();
  }
  std::error_code ec;
  std::filesystem::remove(grade.path().string() + ".aux.xml", ec);
  grade.commit();
  if (indexFile) indexFile->commit();
  if (output.palette) {
    // GeoTIFF has no place for category names: GDAL keeps them in the
    // .aux.xml beside the grid (QGIS reads it), written here for the final name.
    GdalErrorCapture quiet;
    GDALDatasetUniquePtr done(GDALDataset::Open(output.grade.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (done) {
      char** names = CSLAddString(nullptr, "");
      for (RiskGrade g : {RiskGrade::Low, RiskGrade::Moderate, RiskGrade::High, RiskGrade::Major})
        names = CSLAddString(names, (*output.palette)[g].name.c_str());
      done->GetRasterBand(1)->SetCategoryNames(names);
      CSLDestroy(names);
    }
  }
  return {static_cast<long long>(cols) * rows,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), burnSeconds};
}

}  // namespace riskmap
