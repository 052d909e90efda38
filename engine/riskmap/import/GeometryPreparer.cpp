#include "riskmap/import/GeometryPreparer.hpp"

#include <cstdio>
#include <stdexcept>

#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {
namespace {

unsigned familyOf(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint:
    case wkbMultiPoint: return kPoints;
    case wkbLineString:
    case wkbMultiLineString: return kLines;
    case wkbPolygon:
    case wkbMultiPolygon: return kPolygons;
    default: return 0;
  }
}

// Keeps the parts of a (make-valid) result that belong to the wanted
// families; collapsed parts (a polygon reduced to a line) are dropped.
std::unique_ptr<OGRGeometry> keepFamilies(std::unique_ptr<OGRGeometry> g, unsigned families) {
  if (!g) return nullptr;
  if (familyOf(g->getGeometryType()) & families) return g;
  if (wkbFlatten(g->getGeometryType()) != wkbGeometryCollection) return nullptr;
  auto* gc = g->toGeometryCollection();
  std::unique_ptr<OGRGeometry> out;
  for (const OGRGeometry* part : *gc) {
    const unsigned fam = familyOf(part->getGeometryType()) & families;
    if (!fam || part->IsEmpty()) continue;
    if (!out) {
      out.reset(fam == kPolygons ? static_cast<OGRGeometry*>(new OGRMultiPolygon)
                : fam == kLines  ? static_cast<OGRGeometry*>(new OGRMultiLineString)
                                 : static_cast<OGRGeometry*>(new OGRMultiPoint));
    }
    if (familyOf(out->getGeometryType()) != fam) continue;  // mixed families: keep the first
    auto* coll = out->toGeometryCollection();
    if (OGR_GT_IsSubClassOf(wkbFlatten(part->getGeometryType()), wkbGeometryCollection)) {
      for (const OGRGeometry* sub : *part->toGeometryCollection()) coll->addGeometry(sub);
    } else {
      coll->addGeometry(part);
    }
  }
  if (out) out->assignSpatialReference(g->getSpatialReference());
  return out;
}

std::string formatCoord(double x, double y) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.6g, %.6g)", x, y);
  return buf;
}

}  // namespace

GeometryPreparer::GeometryPreparer(unsigned families, const OGRSpatialReference& source,
                                   const OGRSpatialReference& target, WebMapCoordinates offsets)
    : families_(families), source_(source), target_(target), areaOfUse_(areaOfUse(source)), offsets_(offsets) {
  if (offsets_ != WebMapCoordinates::None && !source_.IsGeographic())
    throw std::invalid_argument("web-map offsets apply to lon/lat sources only, not " + srsLabel(source_));
  source_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  target_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!source_.IsGeographic()) {
    OGRSpatialReference lonLat;
    lonLat.CopyGeogCSFrom(&source_);
    lonLat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    toLonLat_ = makeTransformation(source_, lonLat);
  }
  if (!source_.IsSame(&target_)) toTarget_ = makeTransformation(source_, target_);
}

OGRwkbGeometryType GeometryPreparer::tableType(unsigned families) {
  families &= (kPoints | kLines | kPolygons);
  if (families == kPoints) return wkbPoint;
  if (families == kLines) return wkbMultiLineString;
  if (families == kPolygons) return wkbMultiPolygon;
  return wkbUnknown;
}

std::optional<std::string> GeometryPreparer::checkAreaOfUse(const OGRGeometry& g) const {
  if (!areaOfUse_) return std::nullopt;
  std::unique_ptr<OGRGeometry> lonLat;
  const OGRGeometry* probe = &g;
  if (toLonLat_) {
    lonLat.reset(g.clone());
    if (lonLat->transform(toLonLat_.get()) != OGRERR_NONE)
      return "coordinates cannot be converted to longitude/latitude in " + srsLabel(source_) +
             ": wrong CRS?";
    probe = lonLat.get();
  }
  OGREnvelope env;
  probe->getEnvelope(&env);
  const double tol = 0.01;  // degrees; area-of-use boxes are coarse
  if (areaOfUse_->contains(env.MinX, env.MinY, tol) && areaOfUse_->contains(env.MaxX, env.MaxY, tol))
    return std::nullopt;
  OGREnvelope raw;
  g.getEnvelope(&raw);
  char box[128];
  std::snprintf(box, sizeof box, "%.2f..%.2fE, %.2f..%.2fN", areaOfUse_->west, areaOfUse_->east,
                areaOfUse_->south, areaOfUse_->north);
  return "coordinates " + formatCoord(raw.MinX, raw.MinY) + " are outside the area of use of " +
         srsLabel(source_) + " (" + box + "): wrong CRS or swapped axes?";
}

PreparedGeometry GeometryPreparer::prepare(const OGRGeometry* input) const {
  PreparedGeometry out;
  if (!input || input->IsEmpty()) {
    out.rejection = "empty geometry";
    return out;
  }
  std::unique_ptr<OGRGeometry> g(input->hasCurveGeometry() ? input->getLinearGeometry() : input->clone());
  g->flattenTo2D();
  const unsigned family = familyOf(g->getGeometryType());
  if (!(family & families_)) {
    out.rejection = std::string("geometry is ") + OGRGeometryTypeToName(g->getGeometryType()) +
                    ", this layer takes " + geometryFamiliesText(families_ & ~kRaster);
    return out;
  }
  if (wkbFlatten(g->getGeometryType()) == wkbMultiPoint) {
    auto* mp = g->toMultiPoint();
    if (mp->getNumGeometries() != 1) {
      out.rejection = "multipoint with " + std::to_string(mp->getNumGeometries()) +
                      " points; one point per feature expected";
      return out;
    }
    g.reset(mp->getGeometryRef(0)->clone());
  }
  // Before everything that looks at the coordinates: the area of use, the
  // repair and PROJ all see true lon/lat.
  removeWebMapOffset(*g, offsets_);
  if (auto why = checkAreaOfUse(*g)) {
    out.rejection = *why;
    return out;
  }
  if (family != kPoints) {
    const std::string reason = invalidityReason(geos_, *g);
    if (!reason.empty()) {
      std::unique_ptr<OGRGeometry> valid = keepFamilies(makeValid(geos_, *g), family);
      if (!valid || valid->IsEmpty()) {
        out.rejection = "invalid geometry (" + reason + ") that make-valid cannot repair into " +
                        geometryFamiliesText(family);
        return out;
      }
      out.repair = "made valid: " + reason;
      g = std::move(valid);
    }
  }
  g->assignSpatialReference(nullptr);
  if (toTarget_ && g->transform(toTarget_.get()) != OGRERR_NONE) {
    out.rejection = "cannot be transformed from " + srsLabel(source_) + " to " + srsLabel(target_);
    return out;
  }
  if (family == kLines) g.reset(OGRGeometryFactory::forceToMultiLineString(g.release()));
  if (family == kPolygons) g.reset(OGRGeometryFactory::forceToMultiPolygon(g.release()));
  out.geometry = std::move(g);
  return out;
}

}  // namespace riskmap
