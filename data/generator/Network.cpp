// Roads, chemical parks, plants and pipelines.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "Generate.hpp"

namespace sample {
namespace {

// GB 18218-2018 Table 1 critical quantities (t).
const Substance kSubstances[] = {
    {"氯", "chlorine", "7782-50-5", 5},        {"氨", "ammonia", "7664-41-7", 10},
    {"二氧化硫", "sulfur dioxide", "7446-09-5", 20}, {"光气", "phosgene", "75-44-5", 0.3},
    {"环氧乙烷", "ethylene oxide", "75-21-8", 10},   {"硫化氢", "hydrogen sulfide", "7783-06-4", 5},
    {"氯化氢", "hydrogen chloride", "7647-01-0", 20}, {"氟化氢", "hydrogen fluoride", "7664-39-3", 1},
    {"溴甲烷", "methyl bromide", "74-83-9", 10},    {"氰化氢", "hydrogen cyanide", "74-90-8", 1},
    {"氢", "hydrogen", "1333-74-0", 5},            {"液化石油气", "liquefied petroleum gas", "68476-85-7", 50},
    {"天然气", "natural gas", "8006-14-2", 50},     {"乙炔", "acetylene", "74-86-2", 1},
    {"乙烯", "ethylene", "74-85-1", 50},           {"氯乙烯", "vinyl chloride", "75-01-4", 50},
    {"环氧丙烷", "propylene oxide", "75-56-9", 10},  {"甲醛", "formaldehyde", "50-00-0", 5},
    {"苯", "benzene", "71-43-2", 50},              {"汽油", "gasoline", "86290-81-5", 200},
    {"甲醇", "methanol", "67-56-1", 500},          {"乙醇", "ethanol", "64-17-5", 500},
    {"甲苯", "toluene", "108-88-3", 500},          {"丙酮", "acetone", "67-64-1", 500},
};

const Substance& substance(const char* en) {
  for (const Substance& s : kSubstances)
    if (s.en == std::string(en)) return s;
  return kSubstances[0];
}

// Inventory profiles, by how dangerous a plant should come out; quantities in t.
struct Profile {
  const char* industry;
  std::vector<std::pair<const char*, std::pair<double, double>>> holdings;  // substance, q range
};

const Profile kProfiles[] = {
    {"氯碱化工", {{"chlorine", {40, 90}}, {"hydrogen chloride", {20, 60}}, {"hydrogen", {2, 6}}}},      // level 1-2
    {"合成氨", {{"ammonia", {120, 400}}, {"hydrogen", {3, 10}}}},                                     // level 1-2
    {"液化气储配", {{"liquefied petroleum gas", {150, 600}}}},                                        // level 2-3
    {"精细化工", {{"toluene", {300, 1500}}, {"acetone", {200, 900}}, {"methanol", {300, 1200}}}},   // level 3-4
    {"油品储运", {{"gasoline", {250, 1500}}, {"methanol", {500, 2500}}}},                            // level 3-4
    {"农药中间体", {{"phosgene", {0.5, 2}}, {"methyl bromide", {5, 20}}}},                           // level 1-3
    {"气体充装", {{"acetylene", {0.3, 0.8}}, {"hydrogen", {0.5, 2}}}},                               // not major
    {"电子化学品", {{"hydrogen fluoride", {0.2, 0.6}}, {"ethanol", {20, 80}}}},                        // not major
};

const char* kPlantNames[] = {"江澄", "临江", "东湖", "梅溪", "青石", "白沙", "宏达", "华盛", "永兴", "金桥",
                             "恒信", "浙东", "新安", "瑞丰", "天元", "龙盛", "海光", "润泽", "联化", "同德"};

Ring rectangle(XY c, double w, double h, double rot) {
  Ring r;
  for (auto [dx, dy] : std::vector<std::pair<double, double>>{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}})
    r.push_back({c.x + dx * std::cos(rot) - dy * std::sin(rot), c.y + dx * std::sin(rot) + dy * std::cos(rot)});
  return r;
}

Ring blob(XY c, double rx, double ry, Random& rnd) {
  Ring r;
  for (int i = 0; i < 24; ++i) {
    const double t = 2 * M_PI * i / 24, k = rnd.uniform(0.85, 1.1);
    r.push_back({c.x + rx * k * std::cos(t), c.y + ry * k * std::sin(t)});
  }
  return r;
}

// The part of a line inside the county outline (its longest run).
Line clipToCounty(const County& c, const Line& line) {
  Line best, run;
  for (const XY& p : line) {
    if (inside(c.outline, p)) run.push_back(p);
    else {
      if (run.size() > best.size()) best = run;
      run.clear();
    }
  }
  return run.size() > best.size() ? run : best;
}

}  // namespace

Line wiggle(XY a, XY b, double amplitude, double waves, Random& rnd) {
  Line out;
  const double len = std::hypot(b.x - a.x, b.y - a.y);
  const int n = std::max(2, static_cast<int>(len / 150));
  const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len, phase = rnd.uniform(0, 6.28);
  for (int i = 0; i <= n; ++i) {
    const double t = static_cast<double>(i) / n;
    const double off = amplitude * std::sin(M_PI * t) * std::sin(waves * M_PI * t + phase);
    out.push_back({a.x + (b.x - a.x) * t + nx * off, a.y + (b.y - a.y) * t + ny * off});
  }
  return out;
}

double length(const Line& l) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < l.size(); ++i) s += std::hypot(l[i + 1].x - l[i].x, l[i + 1].y - l[i].y);
  return s;
}

XY pointAlong(const Line& l, double f) {
  double target = f * length(l);
  for (std::size_t i = 0; i + 1 < l.size(); ++i) {
    const double seg = std::hypot(l[i + 1].x - l[i].x, l[i + 1].y - l[i].y);
    if (target <= seg && seg > 0) return {l[i].x + (l[i + 1].x - l[i].x) * target / seg, l[i].y + (l[i + 1].y - l[i].y) * target / seg};
    target -= seg;
  }
  return l.back();
}

void makeRoads(County& c, Random& rnd) {
  const XY town = c.settlements[0].at;
  auto add = [&](const std::string& id, const std::string& name, const std::string& cls, XY a, XY b, double amp) {
    Line l = clipToCounty(c, wiggle(a, b, amp, 3, rnd));
    if (l.size() >= 2) c.roads.push_back({id, name, cls, l});
  };
  add("G60", "沪昆高速", "expressway", {-26000, -20000}, {26000, 12000}, 600);
  add("G104", "104国道", "national", {town.x - 1500, -26000}, {town.x + 2500, 26000}, 900);
  add("G329", "329国道", "national", {-26000, town.y + 300}, {26000, town.y - 1200}, 800);
  const char* provincial[][2] = {{"S21", "江临线"}, {"S22", "东梅线"}, {"S23", "青白线"}};
  for (int i = 0; i < 3; ++i) {
    const XY a = c.settlements[2 + 3 * i].at, b = c.settlements[3 + 3 * i].at;
    add(provincial[i][0], provincial[i][1], "provincial", a, b, 500);
  }
  // County roads leave the town from its edge toward each seat, as real ones fan out from a ring road.
  for (std::size_t i = 1; i < 12; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "X3%02zu", i);
    const XY seat = c.settlements[i].at;
    const double d = std::hypot(seat.x - town.x, seat.y - town.y), edge = std::min(2000.0, d / 2);
    const XY start{town.x + (seat.x - town.x) * edge / d, town.y + (seat.y - town.y) * edge / d};
    add(id, "县道" + std::string(id), "county", start, seat, 350);
  }
}

void makeHazards(County& c, Random& rnd) {
  const XY town = c.settlements[0].at;
  // Parks: the development zone's chemical park east of town (B) and an older fine-chemicals park (A).
  c.parks.push_back({"P01", "江澄经济开发区化工园", 68.5, blob({town.x + 12000, town.y - 3500}, 1800, 1200, rnd)});
  c.parks.push_back({"P02", "临江精细化工园", 55.0, blob({-6500, -15500}, 900, 700, rnd)});

  int n = 0;
  auto addPlant = [&](XY at, const std::string& parkId, bool inTown, int profile) {
    const Profile& p = kProfiles[profile];
    Plant plant;
    char id[24];
    std::snprintf(id, sizeof id, "HZ%03d", ++n);
    plant.id = id;
    plant.name = std::string(kPlantNames[n % 20]) + p.industry + (n % 3 ? "有限公司" : "股份有限公司");
    plant.industry = p.industry;
    plant.parkId = parkId;
    plant.at = at;
    plant.inTown = inTown;
    if (rnd.chance(0.5)) plant.site = rectangle(at, rnd.uniform(100, 300), rnd.uniform(100, 250), rnd.uniform(0, 1.5));
    for (const auto& [sub, range] : p.holdings)
      plant.inventory.push_back({&substance(sub), std::round(rnd.uniform(range.first, range.second) * 10) / 10});
    if (rnd.chance(0.35)) plant.safetyDistance = std::round(rnd.uniform(150, 900) / 10) * 10;
    c.plants.push_back(plant);
  };
  for (int i = 0; i < 35; ++i) {  // in parks
    const Park& park = c.parks[i < 25 ? 0 : 1];
    XY at;
    do at = {park.ring[0].x + rnd.uniform(-3800, 200), park.ring[0].y + rnd.uniform(-2500, 2500)};
    while (!inside(park.ring, at));
    addPlant(at, park.id, false, i % 8);
  }
  for (int i = 0; i < 15; ++i) {  // in and next to the dense town: the relocation candidates
    const double t = rnd.uniform(0, 6.28), r = rnd.uniform(600, 2600);
    addPlant({town.x + r * std::cos(t), town.y + r * std::sin(t)}, "", true, (i * 3) % 8);
  }
  for (int i = 0; i < 10; ++i) {  // scattered near township seats
    const XY s = c.settlements[2 + i].at;
    addPlant({s.x + rnd.uniform(-1500, 1500), s.y + rnd.uniform(-1500, 1500)}, "", false, (i * 5 + 2) % 8);
  }

  // Pipelines: a trunk line past the town's south edge, an oil products line, regional and town lines.
  auto pipe = [&](const std::string& id, const std::string& name, const std::string& medium, double od, double mop,
                  const std::string& op, Line line) {
    line = clipToCounty(c, line);
    if (line.size() >= 2) c.pipelines.push_back({id, name, medium, op, od, mop, line});
  };
  pipe("GP01", "西气东输二线江澄段", "gas", 1016, 10, "国家管网西气东输公司",
       wiggle({-26000, town.y - 2600}, {26000, town.y - 900}, 700, 2, rnd));
  pipe("OP01", "甬沪宁成品油管道江澄段", "oil", 610, 8, "国家管网东部原油储运公司",
       wiggle({town.x + 6500, 26000}, {town.x + 9000, -26000}, 900, 2, rnd));
  pipe("GP02", "开发区供气支线", "gas", 508, 6.3, "浙江省天然气管网公司",
       wiggle({town.x + 4000, town.y - 2300}, c.parks[0].ring[12], 300, 1, rnd));
  pipe("GP03", "南塘供气支线", "gas", 323.9, 4, "浙江省天然气管网公司",
       wiggle({town.x - 2000, town.y - 2500}, c.settlements[4].at, 400, 1, rnd));
  const double angles[] = {0.3, 1.6, 2.9, 4.2, 5.3};
  for (int i = 0; i < 5; ++i) {
    const double r = rnd.uniform(2500, 3500);
    pipe("DP0" + std::to_string(i + 1), "城区燃气" + std::to_string(i + 1) + "号线", "gas", i < 3 ? 219 : 168,
         i < 3 ? 1.6 : 0.4, "江澄港华燃气有限公司",
         wiggle({town.x, town.y - 2200}, {town.x + r * std::cos(angles[i]), town.y + r * std::sin(angles[i])}, 150, 2, rnd));
  }
}

}  // namespace sample
