#pragma once
// A finished import moved into a PostGIS library (docs/postgis.md). The
// import is built exactly as for a GeoPackage, in a scratch GeoPackage
// beside the project (every check, reject and repair is the same code);
// this step then replaces the database's tables with the scratch's in ONE
// PostgreSQL transaction (DDL included), so a failed or killed import
// leaves the previous library. Each table gets a GiST spatial index (GDAL's
// SPATIAL_INDEX=GIST). Raster layers are not stored in the database: each
// becomes a tiled, compressed GeoTIFF beside the project
// (Location::rasterFile), renamed into place after the commit.
#include <string>
#include <vector>

#include "riskmap/library/Library.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap {

void publishToPostgres(const std::string& scratch, const library::Location& library,
                       const std::vector<library::LayerEntry>& layers);

}  // namespace riskmap
