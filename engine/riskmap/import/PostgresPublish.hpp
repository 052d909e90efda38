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
#include <memory>
#include <string>
#include <vector>

#include "riskmap/core/Files.hpp"

#include "riskmap/library/Library.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap {

// The layer-creation options of every table riskmap imports into PostGIS
// (geometry column `geom`, a GiST index, names as given, ids in `fid`).
const std::vector<std::string>& postgresTableOptions();

// The raster layers of the scratch GeoPackage (those of `layers` stored as
// rasters), each written as its GeoTIFF beside the project under a
// temporary name: commit() renames each in, once the tables are committed.
std::vector<std::unique_ptr<PendingFile>> writeRasterFiles(const std::string& scratch, const library::Location& library,
                                                           const std::vector<library::LayerEntry>& layers);

void publishToPostgres(const std::string& scratch, const library::Location& library,
                       const std::vector<library::LayerEntry>& layers);

}  // namespace riskmap
