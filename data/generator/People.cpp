// Where people are: protected targets, buildings, and the accidents on the roads.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "Generate.hpp"

namespace sample {
namespace {

std::string shortName(const std::string& township) {
  // "东湖镇" -> "东湖", "城关街道" -> "城关": drop the last UTF-8 character(s) naming the level.
  const std::size_t cut = township.size() >= 9 && township.substr(township.size() - 6) == "街道" ? township.size() - 6
                                                                                                 : township.size() - 3;
  return township.substr(0, cut);
}

// A place near a settlement, weighted toward the town.
XY near(const County& c, Random& rnd, std::size_t settlement, double spread) {
  const Settlement& s = c.settlements[settlement];
  for (;;) {
    const XY p{s.at.x + rnd.normal(0, spread), s.at.y + rnd.normal(0, spread)};
    if (inside(c.outline, p) && !isWaterOrHill(c, p)) return p;
  }
}

std::string date(Random& rnd) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = rnd.integer(0, 3 * 365 - 1);
  const int year = 2023 + d / 365;
  d %= 365;
  int m = 0;
  while (d >= days[m]) d -= days[m++];
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m + 1, d + 1);
  return buf;
}

}  // namespace

double populationAt(const County& c, XY p) {
  const int k = static_cast<int>((p.x - c.originX) / 100), r = static_cast<int>((c.originY - p.y) / 100);
  if (k < 0 || r < 0 || k >= c.cols || r >= c.rows) return 0;
  return std::max(0.0f, c.people[static_cast<std::size_t>(r) * c.cols + k]);
}

void makeTargets(County& c, Random& rnd) {
  struct Kind {
    const char* kind;
    int count;
    int lo, hi;
  };
  const Kind kinds[] = {{"school", 60, 400, 2500}, {"kindergarten", 40, 80, 400}, {"hospital", 12, 200, 1500},
                        {"elderly_home", 15, 50, 300}, {"market", 25, 200, 1500}};
  for (const Kind& k : kinds)
    for (int i = 0; i < k.count; ++i) {
      // Two in five in the county town, the rest at township seats and villages.
      const std::size_t s = i % 5 < 2 ? 0 : (i % 5 == 2 ? 1 + i % 11 : 12 + (i * 7) % 150);
      const XY at = near(c, rnd, s, s == 0 ? 1500 : s < 12 ? 600 : 150);
      const std::string place = s == 0 ? "城关" : s < 12 ? shortName(c.townships[s].name) : c.settlements[s].name;
      char num[16];
      std::snprintf(num, sizeof num, "%d", i + 1);
      const std::string kind = k.kind;
      const std::string name = kind == "school"         ? place + "第" + num + "小学"
                               : kind == "kindergarten" ? place + "第" + num + "幼儿园"
                               : kind == "hospital"     ? (i == 0 ? std::string("江澄县人民医院") : place + "卫生院" + num + "分院")
                               : kind == "elderly_home" ? place + "敬老院" + num
                                                        : place + "农贸市场" + num;
      c.targets.push_back({name, kind, at, rnd.integer(k.lo, k.hi)});
    }
  // Filling stations along the main roads and a water source by the lake: the pipelines' HCA rules use them.
  for (int i = 0; i < 8; ++i) {
    const Road& road = c.roads[1 + i % 2];
    const XY at = pointAlong(road.line, 0.1 + 0.1 * i);
    c.targets.push_back({"中石化江澄加油站" + std::to_string(i + 1), "filling_station", {at.x + 30, at.y + 30}, 10});
  }
  c.targets.push_back({"东湖水库饮用水水源地", "water_source", {7000, 8300}, 0});

  // Buildings: about one household per 2.8 people; town blocks of 6-18 storeys, village clusters of 1-3.
  int n = 0;
  for (int r = 0; r < c.rows; ++r)
    for (int k = 0; k < c.cols; ++k) {
      const float people = c.people[static_cast<std::size_t>(r) * c.cols + k];
      if (people <= 0) continue;
      int households = static_cast<int>(std::round(people / 2.8));
      const bool urban = people >= 60;
      const XY base{c.originX + k * 100, c.originY - (r + 1) * 100};
      while (households > 0) {
        const int storeys = urban ? rnd.integer(6, 18) : rnd.integer(1, 3);
        const int h = std::min(households, urban ? storeys * rnd.integer(2, 4) : rnd.integer(3, 8));
        households -= h;
        char id[24];
        std::snprintf(id, sizeof id, "B%06d", ++n);
        c.buildings.push_back({id, {base.x + rnd.uniform(5, 95), base.y + rnd.uniform(5, 95)}, storeys, h});
      }
    }
}

void makeAccidents(County& c, Random& rnd) {
  int n = 0;
  auto add = [&](const Road& road, XY at, int deaths, int injuries) {
    char id[24];
    std::snprintf(id, sizeof id, "A%05d", ++n);
    c.accidents.push_back({id, date(rnd), road.id, at, deaths, injuries});
  };
  auto offRoad = [&](XY p, double metres) { return XY{p.x + rnd.uniform(-metres, metres), p.y + rnd.uniform(-metres, metres)}; };
  double total = 0;
  for (const Road& r : c.roads) total += length(r.line);
  // Thin background: 1,600 accidents spread evenly over the network (about 6 per km in
  // 3 years), thin enough that chance alone makes only a few 50 m clusters of 5.
  for (int i = 0; i < 1600; ++i) {
    double pick = rnd.uniform(0, total);
    const Road* road = &c.roads.back();
    for (const Road& r : c.roads) {
      pick -= length(r.line);
      if (pick <= 0) {
        road = &r;
        break;
      }
    }
    const bool fatal = rnd.chance(0.02);
    add(*road, offRoad(pointAlong(road->line, rnd.uniform()), 6), fatal ? 1 : 0, rnd.chance(0.35) ? rnd.integer(1, 3) : 0);
  }
  // Five black spots: junction-like places with 8-15 accidents within 30 m.
  for (int s = 0; s < 5; ++s) {
    const Road& road = c.roads[s % 3];
    const XY at = pointAlong(road.line, 0.3 + 0.1 * s);
    const int count = rnd.integer(8, 15);
    for (int i = 0; i < count; ++i) add(road, offRoad(at, 20), rnd.chance(0.1) ? 1 : 0, rnd.chance(0.5) ? rnd.integer(1, 2) : 0);
  }
  // Three black segments: 500 m stretches with 4 deaths and a dozen injury accidents.
  for (int s = 0; s < 3; ++s) {
    const Road& road = c.roads[s];
    const double from = 0.55 + 0.05 * s, span = 450 / length(road.line);
    for (int i = 0; i < 16; ++i)
      add(road, offRoad(pointAlong(road.line, from + span * rnd.uniform()), 5), i < 4 ? 1 : 0, i < 4 ? 0 : rnd.integer(1, 3));
  }
  // Ten recorded far from any road (a wrong position): import keeps them, assess reports them unsnapped.
  for (int i = 0; i < 10;) {
    const XY p{rnd.uniform(-18000, 18000), rnd.uniform(-18000, 18000)};
    bool far = inside(c.outline, p);
    for (const Road& r : c.roads) far = far && distanceToLine(r.line, p) > 300;
    if (!far) continue;
    add(c.roads.back(), p, 0, 1);
    ++i;
  }
}

}  // namespace sample
