#pragma once
// `riskmap tiles --format mvt`: Mapbox Vector Tiles 2.1 in an MBTiles 1.3
// (format pbf, `json` metadata with vector_layers), written by GDAL's MVT
// writer (the MBTiles driver's vector mode) rather than by hand: it clips,
// quantises to the tile extent, simplifies and gzips as the MVT spec asks.
// The tiles carry every library table the style draws (risk_zones,
// source_grades, pipelines, pipeline_segments, black_spots, chemical_parks,
// townships, ...), one MVT layer each with its table's name and all its
// attributes, so a client style can colour by grade and a popup can show
// names and grades. Written to a temporary file and renamed: atomic.
//
// In the CGCS2000 tile matrix (EPSG:4490 longitude/latitude quad-tree,
// TileMatrixSet::cgcs2000(), levels from 1) the tiles go to a directory
// {level}/{TileCol}/{TileRow}.pbf (gzipped MVT) with metadata.json, GDAL's
// MVT writer given the matrix as its TILING_SCHEME (EPSG:4490, top-left
// 180 W 90 N, 180 degrees a tile at its zoom 0, which is level 1's 2 x 1
// tiles); the tile coordinates are then in degrees of that tile's extent.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "riskmap/project/Project.hpp"
#include "riskmap/tiles/TileMatrixSet.hpp"

namespace riskmap {

struct VectorTileOptions {
  std::filesystem::path out;    // ends in .mbtiles (Web Mercator); a directory (CGCS2000)
  std::filesystem::path style;  // which tables to carry
  int minzoom = 0, maxzoom = 14;  // MapLibre overzooms past the last level
  TileMatrixSet matrix = TileMatrixSet::webMercator();
  bool quiet = false;
};

struct VectorTileReport {
  std::map<std::string, std::uint64_t> features;  // per layer, as written
  double seconds = 0;
};

VectorTileReport writeVectorTiles(const Project& project, const VectorTileOptions& options);

}  // namespace riskmap
