#include "ToxicPuff.hpp"

#include "DenseGasPuff.hpp"
#include "GaussianPuff.hpp"

#include <memory>

namespace riskmap::qra {

bool addToxicPuff(PlantScenarios& out, nlohmann::json row, const PuffCloud& cloud, ToxicRelease release,
                  const PuffDispersion& d) {
  const double mass = cloud.inventoryKg * cloud.airborneFraction;
  if (!(mass > 0) || !release.probit) return false;
  const double n = release.probit->n;
  row["computed"] = true;
  row["cloud_mass_kg"] = mass;
  if (cloud.liquid) {
    row["airborne_fraction"] = cloud.airborneFraction;
    row["rained_out_kg"] = cloud.inventoryKg - mass;  // its pool's evaporation is not built
  }
  row["release_height_m"] = cloud.heightM;
  row["release_temperature_k"] = cloud.releaseK;
  row["density_ratio_to_air"] = cloud.densityRatioToAir;
  row["toxic_load"] = "integral of C^n dt over the passing puff, no exposure cut-off";
  // The puff models answer with the concentration giving the same load
  // over kDoseReferenceMin (GaussianPuff.hpp).
  release.rateKgS = 0;
  release.durationMin = kDoseReferenceMin;
  if (cloud.densityRatioToAir > 1) {
    release.dispersion = std::make_shared<DenseGasPuff>(
        DensePuffSource{mass, cloud.releaseDensityKgM3, cloud.releaseK, d.molarMassKgMol, cloud.heightM}, d.atmosphere,
        d.denseCriterion, n);
    row["dispersion"] = "Britter-McQuaid dense-gas puff where its instantaneous criterion holds, Gaussian puff otherwise";
    ++out.densePuffReleases;
  } else {
    release.dispersion = std::make_shared<GaussianPuffModel>(mass, cloud.heightM, n);
    row["dispersion"] = "Gaussian puff";
  }
  ++out.puffReleases;
  out.rows.push_back(std::move(row));
  out.releases.push_back(std::move(release));
  return true;
}

}  // namespace riskmap::qra
