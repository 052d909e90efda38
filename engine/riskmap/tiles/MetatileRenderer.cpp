#include "riskmap/tiles/MetatileRenderer.hpp"

#include <algorithm>
#include <stdexcept>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Cairo.hpp"

namespace riskmap {
namespace {

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

TileRange TileGeometry::tilesOf(const MetatileId& m) const {
  const std::int64_t lastX = matrix.matrixWidth(m.z) - 1, lastY = matrix.matrixHeight(m.z) - 1;
  return {m.z, m.mx * metatile, m.my * metatile, std::min(lastX, m.mx * metatile + metatile - 1),
          std::min(lastY, m.my * metatile + metatile - 1)};
}

MetatileRenderer::MetatileRenderer(const std::filesystem::path& library, const Style& style,
                                   const TileGeometry& geometry)
    : renderer_(library, style), geometry_(geometry) {}

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
    unsigned char* origin = data + (buffer + (t.y - r.minY) * px) * stride + (buffer + (t.x - r.minX) * px) * 4;
    CairoSurfacePtr tile(cairo_image_surface_create_for_data(origin, CAIRO_FORMAT_ARGB32, px, px, stride));
    EncodedTile e{t, {}, {}};
    if (cairo_surface_write_to_png_stream(tile.get(), appendBytes, &e.png) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error("cannot encode tile " + t.path());
    e.hash = sha256Hex(e.png);
    tiles.push_back(std::move(e));
  }
  return tiles;
}

}  // namespace riskmap
