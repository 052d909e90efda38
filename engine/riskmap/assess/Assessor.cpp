#include "riskmap/assess/Assessor.hpp"

#include <ogrsf_frmts.h>
#include <unistd.h>

#include <fstream>

#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/ValueParser.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/regional/RiskGrade.hpp"
#include "riskmap/regional/ZoneGrading.hpp"

namespace riskmap {
namespace fs = std::filesystem;
namespace {

constexpr const char* kGradesTable = "source_grades";
constexpr const char* kFootprintsTable = "footprints";

struct AssessedLayer {
  std::string table;
  const LayerKind* kind;
};

std::vector<AssessedLayer> assessedLayers(GDALDataset& ds, const LayerRegistry& kinds) {
  std::vector<AssessedLayer> out;
  OGRLayer* layers = ds.GetLayerByName(library::kLayersTable);
  if (!layers) throw UserError(ds.GetDescription() + std::string(": not a riskmap one library"));
  for (auto& row : *layers) {
    const LayerKind* kind = kinds.find(row->GetFieldAsString("kind"));
    if (kind && kind->isAssessed()) out.push_back({row->GetFieldAsString("name"), kind});
  }
  return out;
}

AttributeRecord readAttributes(OGRFeature& f, const LayerKind& kind) {
  AttributeRecord rec;
  for (const FieldSpec& spec : kind.fields()) {
    const int i = f.GetFieldIndex(spec.name.c_str());
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) continue;
    switch (spec.type) {
      case FieldType::Integer: rec.set(spec.name, static_cast<long long>(f.GetFieldAsInteger64(i))); break;
      case FieldType::Real: rec.set(spec.name, f.GetFieldAsDouble(i)); break;
      default: rec.set(spec.name, std::string(f.GetFieldAsString(i))); break;
    }
  }
  return rec;
}

struct Column {
  const char* name;
  OGRFieldType type = OFTString;
  OGRFieldSubType subType = OFSTNone;
};

OGRLayer* createTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs,
                      OGRwkbGeometryType type, const std::string& description, const std::vector<Column>& columns) {
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

OGRLayer* createGradesTable(GDALDataset& ds, const OGRSpatialReference* srs) {
  return createTable(ds, kGradesTable, srs, wkbUnknown, "each source's grade by its standard, with the figures behind it",
                     {{"layer"}, {"kind"}, {"source_id"}, {"name"}, {"grade"}, {"standard"}, {"rule"},
                      {"source_fid", OFTInteger64}, {"figures", OFTString, OFSTJSON}});
}

OGRLayer* createFootprintsTable(GDALDataset& ds, const OGRSpatialReference* srs) {
  return createTable(ds, kFootprintsTable, srs, wkbMultiPolygon,
                     "zones around each source, with the people and protected targets inside",
                     {{"layer"}, {"kind"}, {"source_id"}, {"name"}, {"ring"}, {"grade"}, {"source_fid", OFTInteger64},
                      {"distance_m", OFTReal}, {"people", OFTReal}, {"targets", OFTString, OFSTJSON},
                      {"buildings", OFTInteger64}, {"households", OFTInteger64}, {"area_km2", OFTReal},
                      {"density_per_km2", OFTReal}, {"base_zone_grade"}, {"uplifted", OFTInteger},
                      {"zone_grade"}, {"sensitive_targets", OFTString, OFSTJSON}});
}


// The parts table of a kind, created from the first part's attributes.
OGRLayer* partsTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs, const SourcePart& first) {
  if (OGRLayer* l = ds.GetLayerByName(name.c_str())) return l;
  OGRLayer* l = createTable(ds, name, srs, wkbUnknown, "", {{"layer"}, {"source_id"}, {"source_fid", OFTInteger64}});
  for (const auto& [key, value] : first.attributes.items()) {
    OGRFieldDefn f(key.c_str(), value.is_number_integer() ? OFTInteger64 : value.is_number() ? OFTReal : OFTString);
    l->CreateField(&f);
  }
  return l;
}

void writePart(OGRLayer& table, const SourceFeature& sf, SourcePart& part) {
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

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void writeAtomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

}  // namespace

AssessReport assessProject(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  ensureGdalRegistered();
  if (!fs::exists(project.library))
    throw UserError(project.library.string() + ": no one library here; run `riskmap import` first");
  // Work on a copy renamed over the library at the end: a failed assess
  // leaves the library as it was.
  const fs::path work = project.library.parent_path() /
                        (project.library.stem().string() + ".tmp-" + std::to_string(getpid()) + ".gpkg");
  fs::copy_file(project.library, work, fs::copy_options::overwrite_existing);
  struct Cleanup {
    fs::path p;
    bool keep = false;
    ~Cleanup() {
      if (!keep) fs::remove(p);
    }
  } cleanup{work};

  LibraryExposure exposure(project.library, kinds);
  if (!exposure.hasPopulation())
    throw UserError(project.library.string() + ": no population layer; assess needs one (kind = \"population\")");

  GDALDatasetUniquePtr ds = openDataset(work.string(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  const std::vector<AssessedLayer> layers = assessedLayers(*ds, kinds);
  std::vector<std::string> outputs{kGradesTable, kFootprintsTable};
  for (const auto& l : layers)
    for (const std::string& t : l.kind->outputTables()) outputs.push_back(t);
  for (const std::string& t : outputs)
    for (int i = 0; i < ds->GetLayerCount(); ++i)
      if (EQUAL(ds->GetLayer(i)->GetName(), t.c_str())) ds->DeleteLayer(i);

  const OGRSpatialReference* srs = nullptr;
  for (const auto& l : layers)
    if (!srs) srs = ds->GetLayerByName(l.table.c_str())->GetSpatialRef();
  OGRSpatialReference analysis;
  if (srs) analysis = *srs;
  OGRLayer* grades = createGradesTable(*ds, srs ? &analysis : nullptr);
  OGRLayer* footprints = createFootprintsTable(*ds, srs ? &analysis : nullptr);

  const std::string regionalOverrides =
      project.ruleOverrides.count("regional") ? project.ruleOverrides.at("regional") : "";
  toml::table regionalTable = regionalOverrides.empty() ? toml::table{} : toml::parse(regionalOverrides);
  const Rules regional = Rules::load(options.rulesDir / "regional.toml", regionalOverrides.empty() ? nullptr : &regionalTable);

  AssessReport report;
  std::string csv = "layer,kind,source_id,name,grade,standard,rule,figures\n";
  nlohmann::json summary = {{"project", project.name}, {"library", project.library.string()}};
  ds->StartTransaction();
  for (const AssessedLayer& layer : layers) {
    const LayerKind& kind = *layer.kind;
    const std::string overrides = project.ruleOverrides.count(kind.name()) ? project.ruleOverrides.at(kind.name()) : "";
    Rules rules = Rules::load(options.rulesDir / kind.rulesFile());
    if (!overrides.empty()) {
      toml::table o = toml::parse(overrides);
      rules = Rules::load(options.rulesDir / kind.rulesFile(), &o);
    }
    OGRLayer* source = ds->GetLayerByName(layer.table.c_str());
    Progress progress("assess " + layer.table, static_cast<std::uint64_t>(source->GetFeatureCount()), options.quiet);
    std::vector<OGRFeatureUniquePtr> features;
    for (auto& f : *source) features.emplace_back(f.release());
    std::vector<SourceFeature> sources;
    for (auto& f : features) {
      SourceFeature sf;
      sf.layer = layer.table;
      sf.fid = f->GetFID();
      sf.attributes = readAttributes(*f, kind);
      sf.id = kind.idField().empty() ? std::to_string(sf.fid) : valueToString(sf.attributes.get(kind.idField()));
      sf.name = sf.attributes.text("name").value_or("");
      sf.geometry = f->GetGeometryRef();
      if (sf.geometry) sources.push_back(std::move(sf));
    }
    std::vector<std::pair<SourceFeature, SourceAssessment>> results;
    if (kind.assessesWholeLayer()) {
      LayerAssessment found = kind.assessLayer(sources, exposure, rules);
      const SourceFeature none{layer.table};
      for (SourcePart& part : found.parts) {
        writePart(*partsTable(*ds, part.table, srs ? &analysis : nullptr, part), none, part);
        ++report.parts[part.table];
      }
      for (SourceAssessment& a : found.sources) {
        SourceFeature found;
        found.layer = layer.table;
        found.id = a.id;
        found.name = a.name;
        found.geometry = a.geometry.get();
        results.emplace_back(std::move(found), std::move(a));
      }
      progress.set(sources.size());
    } else {
      for (SourceFeature& sf : sources) {
        progress.advance();
        SourceAssessment a = kind.assess(sf, exposure, rules);
        results.emplace_back(std::move(sf), std::move(a));
      }
    }
    for (auto& [sf, a] : results) {
      ++report.sources;
      ++report.gradeCounts[kind.name()][a.grade.grade];
      if (!sf.geometry) continue;
      OGRFeature g(grades->GetLayerDefn());
      for (const auto& [k, v] : std::map<std::string, std::string>{
               {"layer", sf.layer}, {"kind", kind.name()}, {"source_id", sf.id}, {"name", sf.name},
               {"grade", a.grade.grade}, {"standard", a.grade.standard}, {"rule", a.grade.rule}})
        g.SetField(k.c_str(), v.c_str());
      g.SetField("source_fid", static_cast<GIntBig>(sf.fid));
      g.SetField("figures", a.grade.figures.dump().c_str());
      g.SetGeometry(sf.geometry);
      if (grades->CreateFeature(&g) != OGRERR_NONE) throw std::runtime_error("cannot write source_grades");
      csv += csvField(sf.layer) + "," + kind.name() + "," + csvField(sf.id) + "," + csvField(sf.name) + "," +
             csvField(a.grade.grade) + "," + csvField(a.grade.standard) + "," + csvField(a.grade.rule) + "," +
             csvField(a.grade.figures.dump()) + "\n";

      for (SourcePart& part : a.parts) {
        if (!part.geometry) continue;
        const std::string table = part.table.empty() ? kind.partsTable() : part.table;
        writePart(*partsTable(*ds, table, srs ? &analysis : nullptr, part), sf, part);
        ++report.parts[table];
      }
      for (Footprint& fp : a.footprints) {
        if (!fp.geometry || fp.geometry->IsEmpty()) continue;
        fp.people = exposure.peopleIn(*fp.geometry);
        const std::vector<NearbyFeature> targetList = exposure.targetListIn(*fp.geometry);
        for (const NearbyFeature& t : targetList) ++fp.targets[t.kind];
        for (const NearbyFeature& b : exposure.buildingsIn(*fp.geometry)) {
          ++fp.buildings;
          fp.households += b.households;
        }
        const std::string keyGrade = fp.grade.empty() ? a.grade.grade : fp.grade;
        const double areaKm2 = OGR_G_Area(OGRGeometry::ToHandle(fp.geometry.get())) / 1e6;
        const double density = areaKm2 > 0 ? fp.people / areaKm2 : 0;
        const ZoneGrade zg = zoneGrade(rules, regional, keyGrade, fp.ring, density);
        OGRFeature z(footprints->GetLayerDefn());
        for (const auto& [k, v] : std::map<std::string, std::string>{{"layer", sf.layer}, {"kind", kind.name()},
                                                                     {"source_id", sf.id}, {"name", sf.name},
                                                                     {"ring", fp.ring}})
          z.SetField(k.c_str(), v.c_str());
        z.SetField("source_fid", static_cast<GIntBig>(sf.fid));
        z.SetField("distance_m", fp.distanceM);
        z.SetField("people", fp.people);
        z.SetField("targets", nlohmann::json(fp.targets).dump().c_str());
        z.SetField("grade", keyGrade.c_str());
        z.SetField("area_km2", areaKm2);
        z.SetField("density_per_km2", density);
        if (zg.base) {
          z.SetField("base_zone_grade", riskGradeName(*zg.base));
          z.SetField("zone_grade", riskGradeName(*zg.grade));
          z.SetField("uplifted", zg.uplifted ? 1 : 0);
          nlohmann::json sensitive = nlohmann::json::array();
          if (*zg.grade >= RiskGrade::High)
            for (const NearbyFeature& t : targetList)
              for (const auto& k : *regional.array("uplift.sensitive_kinds"))
                if (k.value_or(std::string()) == t.kind) sensitive.push_back(t.kind + " " + t.name);
          z.SetField("sensitive_targets", sensitive.dump().c_str());
        }
        z.SetField("buildings", static_cast<GIntBig>(fp.buildings));
        z.SetField("households", static_cast<GIntBig>(fp.households));
        z.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(fp.geometry.release()));
        if (footprints->CreateFeature(&z) != OGRERR_NONE) throw std::runtime_error("cannot write footprints");
        ++report.footprints;
      }
    }
    progress.finish();
  }
  ds->CommitTransaction();
  if (!project.studyArea.empty()) {
    report.grid = project.library.parent_path() / (project.library.stem().string() + "_risk_grid.tif");
    report.regional = buildRegionalMap(*ds, exposure, regional,
                                       RegionalOptions{project.studyArea, project.townships, report.grid,
                                                       options.rulesDir.parent_path() / "styles/palette.toml",
                                                       options.quiet});
    nlohmann::json r;
    for (const auto& [g, a] : report.regional->areaKm2)
      r[riskGradeName(g)] = {{"area_km2", a}, {"people", report.regional->people.at(g)}};
    summary["regional"] = r;
    summary["grid"] = {{"path", report.grid.string()}, {"cells", report.regional->gridCells},
                       {"seconds", report.regional->gridSeconds}};
  }
  ds.reset();
  fs::rename(work, project.library);
  cleanup.keep = true;

  summary["grades"] = report.gradeCounts;
  summary["sources"] = report.sources;
  summary["footprints"] = report.footprints;
  summary["parts"] = report.parts;
  const fs::path dir = project.file.parent_path();
  report.csv = dir / "sources.csv";
  report.summary = dir / "assess_summary.json";
  writeAtomically(report.csv, csv);
  writeAtomically(report.summary, summary.dump(2) + "\n");
  return report;
}

}  // namespace riskmap
