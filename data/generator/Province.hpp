#pragma once
// A synthetic province (or city) of N counties for tests and benchmarks:
// each county drawn like the sample county from a seed of its own inside a
// cell of a grid that tiles the province (wobbly shared edges, so
// neighbours share their county line exactly), every feature keyed by its
// county's code (adcode, GB/T 2260 style: 3312NN, a city code no real
// Zhejiang city uses), a trunk gas line crossing every county of the first
// row, and one chlorine plant 250 m from the line between the first two
// counties with a village just across it (the cross-county test case).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "County.hpp"

namespace sample {

struct ProvinceCounty {
  County county;      // in its own local metres (centred on its cell)
  XY centre;          // the cell's centre in province metres
  std::uint64_t seed;
};

struct PipelineSection {
  std::string adcode;  // the county whose section it is
  Pipeline pipe;       // in province metres
};

struct Province {
  std::vector<ProvinceCounty> counties;
  std::vector<PipelineSection> trunk;  // the trunk line, cut at the county lines
  std::string borderPlant, borderVillage;  // ids: the plant by the line and the village across it
  int cols = 0, rows = 0;
  double cell = 0;
};

inline constexpr const char* kProvinceCity = "3312";

// The counties are generated in parallel (each from its own random stream), so the result does not depend on threads.
Province makeProvince(int counties, std::uint64_t seed);

// One population raster for the province, or (populationPerCounty) one per
// county under population/ with a VRT mosaic of them, population_100m.vrt.
void writeProvince(const Province& province, const std::filesystem::path& out, bool populationPerCounty = false);

}  // namespace sample
