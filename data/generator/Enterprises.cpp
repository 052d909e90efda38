#include "Enterprises.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "Random.hpp"

namespace sample {
namespace fs = std::filesystem;
namespace {

// A unit of the plan: its code (the text inside it on the drawing), what it is, its outline.
struct Unit {
  const char* id;
  const char* layer;  // UNITS or TANKS
  Ring ring;
};

struct Point {
  const char* id;
  const char* name;
  const char* unit;
  const char* type;
  const char* hazard;
  const char* method;  // "LEC" or "LS"
  const char* L;
  const char* E;       // LEC: E; LS: empty
  const char* C;       // LEC: C; LS: S
  const char* controls;
  const char* responsible;
};

Ring box(double x, double y, double w, double h) { return {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}; }
Ring circle(double x, double y, double r) {
  Ring ring;
  for (int i = 0; i <= 24; ++i) ring.push_back({x + r * std::cos(i * M_PI / 12), y + r * std::sin(i * M_PI / 12)});
  ring.back() = ring.front();
  return ring;
}

// One layout for all three sample plants (a 240 m x 160 m site), in plant coordinates:
// x along the main gate road, y across it, origin at the south-west fence corner.
const std::vector<Unit> kUnits = {
    {"T01", "UNITS", box(20, 90, 80, 55)},    // 罐区
    {"P01", "UNITS", box(120, 90, 95, 55)},   // 生产装置区
    {"W01", "UNITS", box(120, 20, 60, 45)},   // 危化品仓库
    {"L01", "UNITS", box(20, 20, 50, 40)},    // 装卸区
    {"E01", "UNITS", box(195, 20, 30, 25)},   // 配电室
    {"O01", "UNITS", box(80, 20, 30, 30)},    // 办公楼
};

const std::vector<Point> kPoints = {
    {"FX-01", "甲醇储罐区", "T01", "设备设施", "泄漏、火灾、爆炸、中毒", "LEC", "3", "6", "40",
     "储罐液位高低报警与紧急切断；可燃气体检测报警；防火堤；每班巡检", "张建国"},
    {"FX-02", "液氨储罐", "T01", "设备设施", "泄漏、中毒、爆炸", "LS", "4", "", "5",
     "有毒气体检测报警联锁；喷淋吸收；正压式呼吸器", "张建国"},
    {"FX-03", "反应釜（加氢）", "P01", "设备设施", "超温超压、火灾、爆炸", "LEC", "3", "6", "15",
     "温度压力报警联锁；安全阀与爆破片；DCS 监控；SIS 紧急停车", "李海峰"},
    {"FX-04", "动火作业", "P01", "作业活动", "火灾、爆炸、灼烫", "LS", "3", "", "5",
     "作业票证审批；动火分析；监护人全程监护；清除可燃物", "李海峰"},
    {"FX-05", "危化品仓库", "W01", "场所", "火灾、中毒、腐蚀", "LEC", "1", "6", "15",
     "分区分类存放；温湿度监控；双人双锁；防爆电器", "王晓梅"},
    {"FX-06", "槽车装卸", "L01", "作业活动", "泄漏、静电火灾、车辆伤害", "LEC", "3", "6", "7",
     "静电接地报警；装卸臂；限速与停车熄火；专人监护", "陈志强"},
    {"FX-07", "高低压配电室", "E01", "设备设施", "触电、电气火灾", "LS", "3", "", "3",
     "持证上岗；绝缘工器具定期检验；两票三制", "刘伟"},
    {"FX-08", "办公楼", "O01", "场所", "火灾、触电", "LEC", "1", "6", "3",
     "消防设施定期检查；疏散通道畅通；用电管理", "赵丽"},
    {"FX-09", "叉车作业", "W01", "作业活动", "车辆伤害、物体打击", "LS", "2", "", "3",
     "持证驾驶；限速 5 km/h；人车分流", "王晓梅"},
};

// Rows a register really carries by mistake: kept out of the map with their reason.
const std::vector<Point> kBadPoints = {
    {"FX-10", "废水处理站", "S01", "场所", "中毒、淹溺", "LEC", "1", "3", "7", "有限空间作业审批", "周明"},
    {"FX-11", "导热油炉", "P01", "设备设施", "灼烫、火灾", "LEC", "3", "4", "15", "温度联锁", "李海峰"},
};

struct Destroy {
  void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};

// The county generator's frame: local metres + the Gauss-Kruger position of
// the county centre (120.65E, 30.10N) rounded to whole 100 m, as Write.cpp places it.
XY gaussKrugerOf(XY local) {
  OGRSpatialReference gk, geo;
  gk.importFromEPSG(4549);
  geo.importFromEPSG(4490);
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation, Destroy> t(OGRCreateCoordinateTransformation(&geo, &gk));
  double x = 120.65, y = 30.10;
  t->Transform(1, &x, &y);
  return {local.x + std::round(x / 100) * 100, local.y + std::round(y / 100) * 100};
}

std::string num(double v, const char* fmt = "%.3f") {
  char b[64];
  std::snprintf(b, sizeof b, fmt, v);
  return b;
}

void addFeature(OGRLayer* layer, const char* cadLayer, std::unique_ptr<OGRGeometry> g, const std::string& text = {}) {
  OGRFeature f(layer->GetLayerDefn());
  f.SetField("Layer", cadLayer);
  if (!text.empty()) f.SetStyleString(("LABEL(f:\"Noto Sans CJK SC\",t:\"" + text + "\",s:3g,p:5)").c_str());
  f.SetGeometry(g.get());
  if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a DXF entity");
}

std::unique_ptr<OGRGeometry> polyline(const Ring& r) {
  auto l = std::make_unique<OGRLineString>();
  for (const XY& p : r) l->addPoint(p.x, p.y);
  return l;
}

void writeDxf(const fs::path& file) {
  fs::remove(file);
  GDALDriver* dxf = GetGDALDriverManager()->GetDriverByName("DXF");
  GDALDatasetUniquePtr ds(dxf->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + file.string());
  OGRLayer* layer = ds->CreateLayer("entities", nullptr, wkbUnknown, nullptr);
  for (const Unit& u : kUnits) {
    addFeature(layer, u.layer, polyline(u.ring));
    const XY c{(u.ring[0].x + u.ring[2].x) / 2, (u.ring[0].y + u.ring[2].y) / 2 + 6};
    addFeature(layer, u.layer, std::make_unique<OGRPoint>(c.x, c.y), u.id);
  }
  // Four tanks in the tank farm, the process buildings, the warehouse and the office.
  for (int i = 0; i < 4; ++i) addFeature(layer, "TANKS", polyline(circle(35 + (i % 2) * 45, 105 + (i / 2) * 25, 9)));
  for (const Ring& b : {box(130, 100, 30, 35), box(170, 100, 35, 20), box(125, 25, 50, 35), box(83, 23, 24, 24), box(198, 23, 24, 19)})
    addFeature(layer, "BUILDINGS", polyline(b));
  addFeature(layer, "FENCES", polyline(box(0, 0, 240, 160)));
  addFeature(layer, "ROADS", polyline({{0, 75}, {240, 75}}));
  addFeature(layer, "ROADS", polyline({{110, 0}, {110, 160}}));
  addFeature(layer, "EVACUATION", polyline({{60, 118}, {60, 75}, {105, 75}, {108, 8}}));
  addFeature(layer, "EVACUATION", polyline({{167, 118}, {167, 75}, {115, 75}, {112, 8}}));
  addFeature(layer, "ASSEMBLY", polyline(box(100, -25, 20, 15)));
  addFeature(layer, "ASSEMBLY", std::make_unique<OGRPoint>(110, -17), "应急集合点");
}

std::string gbk(const std::string& utf8) {
  char* s = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "GB18030");
  std::string out = s;
  CPLFree(s);
  return out;
}

void writeRegister(const fs::path& file, const std::string& phone, bool withBadRows) {
  std::ofstream csv(file, std::ios::binary);
  auto cell = [](const std::string& v) { return "\"" + v + "\""; };
  csv << gbk("编号,风险点名称,所在单元,风险点类型,主要危险有害因素,评价方法,L,E,C,S,主要管控措施,管控责任人,应急电话") << "\r\n";
  std::vector<Point> rows = kPoints;
  if (withBadRows) rows.insert(rows.end(), kBadPoints.begin(), kBadPoints.end());
  for (const Point& p : rows) {
    const bool lec = std::string(p.method) == "LEC";
    csv << gbk(std::string(p.id) + "," + cell(p.name) + "," + p.unit + "," + p.type + "," + cell(p.hazard) + "," + p.method +
               "," + p.L + "," + (lec ? p.E : "") + "," + (lec ? p.C : "") + "," + (lec ? "" : p.C) + "," +
               cell(p.controls) + "," + p.responsible + "," + phone)
        << "\r\n";
  }
}

}  // namespace

void writeEnterprises(const County& c, const fs::path& out, std::uint64_t seed) {
  Random rnd(seed ^ 0x5EC0FA11ull);  // the enterprises' own stream
  const fs::path dir = out / "enterprise";
  fs::create_directories(dir);
  // The first three plants with a site boundary: a real site to sit the plan on.
  std::vector<const Plant*> plants;
  for (const Plant& p : c.plants)
    if (!p.site.empty() && plants.size() < 3) plants.push_back(&p);
  std::ofstream toml(dir / "plants.toml");
  toml << "# The sample enterprises' four-colour map inputs (generated by data/generator;\n"
          "# docs/enterprise-map.md). Plan coordinates are metres from the site's south-west\n"
          "# fence corner; map coordinates CGCS2000 / 3-degree Gauss-Kruger CM 120E.\n";
  for (std::size_t i = 0; i < plants.size(); ++i) {
    const Plant& p = *plants[i];
    const std::string id = p.id;
    writeDxf(dir / (id + "_site_plan.dxf"));
    const std::string phone = "0575-8" + num(rnd.uniform(1000000, 9999999), "%07.0f");
    writeRegister(dir / (id + "_risk_points.csv"), phone, i == 1);
    const XY origin = gaussKrugerOf({p.at.x - 120, p.at.y - 80});
    const double rotation = std::round(rnd.uniform(-30, 30) * 10) / 10;
    toml << "\n[[plant]]\nid = \"" << id << "\"\nname = \"" << p.name << "\"\nemergency_phone = \"" << phone
         << "\"\nsite_plan = \"" << id << "_site_plan.dxf\"\nregister = \"" << id << "_risk_points.csv\"\n";
    if (i == 0) {
      // Four fence corners surveyed to a few centimetres: a similarity fit with small residuals.
      toml << "[plant.georeference]\ncrs = \"EPSG:4549\"\n";
      const double t = rotation * M_PI / 180;
      const std::vector<XY> corners = {{0, 0}, {240, 0}, {240, 160}, {0, 160}};
      for (std::size_t k = 0; k < corners.size(); ++k) {
        const XY q = corners[k];
        const double e = origin.x + q.x * std::cos(t) - q.y * std::sin(t) + rnd.normal(0, 0.02);
        const double n = origin.y + q.x * std::sin(t) + q.y * std::cos(t) + rnd.normal(0, 0.02);
        toml << "[[plant.georeference.control_points]]\nname = \"K" << k + 1 << "\"\nplant = [" << q.x << ", " << q.y
             << "]\nmap = [" << num(e) << ", " << num(n) << "]\n";
      }
    } else if (i == 1) {
      // The drawing's origin placed on the map and turned: the consultant's usual note on the plan.
      toml << "[plant.georeference]\ncrs = \"EPSG:4549\"\norigin = [" << num(origin.x) << ", " << num(origin.y)
           << "]\nrotation_deg = " << rotation << "\n";
    }
    // The third plan has no georeference: drawn not to scale, in plant coordinates.
  }
}

}  // namespace sample
