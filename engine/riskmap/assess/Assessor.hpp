#pragma once
// `riskmap assess`: every assessed source in the one library gets its
// footprints (with the people and protected targets inside each) and its
// grade by the standard of its kind. Writes `source_grades` and
// `footprints` into the library (atomically), and sources.csv and
// assess_summary.json beside the project file.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "riskmap/assess/AssessScope.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/regional/RegionalMap.hpp"

namespace riskmap {

struct AssessOptions {
  std::filesystem::path rulesDir;  // where the kinds' rules files are (layers/)
  bool quiet = false;
  std::filesystem::path palette;   // the four colours; empty: <rulesDir>/../styles/palette.toml
  AssessScope scope;               // everything, one county's sources, or the province step (AssessScope.hpp)
};

struct AssessReport {
  std::map<std::string, std::map<std::string, long long>> gradeCounts;  // kind -> grade -> sources
  long long sources = 0, footprints = 0;
  std::vector<std::string> incomplete;  // "layer id: what the data did not cover", one per marked source
  std::map<std::string, long long> parts;  // parts table -> rows
  std::filesystem::path csv, summary, grid;
  std::optional<RegionalReport> regional;  // when the project names its study area
  std::string qgisProject;  // the QGIS project stored in the library (qgis_projects), when styles/default.json is there
};

AssessReport assessProject(const Project& project, const LayerRegistry& kinds, const AssessOptions& options);

}  // namespace riskmap
