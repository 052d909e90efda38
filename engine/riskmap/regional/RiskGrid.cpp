#include "riskmap/regional/RiskGrid.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <gdal_priv.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "riskmap/core/Progress.hpp"
#include "riskmap/geometry/Geos.hpp"

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, std::size_t>;
constexpr int kBlock = 256;

// One thread's GEOS context and the zones prepared in it.
class PreparedZones {
 public:
  PreparedZones(const std::vector<GradedZone>& zones, const OGRGeometry& study) {
    for (const GradedZone& z : zones) {
      owned_.push_back(toGeos(geos_, *z.geometry));
      prepared_.push_back(GEOSPrepare_r(geos_.handle(), owned_.back().get()));
    }
    studyOwned_ = toGeos(geos_, study);
    study_ = GEOSPrepare_r(geos_.handle(), studyOwned_.get());
  }
  ~PreparedZones() {
    for (const auto* p : prepared_) GEOSPreparedGeom_destroy_r(geos_.handle(), p);
    GEOSPreparedGeom_destroy_r(geos_.handle(), study_);
  }
  bool inStudy(double x, double y) { return contains(study_, x, y); }
  bool inZone(std::size_t i, double x, double y) { return contains(prepared_[i], x, y); }

 private:
  bool contains(const GEOSPreparedGeometry* g, double x, double y) {
    GeosGeometryPtr p(GEOSGeom_createPointFromXY_r(geos_.handle(), x, y), GeosGeometryDeleter{geos_.handle()});
    return GEOSPreparedContains_r(geos_.handle(), g, p.get()) == 1;
  }
  GeosContext geos_;
  std::vector<GeosGeometryPtr> owned_;
  std::vector<const GEOSPreparedGeometry*> prepared_;
  GeosGeometryPtr studyOwned_{nullptr, GeosGeometryDeleter{nullptr}};
  const GEOSPreparedGeometry* study_ = nullptr;
};

}  // namespace

RiskGrade Combination::classify(double index) const {
  if (index >= majorFrom) return RiskGrade::Major;
  if (index >= highFrom) return RiskGrade::High;
  if (index >= moderateFrom) return RiskGrade::Moderate;
  return RiskGrade::Low;
}

GridStats writeRiskGrid(const std::vector<GradedZone>& zones, const OGRGeometry& study, const OGRSpatialReference* srs,
                        double cell, const Combination& combination, const std::filesystem::path& path, bool quiet,
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
  const std::string tmp = path.string() + ".tmp-" + std::to_string(getpid()) + ".tif";
  const char* opts[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER",
                        "INTERLEAVE=BAND", nullptr};
  GDALDatasetUniquePtr out(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(tmp.c_str(), cols, rows, 2,
                                                                                   GDT_Float32, const_cast<char**>(opts)));
  double gt[6] = {x0, cell, 0, y0, 0, -cell};
  out->SetGeoTransform(gt);
  out->SetSpatialRef(srs);
  // GeoTIFF keeps one no-data value per file: -1 (outside the study area) in both bands.
  out->GetRasterBand(1)->SetNoDataValue(-1);
  out->GetRasterBand(1)->SetDescription("grade: 1 low, 2 moderate, 3 high, 4 major; -1 outside the study area");
  out->GetRasterBand(2)->SetNoDataValue(-1);
  out->GetRasterBand(2)->SetDescription("index: sum of the weights of the zones covering the cell");

  const int bcols = (cols + kBlock - 1) / kBlock, brows = (rows + kBlock - 1) / kBlock;
  const long long blocks = static_cast<long long>(bcols) * brows;
  Progress progress("risk grid", static_cast<std::uint64_t>(blocks), quiet);
  std::atomic<long long> next{0};
  std::mutex io;  // a GDAL dataset is not shared between threads without it
  std::exception_ptr failure;
  auto work = [&] {
    try {
      PreparedZones prepared(zones, study);
      std::vector<float> grade(kBlock * kBlock), sum(kBlock * kBlock);
      for (long long b = next++; b < blocks; b = next++) {
        const int bx = static_cast<int>(b % bcols) * kBlock, by = static_cast<int>(b / bcols) * kBlock;
        const int w = std::min(kBlock, cols - bx), h = std::min(kBlock, rows - by);
        const Box box(Point(x0 + bx * cell, y0 - (by + h) * cell), Point(x0 + (bx + w) * cell, y0 - by * cell));
        std::vector<Entry> hits;
        index.query(bgi::intersects(box), std::back_inserter(hits));
        for (int r = 0; r < h; ++r)
          for (int c = 0; c < w; ++c) {
            const double x = x0 + (bx + c + 0.5) * cell, y = y0 - (by + r + 0.5) * cell;
            float g = -1, s = -1;
            if (prepared.inStudy(x, y)) {
              int highest = static_cast<int>(RiskGrade::Low);
              double total = 0;
              for (const auto& [zb, i] : hits) {
                const int zg = static_cast<int>(zones[i].grade);
                if (!combination.additive && zg <= highest) continue;
                if (x < zb.min_corner().get<0>() || x > zb.max_corner().get<0>() || y < zb.min_corner().get<1>() ||
                    y > zb.max_corner().get<1>() || !prepared.inZone(i, x, y))
                  continue;
                highest = std::max(highest, zg);
                total += combination.weights[zg];
              }
              g = static_cast<float>(combination.additive ? static_cast<int>(combination.classify(total)) : highest);
              s = static_cast<float>(total);
            }
            grade[static_cast<std::size_t>(r) * w + c] = g;
            sum[static_cast<std::size_t>(r) * w + c] = s;
          }
        std::lock_guard<std::mutex> lock(io);
        if (out->GetRasterBand(1)->RasterIO(GF_Write, bx, by, w, h, grade.data(), w, h, GDT_Float32, 0, 0) != CE_None ||
            out->GetRasterBand(2)->RasterIO(GF_Write, bx, by, w, h, sum.data(), w, h, GDT_Float32, 0, 0) != CE_None)
          throw std::runtime_error("cannot write the risk grid");
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
  out.reset();
  std::filesystem::rename(tmp, path);
  return {static_cast<long long>(cols) * rows,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

}  // namespace riskmap
