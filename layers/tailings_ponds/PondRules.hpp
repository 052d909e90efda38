#pragma once
// The rules of tailings ponds as functions of rules-file data
// (tailings_ponds.toml): the class (等别) by capacity and dam height, the
// four-colour grade by state and class, and the dam-break run-out length.
#include <string>

#include "riskmap/assess/Rules.hpp"

namespace riskmap::tailings {

struct PondClass {
  int byCapacity = 0, byHeight = 0;
  int cls = 0;       // 1 (一等) .. 5 (五等)
  std::string rule;  // in words, with the numbers
  std::string ruleZh;  // the same in Chinese
};

// capacity in 10^4 m3 (全库容), height in m (坝高).
PondClass pondClass(double capacity1e4m3, double heightM, const Rules& rules);

// "一等" .. "五等"
std::string className(int cls);

// The four-colour grade ("major", "high", "moderate", "low") for a state
// (正常库/病库/险库/危库) and class; throws UserError for a state the table lacks.
std::string stateGrade(const std::string& state, int cls, const Rules& rules);

// A grade raised by steps (capped at major).
std::string raiseGrade(const std::string& grade, int steps);

struct Runout {
  std::string relation;     // "rico2008"
  double storedMm3 = 0;     // V_T, 10^6 m3
  double releasedMm3 = 0;   // V_F, 10^6 m3
  double damFactor = 0;     // H_f
  double lengthKm = 0;      // D_max
  std::string rule;
};

// The run-out by the rules' relation, from the volume stored at failure
// (10^4 m3, as the capacity is given) and the dam height (m).
Runout runout(double stored1e4m3, double heightM, const Rules& rules);

}  // namespace riskmap::tailings
