#include "riskmap/tiles/TileShards.hpp"

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"
#include "riskmap/tiles/Sqlite.hpp"
#include "riskmap/tiles/TileCoverage.hpp"

namespace riskmap {
namespace {

bool covered(const ShardingInput& in, const TileId& t) {
  return in.writeEmpty || in.coverage.touches(t, in.matrix);
}

// The tiles at z under `root` (at rootZoom) inside `r`, counted covered.
std::uint64_t coveredUnder(const ShardingInput& in, const TileId& root, int z) {
  const int d = z - root.z;
  const TileRange r = in.matrix.range(in.extent, z);
  std::uint64_t n = 0;
  for (std::int64_t y = std::max(r.minY, root.y << d); y <= std::min(r.maxY, ((root.y + 1) << d) - 1); ++y)
    for (std::int64_t x = std::max(r.minX, root.x << d); x <= std::min(r.maxX, ((root.x + 1) << d) - 1); ++x)
      n += covered(in, {z, x, y});
  return n;
}

}  // namespace

ShardId parseShard(const std::string& text, const std::string& option) {
  ShardId s;
  char slash = 0, rest = 0;
  if (std::sscanf(text.c_str(), "%d %c %d %c", &s.index, &slash, &s.count, &rest) != 3 || slash != '/' ||
      s.count < 1 || s.index < 1 || s.index > s.count)
    throw UserError(option + " '" + text + "': expected I/N with 1 <= I <= N (shards count from 1, as --array=1-N)");
  return s;
}

std::uint64_t hilbertIndex(int order, std::int64_t x, std::int64_t y) {
  const std::int64_t n = std::int64_t{1} << order;
  std::uint64_t d = 0;
  for (std::int64_t s = n / 2; s > 0; s /= 2) {
    const std::int64_t rx = (x & s) > 0, ry = (y & s) > 0;
    d += static_cast<std::uint64_t>(s) * static_cast<std::uint64_t>(s) * static_cast<std::uint64_t>((3 * rx) ^ ry);
    if (ry == 0) {  // rotate the quadrant so the curve's pieces join
      if (rx == 1) x = n - 1 - x, y = n - 1 - y;
      std::swap(x, y);
    }
  }
  return d;
}

int defaultSplitZoom(const ShardingInput& in, int shards) {
  const std::uint64_t wanted = static_cast<std::uint64_t>(kSplitTilesPerShard) * shards;
  for (int z = in.minzoom; z < in.maxzoom; ++z) {
    const TileRange r = in.matrix.range(in.extent, z);
    if (static_cast<std::uint64_t>(r.count()) < wanted) continue;
    std::uint64_t n = 0;
    for (std::int64_t y = r.minY; y <= r.maxY && n < wanted; ++y)
      for (std::int64_t x = r.minX; x <= r.maxX && n < wanted; ++x) n += covered(in, {z, x, y});
    if (n >= wanted) return z;
  }
  return in.maxzoom;
}

std::vector<std::vector<TileId>> partitionSplitTiles(const ShardingInput& in, int splitZoom, int shards) {
  const TileRange r = in.matrix.range(in.extent, splitZoom);
  struct Candidate {
    std::uint64_t order, weight;
    TileId tile;
  };
  std::vector<Candidate> candidates;
  const int weightZoom = std::min(in.maxzoom, splitZoom + kWeightDepth);
  for (std::int64_t y = std::max<std::int64_t>(0, r.minY - 1);
       y <= std::min(in.matrix.matrixHeight(splitZoom) - 1, r.maxY + 1); ++y)
    for (std::int64_t x = std::max<std::int64_t>(0, r.minX - 1);
         x <= std::min(in.matrix.matrixWidth(splitZoom) - 1, r.maxX + 1); ++x) {
      const TileId t{splitZoom, x, y};
      candidates.push_back({hilbertIndex(splitZoom, x, y), coveredUnder(in, t, weightZoom), t});
    }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.order < b.order; });

  std::uint64_t total = 0;
  for (const Candidate& c : candidates) total += c.weight;
  std::vector<std::vector<TileId>> runs(shards);
  // Candidate j goes to the shard its weight's midpoint falls in: runs are
  // contiguous along the curve and each holds about total / N of the weight.
  double before = 0;
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    const double at = total > 0 ? (before + candidates[j].weight / 2.0) / total
                                : (j + 0.5) / static_cast<double>(candidates.size());
    runs[std::min<std::size_t>(shards - 1, static_cast<std::size_t>(std::floor(at * shards)))].push_back(candidates[j].tile);
    before += candidates[j].weight;
  }
  return runs;
}

std::filesystem::path shardPath(const std::filesystem::path& out, const ShardId& shard) {
  return out.parent_path() /
         (out.stem().string() + ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".mbtiles");
}

ShardMarker readShardMarker(const std::filesystem::path& file) {
  ShardMarker m;
  if (!std::filesystem::is_regular_file(file)) return m;
  try {
    SqliteDatabase db(file, SQLITE_OPEN_READONLY);
    auto st = db.prepare("SELECT name, value FROM metadata WHERE name LIKE 'riskmap:%'");
    while (st.step()) {
      const std::string name = st.text(0), value = st.text(1);
      if (name == kShardJobKey) m.job = value;
      else if (name == kShardKey) m.shard = parseShard(value, file.string() + ": " + kShardKey);
      else if (name == kSplitZoomKey) m.splitZoom = std::stoi(value);
      else if (name == kShardDoneKey) m.done = value == "1";
    }
  } catch (const std::exception&) {
    return {};
  }
  return m;
}

}  // namespace riskmap
