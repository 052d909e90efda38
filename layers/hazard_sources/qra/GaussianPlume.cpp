#include "GaussianPlume.hpp"

#include "ConcentrationModel.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace riskmap::qra {

Stability stabilityFromLetter(const std::string& letter) {
  if (letter.size() == 1 && letter[0] >= 'A' && letter[0] <= 'F') return static_cast<Stability>(letter[0] - 'A');
  throw std::invalid_argument("Pasquill stability class must be A..F, not '" + letter + "'");
}

Sigmas briggsSigmas(Stability s, Terrain t, double x) {
  // Coefficients: Briggs (1973) as tabulated in CCPS (1999) and in
  // AQ/T 3046-2013 Table E.7; x in m.
  const double ry = 1 / std::sqrt(1 + 0.0001 * x);
  if (t == Terrain::OpenCountry) {
    switch (s) {
      case Stability::A: return {0.22 * x * ry, 0.20 * x};
      case Stability::B: return {0.16 * x * ry, 0.12 * x};
      case Stability::C: return {0.11 * x * ry, 0.08 * x / std::sqrt(1 + 0.0002 * x)};
      case Stability::D: return {0.08 * x * ry, 0.06 * x / std::sqrt(1 + 0.0015 * x)};
      case Stability::E: return {0.06 * x * ry, 0.03 * x / (1 + 0.0003 * x)};
      case Stability::F: return {0.04 * x * ry, 0.016 * x / (1 + 0.0003 * x)};
    }
  }
  const double uy = 1 / std::sqrt(1 + 0.0004 * x);
  switch (s) {
    case Stability::A:
    case Stability::B: return {0.32 * x * uy, 0.24 * x * std::sqrt(1 + 0.001 * x)};
    case Stability::C: return {0.22 * x * uy, 0.20 * x};
    case Stability::D: return {0.16 * x * uy, 0.14 * x / std::sqrt(1 + 0.0003 * x)};
    case Stability::E:
    case Stability::F: return {0.11 * x * uy, 0.08 * x / std::sqrt(1 + 0.0015 * x)};
  }
  return {};
}

SigmaModel briggs(Stability s, Terrain t) {
  return [s, t](double x) { return briggsSigmas(s, t, x); };
}

double plumeConcentration(const PlumeRelease& r, const Sigmas& s, double y, double z) {
  if (s.y <= 0 || s.z <= 0) return 0;
  const double lateral = std::exp(-y * y / (2 * s.y * s.y));
  const double below = z - r.heightM, above = z + r.heightM;
  const double vertical = std::exp(-below * below / (2 * s.z * s.z)) + std::exp(-above * above / (2 * s.z * s.z));
  return r.rateKgS / (2 * std::numbers::pi * s.y * s.z * r.windMS) * lateral * vertical;
}

double GaussianPlumeModel::concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const {
  return plumeConcentration({rateKgS_, heightM_, windMS}, sigmas(x), y, z);
}

// The lateral profile is exp(-y^2 / (2 sigma_y^2)) times the axis value.
double GaussianPlumeModel::halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z,
                                          double atLeast) const {
  const Sigmas s = sigmas(x);
  const double axis = plumeConcentration({rateKgS_, heightM_, windMS}, s, 0, z);
  return axis < atLeast || !(atLeast > 0) ? 0 : s.y * std::sqrt(2 * std::log(axis / atLeast));
}

}  // namespace riskmap::qra
