#include "PeriodStore.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>

#include "hidden_dangers/DangerRegister.hpp"
#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/WriterLock.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/library/Library.hpp"

namespace riskmap::periods {
namespace fs = std::filesystem;
namespace {

struct Unit {
  std::string level, name;
  std::unique_ptr<OGRGeometry> geometry;
  OGREnvelope box;
};

std::vector<Unit> readUnits(GDALDataset& lib, const std::string& table, const std::string& level) {
  std::vector<Unit> out;
  OGRLayer* l = table.empty() ? nullptr : lib.GetLayerByName(table.c_str());
  if (!l) return out;
  l->ResetReading();
  for (auto& f : *l) {
    if (!f->GetGeometryRef()) continue;
    Unit u{level, f->GetFieldIndex("name") >= 0 ? f->GetFieldAsString("name") : std::to_string(f->GetFID()),
           std::unique_ptr<OGRGeometry>(f->GetGeometryRef()->clone()), {}};
    u.geometry->getEnvelope(&u.box);
    out.push_back(std::move(u));
  }
  return out;
}

// The unit a point lies in ("" outside every one).
std::string unitAt(const std::vector<Unit>& units, const OGRPoint& p) {
  for (const Unit& u : units)
    if (p.getX() >= u.box.MinX && p.getX() <= u.box.MaxX && p.getY() >= u.box.MinY && p.getY() <= u.box.MaxY &&
        u.geometry->Intersects(&p))
      return u.name;
  return {};
}

OGRLayer* table(GDALDataset& store, const char* name, OGRwkbGeometryType type, const OGRSpatialReference* srs,
                const std::vector<Column>& columns) {
  if (OGRLayer* l = store.GetLayerByName(name)) return l;
  std::vector<Column> all{{"period"}};
  all.insert(all.end(), columns.begin(), columns.end());
  OGRLayer* l = createTable(store, name, srs, type, std::string("riskmap period snapshots: ") + name, all);
  // rank and compare read one or two periods out of many
  store.ExecuteSQL(("CREATE INDEX \"" + std::string(name) + "_period\" ON \"" + name + "\" (period)").c_str(), nullptr,
                   nullptr);
  return l;
}

void removePeriod(GDALDataset& store, const char* name, const std::string& period) {
  if (!store.GetLayerByName(name)) return;
  store.ExecuteSQL(("DELETE FROM \"" + std::string(name) + "\" WHERE period = " + quoted(period)).c_str(), nullptr,
                   nullptr);
}

void write(OGRLayer& l, OGRFeature& f) {
  if (l.CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write ") + l.GetName());
}

// A point standing for a feature: itself, or a point on its surface.
std::unique_ptr<OGRGeometry> pointOf(const OGRGeometry& g) {
  if (wkbFlatten(g.getGeometryType()) == wkbPoint) return std::unique_ptr<OGRGeometry>(g.clone());
  return std::unique_ptr<OGRGeometry>(
      OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g)))));
}

double area(const OGRGeometry& g) { return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g))); }

}  // namespace

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

fs::path periodStorePath(const Project& project) {
  return project.library.sidePath().parent_path() / (project.library.sidePath().stem().string() + "_periods.gpkg");
}

GDALDatasetUniquePtr openStore(const fs::path& store, bool update) {
  ensureGdalRegistered();
  if (!update && !fs::exists(store))
    throw UserError(store.string() + ": no period snapshots; take one with `riskmap assess PROJECT --period P`");
  if (update && !fs::exists(store)) {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(gpkg->Create(store.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw UserError(store.string() + ": cannot create: " + CPLGetLastErrorMsg());
    return ds;
  }
  return openDataset(store.string(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : 0));
}

SnapshotReport takeSnapshot(const Project& project, const LayerRegistry& kinds, const PeriodId& period) {
  ensureGdalRegistered();
  if (!project.library.exists())
    throw UserError(project.library.displayName() + ": no one library here; run `riskmap import` first");
  SnapshotReport report;
  report.store = periodStorePath(project);
  GDALDatasetUniquePtr lib = project.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  std::vector<Unit> units = readUnits(*lib, project.townships, "township");
  std::vector<Unit> counties = readUnits(*lib, project.studyArea, "county");
  if (units.empty()) report.notes.push_back("no townships table in the project: dangers are not attributed to townships");
  const OGRSpatialReference* srs = nullptr;
  for (const auto& [t, k] : library::layerKinds(*lib))
    if (OGRLayer* l = lib->GetLayerByName(t.c_str()); l && l->GetSpatialRef() && !srs) srs = l->GetSpatialRef();
  OGRSpatialReference analysis;
  if (srs) analysis = *srs;
  auto place = [&](const OGRGeometry* g, const char* field, OGRFeature& out) {
    if (!g) return;
    const std::unique_ptr<OGRGeometry> p = pointOf(*g);
    if (!p || p->IsEmpty()) return;
    out.SetField(field, unitAt(units, *p->toPoint()).c_str());
    out.SetField("county", unitAt(counties, *p->toPoint()).c_str());
  };

  const WriterLock lock(report.store, "period snapshot");
  GDALDatasetUniquePtr store = openStore(report.store, true);
  GdalErrorCapture errors;
  if (store->StartTransaction() != OGRERR_NONE)
    throw UserError(report.store.string() + ": cannot start writing: " + errors.lastError());
  for (const char* t : {kPeriods, kSources, kZones, kDangers, kUnits}) removePeriod(*store, t, period.id);

  OGRLayer* periods = table(*store, kPeriods, wkbNone, nullptr, {{"start_date"}, {"end_date"}, {"taken_at"}, {"project"}});
  {
    OGRFeature f(periods->GetLayerDefn());
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    for (const auto& [k, v] : std::map<std::string, std::string>{
             {"period", period.id}, {"start_date", period.start}, {"end_date", period.end}, {"taken_at", stamp},
             {"project", project.name}})
      f.SetField(k.c_str(), v.c_str());
    write(*periods, f);
  }

  // Sources: their grades when assessed, else the imported sources ungraded.
  OGRLayer* sources = table(*store, kSources, wkbPoint, &analysis,
                            {{"layer"}, {"kind"}, {"source_id"}, {"name"}, {"grade"}, {"township"}, {"county"}});
  std::map<std::string, long long> blackSpots;  // unit -> black spots (sources of the accidents kind)
  auto addSource = [&](const std::string& layer, const std::string& kind, const std::string& id,
                       const std::string& name, const std::string& grade, const OGRGeometry* g) {
    OGRFeature f(sources->GetLayerDefn());
    for (const auto& [k, v] : std::map<std::string, std::string>{
             {"period", period.id}, {"layer", layer}, {"kind", kind}, {"source_id", id}, {"name", name}, {"grade", grade}})
      f.SetField(k.c_str(), v.c_str());
    place(g, "township", f);
    if (g) f.SetGeometryDirectly(pointOf(*g).release());
    write(*sources, f);
    ++report.sources;
    if (kind == "accidents") {
      ++blackSpots["township:" + std::string(f.GetFieldAsString("township"))];
      ++blackSpots["county:" + std::string(f.GetFieldAsString("county"))];
    }
  };
  // source_grades and the kinds' tables may be split by geometry type: read as one.
  if (const library::Table grades = library::openTable(*lib, kGradesTable)) {
    grades->ResetReading();
    for (auto& g : *grades)
      addSource(g->GetFieldAsString("layer"), g->GetFieldAsString("kind"), g->GetFieldAsString("source_id"),
                g->GetFieldAsString("name"), g->GetFieldAsString("grade"), g->GetGeometryRef());
  } else {
    report.notes.push_back("not assessed yet: sources kept without grades, no zones");
    for (const auto& [t, k] : library::layerKinds(*lib)) {
      const LayerKind* kind = kinds.find(k);
      const library::Table l = library::openTable(*lib, t);
      if (!kind || !kind->isAssessed() || kind->assessesWholeLayer() || !l) continue;
      for (auto& f : *l) {
        const std::string id = kind->idField().empty() ? std::to_string(f->GetFID()) : f->GetFieldAsString(kind->idField().c_str());
        addSource(t, k, id, f->GetFieldIndex("name") >= 0 ? f->GetFieldAsString("name") : "", "", f->GetGeometryRef());
      }
    }
  }

  // Zones, and the red (major) area of each unit.
  OGRLayer* zones = table(*store, kZones, wkbMultiPolygon, &analysis, {{"grade"}, {"area_km2", OFTReal}});
  std::map<std::string, double> redKm2;
  if (OGRLayer* rz = lib->GetLayerByName("risk_zones")) {
    rz->ResetReading();
    for (auto& z : *rz) {
      const OGRGeometry* g = z->GetGeometryRef();
      if (!g) continue;
      OGRFeature f(zones->GetLayerDefn());
      f.SetField("period", period.id.c_str());
      f.SetField("grade", z->GetFieldAsString("grade"));
      f.SetField("area_km2", area(*g) / 1e6);
      f.SetGeometry(g);
      write(*zones, f);
      ++report.zones;
      if (std::string(z->GetFieldAsString("grade")) != "major") continue;
      for (const auto* list : {&units, &counties})
        for (const Unit& u : *list) {
          std::unique_ptr<OGRGeometry> in(u.geometry->Intersection(g));
          if (in) redKm2[u.level + ":" + u.name] += area(*in) / 1e6;
        }
    }
  } else if (library::openTable(*lib, kGradesTable)) {
    report.notes.push_back("no risk_zones (no study_area in the project): red areas are 0");
  }

  // Hidden dangers, as the register stood.
  OGRLayer* dangers = table(*store, kDangers, wkbPoint, &analysis,
                            {{"layer"}, {"danger_id"}, {"plant_id"}, {"level"}, {"category"}, {"listed", OFTInteger},
                             {"listed_level"}, {"status"}, {"found_date"}, {"deadline"}, {"rectify_start"},
                             {"rectified_date"}, {"accepted_date"}, {"township"}, {"county"}});
  for (const auto& [t, k] : library::layerKinds(*lib)) {
    if (k != "hidden_dangers") continue;
    for (const dangers::Danger& d : dangers::readDangers(*lib, t)) {
      OGRFeature f(dangers->GetLayerDefn());
      for (const auto& [key, v] : std::map<std::string, std::string>{
               {"period", period.id}, {"layer", t}, {"danger_id", d.id}, {"plant_id", d.plantId}, {"level", d.level},
               {"category", d.category}, {"listed_level", d.listedLevel}, {"status", d.dates.status},
               {"found_date", d.dates.found}, {"deadline", d.dates.deadline}, {"rectify_start", d.dates.rectifyStart},
               {"rectified_date", d.dates.rectified}, {"accepted_date", d.dates.accepted}})
        f.SetField(key.c_str(), v.c_str());
      f.SetField("listed", d.listed ? 1 : 0);
      OGRPoint p(d.x, d.y);
      place(&p, "township", f);
      f.SetGeometry(&p);
      write(*dangers, f);
      ++report.dangers;
    }
  }

  // Units: people (from the population layer), red area, black spots.
  OGRLayer* unitTable = table(*store, kUnits, wkbMultiPolygon, &analysis,
                              {{"level"}, {"unit"}, {"people", OFTReal}, {"red_km2", OFTReal}, {"black_spots", OFTInteger64}});
  std::unique_ptr<LibraryExposure> exposure;
  try {
    exposure = std::make_unique<LibraryExposure>(project.library, kinds, exposureSettings(project));
    if (!exposure->hasPopulation()) exposure.reset();
  } catch (const UserError&) {
  }
  if (!exposure) report.notes.push_back("no population layer: units' people are 0");
  for (const auto* list : {&units, &counties})
    for (const Unit& u : *list) {
      OGRFeature f(unitTable->GetLayerDefn());
      f.SetField("period", period.id.c_str());
      f.SetField("level", u.level.c_str());
      f.SetField("unit", u.name.c_str());
      f.SetField("people", exposure ? exposure->peopleIn(*u.geometry) : 0.0);
      const std::string key = u.level + ":" + u.name;
      f.SetField("red_km2", redKm2.count(key) ? redKm2.at(key) : 0.0);
      f.SetField("black_spots", static_cast<GIntBig>(blackSpots.count(key) ? blackSpots.at(key) : 0));
      f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(u.geometry->clone()));
      write(*unitTable, f);
      ++report.units;
    }
  if (store->CommitTransaction() != OGRERR_NONE)
    throw UserError(report.store.string() + ": cannot write period " + period.id + ": " + errors.lastError());
  return report;
}

std::vector<std::string> storedPeriods(GDALDataset& store) {
  OGRLayer* l = store.GetLayerByName(kPeriods);
  if (!l) throw UserError(std::string(store.GetDescription()) + ": no period snapshots in it");
  std::vector<std::string> out;
  l->ResetReading();
  for (auto& f : *l) out.push_back(f->GetFieldAsString("period"));
  std::sort(out.begin(), out.end());
  return out;
}

std::string previousPeriod(GDALDataset& store, const PeriodId& period) {
  std::string best;
  for (const std::string& p : storedPeriods(store))
    if (p < period.id && parsePeriod(p).weekly == period.weekly) best = p;
  return best;
}

namespace {
void requirePeriod(GDALDataset& store, const std::string& period) {
  const auto all = storedPeriods(store);
  if (std::find(all.begin(), all.end(), period) == all.end()) {
    std::string list;
    for (const auto& p : all) list += (list.empty() ? "" : ", ") + p;
    throw UserError(std::string(store.GetDescription()) + ": no period '" + period + "' (stored: " + list + ")");
  }
}
}  // namespace

std::vector<UnitFacts> unitFacts(GDALDataset& store, const std::string& period, const std::string& level) {
  requirePeriod(store, period);
  OGRLayer* l = store.GetLayerByName(kUnits);
  std::vector<UnitFacts> out;
  if (!l) return out;
  l->SetAttributeFilter(("period = " + quoted(period) + " AND level = " + quoted(level)).c_str());
  l->ResetReading();
  for (auto& f : *l)
    out.push_back({f->GetFieldAsString("unit"), f->GetFieldAsDouble("people"), f->GetFieldAsDouble("red_km2"),
                   f->GetFieldAsInteger64("black_spots")});
  l->SetAttributeFilter(nullptr);
  return out;
}

std::map<std::string, std::shared_ptr<OGRGeometry>> unitShapes(GDALDataset& store, const std::string& period,
                                                               const std::string& level) {
  std::map<std::string, std::shared_ptr<OGRGeometry>> out;
  OGRLayer* l = store.GetLayerByName(kUnits);
  if (!l) return out;
  l->SetAttributeFilter(("period = " + quoted(period) + " AND level = " + quoted(level)).c_str());
  l->ResetReading();
  for (auto& f : *l)
    if (const OGRGeometry* g = f->GetGeometryRef(); g && !g->IsEmpty())
      out[f->GetFieldAsString("unit")] = std::shared_ptr<OGRGeometry>(g->clone());
  l->SetAttributeFilter(nullptr);
  return out;
}

std::vector<DangerFacts> dangerFacts(GDALDataset& store, const std::string& period, const std::string& level) {
  requirePeriod(store, period);
  OGRLayer* l = store.GetLayerByName(kDangers);
  std::vector<DangerFacts> out;
  if (!l) return out;
  l->SetAttributeFilter(("period = " + quoted(period)).c_str());
  l->ResetReading();
  for (auto& f : *l) {
    DangerFacts d;
    d.unit = f->GetFieldAsString(level == "county" ? "county" : "township");
    d.major = std::string(f->GetFieldAsString("level")) == dangers::kMajor;
    d.listed = f->GetFieldAsInteger("listed") == 1;
    d.dates = {f->GetFieldAsString("found_date"), f->GetFieldAsString("deadline"), f->GetFieldAsString("rectify_start"),
               f->GetFieldAsString("rectified_date"), f->GetFieldAsString("accepted_date"), f->GetFieldAsString("status")};
    out.push_back(std::move(d));
  }
  l->SetAttributeFilter(nullptr);
  return out;
}

}  // namespace riskmap::periods
