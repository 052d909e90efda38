#pragma once
// A population raster (people per cell) and the people inside a zone,
// each cell weighted by the exact share of its area inside the zone.
// Reads only the zone's window, in bands of rows, so neither a province
// raster nor a province-wide zone is ever whole in memory.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "riskmap/exposure/CoverageFraction.hpp"

class OGRGeometry;

namespace riskmap {

class PopulationGrid {
 public:
  // path: any GDAL raster; table: a raster table of a GeoPackage (empty for other formats).
  // One PopulationGrid per thread: GDAL handles are not shared.
  PopulationGrid(const std::string& path, const std::string& table = {});

  // People inside a polygon or multipolygon given in the grid's CRS.
  // Other geometry types hold no area and count nobody.
  double peopleIn(const OGRGeometry& zone) const;

  const OGRSpatialReference* srs() const { return dataset_->GetSpatialRef(); }
  int width() const { return width_; }
  int height() const { return height_; }
  double cellArea() const { return std::abs(gt_[1] * gt_[5]); }

  // Upper bound on cells held at once while counting (rows of a band x columns).
  static constexpr long long kBandCells = 1 << 22;

 private:
  GDALDatasetUniquePtr dataset_;
  GDALRasterBand* band_ = nullptr;
  double gt_[6];
  int width_ = 0, height_ = 0;
  bool hasNoData_ = false;
  double noData_ = 0;
  mutable std::vector<double> fractions_;
  mutable std::vector<double> values_;
};

}  // namespace riskmap
