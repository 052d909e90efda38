#pragma once
// Black segments (a window sliding along a road) and black spots (tight
// clusters) among accidents snapped to roads; ranked by EPDO. What makes a
// window or a cluster black is a BlackCriteria, read from a named preset
// (BlackSpotPresets.hpp, accidents.toml).
#include <memory>
#include <string>
#include <vector>

class OGRGeometry;

namespace riskmap {

struct SnappedAccident {
  std::string id;
  double x = 0, y = 0;     // snapped position, analysis CRS
  double chainage = 0;     // m along its road
  long long deaths = 0, injuries = 0;
};

// The counts a criterion looks at, over a window or a cluster.
struct AccidentTally {
  long long accidents = 0;
  long long deaths = 0;
  long long fatalAccidents = 0;   // accidents with at least one death
  long long injuryAccidents = 0;  // accidents with at least one injury
  long long severeAccidents = 0;  // accidents with at least severeDeaths deaths
  void add(const SnappedAccident& a, long long severeDeaths, int sign = 1);
};

// Black when any threshold above zero is reached (zero: not used).
struct BlackCriteria {
  long long minAccidents = 0;
  long long minDeaths = 0;
  long long minFatalAccidents = 0;
  long long minInjuryAccidents = 0;
  long long minSevereAccidents = 0;
  long long severeDeaths = 3;  // deaths that make an accident "severe"
  bool met(const AccidentTally& t) const;
  bool any() const;
  // ">= 3 deaths or >= 10 injury accidents"
  std::string text() const;
  std::string textZh() const;  // the same in Chinese: "死亡 ≥ 3 人或受伤事故 ≥ 10 起"
};

struct BlackSegmentRules {
  double window = 500, step = 100;
  BlackCriteria criteria{0, 3, 0, 10, 0};
};

struct BlackSpotRules {
  double radius = 50;
  BlackCriteria criteria{5};
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

// Clusters of the accidents within radius of a seed accident that meet the
// criteria; each accident belongs to one spot at most (seeds with the most
// neighbours first, ties in input order). Indexes into accidents.
std::vector<std::vector<std::size_t>> blackSpots(const std::vector<SnappedAccident>& accidents,
                                                 const BlackSpotRules& rules);

// A black spot's zone: the convex hull of its accidents (snapped positions)
// buffered by the radius, so every accident of the cluster has the same
// margin round it (GEOS, quadrantSegments segments per quarter circle).
std::unique_ptr<OGRGeometry> blackSpotZone(const std::vector<SnappedAccident>& accidents,
                                           const std::vector<std::size_t>& members, double radius,
                                           int quadrantSegments = 8);

}  // namespace riskmap
