#include "riskmap/assess/AssessTables.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

#include "riskmap/import/ValueParser.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

SourceFeature sourceFeature(OGRFeature& f, const std::string& layer, const LayerKind& kind) {
  SourceFeature sf;
  sf.layer = layer;
  sf.fid = f.GetFID();
  for (const FieldSpec& spec : kind.fields()) {
    const int i = f.GetFieldIndex(spec.name.c_str());
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) continue;
    switch (spec.type) {
      case FieldType::Integer: sf.attributes.set(spec.name, static_cast<long long>(f.GetFieldAsInteger64(i))); break;
      case FieldType::Real: sf.attributes.set(spec.name, f.GetFieldAsDouble(i)); break;
      default: sf.attributes.set(spec.name, std::string(f.GetFieldAsString(i))); break;
    }
  }
  sf.id = kind.idField().empty() ? std::to_string(sf.fid) : valueToString(sf.attributes.get(kind.idField()));
  sf.name = sf.attributes.text("name").value_or("");
  sf.geometry = f.GetGeometryRef();
  return sf;
}

void dropTable(GDALDataset& ds, const std::string& name) { library::dropTableAndParts(ds, name); }

OGRLayer* createTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                      const std::string& description, const std::vector<Column>& columns) {
  CPLStringList opts;
  opts.AddString("FID=fid");
  opts.AddString("GEOMETRY_NAME=geom");
  if (!description.empty()) opts.AddString(("DESCRIPTION=" + description).c_str());
  OGRLayer* l = ds.CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type, opts.List());
  if (!l) throw std::runtime_error("cannot create table " + name);
  for (const Column& c : columns) {
    OGRFieldDefn f(c.name, c.type);
    f.SetSubType(c.subType);
    l->CreateField(&f);
  }
  return l;
}

OGRLayer* createGradesTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs) {
  return createTable(ds, name, srs, wkbUnknown, "each source's grade by its standard, with the figures behind it",
                     {{"layer"}, {"kind"}, {"source_id"}, {"name"}, {"grade"}, {"standard"}, {"rule"},
                      {"source_fid", OFTInteger64}, {"population_coverage", OFTReal}, {"incomplete"},
                      {"grade_zh"}, {"standard_zh"}, {"rule_zh"}, {"incomplete_zh"},
                      {"figures", OFTString, OFSTJSON}});
}

OGRLayer* createFootprintsTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs) {
  return createTable(ds, name, srs, wkbMultiPolygon, "zones around each source, with the people and protected targets inside",
                     {{"layer"}, {"kind"}, {"source_id"}, {"name"}, {"ring"}, {"grade"}, {"source_fid", OFTInteger64},
                      {"distance_m", OFTReal}, {"people", OFTReal}, {"people_coverage", OFTReal},
                      {"targets", OFTString, OFSTJSON},
                      {"buildings", OFTInteger64}, {"households", OFTInteger64}, {"area_km2", OFTReal},
                      {"density_per_km2", OFTReal}, {"base_zone_grade"}, {"uplifted", OFTInteger},
                      {"zone_grade"}, {"sensitive_targets", OFTString, OFSTJSON}, {"distance_source"},
                      {"raised_by"}, {"ring_zh"}, {"raised_by_zh"}});
}

MeasuredFootprint measureFootprint(Footprint fp, const std::string& sourceGrade, ExposureQueries& exposure,
                                   const Rules& kindRules, const Rules& regional) {
  MeasuredFootprint m;
  const PeopleCount people = exposure.countPeople(*fp.geometry);
  fp.people = people.people;
  fp.peopleCoverage = people.coverage;
  m.targets = exposure.targetListIn(*fp.geometry);
  for (const NearbyFeature& t : m.targets) ++fp.targets[t.kind];
  for (const NearbyFeature& b : exposure.buildingsIn(*fp.geometry)) {
    ++fp.buildings;
    fp.households += b.households;
  }
  m.keyGrade = fp.grade.empty() ? sourceGrade : fp.grade;
  m.areaKm2 = OGR_G_Area(OGRGeometry::ToHandle(fp.geometry.get())) / 1e6;
  m.density = m.areaKm2 > 0 ? fp.people / m.areaKm2 : 0;
  m.zone = zoneGrade(kindRules, regional, m.keyGrade, fp.ring, m.density);
  if (m.zone.grade && *m.zone.grade >= RiskGrade::High)
    for (const NearbyFeature& t : m.targets)
      for (const auto& k : *regional.array("uplift.sensitive_kinds"))
        if (k.value_or(std::string()) == t.kind) m.sensitive.push_back(t.kind + " " + t.name);
  m.footprint = std::move(fp);
  return m;
}

void raiseZone(MeasuredFootprint& m, const ZoneRaise& reason) {
  if (!m.zone.grade) return;
  m.zone.grade = raise(*m.zone.grade);
  m.raisedBy = reason.why;
  m.raisedByZh = reason.whyZh;
}

// The path of the first number in j that is not finite, if any (JSON has
// no infinity: nlohmann would write null, and readers then fail on its type).
std::optional<std::string> nonFinite(const nlohmann::json& j, const std::string& path) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) return path;
  if (j.is_object())
    for (const auto& [k, v] : j.items())
      if (auto p = nonFinite(v, path.empty() ? k : path + "." + k)) return p;
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto p = nonFinite(j[i], path + "[" + std::to_string(i) + "]")) return p;
  return std::nullopt;
}

void writeGradeRow(OGRLayer& table, const SourceFeature& sf, const std::string& kind, const GradeResult& grade) {
  if (const auto path = nonFinite(grade.figures, ""))
    throw std::logic_error(sf.layer + " feature " + std::to_string(sf.fid) + " (" + sf.id + "): figure '" + *path +
                           "' is not a finite number; the kind must never return one");
  OGRFeature g(table.GetLayerDefn());
  for (const auto& [k, v] : std::map<std::string, std::string>{{"layer", sf.layer}, {"kind", kind},
                                                               {"source_id", sf.id}, {"name", sf.name},
                                                               {"grade", grade.grade}, {"standard", grade.standard},
                                                               {"rule", grade.rule}, {"grade_zh", grade.gradeZh},
                                                               {"standard_zh", grade.standardZh},
                                                               {"rule_zh", grade.ruleZh.empty() ? grade.rule : grade.ruleZh}})
    g.SetField(k.c_str(), v.c_str());
  g.SetField("source_fid", static_cast<GIntBig>(sf.fid));
  if (grade.populationCoverage) g.SetField("population_coverage", *grade.populationCoverage);
  g.SetField("incomplete", grade.incomplete.c_str());
  g.SetField("incomplete_zh", grade.incompleteZh.c_str());
  g.SetField("figures", grade.figures.dump().c_str());
  g.SetGeometry(sf.geometry);
  if (table.CreateFeature(&g) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write ") + table.GetName());
}

void writeFootprintRow(OGRLayer& table, const SourceFeature& sf, const std::string& kind, MeasuredFootprint& m) {
  Footprint& fp = m.footprint;
  OGRFeature z(table.GetLayerDefn());
  for (const auto& [k, v] : std::map<std::string, std::string>{
           {"layer", sf.layer}, {"kind", kind}, {"source_id", sf.id}, {"name", sf.name}, {"ring", fp.ring},
           {"ring_zh", fp.label}})
    z.SetField(k.c_str(), v.c_str());
  z.SetField("source_fid", static_cast<GIntBig>(sf.fid));
  z.SetField("distance_m", fp.distanceM);
  if (!fp.distanceSource.empty()) z.SetField("distance_source", fp.distanceSource.c_str());
  z.SetField("people", fp.people);
  z.SetField("people_coverage", fp.peopleCoverage);
  z.SetField("targets", nlohmann::json(fp.targets).dump().c_str());
  z.SetField("grade", m.keyGrade.c_str());
  z.SetField("area_km2", m.areaKm2);
  z.SetField("density_per_km2", m.density);
  if (m.zone.base) {
    z.SetField("base_zone_grade", riskGradeName(*m.zone.base));
    z.SetField("zone_grade", riskGradeName(*m.zone.grade));
    z.SetField("uplifted", m.zone.uplifted ? 1 : 0);
    z.SetField("sensitive_targets", m.sensitive.dump().c_str());
    if (!m.raisedBy.empty()) z.SetField("raised_by", m.raisedBy.c_str());
    if (!m.raisedByZh.empty()) z.SetField("raised_by_zh", m.raisedByZh.c_str());
  }
  z.SetField("buildings", static_cast<GIntBig>(fp.buildings));
  z.SetField("households", static_cast<GIntBig>(fp.households));
  z.SetGeometry(fp.geometry.get());
  if (OGRGeometry* g = z.GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) != wkbMultiPolygon)
    z.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(z.StealGeometry()));
  if (table.CreateFeature(&z) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write ") + table.GetName());
}

// The parts table of a kind, created from the first part's attributes;
// a later part's new attributes (a park's rows beside its plants') add fields.
OGRLayer* openPartsTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs, const SourcePart& part) {
  OGRLayer* l = ds.GetLayerByName(name.c_str());
  if (!l) l = createTable(ds, name, srs, wkbUnknown, "", {{"layer"}, {"source_id"}, {"source_fid", OFTInteger64}});
  for (const auto& [key, value] : part.attributes.items()) {
    if (l->GetLayerDefn()->GetFieldIndex(key.c_str()) >= 0) continue;
    OGRFieldDefn f(key.c_str(), value.is_number_integer() ? OFTInteger64 : value.is_number() ? OFTReal : OFTString);
    if (l->CreateField(&f) != OGRERR_NONE) throw std::runtime_error("cannot add field " + key + " to " + name);
  }
  return l;
}

void writePartRow(OGRLayer& table, const SourceFeature& sf, SourcePart& part) {
  OGRFeature f(table.GetLayerDefn());
  f.SetField("layer", sf.layer.c_str());
  f.SetField("source_id", sf.id.c_str());
  f.SetField("source_fid", static_cast<GIntBig>(sf.fid));
  for (const auto& [key, value] : part.attributes.items()) {
    if (value.is_number_integer()) f.SetField(key.c_str(), static_cast<GIntBig>(value.get<long long>()));
    else if (value.is_number()) f.SetField(key.c_str(), value.get<double>());
    else if (value.is_string()) f.SetField(key.c_str(), value.get<std::string>().c_str());
  }
  f.SetGeometryDirectly(part.geometry.release());
  if (table.CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + std::string(table.GetName()));
}

}  // namespace riskmap
