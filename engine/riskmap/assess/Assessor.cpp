#include "riskmap/assess/Assessor.hpp"

#include <ogrsf_frmts.h>

#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/assess/ChineseLabels.hpp"
#include "riskmap/assess/DataCompleteness.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/ValueParser.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/library/LibraryWriterLock.hpp"
#include "riskmap/library/Transaction.hpp"
#include "riskmap/qgis/QgisProject.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {
namespace fs = std::filesystem;
namespace {

struct AssessedLayer {
  std::string table;
  const LayerKind* kind;
};

std::vector<AssessedLayer> assessedLayers(GDALDataset& ds, const LayerRegistry& kinds) {
  std::vector<AssessedLayer> out;
  for (const auto& [table, kindName] : library::layerKinds(ds)) {
    const LayerKind* kind = kinds.find(kindName);
    if (kind && kind->isAssessed()) out.push_back({table, kind});
  }
  return out;
}

// Drops the results tables (plain assess), or keeps the rows of the
// sources this scoped run does not assess again.
void clearResults(GDALDataset& ds, const std::string& libraryName, const std::vector<AssessedLayer>& layers,
                  const std::vector<std::string>& outputs, const AssessScope& scope) {
  if (scope.replacesEverything()) {
    for (const std::string& t : outputs) dropTable(ds, t);
    return;
  }
  std::vector<std::pair<std::string, const LayerKind*>> tables;
  for (const auto& l : layers) tables.emplace_back(l.table, l.kind);
  const ScopeRows rows = scopeRows(ds, libraryName, tables, scope);
  // Inside the run's one transaction (assessLibrary): the GeoPackage driver
  // would otherwise commit every row kept.
  for (const std::string& t : outputs) keepOtherRows(ds, t, rows);
}

// The province step's report and sources.csv: every county's graded sources, read back from the grades table.
std::string tallyGrades(GDALDataset& ds, AssessReport& report) {
  std::string csv = "layer,kind,source_id,name,grade,standard,rule,incomplete,figures\n";
  report.sources = 0;
  report.gradeCounts.clear();
  report.incomplete.clear();
  library::Table grades = library::openTable(ds, kGradesTable);
  grades->ResetReading();
  for (auto& f : *grades) {
    auto text = [&](const char* field) { return std::string(f->GetFieldAsString(field)); };
    ++report.sources;
    ++report.gradeCounts[text("kind")][text("grade")];
    if (!text("incomplete").empty())
      report.incomplete.push_back(text("layer") + " " + text("source_id") + ": " + text("incomplete"));
    csv += csvLine({text("layer"), text("kind"), text("source_id"), text("name"), text("grade"), text("standard"),
                    text("rule"), text("incomplete"), text("figures")});
  }
  report.footprints = library::openTable(ds, kFootprintsTable)->GetFeatureCount();
  return csv;
}

}  // namespace

namespace {
AssessReport assessLibrary(const Project& project, const LayerRegistry& kinds, const AssessOptions& options);
}  // namespace

AssessReport assessProject(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  ensureGdalRegistered();
  const library::Location& lib = project.library;
  if (!lib.exists()) throw UserError(lib.displayName() + ": no one library here; run `riskmap import` first");
  // One writer at a time (SQLite would also serialise us, but fail instead of
  // waiting; on PostGIS, writers on every machine, by an advisory lock).
  const library::LibraryWriterLock lock(lib, "assess");
  removeStaleTemporaries(lib.sidePath(), true);  // a killed run's grid beside the library
  AssessReport report;
  try {
    // GDAL's messages (a failing write reports at every table) are folded
    // into the one error line instead of printed.
    GdalErrorCapture gdalErrors;
    report = assessLibrary(project, kinds, options);
  } catch (const std::exception& e) {
    throwIfDiskFull(lib.sidePath(), e.what());
    throw;
  }
  return report;
}

namespace {

// Every table assess writes is written in one transaction on the library
// itself (DDL included): a failed or killed run leaves the old results.
AssessReport assessLibrary(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  const library::Location& lib = project.library;
  LibraryExposure exposure(project.library, kinds, exposureSettings(project));
  const CompletenessRules completeness = completenessRules(project);
  if (!exposure.hasPopulation())
    throw UserError(lib.displayName() + ": no population layer; assess needs one (kind = \"population\")");

  GDALDatasetUniquePtr ds = lib.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  library::Transaction transaction(*ds, lib.displayName());
  const std::vector<AssessedLayer> layers = assessedLayers(*ds, kinds);
  std::vector<std::string> outputs{kGradesTable, kFootprintsTable};
  for (const auto& l : layers)
    if (options.scope.assessesLayer(*l.kind))
      for (const std::string& t : l.kind->outputTables()) outputs.push_back(t);
  clearResults(*ds, lib.displayName(), layers, outputs, options.scope);

  const OGRSpatialReference* srs = nullptr;
  for (const auto& l : layers)
    if (!srs) srs = library::openTable(*ds, l.table)->GetSpatialRef();
  OGRSpatialReference analysis;
  if (srs) analysis = *srs;
  OGRLayer* grades = ds->GetLayerByName(kGradesTable);
  if (!grades) grades = createGradesTable(*ds, kGradesTable, srs ? &analysis : nullptr);
  OGRLayer* footprints = ds->GetLayerByName(kFootprintsTable);
  if (!footprints) footprints = createFootprintsTable(*ds, kFootprintsTable, srs ? &analysis : nullptr);
  const Rules regional = regionalRules(project, options.rulesDir);

  // Other layers' records that raise a source's zones (open major hidden dangers on a plant).
  std::map<std::string, ZoneRaise> raises;
  for (const auto& [table, kindName] : library::layerKinds(*ds))
    if (const LayerKind* k = kinds.find(kindName))
      for (auto& [id, why] : k->zoneRaises(*ds, table, k->rulesFile().empty() ? Rules() : kindRules(project, options.rulesDir, *k))) {
        ZoneRaise& r = raises[id];
        r.why += (r.why.empty() ? "" : "; ") + why.why;
        r.whyZh += (r.whyZh.empty() ? "" : "；") + why.whyZh;
      }

  AssessReport report;
  std::string csv = "layer,kind,source_id,name,grade,standard,rule,incomplete,figures\n";
  nlohmann::json summary = {{"project", project.name}, {"library", lib.displayName()}};
  for (const AssessedLayer& layer : layers) {
    const LayerKind& kind = *layer.kind;
    if (!options.scope.assessesLayer(kind)) continue;
    const Rules rules = kindRules(project, options.rulesDir, kind);
    library::Table source = library::openTable(*ds, layer.table);
    Progress progress("assess " + layer.table, static_cast<std::uint64_t>(source->GetFeatureCount()), options.quiet);
    std::vector<OGRFeatureUniquePtr> features;
    for (auto& f : *source)
      if (options.scope.includes(*f)) features.emplace_back(f.release());
    std::vector<SourceFeature> sources;
    for (auto& f : features) {
      SourceFeature sf = sourceFeature(*f, layer.table, kind);
      if (sf.geometry) sources.push_back(std::move(sf));
    }
    std::vector<std::pair<SourceFeature, SourceAssessment>> results;
    if (kind.assessesWholeLayer()) {
      exposure.takeGaps();
      LayerAssessment found = kind.assessLayer(sources, exposure, rules);
      const DataGaps gaps = exposure.takeGaps();  // the layer's queries stand behind each source found
      const SourceFeature none{layer.table};
      for (SourcePart& part : found.parts) {
        writePartRow(*openPartsTable(*ds, part.table, srs ? &analysis : nullptr, part), none, part);
        ++report.parts[part.table];
      }
      for (SourceAssessment& a : found.sources) {
        SourceFeature found;
        found.layer = layer.table;
        found.id = a.id;
        found.name = a.name;
        found.geometry = a.geometry.get();
        markCompleteness(a.grade, gaps, completeness, "layer '" + layer.table + "', source '" + a.id + "'");
        results.emplace_back(std::move(found), std::move(a));
      }
      progress.set(sources.size());
    } else {
      for (SourceFeature& sf : sources) {
        progress.advance();
        SourceAssessment a = assessSource(kind, sf, exposure, rules, completeness);
        results.emplace_back(std::move(sf), std::move(a));
      }
    }
    // What spans several sources (a park's plants), plain assess only.
    std::vector<SourcePart> across;
    if (options.scope.replacesEverything()) across = kind.assessAcrossSources(results, exposure, rules);
    for (auto& [sf, a] : results) {
      labelInChinese(a, rules);
      ++report.sources;
      ++report.gradeCounts[kind.name()][a.grade.grade];
      if (!a.grade.incomplete.empty()) report.incomplete.push_back(layer.table + " " + sf.id + ": " + a.grade.incomplete);
      if (!sf.geometry) continue;
      writeGradeRow(*grades, sf, kind.name(), a.grade);
      csv += csvLine({sf.layer, kind.name(), sf.id, sf.name, a.grade.grade, a.grade.standard, a.grade.rule,
                     a.grade.incomplete, a.grade.figures.dump()});

      for (SourcePart& part : a.parts) {
        if (!part.geometry) continue;
        const std::string table = part.table.empty() ? kind.partsTable() : part.table;
        writePartRow(*openPartsTable(*ds, table, srs ? &analysis : nullptr, part), sf, part);
        ++report.parts[table];
      }
      for (Footprint& fp : a.footprints) {
        if (!fp.geometry || fp.geometry->IsEmpty()) continue;
        MeasuredFootprint measured = measureFootprint(std::move(fp), a.grade.grade, exposure, rules, regional);
        if (const auto r = raises.find(sf.id); r != raises.end()) raiseZone(measured, r->second);
        writeFootprintRow(*footprints, sf, kind.name(), measured);
        ++report.footprints;
      }
    }
    for (SourcePart& part : across) {
      if (!part.geometry) continue;
      const std::string table = part.table.empty() ? kind.partsTable() : part.table;
      SourceFeature group{layer.table};
      group.id = part.sourceId;
      writePartRow(*openPartsTable(*ds, table, srs ? &analysis : nullptr, part), group, part);
      ++report.parts[table];
    }
    progress.finish();
  }
  const fs::path palette = options.palette.empty() ? options.rulesDir.parent_path() / "styles/palette.toml" : options.palette;
  if (options.scope.part == AssessScope::Part::Province) csv = tallyGrades(*ds, report);  // every county's sources
  if (!project.studyArea.empty() && options.scope.drawsZones()) {
    report.grid = lib.sidePath().parent_path() / (lib.sidePath().stem().string() + "_risk_grid.tif");
    report.regional = buildRegionalMap(*ds, exposure, regional,
                                       RegionalOptions{project.studyArea, project.townships, report.grid,
                                                       palette,
                                                       options.quiet});
    nlohmann::json r;
    for (const auto& [g, a] : report.regional->areaKm2)
      r[riskGradeName(g)] = {{"area_km2", a}, {"people", report.regional->people.at(g)}};
    summary["regional"] = r;
    summary["grid"] = {{"path", report.grid.string()}, {"cells", report.regional->gridCells},
                       {"seconds", report.regional->gridSeconds}, {"burn_seconds", report.regional->gridBurnSeconds}};
  }
  // One geometry type per table, so QGIS opens each as one layer.
  for (const auto& [table, count] : report.parts) outputs.push_back(table);
  for (const std::string& t : outputs) library::settleGeometryType(*ds, t);
  // Every table styled from the map style, and the map stored as a QGIS project
  // (in PostGIS, in QGIS's own tables: public.layer_styles, <schema>.qgis_projects).
  if (const fs::path style = palette.parent_path() / "default.json";
      options.scope.drawsZones() && fs::exists(style))
    report.qgisProject = qgis::publishToQgis(*ds, Style::load(style), lib.sidePath().filename().string(),
                                             lib.sidePath().stem().string(), project.name).projectName;
  transaction.commit();
  {
    GdalErrorCapture closing;
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
      throw UserError(lib.displayName() + ": cannot finish writing: " + closing.lastError());
  }

  summary["grades"] = report.gradeCounts;
  summary["incomplete"] = report.incomplete;
  summary["min_coverage"] = completeness.minCoverage;
  summary["sources"] = report.sources;
  summary["footprints"] = report.footprints;
  summary["parts"] = report.parts;
  const fs::path dir = project.file.parent_path();
  summary["scope"] = options.scope.describe();
  report.csv = dir / ("sources" + options.scope.fileSuffix() + ".csv");
  report.summary = dir / ("assess_summary" + options.scope.fileSuffix() + ".json");
  writeFileAtomically(report.csv, csv);
  writeFileAtomically(report.summary, summary.dump(2) + "\n");
  return report;
}

}  // namespace

}  // namespace riskmap
