#pragma once
// Tiles for the server: read from a finished MBTiles when there is one,
// else drawn on demand as metatiles (the same drawing as `riskmap tiles`)
// and kept in a bounded cache. Concurrent requests for tiles of one
// metatile wait for a single drawing; drawings run at most `renderThreads`
// at a time, each with a renderer of its own.
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <vector>

#include "riskmap/render/Style.hpp"
#include "riskmap/serve/ObjectPool.hpp"
#include "riskmap/serve/TileCache.hpp"
#include "riskmap/tiles/MetatileRenderer.hpp"
#include "riskmap/tiles/MBTilesReader.hpp"
#include "riskmap/tiles/TileCoverage.hpp"

namespace riskmap {

struct TileServiceOptions {
  std::filesystem::path library;
  std::string studyArea;
  std::filesystem::path style;
  std::optional<std::filesystem::path> mbtiles;  // serve this instead of drawing
  TileGeometry geometry{256, 1, 4, 64};
  int minzoom = 0, maxzoom = 18;
  std::size_t cacheBytes = 256u << 20;
  int renderThreads = 0;  // 0: all cores
};

class TileService {
 public:
  explicit TileService(const TileServiceOptions& options);
  ~TileService();

  // nullptr: no such tile in the pyramid (outside the zooms or the study area).
  std::shared_ptr<const EncodedTile> tile(const TileId& id);
  // The tile if the cache holds it (never draws, never reads): what the
  // server answers on its I/O threads.
  std::shared_ptr<const EncodedTile> cached(const TileId& id);

  int minzoom() const { return minzoom_; }
  int maxzoom() const { return maxzoom_; }
  bool fromMBTiles() const { return mbtiles_.has_value(); }
  const TileMatrixSet& matrix() const { return options_.geometry.matrix; }
  const TileCoverage& coverage() const { return coverage_; }
  TileCache& cache() { return cache_; }

 private:
  using Drawn = std::shared_ptr<const std::vector<std::shared_ptr<const EncodedTile>>>;
  std::shared_ptr<const EncodedTile> fromDatabase(const TileId& id);
  Drawn draw(const MetatileId& m);

  TileServiceOptions options_;
  Style style_;
  TileCoverage coverage_;
  TileCache cache_;
  std::optional<std::filesystem::path> mbtiles_;
  int minzoom_, maxzoom_;
  std::counting_semaphore<> drawing_;
  ObjectPool<MetatileRenderer> renderers_;
  ObjectPool<MBTilesReader> readers_;
  std::mutex mutex_;  // guards inFlight_
  std::map<MetatileId, std::shared_future<Drawn>> inFlight_;
};

}  // namespace riskmap
