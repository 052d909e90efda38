#pragma once
// The one library: a GeoPackage holding every layer in the analysis CRS,
// the import's rejects, and riskmap's own bookkeeping tables.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "riskmap/library/Location.hpp"

class GDALDataset;

namespace riskmap::library {

inline constexpr const char* kLayersTable = "riskmap_layers";    // one row per imported layer
inline constexpr const char* kProjectTable = "riskmap_project";  // key/value: name, crs, version
inline constexpr const char* kRejectsTable = "rejects";

struct LayerEntry {
  std::string name, kind, storage, source, sourceLayer, sourceSrs, encoding;
  std::string coordinates;  // web-map offset removed at import ("gcj02", "bd09"), "none", or "" (not declared)
  long long read = 0, accepted = 0, rejected = 0, repaired = 0;
};

struct LayerState {
  LayerEntry entry;
  std::string crs;
  std::string geometryType;   // "Point", "MultiPolygon", "raster 400x350 Float32"
  long long count = 0;        // features, or valid cells for a raster
  std::optional<std::array<double, 4>> extent;        // minx, miny, maxx, maxy in the layer CRS
  std::optional<std::array<double, 4>> lonLatExtent;  // the same in CGCS2000 lon/lat
  std::optional<double> rasterSum;                    // sum of a raster's cells
};

struct Summary {
  std::string path;  // Location::displayName()
  std::string projectName;
  std::string crs;
  std::string version;
  std::vector<LayerState> layers;
  long long rejects = 0;
};

// (table, kind) of every imported layer, in import order; UserError when
// ds is not a riskmap library.
std::vector<std::pair<std::string, std::string>> layerKinds(GDALDataset& ds);

// Reads what the library holds; throws UserError when it is not a riskmap library.
Summary summarize(const Location& library);

}  // namespace riskmap::library
