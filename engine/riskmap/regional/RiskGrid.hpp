#pragma once
// The four-colour grade grid, as two Cloud-Optimized GeoTIFFs: the grade
// (one Byte band: 0 outside the study area = no data, 1 low .. 4 major)
// with the palette as its colour table and the grades' names as categories,
// so QGIS and web clients show it in the four colours; and the additive
// index (Float32, the sum of the weights of the zones covering the cell
// centre, -1 outside) in a file of its own, since GeoTIFF keeps one type per
// file. Both with overviews. Computed block by block (256 x 256) on all
// cores: the zones touching a block found through an R-tree, each burnt into
// it by scanline (CellScan: the cells whose centres are inside, exactly as a
// point-in-polygon test says), the highest grade kept per cell and the
// weights added up; memory is one block per thread plus the zones' edges,
// whatever the extent. A block is copied into GDAL's cache under a lock
// (GDAL handles are not shared) and compressed later.
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
  double seconds = 0;      // all of it: burning, the working GeoTIFFs, the COGs with overviews
  double burnSeconds = 0;  // the blocks computed and handed to GDAL (the working GeoTIFFs still open)
};

class Palette;

struct GridOutput {
  std::filesystem::path grade;          // <library>_risk_grid.tif
  std::filesystem::path index;          // <library>_risk_index.tif; empty: not written
  const Palette* palette = nullptr;     // colour table and category names; null: none
};

// The index file beside a grade grid: <stem>_index.tif for <stem>_grid.tif, else <stem>.index.tif.
std::filesystem::path indexPathFor(const std::filesystem::path& gradeGrid);

GridStats writeRiskGrid(const std::vector<GradedZone>& zones, const OGRGeometry& studyArea,
                        const OGRSpatialReference* srs, double cellSize, const Combination& combination,
                        const GridOutput& output, bool quiet, unsigned threads = 0);

}  // namespace riskmap
