#include "riskmap/scenario/ScenarioLibrary.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "riskmap/core/Error.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/library/Transaction.hpp"

namespace riskmap {
namespace {

using SourceKey = std::pair<std::string, std::string>;  // layer, source_id

// Copies the baseline's rows into `to`, leaving out the replaced sources.
void copyRows(OGRLayer& from, OGRLayer& to, const std::set<SourceKey>& replaced) {
  for (auto& f : from) {
    if (replaced.count({f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")})) continue;
    OGRFeature copy(to.GetLayerDefn());
    copy.SetFrom(f.get());
    if (to.CreateFeature(&copy) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write ") + to.GetName());
  }
}

}  // namespace

void checkScenarioName(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 40 &&
                  name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
  if (!ok)
    throw UserError("scenario name '" + name + "': use 1-40 of a-z, 0-9 and _ (it names the scenario's tables)");
}

std::string scenarioTable(const std::string& scenario, const std::string& table) {
  return "scenario_" + scenario + "_" + table;
}

ReassessedSource reassessAt(const LayerKind& kind, const SourceFeature& source, std::unique_ptr<OGRGeometry> where,
                            ExposureQueries& exposure, const Rules& kindRules, const Rules& regional,
                            const CompletenessRules& completeness) {
  ReassessedSource out;
  out.kind = &kind;
  out.feature = source;
  out.geometry = std::move(where);
  out.feature.geometry = out.geometry.get();
  SourceAssessment a = assessSource(kind, out.feature, exposure, kindRules, completeness);
  out.grade = std::move(a.grade);
  out.parts = std::move(a.parts);
  for (Footprint& fp : a.footprints)
    if (fp.geometry && !fp.geometry->IsEmpty())
      out.footprints.push_back(measureFootprint(std::move(fp), out.grade.grade, exposure, kindRules, regional));
  return out;
}

ScenarioLibrary::ScenarioLibrary(const library::Location& library, std::string name)
    : name_(std::move(name)), library_(library), lock_(library, "relocate --scenario") {
  checkScenarioName(name_);
  ensureGdalRegistered();
  if (!library.exists())
    throw UserError(library.displayName() + ": no one library here; run `riskmap import` and `riskmap assess` first");
  ds_ = library.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  transaction_.emplace(*ds_, library.displayName());
  for (const char* t : {kGradesTable, kFootprintsTable})
    if (!library::openTable(*ds_, t)) throw UserError(library.displayName() + ": no " + t + " table; run `riskmap assess` first");
}

ScenarioLibrary::~ScenarioLibrary() {
  transaction_.reset();  // rolled back unless committed
  ds_.reset();
}

void ScenarioLibrary::writeSources(std::vector<ReassessedSource>& replaced) {
  std::set<SourceKey> keys;
  for (const ReassessedSource& r : replaced) keys.insert({r.feature.layer, r.feature.id});
  library::Table baseGrades = library::openTable(*ds_, kGradesTable);
  OGRLayer* baseFootprints = ds_->GetLayerByName(kFootprintsTable);
  const OGRSpatialReference* srs = baseFootprints->GetSpatialRef();
  for (const char* t : {kGradesTable, kFootprintsTable}) dropTable(*ds_, table(t));
  OGRLayer* grades = createGradesTable(*ds_, table(kGradesTable), srs);
  OGRLayer* footprints = createFootprintsTable(*ds_, table(kFootprintsTable), srs);
  copyRows(*baseGrades, *grades, keys);
  copyRows(*baseFootprints, *footprints, keys);
  for (ReassessedSource& r : replaced) {
    writeGradeRow(*grades, r.feature, r.kind->name(), r.grade);
    for (MeasuredFootprint& m : r.footprints) writeFootprintRow(*footprints, r.feature, r.kind->name(), m);
  }
  library::settleGeometryType(*ds_, table(kGradesTable));  // one geometry type per table, as assess leaves them
}

std::vector<std::string> ScenarioLibrary::writeParts(std::vector<ReassessedSource>& replaced) {
  std::set<SourceKey> keys;
  std::vector<std::string> names;  // the kinds' output tables, each once
  for (const ReassessedSource& r : replaced) {
    keys.insert({r.feature.layer, r.feature.id});
    for (const std::string& t : r.kind->outputTables())
      if (std::find(names.begin(), names.end(), t) == names.end()) names.push_back(t);
  }
  const OGRSpatialReference* srs = ds_->GetLayerByName(kFootprintsTable)->GetSpatialRef();
  std::vector<std::string> written;
  for (const std::string& name : names) {
    const std::vector<OGRLayer*> baseline = library::tableParts(*ds_, name);
    std::vector<std::pair<const ReassessedSource*, SourcePart*>> parts;
    for (ReassessedSource& r : replaced)
      for (SourcePart& p : r.parts)
        if (p.geometry && (p.table.empty() ? r.kind->partsTable() : p.table) == name) parts.emplace_back(&r, &p);
    if (baseline.empty() && parts.empty()) continue;
    dropTable(*ds_, table(name));
    OGRLayer* out = createTable(*ds_, table(name), srs, wkbUnknown, "", {{"layer"}, {"source_id"}, {"source_fid", OFTInteger64}});
    for (OGRLayer* from : baseline) {
      OGRFeatureDefn* defn = from->GetLayerDefn();
      for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (out->GetLayerDefn()->GetFieldIndex(defn->GetFieldDefn(i)->GetNameRef()) < 0) {
          OGRFieldDefn f(defn->GetFieldDefn(i));
          if (out->CreateField(&f) != OGRERR_NONE) throw std::runtime_error("cannot create " + table(name));
        }
      from->ResetReading();
      for (auto& f : *from) {
        if (f->GetFieldAsInteger64("source_fid") < 0) continue;  // about several sources
        if (keys.count({f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")})) continue;
        OGRFeature copy(out->GetLayerDefn());
        copy.SetFrom(f.get());
        if (out->CreateFeature(&copy) != OGRERR_NONE) throw std::runtime_error("cannot write " + table(name));
      }
    }
    for (auto& [r, p] : parts) writePartRow(*openPartsTable(*ds_, table(name), srs, *p), r->feature, *p);
    for (const std::string& t : library::settleGeometryType(*ds_, table(name))) written.push_back(t);
  }
  return written;
}

RegionalReport ScenarioLibrary::writeRegional(ExposureQueries& exposure, const Rules& regional, RegionalOptions options) {
  options.footprintsTable = table(kFootprintsTable);
  options.zonesTable = table("risk_zones");
  options.summaryTable = table("township_summary");
  options.gridPath.clear();
  try {
    return buildRegionalMap(*ds_, exposure, regional, options);
  } catch (const std::exception& e) {
    throwIfDiskFull(library_.sidePath(), e.what());
    throw;
  }
}

void ScenarioLibrary::commit() {
  transaction_->commit();
  transaction_.reset();
  GdalErrorCapture closing;
  CPLErrorReset();
  ds_.reset();
  if (CPLGetLastErrorType() >= CE_Failure) {
    throwIfDiskFull(library_.sidePath(), closing.lastError());
    throw UserError(library_.displayName() + ": cannot finish writing the scenario: " + closing.lastError());
  }
}

}  // namespace riskmap
