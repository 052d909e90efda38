#pragma once
// Opening a single-band raster on a north-up grid: what the elevation
// model and the population grid both read before their own rules apply.
#include <gdal_priv.h>

#include <string>

#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {

struct NorthUpRaster {
  GDALDatasetUniquePtr dataset;
  GDALRasterBand* band = nullptr;  // band 1, owned by dataset
  double gt[6] = {0, 1, 0, 0, 0, 1};
  int width = 0, height = 0;
  bool hasNoData = false;
  double noData = 0;
};

// table: a GeoPackage's raster table (empty for other formats). what: the
// raster's role in messages ("elevation raster"). Throws UserError naming
// the path and table when the grid is rotated or has no geotransform.
NorthUpRaster openNorthUpRaster(const std::string& path, const std::string& table, const std::string& what);

}  // namespace riskmap
