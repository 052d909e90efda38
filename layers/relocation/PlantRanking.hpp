#pragma once
// Which plants sit inside a densely populated area, and in what order they
// should move: the figures of each plant compared key by key in the rules'
// priority order (docs/relocation.md). Every row says why it is there
// (the dense-area test it met) and what put it ahead of the next one.
#include <string>
#include <vector>

#include "PlantRegister.hpp"
#include "RelocationRules.hpp"

namespace riskmap {
class ExposureQueries;
}

namespace riskmap::relocation {

struct RankedPlant {
  const Plant* plant = nullptr;
  int rank = 0;
  std::string denseBy;          // "urban area 城关" or "12,345 people/km² within 1,000 m"
  double densityPerKm2 = 0;     // people per km² within the dense-area radius (always measured)
  long long people500 = 0, peopleExternalSafety = 0, sensitiveTargets = 0;
  bool inPark = false;
  std::string park;             // the park it is in, if any
  std::string aheadOfNextBy;    // "level: 1 vs 3"; empty for the last row or a full tie
  std::string aheadOfNextByZh;  // the same in Chinese, for the printed table
  double lon = 0, lat = 0;      // the site's centre, CGCS2000
};

struct Ranking {
  std::vector<RankedPlant> rows;  // ranked, first moves first
  int plantsConsidered = 0;
  std::string denseMethod;        // "urban areas (table X)" or "density >= N people/km² within R m"
};

// urbanTable: a library table of urban-area polygons; empty: the density test.
Ranking rankPlants(const PlantRegister& plants, const std::filesystem::path& library, const std::string& urbanTable,
                   ExposureQueries& exposure, const RelocationRules& rules);

// The plant's figure that a priority key compares, as shown in the tables.
std::string priorityValueText(const RankedPlant& row, PriorityKey key, bool chinese = false);

}  // namespace riskmap::relocation
