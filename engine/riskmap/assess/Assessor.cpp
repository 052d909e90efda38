#include "riskmap/assess/Assessor.hpp"

#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/assess/ChineseLabels.hpp"
#include "riskmap/assess/DataCompleteness.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/assess/ResultRows.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/core/TestHooks.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/ValueParser.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/library/LibraryWriterLock.hpp"
#include "riskmap/library/ReadSnapshot.hpp"
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

// The rows of the run's scope, read from ds (a scoped run's sources).
ScopeRows rowsOfScope(GDALDataset& ds, const std::string& libraryName, const std::vector<AssessedLayer>& layers,
                      const AssessScope& scope) {
  std::vector<std::pair<std::string, const LayerKind*>> tables;
  for (const auto& l : layers) tables.emplace_back(l.table, l.kind);
  return scopeRows(ds, libraryName, tables, scope);
}

// Drops the results tables (plain assess), or keeps the rows of the
// sources this scoped run does not assess again (`rows`).
void clearResults(GDALDataset& ds, const std::vector<std::string>& outputs, const AssessScope& scope,
                  const ScopeRows& rows) {
  if (scope.replacesEverything()) {
    for (const std::string& t : outputs) dropTable(ds, t);
    return;
  }
  // Inside the run's one transaction: the GeoPackage driver would otherwise commit every row kept.
  for (const std::string& t : outputs) keepOtherRows(ds, t, rows);
}

// The tables the run writes: the grades, the footprints and its kinds' own.
std::vector<std::string> outputTables(const std::vector<AssessedLayer>& layers, const AssessScope& scope) {
  std::vector<std::string> outputs{kGradesTable, kFootprintsTable};
  for (const auto& l : layers)
    if (scope.assessesLayer(*l.kind))
      for (const std::string& t : l.kind->outputTables()) outputs.push_back(t);
  return outputs;
}

// The analysis CRS: every vector table is in it (none when no assessed layer has one).
std::optional<OGRSpatialReference> analysisSrs(GDALDataset& ds, const std::vector<AssessedLayer>& layers) {
  for (const auto& l : layers)
    if (const OGRSpatialReference* srs = library::openTable(ds, l.table)->GetSpatialRef()) return *srs;
  return std::nullopt;
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

// Wall-clock time, seconds since 1970 (the phases' times in assess_summary.json).
double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Assesses the scope's sources of `layers`, read through ds, each source's
// rows sent to `out`; counts go to the report, lines to csv.
void assessSources(GDALDataset& ds, const std::vector<AssessedLayer>& layers, LibraryExposure& exposure,
                   ResultRows& out, const Project& project, const LayerRegistry& kinds, const AssessOptions& options,
                   AssessReport& report, std::string& csv) {
  const CompletenessRules completeness = completenessRules(project);
  const Rules regional = regionalRules(project, options.rulesDir);
  // Other layers' records that raise a source's zones (open major hidden dangers on a plant).
  std::map<std::string, ZoneRaise> raises;
  for (const auto& [table, kindName] : library::layerKinds(ds))
    if (const LayerKind* k = kinds.find(kindName))
      for (auto& [id, why] : k->zoneRaises(ds, table, k->rulesFile().empty() ? Rules() : kindRules(project, options.rulesDir, *k))) {
        ZoneRaise& r = raises[id];
        r.why += (r.why.empty() ? "" : "; ") + why.why;
        r.whyZh += (r.whyZh.empty() ? "" : "；") + why.whyZh;
      }

  for (const AssessedLayer& layer : layers) {
    const LayerKind& kind = *layer.kind;
    if (!options.scope.assessesLayer(kind)) continue;
    const Rules rules = kindRules(project, options.rulesDir, kind);
    library::Table source = library::openTable(ds, layer.table);
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
        out.part(part.table, none, part);
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
      out.grade(sf, kind.name(), a.grade);
      csv += csvLine({sf.layer, kind.name(), sf.id, sf.name, a.grade.grade, a.grade.standard, a.grade.rule,
                     a.grade.incomplete, a.grade.figures.dump()});

      for (SourcePart& part : a.parts) {
        if (!part.geometry) continue;
        const std::string table = part.table.empty() ? kind.partsTable() : part.table;
        out.part(table, sf, part);
        ++report.parts[table];
      }
      for (Footprint& fp : a.footprints) {
        if (!fp.geometry || fp.geometry->IsEmpty()) continue;
        MeasuredFootprint measured = measureFootprint(std::move(fp), a.grade.grade, exposure, rules, regional);
        if (const auto r = raises.find(sf.id); r != raises.end()) raiseZone(measured, r->second);
        out.footprint(sf, kind.name(), measured);
        ++report.footprints;
      }
    }
    for (SourcePart& part : across) {
      if (!part.geometry) continue;
      const std::string table = part.table.empty() ? kind.partsTable() : part.table;
      SourceFeature group{layer.table};
      group.id = part.sourceId;
      out.part(table, group, part);
      ++report.parts[table];
    }
    progress.finish();
  }
}

// One geometry type per table, so QGIS opens each as one layer.
void settleOutputs(GDALDataset& ds, std::vector<std::string> outputs, const AssessReport& report) {
  for (const auto& [table, count] : report.parts) outputs.push_back(table);
  for (const std::string& t : outputs) library::settleGeometryType(ds, t);
}

// Closes the library written, reporting a failure GDAL only tells when closing.
void closeLibrary(GDALDatasetUniquePtr& ds, const library::Location& lib) {
  GdalErrorCapture closing;
  CPLErrorReset();
  ds.reset();
  if (CPLGetLastErrorType() >= CE_Failure)
    throw UserError(lib.displayName() + ": cannot finish writing: " + closing.lastError());
}

// sources.csv and assess_summary.json beside the project file (a county's with its code in their names).
void writeRunFiles(const Project& project, const AssessOptions& options, AssessReport& report, const std::string& csv,
                   nlohmann::json summary) {
  summary["project"] = project.name;
  summary["library"] = project.library.displayName();
  summary["grades"] = report.gradeCounts;
  summary["incomplete"] = report.incomplete;
  summary["min_coverage"] = completenessRules(project).minCoverage;
  summary["sources"] = report.sources;
  summary["footprints"] = report.footprints;
  summary["parts"] = report.parts;
  const fs::path dir = project.file.parent_path();
  summary["scope"] = options.scope.describe();
  report.csv = dir / ("sources" + options.scope.fileSuffix() + ".csv");
  report.summary = dir / ("assess_summary" + options.scope.fileSuffix() + ".json");
  writeFileAtomically(report.csv, csv);
  writeFileAtomically(report.summary, summary.dump(2) + "\n");
}

// Plain assess and the province step, under the exclusive writer lock: every
// table written in one transaction on the library itself (DDL included), so
// a failed or killed run leaves the old results.
AssessReport assessLibrary(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  const library::Location& lib = project.library;
  LibraryExposure exposure(project.library, kinds, exposureSettings(project));
  if (!exposure.hasPopulation())
    throw UserError(lib.displayName() + ": no population layer; assess needs one (kind = \"population\")");

  GDALDatasetUniquePtr ds = lib.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  library::Transaction transaction(*ds, lib.displayName());
  const std::vector<AssessedLayer> layers = assessedLayers(*ds, kinds);
  const std::vector<std::string> outputs = outputTables(layers, options.scope);
  clearResults(*ds, outputs, options.scope,
               options.scope.replacesEverything() ? ScopeRows{} : rowsOfScope(*ds, lib.displayName(), layers, options.scope));
  const std::optional<OGRSpatialReference> srs = analysisSrs(*ds, layers);
  LibraryRows out(*ds, srs ? &*srs : nullptr);

  AssessReport report;
  std::string csv = "layer,kind,source_id,name,grade,standard,rule,incomplete,figures\n";
  assessSources(*ds, layers, exposure, out, project, kinds, options, report, csv);
  nlohmann::json summary;
  const fs::path palette = options.palette.empty() ? options.rulesDir.parent_path() / "styles/palette.toml" : options.palette;
  if (options.scope.part == AssessScope::Part::Province) csv = tallyGrades(*ds, report);  // every county's sources
  if (!project.studyArea.empty() && options.scope.drawsZones()) {
    report.grid = lib.sidePath().parent_path() / (lib.sidePath().stem().string() + "_risk_grid.tif");
    report.regional = buildRegionalMap(*ds, exposure, regionalRules(project, options.rulesDir),
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
  settleOutputs(*ds, outputs, report);
  // Every table styled from the map style, and the map stored as a QGIS project
  // (in PostGIS, in QGIS's own tables: public.layer_styles, <schema>.qgis_projects).
  if (const fs::path style = palette.parent_path() / "default.json";
      options.scope.drawsZones() && fs::exists(style))
    report.qgisProject = qgis::publishToQgis(*ds, Style::load(style), lib.sidePath().filename().string(),
                                             lib.sidePath().stem().string(), project.name).projectName;
  transaction.commit();
  closeLibrary(ds, lib);
  writeRunFiles(project, options, report, csv, summary);
  return report;
}

// What `assess --county` computed, before it is written.
struct CountyResults {
  std::vector<AssessedLayer> layers;
  ScopeRows rows;  // the county's sources, in the state the results were computed from
  HeldRows held;
  AssessReport report;
  std::string csv = "layer,kind,source_id,name,grade,standard,rule,incomplete,figures\n";
  double started = 0, finished = 0;
};

// The compute phase: every read through one connection, in one snapshot
// (library::ReadSnapshot), nothing written.
// `first`: the run's first compute (the test hook holds only that one, not a
// compute again under the lock).
CountyResults computeCounty(const Project& project, const LayerRegistry& kinds, const AssessOptions& options,
                            bool first) {
  const library::Location& lib = project.library;
  CountyResults out;
  out.started = now();
  GDALDatasetUniquePtr ds = lib.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  const library::ReadSnapshot snapshot(*ds, lib);
  if (first) holdForTests("RISKMAP_HOLD_WHILE_COMPUTING", "snapshot taken, nothing read");
  LibraryExposure exposure(*ds, lib, kinds, exposureSettings(project));
  if (!exposure.hasPopulation())
    throw UserError(lib.displayName() + ": no population layer; assess needs one (kind = \"population\")");
  out.layers = assessedLayers(*ds, kinds);
  out.rows = rowsOfScope(*ds, lib.displayName(), out.layers, options.scope);
  assessSources(*ds, out.layers, exposure, out.held, project, kinds, options, out.report, out.csv);
  snapshot.confirm(lib);
  out.finished = now();
  return out;
}

// `assess --county`: computes holding the compute lock shared (other
// counties compute at once), then writes in one short transaction under
// the exclusive writer lock (LibraryWriterLock.hpp).
AssessReport assessCounty(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  const library::Location& lib = project.library;
  const std::string what = "assess --county " + options.scope.county;
  auto computing = std::make_optional<library::LibraryWriterLock>(lib, what, library::LibraryWriterLock::Mode::CountyCompute);
  CountyResults results = computeCounty(project, kinds, options, true);
  // A GeoPackage's write phase takes the compute lock exclusive (LibraryWriterLock.hpp): let ours go first.
  if (!lib.isPostgres()) computing.reset();
  const library::LibraryWriterLock writing(lib, what, library::LibraryWriterLock::Mode::CountyWrite);
  const double writeStarted = now();
  GDALDatasetUniquePtr ds = lib.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  library::Transaction transaction(*ds, lib.displayName());
  // The rows deleted are those of the sources computed. If a county import
  // committed since and changed which sources the county has, the results
  // are those of a state gone: computed again, now that no import can commit.
  nlohmann::json phases = {{"compute", {{"started", results.started}, {"finished", results.finished}}}};
  if (rowsOfScope(*ds, lib.displayName(), assessedLayers(*ds, kinds), options.scope) != results.rows) {
    if (!options.quiet)
      std::fprintf(stderr, "riskmap: %s: the county's sources changed while it was assessed (an import committed); "
                           "assessing it again under the writer's lock\n", lib.displayName().c_str());
    results = computeCounty(project, kinds, options, false);
    phases["computed_again_under_the_lock"] = {{"started", results.started}, {"finished", results.finished}};
  }
  const std::vector<std::string> outputs = outputTables(results.layers, options.scope);
  std::vector<std::pair<std::string, const LayerKind*>> tables;
  for (const auto& l : results.layers) tables.emplace_back(l.table, l.kind);
  clearResults(*ds, outputs, options.scope, withSourcesGone(*ds, tables, options.scope, results.rows));
  const std::optional<OGRSpatialReference> srs = analysisSrs(*ds, results.layers);
  LibraryRows rows(*ds, srs ? &*srs : nullptr);
  results.held.replay(rows);
  settleOutputs(*ds, outputs, results.report);
  holdForTests("RISKMAP_HOLD_BEFORE_COMMIT", "rows written, not committed");
  transaction.commit();
  closeLibrary(ds, lib);
  const double written = now();
  nlohmann::json summary;
  phases["write"] = {{"started", writeStarted}, {"finished", written}};
  summary["phases"] = phases;  // seconds since 1970
  writeRunFiles(project, options, results.report, results.csv, summary);
  return results.report;
}

}  // namespace

AssessReport assessProject(const Project& project, const LayerRegistry& kinds, const AssessOptions& options) {
  ensureGdalRegistered();
  const library::Location& lib = project.library;
  if (!lib.exists()) throw UserError(lib.displayName() + ": no one library here; run `riskmap import` first");
  try {
    // GDAL's messages (a failing write reports at every table) are folded
    // into the one error line instead of printed.
    GdalErrorCapture gdalErrors;
    if (options.scope.part == AssessScope::Part::County) return assessCounty(project, kinds, options);
    // One writer at a time (SQLite would also serialise us, but fail instead of
    // waiting; on PostGIS, writers on every machine, by an advisory lock).
    const library::LibraryWriterLock lock(lib, "assess");
    removeStaleTemporaries(lib.sidePath(), true);  // a killed run's grid beside the library
    return assessLibrary(project, kinds, options);
  } catch (const std::exception& e) {
    throwIfDiskFull(lib.sidePath(), e.what());
    throw;
  }
}

}  // namespace riskmap
