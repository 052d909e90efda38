// The province's layout (a grid of county cells with shared wobbly edges),
// its counties drawn like the sample county, the trunk line cut at the
// county lines, and the plant by the line between the first two counties.
#include "Province.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "Generate.hpp"

namespace sample {
namespace {

constexpr double kCell = 36000;    // m: a county cell, about the sample county's 1,300 km^2
constexpr double kWobble = 1200;   // m: how far a county line strays from the grid
constexpr double kStep = 300;      // m between the vertices of a county line
constexpr double kBorderY = -2000; // m, local: where the border plant and village sit (south of the north-western hill)

const char* kCountyNames[] = {"澄江县", "临溪县", "望海县", "石湖县", "丰乐县", "南浦县", "清源县", "白鹭县",
                              "金沙县", "玉泉县", "青林县", "东阳湖县", "西岭县", "北塘县", "安澜县", "长汀湾县",
                              "松阳溪县", "竹源县", "梅岭县", "桃江县", "双溪县", "三门湾县", "五峰县", "平湖口县",
                              "新桥县", "古渡县", "龙泉湾县", "凤鸣县", "鹤溪县", "云峰县"};

// A county line's offset from its grid line: zero at every grid corner, so the
// two counties (and the corner's four) draw the same line.
double wobble(int boundary, double along, bool vertical) {
  const int waves = 1 + (boundary * 7 + (vertical ? 0 : 3)) % 3;
  const double sign = boundary % 2 ? -1 : 1;
  return sign * kWobble * std::sin(waves * M_PI * along / kCell);
}

struct Grid {
  int cols, rows;
  double west() const { return -cols * kCell / 2; }
  double north() const { return rows * kCell / 2; }
  double verticalLine(int j, double y) const { return west() + j * kCell + wobble(j, north() - y, true); }
  double horizontalLine(int i, double x) const { return north() - i * kCell + wobble(i, x - west(), false); }
  XY centre(int k) const {
    return {west() + (k % cols + 0.5) * kCell, north() - (k / cols + 0.5) * kCell};
  }
  // The county cell's outline in province metres (clockwise from its north-west corner).
  Ring cell(int k) const {
    const int col = k % cols, row = k / cols;
    const int n = static_cast<int>(kCell / kStep);
    const double x0 = west() + col * kCell, y0 = north() - row * kCell;
    Ring r;
    for (int s = 0; s < n; ++s) r.push_back({x0 + s * kStep, horizontalLine(row, x0 + s * kStep)});
    for (int s = 0; s < n; ++s) r.push_back({verticalLine(col + 1, y0 - s * kStep), y0 - s * kStep});
    for (int s = 0; s < n; ++s) r.push_back({x0 + kCell - s * kStep, horizontalLine(row + 1, x0 + kCell - s * kStep)});
    for (int s = 0; s < n; ++s) r.push_back({verticalLine(col, y0 - kCell + s * kStep), y0 - kCell + s * kStep});
    return r;
  }
};

Ring shifted(const Ring& r, XY by) {
  Ring out;
  for (const XY& p : r) out.push_back({p.x + by.x, p.y + by.y});
  return out;
}

std::string adcodeOf(int k) {
  char code[16];
  std::snprintf(code, sizeof code, "%s%02d", kProvinceCity, k + 1);
  return code;
}

std::string countyName(int k) {
  const int n = static_cast<int>(std::size(kCountyNames));
  return k < n ? kCountyNames[k] : std::string(kCountyNames[k % n]).insert(0, std::to_string(k / n + 1));
}

// The border case: a village just east of the line between counties 0 and 1
// (in county 1), and in county 0 a chlorine plant 250 m west of the line,
// 450 m from the village's centre: its 500 m ring reaches 250 m into county 1.
XY borderPoint(const Grid& g, double offsetEast) {
  const double y = g.centre(0).y + kBorderY;
  return {g.verticalLine(1, y) + offsetEast, y};
}

void generateCounty(ProvinceCounty& pc, int k, const Grid& grid, std::uint64_t seed) {
  County& c = pc.county;
  pc.centre = grid.centre(k);
  pc.seed = seed + static_cast<std::uint64_t>(k);
  c.name = countyName(k);
  c.code = adcodeOf(k);
  Random rnd(pc.seed);
  const Ring outline = shifted(grid.cell(k), {-pc.centre.x, -pc.centre.y});
  makeGeography(c, rnd, &outline);
  if (k == 1) {
    const XY v = borderPoint(grid, 200);
    c.settlements.push_back({"界河村", {v.x - pc.centre.x, v.y - pc.centre.y}, 250, 6000});
  }
  makePopulation(c, rnd);
  makeRoads(c, rnd);
  makeHazards(c, rnd);
  makeTargets(c, rnd);
  makeAccidents(c, rnd);
  if (k == 0) {
    static const Substance chlorine{"氯", "chlorine", "7782-50-5", 5}, hcl{"氯化氢", "hydrogen chloride", "7647-01-0", 20};
    const XY p = borderPoint(grid, -250);
    Plant plant;
    char id[24];
    std::snprintf(id, sizeof id, "HZ%03zu", c.plants.size() + 1);
    plant.id = id;
    plant.name = "界河氯碱化工有限公司";
    plant.industry = "氯碱化工";
    plant.at = {p.x - pc.centre.x, p.y - pc.centre.y};
    plant.inventory = {{&chlorine, 60}, {&hcl, 30}};
    c.plants.push_back(plant);
  }
}

int countyAt(const Province& p, XY at) {
  for (std::size_t k = 0; k < p.counties.size(); ++k)
    if (inside(shifted(p.counties[k].county.outline, p.counties[k].centre), at)) return static_cast<int>(k);
  return -1;
}

// The trunk line across the first row, cut where it crosses a county line
// (the crossing found by bisection, shared by both sections).
void makeTrunk(Province& p, const Grid& g, std::uint64_t seed) {
  Random rnd(seed ^ 0x7472756e6bULL);
  const double y = g.centre(0).y - 6000;
  const Line line = wiggle({g.west() - 3000, y}, {g.west() + g.cols * kCell + 3000, y + 1500}, 800, g.cols, rnd);
  Line run;
  int current = countyAt(p, line.front());
  auto close = [&] {
    if (current >= 0 && run.size() >= 2) {
      const ProvinceCounty& pc = p.counties[static_cast<std::size_t>(current)];
      p.trunk.push_back({pc.county.code, {pc.county.code + "-GT01", "浙东天然气干线" + pc.county.name + "段", "gas",
                                          "国家管网浙江省天然气管网公司", 813, 10, run}});
    }
    run.clear();
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const int here = countyAt(p, line[i]);
    if (here != current && i > 0) {
      XY a = line[i - 1], b = line[i];
      for (int it = 0; it < 30; ++it) {
        const XY m{(a.x + b.x) / 2, (a.y + b.y) / 2};
        (countyAt(p, m) == current ? a : b) = m;
      }
      run.push_back(a);
      close();
      run.push_back(a);
      current = here;
    }
    run.push_back(line[i]);
  }
  close();
}

}  // namespace

Province makeProvince(int counties, std::uint64_t seed) {
  if (counties < 2 || counties > 99) throw std::invalid_argument("--counties: 2 to 99 (1 is the sample county)");
  Grid grid;
  grid.cols = static_cast<int>(std::ceil(std::sqrt(counties)));
  grid.rows = (counties + grid.cols - 1) / grid.cols;
  Province p;
  p.cols = grid.cols;
  p.rows = grid.rows;
  p.cell = kCell;
  p.counties.resize(static_cast<std::size_t>(counties));
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto work = [&] {
    for (int k; (k = next++) < counties;) try {
        generateCounty(p.counties[static_cast<std::size_t>(k)], k, grid, seed);
      } catch (...) {
        const std::lock_guard lock(failureMutex);
        failure = std::current_exception();
      }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) threads.emplace_back(work);
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  makeTrunk(p, grid, seed);
  p.borderPlant = p.counties[0].county.code + "-" + p.counties[0].county.plants.back().id;
  p.borderVillage = "界河村";
  return p;
}

}  // namespace sample
