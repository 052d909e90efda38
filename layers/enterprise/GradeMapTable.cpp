#include "GradeMapTable.hpp"

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/library/LibraryWriterLock.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::enterprise {
namespace {

// The site's outline on the map: the convex hull of everything on its plan.
std::unique_ptr<OGRGeometry> outline(const PreparedPlant& p, const OGRSpatialReference& to) {
  OGRMultiPoint all;
  for (const PlanFeature& f : p.plan.features)
    for (const auto& part : f.shape.parts)
      for (const PlanXY& xy : part) all.addGeometry(std::make_unique<OGRPoint>(xy.x, xy.y).get());
  std::unique_ptr<OGRGeometry> hull(all.ConvexHull());
  if (!hull || wkbFlatten(hull->getGeometryType()) != wkbPolygon) return nullptr;
  OGRSpatialReference from;
  from.importFromWkt(p.crsWkt.c_str());
  from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!from.IsSame(&to) && hull->transform(makeTransformation(from, to).get()) != OGRERR_NONE) return nullptr;
  return hull;
}

}  // namespace

std::string majorPointNames(const PreparedPlant& p) {
  std::string names;
  for (const RiskPoint& r : p.reg.points)
    if (r.grade == RiskGrade::Major) names += (names.empty() ? "" : ", ") + r.name + " (" + std::to_string(r.number) + ")";
  return names;
}

nlohmann::json enterpriseAtLonLat(const std::filesystem::path& library, double lon, double lat) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* t = ds->GetLayerByName(kEnterpriseGradesTable);
  if (!t || !t->GetSpatialRef()) return nullptr;
  OGRSpatialReference to(*t->GetSpatialRef());
  to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = lon, y = lat;
  if (!makeTransformation(srsFromEpsg(4490), to)->Transform(1, &x, &y)) return nullptr;
  OGRPoint at(x, y);
  t->SetSpatialFilter(&at);
  for (const OGRFeatureUniquePtr& f : *t)
    if (f->GetGeometryRef() && f->GetGeometryRef()->Contains(&at))
      return {{"plant_id", f->GetFieldAsString("plant_id")}, {"name", f->GetFieldAsString("name")},
              {"grade", f->GetFieldAsString("grade")}, {"grade_zh", f->GetFieldAsString("grade_zh")},
              {"major_points", f->GetFieldAsString("major_points")},
              {"rule", "the enterprise takes the highest grade of its units, a unit the highest of its risk points (就高)"},
              {"rule_zh", "企业取其各单元的最高等级，单元取其各风险点的最高等级（就高原则）"}};
  return nullptr;
}

GradeMapReport writeGradeMap(const library::Location& where, const std::vector<PreparedPlant>& plants) {
  if (!where.exists())
    throw UserError(where.displayName() + ": no library; run `riskmap import` first");
  const library::LibraryWriterLock lock(where, "plant-map --grades");
  GDALDatasetUniquePtr ds = where.open(GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  OGRSpatialReference srs;
  for (OGRLayer* l : ds->GetLayers())
    if (l->GetSpatialRef()) {
      srs = *l->GetSpatialRef();
      break;
    }
  if (srs.IsEmpty()) throw UserError(where.displayName() + ": no spatial table to take the analysis CRS from");
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  GradeMapReport report;
  GdalErrorCapture errors;
  if (ds->StartTransaction() != OGRERR_NONE) throw UserError(where.displayName() + ": cannot start writing");
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    if (std::string(ds->GetLayer(i)->GetName()) == kEnterpriseGradesTable) ds->DeleteLayer(i);
  OGRLayer* t = ds->CreateLayer(kEnterpriseGradesTable, &srs, wkbPolygon, nullptr);
  if (!t) throw UserError(where.displayName() + ": cannot create " + kEnterpriseGradesTable + ": " + errors.lastError());
  for (const char* name : {"plant_id", "name", "grade", "grade_zh", "major_points", "source"}) {
    OGRFieldDefn d(name, OFTString);
    t->CreateField(&d);
  }
  for (const char* name : {"points", "major", "high", "moderate", "low"}) {
    OGRFieldDefn d(name, OFTInteger);
    t->CreateField(&d);
  }
  for (const PreparedPlant& p : plants) {
    if (p.crsWkt.empty()) {
      report.skipped.push_back(p.config.id + ": site plan not georeferenced");
      continue;
    }
    if (!p.grades.enterprise) {
      report.skipped.push_back(p.config.id + ": no graded risk point");
      continue;
    }
    std::unique_ptr<OGRGeometry> g = outline(p, srs);
    if (!g) {
      report.skipped.push_back(p.config.id + ": its plan has no area to draw");
      continue;
    }
    OGRFeature f(t->GetLayerDefn());
    f.SetField("plant_id", p.config.id.c_str());
    f.SetField("name", p.config.name.c_str());
    f.SetField("grade", riskGradeName(*p.grades.enterprise));
    f.SetField("grade_zh", riskGradeChinese(*p.grades.enterprise));
    f.SetField("major_points", majorPointNames(p).c_str());
    f.SetField("source", (p.plan.source + "; " + p.reg.source).c_str());
    f.SetField("points", static_cast<int>(p.reg.points.size()));
    const std::pair<const char*, RiskGrade> counts[] = {
        {"major", RiskGrade::Major}, {"high", RiskGrade::High}, {"moderate", RiskGrade::Moderate}, {"low", RiskGrade::Low}};
    for (const auto& [field, grade] : counts) {
      const auto it = p.grades.pointCounts.find(grade);
      f.SetField(field, it == p.grades.pointCounts.end() ? 0 : it->second);
    }
    f.SetGeometryDirectly(g.release());
    if (t->CreateFeature(&f) != OGRERR_NONE)
      throw UserError(where.displayName() + ": cannot write " + kEnterpriseGradesTable + ": " + errors.lastError());
    ++report.written;
  }
  if (ds->CommitTransaction() != OGRERR_NONE) {
    throwIfDiskFull(where.sidePath(), errors.lastError());
    throw UserError(where.displayName() + ": cannot write " + kEnterpriseGradesTable + ": " + errors.lastError());
  }
  return report;
}

}  // namespace riskmap::enterprise
