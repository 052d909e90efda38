#pragma once
// Transverse Mercator forward projection from Snyder, "Map Projections: A
// Working Manual" (USGS PP 1395, 1987), eqs. 8-9 to 8-13 and 3-21. Written
// here independently of PROJ, so import's reprojection is checked against
// a second computation; millimetre-accurate within a few degrees of the
// central meridian.
#include <cmath>

namespace riskmap::test {

struct EastNorth {
  double x, y;
};

inline EastNorth transverseMercator(double lonDeg, double latDeg, double centralMeridianDeg, double falseEasting,
                                    double a = 6378137.0, double f = 1 / 298.257222101) {
  const double d2r = M_PI / 180;
  const double e2 = f * (2 - f), ep2 = e2 / (1 - e2);
  const double phi = latDeg * d2r, lam = (lonDeg - centralMeridianDeg) * d2r;
  const double N = a / std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
  const double T = std::tan(phi) * std::tan(phi), C = ep2 * std::cos(phi) * std::cos(phi);
  const double A = lam * std::cos(phi);
  const double e4 = e2 * e2, e6 = e4 * e2;
  const double M = a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi -
                        (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * phi) +
                        (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * phi) - (35 * e6 / 3072) * std::sin(6 * phi));
  const double x = N * (A + (1 - T + C) * std::pow(A, 3) / 6 +
                        (5 - 18 * T + T * T + 72 * C - 58 * ep2) * std::pow(A, 5) / 120);
  const double y = M + N * std::tan(phi) *
                           (A * A / 2 + (5 - T + 9 * C + 4 * C * C) * std::pow(A, 4) / 24 +
                            (61 - 58 * T + T * T + 600 * C - 330 * ep2) * std::pow(A, 6) / 720);
  return {x + falseEasting, y};
}

}  // namespace riskmap::test
