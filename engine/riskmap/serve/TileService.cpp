#include "riskmap/serve/TileService.hpp"

#include <algorithm>
#include <thread>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

int cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

int metadataInt(MBTilesReader& db, const char* name, int fallback) {
  const auto value = db.metadata(name);
  return value ? std::stoi(*value) : fallback;
}

}  // namespace

TileService::TileService(const TileServiceOptions& o)
    : options_(o), style_(Style::load(o.style)), coverage_(o.library, o.studyArea), cache_(o.cacheBytes),
      mbtiles_(o.mbtiles), minzoom_(o.minzoom), maxzoom_(o.maxzoom),
      drawing_(o.renderThreads > 0 ? o.renderThreads : cores()),
      renderers_([this] { return std::make_unique<MetatileRenderer>(options_.library, style_, options_.geometry); }),
      readers_([this] { return std::make_unique<MBTilesReader>(*mbtiles_); }) {
  if (mbtiles_) {
    auto db = readers_.borrow();
    minzoom_ = metadataInt(*db, "minzoom", minzoom_);
    maxzoom_ = metadataInt(*db, "maxzoom", maxzoom_);
  }
}

TileService::~TileService() = default;

std::shared_ptr<const EncodedTile> TileService::tile(const TileId& id) {
  if (id.z < minzoom_ || id.z > maxzoom_) return nullptr;
  if (auto hit = cache_.find(id)) return hit;
  if (mbtiles_) {
    auto t = fromDatabase(id);
    cache_.insert(t);
    return t;
  }
  if (!matrix().contains(id) || !coverage_.touches(id, matrix())) return nullptr;
  const MetatileId m = options_.geometry.metatileOf(id);
  // One drawing per metatile however many ask at once: the first asker
  // draws, the rest wait on its future.
  std::promise<Drawn> promise;
  std::shared_future<Drawn> result;
  bool mine = false;
  {
    std::lock_guard lock(mutex_);
    auto it = inFlight_.find(m);
    if (it == inFlight_.end()) {
      result = promise.get_future().share();
      inFlight_.emplace(m, result);
      mine = true;
    } else {
      result = it->second;
    }
  }
  if (mine) {
    try {
      promise.set_value(draw(m));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
    std::lock_guard lock(mutex_);
    inFlight_.erase(m);
  }
  for (const auto& t : *result.get())
    if (t->id == id) return t;
  return nullptr;
}

std::shared_ptr<const EncodedTile> TileService::cached(const TileId& id) {
  if (id.z < minzoom_ || id.z > maxzoom_) return nullptr;
  return cache_.peek(id);
}

TileService::Drawn TileService::draw(const MetatileId& m) {
  std::vector<EncodedTile> tiles;
  drawing_.acquire();
  try {
    auto renderer = renderers_.borrow();
    tiles = renderer->render(m, [this](const TileId& t) { return coverage_.touches(t, matrix()); });
  } catch (...) {
    drawing_.release();
    throw;
  }
  drawing_.release();
  auto drawn = std::make_shared<std::vector<std::shared_ptr<const EncodedTile>>>();
  for (EncodedTile& t : tiles) {
    auto shared = std::make_shared<const EncodedTile>(std::move(t));
    cache_.insert(shared);
    drawn->push_back(std::move(shared));
  }
  return drawn;
}

std::shared_ptr<const EncodedTile> TileService::fromDatabase(const TileId& id) {
  std::optional<std::string> png = readers_.borrow()->read(id);
  if (!png) return nullptr;
  const std::string hash = sha256Hex(*png);
  return std::make_shared<const EncodedTile>(EncodedTile{id, std::move(*png), hash});
}

}  // namespace riskmap
