#pragma once
// A digital elevation model read on its own grid, in its own CRS, through
// a bounded cache of 256 x 256 cell windows: a province DEM (10^9 cells)
// is never whole in memory, and a flow path touches only the windows it
// crosses. Points arrive and leave in the analysis CRS.
//
// Heights are in metres: a declared vertical unit (the band's unit type:
// m, metre, ft, US survey foot) is converted; an undeclared one is taken
// as metres only where the caller's rule allows (by default on a
// projected grid, never on a lon/lat grid, where nothing says the heights
// are metres), else the DEM says why it cannot be used (unusable()).
//
// One Dem per thread: its GDAL handle and its cache are not shared.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/gdal/NorthUpRaster.hpp"

namespace riskmap {

// What an undeclared vertical unit is taken for.
enum class UndeclaredHeights {
  MetresIfProjected,  // riskmap's default
  Metres,             // always (the user vouches for it)
  Unusable,           // never
};

struct DemOptions {
  std::string table;  // raster table of a GeoPackage; empty for other formats
  const OGRSpatialReference* analysisSrs = nullptr;  // null: the DEM's own CRS
  UndeclaredHeights undeclared = UndeclaredHeights::MetresIfProjected;
  std::size_t maxWindows = 256;  // cache bound: 256 windows of 256 x 256 float cells = 64 MiB
};

struct Cell {
  int col = 0, row = 0;
  bool operator==(const Cell& o) const { return col == o.col && row == o.row; }
};

class Dem {
 public:
  static constexpr int kWindow = 256;

  Dem(const std::string& path, const DemOptions& options = {});

  int width() const { return raster_.width; }
  int height() const { return raster_.height; }
  bool contains(Cell c) const { return c.col >= 0 && c.row >= 0 && c.col < raster_.width && c.row < raster_.height; }
  // Height in metres; nullopt for a no-data cell or one outside the grid.
  std::optional<double> height(Cell c) const;
  // The cell holding an analysis-CRS point; nullopt outside the grid.
  std::optional<Cell> cellAt(double x, double y) const;
  // A cell's centre in the analysis CRS.
  void centre(Cell c, double& x, double& y) const;

  // Empty when usable; else why not ("lon/lat DEM without a vertical unit").
  const std::string& unusable() const { return unusable_; }
  const std::string& unusableZh() const { return unusableZh_; }  // the same in Chinese
  // How heights were read: "m (declared)", "ft (declared, converted)", "m (assumed: projected grid)".
  const std::string& verticalUnit() const { return verticalUnitNote_; }
  bool geographic() const { return geographic_; }
  std::size_t windowsRead() const { return windowsRead_; }
  std::size_t windowsHeld() const { return cache_.size(); }

 private:
  struct Window {
    std::vector<float> cells;
    int cols = 0, rows = 0;
  };
  const Window& window(int wx, int wy) const;

  std::string path_;
  NorthUpRaster raster_;
  double toMetres_ = 1;
  bool geographic_ = false;
  std::string unusable_, unusableZh_, verticalUnitNote_;
  CoordinateTransformationPtr toDem_, fromDem_;
  std::size_t maxWindows_;
  // LRU of windows keyed by window index.
  mutable std::list<long long> order_;
  mutable std::unordered_map<long long, std::pair<Window, std::list<long long>::iterator>> cache_;
  mutable std::size_t windowsRead_ = 0;
};

}  // namespace riskmap
