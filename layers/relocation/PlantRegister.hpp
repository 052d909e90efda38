#pragma once
// The plants and parks of the one library as the relocation review sees
// them after assess: each plant (kind hazard_sources) with its site, its
// attributes and its baseline figures (grade, R, alpha, rings with the
// people and targets inside), each park (kind chemical_parks) with its
// boundary and grade.
#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "riskmap/library/Location.hpp"

#include "riskmap/assess/Assessment.hpp"

namespace riskmap {
class LayerRegistry;
}

namespace riskmap::relocation {

inline constexpr const char* kPlantKind = "hazard_sources";
inline constexpr const char* kParkKind = "chemical_parks";

// One footprint ring of a plant with what lies inside it.
struct Ring {
  std::string ring;        // "exposure_500m", "external_safety"
  double distanceM = 0;
  double people = 0;
  long long households = 0, buildings = 0;
  std::map<std::string, long long> targets;  // by kind
  std::string zoneGrade;   // regional grade of the ring ("major"...), empty: none
  std::shared_ptr<const OGRGeometry> geometry;
};

// A plant's grade and rings: the baseline's, or a scenario's after a move.
struct PlantFigures {
  std::string grade;       // "1".."4", "not major", "ungraded"
  int level = 0;           // 1..4; 0 not major; -1 ungraded
  double R = 0, alpha = 0, S = 0, people500 = 0;
  nlohmann::json figures = nlohmann::json::object();  // as assess wrote them (items: the inventory)
  std::string rule;
  std::vector<Ring> rings;

  const Ring* ring(const std::string& name) const;
  double peopleIn(const std::string& ring) const;     // 0 when the plant has no such ring
  long long targetsOf(const std::vector<std::string>& kinds) const;  // the most in any one ring
};

// A plant's grade figures as its kind wrote them (source_grades.figures), rings not included.
PlantFigures plantFigures(const std::string& grade, const std::string& rule, const nlohmann::json& figures);

// The centre of a site or park (its centroid).
OGRPoint centreOf(const OGRGeometry& g);

struct Plant {
  std::string layer, id, name;
  SourceFeature feature;                       // attributes; geometry points at site
  std::shared_ptr<const OGRGeometry> site;     // analysis CRS
  bool inParkFlag = false;                     // the layer's in_park = 1
  PlantFigures baseline;
};

struct Park {
  std::string layer, id, name, grade;
  std::shared_ptr<const OGRGeometry> boundary;
};

class PlantRegister {
 public:
  // Reads the library; UserError when it has no plants or has not been assessed.
  static PlantRegister read(const library::Location& library, const LayerRegistry& kinds);

  const std::vector<Plant>& plants() const { return plants_; }
  const std::vector<Park>& parks() const { return parks_; }
  const OGRSpatialReference& crs() const { return crs_; }
  const Plant& plant(const std::string& id) const;    // UserError naming the id and where it was looked for
  const Park* park(const std::string& id) const;      // nullptr when no park has this id
  const Park* parkContaining(const OGRGeometry& site) const;  // the park the site lies in (its centre for a site polygon)

 private:
  std::vector<Plant> plants_;
  std::vector<Park> parks_;
  OGRSpatialReference crs_;
};

}  // namespace riskmap::relocation
