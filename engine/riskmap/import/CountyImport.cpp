#include "riskmap/import/CountyImport.hpp"

#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include <cpl_conv.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/TestHooks.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/PostgresPublish.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/library/Transaction.hpp"

namespace riskmap {
namespace {

constexpr const char* kRejectCounty = "county";  // the rejects' column naming their county

std::string quoted(const std::string& name) { return "\"" + name + "\""; }
std::string text(const std::string& value) { return "'" + std::regex_replace(value, std::regex("'"), "''") + "'"; }

// Runs one SQL statement; UserError naming `where` if it fails.
void exec(GDALDataset& ds, const std::string& sql, const std::string& where) {
  GdalErrorCapture errors;
  CPLErrorReset();
  if (OGRLayer* r = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
    while (OGRFeatureUniquePtr f{r->GetNextFeature()}) {
    }
    ds.ReleaseResultSet(r);
  }
  if (CPLGetLastErrorType() >= CE_Failure) throw UserError(where + ": " + sql + ": " + errors.lastError());
}

long long count(GDALDataset& ds, const std::string& sql) {
  long long n = 0;
  if (OGRLayer* r = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
    if (OGRFeatureUniquePtr f{r->GetNextFeature()}) n = f->GetFieldAsInteger64(0);
    ds.ReleaseResultSet(r);
  }
  return n;
}

// The source field a layer's county field comes from (a mapped name, or its own).
std::string sourceField(const LayerSpec& spec, const std::string& field) {
  const auto it = spec.fields.find(field);
  return it == spec.fields.end() ? field : it->second;
}

std::vector<std::string> partNames(GDALDataset& ds, const std::string& table) {
  std::vector<std::string> out;
  for (OGRLayer* l : library::tableParts(ds, table)) out.emplace_back(l->GetName());
  return out;
}

void writeCountyBalance(GDALDataset& ds, const std::string& code, const std::vector<library::LayerEntry>& entries) {
  OGRLayer* t = ds.CreateLayer(kCountyImportsTable, nullptr, wkbNone, nullptr);
  if (!t) throw std::runtime_error(std::string("cannot create ") + kCountyImportsTable);
  for (const char* name : {"county", "layer", "kind", "imported_at"}) {
    OGRFieldDefn f(name, OFTString);
    t->CreateField(&f);
  }
  for (const char* name : {"read", "accepted", "rejected", "repaired"}) {
    OGRFieldDefn f(name, OFTInteger64);
    t->CreateField(&f);
  }
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  for (const auto& e : entries) {
    OGRFeature f(t->GetLayerDefn());
    f.SetField("county", code.c_str());
    f.SetField("layer", e.name.c_str());
    f.SetField("kind", e.kind.c_str());
    f.SetField("imported_at", stamp);
    f.SetField("read", static_cast<GIntBig>(e.read));
    f.SetField("accepted", static_cast<GIntBig>(e.accepted));
    f.SetField("rejected", static_cast<GIntBig>(e.rejected));
    f.SetField("repaired", static_cast<GIntBig>(e.repaired));
    if (t->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write ") + kCountyImportsTable);
  }
}

// Holds PostgreSQL's advisory lock for riskmap's table creation on a
// connection of its own, so that the connection opened after it sees every
// table a concurrent import created before (GDAL lists tables once).
class CreationLock {
 public:
  explicit CreationLock(const library::Location& library) : ds_(library.open(GDAL_OF_VECTOR)) {
    exec(*ds_, "SELECT pg_advisory_lock(hashtext('riskmap import: table creation'))", library.displayName());
  }  // closing the connection releases it

 private:
  GDALDatasetUniquePtr ds_;
};

// Creates `name` in `to` like the scratch's (PostGIS: the options of a full
// import), or adds the columns it lacks.
OGRLayer* prepareTable(GDALDataset& from, GDALDataset& to, const std::string& name, const library::Location& library) {
  OGRLayer* in = from.GetLayerByName(name.c_str());
  OGRLayer* out = to.GetLayerByName(name.c_str());
  GdalErrorCapture errors;
  auto fail = [&] { throw UserError(library.displayName() + ": cannot create table '" + name + "': " + errors.lastError()); };
  if (!out) {
    CPLStringList options;
    if (library.isPostgres())
      for (const std::string& o : postgresTableOptions()) options.AddString(o.c_str());
    out = to.CreateLayer(name.c_str(), in->GetSpatialRef(), in->GetGeomType(), options.List());
    if (!out) fail();
  }
  OGRFeatureDefn* defn = in->GetLayerDefn();
  for (int f = 0; f < defn->GetFieldCount(); ++f)
    if (out->GetLayerDefn()->GetFieldIndex(defn->GetFieldDefn(f)->GetNameRef()) < 0 &&
        out->CreateField(defn->GetFieldDefn(f)) != OGRERR_NONE)
      fail();
  out->ResetReading();  // PostGIS: a table created without rows is created now, in this transaction
  return out;
}

// Appends `in`'s rows to `out` with new ids (skip: rows to leave out).
template <class Skip>
void appendRows(OGRLayer& in, OGRLayer& out, const std::string& library, Skip skip) {
  GdalErrorCapture errors;
  const OGRwkbGeometryType declared = out.GetGeomType();
  in.ResetReading();
  for (auto& feature : in) {
    if (skip(*feature)) continue;
    OGRFeature row(out.GetLayerDefn());
    row.SetFrom(feature.get(), TRUE);
    row.SetFID(OGRNullFID);
    // A GeoPackage table declared MULTIPOLYGON takes this county's single polygons as multi.
    if (OGRGeometry* g = row.GetGeometryRef(); g && declared != wkbUnknown && g->getGeometryType() != declared)
      row.SetGeometryDirectly(OGRGeometryFactory::forceTo(row.StealGeometry(), declared));
    if (out.CreateFeature(&row) != OGRERR_NONE)
      throw UserError(library + ": cannot write table '" + out.GetName() + "': " + errors.lastError());
  }
}

}  // namespace

void checkCountyScope(const CountyScope& county) {
  static const std::regex plain("[A-Za-z0-9_.-]+");
  if (!std::regex_match(county.code, plain))
    throw UserError("--county: '" + county.code + "' is not a county code (letters, digits, '_', '-', '.')");
  if (!std::regex_match(county.field, std::regex("[A-Za-z_][A-Za-z0-9_]*")))
    throw UserError("--county-field: '" + county.field + "' is not a field name");
}

bool readsCountyOnly(const Project& project, const LayerRegistry& kinds, std::size_t index) {
  const LayerSpec& spec = project.layers[index];
  if (!spec.related.empty()) return false;
  const std::string id = kinds.get(spec.kind).idField();
  if (id.empty()) return true;
  for (const LayerSpec& other : project.layers)
    for (const FieldSpec& f : kinds.get(other.kind).fields())
      if (f.references == id) return false;
  return true;
}

void readCountyOnly(SourceLayer& src, const LayerSpec& spec, const CountyScope& county) {
  const int index = src.fieldIndex(sourceField(spec, county.field));
  if (index < 0) return;  // keepOnlyCounty says the field is missing
  OGRFieldDefn* defn = src.layer().GetLayerDefn()->GetFieldDefn(index);
  const std::string field = quoted(defn->GetNameRef());  // as the source spells it
  std::string mine;
  if (defn->GetType() == OFTString)
    mine = field + " = " + text(county.code) + " OR " + field + " IS NULL OR " + field + " = ''";
  else if ((defn->GetType() == OFTInteger || defn->GetType() == OFTInteger64 || defn->GetType() == OFTReal) &&
           std::regex_match(county.code, std::regex("[0-9]{1,15}")))
    mine = field + " = " + county.code + " OR " + field + " IS NULL";
  else
    return;
  const std::string where = spec.where.empty() ? mine : "(" + spec.where + ") AND (" + mine + ")";
  GdalErrorCapture errors;
  if (src.layer().SetAttributeFilter(where.c_str()) != OGRERR_NONE)
    throw UserError(src.path() + ", layer '" + src.layerName() + "': cannot read county " + county.code + " only (" +
                    where + "): " + errors.lastError());
}

void keepOnlyCounty(GDALDataset& ds, const Project& project, const std::vector<bool>& raster, const CountyScope& county,
                    std::vector<library::LayerEntry>& entries, std::vector<std::string>& warnings) {
  const std::string field = quoted(county.field), code = text(county.code);
  OGRLayer* rejects = ds.GetLayerByName(library::kRejectsTable);
  OGRFieldDefn countyColumn(kRejectCounty, OFTString);
  rejects->CreateField(&countyColumn);
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (raster[i]) continue;
    const LayerSpec& spec = project.layers[i];
    long long kept = 0, noCode = 0, repaired = 0;
    for (const std::string& part : partNames(ds, spec.name)) {
      if (ds.GetLayerByName(part.c_str())->GetLayerDefn()->GetFieldIndex(county.field.c_str()) < 0)
        throw UserError(spec.source + ", layer '" + spec.name + "': no county field '" + county.field +
                        "' (import --county keeps a county's rows by it; --county-field names another)");
      const std::string where = project.file.string() + ", layer '" + spec.name + "'";
      noCode += count(ds, "SELECT COUNT(*) FROM " + quoted(part) + " WHERE " + field + " IS NULL OR CAST(" + field +
                              " AS TEXT) = ''");
      exec(ds, "DELETE FROM " + quoted(part) + " WHERE " + field + " IS NULL OR CAST(" + field + " AS TEXT) <> " + code,
           where);
      kept += count(ds, "SELECT COUNT(*) FROM " + quoted(part));
      repaired += count(ds, "SELECT COUNT(*) FROM " + quoted(part) + " WHERE repair IS NOT NULL AND repair <> ''");
    }
    if (noCode > 0)
      warnings.push_back(spec.source + ", layer '" + spec.name + "': " + std::to_string(noCode) + " features have no " +
                         county.field + " and belong to no county: not imported");
    // A reject's county is its record's own code; one without a code is the importing county's.
    exec(ds, "UPDATE " + quoted(library::kRejectsTable) + " SET " + kRejectCounty + " = CAST(json_extract(attributes, " +
                 text("$.\"" + sourceField(spec, county.field) + "\"") + ") AS TEXT) WHERE layer = " + text(spec.name),
         project.file.string());
    entries[i].accepted = kept;
    entries[i].repaired = repaired;
  }
  exec(ds, "UPDATE rejects SET county = " + code + " WHERE county IS NULL OR county = ''", project.file.string());
  exec(ds, "DELETE FROM rejects WHERE county <> " + code, project.file.string());
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    if (raster[i]) continue;
    entries[i].rejected = count(ds, "SELECT COUNT(*) FROM rejects WHERE layer = " + text(project.layers[i].name));
    entries[i].read = entries[i].accepted + entries[i].rejected;
  }
  writeCountyBalance(ds, county.code, entries);
}

void mergeCounty(const std::string& scratch, const library::Location& library, const Project& project,
                 const std::vector<bool>& raster, const CountyScope& county) {
  const std::string name = library.displayName();
  GDALDatasetUniquePtr from = openDataset(scratch, GDAL_OF_VECTOR | GDAL_OF_READONLY);
  // The tables this import fills, each with the column naming its county.
  std::vector<std::pair<std::string, std::string>> tables;
  std::vector<std::string> logical;
  for (std::size_t i = 0; i < project.layers.size(); ++i)
    if (!raster[i]) {
      logical.push_back(project.layers[i].name);
      for (const std::string& part : partNames(*from, project.layers[i].name)) tables.emplace_back(part, county.field);
    }
  tables.emplace_back(library::kRejectsTable, kRejectCounty);
  tables.emplace_back(kCountyImportsTable, "county");

  std::optional<CreationLock> creation;
  if (library.isPostgres()) creation.emplace(library);
  // New rows' ids are not read back, so GDAL's PostgreSQL driver sends them by COPY, not an INSERT each
  // (it reads the option as it opens each table; a county's new rows take new ids from the table).
  CPLConfigOptionSetter copyRows("OGR_PG_RETRIEVE_FID", "NO", true);
  GDALDatasetUniquePtr to = library.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  {  // 1. Tables and columns the library lacks, and the project's bookkeeping.
    library::Transaction transaction(*to, name);
    for (const std::string& table : logical) {
      const std::vector<std::string> have = partNames(*to, table), bring = partNames(*from, table);
      if (!have.empty() && !bring.empty() && (have.front() == table) != (bring.front() == table))
        throw UserError(name + ", table '" + table + "': this county's features " +
                        (bring.front() == table ? "are of one geometry type" : "are split by geometry type") +
                        ", the library's are not; a full import (without --county) settles the table anew");
    }
    for (const auto& [table, column] : tables) prepareTable(*from, *to, table, library);
    for (const char* table : {library::kProjectTable, library::kLayersTable}) {
      const bool created = !to->GetLayerByName(table);
      OGRLayer* out = prepareTable(*from, *to, table, library);
      std::set<std::string> listed;  // the layers the library already lists
      if (!created && std::string(table) == library::kLayersTable)
        for (auto& f : *out) listed.insert(f->GetFieldAsString("name"));
      if (created || std::string(table) == library::kLayersTable)
        appendRows(*from->GetLayerByName(table), *out, name,
                   [&](OGRFeature& f) { return !created && listed.count(f.GetFieldAsString("name")) > 0; });
    }
    transaction.commit();
  }
  creation.reset();
  // 2. The county's rows replaced, in one transaction.
  library::Transaction transaction(*to, name);
  for (const auto& [table, column] : tables)
    exec(*to, "DELETE FROM " + quoted(table) + " WHERE CAST(" + quoted(column) + " AS TEXT) = " + text(county.code),
         name);
  for (const auto& [table, column] : tables)
    appendRows(*from->GetLayerByName(table.c_str()), *to->GetLayerByName(table.c_str()), name,
               [](OGRFeature&) { return false; });
  holdForTests("RISKMAP_HOLD_BEFORE_COMMIT", "rows written, not committed");
  transaction.commit();
}

}  // namespace riskmap
