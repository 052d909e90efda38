#pragma once
// Black segments (a window sliding along a road) and black spots (tight
// clusters) among accidents snapped to roads; ranked by EPDO.
#include <string>
#include <vector>

namespace riskmap {

struct SnappedAccident {
  std::string id;
  double x = 0, y = 0;     // snapped position, analysis CRS
  double chainage = 0;     // m along its road
  long long deaths = 0, injuries = 0;
};

struct BlackSegmentRules {
  double window = 500, step = 100;
  long long minDeaths = 3, minInjuryAccidents = 10;
};

struct BlackSpotRules {
  double radius = 50;
  long long minAccidents = 5;
};

struct EpdoWeights {
  double fatal = 12, injury = 3, propertyOnly = 1;
  double of(const SnappedAccident& a) const { return a.deaths > 0 ? fatal : a.injuries > 0 ? injury : propertyOnly; }
};

struct Stretch {
  double from, to;                 // m along the road
  std::vector<std::size_t> members;  // indexes into the road's accidents
};

// Windows [k*step, k*step + window] along a road of the given length; the
// black ones, merged where they overlap. accidents need not be sorted.
std::vector<Stretch> blackSegments(const std::vector<SnappedAccident>& accidents, double roadLength,
                                   const BlackSegmentRules& rules);

// Clusters of at least minAccidents accidents within radius of a seed
// accident; each accident belongs to one spot at most. Indexes into accidents.
std::vector<std::vector<std::size_t>> blackSpots(const std::vector<SnappedAccident>& accidents,
                                                 const BlackSpotRules& rules);

}  // namespace riskmap
