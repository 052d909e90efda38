#include "RelocationScenario.hpp"
#include "RelocationQra.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/geometry/Geos.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/scenario/ScenarioLibrary.hpp"

namespace riskmap::relocation {
namespace {

OGRPoint toAnalysis(const Move& m, const PlantRegister& plants) {
  OGRSpatialReference geo = srsFromEpsg(4490), analysis(plants.crs());
  analysis.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = (*m.to.lonLat)[0], y = (*m.to.lonLat)[1];
  if (!makeTransformation(geo, analysis)->Transform(1, &x, &y))
    throw UserError("plant " + m.plant + ": --to " + m.to.text() + " cannot be transformed into the analysis CRS");
  return OGRPoint(x, y);
}

const Park& destinationPark(const Move& m, const PlantRegister& plants) {
  if (const Park* park = plants.park(m.to.park)) return *park;
  std::string known;
  for (const Park& p : plants.parks()) known += (known.empty() ? "" : ", ") + p.id;
  throw UserError("plant " + m.plant + ": --to " + m.to.park + " is not a park_id of the one library (parks: " +
                  (known.empty() ? "none" : known) + "); give a park_id or LON,LAT");
}

// The site a park offers a plant: of the points of a grid over the park,
// the one nearest the park's centre that lies outside the other plants'
// rings and keeps every protected target at its distance (the kind's
// minimum, and the plant's present external-safety distance, which a move
// to emptier land can only shrink). No such point: the park's centre, and
// the destination's flags say why.
OGRPoint siteInPark(const Park& park, const Plant& plant, const std::vector<OtherRing>& obstacles,
                    ExposureQueries& exposure, const RelocationRules& rules, std::string& siting) {
  OGRPoint centre = centreOf(*park.boundary);
  if (!park.boundary->Contains(&centre)) {
    const std::unique_ptr<OGRGeometry> inside(OGRGeometry::FromHandle(
        OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(park.boundary.get())))));
    if (inside && wkbFlatten(inside->getGeometryType()) == wkbPoint) centre = *inside->toPoint();
  }
  const Ring* own = plant.baseline.ring("external_safety");
  const double ownReach = rules.targetsInExternalSafety && own ? own->distanceM : 0;
  double reach = ownReach;
  for (const auto& [kind, d] : rules.minTargetDistanceM) reach = std::max(reach, d);
  const std::unique_ptr<OGRGeometry> around(park.boundary->Buffer(reach, 8));
  const std::vector<NearbyFeature> targets = exposure.targetListIn(*around);
  std::vector<const OtherRing*> rings;
  for (const OtherRing& o : obstacles)
    if (std::count(rules.otherPlantRings.begin(), rules.otherPlantRings.end(), o.ring) && o.geometry->Intersects(park.boundary.get()))
      rings.push_back(&o);
  // A site polygon reaches this far from its centre (its envelope's corners, a safe bound).
  OGREnvelope se;
  plant.site->getEnvelope(&se);
  const OGRPoint sc = centreOf(*plant.site);
  const double radius = std::hypot(std::max(se.MaxX - sc.getX(), sc.getX() - se.MinX),
                                  std::max(se.MaxY - sc.getY(), sc.getY() - se.MinY));
  OGREnvelope e;
  park.boundary->getEnvelope(&e);
  const double step = std::max(25.0, std::sqrt((e.MaxX - e.MinX) * (e.MaxY - e.MinY) / 4000));
  int tried = 0, kept = 0;
  double best = std::numeric_limits<double>::infinity();
  OGRPoint chosen = centre;
  for (double y = e.MinY + step / 2; y < e.MaxY; y += step)
    for (double x = e.MinX + step / 2; x < e.MaxX; x += step) {
      OGRPoint p(x, y);
      if (!park.boundary->Contains(&p)) continue;
      ++tried;
      const bool inRing = std::any_of(rings.begin(), rings.end(), [&](const OtherRing* o) {
        return o->geometry->Contains(&p) || (radius > 0 && o->geometry->Distance(&p) <= radius);
      });
      if (inRing) continue;
      const bool tooNear = std::any_of(targets.begin(), targets.end(), [&](const NearbyFeature& t) {
        const auto min = rules.minTargetDistanceM.find(t.kind);
        const double need = std::max(ownReach, min == rules.minTargetDistanceM.end() ? 0.0 : min->second);
        return p.Distance(t.geometry) - radius < need;
      });
      if (tooNear) continue;
      ++kept;
      const double d = p.Distance(&centre);
      if (d < best) best = d, chosen = p;
    }
  char buf[256];
  std::snprintf(buf, sizeof buf, "%d of %d points on a %.0f m grid over the park keep the rules; %s", kept, tried, step,
                kept ? "the one nearest the park's centre taken" : "none does: the park's centre taken");
  siting = buf;
  return chosen;
}

PlantFigures figuresAfter(const ReassessedSource& r) {
  PlantFigures p = plantFigures(r.grade.grade, r.grade.rule, r.grade.figures);
  for (const MeasuredFootprint& m : r.footprints) {
    Ring ring;
    ring.ring = m.footprint.ring;
    ring.distanceM = m.footprint.distanceM;
    ring.people = m.footprint.people;
    ring.households = m.footprint.households;
    ring.buildings = m.footprint.buildings;
    ring.targets = m.footprint.targets;
    ring.zoneGrade = m.zone.grade ? riskGradeName(*m.zone.grade) : "";
    ring.geometry = std::shared_ptr<const OGRGeometry>(m.footprint.geometry->clone());
    p.rings.push_back(std::move(ring));
  }
  return p;
}

// Targets inside any ring, each once, named by the innermost ring holding it.
std::vector<NearbyTarget> targetsInRings(const PlantFigures& f, const OGRGeometry& site, ExposureQueries& exposure) {
  std::vector<const Ring*> rings;
  for (const Ring& r : f.rings) rings.push_back(&r);
  std::sort(rings.begin(), rings.end(), [](const Ring* a, const Ring* b) { return a->distanceM < b->distanceM; });
  std::vector<NearbyTarget> out;
  for (const Ring* r : rings)
    for (const NearbyFeature& t : exposure.targetListIn(*r->geometry)) {
      const bool seen = std::any_of(out.begin(), out.end(),
                                    [&](const NearbyTarget& o) { return o.name == t.name && o.kind == t.kind; });
      if (!seen) out.push_back({t.name, t.kind, r->ring, site.Distance(t.geometry)});
    }
  std::sort(out.begin(), out.end(), [](const NearbyTarget& a, const NearbyTarget& b) { return a.distanceM < b.distanceM; });
  return out;
}

std::map<std::pair<std::string, std::string>, std::pair<double, double>> readZones(GDALDataset& ds, const std::string& table,
                                                                                  const char* areaField) {
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> out;
  OGRLayer* l = ds.GetLayerByName(table.c_str());
  if (!l) return out;
  for (auto& f : *l)
    out[{areaField ? f->GetFieldAsString(areaField) : "", f->GetFieldAsString("grade")}] = {
        f->GetFieldAsDouble("area_km2"), f->GetFieldAsDouble("people")};
  return out;
}

void writeMovesTable(GDALDataset& ds, const std::string& name, const std::vector<MovedPlant>& moves,
                     const OGRSpatialReference& srs) {
  dropTable(ds, name);
  OGRLayer* t = createTable(ds, name, &srs, wkbLineString, "the scenario's moves, from the old site to the new one",
                            {{"plant_id"}, {"name"}, {"destination"}, {"park_id"}, {"park"}, {"park_grade"},
                             {"distance_m", OFTReal}, {"grade_before"}, {"grade_after"}, {"r_before", OFTReal},
                             {"r_after", OFTReal}, {"people_500m_before", OFTReal}, {"people_500m_after", OFTReal},
                             {"flags", OFTString, OFSTJSON}, {"flag_count", OFTInteger}});
  for (const MovedPlant& m : moves) {
    OGRFeature f(t->GetLayerDefn());
    f.SetField("plant_id", m.plant->id.c_str());
    f.SetField("name", m.plant->name.c_str());
    f.SetField("destination", m.move.to.text().c_str());
    if (m.park) {
      f.SetField("park_id", m.park->id.c_str());
      f.SetField("park", m.park->name.c_str());
      f.SetField("park_grade", m.park->grade.c_str());
    }
    f.SetField("distance_m", m.distanceM);
    f.SetField("grade_before", m.plant->baseline.grade.c_str());
    f.SetField("grade_after", m.after.grade.c_str());
    f.SetField("r_before", m.plant->baseline.R);
    f.SetField("r_after", m.after.R);
    f.SetField("people_500m_before", m.plant->baseline.people500);
    f.SetField("people_500m_after", m.after.people500);
    nlohmann::json flags = nlohmann::json::array();
    for (const Flag& fl : m.flags) flags.push_back({{"rule", fl.rule}, {"text", fl.text}});
    f.SetField("flags", flags.dump().c_str());
    f.SetField("flag_count", static_cast<int>(m.flags.size()));
    OGRLineString line;
    const OGRPoint a = centreOf(*m.plant->site), b = centreOf(*m.newSite);
    line.addPoint(&a);
    line.addPoint(&b);
    f.SetGeometry(&line);
    if (t->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + name);
  }
}

}  // namespace

ScenarioResult runScenario(const Project& project, const LayerRegistry& kinds, const std::filesystem::path& rulesDir,
                           const ScenarioSpec& spec, const PlantRegister& plants, ExposureQueries& exposure,
                           const RelocationRules& rules) {
  if (project.studyArea.empty())
    throw UserError(project.file.string() + ": no study_area: a scenario redoes the four-colour map of the study area");
  const LayerKind& plantKind = kinds.get(kPlantKind);
  const Rules kind = kindRules(project, rulesDir, plantKind);
  const Rules regional = regionalRules(project, rulesDir);

  ScenarioResult result;
  result.spec = spec;
  result.library = project.library.displayName();
  std::vector<ReassessedSource> replaced;
  // The rings a destination must avoid: the plants staying put, then each moved plant once placed.
  std::vector<OtherRing> placed;
  for (const Plant& p : plants.plants()) {
    const bool moves = std::any_of(spec.moves.begin(), spec.moves.end(), [&](const Move& m) { return m.plant == p.id; });
    if (!moves)
      for (const Ring& r : p.baseline.rings) placed.push_back({&p, r.ring, r.geometry});
  }
  for (const Move& move : spec.moves) {
    const Plant& plant = plants.plant(move.plant);
    MovedPlant m;
    const OGRPoint to = move.to.lonLat ? toAnalysis(move, plants)
                                       : siteInPark(destinationPark(move, plants), plant, placed, exposure, rules, m.siting);
    const OGRPoint from = centreOf(*plant.site);
    m.plant = &plant;
    m.move = move;
    m.distanceM = from.Distance(&to);
    // The plant moves whole: its site keeps its shape, its new centre at the destination.
    replaced.push_back(reassessAt(plantKind, plant.feature,
                                  translated(*plant.site, to.getX() - from.getX(), to.getY() - from.getY()), exposure,
                                  kind, regional, completenessRules(project)));
    m.newSite = std::shared_ptr<const OGRGeometry>(replaced.back().geometry->clone());
    m.park = plants.parkContaining(*m.newSite);
    m.after = figuresAfter(replaced.back());
    m.targetsBefore = targetsInRings(plant.baseline, *plant.site, exposure);
    m.targetsAfter = targetsInRings(m.after, *m.newSite, exposure);
    for (const Ring& r : m.after.rings) placed.push_back({&plant, r.ring, r.geometry});
    result.moves.push_back(std::move(m));
  }
  // Every other plant's rings as the scenario has them: moved plants at their new sites.
  std::vector<OtherRing> rings;
  for (const Plant& p : plants.plants()) {
    const auto moved = std::find_if(result.moves.begin(), result.moves.end(), [&](const MovedPlant& m) { return m.plant == &p; });
    for (const Ring& r : (moved == result.moves.end() ? p.baseline : moved->after).rings) rings.push_back({&p, r.ring, r.geometry});
  }
  for (MovedPlant& m : result.moves) {
    std::vector<OtherRing> others;
    std::copy_if(rings.begin(), rings.end(), std::back_inserter(others), [&](const OtherRing& o) { return o.plant != m.plant; });
    m.flags = checkDestination(m, others, exposure, rules);
    for (Flag& f : qraTargetFlags(m.after)) m.flags.push_back(std::move(f));
  }
  // A new site where the exposure data run out is graded on what they cover; say so with the flags.
  for (std::size_t i = 0; i < result.moves.size(); ++i)
    if (const std::string& gap = replaced[i].grade.incomplete; !gap.empty())
      result.moves[i].flags.push_back({"incomplete_data", "graded on incomplete exposure data at the new site: " + gap,
                                       "新址暴露数据不完整，等级依据不完整数据：" + gap});

  ScenarioLibrary scenario(project.library, spec.name);
  scenario.writeSources(replaced);
  // The moved plants' own rows at their new sites (risk contours, target checks, F-N).
  for (const std::string& t : scenario.writeParts(replaced)) result.tables.push_back(t);
  const RegionalOptions options{project.studyArea, project.townships, {}, rulesDir.parent_path() / "styles/palette.toml", true};
  scenario.writeRegional(exposure, regional, options);
  writeMovesTable(scenario.dataset(), scenario.table("moves"), result.moves, plants.crs());
  for (const char* t : {"source_grades", "footprints", "risk_zones", "township_summary", "moves"})
    for (OGRLayer* part : library::tableParts(scenario.dataset(), scenario.table(t))) result.tables.push_back(part->GetName());

  // Before and after, from the tables as written.
  const auto zonesBefore = readZones(scenario.dataset(), "risk_zones", nullptr);
  const auto zonesAfter = readZones(scenario.dataset(), scenario.table("risk_zones"), nullptr);
  const auto townsBefore = readZones(scenario.dataset(), "township_summary", "township");
  const auto townsAfter = readZones(scenario.dataset(), scenario.table("township_summary"), "township");
  scenario.commit();
  auto change = [](const std::string& area, RiskGrade g, const auto& before, const auto& after) {
    const std::pair<std::string, std::string> key{area, riskGradeName(g)};
    const auto b = before.count(key) ? before.at(key) : std::pair<double, double>{0, 0};
    const auto a = after.count(key) ? after.at(key) : std::pair<double, double>{0, 0};
    return AreaChange{area, g, b.first, a.first, b.second, a.second};
  };
  const RiskGrade order[] = {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low};
  for (RiskGrade g : order) result.grades.push_back(change("", g, zonesBefore, zonesAfter));
  std::vector<std::string> towns;
  for (const auto& [key, v] : townsBefore)
    if (std::find(towns.begin(), towns.end(), key.first) == towns.end()) towns.push_back(key.first);
  for (const std::string& t : towns)
    for (RiskGrade g : order) result.townships.push_back(change(t, g, townsBefore, townsAfter));
  return result;
}

}  // namespace riskmap::relocation
