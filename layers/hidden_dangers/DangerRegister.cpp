#include "hidden_dangers/DangerRegister.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "riskmap/core/Error.hpp"

namespace riskmap::dangers {
namespace {

// A date field as ISO text (GeoPackage dates read back as 2026/09/03).
std::string isoDate(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
  std::string s = f.GetFieldAsString(i);
  std::replace(s.begin(), s.end(), '/', '-');
  return s.substr(0, 10);
}

std::string text(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  return i < 0 || !f.IsFieldSetAndNotNull(i) ? std::string() : std::string(f.GetFieldAsString(i));
}

}  // namespace

Danger dangerFrom(const AttributeRecord& v, long long fid) {
  auto text = [&v](const char* f) { return v.text(f).value_or(""); };
  auto date = [&v](const char* f) {
    std::string s = v.text(f).value_or("");
    std::replace(s.begin(), s.end(), '/', '-');
    return s.substr(0, 10);
  };
  Danger d;
  d.fid = fid;
  d.id = text("danger_id").empty() ? "#" + std::to_string(fid) : text("danger_id");
  d.plantId = text("plant_id");
  d.level = text("level");
  d.category = text("category");
  d.listed = v.number("listed").value_or(0) == 1;
  d.listedLevel = text("listed_level");
  d.dates = {date("found_date"), date("deadline"), date("rectify_start"), date("rectified_date"), date("accepted_date"),
             text("status")};
  return d;
}

std::vector<Danger> readDangers(GDALDataset& ds, const std::string& table) {
  OGRLayer* layer = ds.GetLayerByName(table.c_str());
  if (!layer) throw UserError(std::string(ds.GetDescription()) + ": no table '" + table + "'");
  std::vector<Danger> out;
  layer->ResetReading();
  for (auto& f : *layer) {
    Danger d;
    d.fid = f->GetFID();
    d.id = text(*f, "danger_id");
    if (d.id.empty()) d.id = "#" + std::to_string(d.fid);
    d.plantId = text(*f, "plant_id");
    d.level = text(*f, "level");
    d.category = text(*f, "category");
    d.listed = text(*f, "listed") == "1";
    d.listedLevel = text(*f, "listed_level");
    d.dates = {isoDate(*f, "found_date"), isoDate(*f, "deadline"), isoDate(*f, "rectify_start"),
               isoDate(*f, "rectified_date"), isoDate(*f, "accepted_date"), text(*f, "status")};
    if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint)
      d.x = g->toPoint()->getX(), d.y = g->toPoint()->getY();
    out.push_back(std::move(d));
  }
  return out;
}

std::string describe(const Danger& d, Stage stage) {
  std::string s = d.id + " (" + d.level + ", " + stageChinese(stage) + ", found " + d.dates.found;
  if (!d.dates.deadline.empty()) s += ", deadline " + d.dates.deadline;
  if (d.listed) s += ", 挂牌督办" + (d.listedLevel.empty() ? std::string() : " " + d.listedLevel);
  if (!d.category.empty()) s += ", " + d.category;
  return s + ")";
}

}  // namespace riskmap::dangers
