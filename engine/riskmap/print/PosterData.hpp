#pragma once
// What a poster says about the area, read from the one library after
// assess: per-grade figures from risk_zones and footprints, the top
// sources of one kind from source_grades, the study area and the
// locator's context, in the map's CRS.
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <memory>
#include <string>
#include <vector>

#include "riskmap/print/PosterTemplate.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

struct GradeFigures {
  RiskGrade grade;
  double areaKm2 = 0, people = 0;
  int sources = 0;  // sources whose most severe footprint zone has this grade
};

struct ListedSource {
  std::string name, grade;  // grade as the kind writes it ("1")
  double figure = 0;        // the template's figure (R), NaN if the grade has none
  bool incomplete = false;  // graded on exposure data that did not cover its zones
};

struct PosterData {
  OGRSpatialReference crs;                  // the map's CRS (risk_zones', by default)
  std::string crsText;                      // "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)"
  std::unique_ptr<OGRGeometry> studyArea;   // in crs
  std::vector<GradeFigures> grades;         // major first
  std::vector<ListedSource> sources;        // most severe first, then by figure
  std::vector<std::unique_ptr<OGRGeometry>> context;  // locator polygons, in crs
  std::string dataDate;
  int incompleteSources = 0;                // sources of any kind marked incomplete by assess

  // Throws UserError when the library has not been assessed or lacks the study area.
  static PosterData read(const Project& project, const PosterTemplate& layout, const std::string& crs = {});
};

}  // namespace riskmap
