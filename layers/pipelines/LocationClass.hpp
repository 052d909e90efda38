#pragma once
// Location classes along a pipeline (GB 50251-2015 4.2) from the buildings
// within the band, by a 2 km window sliding along the line's chainage.
#include <vector>

namespace riskmap {

class Rules;

struct ChainedBuilding {
  double chainage;        // m along the line
  long long households;
  long long storeys;
};

// A stretch [from, to] of the line (m) with the class a window gave it.
struct ClassInterval {
  double from, to;
  int locationClass;
  long long households;   // households in the window that gave it
};

struct LocationClassRules {
  double window = 2000, margin = 200;
  long long class2 = 16, class3 = 100;
  long long tallStoreys = 4;
  double tallShare = 0.5;

  static LocationClassRules from(const Rules& rules);
  int classOf(long long households, long long tallHouseholds) const;
};

// Stretches of class 2 and above; elsewhere the line is class 1. Every
// window starting at a building is tried (a window with the most
// households always starts at one); its class covers its buildings'
// chainages widened by the boundary margin.
std::vector<ClassInterval> locationClassIntervals(std::vector<ChainedBuilding> buildings, const LocationClassRules& r);

}  // namespace riskmap
