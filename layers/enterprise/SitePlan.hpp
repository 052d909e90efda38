#pragma once
// The site plan (厂区平面布置图) read through GDAL: a CAD drawing (DXF, its
// entities sorted into roles by their CAD layer) or a GeoPackage (one table
// per role). Units (生产单元, 装置, 罐区, 库房...) are the closed shapes of the
// units and tanks layers, each named by the text inside it (DXF) or by its
// id field (GeoPackage); closed polylines count as areas.
#include <map>
#include <string>
#include <vector>

#include "Georeference.hpp"
#include "PlantConfig.hpp"

namespace riskmap::enterprise {

// A geometry in plain coordinates: points, lines, or area rings (drawn even-odd).
struct PlanShape {
  enum class Kind { Point, Line, Area } kind = Kind::Line;
  std::vector<std::vector<PlanXY>> parts;
};

struct PlanFeature {
  PlanRole role;
  PlanShape shape;
  std::string label;  // text inside a unit, an assembly point's name
};

struct PlanUnit {
  std::string id;
  PlanRole role = PlanRole::Units;  // Units or Tanks
  PlanShape shape;
  PlanXY anchor;                    // a point inside it, where its risk points are numbered
};

struct SitePlan {
  std::string source;
  std::string crsWkt;                 // the GeoPackage's own projected CRS; empty for DXF
  std::vector<PlanFeature> features;  // everything drawn, units included
  std::vector<PlanUnit> units;
  std::vector<std::string> unusedLayers;  // layers of the drawing no role names (reported)

  // Throws UserError naming the file (and layer, feature) when it cannot be read,
  // has no units, or names one unit twice.
  static SitePlan read(const PlantConfig& plant);

  const PlanUnit* findUnit(const std::string& id) const;
  // Every coordinate through t (plan to map).
  void transform(const Similarity& t);
  // The extent of every feature: minx, miny, maxx, maxy.
  std::array<double, 4> extent() const;
};

}  // namespace riskmap::enterprise
