#pragma once
// How a continuous release spreads downwind: the concentration at a point
// of the plume's own frame (x downwind, y across, z up) in one weather.
// The Gaussian plume (neutral gas, GaussianPlume.hpp) and the
// Britter-McQuaid dense-gas plume (DenseGas.hpp) implement it; the
// individual-risk sum (IndividualRisk.hpp) asks only these two questions,
// so its crosswind tables serve both. The puffs of an instantaneous
// release (GaussianPuff.hpp, DenseGasPuff.hpp) answer the same questions
// with the concentration that gives their toxic load over a reference time.
#include "GaussianPlume.hpp"

namespace riskmap::qra {

class ConcentrationModel {
 public:
  virtual ~ConcentrationModel() = default;
  // kg/m3 at x (> 0) downwind, y across, z up, in a wind of windMS
  // (m/s, at 10 m) whose neutral-plume spread is `sigmas`.
  virtual double concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const = 0;
  // Half the width across the axis within which the concentration at
  // (x, z) is at least `atLeast` kg/m3; 0 when even the axis is below it.
  virtual double halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const = 0;
};

// The Gaussian plume of GaussianPlume.hpp as a concentration model.
class GaussianPlumeModel : public ConcentrationModel {
 public:
  GaussianPlumeModel(double rateKgS, double heightM) : rateKgS_(rateKgS), heightM_(heightM) {}
  double concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const override;
  double halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const override;

 private:
  double rateKgS_, heightM_;
};

}  // namespace riskmap::qra
