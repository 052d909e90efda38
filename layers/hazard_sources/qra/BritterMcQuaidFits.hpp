#pragma once
// What the Britter-McQuaid nomogram's fitted curves share, continuous
// (DenseGas.cpp) and instantaneous (DenseGasPuff.cpp): each curve of
// constant Cm/C0 is a piecewise-linear fit, beta = slope alpha + constant,
// of beta = log10(scaled distance) in the correlation parameter alpha.
#include <algorithm>
#include <cmath>

namespace riskmap::qra::nomogram {

inline constexpr double kGravity = 9.80665;  // m/s2

struct Piece {
  double upTo, slope, constant;  // beta = slope alpha + constant for alpha <= upTo
};

// The first piece holding alpha; beyond the last, the last extended.
inline double beta(const Piece* pieces, int count, double alpha) {
  for (int i = 0; i < count; ++i)
    if (alpha <= pieces[i].upTo) return pieces[i].slope * alpha + pieces[i].constant;
  return pieces[count - 1].slope * alpha + pieces[count - 1].constant;
}

// Keeps distance rising as the concentration falls where the fits cross
// (they can where they are flat).
inline void keepRising(double* beta, int count) {
  for (int i = 1; i < count; ++i) beta[i] = std::max(beta[i], beta[i - 1] + 1e-6);
}

// The volume fraction at `at` = log10(scaled distance) from the curves
// (beta ascending, lnC their ln(Cm/C0)), `nearField` before the first:
// log C linear in beta between neighbours; past the last curve c' falls
// as the scaled distance^-2 (riskmap's extension, as GasDispersion.jl's
// far field); then a cold cloud's correction c'/(c' + (1 - c') T_release/T_ambient),
// the workbook's non-isothermal correction (as GasDispersion.jl applies it).
inline double volumeFraction(const double* beta, const double* lnC, int count, double at, double nearField,
                             double temperatureRatio) {
  double c;
  if (at <= beta[0]) {
    c = nearField;
  } else if (at >= beta[count - 1]) {
    c = std::exp(lnC[count - 1]) * std::pow(10, 2 * (beta[count - 1] - at));
  } else {
    int i = 0;
    while (at > beta[i + 1]) ++i;
    const double t = (at - beta[i]) / (beta[i + 1] - beta[i]);
    c = std::exp(lnC[i] + t * (lnC[i + 1] - lnC[i]));
  }
  return c / (c + (1 - c) * temperatureRatio);
}

}  // namespace riskmap::qra::nomogram
