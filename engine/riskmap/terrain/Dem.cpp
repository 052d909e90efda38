#include "riskmap/terrain/Dem.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/NorthUpRaster.hpp"

namespace riskmap {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Metres per unit for the unit names GDAL drivers write (band unit type).
std::optional<double> metresPerUnit(const std::string& unit) {
  const std::string u = lower(unit);
  if (u == "m" || u == "metre" || u == "meter" || u == "metres" || u == "meters") return 1.0;
  if (u == "ft" || u == "foot" || u == "feet" || u == "international foot") return 0.3048;
  if (u == "us survey foot" || u == "us-ft" || u == "ftus") return 1200.0 / 3937.0;
  return std::nullopt;
}

}  // namespace

Dem::Dem(const std::string& path, const DemOptions& options)
    : path_(path),
      raster_(openNorthUpRaster(path, options.table, "elevation raster")),
      maxWindows_(std::max<std::size_t>(options.maxWindows, 4)) {
  const OGRSpatialReference* own = raster_.dataset->GetSpatialRef();
  geographic_ = own && own->IsGeographic();
  if (options.analysisSrs && own && !options.analysisSrs->IsSame(own)) {
    toDem_ = makeTransformation(withGisAxisOrder(*options.analysisSrs), withGisAxisOrder(*own));
    fromDem_ = makeTransformation(withGisAxisOrder(*own), withGisAxisOrder(*options.analysisSrs));
  } else if (geographic_) {
    unusable_ = "the elevation raster is in degrees and no metric analysis CRS was given";
    unusableZh_ = "高程栅格以度为单位，且未给出米制分析坐标系";
  }

  const std::string unit = raster_.band->GetUnitType() ? raster_.band->GetUnitType() : "";
  if (!unit.empty()) {
    if (const auto m = metresPerUnit(unit)) {
      toMetres_ = *m;
      verticalUnitNote_ = unit + (*m == 1.0 ? " (declared)" : " (declared, converted to m)");
    } else {
      unusable_ = "the elevation raster's vertical unit '" + unit + "' is not a length riskmap knows (m, ft)";
      unusableZh_ = "高程栅格的高程单位“" + unit + "”不是 riskmap 认识的长度单位（m、ft）";
    }
  } else if (options.undeclared == UndeclaredHeights::Metres) {
    verticalUnitNote_ = "m (assumed: no unit declared)";
  } else if (options.undeclared == UndeclaredHeights::MetresIfProjected && !geographic_) {
    verticalUnitNote_ = "m (assumed: projected grid, no unit declared)";
  } else {
    unusable_ = geographic_ ? "the elevation raster is in degrees and declares no vertical unit: heights of unknown unit"
                            : "the elevation raster declares no vertical unit";
    unusableZh_ = geographic_ ? "高程栅格以度为单位且未声明高程单位，高程单位不明" : "高程栅格未声明高程单位";
  }
}

const Dem::Window& Dem::window(int wx, int wy) const {
  const long long key = static_cast<long long>(wy) * ((raster_.width + kWindow - 1) / kWindow) + wx;
  if (auto it = cache_.find(key); it != cache_.end()) {
    order_.splice(order_.begin(), order_, it->second.second);
    return it->second.first;
  }
  if (cache_.size() >= maxWindows_) {
    cache_.erase(order_.back());
    order_.pop_back();
  }
  Window w;
  const int x0 = wx * kWindow, y0 = wy * kWindow;
  w.cols = std::min(kWindow, raster_.width - x0);
  w.rows = std::min(kWindow, raster_.height - y0);
  w.cells.resize(static_cast<std::size_t>(w.cols) * w.rows);
  if (raster_.band->RasterIO(GF_Read, x0, y0, w.cols, w.rows, w.cells.data(), w.cols, w.rows, GDT_Float32, 0, 0) != CE_None)
    throw UserError(path_ + ": cannot read the elevation raster (window at column " + std::to_string(x0) + ", row " +
                    std::to_string(y0) + ")");
  ++windowsRead_;
  order_.push_front(key);
  auto [it, inserted] = cache_.emplace(key, std::make_pair(std::move(w), order_.begin()));
  return it->second.first;
}

std::optional<double> Dem::height(Cell c) const {
  if (!contains(c)) return std::nullopt;
  const Window& w = window(c.col / kWindow, c.row / kWindow);
  const float v = w.cells[static_cast<std::size_t>(c.row % kWindow) * w.cols + c.col % kWindow];
  if (!std::isfinite(v) || (raster_.hasNoData && static_cast<double>(v) == static_cast<double>(static_cast<float>(raster_.noData))))
    return std::nullopt;
  return static_cast<double>(v) * toMetres_;
}

std::optional<Cell> Dem::cellAt(double x, double y) const {
  if (toDem_ && !toDem_->Transform(1, &x, &y)) return std::nullopt;
  const double col = (x - raster_.gt[0]) / raster_.gt[1], row = (y - raster_.gt[3]) / raster_.gt[5];
  if (!(col >= 0 && row >= 0 && col < raster_.width && row < raster_.height)) return std::nullopt;
  return Cell{static_cast<int>(col), static_cast<int>(row)};
}

void Dem::centre(Cell c, double& x, double& y) const {
  x = raster_.gt[0] + (c.col + 0.5) * raster_.gt[1];
  y = raster_.gt[3] + (c.row + 0.5) * raster_.gt[5];
  if (fromDem_ && !fromDem_->Transform(1, &x, &y))
    throw UserError(path_ + ": cannot carry an elevation cell into the analysis CRS");
}

}  // namespace riskmap
