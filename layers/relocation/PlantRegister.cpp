#include "PlantRegister.hpp"

#include <algorithm>

#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/Library.hpp"

namespace riskmap::relocation {
namespace {

using Key = std::pair<std::string, std::string>;  // layer, id

std::shared_ptr<const OGRGeometry> steal(OGRFeature& f) { return std::shared_ptr<const OGRGeometry>(f.StealGeometry()); }

Ring ringFrom(OGRFeature& f) {
  Ring r;
  r.ring = f.GetFieldAsString("ring");
  r.distanceM = f.GetFieldAsDouble("distance_m");
  r.people = f.GetFieldAsDouble("people");
  r.households = f.GetFieldAsInteger64("households");
  r.buildings = f.GetFieldAsInteger64("buildings");
  const auto targets = nlohmann::json::parse(f.GetFieldAsString("targets"), nullptr, false);
  if (targets.is_object())
    for (const auto& [k, v] : targets.items()) r.targets[k] = v.get<long long>();
  r.zoneGrade = f.IsFieldSetAndNotNull(f.GetFieldIndex("zone_grade")) ? f.GetFieldAsString("zone_grade") : "";
  r.geometry = steal(f);
  return r;
}

}  // namespace

PlantFigures plantFigures(const std::string& grade, const std::string& rule, const nlohmann::json& figures) {
  PlantFigures p;
  p.grade = grade;
  p.rule = rule;
  p.figures = figures.is_object() ? figures : nlohmann::json::object();
  p.level = p.figures.contains("level") ? p.figures["level"].get<int>() : -1;
  p.R = p.figures.value("R", 0.0);
  p.alpha = p.figures.value("alpha", 0.0);
  p.S = p.figures.value("S_sum_q_over_Q", 0.0);
  p.people500 = p.figures.value("people_within_radius", 0.0);
  return p;
}

OGRPoint centreOf(const OGRGeometry& g) {
  OGRPoint c;
  g.Centroid(&c);
  return c;
}

const Ring* PlantFigures::ring(const std::string& name) const {
  for (const Ring& r : rings)
    if (r.ring == name) return &r;
  return nullptr;
}

double PlantFigures::peopleIn(const std::string& name) const {
  const Ring* r = ring(name);
  return r ? r->people : 0;
}

long long PlantFigures::targetsOf(const std::vector<std::string>& kinds) const {
  long long most = 0;
  for (const Ring& r : rings) {
    long long n = 0;
    for (const std::string& k : kinds)
      if (auto it = r.targets.find(k); it != r.targets.end()) n += it->second;
    most = std::max(most, n);
  }
  return most;
}

PlantRegister PlantRegister::read(const library::Location& where, const LayerRegistry& kinds) {
  ensureGdalRegistered();
  if (!where.exists())
    throw UserError(where.displayName() + ": no one library here; run `riskmap import` and `riskmap assess` first");
  GDALDatasetUniquePtr ds = where.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  library::Table grades = library::openTable(*ds, kGradesTable);
  OGRLayer* footprints = ds->GetLayerByName(kFootprintsTable);
  if (!grades || !footprints) throw UserError(where.displayName() + ": not assessed yet; run `riskmap assess` first");

  std::map<Key, PlantFigures> figures;
  std::map<Key, std::string> parkGrades;
  for (auto& g : *grades) {
    const std::string kind = g->GetFieldAsString("kind");
    const Key key{g->GetFieldAsString("layer"), g->GetFieldAsString("source_id")};
    if (kind == kPlantKind)
      figures[key] = plantFigures(g->GetFieldAsString("grade"), g->GetFieldAsString("rule"),
                                  nlohmann::json::parse(g->GetFieldAsString("figures"), nullptr, false));
    if (kind == kParkKind) parkGrades[key] = g->GetFieldAsString("grade");
  }
  footprints->SetAttributeFilter(("kind = '" + std::string(kPlantKind) + "'").c_str());
  for (auto& f : *footprints) {
    const Key key{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")};
    if (auto it = figures.find(key); it != figures.end()) it->second.rings.push_back(ringFrom(*f));
  }

  PlantRegister reg;
  const LayerKind& plantKind = kinds.get(kPlantKind);
  for (const auto& [table, kind] : library::layerKinds(*ds)) {
    library::Table l = library::openTable(*ds, table);
    if (!l) continue;
    if (kind == kPlantKind) {
      if (const OGRSpatialReference* srs = l->GetSpatialRef()) reg.crs_ = *srs;
      for (auto& f : *l) {
        if (!f->GetGeometryRef()) continue;
        Plant p;
        p.feature = sourceFeature(*f, table, plantKind);
        p.layer = table;
        p.id = p.feature.id;
        p.name = p.feature.name;
        p.inParkFlag = p.feature.attributes.number("in_park").value_or(0) == 1;
        p.site = steal(*f);
        p.feature.geometry = p.site.get();
        auto it = figures.find({table, p.id});
        if (it == figures.end())
          throw UserError(where.displayName() + ": plant " + p.id + " of " + table +
                          " has no grade in source_grades; rerun `riskmap assess`");
        p.baseline = it->second;
        reg.plants_.push_back(std::move(p));
      }
    } else if (kind == kParkKind) {
      for (auto& f : *l) {
        if (!f->GetGeometryRef()) continue;
        Park park;
        park.layer = table;
        park.id = f->GetFieldIndex("park_id") >= 0 && f->IsFieldSetAndNotNull(f->GetFieldIndex("park_id"))
                      ? f->GetFieldAsString("park_id")
                      : std::to_string(f->GetFID());
        park.name = f->GetFieldAsString("name");
        auto grade = parkGrades.find({table, park.id});
        park.grade = grade == parkGrades.end() ? "" : grade->second;
        park.boundary = steal(*f);
        reg.parks_.push_back(std::move(park));
      }
    }
  }
  if (reg.plants_.empty()) throw UserError(where.displayName() + ": no plants (no layer of kind hazard_sources)");
  return reg;
}

const Plant& PlantRegister::plant(const std::string& id) const {
  for (const Plant& p : plants_)
    if (p.id == id) return p;
  std::string layers;
  for (const Plant& p : plants_)
    if (layers.find(p.layer) == std::string::npos) layers += (layers.empty() ? "" : ", ") + p.layer;
  throw UserError("plant '" + id + "' is not in the one library (plant_id of " + layers + ")");
}

const Park* PlantRegister::park(const std::string& id) const {
  for (const Park& p : parks_)
    if (p.id == id) return &p;
  return nullptr;
}

const Park* PlantRegister::parkContaining(const OGRGeometry& site) const {
  const OGRPoint centre = centreOf(site);
  for (const Park& p : parks_)
    if (p.boundary->Contains(&centre)) return &p;
  return nullptr;
}

}  // namespace riskmap::relocation
