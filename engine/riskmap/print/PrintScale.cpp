#include "riskmap/print/PrintScale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "riskmap/print/Paper.hpp"

namespace riskmap {

double fitRoundScale(const std::vector<double>& denominators, double groundWidth, double groundHeight,
                     double paperWidth, double paperHeight) {
  std::vector<double> sorted = denominators;
  std::sort(sorted.begin(), sorted.end());
  const double metresPerPoint = 0.001 / kPointsPerMm;
  const double needed = std::max(groundWidth / (paperWidth * metresPerPoint), groundHeight / (paperHeight * metresPerPoint));
  for (double d : sorted)
    if (d >= needed * (1 - 1e-9)) return d;  // an exact fit fits, whatever the rounding
  return sorted.empty() ? needed : sorted.back();
}

std::string scaleText(double denominator) {
  std::string digits = std::to_string(static_cast<long long>(std::llround(denominator)));
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u2009";  // thin space
    grouped += digits[i];
  }
  return "1:" + grouped;
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

ScaleBar roundScaleBar(double denominator, double maxPoints) {
  const double metresPerPoint = denominator * 0.001 / kPointsPerMm;
  const double maxGround = maxPoints * metresPerPoint;
  const double decade = std::pow(10.0, std::floor(std::log10(maxGround)));
  ScaleBar bar;
  for (double m : {5.0, 2.5, 2.0, 1.0}) {
    if (m * decade <= maxGround * (1 + 1e-9)) {
      bar.groundMetres = m * decade;
      break;
    }
  }
  // 2.5 splits in 5 parts of 0.5; 1, 2 and 5 in 4, 4 and 5 round parts.
  const double lead = bar.groundMetres / decade;
  bar.divisions = lead == 2.5 ? 5 : lead == 2.0 ? 4 : lead == 5.0 ? 5 : 4;
  bar.lengthPoints = bar.groundMetres / metresPerPoint;
  const bool km = bar.groundMetres >= 2000;
  bar.unit = km ? "千米" : "米";
  for (int i = 0; i <= bar.divisions; ++i)
    bar.labels.push_back(number(bar.groundMetres * i / bar.divisions / (km ? 1000 : 1)));
  return bar;
}

double tickIntervalDegrees(double spanDegrees, int minTicks) {
  static const double minutes[] = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800};
  double best = minutes[0] / 60;
  for (double m : minutes)
    if (spanDegrees / (m / 60) >= minTicks) best = m / 60;
  return best;
}

std::string degreesText(double value, bool longitude) {
  const char hemi = longitude ? (value < 0 ? 'W' : 'E') : (value < 0 ? 'S' : 'N');
  long long totalMinutes = std::llround(std::fabs(value) * 60);
  char buf[48];
  if (totalMinutes % 60 == 0) std::snprintf(buf, sizeof buf, "%lld°%c", totalMinutes / 60, hemi);
  else std::snprintf(buf, sizeof buf, "%lld°%02lld′%c", totalMinutes / 60, totalMinutes % 60, hemi);
  return buf;
}

}  // namespace riskmap
