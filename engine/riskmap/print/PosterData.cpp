#include "riskmap/print/PosterData.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/geometry/Geos.hpp"

namespace riskmap {
namespace {

library::Table table(GDALDataset& ds, const std::string& name, const Project& p, const char* why) {
  library::Table l = library::openTable(ds, name);
  if (!l) throw UserError(p.library.displayName() + ": no table '" + name + "' (" + why + ")");
  return l;
}

// Every geometry of a table, in the map's CRS.
std::vector<std::unique_ptr<OGRGeometry>> geometriesOf(OGRLayer& l, const OGRSpatialReference& to) {
  std::vector<std::unique_ptr<OGRGeometry>> out;
  CoordinateTransformationPtr ct;
  if (l.GetSpatialRef() && !l.GetSpatialRef()->IsSame(&to)) {
    OGRSpatialReference from(*l.GetSpatialRef());
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ct = makeTransformation(from, to);
  }
  l.ResetReading();
  for (auto& f : l) {
    if (!f->GetGeometryRef()) continue;
    std::unique_ptr<OGRGeometry> g(f->StealGeometry());
    if (ct && g->transform(ct.get()) != OGRERR_NONE) continue;
    out.push_back(std::move(g));
  }
  return out;
}

std::string fileDate(const std::filesystem::path& file) {
  struct stat st {};
  if (stat(file.c_str(), &st) != 0) return "";
  const std::time_t tt = st.st_mtime;
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&tt));
  return buf;
}

}  // namespace

PosterData PosterData::read(const Project& project, const PosterTemplate& layout, const std::string& crs) {
  if (project.studyArea.empty())
    throw UserError(project.file.string() + ": a poster needs study_area (the table whose polygons bound the map)");
  GDALDatasetUniquePtr ds = project.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  library::Table zones = table(*ds, "risk_zones", project, "run riskmap assess first");
  PosterData d;
  if (!crs.empty()) d.crs = parseSrs(crs);
  else if (zones->GetSpatialRef()) d.crs = *zones->GetSpatialRef();
  else throw UserError(project.library.displayName() + ": risk_zones has no CRS; give --crs");
  d.crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!d.crs.IsProjected()) throw UserError("the poster's CRS must be projected (metres): " + srsLabel(d.crs));
  d.crsText = std::string(d.crs.GetName() ? d.crs.GetName() : "") + " (" + srsLabel(d.crs) + ")";

  const auto parts = geometriesOf(*table(*ds, project.studyArea, project, "the study area"), d.crs);
  std::vector<const OGRGeometry*> polygons;
  for (const auto& g : parts) polygons.push_back(g.get());
  d.studyArea = dissolve(polygons);
  if (!d.studyArea || d.studyArea->IsEmpty())
    throw UserError(project.library.displayName() + ": the study area table '" + project.studyArea + "' is empty");

  std::map<RiskGrade, GradeFigures> byGrade;
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) byGrade[g].grade = g;
  for (auto& f : *zones) {
    const auto g = parseRiskGrade(f->GetFieldAsString("grade"));
    if (!g) continue;
    byGrade[*g].areaKm2 += f->GetFieldAsDouble("area_km2");
    byGrade[*g].people += f->GetFieldAsDouble("people");
  }
  // A source counts once, under the most severe grade any of its zones took.
  if (OGRLayer* fp = ds->GetLayerByName("footprints")) {
    std::map<std::pair<std::string, std::string>, RiskGrade> worst;
    for (auto& f : *fp) {
      const auto g = parseRiskGrade(f->GetFieldAsString("zone_grade"));
      if (!g) continue;
      const std::pair<std::string, std::string> key{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")};
      auto it = worst.find(key);
      if (it == worst.end()) worst.emplace(key, *g);
      else it->second = std::max(it->second, *g);
    }
    for (const auto& [key, g] : worst) ++byGrade[g].sources;
  }
  for (auto it = byGrade.rbegin(); it != byGrade.rend(); ++it) d.grades.push_back(it->second);

  if (library::Table grades = library::openTable(*ds, "source_grades")) {
    const int incompleteField = grades->GetLayerDefn()->GetFieldIndex("incomplete");
    for (auto& f : *grades) {
      const bool incomplete = incompleteField >= 0 && *f->GetFieldAsString(incompleteField);
      d.incompleteSources += incomplete;
      if (layout.sources.kind != f->GetFieldAsString("kind")) continue;
      const std::string grade = f->GetFieldAsString("grade");
      if (!layout.sources.gradeNames.count(grade)) continue;  // ungraded (not a major hazard source)
      double figure = std::nan("");
      const auto figures = nlohmann::json::parse(f->GetFieldAsString("figures"), nullptr, false);
      if (figures.is_object() && figures.contains(layout.sources.figure) && figures[layout.sources.figure].is_number())
        figure = figures[layout.sources.figure].get<double>();
      d.sources.push_back({f->GetFieldAsString("name"), grade, figure, incomplete});
    }
    // Grade names sort as the kind writes them ("1" most severe); then the larger figure first.
    std::stable_sort(d.sources.begin(), d.sources.end(), [](const ListedSource& a, const ListedSource& b) {
      if (a.grade != b.grade) return a.grade < b.grade;
      return (std::isnan(b.figure) ? -1e300 : b.figure) < (std::isnan(a.figure) ? -1e300 : a.figure);
    });
  }

  if (!project.poster.locator.empty())
    d.context = geometriesOf(*table(*ds, project.poster.locator, project, "[poster] locator"), d.crs);
  d.dataDate = project.poster.dataDate.empty() ? fileDate(project.library.sidePath()) : project.poster.dataDate;
  return d;
}

}  // namespace riskmap
