#include "riskmap/tiles/ShardedTiles.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/WriterLock.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/tiles/MBTilesStore.hpp"
#include "riskmap/tiles/TileCoverage.hpp"

namespace riskmap {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void requireMBTiles(const std::filesystem::path& out, const std::string& what) {
  if (out.extension() != ".mbtiles")
    throw UserError(out.string() + ": " + what + " writes MBTiles (joined with SQLite); give -o NAME.mbtiles");
}

int checkedSplitZoom(int split, const TileJobOptions& o) {
  if (split < o.minzoom || split > o.maxzoom)
    throw UserError("--split-zoom " + std::to_string(split) + ": must lie in the zoom range " + std::to_string(o.minzoom) +
                    "-" + std::to_string(o.maxzoom));
  return split;
}

}  // namespace

std::string shardJobFingerprint(const std::string& tileJobFingerprint, int splitZoom, int shards) {
  return sha256Hex("riskmap-tile-shards 1|" + tileJobFingerprint + "|split " + std::to_string(splitZoom) + "|of " +
                   std::to_string(shards));
}

ShardReport runTileShard(const Project& project, const TileJobOptions& o, const ShardId& shard) {
  validateTileJob(o);
  requireMBTiles(o.out, "--shard");
  const auto start = Clock::now();
  ShardReport report;
  report.file = shardPath(o.out, shard);
  const WriterLock lock(report.file, "tiles --shard");
  const TileCoverage coverage(project.library.gdalName(), project.studyArea);
  const LonLatBox extent = o.extent.value_or(coverage.bounds());
  const ShardingInput in{coverage, o.geometry.matrix, extent, o.minzoom, o.maxzoom, o.writeEmpty};
  report.splitZoom = checkedSplitZoom(o.splitZoom >= 0 ? o.splitZoom : defaultSplitZoom(in, shard.count), o);

  const std::string job = shardJobFingerprint(tileJobFingerprint(project, o), report.splitZoom, shard.count);
  const ShardMarker marker = readShardMarker(report.file);
  const bool done = marker.done && marker.job == job && marker.shard.index == shard.index;
  if (done && !o.force) {
    report.upToDate = true;
    return report;
  }
  // A file there without this job's marker is not this shard: drawn again (a .partial of it resumes).
  if (!done) std::filesystem::remove(report.file);
  try {
    const std::string fingerprint = sha256Hex(job + "|shard " + std::to_string(shard.index));
    MBTilesStore store(report.file, fingerprint, o.force);
    const std::vector<TileId> roots = partitionSplitTiles(in, report.splitZoom, shard.count)[shard.index - 1];
    report.splitTiles = roots.size();
    const Style style = Style::load(o.style);
    static_cast<TileJobReport&>(report) =
        drawTiles(project, o, style, coverage, extent, {report.splitZoom, o.maxzoom, roots}, store);
    TilesetInfo info = tilesetInfo(project, o, extent, fingerprint);
    info.minzoom = report.splitZoom;
    info.extraMetadata = {{kShardJobKey, job},
                          {kShardKey, shard.text()},
                          {kSplitZoomKey, std::to_string(report.splitZoom)},
                          {kShardDoneKey, "1"}};  // last: the marker
    store.finish(info);
    report.uniqueImages = store.uniqueImages();
  } catch (const std::exception& e) {
    throwIfDiskFull(report.file, e.what());
    throw;
  }
  report.seconds = since(start);
  return report;
}

std::vector<std::filesystem::path> findShards(const std::filesystem::path& out) {
  const std::filesystem::path dir = out.parent_path().empty() ? "." : out.parent_path();
  const std::string prefix = out.stem().string() + ".shard-", suffix = ".mbtiles";
  std::vector<std::filesystem::path> found;
  if (!std::filesystem::is_directory(dir)) return found;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    int i = 0, n = 0;
    char tail = 0;
    const std::string middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (std::sscanf(middle.c_str(), "%d-of-%d%c", &i, &n, &tail) == 2) found.push_back(out.parent_path() / name);
  }
  std::sort(found.begin(), found.end());
  return found;
}

MergeReport mergeTileShards(const Project& project, const TileJobOptions& o, std::vector<std::filesystem::path> shards) {
  validateTileJob(o);
  requireMBTiles(o.out, "tiles merge");
  const auto start = Clock::now();
  if (shards.empty()) shards = findShards(o.out);
  if (shards.empty())
    throw UserError(o.out.string() + ": no shards beside it (" + shardPath(o.out, {1, 1}).stem().string() +
                    " ...); run `riskmap tiles --shard I/N` first or name the shard files");

  // Every shard finished, of one job, each index once.
  std::map<int, std::filesystem::path> byIndex;
  ShardMarker first;
  for (const auto& file : shards) {
    if (!std::filesystem::is_regular_file(file)) throw UserError(file.string() + ": no such shard file");
    const ShardMarker m = readShardMarker(file);
    if (m.job.empty()) throw UserError(file.string() + ": not a riskmap tile shard (no " + kShardJobKey + " metadata)");
    if (!m.done)
      throw UserError(file.string() + ": shard " + m.shard.text() + " is not finished (no " + kShardDoneKey +
                      " row); rerun `riskmap tiles --shard " + m.shard.text() + "`");
    if (first.job.empty()) first = m;
    if (m.job != first.job || m.shard.count != first.shard.count)
      throw UserError(file.string() + ": shard of another job than " + shards.front().string() +
                      " (data, style, options, split zoom or shard count differ)");
    if (!byIndex.emplace(m.shard.index, file).second)
      throw UserError(file.string() + ": shard " + m.shard.text() + " given twice (also " + byIndex[m.shard.index].string() + ")");
  }
  for (int i = 1; i <= first.shard.count; ++i)
    if (!byIndex.count(i))
      throw UserError(shardPath(o.out, {i, first.shard.count}).string() + ": shard " + std::to_string(i) + "/" +
                      std::to_string(first.shard.count) + " missing");
  if (o.splitZoom >= 0 && o.splitZoom != first.splitZoom)
    throw UserError("--split-zoom " + std::to_string(o.splitZoom) + ": the shards were split at zoom " +
                    std::to_string(first.splitZoom));
  const int split = checkedSplitZoom(first.splitZoom, o);
  const std::string fingerprint = tileJobFingerprint(project, o);
  if (shardJobFingerprint(fingerprint, split, first.shard.count) != first.job)
    throw UserError(shards.front().string() + ": made from other data, style or options than this merge's (library, "
                    "style, zooms, bbox, tile size, metatile, buffer, PNG options must be the same)");

  MergeReport report;
  report.shards = byIndex.size();
  report.splitZoom = split;
  const WriterLock lock(o.out, "tiles merge");
  try {
    MBTilesStore store(o.out, fingerprint, o.force);
    if (store.upToDate()) {
      report.upToDate = true;
      return report;
    }
    for (const auto& [i, file] : byIndex) store.absorb(file);
    const TileCoverage coverage(project.library.gdalName(), project.studyArea);
    const LonLatBox extent = o.extent.value_or(coverage.bounds());
    // The zooms above the split, from the library: the same metatiles a single run draws.
    if (split > o.minzoom) {
      const Style style = Style::load(o.style);
      static_cast<TileJobReport&>(report) =
          drawTiles(project, o, style, coverage, extent, {o.minzoom, split - 1, std::nullopt}, store);
    }
    store.finish(tilesetInfo(project, o, extent, fingerprint));
    report.uniqueImages = store.uniqueImages();
  } catch (const std::exception& e) {
    throwIfDiskFull(o.out, e.what());
    throw;
  }
  report.seconds = since(start);
  return report;
}

}  // namespace riskmap
