#include "riskmap/geometry/Geos.hpp"

#include <ogr_geometry.h>

#include <cstdarg>
#include <stdexcept>

namespace riskmap {

GeosContext::GeosContext() : ctx_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(ctx_, &GeosContext::onError, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(ctx_); }

void GeosContext::onError(const char* message, void* self) {
  static_cast<GeosContext*>(self)->lastError_ = message ? message : "";
}

GeosGeometryPtr toGeos(const GeosContext& ctx, const OGRGeometry& geometry) {
  return GeosGeometryPtr(geometry.exportToGEOS(ctx.handle()), GeosGeometryDeleter{ctx.handle()});
}

std::unique_ptr<OGRGeometry> fromGeos(const GeosContext& ctx, const GEOSGeometry* geometry) {
  if (!geometry) return nullptr;
  return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::createFromGEOS(ctx.handle(),
                                                                         const_cast<GEOSGeometry*>(geometry)));
}

std::string invalidityReason(const GeosContext& ctx, const OGRGeometry& geometry) {
  const GeosGeometryPtr g = toGeos(ctx, geometry);
  if (!g) return "cannot be read by GEOS";
  if (GEOSisValid_r(ctx.handle(), g.get()) == 1) return {};
  char* reason = GEOSisValidReason_r(ctx.handle(), g.get());
  std::string out = reason ? reason : "invalid";
  GEOSFree_r(ctx.handle(), reason);
  return out;
}

std::unique_ptr<OGRGeometry> makeValid(const GeosContext& ctx, const OGRGeometry& geometry) {
  const GeosGeometryPtr g = toGeos(ctx, geometry);
  if (!g) return nullptr;
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx.handle());
  GEOSMakeValidParams_setMethod_r(ctx.handle(), params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(ctx.handle(), params, 0);
  GeosGeometryPtr valid(GEOSMakeValidWithParams_r(ctx.handle(), g.get(), params),
                        GeosGeometryDeleter{ctx.handle()});
  GEOSMakeValidParams_destroy_r(ctx.handle(), params);
  std::unique_ptr<OGRGeometry> out = fromGeos(ctx, valid.get());
  if (out) out->assignSpatialReference(geometry.getSpatialReference());
  return out;
}

std::unique_ptr<OGRGeometry> dissolve(const std::vector<const OGRGeometry*>& parts) {
  OGRMultiPolygon all;
  for (const OGRGeometry* g : parts) {
    if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
      for (const OGRGeometry* p : *g->toMultiPolygon()) all.addGeometry(p);
    else if (wkbFlatten(g->getGeometryType()) == wkbPolygon)
      all.addGeometry(g);
  }
  if (all.IsEmpty()) return std::make_unique<OGRMultiPolygon>();
  return std::unique_ptr<OGRGeometry>(all.UnionCascaded());
}

std::unique_ptr<OGRGeometry> translated(const OGRGeometry& geometry, double dx, double dy) {
  GeosContext geos;
  GeosGeometryPtr g = toGeos(geos, geometry);
  struct Shift {
    double dx, dy;
  } shift{dx, dy};
  GEOSTransformXYCallback move = [](double* x, double* y, void* data) {
    const auto* s = static_cast<const Shift*>(data);
    *x += s->dx;
    *y += s->dy;
    return 1;
  };
  GeosGeometryPtr out(GEOSGeom_transformXY_r(geos.handle(), g.get(), move, &shift), GeosGeometryDeleter{geos.handle()});
  if (!out) throw std::runtime_error("GEOS cannot move a geometry: " + geos.lastError());
  return fromGeos(geos, out.get());
}

}  // namespace riskmap
