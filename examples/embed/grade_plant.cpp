// Grades one plant by GB 18218-2018 with riskmap's engine: 12 t of liquid
// chlorine and 30 t of ammonia, 120 people within the exposure radius.
// Usage: grade_plant [gb18218.toml]   (default: the installed rules)
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "hazard_sources/Gb18218.hpp"
#include "riskmap/assess/Rules.hpp"

int main(int argc, char** argv) {
  try {
    const std::string rulesFile =
        argc > 1 ? argv[1] : std::string(RISKMAP_DATA_DIR) + "/layers/hazard_sources/gb18218.toml";
    const riskmap::Rules rules = riskmap::Rules::load(rulesFile);
    const riskmap::Gb18218 gb18218(rules);
    const riskmap::Gb18218Result r =
        gb18218.grade({{"液氯", "", 12, std::nullopt}, {"氨", "", 30, std::nullopt}}, 120);
    for (const riskmap::ItemFigures& i : r.items)
      std::printf("%-10s q = %6.1f t  Q = %6.1f t  beta = %.1f  (%s)\n", i.substance.c_str(), i.q, i.Q, i.beta,
                  i.matchedBy.c_str());
    std::printf("S = %.2f, R = %.2f (alpha %.1f): level %d\n", r.sumQ, r.R, r.alpha, r.level);
    return r.level > 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grade_plant: %s\n", e.what());
    return 2;
  }
}
