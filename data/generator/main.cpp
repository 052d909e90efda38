// riskmap-sample-county OUT_DIR [--seed N] [--counties N [--population-per-county]]
// Generates the fictional sample county 江澄县 at real coordinates in
// Zhejiang (around 30.10N, 120.65E), the same bytes from the same seed;
// with --counties N (2-99), a synthetic province of N counties instead
// (Province.hpp). --counties 1 is the sample county.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "Enterprises.hpp"
#include "Generate.hpp"
#include "Province.hpp"
#include "Rectification.hpp"
#include "Write.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {  // `--help` is not an output folder
    std::fprintf(stderr, "usage: %s OUT_DIR [--seed N] [--counties N [--population-per-county]]\n", argv[0]);
    return 1;
  }
  std::uint64_t seed = 20261122;
  int counties = 1;
  bool populationPerCounty = false;
  for (int i = 2; i < argc; ++i)
    if (std::string(argv[i]) == "--population-per-county") populationPerCounty = true;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::string(argv[i]) == "--counties") counties = std::atoi(argv[i + 1]);
  }
  const auto start = std::chrono::steady_clock::now();
  if (counties != 1) {
    try {
      const sample::Province province = sample::makeProvince(counties, seed);
      sample::writeProvince(province, argv[1], populationPerCounty);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "riskmap-sample-county: %s\n", e.what());
      return 1;
    }
    std::printf("province of %d counties (seed %llu) -> %s in %.1f s\n", counties,
                static_cast<unsigned long long>(seed), argv[1],
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return 0;
  }
  sample::Random rnd(seed);
  sample::County c;
  sample::makeGeography(c, rnd);
  sample::makePopulation(c, rnd);
  sample::makeRoads(c, rnd);
  sample::makeHazards(c, rnd);
  sample::makeTargets(c, rnd);
  sample::makeAccidents(c, rnd);
  sample::makeNeighbours(c);
  sample::makeTerrain(c, seed);
  const std::filesystem::path out(argv[1]);
  sample::writeCounty(c, out);
  sample::writeEnterprises(c, out, seed);  // its own random stream: the county's files do not change
  sample::writeRectificationSample(out, seed);  // after the county, from its own random stream

  double area = 0;
  for (std::size_t i = 0; i < c.outline.size(); ++i) {
    const auto& p = c.outline[i];
    const auto& q = c.outline[(i + 1) % c.outline.size()];
    area += p.x * q.y - q.x * p.y;
  }
  area = std::fabs(area) / 2 / 1e6;
  std::string town;
  for (const auto& p : c.plants)
    if (p.inTown) town += std::string(town.empty() ? "" : ", ") + "\"" + p.id + "\"";
  std::ofstream(out / "summary.json")
      << "{\n  \"seed\": " << seed << ",\n  \"area_km2\": " << std::round(area) << ",\n  \"population\": "
      << static_cast<long long>(c.populationTotal) << ",\n  \"townships\": " << c.townships.size()
      << ",\n  \"roads\": " << c.roads.size() << ",\n  \"chemical_parks\": " << c.parks.size()
      << ",\n  \"plants\": " << c.plants.size() << ",\n  \"pipelines\": " << c.pipelines.size()
      << ",\n  \"protected_targets\": " << c.targets.size() << ",\n  \"buildings\": " << c.buildings.size()
      << ",\n  \"accidents\": " << c.accidents.size() << ",\n  \"tailings_ponds\": " << c.ponds.size() << ",\n  \"town_plants\": [" << town << "]\n}\n";
  std::printf("江澄县 (seed %llu): %.0f km2, %lld people, %zu townships, %zu plants, %zu pipelines, %zu targets, "
              "%zu buildings, %zu accidents -> %s in %.1f s\n",
              static_cast<unsigned long long>(seed), area, static_cast<long long>(c.populationTotal),
              c.townships.size(), c.plants.size(), c.pipelines.size(), c.targets.size(), c.buildings.size(),
              c.accidents.size(), out.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}
