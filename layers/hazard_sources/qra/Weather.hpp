#pragma once
// The weather a QRA integrates over: Pasquill stability classes with their
// wind speed and share of the time, and the wind rose (qra.toml [weather],
// or the project's [rules.hazard_sources.qra.weather]).
#include "IndividualRisk.hpp"

#include <string>
#include <vector>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

struct WeatherTable {
  std::string name;                       // for outputs: where the table came from
  bool isDefault = true;                  // riskmap's default, not the county's climatology
  std::vector<WeatherDirection> cases;    // every class x direction sector
};

// Throws UserError naming the rules file when shares do not sum to 1
// (within 1 %) or a class is malformed.
WeatherTable weatherTable(const Rules& qra, bool isDefault);

}  // namespace riskmap::qra
