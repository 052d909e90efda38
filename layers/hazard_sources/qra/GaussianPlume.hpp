#pragma once
// A continuous release of a neutrally buoyant gas: the Gaussian plume with
// full ground reflection (AQ/T 3046-2013 eq. E.33; Purple Book Appendix
// 6.B) and the Briggs (1973) dispersion coefficients for open country and
// towns (AQ/T 3046-2013 Table E.7; CCPS 1999). Dense gases (chlorine,
// ammonia aerosol, LPG) spread by DenseGas.hpp where Britter-McQuaid's
// criterion says their density matters.
#include <functional>
#include <string>

namespace riskmap::qra {

enum class Stability { A, B, C, D, E, F };
enum class Terrain { OpenCountry, Town };

// "A".."F"; throws std::invalid_argument otherwise.
Stability stabilityFromLetter(const std::string& letter);

struct Sigmas {
  double y = 0, z = 0;              // m
};

// Briggs (1973) sigma_y, sigma_z at x m downwind (x > 0). Sigma_z for class
// D in open country uses 0.0015, not the misprinted 0.00015 (ALOHA notes).
Sigmas briggsSigmas(Stability s, Terrain t, double x);

// How the plume spreads with distance downwind.
using SigmaModel = std::function<Sigmas(double x)>;
SigmaModel briggs(Stability s, Terrain t);

struct PlumeRelease {
  double rateKgS = 0;               // kg/s
  double heightM = 0;               // release height, m
  double windMS = 1;                // wind speed at release height, m/s
};

// Concentration (kg/m3) at crosswind offset y and height z where the
// plume's spread is `s`.
double plumeConcentration(const PlumeRelease& r, const Sigmas& s, double y, double z);

}  // namespace riskmap::qra
