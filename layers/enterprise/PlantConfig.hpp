#pragma once
// The plants file ([enterprise] plants in the project): per enterprise its
// name, site plan, risk point register, how the plan sits on the map, and
// which of the plan's layers hold what (docs/enterprise-map.md).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "Georeference.hpp"
#include "RiskPoint.hpp"

namespace riskmap::enterprise {

// What a site plan layer is drawn as.
enum class PlanRole { Buildings, Units, Tanks, Roads, Fences, Evacuation, Assembly };
const char* planRoleName(PlanRole r);  // "buildings", ...

struct PlantConfig {
  std::string id, name, phone;  // phone: the enterprise's emergency number (每点未填时)
  std::string sitePlan, sitePlanLayer;      // any GDAL vector source; DXF or GeoPackage
  std::string registerSource, registerLayer, registerEncoding;  // encoding empty: UTF-8 or GB18030 detected
  std::vector<std::string> registerOpenOptions;
  Method method = Method::Lec;              // for register rows that do not name one
  std::string crs;                          // the map CRS of origin and control points; empty: not georeferenced
  std::optional<PlanXY> origin;
  double rotationDeg = 0;
  std::vector<ControlPoint> controlPoints;
  std::optional<double> maxResidualM;       // overrides the rules' georeference.max_residual_m
  std::map<PlanRole, std::vector<std::string>> layers;  // DXF layer names (or GeoPackage tables) per role
  std::string unitIdField = "unit_id";      // GeoPackage: the units' id field (DXF: text inside the unit)

  bool georeferenced() const { return origin.has_value() || !controlPoints.empty(); }
};

struct PlantsFile {
  std::filesystem::path file;
  std::vector<PlantConfig> plants;

  // Throws UserError naming the file, plant and key.
  static PlantsFile load(const std::filesystem::path& file);
  const PlantConfig& find(const std::string& id) const;  // UserError listing the ids known
};

}  // namespace riskmap::enterprise
