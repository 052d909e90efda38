#pragma once
// Where tiles go: a z/x/y directory or an MBTiles file, behind one interface.
// Both resume: a run that stops (even by kill -9) leaves what it finished
// recorded, and the next run with the same fingerprint skips it; a finished
// tileset appears only when whole.
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "riskmap/tiles/Tileset.hpp"

namespace riskmap {

class TileStore {
 public:
  virtual ~TileStore() = default;
  // A finished tileset with this fingerprint is already there.
  virtual bool upToDate() const = 0;
  // Metatiles an interrupted run of the same job finished.
  virtual std::set<MetatileId> completed() = 0;
  // Stores one metatile's tiles (the empty ones already left out) and marks it done; redoing one is harmless.
  virtual void write(const MetatileId& m, const std::vector<EncodedTile>& tiles) = 0;
  // Metadata in, work files out, the tileset in its place.
  virtual void finish(const TilesetInfo& info) = 0;
  // Distinct images stored (identical tiles share one in MBTiles).
  virtual std::uint64_t uniqueImages() const = 0;
};

// By the path: *.mbtiles is an MBTiles 1.3 file, anything else a directory.
// force: start again even where a run could resume or is up to date.
std::unique_ptr<TileStore> openTileStore(const std::filesystem::path& out, const std::string& fingerprint, bool force);

}  // namespace riskmap
