#include "Scenarios.hpp"

#include "FlammableScenarios.hpp"
#include "SourceTerm.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

using nlohmann::json;

namespace {

struct LocRow {
  std::string equipment, kind, source;
  double frequency = 0;        // per year, or per metre per year for pipes
  double holeMm = 0, fraction = 0, maxHoleMm = INFINITY;
  double minDiameterMm = 0, maxDiameterMm = INFINITY;
  bool verified = false;
};

std::vector<LocRow> locRows(const Rules& qra) {
  std::vector<LocRow> out;
  const toml::array* rows = qra.array("loc");
  if (!rows) throw UserError(qra.source() + ": no [[loc]] rows (loss-of-containment scenarios)");
  for (const toml::node& n : *rows) {
    const toml::table* t = n.as_table();
    if (!t) throw UserError(qra.source() + ": [[loc]] rows must be tables");
    LocRow r;
    r.equipment = (*t)["equipment"].value_or(std::string());
    r.kind = (*t)["kind"].value_or(std::string());
    r.source = (*t)["source"].value_or(std::string());
    r.frequency = (*t)["frequency"].value_or((*t)["frequency_per_m"].value_or(0.0));
    r.holeMm = (*t)["hole_mm"].value_or(0.0);
    r.fraction = (*t)["fraction_of_diameter"].value_or(0.0);
    r.maxHoleMm = (*t)["max_hole_mm"].value_or(INFINITY);
    r.minDiameterMm = (*t)["min_diameter_mm"].value_or(0.0);
    r.maxDiameterMm = (*t)["max_diameter_mm"].value_or(INFINITY);
    r.verified = (*t)["verified"].value_or(false);
    if (r.equipment.empty() || r.kind.empty() || !(r.frequency >= 0))
      throw UserError(qra.source() + ": a [[loc]] row needs equipment, kind and a frequency");
    out.push_back(std::move(r));
  }
  return out;
}

// Whether a LOC row applies to an item (its type; a pipe's diameter band).
bool applies(const LocRow& loc, const Equipment& e, const std::string& type) {
  if (loc.equipment != type) return false;
  return e.type != EquipmentType::Pipe || (e.diameterMm >= loc.minDiameterMm && e.diameterMm < loc.maxDiameterMm);
}

// The hole of a "hole" row (a pipe's: a fraction of its diameter, capped),
// a pipe's bore for "full_bore"; 0 otherwise.
double locHoleMm(const LocRow& loc, const Equipment& e) {
  if (loc.kind == "hole") return loc.holeMm > 0 ? loc.holeMm : std::min(loc.fraction * e.diameterMm, loc.maxHoleMm);
  if (loc.kind == "full_bore") return e.diameterMm;
  return 0;
}

struct Substance {
  const ToxicProbit* probit = nullptr;
  double molarMass = 0, gamma = 0;   // kg/mol
};

Substance substanceData(const Rules& qra, const Probits& probits, const std::string& name) {
  Substance s;
  s.probit = &probits.toxic(name);
  if (const toml::array* rows = qra.array("toxic.substance"))
    for (const toml::node& n : *rows)
      if (const toml::table* t = n.as_table(); t && (*t)["name"].value_or(std::string()) == s.probit->name) {
        s.molarMass = (*t)["molar_mass_g_mol"].value_or(0.0) / 1000;
        s.gamma = (*t)["gamma"].value_or(0.0);
      }
  if (!(s.molarMass > 0) || !(s.gamma > 1))
    throw UserError(qra.source() + ": toxic.substance '" + s.probit->name +
                    "' needs molar_mass_g_mol and gamma (> 1) for its source term");
  return s;
}

}  // namespace

PlantScenarios plantScenarios(const std::vector<Equipment>& equipment, const Rules& qra, const Probits& probits,
                              double x, double y) {
  PlantScenarios out;
  const std::vector<LocRow> table = locRows(qra);
  const double cd = qra.number("source_term.discharge_coefficient");
  const double ambient = qra.number("source_term.ambient_pressure_pa");
  const double maxRatio = qra.number("source_term.max_density_ratio");
  const double air = qra.number("source_term.air_molar_mass_g_mol") / 1000;
  const double maxMinutes = probits.maxToxicExposureMin();
  const FlammableData flammables(qra);
  for (const Equipment& e : equipment) {
    const std::string type = equipmentTypeName(e.type);
    const std::string defaults = "equipment_defaults." + type;
    if (const FlammableSubstance* f = flammables.find(e.substance); f && !probits.hasToxic(e.substance)) {
      const ReleaseConditions at{x, y, ambient, cd, e.temperatureC.value_or(qra.number(defaults + ".temperature_c")),
                                 e.releaseHeightM.value_or(qra.number(defaults + ".release_height_m"))};
      for (const LocRow& loc : table) {
        if (!applies(loc, e, type)) continue;
        const double frequency = e.type == EquipmentType::Pipe ? loc.frequency * e.lengthM : loc.frequency;
        out.unverifiedFrequencies = out.unverifiedFrequencies || !loc.verified;
        const json row = {{"equipment", e.id}, {"type", type}, {"loc", loc.kind}, {"frequency_per_year", frequency},
                          {"frequency_source", loc.source}, {"frequency_verified", loc.verified}};
        addFlammableOutcomes(out, e, *f, flammables, probits, {loc.kind, frequency, locHoleMm(loc, e), row}, at);
      }
      continue;
    }
    const Substance sub = substanceData(qra, probits, e.substance);
    const double tempC = e.temperatureC.value_or(qra.number(defaults + ".temperature_c"));
    const double height = e.releaseHeightM.value_or(qra.number(defaults + ".release_height_m"));
    const GasState gas{e.pressureMPa * 1e6 + ambient, tempC + 273.15, sub.molarMass, sub.gamma};
    const double volume = e.type == EquipmentType::Pipe
                              ? std::numbers::pi / 4 * std::pow(e.diameterMm / 1000, 2) * e.lengthM
                              : e.volumeM3;
    const double held = gasDensity(gas) * volume;
    const double inventory = e.inventoryKg.value_or(held);
    const double densityRatio = sub.molarMass / air;
    for (const LocRow& loc : table) {
      if (!applies(loc, e, type)) continue;
      const double frequency = e.type == EquipmentType::Pipe ? loc.frequency * e.lengthM : loc.frequency;
      json row = {{"equipment", e.id},      {"type", type},           {"substance", sub.probit->name},
                  {"loc", loc.kind},        {"frequency_per_year", frequency},
                  {"frequency_source", loc.source}, {"frequency_verified", loc.verified},
                  {"inventory_kg", inventory}, {"inventory_from", e.inventoryKg ? "equipment row" : "gas held at pressure and temperature"}};
      out.unverifiedFrequencies = out.unverifiedFrequencies || !loc.verified;
      std::string why;
      if (e.phase != "gas") why = "a liquefied (two-phase) release: flashing and pool evaporation are not built";
      else if (densityRatio > maxRatio)
        why = "a dense gas (" + std::to_string(densityRatio).substr(0, 4) +
              " times air): the Gaussian plume does not hold and Britter-McQuaid is not built";
      else if (loc.kind == "instantaneous") why = "an instantaneous release needs a puff model, not built";
      double rate = 0, holeMm = 0;
      if (why.empty()) {
        if (loc.kind == "hole") {
          holeMm = locHoleMm(loc, e);
          rate = gasOutflow(gas, std::numbers::pi / 4 * std::pow(holeMm / 1000, 2), cd, ambient);
        } else if (loc.kind == "full_bore") {
          holeMm = locHoleMm(loc, e);
          rate = gasOutflow(gas, std::numbers::pi / 4 * std::pow(holeMm / 1000, 2), cd, ambient);
        } else if (loc.kind == "inventory_10min") {
          rate = inventory / 600;
        } else {
          why = "LOC kind '" + loc.kind + "' is not known to riskmap";
        }
        if (why.empty() && !(rate > 0)) why = "no outflow (no pressure above ambient, or no inventory)";
      }
      if (!why.empty()) {
        row["computed"] = false;
        row["why"] = why;
        out.rows.push_back(std::move(row));
        continue;
      }
      const double minutes = std::min(maxMinutes, inventory / rate / 60);
      if (densityRatio > 1) out.neutralGasApproximation = true;
      row["computed"] = true;
      row["hole_mm"] = holeMm;
      row["rate_kg_s"] = rate;
      row["duration_min"] = minutes;
      row["release_height_m"] = height;
      row["density_ratio_to_air"] = densityRatio;
      out.rows.push_back(std::move(row));
      out.releases.push_back({e.id + " " + loc.kind, x, y, frequency, rate, height, minutes, sub.probit});
    }
  }
  return out;
}

}  // namespace riskmap::qra
