#include "FlammableData.hpp"

#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace riskmap::qra {

namespace {

std::vector<double> numbers(const Rules& r, const std::string& path) {
  std::vector<double> out;
  const toml::array* a = r.array(path);
  if (!a) throw UserError(r.source() + ": '" + path + "' must be an array of numbers");
  for (const toml::node& n : *a) {
    const auto v = n.value<double>();
    if (!v) throw UserError(r.source() + ": '" + path + "' must hold numbers only");
    out.push_back(*v);
  }
  return out;
}

// The bands as the Purple Book prints them (CPR 18E Table 4.5: "< 10",
// "10 - 100", "> 100" kg/s): p[0] below bands[0]; p[i] from bands[i-1] up
// to and including bands[i]; the last p above the last band. So exactly
// 100 kg/s (10 000 kg) falls in the middle band, not the top one.
double banded(const std::vector<double>& bands, const std::vector<double>& p, double v) {
  if (bands.empty() || v < bands.front()) return p.front();
  for (std::size_t i = 1; i < bands.size(); ++i)
    if (v <= bands[i]) return p[i];
  return p.back();
}

}  // namespace

FlammableData::FlammableData(const Rules& r) : source_(r.source()) {
  poolFireProbability = r.number("flammable.ignition.liquid_pool_fire");
  explosionFraction = r.number("flammable.ignition.delayed_explosion_fraction");
  contBands_ = numbers(r, "flammable.ignition.continuous_kg_s");
  contP_ = numbers(r, "flammable.ignition.continuous_immediate");
  instBands_ = numbers(r, "flammable.ignition.instantaneous_kg");
  instP_ = numbers(r, "flammable.ignition.instantaneous_immediate");
  if (contP_.size() != contBands_.size() + 1 || instP_.size() != instBands_.size() + 1)
    throw UserError(source_ + ": [flammable.ignition] needs one more probability than band limits");
  ignitionSource = r.text("flammable.ignition.source").value_or("");
  if (const toml::table* t = r.table("flammable.ignition"))
    ignitionVerified = (*t)["verified"].value_or(false);
  poolRadiantFraction = r.number("flammable.pool.radiant_fraction");
  poolMinDepthM = r.number("flammable.pool.min_depth_m");
  fillFraction = r.number("flammable.pool.fill_fraction");
  liquidHeadM = r.number("flammable.pool.liquid_head_m");
  jetRadiantFraction = r.number("flammable.jet.radiant_fraction");
  fireExposureS = r.number("flammable.exposure_s");
  fireball.diameterCoefficient = r.number("flammable.fireball.diameter_coefficient");
  fireball.diameterExponent = r.number("flammable.fireball.diameter_exponent");
  fireball.durationCoefficientSmall = r.number("flammable.fireball.duration_coefficient_small");
  fireball.durationExponentSmall = r.number("flammable.fireball.duration_exponent_small");
  fireball.durationCoefficientLarge = r.number("flammable.fireball.duration_coefficient_large");
  fireball.durationExponentLarge = r.number("flammable.fireball.duration_exponent_large");
  fireball.durationBreakKg = r.number("flammable.fireball.duration_break_kg");
  fireball.surfaceEmissivePowerWm2 = r.number("flammable.fireball.surface_emissive_power_kw_m2") * 1e3;
  vceYield = r.number("flammable.explosion.yield");
  tntEnergyJKg = r.number("flammable.explosion.tnt_energy_kj_kg") * 1e3;
  const auto curve = r.text("flammable.explosion.blast_curve");
  if (!curve) throw UserError(source_ + ": [flammable.explosion] needs blast_curve (kingery_bulmash_surface or kinney_graham_free_air)");
  try {
    blastCurve = blastCurveFromName(*curve);
  } catch (const std::invalid_argument& e) {
    throw UserError(source_ + ": [flammable.explosion] blast_curve: " + e.what());
  }
  overpressure.a = r.number("flammable.overpressure.a");
  overpressure.b = r.number("flammable.overpressure.b");
  const double rh = r.number("flammable.atmosphere.relative_humidity");
  const double tK = r.number("flammable.atmosphere.temperature_c") + 273.15;
  waterVapourPa_ = rh * std::exp(14.4114 - 5328 / tK) * 101325;  // saturation pressure in atm, to Pa

  const toml::array* rows = r.array("flammable.substance");
  if (!rows) return;
  int i = 0;
  for (const toml::node& n : *rows) {
    const std::string where = source_ + ": flammable.substance #" + std::to_string(++i);
    const toml::table* t = n.as_table();
    if (!t) throw UserError(where + ": must be a table");
    FlammableSubstance s;
    s.name = (*t)["name"].value_or(std::string());
    s.cas = (*t)["cas"].value_or(std::string());
    s.source = (*t)["source"].value_or(std::string());
    if (const toml::array* al = (*t)["aliases"].as_array())
      for (const toml::node& a : *al)
        if (auto v = a.value<std::string>()) s.aliases.push_back(*v);
    s.heatOfCombustionJKg = (*t)["heat_of_combustion_kj_kg"].value_or(0.0) * 1e3;
    s.burningRateKgM2S = (*t)["burning_rate_kg_m2_s"].value_or(0.0);
    s.kBetaPerM = (*t)["k_beta_per_m"].value_or(0.0);
    s.liquidDensityKgM3 = (*t)["liquid_density_kg_m3"].value_or(0.0);
    s.boilingPointC = (*t)["boiling_point_c"].value_or(NAN);
    s.molarMassKgMol = (*t)["molar_mass_g_mol"].value_or(0.0) / 1000;
    s.gamma = (*t)["gamma"].value_or(0.0);
    if (s.name.empty() || !(s.heatOfCombustionJKg > 0) || !std::isfinite(s.boilingPointC))
      throw UserError(where + ": needs a name, heat_of_combustion_kj_kg and boiling_point_c");
    substances_.push_back(std::move(s));
  }
}

const FlammableSubstance* FlammableData::find(const std::string& substance) const {
  for (const FlammableSubstance& s : substances_) {
    if (s.name == substance || (!s.cas.empty() && s.cas == substance)) return &s;
    if (std::find(s.aliases.begin(), s.aliases.end(), substance) != s.aliases.end()) return &s;
  }
  return nullptr;
}

double FlammableData::transmissivity(double pathM) const {
  if (pathM <= 0 || waterVapourPa_ <= 0) return 1;
  return std::min(1.0, 2.02 * std::pow(waterVapourPa_ * pathM, -0.09));
}

double FlammableData::immediateIgnition(bool instantaneous, double amount) const {
  return instantaneous ? banded(instBands_, instP_, amount) : banded(contBands_, contP_, amount);
}

}  // namespace riskmap::qra
