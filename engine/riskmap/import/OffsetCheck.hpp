#pragma once
// After import: does a lon/lat point layer that declares no `coordinates`
// sit systematically off the project's roads and buildings the way a
// GCJ-02 (Amap, Tencent) or BD-09 (Baidu) web map would put it?
//
// The rule (a warning, not a figure; docs/project-file.md): for a sample of
// the layer's points, the distance to the nearest road or building as given
// and with each web-map offset removed. When, with an offset removed, the
// median distance drops below half of what it was, and by more than 100 m,
// the layer "looks like" that web map. With fewer than 5 points there is
// no median to trust and nothing is said.
#include <gdal_priv.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "riskmap/crs/WebMapOffsets.hpp"

namespace riskmap {

inline constexpr double kOffsetCheckMinGainM = 100.0;   // the median must drop by more than this (m)
inline constexpr double kOffsetCheckMaxRatio = 0.5;     // ... and to less than this share of itself
inline constexpr std::size_t kOffsetCheckMinPoints = 5;
inline constexpr std::size_t kOffsetCheckSample = 2000; // points looked at, evenly spread over the layer

struct OffsetEvidence {
  WebMapCoordinates likely = WebMapCoordinates::None;
  double medianAsGiven = 0;    // m to the nearest road or building
  double medianCorrected = 0;  // m, with the likely offset removed
  std::size_t points = 0;
};

// Roads and buildings (any geometry) indexed once, in the analysis CRS.
class ReferenceFeatures {
 public:
  ReferenceFeatures();
  ~ReferenceFeatures();
  ReferenceFeatures(ReferenceFeatures&&) noexcept;
  ReferenceFeatures& operator=(ReferenceFeatures&&) noexcept;

  // Adds every feature of a library table.
  void add(OGRLayer& table);
  bool empty() const;
  double nearestDistance(double x, double y) const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

// points: x, y in the projected analysis CRS.
std::optional<OffsetEvidence> detectWebMapOffset(const std::vector<std::pair<double, double>>& points,
                                                 const ReferenceFeatures& reference,
                                                 const OGRSpatialReference& analysisCrs);

// The one-line warning for a layer.
std::string offsetWarning(const std::string& layer, const OffsetEvidence& e);

}  // namespace riskmap
