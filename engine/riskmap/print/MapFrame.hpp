#pragma once
// The map on the poster: the style drawn at the fitted scale inside the
// frame, the world outside the study area faded, the study area's outline
// on top, the frame's neatline and degree ticks along its edges.
#include <cairo.h>

#include <vector>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {

struct EdgeTick {
  char side;        // 'b'ottom, 't'op, 'l'eft, 'r'ight
  double x, y;      // on the frame's edge, page points
  double degrees;   // longitude (bottom, top) or latitude (left, right)
};

// Where meridians (bottom, top) and parallels (left, right) at a round
// interval cross the frame's edges; found by bisection, so the ticks are
// right in a projection whose meridians are not vertical.
std::vector<EdgeTick> edgeTicks(const MapView& view, const Rect& frame, int minTicks);

// A view of `ground` (plus margin x its size on every side) at the largest
// round scale that fits the frame, centred on it; scale receives the denominator.
MapView fitView(const OGREnvelope& ground, double margin, const Rect& frame, const std::vector<double>& scales,
                const OGRSpatialReference& crs, double& scale);

// Polygon rings as a Cairo path in the view's units (origin at the view's top-left).
void traceRings(cairo_t* cr, const OGRGeometry& g, const MapView& v);

// The room the ticks and their labels need outside the frame.
double tickBand(const PosterContext& c);

void drawMapFrame(cairo_t* cr, const PosterContext& c, Renderer& renderer, const Rect& frame);

}  // namespace riskmap
