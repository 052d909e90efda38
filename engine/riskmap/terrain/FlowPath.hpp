#pragma once
// Where something released at a point runs: the steepest-descent (D8)
// path over a DEM from the lowest point of a start geometry (a dam crest,
// a pond's rim, a point), for a given length along the path, and the
// corridor the flow fills along it: at each vertex, the ground across the
// path up to a flow depth above the path's own height (the valley's
// cross-section), between a least and a greatest half-width.
//
// The path never re-enters the excluded area (the pond itself) nor a cell
// it has visited; a sink shallower than breachMaxRiseM is crossed (the flow
// fills it and spills on, over the lowest rim cell); a deeper one ends the
// path (the flow ponds there). Where the 8 neighbours of a path cell are not
// all known (the grid's edge, a no-data hole), the steepest descent cannot be
// told and the path stops, saying so: it is never silently cut short.
#include <ogr_geometry.h>

#include <memory>
#include <string>

#include "riskmap/terrain/Dem.hpp"

namespace riskmap {

struct FlowPathRequest {
  double lengthM = 0;            // how far along the path the flow runs
  double breachMaxRiseM = 2.0;   // sinks up to this deep are filled and crossed
  double flowDepthM = 5.0;       // corridor: ground up to this height above the path is flooded
  double minHalfWidthM = 25.0;   // corridor half-width bounds
  double maxHalfWidthM = 500.0;
  double headLengthM = 0;        // also return the corridor along the first headLengthM (0: none)
  const OGRGeometry* exclude = nullptr;  // cells whose centres lie inside are never entered
};

enum class FlowEnd {
  Length,   // ran the full length
  Sink,     // ponded in a sink deeper than breachMaxRiseM
  LeftDem,  // reached the edge of the DEM
  NoData,   // reached a hole (no-data cells) in the DEM
  NoDem,    // no usable DEM (none, or unusable: see why)
};

const char* flowEndName(FlowEnd end);

struct FlowPath {
  FlowEnd end = FlowEnd::NoDem;
  std::string why;                 // the end in words, with where
  std::string whyZh;               // the same in Chinese (what the Chinese outputs carry)
  double requestedM = 0, tracedM = 0;
  std::unique_ptr<OGRLineString> line;     // analysis CRS, from the start point
  std::unique_ptr<OGRGeometry> corridor;   // the flooded corridor along the whole path
  std::unique_ptr<OGRGeometry> headCorridor;  // the corridor along its first headLengthM
  double startHeightM = 0, endHeightM = 0;
  int sinksCrossed = 0;
  int sectionsCut = 0;             // cross-sections stopped by the DEM's edge or a hole
  double meanHalfWidthM = 0;
  std::string verticalUnit;
  // Did the path run as far as asked, or end in the terrain itself (a sink)?
  bool dataComplete() const { return end == FlowEnd::Length || end == FlowEnd::Sink; }
};

// Traces the path and its corridor on dem from the lowest point of start.
FlowPath traceFlow(const Dem& dem, const OGRGeometry& start, const FlowPathRequest& request);

}  // namespace riskmap
