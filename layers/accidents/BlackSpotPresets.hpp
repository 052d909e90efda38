#pragma once
// Black-spot criteria as named presets (accidents.toml, [presets.<name>]),
// chosen in the project with [rules.accidents] preset = "<name>". A preset
// holds the period, the black-segment window and the black-spot cluster,
// each with its BlackCriteria.
#include <string>

#include "BlackSpots.hpp"
#include "riskmap/assess/Rules.hpp"

namespace riskmap {

struct BlackSpotPreset {
  std::string name;
  std::string description;
  std::string standard;          // where the numbers come from
  bool riskmapDefault = false;   // riskmap's own default, not a published rule
  int periodYears = 3;           // the period: (latest date - years, latest date]
  BlackSegmentRules segments;
  BlackSpotRules spots;

  // "preset riskmap_default (riskmap default)" / "preset city_fatal_injury"
  std::string label() const;
  std::string labelZh() const;  // "规则 riskmap_default（riskmap 默认值）"
};

// The preset the rules choose (`preset`); UserError naming the rules file,
// the preset and the key at fault (unknown preset, unknown key, a number
// out of range, no threshold at all, the pre-preset [black_spot] tables).
BlackSpotPreset chosenPreset(const Rules& rules);
BlackSpotPreset presetNamed(const Rules& rules, const std::string& name);

}  // namespace riskmap
