#pragma once
// `riskmap tiles --shard I/N` and `riskmap tiles merge`: the pyramid made by
// N independent processes (a Slurm job array, GNU parallel, a Kubernetes
// indexed job) and joined into the MBTiles a single run makes, tile for tile.
//
// A shard draws the zooms from the split zoom down to maxzoom under its
// split-zoom tiles (TileShards.hpp) into "<stem>.shard-I-of-N.mbtiles"; its
// metadata names the job (a fingerprint of the data, style, options, split
// zoom and N) and, last, riskmap:shard_done = 1, written in the transaction
// that makes the file, which is renamed into place whole. A rerun finds the
// marker and does nothing. The merge copies every shard in (SQLite ATTACH),
// refusing any unfinished shard or one of another job, then draws the zooms
// above the split zoom from the library as a single run does, and renames
// the result over the output.
#include <filesystem>
#include <vector>

#include "riskmap/tiles/TileScheduler.hpp"

namespace riskmap {

struct ShardReport : TileJobReport {
  std::filesystem::path file;
  int splitZoom = 0;
  std::size_t splitTiles = 0;  // this shard's tiles at the split zoom
};

struct MergeReport : TileJobReport {
  std::size_t shards = 0;
  int splitZoom = 0;
};

// One job's identity, the same in all its shards.
std::string shardJobFingerprint(const std::string& tileJobFingerprint, int splitZoom, int shards);

ShardReport runTileShard(const Project& project, const TileJobOptions& options, const ShardId& shard);

// shards empty: every "<stem>.shard-I-of-N.mbtiles" beside options.out.
MergeReport mergeTileShards(const Project& project, const TileJobOptions& options,
                            std::vector<std::filesystem::path> shards);

// The shard files beside `out` ("<stem>.shard-I-of-N.mbtiles"), by name.
std::vector<std::filesystem::path> findShards(const std::filesystem::path& out);

}  // namespace riskmap
