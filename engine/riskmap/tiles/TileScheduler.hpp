#pragma once
// `riskmap tiles`: the pyramid over a zoom range and extent, drawn as
// metatiles on every core (one renderer per thread), written by one thread
// to a directory or MBTiles, resumable, with progress. drawTiles is the core
// that shards and merges (ShardedTiles.hpp) share with the single run.
#include <filesystem>
#include <optional>
#include <string>

#include "riskmap/project/Project.hpp"
#include "riskmap/tiles/MetatileRenderer.hpp"
#include "riskmap/tiles/TileShards.hpp"

namespace riskmap {

struct TileJobOptions {
  std::filesystem::path out;
  std::filesystem::path style;
  int minzoom = 0, maxzoom = 14;
  std::optional<LonLatBox> extent;  // default: the study area
  TileGeometry geometry;
  PngOptions png;                   // zlib level; palette PNG where exact (opt-in)
  bool writeEmpty = false;          // also tiles outside the study area
  bool force = false;
  int threads = 0;                  // 0: all cores
  bool quiet = false;
  std::string attribution = "riskmap";
  int splitZoom = -1;               // shards and merge: -1 picks defaultSplitZoom
};

struct TileJobReport {
  bool upToDate = false;
  std::uint64_t metatiles = 0, resumedMetatiles = 0, tiles = 0, uniqueImages = 0;
  double seconds = 0;
};

TileJobReport runTileJob(const Project& project, const TileJobOptions& options);

// Identifies a tiling job: the library's state, the style and the options.
// A run resumes only into work with the same fingerprint.
std::string tileJobFingerprint(const Project& project, const TileJobOptions& options);

class Style;
class TileCoverage;
class TileStore;

// Which tiles a run draws: zooms [minzoom, maxzoom], all of the extent's, or
// only those under `roots` (tiles of one zoom, at most minzoom).
struct TileSelection {
  int minzoom = 0, maxzoom = 0;
  std::optional<std::vector<TileId>> roots;
};

// Checks the zooms, tile size, metatile and matrix; UserError naming the option.
void validateTileJob(const TileJobOptions& options);
// Draws the selected tiles the store has not finished into it, on
// options.threads cores; does not finish the store.
TileJobReport drawTiles(const Project& project, const TileJobOptions& options, const Style& style,
                        const TileCoverage& coverage, const LonLatBox& extent, const TileSelection& selection,
                        TileStore& store);
// The tileset's metadata as a single run of these options writes it.
TilesetInfo tilesetInfo(const Project& project, const TileJobOptions& options, const LonLatBox& extent,
                        const std::string& fingerprint);

}  // namespace riskmap
