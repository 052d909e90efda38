#pragma once
// `riskmap tiles`: the pyramid over a zoom range and extent, drawn as
// metatiles on every core (one renderer per thread), written by one thread
// to a directory or MBTiles, resumable, with progress.
#include <filesystem>
#include <optional>
#include <string>

#include "riskmap/project/Project.hpp"
#include "riskmap/tiles/MetatileRenderer.hpp"

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

}  // namespace riskmap
