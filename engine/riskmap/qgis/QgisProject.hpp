#pragma once
// The one library as one QGIS map: every feature table gets its default
// style from the map style (layer_styles: QML and SLD), and a QGIS project
// is stored inside the GeoPackage (the qgis_projects table QGIS reads:
// name, metadata, content = the .qgz bytes hex-encoded, as QGIS's
// QgsGeoPackageProjectStorage writes them), its layers in the style's
// drawing order, the ones the style hides unchecked. Opening
// geopackage:<library>?projectName=<name> in QGIS shows the map as riskmap draws it.
// In a PostGIS library the same project goes into <schema>.qgis_projects and
// the styles into public.layer_styles, as QGIS stores them there, its layers
// read by QGIS's postgres provider (qgis/PostgresStorage); QGIS opens it as
// postgresql://...?dbname=<db>&schema=<schema>&project=<name>.
#include <string>
#include <vector>

#include "riskmap/render/Style.hpp"

class GDALDataset;

namespace riskmap::qgis {

struct ProjectLayer {
  std::string table;
  bool visible = false;  // drawn by a visible style layer
};

struct Publication {
  std::string projectName;
  std::vector<ProjectLayer> layers;  // top of the map first, as QGIS's layer tree lists them
};

// `libraryFile` is the GeoPackage's file name as the project names it (beside the project: ./<file>);
// for a PostGIS library only the stem of the .qgs inside the project.
Publication publishToQgis(GDALDataset& ds, const Style& style, const std::string& libraryFile,
                          const std::string& projectName, const std::string& title);

}  // namespace riskmap::qgis
