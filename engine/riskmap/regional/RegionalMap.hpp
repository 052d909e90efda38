#pragma once
// The regional four-colour map from the graded footprints: dissolved zones
// (exact GEOS overlay, highest grade wins), per-township summaries, and a
// grade grid computed block by block from an R-tree of the zones.
#include <gdal_priv.h>

#include <filesystem>
#include <map>
#include <string>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

struct RegionalOptions {
  std::string studyAreaTable;   // polygons bounding the map (the county)
  std::string townshipsTable;   // polygons the summary is cut by; empty: none
  std::filesystem::path gridPath;  // empty: no grid
  std::filesystem::path palette;  // styles/palette.toml: colours of the QGIS style written with risk_zones
  bool quiet = false;
  // Where the zones are read from and written to: a scenario names its own.
  std::string footprintsTable = "footprints";
  std::string zonesTable = "risk_zones";
  std::string summaryTable = "township_summary";
};

struct RegionalReport {
  std::map<RiskGrade, double> areaKm2, people;
  std::string method;  // "highest" or "additive"
  long long gridCells = 0;
  double gridSeconds = 0;
  double gridBurnSeconds = 0;  // of which burning the zones into blocks
};

// Reads the footprints table from the library (open for update) and writes
// the zones and township summary tables into it and the grid to gridPath.
RegionalReport buildRegionalMap(GDALDataset& library, ExposureQueries& exposure, const Rules& regional,
                                const RegionalOptions& options);

}  // namespace riskmap
