#include "riskmap/tiles/MetatileRenderer.hpp"

#include <algorithm>
#include <stdexcept>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Cairo.hpp"

namespace riskmap {

TileRange TileGeometry::tilesOf(const MetatileId& m) const {
  const std::int64_t lastX = matrix.matrixWidth(m.z) - 1, lastY = matrix.matrixHeight(m.z) - 1;
  return {m.z, m.mx * metatile, m.my * metatile, std::min(lastX, m.mx * metatile + metatile - 1),
          std::min(lastY, m.my * metatile + metatile - 1)};
}

MetatileRenderer::MetatileRenderer(const std::filesystem::path& library, const Style& style,
                                   const TileGeometry& geometry, const PngOptions& png)
    : renderer_(library, style), geometry_(geometry), png_(png) {}

MapView MetatileRenderer::viewOf(const MetatileId& m) const {
  const TileRange r = geometry_.tilesOf(m);
  const TileMatrixSet& set = geometry_.matrix;
  const MercatorBox nw = set.bounds({m.z, r.minX, r.minY}), se = set.bounds({m.z, r.maxX, r.maxY});
  const int px = geometry_.pixels(), buffer = static_cast<int>(geometry_.buffer * geometry_.scale);
  const double metres = (nw.maxX - nw.minX) / px;
  MapView v;
  v.crs = srsFromEpsg(set.epsg());  // x east, y north: riskmap's SRSs use the GIS axis order
  v.minX = nw.minX - buffer * metres, v.maxX = se.maxX + buffer * metres;
  v.minY = se.minY - buffer * metres, v.maxY = nw.maxY + buffer * metres;
  v.width = static_cast<int>((r.maxX - r.minX + 1) * px + 2 * buffer);
  v.height = static_cast<int>((r.maxY - r.minY + 1) * px + 2 * buffer);
  v.scaleFactor = geometry_.scale;
  v.labelInset = buffer;
  return v;
}

std::vector<EncodedTile> MetatileRenderer::cut(const MetatileId& m, const std::vector<TileId>& wanted) {
  const MapView view = viewOf(m);
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot allocate a " + std::to_string(view.width) + " px metatile");
  {
    CairoPtr cr(cairo_create(surface.get()));
    labels_ = renderer_.render(cr.get(), view);
  }
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const int px = geometry_.pixels(), buffer = static_cast<int>(view.labelInset);
  const TileRange r = geometry_.tilesOf(m);
  std::vector<EncodedTile> tiles;
  tiles.reserve(wanted.size());
  for (const TileId& t : wanted) {
    const unsigned char* origin = data + (buffer + (t.y - r.minY) * px) * stride + (buffer + (t.x - r.minX) * px) * 4;
    tiles.push_back(encode(t, origin, stride));
  }
  return tiles;
}

EncodedTile MetatileRenderer::encode(const TileId& t, const unsigned char* origin, int stride) {
  // A plain tile (an empty field, the inside of one zone) is encoded once per
  // colour and thread: the raw pixels decide, before any encoding.
  const int px = geometry_.pixels();
  std::uint32_t pixel = 0;
  const bool plain = isPlain(origin, px, px, stride, pixel);
  if (plain)
    if (auto it = plainTiles_.find(pixel); it != plainTiles_.end()) return {t, it->second.png, it->second.hash};
  EncodedTile e{t, encodePng(origin, px, px, stride, png_), {}};
  e.hash = sha256Hex(e.png);
  if (plain && plainTiles_.size() < kPlainColours) plainTiles_.emplace(pixel, e);
  return e;
}

}  // namespace riskmap
