#pragma once
// Source terms: how fast a gas escapes through a hole (TNO Yellow Book
// CPR 14E eqs. 2.22-2.26; AQ/T 3046-2013 E.13-E.17) and how much a vessel
// holds (ideal gas).
namespace riskmap::qra {

constexpr double kGasConstant = 8.314462618;  // J/(mol K), CODATA 2018

struct GasState {
  double pressurePa = 0;            // absolute
  double temperatureK = 293.15;
  double molarMassKgMol = 0.029;
  double gamma = 1.4;               // Cp/Cv
};

// Ideal-gas density, kg/m3.
double gasDensity(const GasState& g);

// Mass flow (kg/s) of a gas through a hole of the given area (m2) into
// ambient pressure (Pa): choked when ambient / stored pressure is below
// (2/(gamma+1))^(gamma/(gamma-1)), subsonic otherwise.
double gasOutflow(const GasState& stored, double holeAreaM2, double dischargeCoefficient, double ambientPa);

// A gas liquefied under pressure (chlorine, ammonia, LPG): what the
// flashing source term needs of it.
struct LiquefiedGas {
  double liquidDensityKgM3 = 0;       // at storage temperature
  double boilingPointK = 0;           // normal boiling point
  double liquidHeatCapacityJKgK = 0;  // Cp of the liquid
  double heatOfVaporisationJKg = 0;   // at the boiling point
};

// Liquid through a hole (kg/s): the Bernoulli orifice equation
// q = Cd A sqrt(2 rho_l (p - p_a)) (Crowl & Louvar, Chemical Process
// Safety, chapter 4 "flow of liquid through a hole"; the textbook form,
// not re-read for riskmap), p - p_a the gauge pressure above the hole; a saturated
// liquid flashing in a short hole is taken to leave as liquid (the
// non-equilibrium limit, the larger flow).
double liquidOutflow(double liquidDensityKgM3, double gaugePa, double holeAreaM2, double dischargeCoefficient);

// The fraction of a superheated liquid that flashes to vapour when it
// falls to its boiling point at ambient pressure, adiabatically:
// f = Cp (T - Tb) / h_v (Crowl & Louvar, chapter 4 "flashing liquids";
// the textbook form, not re-read for riskmap); 0 at or below the boiling
// point, at most 1.
double flashFraction(const LiquefiedGas& g, double temperatureK);

}  // namespace riskmap::qra
