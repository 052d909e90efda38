#include "BlastCurves.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace riskmap::qra {

namespace {

// Swisdak (1994), hemispherical surface burst, incident pressure (kPa):
// ln P = sum c[i] (ln Z)^i over the segment holding Z.
struct Segment {
  double zMax;
  std::array<double, 5> c;
};
constexpr std::array<Segment, 3> kSwisdakSurface{{
    {2.9, {7.2106, -2.1069, -0.3229, 0.1117, 0.0685}},
    {23.8, {7.5938, -3.0523, 0.40977, 0.0261, -0.01267}},
    {INFINITY, {6.0536, -1.4066, 0, 0, 0}},
}};
constexpr double kSwisdakZMin = 0.2;

double kingeryBulmashSurfaceKPa(double z) {
  z = std::max(z, kSwisdakZMin);
  const double u = std::log(z);
  for (const Segment& s : kSwisdakSurface) {
    if (z > s.zMax) continue;
    double lnP = 0, ui = 1;
    for (double ci : s.c) {
      lnP += ci * ui;
      ui *= u;
    }
    return std::exp(lnP);
  }
  return 0;  // not reached: the last segment is open-ended
}

double kinneyGrahamRatio(double z) {
  auto sq = [](double v) { return v * v; };
  return 808 * (1 + sq(z / 4.5)) / std::sqrt((1 + sq(z / 0.048)) * (1 + sq(z / 0.32)) * (1 + sq(z / 1.35)));
}

}  // namespace

BlastCurve blastCurveFromName(const std::string& name) {
  if (name == "kingery_bulmash_surface") return BlastCurve::KingeryBulmashSurface;
  if (name == "kinney_graham_free_air") return BlastCurve::KinneyGrahamFreeAir;
  throw std::invalid_argument("'" + name + "' is not a blast curve (kingery_bulmash_surface, kinney_graham_free_air)");
}

std::string blastCurveName(BlastCurve c) {
  return c == BlastCurve::KingeryBulmashSurface ? "kingery_bulmash_surface" : "kinney_graham_free_air";
}

std::string blastCurveTitle(BlastCurve c) {
  return c == BlastCurve::KingeryBulmashSurface ? "Kingery-Bulmash hemispherical surface burst (Swisdak 1994)"
                                                : "Kinney & Graham free-air burst (1985)";
}

double sideOnOverpressurePa(BlastCurve c, double z, double ambientPa) {
  return c == BlastCurve::KingeryBulmashSurface ? kingeryBulmashSurfaceKPa(z) * 1e3 : ambientPa * kinneyGrahamRatio(z);
}

}  // namespace riskmap::qra
