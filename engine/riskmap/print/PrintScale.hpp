#pragma once
// The arithmetic of a printed map: which round scale fits, how a scale bar
// is divided, how far apart the degree ticks on the frame are.
#include <string>
#include <vector>

namespace riskmap {

// The largest of the round scales (given as denominators, any order) at
// which `groundWidth` x `groundHeight` metres fit a frame of
// `paperWidth` x `paperHeight` points; the smallest scale if none does.
double fitRoundScale(const std::vector<double>& denominators, double groundWidth, double groundHeight,
                     double paperWidth, double paperHeight);

// "1:100 000": digits grouped by thin spaces, as Chinese and ISO maps print them.
std::string scaleText(double denominator);

struct ScaleBar {
  double groundMetres = 0;   // the whole bar on the ground
  int divisions = 0;         // alternating black and white segments
  double lengthPoints = 0;   // on paper
  std::string unit;          // "米" or "千米"
  std::vector<std::string> labels;  // at each division boundary, divisions + 1 of them
};

// A bar no longer than maxPoints whose length is a round ground distance
// (1, 2, 2.5 or 5 x 10^n m), at least half of maxPoints long.
ScaleBar roundScaleBar(double denominator, double maxPoints);

// Degree ticks: a round interval (1', 2', 5', 10', 15', 30', 1 deg, 2 deg...)
// giving at least `minTicks` across a span of `spanDegrees`.
double tickIntervalDegrees(double spanDegrees, int minTicks);
// 120.5 -> "120°30′E"; latitude with N/S.
std::string degreesText(double value, bool longitude);

}  // namespace riskmap
