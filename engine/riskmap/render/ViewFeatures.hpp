#pragma once
// The features of one source table inside one view, read once through the
// GeoPackage's spatial index and reprojected once, then shared by every style
// layer drawing that source (the default style draws 20 layers from 11
// tables: roads three times, source grades four). Lines and fills also share
// one clipped, simplified copy, made when first asked for. Lives for one render.
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <vector>

#include "riskmap/render/MapView.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {

class ViewFeatures {
 public:
  struct Feature {
    FeatureProperties properties;
    std::unique_ptr<OGRGeometry> geometry;  // in the view's CRS
    // For lines and fills: clipped to the view (with its margin) and simplified
    // to half a pixel; null when nothing is left to draw. Made on first use.
    std::optional<std::unique_ptr<OGRGeometry>> drawable;
  };

  // ct: table CRS -> view CRS (null: the same CRS).
  ViewFeatures(OGRLayer& table, OGRCoordinateTransformation* ct, const MapView& view);

  std::vector<Feature>& features() { return features_; }
  // The geometry a line or fill layer draws for f (null: none).
  const OGRGeometry* drawable(Feature& f);

 private:
  std::vector<Feature> features_;
  OGRPolygon viewBox_;
  double resolution_;
};

}  // namespace riskmap
