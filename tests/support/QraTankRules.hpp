#pragma once
// The QRA rules of a hand-solved gasoline tank (QraFireTest, QraParkTest):
// its only LOC the total loss at `frequency` per year, tau = 1 (no
// humidity, 20 C), 2 m cells, an existing installation judged against the
// highly sensitive class. Needs RISKMAP_LAYERS_DIR.
#include <string>

#include <toml++/toml.h>

#include "riskmap/assess/Rules.hpp"

namespace riskmap::test {

inline Rules qraTankRules(double frequency) {
  const toml::table overrides = toml::parse(std::string(R"(
[qra.assess]
cell_m = 2.0
max_cells = 4000000
installation = "existing"
external_safety_class = "highly_sensitive"
[qra.flammable.atmosphere]
relative_humidity = 0.0
temperature_c = 20.0
[[qra.loc]]
equipment = "atmospheric_tank"
kind = "instantaneous"
verified = false
source = "test"
frequency = )") + std::to_string(frequency) + "\n");
  return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml", &overrides);
}

}  // namespace riskmap::test
