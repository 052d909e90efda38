#pragma once
// What the flammable consequence models need, read from the QRA rules
// (qra.toml [flammable], every value with its source): the substances'
// data, the atmosphere's transmissivity, the ignition probabilities, the
// fireball and explosion constants.
#include "Fireball.hpp"
#include "VapourCloudExplosion.hpp"

#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct FlammableSubstance {
  std::string name, cas, source;
  std::vector<std::string> aliases;
  double heatOfCombustionJKg = 0;
  double burningRateKgM2S = 0;      // large-pool m''inf; 0: no pool-fire data
  double kBetaPerM = 0;
  double liquidDensityKgM3 = 0;
  double boilingPointC = 0;
  double molarMassKgMol = 0;        // for a gas's outflow and inventory
  double gamma = 0;
};

class FlammableData {
 public:
  // Throws UserError naming the rules file for a malformed row.
  explicit FlammableData(const Rules& qra);

  // By name, alias or CAS number; nullptr when not flammable here.
  const FlammableSubstance* find(const std::string& substance) const;

  // The fraction of radiation the air passes over a path (m): Pietersen &
  // Huerta's correlation tau = 2.02 (p_w x)^-0.09, p_w the partial pressure
  // of water vapour (Pa) at the configured relative humidity and
  // temperature; at most 1.
  double transmissivity(double pathM) const;
  // The probability of immediate ignition of a release of a gas or
  // liquefied gas: by release rate (kg/s) when continuous, by mass (kg)
  // when instantaneous; a middle band includes both its limits, as the
  // Purple Book prints them ("10 - 100 kg/s").
  double immediateIgnition(bool instantaneous, double amount) const;

  double poolFireProbability = 0;   // a stable liquid's release ignites as a pool fire
  double explosionFraction = 0;     // of delayed ignitions, the share that explode
  double poolRadiantFraction = 0, jetRadiantFraction = 0;
  double poolMinDepthM = 0;         // an unbounded instantaneous spill spreads to this depth
  double fillFraction = 0;          // of a liquid-holding vessel's volume, by default
  double liquidHeadM = 0;           // liquid above a hole, by default
  double fireExposureS = 0;         // how long people stay exposed to a pool or jet fire
  double vceYield = 0, tntEnergyJKg = 0;
  BlastCurve blastCurve = BlastCurve::KingeryBulmashSurface;   // [flammable.explosion] blast_curve
  FireballConstants fireball;
  OverpressureProbit overpressure;
  std::string ignitionSource, verifiedNote;
  bool ignitionVerified = false;

 private:
  std::vector<FlammableSubstance> substances_;
  std::vector<double> contBands_, contP_, instBands_, instP_;
  double waterVapourPa_ = 0;
  std::string source_;
};

}  // namespace riskmap::qra
