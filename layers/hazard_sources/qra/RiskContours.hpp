#pragma once
// The individual-risk grid over an area and its contours at the GB 36894
// levels as polygons (GDAL's contour generator, polygonised: it traces the
// level between cell centres, so no hand-written marching squares).
#include "IndividualRisk.hpp"

#include <ogr_geometry.h>

#include <vector>

namespace riskmap::qra {

struct RiskGridSpec {
  double west = 0, north = 0;       // the grid's top-left corner, analysis CRS
  double cell = 10;                 // m
  int cols = 0, rows = 0;
};

// Individual risk per year at every cell centre, row-major from the north
// row. Rows are shared out to `threads` workers.
std::vector<double> individualRiskGrid(const ToxicRiskModel& model, const RiskGridSpec& grid, unsigned threads);

struct RiskContour {
  double level = 0;                 // per year
  OGRGeometryUniquePtr area;        // where individual risk >= level; empty when nowhere
};

// One (multi)polygon per level, in the grid's coordinates.
std::vector<RiskContour> riskContours(const std::vector<double>& risk, const RiskGridSpec& grid,
                                      const std::vector<double>& levels);

}  // namespace riskmap::qra
