#pragma once
// relocation.toml as the relocation review uses it: the dense-area test,
// the ranking's priority keys and the rules a destination must keep.
#include <map>
#include <string>
#include <vector>

#include "riskmap/assess/Rules.hpp"

namespace riskmap::relocation {

enum class PriorityKey { Level, SensitiveTargets, PeopleExternalSafety, People500m, OutsidePark };

struct RelocationRules {
  std::string source;  // the file, for messages
  double denseRadiusM = 1000, denseMinPerKm2 = 3000;
  std::vector<PriorityKey> priority;
  std::vector<std::string> sensitiveKinds;
  bool requirePark = true;
  std::vector<std::string> forbiddenParkGrades;
  std::vector<std::string> otherPlantRings;
  bool targetsInExternalSafety = true;
  std::map<std::string, double> minTargetDistanceM;  // target kind -> metres

  // Throws UserError naming the file and key at fault.
  static RelocationRules from(const Rules& rules);
};

const char* priorityKeyName(PriorityKey key);

}  // namespace riskmap::relocation
