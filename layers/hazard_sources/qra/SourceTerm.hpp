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

}  // namespace riskmap::qra
