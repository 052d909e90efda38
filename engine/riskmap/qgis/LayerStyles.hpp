#pragma once
// QGIS's layer_styles table in a GeoPackage: a layer's default style (QML,
// and SLD for GeoServer, ArcGIS and SuperMap), read by QGIS when the table
// is opened on its own.
#include <string>

class GDALDataset;

namespace riskmap::qgis {

struct LayerStyle {
  std::string table, geometryColumn = "geom";
  std::string name, description;
  std::string qml, sld;
};

// Writes the table's default style, replacing the one there (creates layer_styles if needed).
void writeLayerStyle(GDALDataset& ds, const LayerStyle& style);

}  // namespace riskmap::qgis
