#include "riskmap/tiles/TileScheduler.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/core/WriterLock.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/tiles/TileCoverage.hpp"
#include "riskmap/tiles/TileStore.hpp"

namespace riskmap {
namespace {

struct Work {
  MetatileId id;
  std::vector<TileId> tiles;  // the ones to store
};

struct Done {
  MetatileId id;
  std::vector<EncodedTile> tiles;
};

// Rendered metatiles wait here for the writer; bounded so a slow disk holds
// back the renderers instead of filling memory.
class DoneQueue {
 public:
  explicit DoneQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(Done d) {
    std::unique_lock lock(m_);
    notFull_.wait(lock, [&] { return q_.size() < capacity_ || stopped_; });
    q_.push_back(std::move(d));
    notEmpty_.notify_one();
  }
  std::optional<Done> pop() {
    std::unique_lock lock(m_);
    notEmpty_.wait(lock, [&] { return !q_.empty() || producers_ == 0 || stopped_; });
    if (q_.empty() || stopped_) return std::nullopt;
    Done d = std::move(q_.front());
    q_.pop_front();
    notFull_.notify_one();
    return d;
  }
  void producerDone() {
    std::lock_guard lock(m_);
    --producers_;
    notEmpty_.notify_all();
  }
  void stop() {
    std::lock_guard lock(m_);
    stopped_ = true;
    notFull_.notify_all();
    notEmpty_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(m_);
    return stopped_;
  }
  void setProducers(int n) { producers_ = n; }

 private:
  std::mutex m_;
  std::condition_variable notFull_, notEmpty_;
  std::deque<Done> q_;
  std::size_t capacity_;
  int producers_ = 0;
  bool stopped_ = false;
};

}  // namespace

std::string tileJobFingerprint(const Project& p, const TileJobOptions& o) {
  std::ostringstream s;
  s.precision(17);
  s << "riskmap-tiles 1|" << p.library.displayName() << '|' << p.library.changeStamp() << '|' << sha256Hex(readFile(o.style, "style"))
    << '|' << o.minzoom << '-' << o.maxzoom << '|' << o.geometry.tileSize << '@' << o.geometry.scale << '|'
    << o.geometry.metatile << '+' << o.geometry.buffer << '|' << o.writeEmpty << "|png" << o.png.zlibLevel
    << (o.png.palette ? "p" : "");
  if (o.geometry.matrix != TileMatrixSet::webMercator()) s << '|' << o.geometry.matrix.name();
  if (o.extent) s << '|' << o.extent->west << ',' << o.extent->south << ',' << o.extent->east << ',' << o.extent->north;
  return sha256Hex(s.str());
}

void validateTileJob(const TileJobOptions& o) {
  if (o.minzoom < 0 || o.maxzoom > 24 || o.minzoom > o.maxzoom)
    throw UserError("zooms " + std::to_string(o.minzoom) + "-" + std::to_string(o.maxzoom) + ": expected 0 <= min <= max <= 24");
  if (o.geometry.matrix.kind() == TileMatrixSet::Kind::Cgcs2000 && o.minzoom < 1)
    throw UserError("zooms " + std::to_string(o.minzoom) + "-" + std::to_string(o.maxzoom) +
                    ": the cgcs2000 pyramid starts at level 1 (2 tiles of 180 degrees), as Tianditu's does");
  if (o.geometry.matrix.kind() == TileMatrixSet::Kind::Cgcs2000 && o.out.extension() == ".mbtiles")
    throw UserError(o.out.string() + ": MBTiles 1.3 holds Web Mercator tiles only; write the cgcs2000 pyramid to a directory");
  if (o.geometry.tileSize != 256 && o.geometry.tileSize != 512) throw UserError("--tile-size: 256 or 512");
  if (o.geometry.metatile < 1 || o.geometry.metatile > 16) throw UserError("--metatile: 1 to 16 tiles a side");
}

TileJobReport runTileJob(const Project& project, const TileJobOptions& o) {
  validateTileJob(o);
  // One writer per output: two runs on one MBTiles would fight over its .partial.
  const WriterLock lock(o.out, "tiles");
  const auto start = std::chrono::steady_clock::now();
  const Style style = Style::load(o.style);
  const TileCoverage coverage(project.library.gdalName(), project.studyArea);
  const LonLatBox extent = o.extent.value_or(coverage.bounds());

  const std::string fingerprint = tileJobFingerprint(project, o);
  try {
    std::unique_ptr<TileStore> store = openTileStore(o.out, fingerprint, o.force);
    if (store->upToDate()) {
      TileJobReport report;
      report.upToDate = true;
      return report;
    }
    TileJobReport report = drawTiles(project, o, style, coverage, extent, {o.minzoom, o.maxzoom, std::nullopt}, *store);
    store->finish(tilesetInfo(project, o, extent, fingerprint));
    report.uniqueImages = store->uniqueImages();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  } catch (const std::exception& e) {
    throwIfDiskFull(o.out, e.what());
    throw;
  }
}

namespace {

// The metatiles at zoom z holding a selected tile, with those tiles.
void planZoom(const TileJobOptions& o, const TileCoverage& coverage, const LonLatBox& extent, const TileSelection& sel,
              int z, std::map<MetatileId, Work>& work) {
  const TileRange r = o.geometry.matrix.range(extent, z);
  std::vector<TileRange> areas;
  if (!sel.roots) areas.push_back(r);
  else
    for (const TileId& root : *sel.roots) {
      const int d = z - root.z;
      const TileRange a{z, std::max(r.minX, root.x << d), std::max(r.minY, root.y << d),
                        std::min(r.maxX, ((root.x + 1) << d) - 1), std::min(r.maxY, ((root.y + 1) << d) - 1)};
      if (a.minX <= a.maxX && a.minY <= a.maxY) areas.push_back(a);
    }
  const int n = o.geometry.metatile;
  for (const TileRange& a : areas)
    for (std::int64_t my = a.minY / n; my <= a.maxY / n; ++my)
      for (std::int64_t mx = a.minX / n; mx <= a.maxX / n; ++mx) {
        const MetatileId m{z, mx, my};
        const TileRange t = o.geometry.tilesOf(m);
        std::vector<TileId> tiles;
        for (std::int64_t y = std::max(t.minY, a.minY); y <= std::min(t.maxY, a.maxY); ++y)
          for (std::int64_t x = std::max(t.minX, a.minX); x <= std::min(t.maxX, a.maxX); ++x)
            if (o.writeEmpty || coverage.touches(TileId{z, x, y}, o.geometry.matrix)) tiles.push_back({z, x, y});
        if (tiles.empty()) continue;
        // Roots finer than a metatile share it: their tiles join one render.
        Work& w = work.try_emplace(m, Work{m, {}}).first->second;
        w.tiles.insert(w.tiles.end(), tiles.begin(), tiles.end());
      }
}

}  // namespace

TileJobReport drawTiles(const Project& project, const TileJobOptions& o, const Style& style, const TileCoverage& coverage,
                        const LonLatBox& extent, const TileSelection& sel, TileStore& store) {
  TileJobReport report;
  // Every metatile with a tile to store, in pyramid order.
  const std::set<MetatileId> finished = store.completed();
  std::map<MetatileId, Work> planned;
  for (int z = sel.minzoom; z <= sel.maxzoom; ++z) planZoom(o, coverage, extent, sel, z, planned);
  std::vector<Work> work;
  std::uint64_t totalTiles = 0;
  for (auto& [m, w] : planned) {
    ++report.metatiles;
    if (finished.count(m)) {
      ++report.resumedMetatiles;
      continue;
    }
    totalTiles += w.tiles.size();
    work.push_back(std::move(w));
  }

  const int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  DoneQueue queue(2 * threads);
  queue.setProducers(threads);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i)
    pool.emplace_back([&] {
      try {
        MetatileRenderer renderer(project.library.gdalName(), style, o.geometry, o.png);
        for (std::size_t k; (k = next++) < work.size() && !queue.stopped();) {
          const Work& w = work[k];
          auto keep = [&w](const TileId& t) { return std::find(w.tiles.begin(), w.tiles.end(), t) != w.tiles.end(); };
          queue.push({w.id, renderer.render(w.id, keep)});
        }
      } catch (...) {
        std::lock_guard lock(failureMutex);
        if (!failure) failure = std::current_exception();
        queue.stop();
      }
      queue.producerDone();
    });

  Progress progress("tiles", totalTiles, o.quiet);
  try {
    while (auto done = queue.pop()) {
      store.write(done->id, done->tiles);
      report.tiles += done->tiles.size();
      progress.advance(done->tiles.size());
    }
  } catch (...) {
    queue.stop();
    for (auto& t : pool) t.join();
    throw;
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  progress.finish();

  return report;
}

TilesetInfo tilesetInfo(const Project& project, const TileJobOptions& o, const LonLatBox& extent,
                        const std::string& fingerprint) {
  TilesetInfo info;
  info.name = project.name;
  info.description = project.name + " safety-risk four-colour map (安全风险四色图), riskmap";
  info.attribution = o.attribution;
  info.bounds = extent;
  info.centerLon = (extent.west + extent.east) / 2, info.centerLat = (extent.south + extent.north) / 2;
  info.minzoom = o.minzoom, info.maxzoom = o.maxzoom;
  info.centerZoom = overviewZoom(extent, o.minzoom, o.maxzoom);
  info.tileSize = o.geometry.tileSize;
  info.tileMatrixSet = o.geometry.matrix.name();
  info.fingerprint = fingerprint;
  return info;
}

}  // namespace riskmap
