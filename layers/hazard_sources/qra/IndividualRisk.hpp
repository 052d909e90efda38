#pragma once
// Individual risk (GB 36894-2018 2.1: the yearly frequency of death of a
// person always present, unprotected) around toxic releases: the sum over
// loss-of-containment scenarios, weather classes and wind directions of
// frequency x probability of the weather and direction x lethality
// (TNO Purple Book CPR 18E 4.x and its Appendix 6.B worked example).
#include "ConcentrationModel.hpp"
#include "GaussianPlume.hpp"
#include "Probits.hpp"

#include <memory>
#include <string>
#include <vector>

namespace riskmap::qra {

// One loss of containment of a toxic gas, a continuous release.
// `dispersion` spreads it downwind; none: the Gaussian plume of rateKgS at heightM.
struct ToxicRelease {
  std::string name;
  double x = 0, y = 0;              // where, in the analysis CRS (m)
  double frequencyPerYear = 0;
  double rateKgS = 0;
  double heightM = 0;               // release height, m
  double durationMin = 30;          // how long the release lasts
  const ToxicProbit* probit = nullptr;
  std::shared_ptr<const ConcentrationModel> dispersion;
};

// One weather class blowing in one direction sector.
struct WeatherDirection {
  std::string label;                // "D5 NE", for explanations
  double probability = 0;           // P(weather) x P(direction)
  double windMS = 1;
  SigmaModel sigmas;
  double towardDeg = 0;             // bearing the plume travels toward, clockwise from grid north
  double sectorDeg = 0;             // the direction is spread evenly over this sector; 0: exactly towardDeg
  // Cases with the same class (>= 0) share wind speed and sigmas and differ
  // only in direction: their crosswind integrals are tabulated once.
  int dispersionClass = -1;
};

// The lethality of one release in one dispersion class, integrated across
// the plume's axis: at range R, H(R, psi) = integral from 0 to psi of the
// lethality at (R cos a, R sin a) da, tabulated at log-spaced ranges and
// fractions of the angle within which the plume can kill. The sector
// average for any wind direction is then (H(hi) - H(lo)) / sector.
struct CrosswindTable {
  double reach = 0;                 // m; nothing beyond
  double logR0 = 0, dLogR = 1;      // node i at range exp(logR0 + i dLogR)
  int nodes = 0;
  std::vector<float> angle;         // per node: the widest lethal angle (rad), 0 when not lethal there
  std::vector<float> cumulative;    // per node, kSteps + 1 values of H at angle x k / kSteps
  static constexpr int kSteps = 32;

  // H(R, psi) for psi of either sign (odd); interpolated between nodes.
  double integral(int node, double t, double psi) const;
};

class ToxicRiskModel {
 public:
  // Builds the crosswind tables on `threads` workers (0: all cores).
  ToxicRiskModel(const Probits& probits, std::vector<ToxicRelease> releases, std::vector<WeatherDirection> weather,
                 double receptorHeightM, unsigned threads = 0);

  // Probability of death at downwind x, crosswind y (m) of a release in a
  // weather; 0 below the probits' cut-off.
  double lethality(const ToxicRelease& r, const WeatherDirection& w, double x, double y) const;
  // Individual risk per year at (x, y) in the analysis CRS.
  double individualRisk(double x, double y) const;
  // The farthest any release can kill in any weather (m), from its release point.
  double maxReach() const;

  // One case at a time, for societal risk (ToxicOutcomes.cpp): the
  // lethality at (x, y) of release r in weather case w, averaged over the
  // case's direction sector as individualRisk() does, and its lethal reach.
  const std::vector<ToxicRelease>& releases() const { return releases_; }
  const std::vector<WeatherDirection>& weatherCases() const { return weather_; }
  double caseLethality(std::size_t r, std::size_t w, double x, double y) const;
  double caseReach(std::size_t r, std::size_t w) const { return reach_[r * weather_.size() + w]; }
  // The widest angle off the plume's axis at which it can kill (rad).
  double caseSpread(std::size_t r, std::size_t w) const { return spread_[r * weather_.size() + w]; }

 private:
  // What the cases of one dispersion class share.
  struct ClassCases {
    std::vector<std::size_t> cases;   // indices into weather_
  };
  void tabulate(unsigned threads);
  double tabulatedRisk(std::size_t release, std::size_t cls, double range, double bearing) const;
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
  // Cases grouped by dispersion class; and per (release, class) row-major
  // the crosswind table. Cases without a class keep the direct integral.
  std::vector<ClassCases> classes_;
  std::vector<std::size_t> unclassed_;
  std::vector<int> classOf_;          // per weather case: its index in classes_, -1 unclassed
  std::vector<CrosswindTable> tables_;
  std::vector<double> releaseReach_;  // per release: the farthest it kills in any class
};

}  // namespace riskmap::qra
