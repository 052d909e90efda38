#pragma once
// Draws a metatile (n x n tiles as one image, with a buffer around it for
// line caps and symbols that straddle its edge) and cuts it into PNG tiles.
// Labels are placed only inside the metatile proper, never in the buffer,
// so no label is cut at a metatile edge and a label across an inner seam is
// one drawing continued in both tiles. One per thread (it owns a Renderer).
#include <cstdint>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "riskmap/render/Renderer.hpp"
#include "riskmap/render/TilePng.hpp"
#include "riskmap/tiles/TileMatrixSet.hpp"
#include "riskmap/tiles/Tileset.hpp"

namespace riskmap {

struct TileGeometry {
  int tileSize = 256;    // CSS pixels per tile side (256 or 512)
  double scale = 1;      // 2 for @2x: tileSize * scale image pixels a side
  int metatile = 8;      // tiles per metatile side
  int buffer = 64;       // CSS pixels drawn around the metatile and cut away
  TileMatrixSet matrix = TileMatrixSet::webMercator();  // the pyramid (and CRS) drawn in

  int pixels() const { return static_cast<int>(tileSize * scale); }
  // The metatile holding tile t, and the tiles of metatile m (clipped to the pyramid).
  MetatileId metatileOf(const TileId& t) const { return {t.z, t.x / metatile, t.y / metatile}; }
  TileRange tilesOf(const MetatileId& m) const;
};

class MetatileRenderer {
 public:
  MetatileRenderer(const std::filesystem::path& library, const Style& style, const TileGeometry& geometry,
                   const PngOptions& png = {});

  // Renders metatile m; returns the tiles `keep` accepts, encoded.
  template <typename Keep>
  std::vector<EncodedTile> render(const MetatileId& m, Keep keep);

  // The view a metatile is drawn with (for tests: labels must fall inside the inner part).
  MapView viewOf(const MetatileId& m) const;
  const std::vector<LabelBox>& lastLabels() const { return labels_; }

 private:
  std::vector<EncodedTile> cut(const MetatileId& m, const std::vector<TileId>& wanted);
  EncodedTile encode(const TileId& t, const unsigned char* origin, int stride);

  static constexpr std::size_t kPlainColours = 64;  // plain tiles remembered per thread (a style has a few)
  Renderer renderer_;
  TileGeometry geometry_;
  PngOptions png_;
  std::unordered_map<std::uint32_t, EncodedTile> plainTiles_;  // by the premultiplied pixel
  std::vector<LabelBox> labels_;
};

template <typename Keep>
std::vector<EncodedTile> MetatileRenderer::render(const MetatileId& m, Keep keep) {
  const TileRange r = geometry_.tilesOf(m);
  std::vector<TileId> wanted;
  for (std::int64_t y = r.minY; y <= r.maxY; ++y)
    for (std::int64_t x = r.minX; x <= r.maxX; ++x)
      if (keep(TileId{m.z, x, y})) wanted.push_back({m.z, x, y});
  if (wanted.empty()) return {};
  return cut(m, wanted);
}

}  // namespace riskmap
