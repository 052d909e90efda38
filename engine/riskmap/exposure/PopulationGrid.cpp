#include "riskmap/exposure/PopulationGrid.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {
namespace {

void addRing(const OGRLinearRing& ring, bool hole, const double* gt, std::vector<CoverageRing>& out) {
  CoverageRing r;
  r.hole = hole;
  r.points.reserve(static_cast<std::size_t>(ring.getNumPoints()));
  for (int i = 0; i < ring.getNumPoints(); ++i)  // north-up rasters: no rotation terms
    r.points.push_back({(ring.getX(i) - gt[0]) / gt[1], (ring.getY(i) - gt[3]) / gt[5]});
  out.push_back(std::move(r));
}

void collectRings(const OGRGeometry& g, const double* gt, std::vector<CoverageRing>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon: {
      const OGRPolygon* p = g.toPolygon();
      if (p->IsEmpty()) return;
      addRing(*p->getExteriorRing(), false, gt, out);
      for (int i = 0; i < p->getNumInteriorRings(); ++i) addRing(*p->getInteriorRing(i), true, gt, out);
      break;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) collectRings(*part, gt, out);
      break;
    default:
      break;
  }
}

}  // namespace

PopulationGrid::PopulationGrid(const std::string& path, const std::string& table) {
  std::vector<std::string> oo;
  if (!table.empty()) oo.push_back("TABLE=" + table);
  dataset_ = openDataset(path, GDAL_OF_RASTER | GDAL_OF_READONLY, oo);
  if (dataset_->GetGeoTransform(gt_) != CE_None || gt_[2] != 0 || gt_[4] != 0)
    throw UserError(path + ": population raster must be north-up with a geotransform");
  band_ = dataset_->GetRasterBand(1);
  width_ = dataset_->GetRasterXSize();
  height_ = dataset_->GetRasterYSize();
  int has = 0;
  noData_ = band_->GetNoDataValue(&has);
  hasNoData_ = has != 0;
}

double PopulationGrid::peopleIn(const OGRGeometry& zone) const {
  std::vector<CoverageRing> rings;
  collectRings(zone, gt_, rings);
  if (rings.empty()) return 0;
  double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
  for (const auto& r : rings)
    for (const auto& p : r.points) {
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
      minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
  const int c0 = std::max(0, static_cast<int>(std::floor(minX)));
  const int c1 = std::min(width_, static_cast<int>(std::ceil(maxX)));
  const int r0 = std::max(0, static_cast<int>(std::floor(minY)));
  const int r1 = std::min(height_, static_cast<int>(std::ceil(maxY)));
  if (c0 >= c1 || r0 >= r1) return 0;
  const int cols = c1 - c0;
  const int bandRows = static_cast<int>(std::max<long long>(1, kBandCells / cols));

  double people = 0;
  std::vector<CoverageRing> local = rings;
  for (int top = r0; top < r1; top += bandRows) {
    const int rows = std::min(bandRows, r1 - top);
    for (std::size_t i = 0; i < rings.size(); ++i)
      for (std::size_t k = 0; k < rings[i].points.size(); ++k)
        local[i].points[k] = {rings[i].points[k].x - c0, rings[i].points[k].y - top};
    coverageFractions(local, rows, cols, fractions_);
    values_.resize(fractions_.size());
    if (band_->RasterIO(GF_Read, c0, top, cols, rows, values_.data(), cols, rows, GDT_Float64, 0, 0) != CE_None)
      throw std::runtime_error("cannot read the population raster");
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const double v = values_[i];
      if (fractions_[i] == 0 || (hasNoData_ && v == noData_) || !std::isfinite(v)) continue;
      people += v * fractions_[i];
    }
  }
  return people;
}

}  // namespace riskmap
