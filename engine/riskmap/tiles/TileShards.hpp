#pragma once
// Sharding the tile pyramid for a cluster (Slurm job arrays, GNU parallel,
// Kubernetes indexed jobs): shard I of N renders the subtrees under a fixed
// share of the tiles at the split zoom; the zooms below it are left to
// `riskmap tiles merge`. The split-zoom tiles are taken in Hilbert-curve
// order (neighbours on the curve are neighbours on the map, so a shard's
// tiles lie together and share the library's pages) and cut into N
// contiguous runs of about equal weight, the weight of a split tile being
// its covered descendants a few zooms down. Every shard computes the same
// plan from the same data, with no coordination: the engine only takes I/N.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/tiles/TileMatrixSet.hpp"

namespace riskmap {

class TileCoverage;

// Shard `index` of `count`, counted from 1 (as Slurm's --array=1-N).
struct ShardId {
  int index = 1, count = 1;
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "I/N" with 1 <= I <= N; UserError naming the option otherwise.
ShardId parseShard(const std::string& text, const std::string& option = "--shard");

// Position of (x, y) along the Hilbert curve filling the 2^order square
// (the classic iterative mapping, Hilbert 1891 as in Warren, Hacker's
// Delight 2nd ed., section 16-2). Hand-written: ten lines of arithmetic no
// Debian library offers for 2^24 grids.
std::uint64_t hilbertIndex(int order, std::int64_t x, std::int64_t y);

// Default split zoom when --split-zoom is not given: the lowest zoom in
// [minzoom, maxzoom] with at least kSplitTilesPerShard covered tiles per
// shard (so the runs can balance to within a few per cent), else maxzoom.
constexpr int kSplitTilesPerShard = 16;
// A split tile's weight: its covered descendants kWeightDepth zooms deeper
// (at most maxzoom); deeper zooms hold 4 times as many for each zoom, in the
// same proportion between split tiles.
constexpr int kWeightDepth = 3;

struct ShardingInput {
  const TileCoverage& coverage;
  const TileMatrixSet& matrix;
  LonLatBox extent;
  int minzoom = 0, maxzoom = 0;
  bool writeEmpty = false;  // every tile in the extent counts as covered
};

int defaultSplitZoom(const ShardingInput& in, int shards);

// The split-zoom tiles of every shard (index 0 is shard 1), each run in
// Hilbert order. Candidates are the extent's tiles at the split zoom with a
// margin of one tile against rounding, so every tile a single run draws at
// or below the split zoom has its ancestor in exactly one shard.
std::vector<std::vector<TileId>> partitionSplitTiles(const ShardingInput& in, int splitZoom, int shards);

// Where shard I of N of the tileset `out` goes: "<stem>.shard-I-of-N.mbtiles" beside it.
std::filesystem::path shardPath(const std::filesystem::path& out, const ShardId& shard);

// What a shard file says of itself (its metadata rows), read without writing.
struct ShardMarker {
  std::string job;         // riskmap:shard_job, equal across one job's shards
  ShardId shard;           // riskmap:shard
  int splitZoom = -1;      // riskmap:split_zoom
  bool done = false;       // riskmap:shard_done, the last row of the finishing transaction
};
// Empty job and done=false if the file is missing, unreadable or not a shard.
ShardMarker readShardMarker(const std::filesystem::path& file);

// Metadata keys (docs/web-tiles.md).
inline constexpr const char* kShardJobKey = "riskmap:shard_job";
inline constexpr const char* kShardKey = "riskmap:shard";
inline constexpr const char* kSplitZoomKey = "riskmap:split_zoom";
inline constexpr const char* kShardDoneKey = "riskmap:shard_done";

}  // namespace riskmap
