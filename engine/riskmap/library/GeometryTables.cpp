#include "riskmap/library/GeometryTables.hpp"

#include <gdal_priv.h>

#include <map>
#include <stdexcept>

#include "riskmap/library/ChainedLayer.hpp"

namespace riskmap::library {
namespace {

enum class Family { Points, Lines, Polygons, Collections };

const std::map<Family, std::string>& suffixOf() {
  static const std::map<Family, std::string> s{{Family::Polygons, "polygons"},
                                               {Family::Lines, "lines"},
                                               {Family::Points, "points"},
                                               {Family::Collections, "collections"}};
  return s;
}

Family familyOf(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint:
    case wkbMultiPoint: return Family::Points;
    case wkbLineString:
    case wkbMultiLineString: return Family::Lines;
    case wkbPolygon:
    case wkbMultiPolygon: return Family::Polygons;
    default: return Family::Collections;
  }
}

struct FamilyTypes {
  bool single = false, multi = false;
  OGRwkbGeometryType singleType = wkbUnknown;
  OGRwkbGeometryType declared() const {
    if (singleType == wkbUnknown) return wkbGeometryCollection;
    return multi ? OGR_GT_GetCollection(singleType) : singleType;
  }
};

std::map<Family, FamilyTypes> familiesIn(OGRLayer& l) {
  std::map<Family, FamilyTypes> out;
  l.ResetReading();
  for (auto& f : l) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;
    const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
    FamilyTypes& ft = out[familyOf(t)];
    if (familyOf(t) == Family::Collections) continue;
    const bool isMulti = OGR_GT_IsSubClassOf(t, wkbGeometryCollection);
    (isMulti ? ft.multi : ft.single) = true;
    ft.singleType = t == wkbMultiPoint ? wkbPoint : t == wkbMultiLineString ? wkbLineString : t == wkbMultiPolygon ? wkbPolygon : t;
  }
  l.ResetReading();
  return out;
}

// The geometry as the declared type: a single promoted to its MULTI.
OGRGeometry* asDeclared(OGRGeometry* g, OGRwkbGeometryType declared) {
  if (!g || wkbFlatten(g->getGeometryType()) == wkbFlatten(declared)) return g;
  if (!OGR_GT_IsSubClassOf(wkbFlatten(declared), wkbGeometryCollection) || wkbFlatten(declared) == wkbGeometryCollection)
    return g;
  return OGRGeometryFactory::forceTo(g, declared);
}

std::string gpkgTypeName(OGRwkbGeometryType t) {
  std::string n = OGRToOGCGeomType(wkbFlatten(t));
  return n;
}

void declare(GDALDataset& ds, const std::string& table, OGRwkbGeometryType type) {
  // GeoPackage only: a PostGIS table keeps its generic geometry column
  // (QGIS and GDAL read each part's one type from its rows).
  if (!ds.GetDriver() || !EQUAL(ds.GetDriver()->GetDescription(), "GPKG")) return;
  const std::string sql = "UPDATE gpkg_geometry_columns SET geometry_type_name = '" + gpkgTypeName(type) +
                          "' WHERE lower(table_name) = lower('" + table + "')";
  CPLErrorReset();
  ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (CPLGetLastErrorType() >= CE_Failure)
    throw std::runtime_error("cannot declare the geometry type of " + table + ": " + CPLGetLastErrorMsg());
}

int layerIndex(GDALDataset& ds, const std::string& name) {
  for (int i = 0; i < ds.GetLayerCount(); ++i)
    if (EQUAL(ds.GetLayer(i)->GetName(), name.c_str())) return i;
  return -1;
}

// Promotes the singles of a one-family table to MULTI in place.
void promote(OGRLayer& l, OGRwkbGeometryType declared) {
  std::vector<GIntBig> singles;
  for (auto& f : l)
    if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) != wkbFlatten(declared))
      singles.push_back(f->GetFID());
  for (GIntBig fid : singles) {
    OGRFeatureUniquePtr f(l.GetFeature(fid));
    f->SetGeometryDirectly(asDeclared(f->StealGeometry(), declared));
    if (l.SetFeature(f.get()) != OGRERR_NONE) throw std::runtime_error(std::string("cannot rewrite ") + l.GetName());
  }
}

OGRLayer* createPart(GDALDataset& ds, OGRLayer& whole, const std::string& name, OGRwkbGeometryType type) {
  CPLStringList opts;
  opts.AddString("FID=fid");
  opts.AddString(("GEOMETRY_NAME=" + std::string(whole.GetGeometryColumn()[0] ? whole.GetGeometryColumn() : "geom")).c_str());
  if (const char* d = whole.GetMetadataItem("DESCRIPTION"); d && *d) opts.AddString((std::string("DESCRIPTION=") + d).c_str());
  const int existing = layerIndex(ds, name);
  if (existing >= 0) ds.DeleteLayer(existing);
  OGRLayer* part = ds.CreateLayer(name.c_str(), whole.GetSpatialRef(), type, opts.List());
  if (!part) throw std::runtime_error("cannot create table " + name);
  OGRFeatureDefn* defn = whole.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    if (part->CreateField(defn->GetFieldDefn(i)) != OGRERR_NONE) throw std::runtime_error("cannot create the fields of " + name);
  return part;
}

}  // namespace

const std::vector<std::string>& geometryPartSuffixes() {
  static const std::vector<std::string> s{"polygons", "lines", "points", "collections"};
  return s;
}

std::vector<std::string> settleGeometryType(GDALDataset& ds, const std::string& table) {
  OGRLayer* l = ds.GetLayerByName(table.c_str());
  if (!l || l->GetLayerDefn()->GetGeomFieldCount() == 0 || wkbFlatten(l->GetGeomType()) != wkbUnknown) return {table};
  const std::map<Family, FamilyTypes> families = familiesIn(*l);
  if (families.empty()) {
    declare(ds, table, wkbPoint);
    return {table};
  }
  if (families.size() == 1) {
    const OGRwkbGeometryType type = families.begin()->second.declared();
    if (families.begin()->second.single && families.begin()->second.multi) promote(*l, type);
    declare(ds, table, type);
    return {table};
  }
  std::map<Family, OGRLayer*> parts;
  std::vector<std::string> names;
  for (const auto& [family, types] : families) {
    const std::string name = table + "_" + suffixOf().at(family);
    parts[family] = createPart(ds, *l, name, types.declared());
    names.push_back(name);
  }
  l = ds.GetLayerByName(table.c_str());  // creating layers may have moved it
  l->ResetReading();
  for (auto& f : *l) {
    OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;  // a feature without geometry has no family; the writers never write one
    const Family family = familyOf(g->getGeometryType());
    OGRLayer* part = parts.at(family);
    OGRFeature out(part->GetLayerDefn());
    out.SetFrom(f.get(), TRUE);
    out.SetFID(f->GetFID());
    out.SetGeometryDirectly(asDeclared(out.StealGeometry(), families.at(family).declared()));
    if (part->CreateFeature(&out) != OGRERR_NONE) throw std::runtime_error("cannot write " + std::string(part->GetName()));
  }
  ds.DeleteLayer(layerIndex(ds, table));
  return names;
}

std::vector<OGRLayer*> tableParts(GDALDataset& ds, const std::string& name) {
  if (layerIndex(ds, name) >= 0) return {ds.GetLayerByName(name.c_str())};
  std::vector<OGRLayer*> parts;
  for (const std::string& s : geometryPartSuffixes())
    if (layerIndex(ds, name + "_" + s) >= 0) parts.push_back(ds.GetLayerByName((name + "_" + s).c_str()));
  return parts;
}

void dropTableAndParts(GDALDataset& ds, const std::string& name) {
  if (const int i = layerIndex(ds, name); i >= 0) ds.DeleteLayer(i);
  for (const std::string& s : geometryPartSuffixes())
    if (const int i = layerIndex(ds, name + "_" + s); i >= 0) ds.DeleteLayer(i);
}

Table openTable(GDALDataset& ds, const std::string& name) {
  std::vector<OGRLayer*> parts = tableParts(ds, name);
  if (parts.empty()) return {};
  if (parts.size() == 1 && EQUAL(parts.front()->GetName(), name.c_str())) return Table(parts.front());
  return Table(std::make_unique<ChainedLayer>(name, std::move(parts)));
}

}  // namespace riskmap::library
