#pragma once
// QGIS's own tables in a PostGIS library, written as QGIS writes them, so
// QGIS reads riskmap's map the way it reads one of its users' (docs/postgis.md):
// - public.layer_styles: a table's default style, looked up by database,
//   schema, table and geometry column (QgsPostgresUtils::createStylesTable's
//   columns; the QML and SLD through XMLPARSE(DOCUMENT ...), as
//   QgsPostgresProvider's saveStyle stores them);
// - <schema>.qgis_projects(name, metadata JSONB, content BYTEA): a project,
//   the .qgz bytes (QgsPostgresProjectStorage), opened in QGIS as
//   postgresql://...?dbname=<db>&schema=<schema>&project=<name>.
// Everything runs on the dataset's connection, so inside the library's
// open transaction.
#include <ogr_core.h>

#include <string>

class GDALDataset;
class OGRLayer;

namespace riskmap::qgis {

struct LayerStyle;

// The dataset is a PostgreSQL one (GDAL's PostgreSQL driver).
bool isPostgres(GDALDataset& ds);

// Where the library is, as a QGIS data source names it.
struct PostgresLibrary {
  std::string database, schema;
  // libpq keywords of the connection riskmap uses ("host='/run/pg' port='5432' user='riskmap'");
  // never a password (QGIS takes it from ~/.pgpass, PGPASSWORD or its own authentication).
  std::string connection;
};

PostgresLibrary postgresLibrary(GDALDataset& ds);

// A table's source for QGIS's postgres provider: connection, key, srid, type and "schema"."table" (geometry column).
std::string postgresLayerSource(const PostgresLibrary& lib, OGRLayer& table, OGRwkbGeometryType type);

// The one geometry type a table holds (its declared type, or for a
// generic PostGIS column the type of its rows: MULTI when any row is;
// wkbPoint for an empty table, as settleGeometryType declares one).
OGRwkbGeometryType storedGeometryType(GDALDataset& ds, OGRLayer& table);

// Replaces riskmap's style of the table (same style name) and makes it the default one.
void writePostgresLayerStyle(GDALDataset& ds, const LayerStyle& style);

// Stores the project (the .qgz bytes, hex-encoded) under `name` in the schema's qgis_projects.
void storePostgresProject(GDALDataset& ds, const std::string& name, const std::string& qgzHex);

}  // namespace riskmap::qgis
