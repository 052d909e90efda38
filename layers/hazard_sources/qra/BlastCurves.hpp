#pragma once
// Side-on (incident) peak overpressure of a TNT charge against the scaled
// distance Z = r / W^(1/3) (m/kg^(1/3)): the curve a TNT-equivalent vapour
// cloud explosion reads its overpressure from (VapourCloudExplosion.hpp).
//
//   kingery_bulmash_surface: Kingery & Bulmash (1984) for a hemispherical
//     TNT surface burst (the curve of UFC 3-340-02 and of the UN
//     SaferGuard / NATO AASTP-1 calculators, recalled), in Swisdak's
//     simplified form (Simplified Kingery Airblast Calculations, NSWC
//     Indian Head 1994, DTIC ADA526744; metric coefficients as transcribed
//     by the kingery-bulmash Python package, fcento100):
//       ln P[kPa] = A + B u + C u^2 + D u^3 + E u^4,  u = ln Z,
//       0.2  <= Z <= 2.9 : 7.2106, -2.1069, -0.3229, 0.1117, 0.0685
//       2.9  <  Z <= 23.8: 7.5938, -3.0523, 0.40977, 0.0261, -0.01267
//       23.8 <  Z        : 6.0536, -1.4066 (Swisdak's last segment ends at
//                          198.5; its power law is carried on beyond: at
//                          Z 198.5 the overpressure is 0.25 kPa, far below
//                          any lethality).
//     Below Z 0.2 the value at 0.2 (17 MPa, certain death by any probit).
//     The ground reflection is in the curve: no factor on W (the 1.8 of
//     Chinese practice belongs to free-air curves).
//   kinney_graham_free_air: Kinney & Graham (Explosive Shocks in Air, 2nd
//     ed. 1985), a spherical charge in free air:
//       p/pa = 808 [1 + (Z/4.5)^2] / sqrt{[1 + (Z/0.048)^2][1 + (Z/0.32)^2][1 + (Z/1.35)^2]}.
// docs/method.md "Fires and explosions" says why the surface burst is the
// default (the CCPS CHEF guide's TNT example, p. 222, reads it).
#include <string>

namespace riskmap::qra {

enum class BlastCurve { KingeryBulmashSurface, KinneyGrahamFreeAir };

// The rules' spelling ("kingery_bulmash_surface", "kinney_graham_free_air");
// nullopt-like: throws std::invalid_argument for any other word.
BlastCurve blastCurveFromName(const std::string& name);
std::string blastCurveName(BlastCurve c);
// How outputs describe the curve ("Kingery-Bulmash hemispherical surface burst (Swisdak 1994)").
std::string blastCurveTitle(BlastCurve c);

// Side-on peak overpressure (Pa above ambient) at scaled distance z
// (m/kg^(1/3)); ambientPa scales Kinney & Graham's ratio (Kingery-Bulmash
// is tabulated at sea level).
double sideOnOverpressurePa(BlastCurve c, double z, double ambientPa);

}  // namespace riskmap::qra
