#pragma once
// A population raster (people per cell) on the grid it was delivered on,
// and the people inside a zone, each cell weighted by the exact share of
// its area inside the zone.
//
// Zones arrive in the analysis CRS; they are densified there and carried
// into the raster's own CRS (a lon/lat grid, another Gauss-Kruger zone),
// and the cells are weighted there. Counting on a resampled copy would
// smear people by up to a cell, enough to move a plant's alpha band.
//
// Every count says how much of its zone the data cover: cells outside the
// raster and no-data cells are uncovered, unless the project says no data
// means nobody (everywhere, or where a water mask lies).
//
// Reads only the zone's window, in bands of rows, so neither a province
// raster nor a province-wide zone is ever whole in memory.
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <memory>
#include <string>
#include <vector>

#include "riskmap/exposure/CoverageFraction.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/gdal/NorthUpRaster.hpp"

namespace riskmap {

// What a population cell marked "no data" stands for.
enum class NoDataMeaning {
  Unknown,  // not surveyed: the cell is uncovered (the default)
  Nobody,   // surveyed and empty: the cell is covered and holds nobody
  Water,    // nobody where its centre lies in the water mask, unknown elsewhere
};

struct PopulationGridOptions {
  std::string table;                     // raster table of a GeoPackage (empty for other formats)
  const OGRSpatialReference* zoneSrs = nullptr;  // CRS zones come in; null: the raster's own
  NoDataMeaning noData = NoDataMeaning::Unknown;
  const OGRGeometry* waterMask = nullptr;  // in zoneSrs; used with NoDataMeaning::Water
  // Longest zone edge carried into the raster's CRS, in zone CRS units:
  // a straight edge in one CRS is a curve in another. Measured between
  // Gauss-Kruger and lon/lat 1.5 degrees from the central meridian at 30N,
  // the two part by 0.13 mm at the middle of a 100 m edge (13 mm at 1 km:
  // the gap grows with the square of the length).
  double densifyStep = 100.0;
};

// People in a zone and the share of the zone's area the data cover (0..1).
struct PeopleCount {
  double people = 0;
  double coverage = 1;
};

class PopulationGrid {
 public:
  // path: any GDAL raster. One PopulationGrid per thread: GDAL handles are not shared.
  explicit PopulationGrid(const std::string& path, const PopulationGridOptions& options = {});
  ~PopulationGrid();
  PopulationGrid(PopulationGrid&&) noexcept;

  // People inside a polygon or multipolygon given in the zone CRS.
  // Other geometry types hold no area: nobody, fully covered.
  PeopleCount count(const OGRGeometry& zone) const;
  double peopleIn(const OGRGeometry& zone) const { return count(zone).people; }

  // The known cells inside a zone: their centres in the zone CRS and their
  // people x the share of the cell inside the zone (no-data cells left out).
  struct CellPeople {
    double x = 0, y = 0, people = 0;
  };
  std::vector<CellPeople> cells(const OGRGeometry& zone) const;

  const OGRSpatialReference* srs() const { return raster_.dataset->GetSpatialRef(); }
  int width() const { return raster_.width; }
  int height() const { return raster_.height; }
  double cellArea() const { return std::abs(raster_.gt[1] * raster_.gt[5]); }

  // Upper bound on cells held at once while counting (rows of a band x columns).
  static constexpr long long kBandCells = 1 << 22;

 private:
  // The zone's rings in cell units of this grid.
  std::vector<CoverageRing> cellRings(const OGRGeometry& zone) const;
  bool inWater(int row, int col) const;
  // Every cell of the zone's window with a share inside it, band by band;
  // value is NaN where the raster says nothing.
  // A template, not std::function: it runs once per cell on exposure's
  // hot path, and both callers live in PopulationGrid.cpp.
  template <class CellFn>
  void visit(const std::vector<CoverageRing>& rings, CellFn&& cell) const;

  std::string path_;
  NorthUpRaster raster_;
  PopulationGridOptions options_;
  CoordinateTransformationPtr toGrid_;        // zone CRS -> raster CRS; null when they are the same
  std::unique_ptr<OGRGeometry> water_;        // the mask in the raster's CRS
  OGRPreparedGeometryUniquePtr preparedWater_;
  mutable std::vector<double> fractions_;
  mutable std::vector<double> values_;
};

}  // namespace riskmap
