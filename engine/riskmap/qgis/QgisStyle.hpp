#pragma once
// The map style (styles/default.json, MapLibre-named, with the palette) as
// QGIS and OGC styles for one table of the one library: a QGIS rule-based
// renderer and rule-based labels (QML), and an SLD 1.1 (Symbology Encoding)
// for GeoServer, ArcGIS and SuperMap. Every style layer drawing the table
// becomes rules; a ["match", ["get", f], ...] or ["palette", ["get", f]]
// becomes one rule per value, with the legend's label (the palette's Chinese
// grade names) as the rule's name. Zoom ranges become scale ranges
// (denominator 559082264 / 2^zoom, the web-map convention). Icon images are
// not translated (QGIS draws those layers' circles where the style has them).
#include <ogr_core.h>

#include <string>
#include <vector>

#include "riskmap/render/Style.hpp"

namespace riskmap::qgis {

enum class GeometryFamily { Points, Lines, Polygons };

GeometryFamily familyOf(OGRwkbGeometryType type);

// The style layers that draw `table` (a logical table) for features of `family`, in drawing order.
std::vector<const StyleLayer*> layersDrawing(const Style& style, const std::string& table, GeometryFamily family);

struct TableStyle {
  std::string renderer;  // <renderer-v2>, to embed in a QML or a project's <maplayer>
  std::string labeling;  // <labeling>, or empty
  std::string qml;       // the whole QML document
  std::string sld;       // the whole SLD document
};

// The table's style from `layers` (as layersDrawing returns them); `name` names the SLD layer.
TableStyle tableStyle(const Style& style, const std::vector<const StyleLayer*>& layers, GeometryFamily family,
                      const std::string& name);

std::string xmlEscape(const std::string& s);

}  // namespace riskmap::qgis
