#pragma once
// A what-if on the one library: some sources reassessed somewhere else and
// the regional map recomputed, written beside the baseline under the
// scenario's own table names (scenario_<name>_footprints, ...). The
// baseline tables are never written; the scenario's tables are written in
// one transaction on the library itself, committed at commit(), so a failed
// or killed run leaves the library as it was and several scenarios sit side
// by side.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/assess/DataCompleteness.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/layer/LayerKind.hpp"
#include "riskmap/library/LibraryWriterLock.hpp"
#include "riskmap/library/Location.hpp"
#include "riskmap/library/Transaction.hpp"
#include "riskmap/regional/RegionalMap.hpp"

namespace riskmap {

// Scenario names become table names: 1-40 of a-z, 0-9 and _; UserError otherwise.
void checkScenarioName(const std::string& name);
std::string scenarioTable(const std::string& scenario, const std::string& table);

// One source as the scenario has it: its kind's assessment at a new geometry.
struct ReassessedSource {
  const LayerKind* kind = nullptr;
  SourceFeature feature;                      // feature.geometry points at geometry
  std::unique_ptr<OGRGeometry> geometry;      // in the analysis CRS
  GradeResult grade;
  std::vector<MeasuredFootprint> footprints;  // measured like assess measures them
  std::vector<SourcePart> parts;              // its rows of the kind's output tables (risk contours, F-N)
};

// The kind's assess() of the source at `where`, its footprints measured.
ReassessedSource reassessAt(const LayerKind& kind, const SourceFeature& source, std::unique_ptr<OGRGeometry> where,
                            ExposureQueries& exposure, const Rules& kindRules, const Rules& regional,
                            const CompletenessRules& completeness = {});

class ScenarioLibrary {
 public:
  ScenarioLibrary(const library::Location& library, std::string name);
  ~ScenarioLibrary();

  const std::string& name() const { return name_; }
  std::string table(const std::string& base) const { return scenarioTable(name_, base); }
  GDALDataset& dataset() { return *ds_; }

  // scenario_<name>_source_grades and _footprints: the baseline's rows,
  // the replaced sources' rows swapped for theirs.
  void writeSources(std::vector<ReassessedSource>& replaced);
  // scenario_<name>_<table> for each output table of the replaced
  // sources' kinds (LayerKind::outputTables: risk_contours, societal_risk,
  // ...): the baseline's rows of the sources staying put, the replaced
  // sources' rows from their new geometry. Rows about several sources
  // (written under no source's fid: a park's summed risk) are left out: a
  // scenario does not redo them. Returns the tables written.
  std::vector<std::string> writeParts(std::vector<ReassessedSource>& replaced);
  // scenario_<name>_risk_zones and _township_summary from its footprints (no grid).
  RegionalReport writeRegional(ExposureQueries& exposure, const Rules& regional, RegionalOptions options);
  // Commits the scenario's tables and closes the library.
  void commit();

 private:
  std::string name_;
  library::Location library_;
  library::LibraryWriterLock lock_;  // one writer at a time
  GDALDatasetUniquePtr ds_;
  std::optional<library::Transaction> transaction_;  // from opening to commit()
};

}  // namespace riskmap
