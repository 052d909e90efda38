#include "riskmap/regional/Explain.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <ogrsf_frmts.h>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <vector>

#include "riskmap/assess/ChineseLabels.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {
namespace {

library::Table table(GDALDataset& ds, const char* name) {
  library::Table l = library::openTable(ds, name);
  if (!l) throw UserError(std::string(ds.GetDescription()) + ": no " + name + " table; run `riskmap assess` with a study_area");
  return l;
}

// A graded footprint's part of the answer (without "decides", which depends
// on the place's grade).
nlohmann::json footprintJson(OGRFeature& f) {
  nlohmann::json z = {{"source_layer", f.GetFieldAsString("layer")}, {"source_id", f.GetFieldAsString("source_id")},
          {"name", f.GetFieldAsString("name")}, {"kind", f.GetFieldAsString("kind")}, {"ring", f.GetFieldAsString("ring")},
          {"distance_m", f.GetFieldAsDouble("distance_m")}, {"ring_keyed_by", f.GetFieldAsString("grade")},
          {"distance_source", f.GetFieldIndex("distance_source") >= 0 ? f.GetFieldAsString("distance_source") : ""},
          {"base_zone_grade", f.GetFieldAsString("base_zone_grade")},
          {"zone_grade", f.GetFieldAsString("zone_grade")}, {"uplifted", f.GetFieldAsInteger("uplifted") == 1},
          {"people_in_zone", f.GetFieldAsDouble("people")},
          {"density_per_km2", f.GetFieldAsDouble("density_per_km2")},
          {"sensitive_targets", nlohmann::json::parse(f.GetFieldAsString("sensitive_targets"))}};
  if (const int i = f.GetFieldIndex("people_coverage"); i >= 0 && f.IsFieldSetAndNotNull(i))
    z["people_coverage"] = f.GetFieldAsDouble(i);
  // Raised by another layer's records (open hidden dangers on the plant), named in the reason.
  if (const int i = f.GetFieldIndex("raised_by"); i >= 0 && f.IsFieldSetAndNotNull(i)) z["raised_by"] = f.GetFieldAsString(i);
  if (const int i = f.GetFieldIndex("raised_by_zh"); i >= 0 && f.IsFieldSetAndNotNull(i)) z["raised_by_zh"] = f.GetFieldAsString(i);
  // The zone's Chinese name as the kind's rules word it (libraries assessed before it existed: the distance).
  const int zh = f.GetFieldIndex("ring_zh");
  z["ring_zh"] = zh >= 0 && *f.GetFieldAsString(zh) ? std::string(f.GetFieldAsString(zh))
                                                    : withDistance("{m} m 范围", f.GetFieldAsDouble("distance_m"));
  return z;
}

// A regional grade's Chinese name ("较大风险"); the key itself when it is none.
std::string gradeZh(const nlohmann::json& grade) {
  if (!grade.is_string()) return "";
  const auto g = parseRiskGrade(grade.get<std::string>());
  return g ? riskGradeChinese(*g) : grade.get<std::string>();
}

// A Chinese text field of the source's grade row, or `fallback` where the
// library predates it.
std::string textZh(OGRFeature& g, const char* field, const std::string& fallback) {
  const int i = g.GetFieldIndex(field);
  return i >= 0 && *g.GetFieldAsString(i) ? std::string(g.GetFieldAsString(i)) : fallback;
}

// The zone's part of the answer in Chinese: the grades' names and one
// sentence saying why (what the viewer's popup and `explain` print).
void addChinese(nlohmann::json& z) {
  z["zone_grade_zh"] = gradeZh(z["zone_grade"]);
  z["base_zone_grade_zh"] = gradeZh(z["base_zone_grade"]);
  std::string reason = z["name"].get<std::string>();
  if (reason.empty()) reason = z["source_id"].get<std::string>();
  if (const std::string g = z.value("source_grade_zh", ""); !g.empty()) reason += "（" + g + "）";
  reason += z["ring_zh"].get<std::string>() + "内，定为" + z["zone_grade_zh"].get<std::string>();
  if (z["uplifted"].get<bool>()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", z["density_per_km2"].get<double>());
    reason += "（人口密度 " + std::string(buf) + " 人/km²，由" + z["base_zone_grade_zh"].get<std::string>() + "上调一级）";
  }
  if (z.contains("raised_by_zh")) reason += "（" + z["raised_by_zh"].get<std::string>() + "）";
  else if (z.contains("raised_by")) reason += "（因未整改的重大事故隐患上调一级）";  // a library assessed before raised_by_zh
  z["reason_zh"] = reason;
}

void addSourceGrade(nlohmann::json& z, OGRFeature& g) {
  z["source_grade"] = g.GetFieldAsString("grade");
  z["standard"] = g.GetFieldAsString("standard");
  z["source_rule"] = g.GetFieldAsString("rule");
  if (const int i = g.GetFieldIndex("incomplete"); i >= 0 && *g.GetFieldAsString(i)) {
    z["incomplete"] = g.GetFieldAsString(i);
    z["incomplete_zh"] = textZh(g, "incomplete_zh", z["incomplete"]);
  }
  z["source_grade_zh"] = textZh(g, "grade_zh", z["source_grade"]);
  z["standard_zh"] = textZh(g, "standard_zh", z["standard"]);
  z["source_rule_zh"] = textZh(g, "rule_zh", z["source_rule"]);
}

// A string literal for an OGR SQL filter: an id with a quote in it stays one id.
std::string sqlQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

const char* const kRule = "where zones overlap the highest grade wins (就高原则), or the additive index if the rules say so; no zone: low";
const char* const kRuleZh = "就高原则：各风险源影响范围重叠处取最高等级（规则另定时按叠加指数分级）；不在任何影响范围内为低风险";
const char* const kOutside = "outside the study area";
const char* const kOutsideZh = "研究区外";

void outside(nlohmann::json& out) {
  out["grade"] = nullptr;
  out["why"] = kOutside;
  out["why_zh"] = kOutsideZh;
}

// The whole answer in one Chinese paragraph: the grade and the zones that decide it.
void summarizeZh(nlohmann::json& out) {
  out["rule_zh"] = kRuleZh;
  std::string text = "此处为" + out["grade_zh"].get<std::string>() + "。";
  std::string deciding;
  for (const auto& z : out["zones"])
    if (z["decides"].get<bool>()) deciding += (deciding.empty() ? "" : "；") + z["reason_zh"].get<std::string>();
  if (!deciding.empty())
    text += "决定等级的是：" + deciding + "。";
  else if (out["zones"].empty())
    text += "无风险源影响范围覆盖此处。";
  out["text_zh"] = text;
}

}  // namespace

nlohmann::json explainAt(const std::filesystem::path& library, double x, double y) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRPoint at(x, y);
  nlohmann::json out = {{"x", x}, {"y", y}};
  library::Table zonesTable = table(*ds, "risk_zones");
  if (const OGRSpatialReference* srs = zonesTable->GetSpatialRef()) out["crs"] = srsLabel(*srs);
  zonesTable->SetSpatialFilter(&at);
  for (auto& f : *zonesTable)
    if (f->GetGeometryRef()->Contains(&at)) {
      out["grade"] = f->GetFieldAsString("grade");
      out["grade_zh"] = f->GetFieldAsString("grade_zh");
    }
  if (!out.contains("grade")) {
    outside(out);
    return out;
  }
  out["rule"] = kRule;

  // The grades and rules of the sources, by (layer, source id).
  std::map<std::pair<std::string, std::string>, OGRFeatureUniquePtr> sources;
  library::Table grades = table(*ds, "source_grades");
  library::Table footprints = table(*ds, "footprints");
  footprints->SetSpatialFilter(&at);
  footprints->SetAttributeFilter("zone_grade IS NOT NULL");
  nlohmann::json zones = nlohmann::json::array();
  for (auto& f : *footprints) {
    if (!f->GetGeometryRef()->Contains(&at)) continue;
    const std::string layer = f->GetFieldAsString("layer"), id = f->GetFieldAsString("source_id");
    nlohmann::json z = footprintJson(*f);
    z["decides"] = z["zone_grade"] == out["grade"];
    grades->SetAttributeFilter(("layer = " + sqlQuoted(layer) + " AND source_id = " + sqlQuoted(id)).c_str());
    grades->ResetReading();
    if (OGRFeatureUniquePtr g{grades->GetNextFeature()}) addSourceGrade(z, *g);
    addChinese(z);
    zones.push_back(z);
  }
  out["zones"] = zones;
  summarizeZh(out);
  return out;
}

nlohmann::json explainAtLonLat(const std::filesystem::path& library, double lon, double lat) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  library::Table zones = table(*ds, "risk_zones");
  OGRSpatialReference target(*zones->GetSpatialRef());
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = lon, y = lat;
  if (!makeTransformation(srsFromEpsg(4490), target)->Transform(1, &x, &y))
    throw UserError("cannot place " + std::to_string(lon) + "," + std::to_string(lat) + " in " + srsLabel(target));
  ds.reset();
  nlohmann::json out = explainAt(library, x, y);
  out["lon"] = lon;
  out["lat"] = lat;
  return out;
}

// --- ExplainIndex -------------------------------------------------------

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using IndexPoint = bg::model::d2::point_xy<double>;
using IndexBox = bg::model::box<IndexPoint>;
using IndexPolygon = bg::model::polygon<IndexPoint>;
using IndexArea = bg::model::multi_polygon<IndexPolygon>;
using IndexTree = bgi::rtree<std::pair<IndexBox, std::size_t>, bgi::quadratic<16>>;

namespace {

void appendRing(const OGRLinearRing& from, IndexPolygon::ring_type& to) {
  to.reserve(from.getNumPoints());
  for (int i = 0; i < from.getNumPoints(); ++i) to.emplace_back(from.getX(i), from.getY(i));
}

// The polygons of a geometry (polygon, multipolygon, collection); lines and points add nothing.
void appendArea(const OGRGeometry* g, IndexArea& out) {
  if (!g) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPolygon: {
      const OGRPolygon* p = g->toPolygon();
      if (p->IsEmpty()) return;
      IndexPolygon poly;
      appendRing(*p->getExteriorRing(), poly.outer());
      for (int i = 0; i < p->getNumInteriorRings(); ++i) {
        poly.inners().emplace_back();
        appendRing(*p->getInteriorRing(i), poly.inners().back());
      }
      out.push_back(std::move(poly));
      return;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbMultiSurface: {
      const OGRGeometryCollection* c = g->toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) appendArea(c->getGeometryRef(i), out);
      return;
    }
    default:
      return;
  }
}

struct Area {
  IndexArea shape;
  IndexBox box;
};

Area areaOf(const OGRGeometry* g) {
  Area a;
  appendArea(g, a.shape);
  bg::correct(a.shape);  // orientation and closure as Boost.Geometry wants them; point-in-polygon does not depend on it
  a.box = bg::return_envelope<IndexBox>(a.shape);
  return a;
}

}  // namespace

struct ExplainIndex::Data {
  struct Zone {
    Area area;
    std::string grade, gradeZh;
  };
  struct Footprint {
    Area area;
    nlohmann::json json;  // with the source's grade, standard and rule; without "decides"
  };
  std::string crs;
  bool hasCrs = false;
  std::vector<Zone> zones;
  std::vector<Footprint> footprints;
  IndexTree zoneTree, footprintTree;
  OGRSpatialReference target;
  mutable std::mutex mutex;  // guards transforms (a transformation is not thread-safe)
  mutable std::vector<CoordinateTransformationPtr> transforms;
};

ExplainIndex::ExplainIndex(const std::filesystem::path& library) : d_(std::make_unique<Data>()) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  library::Table zonesTable = table(*ds, "risk_zones");
  if (const OGRSpatialReference* srs = zonesTable->GetSpatialRef()) {
    d_->crs = srsLabel(*srs);
    d_->hasCrs = true;
    d_->target = *srs;
  } else {
    throw UserError(library.string() + ": risk_zones has no CRS");
  }
  d_->target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::vector<std::pair<IndexBox, std::size_t>> boxes;
  for (auto& f : *zonesTable) {
    Data::Zone z{areaOf(f->GetGeometryRef()), f->GetFieldAsString("grade"), f->GetFieldAsString("grade_zh")};
    if (z.area.shape.empty()) continue;
    boxes.emplace_back(z.area.box, d_->zones.size());
    d_->zones.push_back(std::move(z));
  }
  d_->zoneTree = IndexTree(boxes.begin(), boxes.end());  // packed (STR) build

  // The first row of each source, as the filtered query in explainAt takes it.
  std::map<std::pair<std::string, std::string>, OGRFeatureUniquePtr> grades;
  library::Table sourceGrades = table(*ds, "source_grades");
  for (auto& g : *sourceGrades) {
    auto key = std::make_pair(std::string(g->GetFieldAsString("layer")), std::string(g->GetFieldAsString("source_id")));
    if (!grades.count(key)) grades.emplace(std::move(key), OGRFeatureUniquePtr(g->Clone()));
  }
  library::Table footprints = table(*ds, "footprints");
  footprints->SetAttributeFilter("zone_grade IS NOT NULL");
  boxes.clear();
  for (auto& f : *footprints) {
    Data::Footprint fp{areaOf(f->GetGeometryRef()), footprintJson(*f)};
    if (fp.area.shape.empty()) continue;
    const auto g = grades.find({f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")});
    if (g != grades.end()) addSourceGrade(fp.json, *g->second);
    addChinese(fp.json);
    boxes.emplace_back(fp.area.box, d_->footprints.size());
    d_->footprints.push_back(std::move(fp));
  }
  d_->footprintTree = IndexTree(boxes.begin(), boxes.end());
  d_->transforms.push_back(makeTransformation(srsFromEpsg(4490), d_->target));
}

ExplainIndex::~ExplainIndex() = default;

std::size_t ExplainIndex::zones() const { return d_->zones.size(); }
std::size_t ExplainIndex::footprints() const { return d_->footprints.size(); }

nlohmann::json ExplainIndex::at(double x, double y) const {
  const IndexPoint p(x, y);
  nlohmann::json out = {{"x", x}, {"y", y}};
  if (d_->hasCrs) out["crs"] = d_->crs;
  // Candidates in table order, as a scan of the table meets them (the last
  // zone containing the place gives the grade, as in explainAt).
  std::vector<std::size_t> hits;
  std::vector<IndexTree::value_type> found;
  auto candidates = [&p, &hits, &found](const IndexTree& tree) {
    found.clear();
    tree.query(bgi::intersects(p), std::back_inserter(found));
    hits.clear();
    for (const auto& v : found) hits.push_back(v.second);
    std::sort(hits.begin(), hits.end());
  };
  candidates(d_->zoneTree);
  for (std::size_t i : hits)
    if (bg::within(p, d_->zones[i].area.shape)) {
      out["grade"] = d_->zones[i].grade;
      out["grade_zh"] = d_->zones[i].gradeZh;
    }
  if (!out.contains("grade")) {
    outside(out);
    return out;
  }
  out["rule"] = kRule;
  nlohmann::json zones = nlohmann::json::array();
  candidates(d_->footprintTree);
  for (std::size_t i : hits) {
    const Data::Footprint& f = d_->footprints[i];
    if (!bg::within(p, f.area.shape)) continue;
    nlohmann::json z = f.json;
    z["decides"] = z["zone_grade"] == out["grade"];
    zones.push_back(std::move(z));
  }
  out["zones"] = std::move(zones);
  summarizeZh(out);
  return out;
}

nlohmann::json ExplainIndex::atLonLat(double lon, double lat) const {
  CoordinateTransformationPtr ct;
  {
    std::lock_guard lock(d_->mutex);
    if (!d_->transforms.empty()) {
      ct = std::move(d_->transforms.back());
      d_->transforms.pop_back();
    }
  }
  if (!ct) ct = makeTransformation(srsFromEpsg(4490), d_->target);
  double x = lon, y = lat;
  const bool ok = ct->Transform(1, &x, &y);
  {
    std::lock_guard lock(d_->mutex);
    d_->transforms.push_back(std::move(ct));
  }
  if (!ok) throw UserError("cannot place " + std::to_string(lon) + "," + std::to_string(lat) + " in " + srsLabel(d_->target));
  nlohmann::json out = at(x, y);
  out["lon"] = lon;
  out["lat"] = lat;
  return out;
}

}  // namespace riskmap
