#pragma once
// Draws the one library's layers, as a style says, onto a Cairo context:
// features fetched by extent through the GeoPackage's spatial index,
// reprojected to the view's CRS with PROJ, clipped to the view with a
// margin and simplified to its resolution, once per source table however
// many style layers draw it (ViewFeatures); labels shaped with Pango (Noto
// CJK) and placed without overlaps. One Renderer per thread.
#include <cairo.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/render/LabelPlacer.hpp"
#include "riskmap/render/MapView.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/render/ViewFeatures.hpp"

namespace riskmap {

class Renderer {
 public:
  Renderer(const std::filesystem::path& library, const Style& style);

  // Draws in the context's user space, which must map the view to
  // (0,0)-(width,height); returns the labels placed.
  std::vector<LabelBox> render(cairo_t* cr, const MapView& view);

  // A legend entry: how a feature of this layer with these properties is
  // drawn, fitted to the box (x, y, w, h); a label layer shows its text.
  void drawLegendSymbol(cairo_t* cr, const StyleLayer& layer, const FeatureProperties& props, double x, double y,
                        double w, double h, double scaleFactor = 1) const;

  // Renders to a file by its extension: .png (ARGB), .pdf or .svg (vector).
  // Written to a temporary file and renamed: atomic.
  std::vector<LabelBox> renderToFile(const std::filesystem::path& out, const MapView& view);

 struct PendingLabel;

 private:
  void drawFeature(cairo_t* cr, const MapView& view, const StyleLayer& layer, const FeatureProperties& props,
                   const OGRGeometry& g, std::vector<PendingLabel>& labels) const;
  void drawLayer(cairo_t* cr, const MapView& view, const StyleLayer& layer, std::vector<PendingLabel>& labels,
                 std::map<std::string, ViewFeatures>& read);
  OGRCoordinateTransformation* toView(const OGRSpatialReference& from, const MapView& view);

  GDALDatasetUniquePtr library_;
  const Style& style_;
  std::map<std::string, CoordinateTransformationPtr> transforms_;
};

}  // namespace riskmap
