// The county's terrain: a plain rising gently away from the river, the three
// hills of Geography.cpp as massifs, and in the south-western one six
// valleys radiating from its summit, each a V whose floor falls outwards
// and runs on as a shallow channel over the plain. Three tailings ponds sit
// in three valleys; the first one's valley is aimed at the village nearest
// the hill's foot, 650 m below the dam: a head-top pond (头顶库).
//
// Its random numbers come from a stream of their own (seeded from the
// county's seed), so the county's other layers are drawn as before.
#include <cmath>
#include <cstdio>

#include "Generate.hpp"

namespace sample {
namespace {

struct Hill {
  XY centre;
  double a, b, rot, height;
};

// The hills of makeGeography (same centres, radii and rotations), with heights.
const Hill kHills[] = {{{-12000, -9000}, 5000, 3200, 0.5, 420},
                       {{4000, 14000}, 4200, 2500, -0.3, 260},
                       {{-15000, 6000}, 2500, 4000, 0.2, 300}};

// Elliptical radius: 1 on the hill's outline on the map.
double ellipticalRadius(const Hill& h, XY p) {
  const double dx = p.x - h.centre.x, dy = p.y - h.centre.y;
  const double u = (dx * std::cos(h.rot) + dy * std::sin(h.rot)) / h.a;
  const double v = (-dx * std::sin(h.rot) + dy * std::cos(h.rot)) / h.b;
  return std::hypot(u, v);
}

double massif(const Hill& h, XY p) {
  const double q = ellipticalRadius(h, p);
  return h.height * std::exp(-1.2 * q * q);
}

struct Valley {
  double angle, phase;
};

constexpr double kValleyHalfWidth = 500, kWobble = 0.08, kWobbleLength = 1400;

double valleyAngle(const Valley& v, double rho) { return v.angle + kWobble * std::sin(rho / kWobbleLength + v.phase); }

XY valleyPoint(const Valley& v, double rho) {
  const double t = valleyAngle(v, rho);
  return {kHills[0].centre.x + rho * std::cos(t), kHills[0].centre.y + rho * std::sin(t)};
}

double height(const County& c, const std::vector<Valley>& valleys, XY p) {
  double z = 6 + 0.0004 * distanceToLine(c.river, p);
  z += 0.8 * std::sin(p.x / 900 + 0.4) * std::cos(p.y / 1100 + 1.3) + 0.5 * std::sin((p.x + p.y) / 700 + 2.2);
  for (const Hill& h : kHills) z += massif(h, p);
  // Valleys: V-shaped cuts half as deep as the massif above them, plus a 2.5 m channel.
  const double rho = std::hypot(p.x - kHills[0].centre.x, p.y - kHills[0].centre.y);
  const double phi = std::atan2(p.y - kHills[0].centre.y, p.x - kHills[0].centre.x);
  double cut = 0;
  for (const Valley& v : valleys) {
    const double d = std::remainder(phi - valleyAngle(v, rho), 2 * M_PI);
    if (std::fabs(d) > M_PI / 2) continue;
    const double off = rho * std::sin(std::fabs(d));
    cut = std::max(cut, (0.5 * massif(kHills[0], p) + 2.5) * std::max(0.0, 1 - off / kValleyHalfWidth));
  }
  return z - cut;
}

// The pond: from `length` m up the valley to the dam at rho, `half` m each side of the axis.
Ring pondRing(const Valley& v, double rho, double length, double half) {
  Ring r;
  auto at = [&](double s, double side) {
    const XY a = valleyPoint(v, s);
    const double t = valleyAngle(v, s);
    return XY{a.x - side * half * std::sin(t), a.y + side * half * std::cos(t)};
  };
  for (int i = 0; i <= 5; ++i) r.push_back(at(rho - length + length * i / 5, 1));
  for (int i = 5; i >= 0; --i) r.push_back(at(rho - length + length * i / 5, -1));
  return r;
}

}  // namespace

void makeTerrain(County& c, std::uint64_t seed) {
  Random rnd(seed ^ 0x7A11'1165'D0E5ULL);  // tailings' own stream
  // The village nearest the south-western hill's foot (outside it): the head-top pond's valley points at it.
  const Settlement* village = nullptr;
  double best = 1e9;
  for (const Settlement& s : c.settlements) {
    const double q = ellipticalRadius(kHills[0], s.at);
    if (!s.town && s.name.rfind("村", 0) == 0 && q > 1.05 && q < best) best = q, village = &s;
  }
  const double rhoVillage = std::hypot(village->at.x - kHills[0].centre.x, village->at.y - kHills[0].centre.y);
  std::vector<Valley> valleys;
  const double first = std::atan2(village->at.y - kHills[0].centre.y, village->at.x - kHills[0].centre.x);
  valleys.push_back({first, -rhoVillage / kWobbleLength});  // the axis passes through the village
  for (int k = 1; k < 6; ++k) valleys.push_back({first + k * M_PI / 3 + rnd.uniform(-0.15, 0.15), rnd.uniform(0, 2 * M_PI)});

  c.demCell = 50;
  c.demOriginX = -23000, c.demOriginY = 23000;
  c.demCols = c.demRows = 920;
  c.dem.resize(static_cast<std::size_t>(c.demCols) * c.demRows);
  for (int r = 0; r < c.demRows; ++r)
    for (int k = 0; k < c.demCols; ++k) {
      const XY p{c.demOriginX + (k + 0.5) * c.demCell, c.demOriginY - (r + 0.5) * c.demCell};
      c.dem[static_cast<std::size_t>(r) * c.demCols + k] = static_cast<float>(std::round(height(c, valleys, p) * 10) / 10);
    }

  // Three ponds of different classes (GB 39496-2020 4.5): 四等 (head-top), 三等, 五等.
  c.ponds.push_back({"TP01", "石门沟尾矿库", "铅锌矿尾砂 (湿排)", "病库", "江澄石门矿业有限公司", 80, 32, 30, 0,
                     pondRing(valleys[0], rhoVillage - 650, 500, 150)});
  c.ponds.push_back({"TP02", "黄岭尾矿库", "铁矿尾砂 (湿排)", "正常库", "江澄黄岭铁矿有限公司", 1200, 45, 40, 1,
                     pondRing(valleys[2], 2400 + rnd.uniform(-100, 100), 600, 160)});
  c.ponds.push_back({"TP03", "青石坞尾矿库", "萤石矿尾砂 (干堆)", "正常库", "江澄青石萤石矿", 40, 18, 40, 0,
                     pondRing(valleys[4], 2000 + rnd.uniform(-100, 100), 400, 120)});
  std::printf("terrain: head-top pond TP01 650 m up the valley above %s\n", village->name.c_str());
}

}  // namespace sample
