#pragma once
// Individual risk (GB 36894-2018 2.1: the yearly frequency of death of a
// person always present, unprotected) around toxic releases: the sum over
// loss-of-containment scenarios, weather classes and wind directions of
// frequency x probability of the weather and direction x lethality
// (TNO Purple Book CPR 18E 4.x and its Appendix 6.B worked example).
#include "GaussianPlume.hpp"
#include "Probits.hpp"

#include <string>
#include <vector>

namespace riskmap::qra {

// One loss of containment of a toxic gas, a continuous release.
struct ToxicRelease {
  std::string name;
  double x = 0, y = 0;              // where, in the analysis CRS (m)
  double frequencyPerYear = 0;
  double rateKgS = 0;
  double heightM = 0;               // release height, m
  double durationMin = 30;          // how long the release lasts
  const ToxicProbit* probit = nullptr;
};

// One weather class blowing in one direction sector.
struct WeatherDirection {
  std::string label;                // "D5 NE", for explanations
  double probability = 0;           // P(weather) x P(direction)
  double windMS = 1;
  SigmaModel sigmas;
  double towardDeg = 0;             // bearing the plume travels toward, clockwise from grid north
  double sectorDeg = 0;             // the direction is spread evenly over this sector; 0: exactly towardDeg
};

class ToxicRiskModel {
 public:
  ToxicRiskModel(const Probits& probits, std::vector<ToxicRelease> releases, std::vector<WeatherDirection> weather,
                 double receptorHeightM);

  // Probability of death at downwind x, crosswind y (m) of a release in a
  // weather; 0 below the probits' cut-off.
  double lethality(const ToxicRelease& r, const WeatherDirection& w, double x, double y) const;
  // Individual risk per year at (x, y) in the analysis CRS.
  double individualRisk(double x, double y) const;

 private:
  double sectorLethality(const ToxicRelease& r, const WeatherDirection& w, double dx, double dy) const;
  // The farthest range at which a release in a weather can still kill
  // (lethality above the cut-off on the plume's axis).
  // Also the widest angle off the axis within it, into `spread`.
  double lethalReach(const ToxicRelease& r, const WeatherDirection& w, double& spread) const;
  // Half the lethal width across the axis at range x (0 when not lethal there).
  double lethalHalfWidth(const ToxicRelease& r, const WeatherDirection& w, double x) const;

  const Probits& probits_;
  std::vector<ToxicRelease> releases_;
  std::vector<WeatherDirection> weather_;
  double receptorHeightM_;
  // Per (release, weather), row-major: the lethal reach (m) and the widest
  // angle off the axis at which the plume can kill (rad).
  std::vector<double> reach_, spread_;
};

}  // namespace riskmap::qra
