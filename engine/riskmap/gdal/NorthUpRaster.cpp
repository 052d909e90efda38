#include "riskmap/gdal/NorthUpRaster.hpp"

#include "riskmap/core/Error.hpp"

namespace riskmap {

NorthUpRaster openNorthUpRaster(const std::string& path, const std::string& table, const std::string& what) {
  std::vector<std::string> oo;
  if (!table.empty()) oo.push_back("TABLE=" + table);
  NorthUpRaster r;
  r.dataset = openDataset(path, GDAL_OF_RASTER | GDAL_OF_READONLY, oo);
  if (r.dataset->GetGeoTransform(r.gt) != CE_None || r.gt[2] != 0 || r.gt[4] != 0)
    throw UserError(path + (table.empty() ? "" : ", table '" + table + "'") + ": the " + what +
                    " must be north-up with a geotransform");
  r.band = r.dataset->GetRasterBand(1);
  r.width = r.dataset->GetRasterXSize();
  r.height = r.dataset->GetRasterYSize();
  int has = 0;
  r.noData = r.band->GetNoDataValue(&has);
  r.hasNoData = has != 0;
  return r;
}

}  // namespace riskmap
