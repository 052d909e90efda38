#include "riskmap/qgis/PostgresStorage.hpp"

#include <libpq-fe.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "riskmap/qgis/LayerStyles.hpp"

namespace riskmap::qgis {
namespace {

std::string literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string identifier(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A statement on the dataset's connection; runtime_error with the server's message when it fails.
void run(GDALDataset& ds, const std::string& sql, const std::string& what) {
  CPLErrorReset();
  if (OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) ds.ReleaseResultSet(result);
  if (CPLGetLastErrorType() >= CE_Failure) throw std::runtime_error(what + ": " + CPLGetLastErrorMsg());
}

// The rows of a query, each as its fields' text.
std::vector<std::vector<std::string>> rows(GDALDataset& ds, const std::string& sql, const std::string& what) {
  CPLErrorReset();
  OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (!result || CPLGetLastErrorType() >= CE_Failure) {
    if (result) ds.ReleaseResultSet(result);
    throw std::runtime_error(what + ": " + CPLGetLastErrorMsg());
  }
  std::vector<std::vector<std::string>> out;
  for (auto& f : *result) {
    std::vector<std::string> row;
    for (int i = 0; i < f->GetFieldCount(); ++i) row.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
    out.push_back(std::move(row));
  }
  ds.ReleaseResultSet(result);
  return out;
}

// libpq's keywords of the dataset's connection string (GDAL's own keywords,
// active_schema, schemas and tables, left out first), without the password.
std::string connectionKeywords(const std::string& gdalName) {
  std::string conninfo = gdalName.rfind("PG:", 0) == 0 ? gdalName.substr(3) : gdalName;
  conninfo = std::regex_replace(conninfo, std::regex(R"((^|\s)(active_schema|schemas|tables)=('[^']*'|\S*))"), "$1");
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(conninfo.c_str(), &error),
                                                                        &PQconninfoFree);
  if (!options) {
    const std::string why = error ? error : "unreadable";
    PQfreemem(error);
    throw std::runtime_error("the connection string cannot be read for QGIS: " + why);
  }
  static const std::set<std::string> kept{"host", "port", "user", "sslmode", "service"};
  std::string out;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val || !*o->val || !kept.count(o->keyword)) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) value += *c == '\'' || *c == '\\' ? std::string("\\") + *c : std::string(1, *c);
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  return out;
}

std::string typeName(OGRwkbGeometryType t) {
  return OGRToOGCGeomType(wkbFlatten(t));  // POINT, MULTIPOLYGON, ...
}

}  // namespace

bool isPostgres(GDALDataset& ds) {
  return ds.GetDriver() && EQUAL(ds.GetDriver()->GetDescription(), "PostgreSQL");
}

PostgresLibrary postgresLibrary(GDALDataset& ds) {
  const auto r = rows(ds, "SELECT current_database(), current_schema()", "cannot ask the database its name");
  if (r.empty() || r[0].size() != 2) throw std::runtime_error("cannot ask the database its name and schema");
  return {r[0][0], r[0][1], connectionKeywords(ds.GetDescription())};
}

std::string postgresLayerSource(const PostgresLibrary& lib, OGRLayer& table, OGRwkbGeometryType type) {
  std::string srid = "0";
  if (const OGRSpatialReference* srs = table.GetSpatialRef())
    if (const char* code = srs->GetAuthorityCode(nullptr)) srid = code;
  std::string source = "dbname=" + literal(lib.database) + (lib.connection.empty() ? "" : " " + lib.connection);
  if (*table.GetFIDColumn()) source += " key=" + literal(table.GetFIDColumn());
  // QGIS names types in mixed case (MultiPolygon); OGC's upper-case names are what it parses too.
  source += " srid=" + srid + " type=" + typeName(type) + " checkPrimaryKeyUnicity='0' table=" + identifier(lib.schema) +
            "." + identifier(table.GetName()) + " (" + table.GetGeometryColumn() + ")";
  return source;
}

OGRwkbGeometryType storedGeometryType(GDALDataset& ds, OGRLayer& table) {
  if (wkbFlatten(table.GetGeomType()) != wkbUnknown || !isPostgres(ds)) return table.GetGeomType();
  const auto found = rows(ds,
                          "SELECT DISTINCT upper(GeometryType(" + identifier(table.GetGeometryColumn()) + ")) FROM " +
                              identifier(table.GetName()) + " WHERE " + identifier(table.GetGeometryColumn()) + " IS NOT NULL",
                          std::string("cannot read the geometry types of ") + table.GetName());
  OGRwkbGeometryType single = wkbPoint, multi = wkbUnknown;  // an empty table: settleGeometryType's default
  for (const auto& row : found) {
    const OGRwkbGeometryType t = OGRFromOGCGeomType(row[0].c_str());
    (OGR_GT_IsSubClassOf(t, wkbGeometryCollection) ? multi : single) = t;
  }
  return multi != wkbUnknown ? multi : single;
}

void writePostgresLayerStyle(GDALDataset& ds, const LayerStyle& style) {
  const PostgresLibrary lib = postgresLibrary(ds);
  const std::string what = "cannot write public.layer_styles for " + style.table;
  // QGIS's table as QGIS makes it; `type` as QGIS adds it to an older one.
  run(ds,
      "CREATE TABLE IF NOT EXISTS public.layer_styles(id SERIAL PRIMARY KEY, f_table_catalog varchar, "
      "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, styleName text, styleQML xml, "
      "styleSLD xml, useAsDefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, "
      "update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar, r_raster_column varchar)",
      what);
  run(ds, "ALTER TABLE public.layer_styles ADD COLUMN IF NOT EXISTS type varchar", what);
  const std::string table = "f_table_catalog=" + literal(lib.database) + " AND f_table_schema=" + literal(lib.schema) +
                            " AND f_table_name=" + literal(style.table) +
                            " AND f_geometry_column=" + literal(style.geometryColumn);
  run(ds, "DELETE FROM public.layer_styles WHERE " + table + " AND styleName=" + literal(style.name), what);
  run(ds, "UPDATE public.layer_styles SET useAsDefault=false WHERE " + table, what);
  run(ds,
      "INSERT INTO public.layer_styles(f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
      "styleQML, styleSLD, useAsDefault, description, type) VALUES (" +
          literal(lib.database) + ", " + literal(lib.schema) + ", " + literal(style.table) + ", " +
          literal(style.geometryColumn) + ", " + literal(style.name) + ", XMLPARSE(DOCUMENT " + literal(style.qml) + "), " +
          (style.sld.empty() ? std::string("NULL") : "XMLPARSE(DOCUMENT " + literal(style.sld) + ")") + ", true, " +
          literal(style.description) + ", " + (style.geometryType.empty() ? "NULL" : literal(style.geometryType)) + ")",
      what);
}

void storePostgresProject(GDALDataset& ds, const std::string& name, const std::string& qgzHex) {
  const PostgresLibrary lib = postgresLibrary(ds);
  const std::string projects = identifier(lib.schema) + ".qgis_projects";
  const std::string what = "cannot store the QGIS project in " + lib.schema + ".qgis_projects";
  run(ds, "CREATE TABLE IF NOT EXISTS " + projects + "(name TEXT PRIMARY KEY, metadata JSONB, content BYTEA)", what);
  run(ds,
      "INSERT INTO " + projects + " VALUES (" + literal(name) +
          ", jsonb_build_object('last_modified_time', (now() AT TIME ZONE 'utc')::text, 'last_modified_user', "
          "current_user), decode(" + literal(qgzHex) + ", 'hex')) "
          "ON CONFLICT (name) DO UPDATE SET content = EXCLUDED.content, metadata = EXCLUDED.metadata",
      what);
}

}  // namespace riskmap::qgis
