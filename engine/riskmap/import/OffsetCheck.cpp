#include "riskmap/import/OffsetCheck.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cstdio>

#include "riskmap/crs/Crs.hpp"

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Segment = bg::model::segment<Point>;

void addSegments(const OGRGeometry& g, std::vector<Segment>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const OGRPoint* p = g.toPoint();
      out.emplace_back(Point(p->getX(), p->getY()), Point(p->getX(), p->getY()));
      return;
    }
    case wkbLineString:
    case wkbLinearRing: {
      const OGRLineString* l = g.toLineString();
      for (int i = 1; i < l->getNumPoints(); ++i)
        out.emplace_back(Point(l->getX(i - 1), l->getY(i - 1)), Point(l->getX(i), l->getY(i)));
      return;
    }
    case wkbPolygon:
      for (const OGRLinearRing* ring : *g.toPolygon()) addSegments(*ring, out);
      return;
    default:
      if (OGR_GT_IsSubClassOf(wkbFlatten(g.getGeometryType()), wkbGeometryCollection))
        for (const OGRGeometry* part : *g.toGeometryCollection()) addSegments(*part, out);
      return;
  }
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  double m = v[v.size() / 2];
  if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), v.begin() + v.size() / 2)) / 2;
  return m;
}

const char* label(WebMapCoordinates c) { return c == WebMapCoordinates::Bd09 ? "BD-09" : "GCJ-02"; }

}  // namespace

struct ReferenceFeatures::Index {
  std::vector<Segment> pending;
  bgi::rtree<Segment, bgi::rstar<16>> tree;
  bool built = false;
};

ReferenceFeatures::ReferenceFeatures() : index_(std::make_unique<Index>()) {}
ReferenceFeatures::~ReferenceFeatures() = default;
ReferenceFeatures::ReferenceFeatures(ReferenceFeatures&&) noexcept = default;
ReferenceFeatures& ReferenceFeatures::operator=(ReferenceFeatures&&) noexcept = default;

void ReferenceFeatures::add(OGRLayer& table) {
  table.ResetReading();
  for (auto& f : table)
    if (const OGRGeometry* g = f->GetGeometryRef()) addSegments(*g, index_->pending);
  index_->built = false;
}

bool ReferenceFeatures::empty() const { return index_->pending.empty(); }

double ReferenceFeatures::nearestDistance(double x, double y) const {
  if (!index_->built) {  // packed once, after every table is in
    index_->tree = bgi::rtree<Segment, bgi::rstar<16>>(index_->pending.begin(), index_->pending.end());
    index_->built = true;
  }
  const Point p(x, y);
  std::vector<Segment> hit;
  index_->tree.query(bgi::nearest(p, 1), std::back_inserter(hit));
  return hit.empty() ? 0.0 : bg::distance(p, hit.front());
}

std::optional<OffsetEvidence> detectWebMapOffset(const std::vector<std::pair<double, double>>& points,
                                                 const ReferenceFeatures& reference,
                                                 const OGRSpatialReference& analysisCrs) {
  if (points.size() < kOffsetCheckMinPoints || reference.empty()) return std::nullopt;
  OGRSpatialReference projected(analysisCrs), lonLat;
  projected.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  lonLat.CopyGeogCSFrom(&projected);
  lonLat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  CoordinateTransformationPtr toLonLat = makeTransformation(projected, lonLat);
  CoordinateTransformationPtr toProjected = makeTransformation(lonLat, projected);

  const std::size_t stride = std::max<std::size_t>(1, points.size() / kOffsetCheckSample);
  const WebMapCoordinates candidates[] = {WebMapCoordinates::Gcj02, WebMapCoordinates::Bd09};
  std::vector<double> asGiven, corrected[2];
  for (std::size_t i = 0; i < points.size(); i += stride) {
    const auto [x, y] = points[i];
    double lon = x, lat = y;
    if (!toLonLat->Transform(1, &lon, &lat)) continue;
    asGiven.push_back(reference.nearestDistance(x, y));
    for (int c = 0; c < 2; ++c) {
      const LonLat p = removeWebMapOffset(LonLat{lon, lat}, candidates[c]);
      double cx = p.lon, cy = p.lat;
      toProjected->Transform(1, &cx, &cy);
      corrected[c].push_back(reference.nearestDistance(cx, cy));
    }
  }
  if (asGiven.size() < kOffsetCheckMinPoints) return std::nullopt;
  const double before = median(asGiven);
  std::optional<OffsetEvidence> best;
  for (int c = 0; c < 2; ++c) {
    const double after = median(corrected[c]);
    if (after >= kOffsetCheckMaxRatio * before || before - after <= kOffsetCheckMinGainM) continue;
    if (!best || after < best->medianCorrected) best = OffsetEvidence{candidates[c], before, after, asGiven.size()};
  }
  return best;
}

std::string offsetWarning(const std::string& layer, const OffsetEvidence& e) {
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "layer '%s' looks like %s (set coordinates = \"%s\"): median distance of %zu points to the "
                "nearest road or building %.0f m as given, %.0f m with the %s offset removed",
                layer.c_str(), label(e.likely), webMapCoordinatesName(e.likely).c_str(), e.points, e.medianAsGiven,
                e.medianCorrected, label(e.likely));
  return buf;
}

}  // namespace riskmap
