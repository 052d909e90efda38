#include "RiskRegister.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/TextDecoder.hpp"

namespace riskmap::enterprise {
namespace {

// The register's columns and the headers each is found under (English, then the usual Chinese ones).
const std::vector<std::pair<std::string, std::vector<std::string>>> kColumns = {
    {"id", {"id", "point_id", "编号", "风险点编号", "序号"}},
    {"name", {"name", "风险点名称", "名称"}},
    {"unit", {"unit", "所在单元", "所属单元", "单元", "区域位置"}},
    {"type", {"type", "风险点类型", "类型"}},
    {"hazard", {"hazard", "主要危险有害因素", "危险有害因素", "主要危险因素", "危险因素", "可能导致的事故类型"}},
    {"method", {"method", "评价方法"}},
    {"L", {"L", "l"}},
    {"E", {"E", "e"}},
    {"C", {"C", "c"}},
    {"S", {"S", "s"}},
    {"controls", {"controls", "主要管控措施", "管控措施", "控制措施"}},
    {"responsible", {"responsible", "责任人", "管控责任人"}},
    {"phone", {"phone", "应急电话", "联系电话"}},
    {"x", {"x", "plan_x"}},
    {"y", {"y", "plan_y"}},
};

std::optional<double> parseNumber(const std::string& text) {
  std::size_t b = text.find_first_not_of(" \t"), e = text.find_last_not_of(" \t");
  if (b == std::string::npos) return std::nullopt;
  const std::string t = text.substr(b, e - b + 1);
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace

RiskRegister RiskRegister::read(const PlantConfig& plant, const SitePlan& plan, const EnterpriseRules& rules) {
  RiskRegister reg;
  reg.source = plant.registerSource;
  GDALDatasetUniquePtr ds = openDataset(plant.registerSource, GDAL_OF_VECTOR | GDAL_OF_READONLY, plant.registerOpenOptions);
  OGRLayer* layer = plant.registerLayer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(plant.registerLayer.c_str());
  if (!layer)
    throw UserError(plant.registerSource + ": no layer " + (plant.registerLayer.empty() ? "" : "'" + plant.registerLayer + "'"));
  const TextDecoder text = plant.registerEncoding.empty() ? TextDecoder::autoDetect() : TextDecoder::from(plant.registerEncoding);
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<std::string> headers;
  for (int i = 0; i < defn->GetFieldCount(); ++i) headers.push_back(text.decode(defn->GetFieldDefn(i)->GetNameRef()));
  std::map<std::string, int> column;
  for (const auto& [key, names] : kColumns)
    for (const std::string& n : names) {
      const auto it = std::find(headers.begin(), headers.end(), n);
      if (it != headers.end() && !column.count(key)) column[key] = static_cast<int>(it - headers.begin());
    }
  for (const char* key : {"id", "name", "unit", "L"})
    if (!column.count(key)) {
      std::string names;
      for (const auto& [k, alias] : kColumns)
        if (k == key)
          for (const std::string& n : alias) names += (names.empty() ? "" : ", ") + n;
      throw UserError(plant.registerSource + ", layer '" + layer->GetName() + "': no column for the risk point's " + key +
                      " (headers looked for: " + names + ")");
    }
  std::set<std::string> ids;
  long long row = 0;
  layer->ResetReading();
  for (const OGRFeatureUniquePtr& f : *layer) {
    ++row;
    auto field = [&](const char* key) {
      const auto it = column.find(key);
      if (it == column.end() || !f->IsFieldSetAndNotNull(it->second)) return std::string();
      std::string v = text.decode(f->GetFieldAsString(it->second));
      const std::size_t b = v.find_first_not_of(" \t\r\n"), e = v.find_last_not_of(" \t\r\n");
      return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
    };
    std::string record;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      if (f->IsFieldSetAndNotNull(i)) record += (record.empty() ? "" : "; ") + headers[static_cast<std::size_t>(i)] + "=" + text.decode(f->GetFieldAsString(i));
    RiskPoint p;
    p.row = row;
    p.id = field("id"), p.name = field("name"), p.unit = field("unit"), p.type = field("type");
    p.hazard = field("hazard"), p.controls = field("controls"), p.responsible = field("responsible");
    p.phone = field("phone").empty() ? plant.phone : field("phone");
    auto reject = [&](const std::string& why) { reg.rejects.push_back({row, p.id, why, record}); };
    if (p.id.empty() && p.name.empty() && p.unit.empty()) continue;  // a blank line of the spreadsheet
    if (p.id.empty()) { reject("no risk point number (id)"); continue; }
    if (p.name.empty()) { reject("no risk point name"); continue; }
    if (!ids.insert(p.id).second) { reject("risk point number '" + p.id + "' appears twice; the first row is kept"); continue; }
    if (p.unit.empty()) { reject("no unit"); continue; }
    if (!plan.findUnit(p.unit)) { reject("unit '" + p.unit + "' is not on the site plan " + plan.source); continue; }
    p.method = plant.method;
    if (const std::string m = field("method"); !m.empty()) {
      const auto parsed = parseMethod(m);
      if (!parsed) { reject("method '" + m + "' is neither LEC nor LS (risk matrix)"); continue; }
      p.method = *parsed;
    }
    std::string missing;
    auto factor = [&](const char* key, double& out) {
      const std::string v = field(key);
      const auto n = parseNumber(v);
      if (!n) missing += std::string(missing.empty() ? "" : ", ") + key + (v.empty() ? " missing" : " = '" + v + "' not a number");
      else out = *n;
    };
    factor("L", p.L);
    if (p.method == Method::Lec) factor("E", p.E), factor("C", p.C);
    else factor("S", p.S);
    if (!missing.empty()) { reject(std::string(methodName(p.method)) + ": " + missing); continue; }
    if (const auto why = gradeRiskPoint(p, rules)) { reject(*why); continue; }
    const auto x = parseNumber(field("x")), y = parseNumber(field("y"));
    if (x && y) p.at = PlanXY{*x, *y};
    p.number = static_cast<int>(reg.points.size()) + 1;
    reg.points.push_back(std::move(p));
  }
  return reg;
}

std::string RiskRegister::rejectsCsv() const {
  std::string out = csvLine({"source", "row", "id", "reason", "record"});
  for (const RegisterReject& r : rejects) out += csvLine({source, std::to_string(r.row), r.id, r.reason, r.record});
  return out;
}

}  // namespace riskmap::enterprise
