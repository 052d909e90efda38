#include "riskmap/regional/RegionalMap.hpp"

#include <geos_c.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <chrono>
#include <optional>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/geometry/Geos.hpp"
#include "riskmap/qgis/LayerStyles.hpp"
#include "riskmap/regional/Palette.hpp"
#include "riskmap/regional/RiskGrid.hpp"

namespace riskmap {
namespace {

struct Zone {
  std::unique_ptr<OGRGeometry> geometry;
  RiskGrade grade;
};

std::vector<Zone> readZones(GDALDataset& ds, const std::string& table) {
  OGRLayer* fp = ds.GetLayerByName(table.c_str());
  if (!fp) throw std::runtime_error("no " + table + " table");
  fp->SetAttributeFilter("zone_grade IS NOT NULL");
  std::vector<Zone> zones;
  for (auto& f : *fp) {
    if (!f->GetGeometryRef()) continue;
    zones.push_back({std::unique_ptr<OGRGeometry>(f->StealGeometry()), *parseRiskGrade(f->GetFieldAsString("zone_grade"))});
  }
  fp->SetAttributeFilter(nullptr);
  return zones;
}

std::unique_ptr<OGRGeometry> unionOf(GDALDataset& ds, const std::string& table) {
  OGRLayer* l = ds.GetLayerByName(table.c_str());
  if (!l) throw UserError("study area table '" + table + "' is not in the one library");
  std::vector<OGRFeatureUniquePtr> features;
  std::vector<const OGRGeometry*> parts;
  for (auto& f : *l)
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      parts.push_back(g);
      features.emplace_back(f.release());
    }
  return dissolve(parts);
}


void addPolygons(const OGRGeometry& g, OGRMultiPolygon& out) {
  const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
  if (type == wkbPolygon) out.addGeometry(&g);
  else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection))
    for (const OGRGeometry* part : *g.toGeometryCollection()) addPolygons(*part, out);
}

// The polygons of an overlay's result as one MultiPolygon: the lines and
// points an intersection or difference also yields where outlines touch
// have no area, and a GeometryCollection would not go into a MultiPolygon
// column (PostGIS refuses it; a GeoPackage takes it silently).
std::unique_ptr<OGRGeometry> polygonsOnly(std::unique_ptr<OGRGeometry> g) {
  auto out = std::make_unique<OGRMultiPolygon>();
  if (g) addPolygons(*g, *out);
  if (g && g->getSpatialReference()) out->assignSpatialReference(g->getSpatialReference());
  return out;
}

OGRLayer* freshTable(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, OGRwkbGeometryType type) {
  for (int i = 0; i < ds.GetLayerCount(); ++i)
    if (EQUAL(ds.GetLayer(i)->GetName(), name)) ds.DeleteLayer(i);
  CPLStringList opts;
  opts.AddString("FID=fid");
  opts.AddString("GEOMETRY_NAME=geom");
  return ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, opts.List());
}

void addFields(OGRLayer* l, std::initializer_list<std::pair<const char*, OGRFieldType>> fields) {
  for (const auto& [n, t] : fields) {
    OGRFieldDefn f(n, t);
    l->CreateField(&f);
  }
}

Combination combinationFrom(const Rules& regional) {
  Combination c;
  const toml::table* t = regional.table("combination");
  const std::string method = t ? (*t)["method"].value_or(std::string("highest")) : "highest";
  if (method != "highest" && method != "additive")
    throw UserError(regional.source() + ": combination.method must be \"highest\" or \"additive\"");
  c.additive = method == "additive";
  for (RiskGrade g : {RiskGrade::Low, RiskGrade::Moderate, RiskGrade::High, RiskGrade::Major})
    c.weights[static_cast<int>(g)] = regional.number(std::string("combination.weights.") + riskGradeName(g));
  c.majorFrom = regional.number("combination.major_from");
  c.highFrom = regional.number("combination.high_from");
  c.moderateFrom = regional.number("combination.moderate_from");
  return c;
}

// Highest grade wins: each grade's zones, clipped to the study area, minus everything graded higher.
std::map<RiskGrade, std::unique_ptr<OGRGeometry>> highestWins(const std::vector<Zone>& zones, const OGRGeometry& study) {
  std::map<RiskGrade, std::unique_ptr<OGRGeometry>> byGrade;
  std::unique_ptr<OGRGeometry> higher = std::make_unique<OGRMultiPolygon>();
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate}) {
    std::vector<const OGRGeometry*> parts;
    for (const Zone& z : zones)
      if (z.grade == g) parts.push_back(z.geometry.get());
    std::unique_ptr<OGRGeometry> u = dissolve(parts);
    std::unique_ptr<OGRGeometry> clipped(u->Intersection(&study));
    byGrade[g] = polygonsOnly(std::unique_ptr<OGRGeometry>(clipped->Difference(higher.get())));
    higher.reset(higher->Union(clipped.get()));
  }
  byGrade[RiskGrade::Low] = polygonsOnly(std::unique_ptr<OGRGeometry>(study.Difference(higher.get())));
  return byGrade;
}

// Additive: the zones' boundaries cut the study area into faces on which
// the index is constant; each face is classified by the weights covering
// an interior point, and the faces dissolved by grade. Exact, like the above.
std::map<RiskGrade, std::unique_ptr<OGRGeometry>> additive(const std::vector<Zone>& zones, const OGRGeometry& study,
                                                           const Combination& combination) {
  GeosContext geos;
  std::vector<GEOSGeometry*> lines;
  auto addBoundary = [&](const OGRGeometry& g) {
    GeosGeometryPtr gg = toGeos(geos, g);
    lines.push_back(GEOSBoundary_r(geos.handle(), gg.get()));
  };
  addBoundary(study);
  for (const Zone& z : zones) addBoundary(*z.geometry);
  GeosGeometryPtr all(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, lines.data(),
                                                  static_cast<unsigned>(lines.size())),
                      GeosGeometryDeleter{geos.handle()});
  GeosGeometryPtr noded(GEOSUnaryUnion_r(geos.handle(), all.get()), GeosGeometryDeleter{geos.handle()});
  const GEOSGeometry* input = noded.get();
  GeosGeometryPtr faces(GEOSPolygonize_r(geos.handle(), &input, 1), GeosGeometryDeleter{geos.handle()});
  std::map<RiskGrade, std::vector<std::unique_ptr<OGRGeometry>>> byGrade;
  for (int i = 0; i < GEOSGetNumGeometries_r(geos.handle(), faces.get()); ++i) {
    const GEOSGeometry* g = GEOSGetGeometryN_r(geos.handle(), faces.get(), i);
    GeosGeometryPtr p(GEOSPointOnSurface_r(geos.handle(), g), GeosGeometryDeleter{geos.handle()});
    double px = 0, py = 0;
    if (!p || GEOSGeomGetX_r(geos.handle(), p.get(), &px) != 1 || GEOSGeomGetY_r(geos.handle(), p.get(), &py) != 1) continue;
    OGRPoint inside(px, py);
    if (!study.Contains(&inside)) continue;
    std::unique_ptr<OGRGeometry> face = fromGeos(geos, g);
    if (!face) continue;
    double index = 0;
    for (const Zone& z : zones)
      if (z.geometry->Contains(&inside)) index += combination.weights[static_cast<int>(z.grade)];
    byGrade[combination.classify(index)].push_back(std::move(face));
  }
  std::map<RiskGrade, std::unique_ptr<OGRGeometry>> out;
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
    std::vector<const OGRGeometry*> parts;
    for (const auto& f : byGrade[g]) parts.push_back(f.get());
    out[g] = polygonsOnly(dissolve(parts));
  }
  return out;
}

// QGIS reads a layer's default style from the library's layer_styles
// table; assess then replaces it with the map style's (qgis/QgisProject).
void writeQgisStyle(GDALDataset& ds, const std::string& table, const Palette& palette) {
  qgis::writeLayerStyle(ds, {table, "geom", "四色图", "four-colour risk zones (riskmap, styles/palette.toml)",
                             qgisGradeStyle(palette), "", "Polygon"});
}

}  // namespace

RegionalReport buildRegionalMap(GDALDataset& ds, ExposureQueries& exposure, const Rules& regional,
                                const RegionalOptions& options) {
  RegionalReport report;
  const std::vector<Zone> zones = readZones(ds, options.footprintsTable);
  const std::unique_ptr<OGRGeometry> study = unionOf(ds, options.studyAreaTable);
  const OGRSpatialReference* srs = ds.GetLayerByName(options.studyAreaTable.c_str())->GetSpatialRef();

  const Combination combination = combinationFrom(regional);
  std::map<RiskGrade, std::unique_ptr<OGRGeometry>> byGrade =
      combination.additive ? additive(zones, *study, combination) : highestWins(zones, *study);

  OGRLayer* rz = freshTable(ds, options.zonesTable.c_str(), srs, wkbMultiPolygon);
  addFields(rz, {{"grade", OFTString}, {"grade_zh", OFTString}, {"grade_level", OFTInteger}, {"area_km2", OFTReal},
                 {"people", OFTReal}});
  for (auto& [g, geom] : byGrade) {
    OGRFeature f(rz->GetLayerDefn());
    f.SetField("grade", riskGradeName(g));
    f.SetField("grade_zh", riskGradeChinese(g));
    f.SetField("grade_level", static_cast<int>(g));
    report.areaKm2[g] = OGR_G_Area(OGRGeometry::ToHandle(geom.get())) / 1e6;
    report.people[g] = exposure.peopleIn(*geom);
    f.SetField("area_km2", report.areaKm2[g]);
    f.SetField("people", report.people[g]);
    f.SetGeometry(geom.get());
    if (rz->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + options.zonesTable);
  }

  if (!options.palette.empty()) writeQgisStyle(ds, options.zonesTable, Palette::load(options.palette));

  if (!options.townshipsTable.empty()) {
    OGRLayer* towns = ds.GetLayerByName(options.townshipsTable.c_str());
    if (!towns) throw UserError("townships table '" + options.townshipsTable + "' is not in the one library");
    OGRLayer* ts = freshTable(ds, options.summaryTable.c_str(), srs, wkbMultiPolygon);
    addFields(ts, {{"township", OFTString}, {"grade", OFTString}, {"grade_zh", OFTString}, {"area_km2", OFTReal},
                   {"people", OFTReal}});
    std::vector<OGRFeatureUniquePtr> townFeatures;
    for (auto& t : *towns) townFeatures.emplace_back(t.release());
    for (auto& t : townFeatures) {
      for (auto& [g, geom] : byGrade) {
        std::unique_ptr<OGRGeometry> part = polygonsOnly(std::unique_ptr<OGRGeometry>(geom->Intersection(t->GetGeometryRef())));
        OGRFeature f(ts->GetLayerDefn());
        f.SetField("township", t->GetFieldAsString("name"));
        f.SetField("grade", riskGradeName(g));
        f.SetField("grade_zh", riskGradeChinese(g));
        f.SetField("area_km2", OGR_G_Area(OGRGeometry::ToHandle(part.get())) / 1e6);
        f.SetField("people", part->IsEmpty() ? 0.0 : exposure.peopleIn(*part));
        f.SetGeometryDirectly(part.release());
        if (ts->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + options.summaryTable);
      }
    }
  }

  report.method = combination.additive ? "additive" : "highest";
  if (options.gridPath.empty()) return report;
  std::vector<GradedZone> graded;
  for (const Zone& z : zones) graded.push_back({z.geometry.get(), z.grade});
  std::optional<Palette> palette;
  if (!options.palette.empty()) palette.emplace(Palette::load(options.palette));
  const GridStats grid = writeRiskGrid(graded, *study, srs, regional.number("grid.cell_size_m"), combination,
                                       GridOutput{options.gridPath, indexPathFor(options.gridPath),
                                                  palette ? &*palette : nullptr},
                                       options.quiet);
  report.gridCells = grid.cells;
  report.gridSeconds = grid.seconds;
  report.gridBurnSeconds = grid.burnSeconds;
  return report;
}

}  // namespace riskmap
