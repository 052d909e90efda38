#pragma once
// The four-colour grade grid: a GeoTIFF with band 1 the grade (-1 outside
// the study area, 1 low .. 4 major) and band 2 the additive index (the sum
// of the weights of the zones covering the cell centre). Computed block by
// block (256 x 256) on all cores, zones found through an R-tree; memory is
// one block per thread plus the zones, whatever the extent.
#include <filesystem>
#include <memory>
#include <vector>

#include <ogr_geometry.h>

#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

struct GradedZone {
  const OGRGeometry* geometry;
  RiskGrade grade;
};

// How overlapping zones combine: the highest grade wins, or the weights add
// up and the sum is classified by thresholds.
struct Combination {
  bool additive = false;
  double weights[5] = {0, 1, 2, 3, 4};  // by RiskGrade value
  double majorFrom = 6, highFrom = 4, moderateFrom = 2;

  RiskGrade classify(double index) const;
};

struct GridStats {
  long long cells = 0;
  double seconds = 0;
};

GridStats writeRiskGrid(const std::vector<GradedZone>& zones, const OGRGeometry& studyArea,
                        const OGRSpatialReference* srs, double cellSize, const Combination& combination,
                        const std::filesystem::path& path, bool quiet, unsigned threads = 0);

}  // namespace riskmap
