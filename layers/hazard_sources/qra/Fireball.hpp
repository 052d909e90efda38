#pragma once
// The fireball of a BLEVE of a flammable liquefied gas (CCPS correlations,
// as in the CCPS Guidelines for Consequence Analysis and CPQRA 2.2.4):
//   diameter  D = 5.8 m^(1/3)                      (m: fuel mass, kg)
//   duration  t = 0.45 m^(1/3) below 30 000 kg, 2.6 m^(1/6) above
//   flux      q = tau E F, E the surface emissive power (350 kW/m2 for
//             large hydrocarbon fireballs), F the view factor of a sphere of
//             radius R = D/2 whose centre is R above the ground, to a
//             vertical surface at ground distance X facing it:
//             F = R^2 X / (X^2 + R^2)^(3/2).
// Every constant is data (qra.toml [flammable.fireball]).
namespace riskmap::qra {

struct FireballConstants {
  double diameterCoefficient = 5.8, diameterExponent = 1.0 / 3;
  double durationCoefficientSmall = 0.45, durationExponentSmall = 1.0 / 3;
  double durationCoefficientLarge = 2.6, durationExponentLarge = 1.0 / 6;
  double durationBreakKg = 30000;
  double surfaceEmissivePowerWm2 = 350e3;
};

struct Fireball {
  double massKg = 0;
  FireballConstants c;

  double diameterM() const;
  double durationS() const;
  double viewFactor(double groundDistanceM) const;
  // Heat flux (W/m2) at ground distance r (m), transmissivity tau; under the
  // fireball (r <= its radius) the full emissive power.
  double fluxAt(double r, double tau) const;
};

}  // namespace riskmap::qra
