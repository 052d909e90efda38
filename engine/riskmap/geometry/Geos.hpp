#pragma once
// RAII over the GEOS reentrant C API: one context per thread, geometries
// owned by unique_ptrs that remember their context.
#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

class OGRGeometry;

namespace riskmap {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return ctx_; }
  const std::string& lastError() const { return lastError_; }

 private:
  static void onError(const char* message, void* self);
  GEOSContextHandle_t ctx_;
  std::string lastError_;
};

struct GeosGeometryDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

GeosGeometryPtr toGeos(const GeosContext& ctx, const OGRGeometry& geometry);
std::unique_ptr<OGRGeometry> fromGeos(const GeosContext& ctx, const GEOSGeometry* geometry);

// GEOS's explanation of why a geometry is invalid ("Self-intersection[x y]"),
// empty when it is valid.
std::string invalidityReason(const GeosContext& ctx, const OGRGeometry& geometry);

// GEOS make-valid (structure method keeps polygons polygons where it can).
// The union of the polygons among parts (others are skipped): one
// (multi)polygon, empty when there are none.
std::unique_ptr<OGRGeometry> dissolve(const std::vector<const OGRGeometry*>& parts);

// The geometry shifted by (dx, dy), every vertex (GEOSGeom_transformXY).
std::unique_ptr<OGRGeometry> translated(const OGRGeometry& geometry, double dx, double dy);
std::unique_ptr<OGRGeometry> makeValid(const GeosContext& ctx, const OGRGeometry& geometry);

}  // namespace riskmap
