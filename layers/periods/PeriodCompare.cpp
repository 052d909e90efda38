#include "PeriodCompare.hpp"

#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "PeriodStore.hpp"
#include "relocation/Numbers.hpp"  // fixed decimals, as the relocation review prints them
#include "hidden_dangers/DangerState.hpp"
#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap::periods {
namespace {

struct Area {
  std::string name;
  std::unique_ptr<OGRGeometry> geometry;
};

// A period's rows of a table: (key field value, geometry).
std::vector<Area> read(GDALDataset& store, const char* table, const std::string& period, const char* key,
                       const std::string& extraFilter = "") {
  std::vector<Area> out;
  OGRLayer* l = store.GetLayerByName(table);
  if (!l) return out;
  l->SetAttributeFilter(("period = " + quoted(period) + extraFilter).c_str());
  l->ResetReading();
  for (auto& f : *l)
    if (const OGRGeometry* g = f->GetGeometryRef())
      out.push_back({f->GetFieldAsString(key), std::unique_ptr<OGRGeometry>(g->clone())});
  l->SetAttributeFilter(nullptr);
  return out;
}

constexpr double kSamePlaceM = 1.0;    // closer: the same site (coordinates rounded)
constexpr double kRenumberedM = 50.0;  // a source of the same layer this close under another id is the same one

// The polygons of an overlay's result (a collection may hold the lines and points where zones touch).
std::unique_ptr<OGRGeometry> polygonsOf(std::unique_ptr<OGRGeometry> g) {
  if (!g || g->IsEmpty()) return nullptr;
  const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
  if (t == wkbPolygon || t == wkbMultiPolygon) return g;
  if (t != wkbGeometryCollection) return nullptr;
  auto out = std::make_unique<OGRMultiPolygon>();
  for (const OGRGeometry* part : *g->toGeometryCollection()) {
    const OGRwkbGeometryType pt = wkbFlatten(part->getGeometryType());
    if (pt == wkbPolygon) out->addGeometry(part);
    if (pt == wkbMultiPolygon)
      for (const OGRPolygon* p : *part->toMultiPolygon()) out->addGeometry(p);
  }
  if (out->IsEmpty()) return nullptr;
  return out;
}

int severity(const std::string& grade) {
  const auto g = parseRiskGrade(grade);
  return g ? static_cast<int>(*g) : 0;
}

struct SourceRow {
  std::string kind, name, grade, township;
  double x = 0, y = 0;
};

std::map<std::pair<std::string, std::string>, SourceRow> sources(GDALDataset& store, const std::string& period) {
  std::map<std::pair<std::string, std::string>, SourceRow> out;
  OGRLayer* l = store.GetLayerByName(kSources);
  if (!l) return out;
  l->SetAttributeFilter(("period = " + quoted(period)).c_str());
  l->ResetReading();
  for (auto& f : *l) {
    SourceRow r{f->GetFieldAsString("kind"), f->GetFieldAsString("name"), f->GetFieldAsString("grade"),
                f->GetFieldAsString("township")};
    if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint)
      r.x = g->toPoint()->getX(), r.y = g->toPoint()->getY();
    out[{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")}] = r;
  }
  l->SetAttributeFilter(nullptr);
  return out;
}

}  // namespace

Comparison comparePeriods(GDALDataset& store, const PeriodId& from, const PeriodId& to, const std::string& level,
                          double minAreaM2) {
  if (level != "township" && level != "county") throw UserError("--by '" + level + "': compare by township or county");
  Comparison c{from, to, level, {}, {}, {}};
  // Both periods must be stored (unitFacts says which are when one is not).
  const std::vector<UnitFacts> unitsTo = unitFacts(store, to.id, level);
  unitFacts(store, from.id, level);

  // Zones: every pair of a grade before and a different grade after.
  const std::vector<Area> before = read(store, kZones, from.id, "grade"), after = read(store, kZones, to.id, "grade");
  const std::vector<Area> towns = read(store, kUnits, to.id, "unit", " AND level = 'township'");
  for (const Area& a : before)
    for (const Area& b : after) {
      if (a.name == b.name) continue;
      std::unique_ptr<OGRGeometry> piece = polygonsOf(std::unique_ptr<OGRGeometry>(a.geometry->Intersection(b.geometry.get())));
      if (!piece) continue;
      auto add = [&](std::unique_ptr<OGRGeometry> g, const std::string& township) {
        g = polygonsOf(std::move(g));
        if (!g) return;
        const double m2 = OGR_G_Area(OGRGeometry::ToHandle(g.get()));
        if (m2 < minAreaM2) return;
        c.zones.push_back({a.name, b.name, severity(b.name) > severity(a.name), township, m2 / 1e6,
                           std::shared_ptr<OGRGeometry>(OGRGeometryFactory::forceToMultiPolygon(g.release()))});
      };
      if (towns.empty()) {
        add(std::move(piece), "");
        continue;
      }
      std::unique_ptr<OGRGeometry> rest(piece->clone());
      for (const Area& t : towns) {
        std::unique_ptr<OGRGeometry> in(piece->Intersection(t.geometry.get()));
        if (in && !in->IsEmpty()) add(std::move(in), t.name);
        rest = polygonsOf(std::unique_ptr<OGRGeometry>(rest->Difference(t.geometry.get())));
        if (!rest) break;
      }
      if (rest && !rest->IsEmpty()) add(std::move(rest), "");
    }

  // Sources: the same id at the same place; else (ids a kind renumbers, as black spots
  // are) the same layer within kRenumberedM; else the same id elsewhere (moved); the rest
  // added or removed.
  auto s1 = sources(store, from.id), s2 = sources(store, to.id);
  auto compareGrades = [&c](const std::pair<std::string, std::string>& key, const SourceRow& old, const SourceRow& now,
                            const std::string& change, double moved) {
    std::string what = change;
    if (now.grade != old.grade) what += (what.empty() ? "" : ", ") + std::string("regraded");
    if (!what.empty())
      c.sources.push_back({what, key.first, now.kind, key.second, now.name, old.grade, now.grade, now.township, moved});
  };
  auto distance = [](const SourceRow& a, const SourceRow& b) { return std::hypot(a.x - b.x, a.y - b.y); };
  for (auto it = s2.begin(); it != s2.end();) {
    const auto old = s1.find(it->first);
    if (old != s1.end() && distance(old->second, it->second) <= kSamePlaceM) {
      compareGrades(it->first, old->second, it->second, "", 0);
      s1.erase(old);
      it = s2.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = s2.begin(); it != s2.end();) {
    auto best = s1.end();
    for (auto o = s1.begin(); o != s1.end(); ++o)
      if (o->first.first == it->first.first && distance(o->second, it->second) <= kRenumberedM &&
          (best == s1.end() || distance(o->second, it->second) < distance(best->second, it->second)))
        best = o;
    if (best != s1.end()) {
      compareGrades(it->first, best->second, it->second, "", 0);
      s1.erase(best);
      it = s2.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& [key, r] : s2) {
    const auto old = s1.find(key);
    if (old == s1.end()) {
      c.sources.push_back({"added", key.first, r.kind, key.second, r.name, "", r.grade, r.township});
      continue;
    }
    compareGrades(key, old->second, r, "moved", distance(old->second, r));
    s1.erase(old);
  }
  for (const auto& [key, r] : s1) c.sources.push_back({"removed", key.first, r.kind, key.second, r.name, r.grade, "", r.township});

  // Dangers per unit: opened and closed between the two periods' ends, overdue at each end.
  std::map<std::string, DangerChange> by;
  for (const UnitFacts& u : unitsTo) by[u.unit].unit = u.unit;
  for (const DangerFacts& d : dangerFacts(store, to.id, level)) {
    DangerChange& x = by[d.unit];
    x.unit = d.unit;
    x.opened += d.dates.found > from.end && d.dates.found <= to.end;
    x.closed += !d.dates.rectified.empty() && d.dates.rectified > from.end && d.dates.rectified <= to.end;
    x.overdueAfter += dangers::overdueAt(d.dates, to.end);
    x.openAfter += dangers::isOpen(dangers::stageAt(d.dates, to.end));
  }
  for (const DangerFacts& d : dangerFacts(store, from.id, level)) {
    DangerChange& x = by[d.unit];
    x.unit = d.unit;
    x.overdueBefore += dangers::overdueAt(d.dates, from.end);
  }
  for (auto& [u, x] : by) c.dangers.push_back(x);
  c.shapes = unitShapes(store, to.id, "township");
  if (c.shapes.empty()) c.shapes = unitShapes(store, to.id, "county");
  return c;
}

void writeGradeChanges(GDALDataset& store, const Comparison& c) {
  GdalErrorCapture errors;
  if (store.StartTransaction() != OGRERR_NONE)
    throw UserError(std::string(store.GetDescription()) + ": cannot start writing: " + errors.lastError());
  OGRLayer* l = store.GetLayerByName("grade_changes");
  if (!l) {
    const OGRSpatialReference* srs = store.GetLayerByName(kZones) ? store.GetLayerByName(kZones)->GetSpatialRef() : nullptr;
    OGRSpatialReference analysis;
    if (srs) analysis = *srs;
    l = createTable(store, "grade_changes", srs ? &analysis : nullptr, wkbMultiPolygon,
                    "four-colour grade changes between two periods (riskmap compare)",
                    {{"from_period"}, {"to_period"}, {"from_grade"}, {"to_grade"}, {"change"}, {"township"},
                     {"area_km2", OFTReal}});
  } else {
    store.ExecuteSQL(("DELETE FROM grade_changes WHERE from_period = " + quoted(c.from.id) +
                      " AND to_period = " + quoted(c.to.id)).c_str(), nullptr, nullptr);
  }
  for (const ZoneChange& z : c.zones) {
    OGRFeature f(l->GetLayerDefn());
    f.SetField("from_period", c.from.id.c_str());
    f.SetField("to_period", c.to.id.c_str());
    f.SetField("from_grade", z.from.c_str());
    f.SetField("to_grade", z.to.c_str());
    f.SetField("change", z.up ? "up" : "down");
    f.SetField("township", z.township.c_str());
    f.SetField("area_km2", z.areaKm2);
    f.SetGeometry(z.geometry.get());
    if (l->CreateFeature(&f) != OGRERR_NONE) throw UserError("cannot write grade_changes: " + errors.lastError());
  }
  if (store.CommitTransaction() != OGRERR_NONE)
    throw UserError(std::string(store.GetDescription()) + ": cannot write grade_changes: " + errors.lastError());
}

std::string zoneChangesCsv(const Comparison& c) {
  std::string csv = csvLine({"from_period", "to_period", "township", "from_grade", "to_grade", "change", "area_km2"});
  for (const ZoneChange& z : c.zones)
    csv += csvLine({c.from.id, c.to.id, z.township, z.from, z.to, z.up ? "up" : "down", relocation::fixed(z.areaKm2, 6)});
  return csv;
}

std::string sourceChangesCsv(const Comparison& c) {
  std::string csv = csvLine({"from_period", "to_period", "change", "layer", "kind", "source_id", "name", "from_grade",
                             "to_grade", "township", "moved_m"});
  for (const SourceChange& s : c.sources)
    csv += csvLine({c.from.id, c.to.id, s.change, s.layer, s.kind, s.id, s.name, s.fromGrade, s.toGrade, s.township,
                    relocation::fixed(s.movedM, 1)});
  return csv;
}

std::string dangerChangesCsv(const Comparison& c) {
  std::string csv = csvLine({"from_period", "to_period", c.level, "opened", "closed", "overdue_before",
                             "overdue_after", "open_after"});
  for (const DangerChange& d : c.dangers)
    csv += csvLine({c.from.id, c.to.id, d.unit, std::to_string(d.opened), std::to_string(d.closed),
                    std::to_string(d.overdueBefore), std::to_string(d.overdueAfter), std::to_string(d.openAfter)});
  return csv;
}

}  // namespace riskmap::periods
