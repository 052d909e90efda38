#pragma once
// QGIS's layer_styles table: a layer's default style (QML, and SLD for
// GeoServer, ArcGIS and SuperMap), read by QGIS when the table is opened on
// its own. In a GeoPackage, the file's own layer_styles; in PostGIS, QGIS's
// public.layer_styles (qgis/PostgresStorage).
#include <string>

class GDALDataset;

namespace riskmap::qgis {

struct LayerStyle {
  std::string table, geometryColumn = "geom";
  std::string name, description;
  std::string qml, sld;
  std::string geometryType;  // QGIS's name of the family: "Point", "Line", "Polygon" (PostGIS's `type` column)
};

// Writes the table's default style, replacing the one there (creates layer_styles if needed).
// In PostGIS, other styles of the table stay, no longer the default (as QGIS's "save as default").
void writeLayerStyle(GDALDataset& ds, const LayerStyle& style);

}  // namespace riskmap::qgis
