#pragma once
// Where the scale block puts its bar, for drawing and for tests that
// measure the drawn bar against its label.
#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/print/PrintScale.hpp"

namespace riskmap {

struct ScaleBlockGeometry {
  ScaleBar bar;
  double numericTop = 0, labelTop = 0, barTop = 0, barHeight = 0;  // from the block's top
  double arrowSize = 0, height = 0;
};

ScaleBlockGeometry scaleBlockGeometry(const PosterContext& c, double width);
TextSpec bigText(const PosterContext& c);
TextSpec smallText(const PosterContext& c);

// Radians clockwise from grid north (up) to true north at the map's centre.
double trueNorthAngle(const MapView& view);

}  // namespace riskmap
