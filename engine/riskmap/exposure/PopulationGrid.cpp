#include "riskmap/exposure/PopulationGrid.hpp"

#include <ogr_api.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/NorthUpRaster.hpp"

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

// The zone's area in cell units: shells add, holes subtract, whatever the
// rings' orientation.
double ringsArea(const std::vector<CoverageRing>& rings) {
  double total = 0;
  for (const CoverageRing& r : rings) {
    double a = 0;
    for (std::size_t i = 0, n = r.points.size(); i < n; ++i) {
      const GridPoint& p = r.points[i];
      const GridPoint& q = r.points[(i + 1) % n];
      a += p.x * q.y - q.x * p.y;
    }
    total += (r.hole ? -1 : 1) * std::abs(a) / 2;
  }
  return total;
}

}  // namespace

PopulationGrid::PopulationGrid(const std::string& path, const PopulationGridOptions& options)
    : path_(path), raster_(openNorthUpRaster(path, options.table, "population raster")), options_(options) {
  const OGRSpatialReference* own = raster_.dataset->GetSpatialRef();
  if (options.zoneSrs && own && !options.zoneSrs->IsSame(own))
    toGrid_ = makeTransformation(withGisAxisOrder(*options.zoneSrs), withGisAxisOrder(*own));
  if (options.noData == NoDataMeaning::Water && options.waterMask) {
    water_.reset(options.waterMask->clone());
    if (toGrid_) {
      water_->segmentize(options.densifyStep);
      if (water_->transform(toGrid_.get()) != OGRERR_NONE)
        throw UserError(path + ": cannot carry the water mask into the population raster's CRS");
    }
    preparedWater_.reset(OGRCreatePreparedGeometry(OGRGeometry::ToHandle(water_.get())));
  }
  // Borrowed for construction only: the transformation and the mask are ours now.
  options_.zoneSrs = nullptr;
  options_.waterMask = nullptr;
}

PopulationGrid::~PopulationGrid() = default;
PopulationGrid::PopulationGrid(PopulationGrid&&) noexcept = default;

std::vector<CoverageRing> PopulationGrid::cellRings(const OGRGeometry& zone) const {
  std::vector<CoverageRing> rings;
  if (!toGrid_) {
    collectRings(zone, raster_.gt, rings);
    return rings;
  }
  std::unique_ptr<OGRGeometry> g(zone.clone());
  g->segmentize(options_.densifyStep);
  if (g->transform(toGrid_.get()) != OGRERR_NONE)
    throw UserError(path_ + ": a zone cannot be carried into the population raster's CRS (is it outside its area of use?)");
  collectRings(*g, raster_.gt, rings);
  return rings;
}

bool PopulationGrid::inWater(int row, int col) const {
  if (!preparedWater_) return false;
  OGRPoint centre(raster_.gt[0] + (col + 0.5) * raster_.gt[1], raster_.gt[3] + (row + 0.5) * raster_.gt[5]);
  return OGRPreparedGeometryContains(preparedWater_.get(), OGRGeometry::ToHandle(&centre)) != 0;
}

// Walks the zone's window band by band: every cell with a share of its
// area inside the zone, with its value (NaN when unknown).
template <class CellFn>
void PopulationGrid::visit(const std::vector<CoverageRing>& rings, CellFn&& cell) const {
  double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
  for (const auto& r : rings)
    for (const auto& p : r.points) {
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
      minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
  const int c0 = std::max(0, static_cast<int>(std::floor(minX)));
  const int c1 = std::min(raster_.width, static_cast<int>(std::ceil(maxX)));
  const int r0 = std::max(0, static_cast<int>(std::floor(minY)));
  const int r1 = std::min(raster_.height, static_cast<int>(std::ceil(maxY)));
  if (c0 >= c1 || r0 >= r1) return;  // wholly outside the raster: nothing known
  const int cols = c1 - c0;
  const int bandRows = static_cast<int>(std::max<long long>(1, kBandCells / cols));

  std::vector<CoverageRing> local = rings;
  for (int top = r0; top < r1; top += bandRows) {
    const int rows = std::min(bandRows, r1 - top);
    for (std::size_t i = 0; i < rings.size(); ++i)
      for (std::size_t k = 0; k < rings[i].points.size(); ++k)
        local[i].points[k] = {rings[i].points[k].x - c0, rings[i].points[k].y - top};
    coverageFractions(local, rows, cols, fractions_);
    values_.resize(fractions_.size());
    if (raster_.band->RasterIO(GF_Read, c0, top, cols, rows, values_.data(), cols, rows, GDT_Float64, 0, 0) != CE_None)
      throw UserError(path_ + ": cannot read the population raster (rows " + std::to_string(top) + "-" +
                      std::to_string(top + rows - 1) + ")");
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const double f = fractions_[i];
      if (f == 0) continue;
      const double v = values_[i];
      const bool known = !(raster_.hasNoData && v == raster_.noData) && std::isfinite(v) && v >= 0;
      cell(top + static_cast<int>(i) / cols, c0 + static_cast<int>(i) % cols, f, known ? v : std::nan(""));
    }
  }
}

PeopleCount PopulationGrid::count(const OGRGeometry& zone) const {
  const std::vector<CoverageRing> rings = cellRings(zone);
  const double zoneCells = ringsArea(rings);
  if (rings.empty() || zoneCells <= 0) return {};
  double people = 0, covered = 0;
  bool any = false;
  visit(rings, [&](int row, int col, double f, double v) {
    any = true;
    if (!std::isnan(v)) {
      people += v * f;
      covered += f;
    } else if (options_.noData == NoDataMeaning::Nobody ||
               (options_.noData == NoDataMeaning::Water && inWater(row, col))) {
      covered += f;
    }
  });
  if (!any) return {0, 0};
  return {people, std::min(1.0, covered / zoneCells)};
}

std::vector<PopulationGrid::CellPeople> PopulationGrid::cells(const OGRGeometry& zone) const {
  std::vector<CellPeople> out;
  const std::vector<CoverageRing> rings = cellRings(zone);
  if (rings.empty() || ringsArea(rings) <= 0) return out;
  const CoordinateTransformationPtr back(toGrid_ ? toGrid_->GetInverse() : nullptr);
  visit(rings, [&](int row, int col, double f, double v) {
    if (std::isnan(v) || v * f <= 0) return;
    double x = raster_.gt[0] + (col + 0.5) * raster_.gt[1], y = raster_.gt[3] + (row + 0.5) * raster_.gt[5];
    if (back && !back->Transform(1, &x, &y))
      throw UserError(path_ + ": a population cell cannot be carried back into the analysis CRS");
    out.push_back({x, y, v * f});
  });
  return out;
}

}  // namespace riskmap
