// Individual-risk grid throughput: `riskmap_bench_qra SIDE_KM CELL_M
// INSTALLATIONS SCENARIOS [THREADS] [tables|direct] [FIRES]` sums INSTALLATIONS x SCENARIOS toxic
// releases (CO, 0.5-5 kg/s, frequencies 1e-6-1e-4 per year) placed at
// random in a 2 km park at the centre of a SIDE_KM square, over 6 weather
// classes x 16 wind directions, at CELL_M cells, then traces the four
// GB 36894 contours. `tables` (default) integrates across the plume once
// per release and weather class (CrosswindTable); `direct` integrates every
// cell, release and direction on its own (the model before the tables).
// With POP_CELL_M, the park's societal risk too: expected deaths of every
// outcome (release x weather x direction) over a uniform population of
// 1,000 people per km2 on POP_CELL_M cells covering the square, and the
// F-N curve (SocietalRisk.hpp).
// FIRES (default 0) adds that many gasoline pool fires per installation
// (bund 100-1600 m2, 1e-6-1e-4 per year; RadialRisk), tabulated and added
// to the grid after the plumes, timed on their own.
// Not a test: figures go to docs/performance.md.
#include "qra/PoolFire.hpp"
#include "qra/RadialRisk.hpp"
#include "qra/RiskContours.hpp"
#include "qra/SocietalRisk.hpp"
#include "qra/ToxicOutcomes.hpp"
#include "riskmap/assess/Rules.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

using namespace riskmap::qra;

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s SIDE_KM CELL_M INSTALLATIONS SCENARIOS [THREADS] [tables|direct] [POP_CELL_M]\n", argv[0]);
    return 1;
  }
  const double side = std::atof(argv[1]) * 1000, cell = std::atof(argv[2]);
  const int installations = std::atoi(argv[3]), scenarios = std::atoi(argv[4]);
  const unsigned threads = argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : std::thread::hardware_concurrency();
  const bool direct = argc > 6 && std::string(argv[6]) == "direct";
  const int fires = argc > 7 ? std::atoi(argv[7]) : 0;
  const riskmap::Rules rules = riskmap::Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/qra.toml");
  const Probits probits(rules);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> park(side / 2 - 1000, side / 2 + 1000), rate(0.5, 5), logf(-6, -4);
  std::vector<ToxicRelease> releases;
  for (int i = 0; i < installations; ++i) {
    const double x = park(rng), y = park(rng);
    for (int s = 0; s < scenarios; ++s)
      releases.push_back({"r", x, y, std::pow(10.0, logf(rng)), rate(rng), 1, 30, &probits.toxic("630-08-0")});
  }
  std::vector<WeatherDirection> weather;
  const std::pair<Stability, double> classes[] = {{Stability::B, 3},   {Stability::C, 5}, {Stability::D, 1.5},
                                                  {Stability::D, 5},   {Stability::E, 2}, {Stability::F, 1.5}};
  int cls = 0;
  for (auto [s, u] : classes) {
    for (int d = 0; d < 16; ++d) {
      weather.push_back({"w", 1.0 / 96, u, briggs(s, Terrain::OpenCountry), d * 22.5, 22.5});
      weather.back().dispersionClass = direct ? -1 : cls;
    }
    ++cls;
  }
  const auto tb = std::chrono::steady_clock::now();
  const ToxicRiskModel model(probits, releases, weather, rules.number("dispersion.receptor_height_m"), threads);
  const double tablesS = std::chrono::duration<double>(std::chrono::steady_clock::now() - tb).count();
  const int n = static_cast<int>(side / cell);
  const RiskGridSpec grid{0, side, cell, n, n};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<double> risk = individualRiskGrid(model, grid, threads);
  const auto tf = std::chrono::steady_clock::now();
  std::vector<RadialScenario> pools;
  std::uniform_real_distribution<double> bund(100, 1600);
  for (int i = 0; i < installations * fires; ++i) {
    const PoolFire pool{std::sqrt(4 * bund(rng) / 3.14159265), 0.055, 2.1, 43.7e6, 0.35};
    pools.push_back(radialScenario("pool", park(rng), park(rng), std::pow(10.0, logf(rng)),
                                   [&](double r) { return probits.thermal().probability(pool.fluxAt(r, 1.0), 20); },
                                   probits.cutoff()));
  }
  addRadialRisk(risk, grid, pools);
  const auto t1 = std::chrono::steady_clock::now();
  const auto contours = riskContours(risk, grid, {3e-7, 3e-6, 1e-5, 3e-5});
  const auto t2 = std::chrono::steady_clock::now();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double gridS = std::chrono::duration<double>(tf - t0).count();
  const double firesS = std::chrono::duration<double>(t1 - tf).count();
  std::printf("%s: cells %lld releases %zu weather-directions %zu threads %u: model %.2f s, grid %.2f s (%.2f Mcells/s), "
              "pool fires %zu %.3f s (reach up to %.0f m), contours %.2f s, peak RSS %.0f MB\n",
              direct ? "direct" : "tables", static_cast<long long>(n) * n, releases.size(), weather.size(), threads,
              tablesS, gridS,
              static_cast<double>(n) * n / gridS / 1e6, pools.size(), firesS, radialReach(pools),
              std::chrono::duration<double>(t2 - t1).count(),
              ru.ru_maxrss / 1024.0);
  for (const auto& c : contours) {
    OGREnvelope e;
    if (c.area) c.area->getEnvelope(&e);
    std::printf("  %.0e/y contour: %s, %.0f x %.0f m\n", c.level, c.area ? "traced" : "none", e.MaxX - e.MinX,
                e.MaxY - e.MinY);
  }
  if (argc > 7) {
    const double popCell = std::atof(argv[7]);
    const int m = static_cast<int>(side / popCell);
    std::vector<riskmap::PeoplePoint> people;
    people.reserve(static_cast<std::size_t>(m) * m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j) people.push_back({(i + 0.5) * popCell, (j + 0.5) * popCell, 1e-3 * popCell * popCell});
    const ToxicOutcomes outcomes(model);
    const auto f0 = std::chrono::steady_clock::now();
    const std::vector<OutcomeDeaths> deaths = expectedDeaths({&outcomes}, people, threads);
    const std::vector<FnPoint> curve = fnCurve(deaths, 1);
    const double fnS = std::chrono::duration<double>(std::chrono::steady_clock::now() - f0).count();
    getrusage(RUSAGE_SELF, &ru);
    std::printf("F-N: %zu outcomes over %lld population cells of %.0f m: %.2f s, %zu steps, F(1) = %.2e/y, "
                "max N %.1f, peak RSS %.0f MB\n",
                deaths.size(), static_cast<long long>(m) * m, popCell, fnS, curve.size(),
                curve.empty() ? 0.0 : curve.back().frequencyPerYear, curve.empty() ? 0.0 : curve.front().deaths,
                ru.ru_maxrss / 1024.0);
  }
  return 0;
}
