#include "Scenarios.hpp"

#include "DenseGas.hpp"
#include "FlammableScenarios.hpp"
#include "SourceTerm.hpp"
#include "ToxicPuff.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::qra {

using nlohmann::json;

namespace {

struct LocRow {
  int index = 0;               // 1-based place in [[loc]]
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
    r.index = static_cast<int>(out.size()) + 1;
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
  std::optional<LiquefiedGas> liquefied;  // when qra.toml has its liquid data
};

Substance substanceData(const Rules& qra, const Probits& probits, const std::string& name) {
  Substance s;
  s.probit = &probits.toxic(name);
  if (const toml::array* rows = qra.array("toxic.substance"))
    for (const toml::node& n : *rows)
      if (const toml::table* t = n.as_table(); t && (*t)["name"].value_or(std::string()) == s.probit->name) {
        s.molarMass = (*t)["molar_mass_g_mol"].value_or(0.0) / 1000;
        s.gamma = (*t)["gamma"].value_or(0.0);
        const LiquefiedGas l{(*t)["liquid_density_kg_m3"].value_or(0.0), (*t)["boiling_point_c"].value_or(NAN) + 273.15,
                             (*t)["liquid_cp_j_kg_k"].value_or(0.0), (*t)["heat_of_vaporisation_j_kg"].value_or(0.0)};
        if (l.liquidDensityKgM3 > 0 && std::isfinite(l.boilingPointK) && l.liquidHeatCapacityJKgK > 0 &&
            l.heatOfVaporisationJKg > 0)
          s.liquefied = l;
      }
  if (!(s.molarMass > 0) || !(s.gamma > 1))
    throw UserError(qra.source() + ": toxic.substance '" + s.probit->name +
                    "' needs molar_mass_g_mol and gamma (> 1) for its source term");
  return s;
}

std::string rowList(const std::vector<int>& rows) {
  std::string out;
  for (int r : rows) out += (out.empty() ? "" : ", ") + std::to_string(r);
  return out;
}

}  // namespace

std::string locVerificationText(const PlantScenarios& s) {
  if (s.verifiedLocRows.empty() && s.unverifiedLocRows.empty()) return "";
  auto rows = [](const std::vector<int>& r) { return (r.size() > 1 ? "[[loc]] rows " : "[[loc]] row ") + rowList(r); };
  std::string out = "LOC frequencies: ";
  if (!s.verifiedLocRows.empty()) out += rows(s.verifiedLocRows) + " verified";
  if (!s.unverifiedLocRows.empty())
    out += std::string(s.verifiedLocRows.empty() ? "" : "; ") + rows(s.unverifiedLocRows) + " unverified stand-ins";
  return out;
}

PlantScenarios plantScenarios(const std::vector<Equipment>& equipment, const Rules& qra, const Probits& probits,
                              double x, double y) {
  PlantScenarios out;
  const std::vector<LocRow> table = locRows(qra);
  const double cd = qra.number("source_term.discharge_coefficient");
  const double ambient = qra.number("source_term.ambient_pressure_pa");
  const double air = qra.number("source_term.air_molar_mass_g_mol") / 1000;
  const double fill = qra.number("source_term.liquid_fill_fraction");
  const double aerosol = qra.number("source_term.aerosol_multiple_of_flash");
  const Ambient atmosphere{qra.number("dense_gas.ambient_temperature_c") + 273.15, ambient, air};
  const double denseCriterion = qra.number("dense_gas.criterion");
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
        (loc.verified ? out.verifiedLocRows : out.unverifiedLocRows).push_back(loc.index);
        const json row = {{"equipment", e.id}, {"type", type}, {"loc", loc.kind}, {"frequency_per_year", frequency},
                          {"frequency_source", loc.source}, {"frequency_verified", loc.verified}};
        addFlammableOutcomes(out, e, *f, flammables, probits, {loc.kind, frequency, locHoleMm(loc, e), row}, at);
      }
      continue;
    }
    const Substance sub = substanceData(qra, probits, e.substance);
    const double tempK = e.temperatureC.value_or(qra.number(defaults + ".temperature_c")) + 273.15;
    const double height = e.releaseHeightM.value_or(qra.number(defaults + ".release_height_m"));
    const bool liquid = e.phase == "liquid";
    const GasState gas{e.pressureMPa * 1e6 + ambient, tempK, sub.molarMass, sub.gamma};
    const double volume = e.type == EquipmentType::Pipe
                              ? std::numbers::pi / 4 * std::pow(e.diameterMm / 1000, 2) * e.lengthM
                              : e.volumeM3;
    // A liquefied gas: the vessel filled to liquid_fill_fraction, a pipe full.
    const double held = liquid ? (sub.liquefied ? sub.liquefied->liquidDensityKgM3 * volume *
                                                      (e.type == EquipmentType::Pipe ? 1.0 : fill)
                                                : 0)
                               : gasDensity(gas) * volume;
    const double inventory = e.inventoryKg.value_or(held);
    const char* inventoryFrom = e.inventoryKg ? "equipment row"
                                : liquid      ? "liquid held (qra.toml source_term.liquid_fill_fraction of a vessel)"
                                              : "gas held at pressure and temperature";
    // What reaches the air: a gas as stored; a liquefied gas's flashed
    // vapour and the aerosol it carries, cold at its boiling point.
    const double flash = liquid && sub.liquefied ? flashFraction(*sub.liquefied, tempK) : 0;
    const double airborne = liquid ? std::min(1.0, aerosol * flash) : 1.0;
    const double releaseK = liquid && sub.liquefied ? std::min(tempK, sub.liquefied->boilingPointK) : tempK;
    const double releaseDensity = gasDensity({ambient, releaseK, sub.molarMass, sub.gamma});
    const double densityRatio = releaseDensity / atmosphere.airDensity();
    for (const LocRow& loc : table) {
      if (!applies(loc, e, type)) continue;
      const double frequency = e.type == EquipmentType::Pipe ? loc.frequency * e.lengthM : loc.frequency;
      json row = {{"equipment", e.id},      {"type", type},           {"substance", sub.probit->name},
                  {"phase", e.phase},       {"loc", loc.kind},        {"frequency_per_year", frequency},
                  {"loc_row", loc.index},   {"frequency_source", loc.source}, {"frequency_verified", loc.verified},
                  {"inventory_kg", inventory}, {"inventory_from", inventoryFrom}};
      (loc.verified ? out.verifiedLocRows : out.unverifiedLocRows).push_back(loc.index);
      std::string why;
      if (liquid && !sub.liquefied)
        why = "a liquefied release: qra.toml has no liquid data (liquid_density_kg_m3, boiling_point_c, "
              "liquid_cp_j_kg_k, heat_of_vaporisation_j_kg) for " + sub.probit->name;
      else if (liquid && !(flash > 0))
        why = "a liquid at or below its boiling point: no flash; pool evaporation is not built";
      if (why.empty() && loc.kind == "instantaneous") {
        // The whole inventory at once: a puff (ToxicPuff.hpp).
        if (addToxicPuff(out, row, {inventory, airborne, height, releaseK, releaseDensity, densityRatio, liquid},
                         ToxicRelease{e.id + " " + loc.kind, x, y, frequency, 0, height, 0, sub.probit},
                         {sub.molarMass, atmosphere, qra.number("dense_gas.instantaneous_criterion")}))
          continue;
        why = "no inventory to release";
      }
      double outflow = 0, holeMm = 0;  // kg/s leaving the equipment
      if (why.empty()) {
        auto through = [&](double mm) {
          const double area = std::numbers::pi / 4 * std::pow(mm / 1000, 2);
          return liquid ? liquidOutflow(sub.liquefied->liquidDensityKgM3, e.pressureMPa * 1e6, area, cd)
                        : gasOutflow(gas, area, cd, ambient);
        };
        if (loc.kind == "hole") {
          holeMm = locHoleMm(loc, e);
          outflow = through(holeMm);
        } else if (loc.kind == "full_bore") {
          holeMm = locHoleMm(loc, e);
          outflow = through(holeMm);
        } else if (loc.kind == "inventory_10min") {
          outflow = inventory / 600;
        } else {
          why = "LOC kind '" + loc.kind + "' is not known to riskmap";
        }
        if (why.empty() && !(outflow > 0)) why = "no outflow (no pressure above ambient, or no inventory)";
      }
      if (!why.empty()) {
        row["computed"] = false;
        row["why"] = why;
        out.rows.push_back(std::move(row));
        continue;
      }
      const double rate = outflow * airborne;
      const double minutes = std::min(maxMinutes, inventory / outflow / 60);
      row["computed"] = true;
      row["hole_mm"] = holeMm;
      row["outflow_kg_s"] = outflow;
      if (liquid) {
        row["flash_fraction"] = flash;
        row["airborne_fraction"] = airborne;
        row["rained_out_kg_s"] = outflow - rate;  // its pool's evaporation is not built
      }
      row["rate_kg_s"] = rate;
      row["duration_min"] = minutes;
      row["release_height_m"] = height;
      row["release_temperature_k"] = releaseK;
      row["density_ratio_to_air"] = densityRatio;
      ToxicRelease release{e.id + " " + loc.kind, x, y, frequency, rate, height, minutes, sub.probit};
      if (densityRatio > 1) {
        // Heavier than air: Britter-McQuaid wherever its criterion holds in the wind.
        release.dispersion = std::make_shared<DenseGasPlume>(
            DenseSource{rate, releaseDensity, releaseK, sub.molarMass, height}, atmosphere, denseCriterion);
        row["dispersion"] = "Britter-McQuaid dense-gas plume where its criterion holds, Gaussian plume otherwise";
        ++out.denseGasReleases;
      } else {
        row["dispersion"] = "Gaussian plume";
      }
      out.rows.push_back(std::move(row));
      out.releases.push_back(std::move(release));
    }
  }
  for (std::vector<int>* rows : {&out.verifiedLocRows, &out.unverifiedLocRows}) {
    std::sort(rows->begin(), rows->end());
    rows->erase(std::unique(rows->begin(), rows->end()), rows->end());
  }
  return out;
}

}  // namespace riskmap::qra
