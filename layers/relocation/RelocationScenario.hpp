#pragma once
// Runs a relocation scenario: each moved plant reassessed at its
// destination by its own kind (GB 18218: alpha from the people round the
// new site, so R and the level change), its rings measured, the
// destination checked against the rules, and the four-colour map redone
// from the scenario's footprints; written to scenario_<name>_* tables,
// the baseline untouched. Before, after and change for every figure.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "PlantRegister.hpp"
#include "RelocationRules.hpp"
#include "ScenarioSpec.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {
class LayerRegistry;
class ExposureQueries;
}

namespace riskmap::relocation {

// A destination rule broken: its key in relocation.toml's terms and the words.
struct Flag {
  std::string rule;   // outside_park, park_grade, in_other_ring, target_in_ring, target_too_close, incomplete_data
  std::string text;   // English, for the terminal and the CSV
  std::string zh;     // Chinese, for the report
};

// A protected target inside one of a plant's rings.
struct NearbyTarget {
  std::string name, kind, ring;  // ring: the innermost ring it lies in
  double distanceM = 0;          // from the site
};

struct MovedPlant {
  const Plant* plant = nullptr;
  Move move;
  const Park* park = nullptr;                   // the park the new site lies in; nullptr: none
  std::shared_ptr<const OGRGeometry> newSite;   // analysis CRS
  double distanceM = 0;                         // how far its centre moved
  std::string siting;                           // how the site in the park was chosen (park destinations)
  PlantFigures after;
  std::vector<Flag> flags;
  std::vector<NearbyTarget> targetsBefore, targetsAfter;
};

struct AreaChange {
  std::string area;   // "" for the whole study area, else the township
  RiskGrade grade;
  double areaBefore = 0, areaAfter = 0, peopleBefore = 0, peopleAfter = 0;  // km², people
};

struct ScenarioResult {
  ScenarioSpec spec;
  std::vector<MovedPlant> moves;
  std::vector<AreaChange> grades;      // the study area, major first
  std::vector<AreaChange> townships;   // per township and grade
  std::vector<std::string> tables;     // written into the one library
  std::string library;  // Location::displayName()
};

ScenarioResult runScenario(const Project& project, const LayerRegistry& kinds, const std::filesystem::path& rulesDir,
                           const ScenarioSpec& spec, const PlantRegister& plants, ExposureQueries& exposure,
                           const RelocationRules& rules);

// The other plants' rings a destination must stay out of.
struct OtherRing {
  const Plant* plant;
  std::string ring;
  std::shared_ptr<const OGRGeometry> geometry;
};

std::vector<Flag> checkDestination(const MovedPlant& move, const std::vector<OtherRing>& others,
                                   ExposureQueries& exposure, const RelocationRules& rules);

}  // namespace riskmap::relocation
