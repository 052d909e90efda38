#pragma once
// Where the one library is: a GeoPackage file (the embedded default) or a
// PostgreSQL/PostGIS database (docs/postgis.md). The project's `library`
// key is either a path ("out/county.gpkg", relative to the project file)
// or a connection string: "postgresql://user@host:port/db?options" (a
// libpq URI, "postgres://" too) or GDAL's "PG:host=... dbname=...".
//
// Files riskmap writes beside the library (the risk grid, tiles, the
// writer's lock, period snapshots, and for PostGIS the population raster)
// are named from sidePath(): the GeoPackage itself, or for PostGIS
// "<project folder>/<database name>" (files "<dbname>_risk_grid.tif", ...).
#include <filesystem>
#include <string>

#include <gdal_priv.h>

namespace riskmap::library {

class Location {
 public:
  Location() = default;
  // A GeoPackage path as given (absolute or relative to the working folder).
  Location(std::filesystem::path gpkg);  // NOLINT: a path is a GeoPackage location
  // The project's `library` value; a relative path is taken from baseDir,
  // and so are a database's side files.
  static Location parse(const std::string& text, const std::filesystem::path& baseDir);

  bool isPostgres() const { return postgres_; }
  // What GDALOpenEx takes: the file's path, or "PG:<connection string>".
  const std::string& gdalName() const { return gdal_; }
  // The GeoPackage file, or the database's stand-in for naming side files.
  const std::filesystem::path& sidePath() const { return side_; }
  // Changes whenever the library is written: the file's size and time, or
  // the database's count of rows inserted, updated and deleted (its statistics).
  std::string changeStamp() const;
  // For messages: the path, or the connection string with any password hidden.
  std::string displayName() const;
  // The GeoPackage exists; the database answers and holds riskmap's tables.
  bool exists() const;
  // The library's own data set (read-only unless flags say GDAL_OF_UPDATE);
  // UserError naming displayName() if it does not open.
  GDALDatasetUniquePtr open(unsigned flags) const;
  // A raster layer's data set: the GeoPackage's raster table, or for
  // PostGIS the GeoTIFF import wrote beside the project (rasterFile).
  GDALDatasetUniquePtr openRaster(const std::string& table) const;
  // PostGIS: the GeoTIFF holding raster layer `table` ("<side>_<table>.tif").
  std::filesystem::path rasterFile(const std::string& table) const;

 private:
  bool postgres_ = false;
  std::string gdal_;
  std::filesystem::path side_;
};

}  // namespace riskmap::library
