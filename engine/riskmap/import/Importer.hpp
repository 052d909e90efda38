#pragma once
// `riskmap import`: builds the one library from the project's layers,
// atomically (a failed import leaves the previous library as it was).
#include <ogr_spatialref.h>

#include <optional>
#include <string>
#include <vector>

#include "riskmap/import/CountyImport.hpp"

#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

struct ImportOptions {
  bool quiet = false;  // no progress output
  // Replace only this county's rows (CountyImport.hpp); none: replace the whole library.
  std::optional<CountyScope> county;
};

struct ImportReport {
  std::string analysisCrs;
  std::vector<library::LayerEntry> layers;
  std::vector<std::string> warnings;  // one line each, e.g. a layer that looks offset (GCJ-02)
};

// The analysis CRS of a project: its explicit crs, or for "auto" the CGCS2000
// 3-degree Gauss-Kruger zone of the centre of all layers' extents.
OGRSpatialReference resolveAnalysisCrs(const Project& project);

ImportReport importProject(const Project& project, const LayerRegistry& kinds, const ImportOptions& options = {});

}  // namespace riskmap
