#pragma once
// What a tiling run makes and where it stands: metatiles (the unit of
// rendering and of resuming), encoded tiles, and the tileset's description.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "riskmap/tiles/TileMath.hpp"

namespace riskmap {

// n x n tiles rendered as one image so labels and line caps do not break at seams.
struct MetatileId {
  int z = 0;
  std::int64_t mx = 0, my = 0;
  auto operator<=>(const MetatileId&) const = default;
};

struct EncodedTile {
  TileId id;
  std::string png;
  std::string hash;  // SHA-256 of png, hex: the MBTiles image id and the HTTP ETag
};

struct TilesetInfo {
  std::string name, description, attribution;
  LonLatBox bounds{};
  double centerLon = 0, centerLat = 0;
  int centerZoom = 0, minzoom = 0, maxzoom = 0;
  int tileSize = 256;
  std::string tileMatrixSet = "webmercator";  // or "cgcs2000" (TileMatrixSet::name())
  std::string fingerprint;  // of the data, style and options that made it
  // MBTiles rows after the standard ones, in order (a shard's done-marker last).
  std::vector<std::pair<std::string, std::string>> extraMetadata;
};

std::string sha256Hex(std::string_view bytes);

}  // namespace riskmap
