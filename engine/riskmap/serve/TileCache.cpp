#include "riskmap/serve/TileCache.hpp"

namespace riskmap {

std::shared_ptr<const EncodedTile> TileCache::find(const TileId& id) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

std::shared_ptr<const EncodedTile> TileCache::peek(const TileId& id) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) return nullptr;
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void TileCache::insert(std::shared_ptr<const EncodedTile> tile) {
  if (!tile || tile->png.size() > maxBytes_) return;
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(tile->id); it != index_.end()) {
    bytes_ -= it->second->second->png.size();
    order_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += tile->png.size();
  order_.emplace_front(tile->id, tile);
  index_[tile->id] = order_.begin();
  evict();
}

void TileCache::evict() {
  while (bytes_ > maxBytes_ && !order_.empty()) {
    bytes_ -= order_.back().second->png.size();
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

std::size_t TileCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t TileCache::size() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

}  // namespace riskmap
