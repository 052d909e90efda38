#include "GaussianPuff.hpp"

#include <cmath>
#include <numbers>

namespace riskmap::qra {

double puffPeakConcentration(const PuffRelease& r, const Sigmas& s, double y, double z) {
  if (s.y <= 0 || s.z <= 0) return 0;
  const double lateral = std::exp(-y * y / (2 * s.y * s.y));
  const double below = z - r.heightM, above = z + r.heightM;
  const double vertical = std::exp(-below * below / (2 * s.z * s.z)) + std::exp(-above * above / (2 * s.z * s.z));
  return r.massKg / (std::pow(2 * std::numbers::pi, 1.5) * s.y * s.y * s.z) * lateral * vertical;
}

double toxicLoad(const PuffRelease& r, const Sigmas& s, double y, double z, double n) {
  const double peakMgM3 = puffPeakConcentration(r, s, y, z) * 1e6;
  if (!(peakMgM3 > 0) || !(r.windMS > 0)) return 0;
  const double seconds = s.y * std::sqrt(2 * std::numbers::pi / n) / r.windMS;  // sigma_x = sigma_y
  return std::pow(peakMgM3, n) * seconds / 60;
}

double GaussianPuffModel::equivalentPerPeak(double windMS, const Sigmas& s) const {
  return std::pow(s.y * std::sqrt(2 * std::numbers::pi / n_) / (windMS * 60 * kDoseReferenceMin), 1 / n_);
}

double GaussianPuffModel::concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const {
  if (x <= 0) return 0;
  const Sigmas s = sigmas(x);
  return puffPeakConcentration({massKg_, heightM_, windMS}, s, y, z) * equivalentPerPeak(windMS, s);
}

// The equivalent concentration falls across the axis as exp(-y^2 / 2 sigma_y^2),
// as the peak does.
double GaussianPuffModel::halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z,
                                         double atLeast) const {
  if (x <= 0) return 0;
  const Sigmas s = sigmas(x);
  const double axis = puffPeakConcentration({massKg_, heightM_, windMS}, s, 0, z) * equivalentPerPeak(windMS, s);
  return axis < atLeast || !(atLeast > 0) ? 0 : s.y * std::sqrt(2 * std::log(axis / atLeast));
}

}  // namespace riskmap::qra
