#pragma once
// The server's memory of rendered tiles: least recently used first out,
// bounded in bytes (not entries: a tile of the town is ten times a tile of
// the fields). Thread-safe; entries are shared, so a tile being sent stays
// alive after eviction.
#include <atomic>
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>

#include "riskmap/tiles/Tileset.hpp"

namespace riskmap {

class TileCache {
 public:
  explicit TileCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

  std::shared_ptr<const EncodedTile> find(const TileId& id);
  // As find, but a miss is not counted (the caller will ask find next).
  std::shared_ptr<const EncodedTile> peek(const TileId& id);
  void insert(std::shared_ptr<const EncodedTile> tile);

  std::size_t bytes() const;
  std::size_t size() const;
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  using Entry = std::pair<TileId, std::shared_ptr<const EncodedTile>>;
  void evict();

  std::size_t maxBytes_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // front: most recently used
  std::map<TileId, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace riskmap
