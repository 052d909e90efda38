#include "riskmap/render/ViewFeatures.hpp"

#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {

ViewFeatures::ViewFeatures(OGRLayer& table, OGRCoordinateTransformation* ct, const MapView& view)
    : resolution_(view.resolution()) {
  const double margin = 64 * resolution_;  // line caps and circles near the edge still draw
  OGRLinearRing ring;
  for (auto [x, y] : {std::pair{view.minX - margin, view.minY - margin}, {view.maxX + margin, view.minY - margin},
                      {view.maxX + margin, view.maxY + margin}, {view.minX - margin, view.maxY + margin},
                      {view.minX - margin, view.minY - margin}})
    ring.addPoint(x, y);
  viewBox_.addRing(&ring);
  // The view's box in the table's CRS (densified, so curved edges are covered) for the spatial index.
  {
    std::unique_ptr<OGRGeometry> inTable(viewBox_.clone());
    inTable->segmentize((view.maxX - view.minX) / 16);
    if (ct) {
      CoordinateTransformationPtr back(ct->GetInverse());
      if (!back || inTable->transform(back.get()) != OGRERR_NONE) return;
    }
    OGREnvelope e;
    inTable->getEnvelope(&e);
    table.SetSpatialFilterRect(e.MinX, e.MinY, e.MaxX, e.MaxY);
  }
  GdalErrorCapture quiet;
  const double zoom = view.zoom();  // what the style's ["zoom"] reads
  for (auto& f : table) {
    const OGRGeometry* source = f->GetGeometryRef();
    if (!source) continue;
    std::unique_ptr<OGRGeometry> g(f->StealGeometry());
    if (ct && g->transform(ct) != OGRERR_NONE) continue;
    FeatureProperties props = propertiesOf(*f);
    props["$zoom"] = zoom;
    features_.push_back({std::move(props), std::move(g), std::nullopt});
  }
  table.SetSpatialFilter(nullptr);
}

const OGRGeometry* ViewFeatures::drawable(Feature& f) {
  if (f.drawable) return f.drawable->get();
  GdalErrorCapture quiet;  // GEOS's topology complaints are handled here, not printed
  const OGRGeometry* g = f.geometry.get();
  // Every feature is clipped, even one wholly inside the view: skipping
  // those saved no measurable time and changed 108 of 6,596 tiles (GEOS's
  // overlay output starts its rings elsewhere, so the simplification that
  // follows keeps other vertices). Reprojection can make a valid polygon
  // self-intersect (a zone's nearly touching parts, once in Web Mercator):
  // repair it BEFORE clipping. GEOS's overlay does not always refuse an
  // invalid input; on the sample county's high zone at z12 it returned
  // nearly the whole view box, and the tile was drawn orange edge to edge.
  std::unique_ptr<OGRGeometry> valid;
  if (OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbCurvePolygon) ||
      OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbMultiSurface)) {
    if (!g->IsValid()) {
      valid.reset(g->MakeValid());
      if (valid) g = valid.get();
    }
  }
  std::unique_ptr<OGRGeometry> clipped(g->Intersection(&viewBox_));
  if (clipped) g = clipped.get();
  if (g->IsEmpty()) return f.drawable.emplace(nullptr).get();
  std::unique_ptr<OGRGeometry> simple(g->SimplifyPreserveTopology(resolution_ / 2));
  if (simple && !simple->IsEmpty()) return f.drawable.emplace(std::move(simple)).get();
  if (clipped) return f.drawable.emplace(std::move(clipped)).get();
  return f.drawable.emplace(g->clone()).get();
}

}  // namespace riskmap
