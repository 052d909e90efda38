#pragma once
// A toxic loss of containment of kind "instantaneous" (qra.toml [[loc]],
// e.g. a pressure vessel's catastrophic rupture): the whole inventory's
// airborne part as one puff, spread by the Britter-McQuaid dense-gas puff
// (DenseGasPuff.hpp) where the gas is heavier than air and the
// instantaneous criterion holds in the wind, by the Gaussian puff
// (GaussianPuff.hpp) otherwise; its lethality from the toxic load
// integral of C^n dt of the passing puff, with no exposure cut-off.
#include "DenseGas.hpp"
#include "Scenarios.hpp"

namespace riskmap::qra {

// The cloud as the source term leaves it.
struct PuffCloud {
  double inventoryKg = 0;
  double airborneFraction = 1;     // a liquefied gas's flash and aerosol; 1 for a gas
  double heightM = 0;
  double releaseK = 293.15;        // the cloud's temperature (a flashed liquid's boiling point)
  double releaseDensityKgM3 = 0;   // at releaseK and ambient pressure
  double densityRatioToAir = 1;
  bool liquid = false;
};

struct PuffDispersion {
  double molarMassKgMol = 0;
  Ambient atmosphere;
  double denseCriterion = 0.2;     // qra.toml dense_gas.instantaneous_criterion
};

// Adds the puff to `out` (its release and `row` with its figures and
// model); `release` carries name, place, frequency, height and probit.
// False, and nothing added, when there is nothing airborne.
bool addToxicPuff(PlantScenarios& out, nlohmann::json row, const PuffCloud& cloud, ToxicRelease release,
                  const PuffDispersion& dispersion);

}  // namespace riskmap::qra
