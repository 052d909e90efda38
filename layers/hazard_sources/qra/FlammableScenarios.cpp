#include "FlammableScenarios.hpp"

#include "JetFire.hpp"
#include "PoolFire.hpp"
#include "SourceTerm.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

using nlohmann::json;

namespace {

constexpr double kGravity = 9.81;
// Thermal radiation only (pool and jet fires, fireballs): an explosion's
// overpressure takes no atmospheric transmissivity.
constexpr const char* kTransmissivity =
    "Pietersen & Huerta, riskmap default humidity and temperature ([flammable.atmosphere])";

double holeArea(double mm) { return std::numbers::pi / 4 * std::pow(mm / 1000, 2); }

// What the item holds (kg): the row's inventory, else the liquid filling
// `fillFraction` of its volume, else the gas at its pressure.
double inventoryOf(const Equipment& e, const FlammableSubstance& s, const FlammableData& d, const GasState& gas) {
  if (e.inventoryKg) return *e.inventoryKg;
  const double volume = e.type == EquipmentType::Pipe ? holeArea(e.diameterMm) * e.lengthM : e.volumeM3;
  if (e.phase == "liquid") return volume * s.liquidDensityKgM3 * (e.type == EquipmentType::Pipe ? 1 : d.fillFraction);
  return gas.molarMassKgMol > 0 ? gasDensity(gas) * volume : 0;
}

// The pool's diameter: an instantaneous spill spreads to the minimum depth,
// a continuous one until the pool burns what flows in; the bund bounds both.
double poolDiameter(const Equipment& e, const FlammableSubstance& s, const FlammableData& d, bool instantaneous,
                    double amount) {
  double area = 0;
  if (instantaneous) {
    area = amount / s.liquidDensityKgM3 / d.poolMinDepthM;
  } else {
    area = amount / s.burningRateKgM2S;
    for (int i = 0; i < 20; ++i) {  // m'' grows with the diameter: iterate to the steady pool
      const PoolFire p{std::sqrt(4 * area / std::numbers::pi), s.burningRateKgM2S, s.kBetaPerM, 0, 0};
      area = amount / p.massBurningRate();
    }
  }
  if (e.bundAreaM2) area = std::min(area, *e.bundAreaM2);
  return std::sqrt(4 * area / std::numbers::pi);
}

}  // namespace

void addFlammableOutcomes(PlantScenarios& out, const Equipment& e, const FlammableSubstance& s,
                          const FlammableData& data, const Probits& probits, const FlammableLoc& loc,
                          const ReleaseConditions& at) {
  const GasState gas{e.pressureMPa * 1e6 + at.ambientPa, at.temperatureC + 273.15, s.molarMassKgMol, s.gamma};
  const double inventory = inventoryOf(e, s, data, gas);
  const bool stableLiquid = e.phase == "liquid" && s.boilingPointC > at.temperatureC;
  const bool instantaneous = loc.kind == "instantaneous";
  const double cutoff = probits.cutoff();
  const ThermalProbit& thermal = probits.thermal();

  json base = loc.row;
  base["substance"] = s.name;
  base["substance_source"] = s.source;
  base["inventory_kg"] = inventory;
  base["inventory_from"] = e.inventoryKg ? "equipment row" : e.phase == "liquid" ? "liquid filling the volume" : "gas held at pressure and temperature";
  base["ignition_source"] = data.ignitionSource;
  base["ignition_verified"] = data.ignitionVerified;
  auto refuse = [&](const std::string& outcome, const std::string& why) {
    json row = base;
    row["outcome"] = outcome;
    row["computed"] = false;
    row["why"] = why;
    out.rows.push_back(std::move(row));
  };

  // The amount released: kg at once, or kg/s.
  double amount = 0;
  std::string why;
  if (instantaneous) amount = inventory;
  else if (loc.kind == "inventory_10min") amount = inventory / 600;
  else if (loc.kind == "hole" || loc.kind == "full_bore") {
    const double area = holeArea(loc.holeMm);
    if (e.phase == "liquid") {
      // Bernoulli through a sharp hole (Yellow Book CPR 14E 2.5.3.2): the
      // overpressure plus the liquid column; for a liquefied gas an upper
      // bound (flashing in the hole lowers the rate).
      const double dp = e.pressureMPa * 1e6 + s.liquidDensityKgM3 * kGravity * data.liquidHeadM;
      amount = at.dischargeCoefficient * area * std::sqrt(2 * s.liquidDensityKgM3 * dp);
    } else if (s.molarMassKgMol > 0 && s.gamma > 1) {
      amount = gasOutflow(gas, area, at.dischargeCoefficient, at.ambientPa);
    } else {
      why = "no molar_mass_g_mol and gamma for '" + s.name + "' in [[flammable.substance]]";
    }
  } else {
    why = "LOC kind '" + loc.kind + "' is not known to riskmap";
  }
  if (why.empty() && !(amount > 0)) why = "no outflow (no inventory, or no pressure above ambient)";
  if (!why.empty()) return refuse("fire", why);
  base[instantaneous ? "released_kg" : "rate_kg_s"] = amount;

  auto add = [&](const std::string& outcome, double probability, const std::function<double(double)>& lethality,
                 json figures) {
    json row = base;
    row["outcome"] = outcome;
    row["computed"] = true;
    row["ignition_probability"] = probability;
    row["outcome_frequency_per_year"] = loc.frequencyPerYear * probability;
    RadialScenario sc = radialScenario(e.id + " " + loc.kind + " " + outcome, at.x, at.y,
                                       loc.frequencyPerYear * probability, lethality, cutoff);
    figures["lethal_reach_m"] = sc.reachM();
    row["model"] = figures;
    out.rows.push_back(std::move(row));
    if (sc.reachM() > 0 && sc.frequencyPerYear > 0) {
      out.fires.push_back(std::move(sc));
      out.fireOutcomes.insert(outcome);
    }
  };

  if (stableLiquid) {
    if (!(s.burningRateKgM2S > 0 && s.liquidDensityKgM3 > 0))
      return refuse("pool_fire", "no burning_rate_kg_m2_s and liquid_density_kg_m3 for '" + s.name + "'");
    const PoolFire pool{poolDiameter(e, s, data, instantaneous, amount), s.burningRateKgM2S, s.kBetaPerM,
                        s.heatOfCombustionJKg, data.poolRadiantFraction};
    auto lethality = [&, pool](double r) {
      return thermal.probability(pool.fluxAt(r, data.transmissivity(pool.pathM(r))), data.fireExposureS);
    };
    add("pool_fire", data.poolFireProbability, lethality,
        {{"name", "pool fire, point source (NUREG-1805 ch. 5; Thomas flame height)"},
         {"pool_diameter_m", pool.diameterM}, {"pool_from", e.bundAreaM2 ? "bund" : instantaneous ? "spread to the minimum depth" : "steady burning pool"},
         {"burning_rate_kg_m2_s", pool.massBurningRate()}, {"flame_height_m", pool.flameHeightM()},
         {"heat_release_mw", pool.heatReleaseW() / 1e6}, {"exposure_s", data.fireExposureS},
         {"radiant_fraction", pool.radiantFraction}, {"transmissivity", kTransmissivity},
         {"riskmap_defaults", "radiant fraction, exposure time, minimum pool depth, fill fraction, liquid head ([flammable.pool])"}});
    return;
  }
  const double immediate = data.immediateIgnition(instantaneous, amount);
  if (instantaneous) {
    Fireball ball{amount, data.fireball};
    auto fireLethality = [&, ball](double r) {
      const double path = std::max(0.0, std::hypot(r, ball.diameterM() / 2) - ball.diameterM() / 2);
      return thermal.probability(ball.fluxAt(r, data.transmissivity(path)), ball.durationS());
    };
    add("fireball", immediate, fireLethality,
        {{"name", "BLEVE fireball (CCPS correlations)"}, {"diameter_m", ball.diameterM()},
         {"duration_s", ball.durationS()}, {"surface_emissive_power_kw_m2", data.fireball.surfaceEmissivePowerWm2 / 1e3},
         {"transmissivity", kTransmissivity}});
    const VapourCloudExplosion vce{amount, s.heatOfCombustionJKg, data.vceYield, data.tntEnergyJKg, at.ambientPa,
                                   data.blastCurve};
    const OverpressureProbit probit = data.overpressure;
    out.blastCurve = blastCurveTitle(vce.curve);
    add("vapour_cloud_explosion", (1 - immediate) * data.explosionFraction,
        [vce, probit](double r) { return r <= 0 ? 1.0 : probit.probability(vce.overpressureAt(r)); },
        {{"name", "TNT equivalence (" + blastCurveTitle(vce.curve) + "), lung-haemorrhage probit (Eisenberg 1975)"},
         {"blast_curve", blastCurveName(vce.curve)},
         {"tnt_kg", vce.tntMassKg()}, {"yield", vce.yield},
         {"distance_to_1_psi_m", vce.distanceTo(6894.757)},
         {"riskmap_defaults", "yield, TNT energy, blast curve ([flammable.explosion]); the whole inventory in the cloud"}});
    return;
  }
  const JetFire jet{amount, s.heatOfCombustionJKg, data.jetRadiantFraction, at.releaseHeightM};
  add("jet_fire", immediate,
      [&, jet](double r) {
        return thermal.probability(jet.fluxAt(r, data.transmissivity(jet.pathM(r))), data.fireExposureS);
      },
      {{"name", "jet fire, point source (API 521)"}, {"heat_release_mw", jet.heatReleaseW() / 1e6},
       {"exposure_s", data.fireExposureS}, {"radiant_fraction", jet.radiantFraction},
       {"transmissivity", kTransmissivity},
       {"riskmap_defaults", "radiant fraction, exposure time, point source at the release height ([flammable.jet])"}});
  refuse("delayed_ignition",
         "a continuous release's flash fire or explosion needs the cloud's flammable mass (dispersion to the lower "
         "flammable limit): not built");
}

}  // namespace riskmap::qra
