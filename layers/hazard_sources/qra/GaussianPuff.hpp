#pragma once
// An instantaneous release of a neutrally buoyant gas: the Gaussian puff
// with full ground reflection (CCPS 1999 "Guidelines for Consequence
// Analysis of Chemical Releases" 2.1.2, the puff equation; TNO Yellow Book
// CPR 14E 4.5), its spread sigma_x = sigma_y and sigma_z taken from the
// same Briggs (1973) curves as the plume (GaussianPlume.hpp briggsSigmas)
// at the receptor's distance downwind, held there while the puff passes.
//
// What a probit needs of a passing puff is its toxic load, the dose
// D = integral of C^n dt over the whole passage (no cut-off but the puff's
// own), here in closed form (see toxicLoad). As a ConcentrationModel the
// puff answers with the concentration that gives the same load over
// kDoseReferenceMin minutes, (D / t_ref)^(1/n): a release whose
// durationMin is kDoseReferenceMin then gets Pr = a + b ln(D) exactly
// from the plume machinery (IndividualRisk.hpp) unchanged.
#include "ConcentrationModel.hpp"

namespace riskmap::qra {

// The exposure time the equivalent concentration is quoted over (min).
// Any value gives the same probit; it only has to stay below the 30 min cap.
inline constexpr double kDoseReferenceMin = 1.0;

struct PuffRelease {
  double massKg = 0;                // the cloud's mass of toxic gas
  double heightM = 0;               // release height, m
  double windMS = 1;                // the speed the puff travels at, m/s
};

// Peak concentration (kg/m3) as the puff's centre passes over (x, y, z),
// sigma_x = sigma_y = s.y: M / ((2 pi)^(3/2) sy^2 sz) exp(-y^2/2sy^2) x
// [exp(-(z-h)^2/2sz^2) + exp(-(z+h)^2/2sz^2)].
double puffPeakConcentration(const PuffRelease& r, const Sigmas& s, double y, double z);

// The toxic load integral of C^n dt ((mg/m3)^n min) at (x, y, z): the puff's
// centre at u t, so C(t) = C_peak exp(-(x - u t)^2 / 2 sx^2) and
// integral = C_peak^n sx sqrt(2 pi / n) / u over all t (Gaussian integral).
double toxicLoad(const PuffRelease& r, const Sigmas& s, double y, double z, double n);

// The Gaussian puff as a concentration model: concentration() is the
// equivalent concentration (D / kDoseReferenceMin)^(1/n) in kg/m3.
class GaussianPuffModel : public ConcentrationModel {
 public:
  // n: the exponent of the substance's probit, Pr = a + b ln(C^n t).
  GaussianPuffModel(double massKg, double heightM, double n) : massKg_(massKg), heightM_(heightM), n_(n) {}
  double concentration(double windMS, const SigmaModel& sigmas, double x, double y, double z) const override;
  double halfWidthAbove(double windMS, const SigmaModel& sigmas, double x, double z, double atLeast) const override;

 private:
  // Equivalent concentration over peak concentration at x: (sx sqrt(2 pi/n) / (u t_ref))^(1/n).
  double equivalentPerPeak(double windMS, const Sigmas& s) const;
  double massKg_, heightM_, n_;
};

}  // namespace riskmap::qra
