#include "SitePlan.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/TextDecoder.hpp"

namespace riskmap::enterprise {
namespace {

std::vector<PlanXY> points(const OGRSimpleCurve& c) {
  std::vector<PlanXY> out;
  for (int i = 0; i < c.getNumPoints(); ++i) out.push_back({c.getX(i), c.getY(i)});
  return out;
}

// A closed line on an area role is an area: CAD draws a building as a closed polyline.
void addShape(const OGRGeometry& g, bool areaRole, PlanShape& s) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint:
      s.kind = PlanShape::Kind::Point;
      s.parts.push_back({{g.toPoint()->getX(), g.toPoint()->getY()}});
      return;
    case wkbLineString: {
      const OGRLineString& l = *g.toLineString();
      if (areaRole && l.getNumPoints() >= 4 && l.get_IsClosed()) s.kind = PlanShape::Kind::Area;
      s.parts.push_back(points(l));
      return;
    }
    case wkbPolygon:
      s.kind = PlanShape::Kind::Area;
      for (const OGRLinearRing* r : *g.toPolygon()) s.parts.push_back(points(*r));
      return;
    default:
      if (OGR_GT_IsSubClassOf(g.getGeometryType(), wkbGeometryCollection))
        for (const OGRGeometry* part : *g.toGeometryCollection()) addShape(*part, areaRole, s);
      else if (OGR_GT_IsCurve(g.getGeometryType()) || OGR_GT_IsSurface(g.getGeometryType())) {
        std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
        addShape(*linear, areaRole, s);
      }
  }
}

PlanXY inside(const OGRGeometry& g) {
  std::unique_ptr<OGRGeometry> valid(g.MakeValid());
  if (valid) {
    std::unique_ptr<OGRGeometry> p(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(valid.get()))));
    if (p && !p->IsEmpty()) return {p->toPoint()->getX(), p->toPoint()->getY()};
  }
  OGREnvelope e;
  g.getEnvelope(&e);
  return {(e.MinX + e.MaxX) / 2, (e.MinY + e.MaxY) / 2};
}

std::unique_ptr<OGRGeometry> areaGeometry(const PlanShape& s) {
  auto poly = std::make_unique<OGRPolygon>();
  for (const auto& part : s.parts) {
    auto* ring = new OGRLinearRing();
    for (const PlanXY& p : part) ring->addPoint(p.x, p.y);
    ring->closeRings();
    poly->addRingDirectly(ring);
  }
  return poly;
}

struct Label {
  std::string text;
  PlanXY at;
  long long feature;
};

}  // namespace

SitePlan SitePlan::read(const PlantConfig& plant) {
  SitePlan plan;
  plan.source = plant.sitePlan;
  GDALDatasetUniquePtr ds = openDataset(plant.sitePlan, GDAL_OF_VECTOR | GDAL_OF_READONLY);
  std::map<std::string, PlanRole> roleOf;
  for (const auto& [role, names] : plant.layers)
    for (const std::string& n : names) roleOf[n] = role;
  const TextDecoder text = TextDecoder::autoDetect();
  std::vector<Label> labels;
  std::set<std::string> unused;
  for (OGRLayer* layer : ds->GetLayers()) {
    if (!plant.sitePlanLayer.empty() && plant.sitePlanLayer != layer->GetName()) continue;
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int cadLayer = defn->GetFieldIndex("Layer");   // DXF: the CAD layer of each entity
    const int cadText = defn->GetFieldIndex("Text");
    const int idField = defn->GetFieldIndex(plant.unitIdField.c_str());
    if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && srs->IsProjected() && plan.crsWkt.empty()) {
      char* wkt = nullptr;
      srs->exportToWkt(&wkt);
      plan.crsWkt = wkt ? wkt : "";
      CPLFree(wkt);
    }
    layer->ResetReading();
    for (const OGRFeatureUniquePtr& f : *layer) {
      const std::string name = cadLayer >= 0 ? text.decode(f->GetFieldAsString(cadLayer)) : layer->GetName();
      const auto role = roleOf.find(name);
      const OGRGeometry* g = f->GetGeometryRef();
      if (role == roleOf.end()) {
        unused.insert(name);
        continue;
      }
      if (!g || g->IsEmpty()) continue;
      const bool unitRole = role->second == PlanRole::Units || role->second == PlanRole::Tanks;
      const bool areaRole = unitRole || role->second == PlanRole::Buildings || role->second == PlanRole::Assembly;
      const std::string label = cadText >= 0 ? text.decode(f->GetFieldAsString(cadText)) : std::string();
      if (unitRole && wkbFlatten(g->getGeometryType()) == wkbPoint && !label.empty()) {
        labels.push_back({label, {g->toPoint()->getX(), g->toPoint()->getY()}, f->GetFID()});
        continue;  // a unit's name, placed inside it
      }
      PlanFeature pf{role->second, {}, label};
      addShape(*g, areaRole, pf.shape);
      if (pf.shape.parts.empty()) continue;
      if (unitRole && pf.shape.kind == PlanShape::Kind::Area) {
        PlanUnit u{idField >= 0 ? text.decode(f->GetFieldAsString(idField)) : std::string(), role->second, pf.shape,
                   inside(*areaGeometry(pf.shape))};
        plan.units.push_back(u);
      }
      plan.features.push_back(std::move(pf));
    }
  }
  // DXF: each unit takes the text inside it (the smallest unit holding it).
  std::vector<std::unique_ptr<OGRGeometry>> areas;
  for (const PlanUnit& u : plan.units) areas.push_back(areaGeometry(u.shape));
  for (const Label& l : labels) {
    PlanUnit* best = nullptr;
    double bestArea = 0;
    const OGRPoint at(l.at.x, l.at.y);
    for (std::size_t i = 0; i < plan.units.size(); ++i) {
      const double a = areas[i]->toPolygon()->get_Area();
      if (areas[i]->Contains(&at) && (!best || a < bestArea)) best = &plan.units[i], bestArea = a;
    }
    if (!best)
      throwUserError({plant.sitePlan, "", l.feature, "Text"}, "unit name '" + l.text + "' lies inside no closed shape of the units or tanks layers");
    if (!best->id.empty() && best->id != l.text)
      throwUserError({plant.sitePlan, "", l.feature, "Text"},
                     "one unit is named both '" + best->id + "' and '" + l.text + "'");
    best->id = l.text;
    best->anchor = l.at;  // the drawing's own place for the name
  }
  plan.units.erase(std::remove_if(plan.units.begin(), plan.units.end(), [](const PlanUnit& u) { return u.id.empty(); }),
                   plan.units.end());
  std::set<std::string> ids;
  for (const PlanUnit& u : plan.units)
    if (!ids.insert(u.id).second) throw UserError(plant.sitePlan + ": two units are named '" + u.id + "'");
  if (plan.units.empty()) {
    std::string layers;
    for (const std::string& n : plant.layers.at(PlanRole::Units)) layers += (layers.empty() ? "" : ", ") + n;
    throw UserError(plant.sitePlan + ": no named unit on the plan (closed shapes on layers " + layers +
                    " with a text inside, or a '" + plant.unitIdField + "' field)");
  }
  plan.unusedLayers.assign(unused.begin(), unused.end());
  return plan;
}

const PlanUnit* SitePlan::findUnit(const std::string& id) const {
  for (const PlanUnit& u : units)
    if (u.id == id) return &u;
  return nullptr;
}

void SitePlan::transform(const Similarity& t) {
  auto move = [&t](PlanShape& s) {
    for (auto& part : s.parts)
      for (PlanXY& p : part) p = t.apply(p);
  };
  for (PlanFeature& f : features) move(f.shape);
  for (PlanUnit& u : units) {
    move(u.shape);
    u.anchor = t.apply(u.anchor);
  }
}

std::array<double, 4> SitePlan::extent() const {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::array<double, 4> e{inf, inf, -inf, -inf};
  for (const PlanFeature& f : features)
    for (const auto& part : f.shape.parts)
      for (const PlanXY& p : part) e = {std::min(e[0], p.x), std::min(e[1], p.y), std::max(e[2], p.x), std::max(e[3], p.y)};
  return e;
}

}  // namespace riskmap::enterprise
