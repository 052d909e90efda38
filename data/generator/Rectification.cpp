#include "Rectification.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "Random.hpp"

namespace sample {
namespace fs = std::filesystem;
namespace ch = std::chrono;
namespace {

std::string iso(ch::sys_days d) {
  const ch::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

struct PlantRef {
  std::string id;
  double lon, lat;
  bool point;
};

std::vector<PlantRef> plantsOf(GDALDataset& county) {
  std::vector<PlantRef> out;
  for (auto& f : *county.GetLayerByName("plants")) {
    OGRPoint c;
    f->GetGeometryRef()->Centroid(&c);
    out.push_back({f->GetFieldAsString("plant_id"), c.getX(), c.getY(),
                   wkbFlatten(f->GetGeometryRef()->getGeometryType()) == wkbPoint});
  }
  return out;
}

// The plants again, one town plant moved into the first park (a relocation).
std::string writeRelocatedPlants(GDALDataset& county, const fs::path& path, Random& rnd) {
  OGRLayer* parks = county.GetLayerByName("chemical_parks");
  parks->ResetReading();
  OGRFeatureUniquePtr park(parks->GetNextFeature());
  OGRPoint inPark;
  park->GetGeometryRef()->Centroid(&inPark);
  OGRLayer* plants = county.GetLayerByName("plants");
  // The plant given as a point, outside any park, holding the most (the sum of its q_t): the one
  // a relocation programme moves first, and one whose zones show on the map.
  std::string moved;
  double most = -1;
  for (auto& f : *plants) {
    if (wkbFlatten(f->GetGeometryRef()->getGeometryType()) != wkbPoint || f->GetFieldAsInteger("in_park") != 0) continue;
    const std::string inventory = f->GetFieldAsString("inventory");
    double held = 0;
    for (std::size_t at = inventory.find("\"q_t\":"); at != std::string::npos; at = inventory.find("\"q_t\":", at + 1))
      held += std::strtod(inventory.c_str() + at + 6, nullptr);
    if (held > most) most = held, moved = f->GetFieldAsString("plant_id");
  }
  fs::remove(path);
  GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* out = ds->CopyLayer(plants, "plants");
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out->SetAttributeFilter(("plant_id = '" + moved + "'").c_str());
  OGRFeatureUniquePtr f(out->GetNextFeature());
  f->SetGeometryDirectly(new OGRPoint(inPark.getX() + rnd.uniform(-0.002, 0.002), inPark.getY() + rnd.uniform(-0.002, 0.002)));
  f->SetField("in_park", 1);
  f->SetField("park_id", park->GetFieldAsString("park_id"));
  if (out->SetFeature(f.get()) != OGRERR_NONE) throw std::runtime_error("cannot move plant " + moved);
  return moved;
}

// The accidents again with six more crashes within 20 m on one road: a new black spot.
void writeAccidentsWithNewSpot(GDALDataset& county, const fs::path& in, const fs::path& out, Random& rnd) {
  std::ifstream src(in, std::ios::binary);
  std::stringstream text;
  text << src.rdbuf();
  OGRLayer* roads = county.GetLayerByName("roads");
  roads->SetAttributeFilter("class = 'county'");
  roads->ResetReading();
  OGRFeatureUniquePtr road(roads->GetNextFeature());
  const OGRLineString* line = road->GetGeometryRef()->toLineString();
  OGRPoint at;
  line->Value(line->get_Length() * rnd.uniform(0.3, 0.7), &at);
  std::ofstream csv(out, std::ios::binary);
  csv << text.str();
  for (int i = 0; i < 6; ++i) {
    char row[160];
    // Dates inside the three years the county's own accidents span, so the period stays as it was.
    std::snprintf(row, sizeof row, "N%02d,2025-%02d-%02d,%.6f,%.6f,0,%d,%s\n", i + 1, rnd.integer(1, 11),
                  rnd.integer(1, 28), at.getX() + rnd.uniform(-0.00015, 0.00015), at.getY() + rnd.uniform(-0.00015, 0.00015),
                  rnd.integer(1, 2), road->GetFieldAsString("road_id"));
    csv << row;
  }
}

// Thirteen weeks of dangers (31 Aug - 29 Nov 2026) on the plants, their
// closed loop dated as it went, the register as it stood on 29 Nov 2026.
// GBK, as offices' Excel saves it.
void writeRegister(const std::vector<PlantRef>& plants, const fs::path& path, Random& rnd) {
  const ch::sys_days first{ch::year{2026} / 8 / 31}, asOf{ch::year{2026} / 11 / 29};
  const char* categories[] = {"消防安全", "电气安全", "工艺安全", "设备设施", "危化品储存", "特种作业"};
  const char* measures[] = {"停产整改", "限期更换设备", "增设监测报警", "整改储存场所"};
  std::string text = "隐患编号,企业编号,隐患等级,隐患类别,隐患描述,发现日期,整改期限,整改状态,开始整改日期,整改完成日期,验收日期,挂牌督办,督办级别,责任人,整改措施,整改资金(元),应急预案\n";
  int n = 0;
  for (int week = 0; week < 13; ++week)
    for (const PlantRef& p : plants) {
      if (!rnd.chance(0.12)) continue;
      const bool major = rnd.chance(0.15);
      const bool listed = major && rnd.chance(0.6);
      const ch::sys_days found = first + ch::days{7 * week + rnd.integer(0, 6)};
      const ch::sys_days deadline = found + ch::days{major ? rnd.integer(30, 60) : rnd.integer(7, 30)};
      std::string start, rectified, accepted;
      const ch::sys_days s = found + ch::days{rnd.integer(1, 10)};
      // Most close within their time; about one in five runs late.
      const ch::sys_days r = rnd.chance(0.8) ? found + ch::days{rnd.integer(3, int((deadline - found).count()))}
                                             : deadline + ch::days{rnd.integer(3, 40)};
      const ch::sys_days a = r + ch::days{rnd.integer(2, 15)};
      const bool stalls = rnd.chance(0.1);  // never started
      if (!stalls && s <= asOf) start = iso(s);
      if (!start.empty() && r <= asOf && r >= s) rectified = iso(r);
      if (!rectified.empty() && a <= asOf && rnd.chance(0.8)) accepted = iso(a);
      const char* status = !accepted.empty() ? "已验收" : !rectified.empty() ? "已整改" : !start.empty() ? "整改中" : "未整改";
      char row[768];
      std::snprintf(row, sizeof row, "YH%04d,%s,%s,%s,%s检查发现问题,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s\n", ++n,
                    p.id.c_str(), major ? "重大" : "一般", categories[rnd.integer(0, 5)], categories[rnd.integer(0, 5)],
                    iso(found).c_str(), iso(deadline).c_str(), status, start.c_str(), rectified.c_str(), accepted.c_str(),
                    listed ? 1 : 0, listed ? (rnd.chance(0.5) ? "市级" : "县级") : "", listed ? "企业主要负责人" : "",
                    listed ? measures[rnd.integer(0, 3)] : "", listed ? std::to_string(rnd.integer(5, 200) * 1000).c_str() : "",
                    listed ? "专项应急预案" : "");
      text += row;
    }
  char* gbk = CPLRecode(text.c_str(), CPL_ENC_UTF8, "GBK");
  std::ofstream(path, std::ios::binary) << gbk;
  CPLFree(gbk);
}

}  // namespace

void writeRectificationSample(const fs::path& out, std::uint64_t seed) {
  // A stream of its own: the county's draws are untouched whatever this one takes.
  Random rnd(seed ^ 0x9E3779B97F4A7C15ull);
  GDALDatasetUniquePtr county(GDALDataset::Open((out / "county.gpkg").c_str(), GDAL_OF_VECTOR));
  if (!county) throw std::runtime_error("cannot read " + (out / "county.gpkg").string());
  writeRegister(plantsOf(*county), out / "hidden_dangers_2026.csv", rnd);
  fs::create_directories(out / "period2");
  const std::string moved = writeRelocatedPlants(*county, out / "period2" / "plants.gpkg", rnd);
  writeAccidentsWithNewSpot(*county, out / "accidents_2023_2025.csv", out / "period2" / "accidents_2023_2025.csv", rnd);
  std::ofstream(out / "period2" / "README.txt") << "The sample county's second period: plant " << moved
                                                << " relocated into the first chemical park; six more crashes on one "
                                                   "county road (a new black spot).\n";
}

}  // namespace sample
